// Real disk faults: a full disk (a 2 MiB tmpfs mounted by the test) and a file-size limit (ulimit -f, EFBIG).
// A failed write is never acknowledged, leaves the previous version readable before and after a restart, leaves no
// temp file, and changes nothing in memory.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { TokenTable, VivantServer } from "../../src/server/index.js";
import { GraphStore } from "../../src/store/index.js";
import { call, selectRows } from "../server/helpers.js";
import { FAULT_GRAPH, faultQuads } from "./fault-child.js";
import { CORE_VALID_TURTLE } from "../helpers/turtle.js";

const GRAPH = "https://theatre-x.example/graph";
const TOKEN = "disk-faults-token-0123456789";
const root = mkdtempSync(join(tmpdir(), "vivant-faults-"));
const mountPoint = join(root, "tmpfs");
mkdirSync(mountPoint);
// Root on Linux can mount a small tmpfs; elsewhere (no privileges) the full-disk test is skipped, except in CI.
const mounted =
  spawnSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint], { stdio: "ignore" }).status === 0;
afterAll(() => {
  if (mounted) spawnSync("umount", [mountPoint], { stdio: "ignore" });
  rmSync(root, { recursive: true, force: true });
});

/** A performance that passes the core profile (the shared fixture). */
const SEED = CORE_VALID_TURTLE;

/** The seed and 20,000 keywords: about 3.4 MB once stored, more than the 2 MiB disk. */
function bigGraph(): string {
  const pad = "x".repeat(80);
  const lines = Array.from({ length: 20_000 }, (_, i) => `"keyword ${i} ${pad}"`);
  return `${SEED}\n<https://theatre-x.example/production/berenice> schema:keywords ${lines.join(",\n  ")} .\n`;
}

const gs = `graph-store?graph=${encodeURIComponent(GRAPH)}`;
const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "text/turtle" };
const tempFiles = (dataDir: string): string[] =>
  readdirSync(join(dataDir, "graphs")).filter((f) => f.startsWith(".tmp-"));

async function names(base: string): Promise<string[]> {
  return (await selectRows(base, `SELECT ?n WHERE { GRAPH <${GRAPH}> { ?s <http://schema.org/name> ?n } }`))
    .map((r) => r.n!)
    .sort();
}

async function serve(dataDir: string): Promise<VivantServer> {
  return VivantServer.start({
    port: 0,
    dataDir,
    tokens: TokenTable.fromEntries([{ token: TOKEN, publisher: "theatre-x", graph: GRAPH, licence: "cc-by-4.0" }]),
  });
}

describe.skipIf(!mounted && !process.env.CI)("a full disk (2 MiB tmpfs)", () => {
  it("answers a PUT that does not fit with 507, keeps the previous version (also after a restart), leaves no temp file", async () => {
    expect(mounted, "mount -t tmpfs must work in CI (run as root)").toBe(true);
    const dataDir = join(mountPoint, "data");
    let server = await serve(dataDir);
    try {
      expect((await call(server.url, gs, { method: "PUT", headers, body: SEED })).status).toBe(201);
      const before = await names(server.url);
      expect(before).toContain("Bérénice");
      const version = server.graphs()[0]!.version;

      const t0 = performance.now();
      const full = await call(server.url, gs, { method: "PUT", headers, body: bigGraph() });
      console.log(`full-disk PUT answered ${full.status} in ${Math.round(performance.now() - t0)} ms`);
      expect(full.status).toBe(507);
      expect(full.type).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(full.text) as {
        code: string;
        status: number;
        title: string;
        detail: string;
        hint: string;
      };
      expect(problem).toMatchObject({ code: "store/no-space", status: 507, title: "Insufficient Storage" });
      expect(problem.detail).toMatch(/ENOSPC/);
      expect(problem.hint).toMatch(/free space/);
      // Nothing changed: the old file, the catalog facts, what the query workers answer.
      expect(tempFiles(dataDir)).toEqual([]);
      expect(server.graphs()[0]!.version).toBe(version);
      expect(await names(server.url)).toEqual(before);
      const get = await call(server.url, gs, { headers: { accept: "application/n-triples" } });
      expect(get.text).not.toContain("keyword 1 ");
      // The space of the failed write is free again: a small write goes through.
      const post = await call(server.url, gs, {
        method: "POST",
        headers: { ...headers, "content-type": "application/n-triples" },
        body: '<https://theatre-x.example/production/berenice> <http://schema.org/keywords> "after" .\n',
      });
      expect(post.status).toBe(204);
      await server.close();

      const warnings: string[] = [];
      server = await VivantServer.start({ port: 0, dataDir, tokens: new TokenTable(), log: (l) => warnings.push(l) });
      expect(warnings).toEqual([]);
      expect(existsSync(join(dataDir, "quarantine"))).toBe(false);
      expect(await names(server.url)).toEqual(before);
      expect(server.graphs()[0]!.version).toBe(version + 1);
    } finally {
      await server.close();
    }
  });
});

const CHILD = fileURLToPath(new URL("./fault-child.ts", import.meta.url));
const TS = new URL("../../src/server/dev/ts-register.mjs", import.meta.url).href;

/** Runs the fault child under `ulimit -f` (in 512-byte blocks): files past the limit fail with EFBIG. */
function underFileLimit(dataDir: string, blocks: number): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      "bash",
      ["-c", `ulimit -f ${blocks} && exec "$0" --import "$1" "$2" "$3"`, process.execPath, TS, CHILD, dataDir],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => resolve({ code, out, err }));
  });
}

describe("a file-size limit (EFBIG)", () => {
  it("fails the replace with store/io (500), keeps the previous version in memory and on disk", async () => {
    const dataDir = join(root, "efbig");
    const r = await underFileLimit(dataDir, 2048); // 1 MiB
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const lines = r.out.trim().split("\n");
    // The child wrote version 1, then the big version 2 failed: EFBIG, status 500, and its store still answers version 1.
    expect(lines[0]).toBe("ok 1");
    expect(JSON.parse(lines[1]!)).toMatchObject({
      name: "StorageError",
      code: "store/io",
      status: 500,
      errno: "EFBIG",
    });
    expect(lines[2]).toBe(`after ${faultQuads(1).length} 1`);
    expect(tempFiles(dataDir)).toEqual([]);
    const store = await GraphStore.open({ dataDir, onWarning: (w) => expect.fail(w) });
    try {
      expect(store.graph(FAULT_GRAPH)?.version).toBe(1);
      const n = await store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${FAULT_GRAPH}> { ?s ?p ?o } }`);
      expect(Number(n.bindings[0]!.n!.value)).toBe(faultQuads(1).length);
    } finally {
      await store.close();
    }
  });
});

describe("entries of graphs/ that are not graph files", () => {
  it("reports a folder named x.nt and a link, skips them, and loads the real graphs (store, writer, server)", async () => {
    const dataDir = join(root, "odd");
    const store = await GraphStore.open({ dataDir });
    await store.replaceGraph(FAULT_GRAPH, faultQuads(1), { licence: "cc0-1.0" });
    await store.close();
    mkdirSync(join(dataDir, "graphs", "x.nt"));
    symlinkSync("/dev/null", join(dataDir, "graphs", "null.nt"));
    const warnings: string[] = [];
    const again = await GraphStore.open({ dataDir, onWarning: (w) => warnings.push(w) });
    try {
      expect(again.graph(FAULT_GRAPH)?.triples).toBe(100);
    } finally {
      await again.close();
    }
    expect(warnings).toHaveLength(2);
    expect(warnings.find((w) => w.includes("x.nt"))).toMatch(/x\.nt is not a graph file \(a directory\): skipped/);
    expect(warnings.find((w) => w.includes("null.nt"))).toMatch(/a symbolic link/);
    const logs: string[] = [];
    const server = await VivantServer.start({ port: 0, dataDir, log: (l) => logs.push(l) });
    try {
      expect(server.graphs().map((g) => g.graphIri)).toEqual([FAULT_GRAPH]);
      expect(
        (await selectRows(server.url, `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${FAULT_GRAPH}> { ?s ?p ?o } }`))[0]!.n,
      ).toBe("100");
    } finally {
      await server.close();
    }
    // Reported by the writer and by each query worker; nothing moved, nothing deleted.
    expect(logs.filter((l) => l.includes("x.nt is not a graph file")).length).toBeGreaterThanOrEqual(2);
    expect(existsSync(join(dataDir, "graphs", "x.nt"))).toBe(true);
    expect(existsSync(join(dataDir, "quarantine"))).toBe(false);
  });
});
