// Dumps: per graph, versioned N-Quads (gzip) and Turtle with a manifest (byte size, triples, SHA-256, licence,
// version, modified), a dump of the whole server, made atomically (a damaged graph file leaves nothing behind),
// streamed in pieces (a graph of several MiB, lines across piece boundaries), served at /dumps/ and by `vivant dump`.
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataFactory, Parser } from "n3";
import type { Quad } from "@rdfjs/types";
import type { VivantServer } from "../../src/server/index.js";
import { GraphWriter } from "../../src/store/writer.js";
import { dumpAll, dumpGraph, dumpsDir, readManifest } from "../../src/dataspace/dumps.js";
import { graphFileName, graphsDir } from "../../src/store/files.js";
import { runCli } from "../helpers/cli.js";
import { call, DEMO_GRAPH, demoServer, selectRows } from "../server/helpers.js";

const { namedNode, literal, quad, blankNode } = DataFactory;
const OTHER = "https://theatre-x.example/graph";
const S = "http://schema.org/";

interface Listed {
  graph: string;
  id: string;
  licence: string;
  files: {
    path: string;
    url: string;
    byteSize: number;
    triples: number;
    sha256: string;
    version: number;
    modified: string;
  }[];
}

let server: VivantServer;
let base: string;
const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), "vivant-dumps-"));
  dirs.push(d);
  return d;
};
const otherQuads = (n: number, tag: string): Quad[] =>
  Array.from(
    { length: n },
    (_, i) =>
      quad(
        namedNode(`https://theatre-x.example/performance/${i}`),
        namedNode(`${S}name`),
        literal(`${tag} ${i} « é »`, "fr"),
      ) as Quad,
  );

beforeAll(async () => {
  ({ server } = await demoServer({ dataDir: tempDir() }));
  base = server.url;
  await server.replaceGraph(OTHER, otherQuads(5, "v1"), {
    publisherId: "theatre-x",
    licence: "cc-by-4.0",
    title: "Théâtre X",
  });
});
afterAll(async () => {
  await server?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const key = (q: Quad): string =>
  `${q.subject.termType === "BlankNode" ? "_" : q.subject.value} ${q.predicate.value} ${q.object.termType === "BlankNode" ? "_" : q.object.termType === "Literal" ? JSON.stringify([q.object.value, q.object.language, q.object.datatype.value]) : q.object.value}`;
const sorted = (qs: readonly Quad[]): string[] => qs.map(key).sort();

async function listing(): Promise<Listed[]> {
  const a = await call(base, "dumps/");
  expect(a.status).toBe(200);
  return (JSON.parse(a.text) as { datasets: Listed[] }).datasets;
}

async function download(url: string): Promise<{ bytes: Buffer; headers: Headers }> {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  return { bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

describe("dumps", () => {
  it("gives each graph an N-Quads (gzip) and a Turtle file whose manifest facts are the files' own, with the graph's triples", async () => {
    const list = await listing();
    expect(list.map((d) => d.graph).sort()).toEqual(["urn:vivant:all", DEMO_GRAPH, OTHER].sort());
    const demo = list.find((d) => d.graph === DEMO_GRAPH)!;
    const info = server.graphs().find((g) => g.graphIri === DEMO_GRAPH)!;
    expect(demo.licence).toBe(info.licenceIri);
    // The graph as the Graph Store sends it, the reference the dumps are compared with.
    const gsp = new Parser({ format: "application/n-triples" }).parse(
      (
        await call(base, `graph-store?graph=${encodeURIComponent(DEMO_GRAPH)}`, {
          headers: { accept: "application/n-triples" },
        })
      ).text,
    );
    expect(gsp.length).toBe(info.triples);
    for (const f of demo.files) {
      const { bytes, headers } = await download(f.url);
      expect(bytes.length).toBe(f.byteSize);
      expect(Number(headers.get("content-length"))).toBe(f.byteSize);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(f.sha256);
      expect(headers.get("etag")).toBe(`"${f.sha256}"`);
      expect([f.version, f.triples, f.modified]).toEqual([info.version, info.triples, info.modified]);
      const quads = f.path.endsWith(".nq.gz")
        ? new Parser({ format: "application/n-quads" }).parse(gunzipSync(bytes).toString("utf8"))
        : new Parser({ format: "text/turtle" }).parse(bytes.toString("utf8"));
      expect(quads.length, f.path).toBe(info.triples);
      if (f.path.endsWith(".nq.gz")) expect(new Set(quads.map((q) => q.graph.value))).toEqual(new Set([DEMO_GRAPH]));
      expect(sorted(quads), f.path).toEqual(sorted(gsp));
    }
    const all = list.find((d) => d.id === "all")!;
    const everything = new Parser({ format: "application/n-quads" }).parse(
      gunzipSync((await download(all.files[0]!.url)).bytes).toString("utf8"),
    );
    expect(everything.length).toBe(server.graphs().reduce((n, g) => n + g.triples, 0));
    expect(new Set(everything.map((q) => q.graph.value))).toEqual(new Set([DEMO_GRAPH, OTHER]));
  });

  it("the manifest is JSON-LD: each file a dcat:Distribution with byte size, SHA-256 checksum, licence, version", async () => {
    const res = await call(base, "dumps/theatre-x/manifest.json");
    const doc = JSON.parse(res.text) as Record<string, unknown>;
    const jsonld = (await import("jsonld")).default;
    // eslint-disable-next-line @typescript-eslint/await-thenable -- jsonld.toRDF returns a promise; its types are cast away here
    const nq = (await jsonld.toRDF(
      { ...doc, "@context": doc["@context"] } as never,
      { format: "application/n-quads", base: `${base}dumps/theatre-x/manifest.json` } as never,
    )) as unknown as string;
    const quads = new Parser({ format: "application/n-quads" }).parse(nq);
    const dists = quads.filter(
      (q) => q.predicate.value === "http://www.w3.org/ns/dcat#distribution" && q.subject.value === OTHER,
    );
    expect(dists.length).toBe(2);
    const values = (p: string) => quads.filter((q) => q.predicate.value === p).map((q) => q.object.value);
    expect(values("http://www.w3.org/ns/dcat#downloadURL").sort()).toEqual([
      `${base}dumps/theatre-x/theatre-x-v1.nq.gz`,
      `${base}dumps/theatre-x/theatre-x-v1.ttl`,
    ]);
    expect(values("http://spdx.org/rdf/terms#checksumValue")).toHaveLength(2);
    expect(values("http://purl.org/dc/terms/license")).toEqual(["https://creativecommons.org/licenses/by/4.0/"]);
  });

  it("versions the files at each write, keeps the last three versions, serves 304 on If-None-Match and redirects latest", async () => {
    const first = (await listing()).find((d) => d.graph === OTHER)!.files.find((f) => f.path.endsWith(".nq.gz"))!;
    // Dumps are made when asked for (GET /dumps/, the catalog, vivant dump): here after each write.
    for (const tag of ["v2", "v3", "v4"]) {
      await server.replaceGraph(OTHER, otherQuads(7, tag), {
        publisherId: "theatre-x",
        licence: "cc-by-4.0",
        title: "Théâtre X",
      });
      expect((await listing()).find((d) => d.graph === OTHER)!.files[0]!.path).toContain(`-${tag}.`);
    }
    const other = (await listing()).find((d) => d.graph === OTHER)!;
    expect([...new Set(other.files.map((f) => f.version))]).toEqual([4, 3, 2]);
    expect((await call(base, first.path)).status).toBe(404);
    const v4 = other.files.find((f) => f.version === 4 && f.path.endsWith(".ttl"))!;
    const turtle = new Parser().parse((await download(v4.url)).bytes.toString("utf8"));
    expect(turtle.map((q) => q.object.value)).toContain("v4 6 « é »");
    expect((await call(base, v4.path, { headers: { "if-none-match": `"${v4.sha256}"` } })).status).toBe(304);
    const latest = await fetch(`${base}dumps/theatre-x/latest.ttl`, { redirect: "manual" });
    expect(latest.status).toBe(307);
    expect(latest.headers.get("location")).toBe(`/${v4.path}`);
    expect(readdirSync(join(dumpsDir(server.writer.dataDir!), "theatre-x")).sort()).toEqual(
      ["manifest.json", ...other.files.map((f) => f.path.split("/").pop()!)].sort(),
    );
  });

  it("serves only files a manifest lists (no path out of the dumps), 404 otherwise, 405 for writes", async () => {
    for (const path of [
      "dumps/theatre-x/../../graphs/x.nt",
      `dumps/theatre-x/..%2F..%2Fgraphs%2F${graphFileName(OTHER)}`,
      "dumps/nobody/manifest.json",
      "dumps/theatre-x/other.ttl",
      "dumps/..%2Fgraphs/manifest.json",
      "dumps/theatre-x/latest.nq.gz/x",
    ]) {
      const a = await call(base, path);
      expect(a.status, path).toBe(404);
      expect(a.text).not.toContain("vivant-graph");
    }
    expect((await call(base, "dumps/", { method: "PUT", body: "x" })).status).toBe(405);
  });

  it("a deleted graph's dumps go with it", async () => {
    const GONE = "https://gone.example/graph";
    await server.replaceGraph(
      GONE,
      otherQuads(1, "x").map((q) => quad(namedNode("https://gone.example/x"), q.predicate, q.object) as Quad),
      { publisherId: "gone", licence: "cc0-1.0" },
    );
    expect((await listing()).some((d) => d.graph === GONE)).toBe(true);
    await server.deleteGraph(GONE);
    expect((await listing()).some((d) => d.graph === GONE)).toBe(false);
    expect((await call(base, "dumps/gone/manifest.json")).status).toBe(404);
    expect(existsSync(join(dumpsDir(server.writer.dataDir!), "gone"))).toBe(false);
  });

  it("the catalog's dump distributions are the manifest's files", async () => {
    const ttl = new Parser({ baseIRI: base }).parse(
      (await call(base, "catalog", { headers: { accept: "text/turtle" } })).text,
    );
    const downloads = ttl
      .filter((q) => q.predicate.value === "http://www.w3.org/ns/dcat#downloadURL")
      .map((q) => q.object.value);
    const files = (await listing())
      .filter((d) => d.id !== "all")
      .flatMap((d) => d.files.filter((f) => f.version === d.files[0]!.version))
      .map((f) => f.url);
    expect(downloads.sort()).toEqual(files.sort());
    const sums = ttl
      .filter((q) => q.predicate.value === "http://spdx.org/rdf/terms#checksumValue")
      .map((q) => q.object.value);
    expect(sums.length).toBe(files.length);
  });
});

describe("dumps of a data directory (vivant dump)", () => {
  it("streams a graph of several MiB in pieces (lines across piece boundaries, blank nodes) to files equal to the graph", async () => {
    const dir = tempDir();
    const writer = await GraphWriter.open(dir);
    const G = "https://big.example/graph";
    const quads: Quad[] = [];
    for (let i = 0; i < 40_000; i++) {
      const s = namedNode(`https://big.example/performance/${i}`);
      quads.push(
        quad(
          s,
          namedNode(`${S}name`),
          literal(`Représentation n° ${i} — ${"x".repeat(i % 97)} "quoted" \\ back`, "fr"),
        ),
      );
      if (i % 10 === 0)
        quads.push(
          quad(s, namedNode(`${S}offers`), blankNode(`o${i}`)),
          quad(blankNode(`o${i}`), namedNode(`${S}price`), literal(String(i))),
        );
    }
    await writer.replaceGraph(G, quads, { publisherId: "big", licence: "etalab-2.0" });
    await writer.close();
    expect(statSync(join(graphsDir(dir), graphFileName(G))).size).toBeGreaterThan(4 * 2 ** 20);
    const m = (await dumpGraph(dir, G))!;
    expect(m.files).toHaveLength(2);
    for (const f of m.files) {
      const bytes = readFileSync(join(dir, f.path));
      const parsed = f.path.endsWith(".gz")
        ? new Parser({ format: "application/n-quads" }).parse(gunzipSync(bytes).toString("utf8"))
        : new Parser().parse(bytes.toString("utf8"));
      expect(parsed.length, f.path).toBe(quads.length);
      expect(sorted(parsed), f.path).toEqual(sorted(quads));
      // Blank nodes keep their links: each offer node has its price.
      const offers = parsed.filter((q) => q.predicate.value === `${S}offers`).map((q) => q.object.value);
      const priced = new Set(parsed.filter((q) => q.predicate.value === `${S}price`).map((q) => q.subject.value));
      expect(
        offers.every((o) => priced.has(o)),
        f.path,
      ).toBe(true);
    }
    // The same version is not written again.
    const again = (await dumpGraph(dir, G))!;
    expect(again.files.map((f) => f.sha256)).toEqual(m.files.map((f) => f.sha256));
  });

  it("a damaged graph file publishes nothing: no file, no temp file, the manifest unchanged", async () => {
    const dir = tempDir();
    const writer = await GraphWriter.open(dir);
    const G = "https://damaged.example/graph";
    await writer.replaceGraph(
      G,
      otherQuads(3000, "a").map(
        (q) => quad(namedNode(q.subject.value.replace("theatre-x", "damaged")), q.predicate, q.object) as Quad,
      ),
      { publisherId: "damaged", licence: "cc0-1.0" },
    );
    const first = (await dumpGraph(dir, G))!;
    await writer.replaceGraph(
      G,
      otherQuads(3000, "b").map(
        (q) => quad(namedNode(q.subject.value.replace("theatre-x", "damaged")), q.predicate, q.object) as Quad,
      ),
      { publisherId: "damaged", licence: "cc0-1.0" },
    );
    await writer.close();
    const path = join(graphsDir(dir), graphFileName(G));
    const bytes = readFileSync(path);
    bytes[bytes.length - 100] = bytes[bytes.length - 100] === 0x61 ? 0x62 : 0x61; // same size, other content
    writeFileSync(path, bytes);
    await expect(dumpGraph(dir, G)).rejects.toMatchObject({ code: "dump/corrupt-graph-file" });
    const files = readdirSync(join(dumpsDir(dir), "damaged"));
    expect(files.filter((f) => f.startsWith(".tmp-"))).toEqual([]);
    expect(files.sort()).toEqual(["manifest.json", "damaged-v1.nq.gz", "damaged-v1.ttl"].sort());
    expect(await readManifest(dir, "damaged")).toEqual(first);
    // The whole-server dump fails whole rather than publishing a part of the graph.
    await expect(dumpAll(dir)).rejects.toMatchObject({ code: "dump/corrupt-graph-file" });
    expect(readdirSync(join(dumpsDir(dir), "all"))).toEqual([]);
  });

  it("vivant dump writes every graph's dumps and the whole server's, says what it wrote, and refuses a bad --data or --graph", async () => {
    const dir = tempDir();
    const writer = await GraphWriter.open(dir);
    await writer.replaceGraph(OTHER, otherQuads(4, "cli"), { publisherId: "theatre-x", licence: "cc-by-4.0" });
    await writer.close();
    const run = await runCli(["dump", "--data", dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("dumps/theatre-x/theatre-x-v1.nq.gz");
    expect(run.stdout).toMatch(/dumps\/all\/all-[0-9a-f]{12}\.nq\.gz: \d+ bytes, 4 triples/);
    expect((await readManifest(dir, "theatre-x"))!.files.map((f) => f.triples)).toEqual([4, 4]);
    expect((await runCli(["dump"])).code).toBe(2);
    expect((await runCli(["dump", "--data", join(dir, "nope")])).code).toBe(2);
    const fr = await runCli(["dump", "--data", dir, "--graph", "https://nobody.example/graph", "--lang", "fr"]);
    expect(fr.code).toBe(2);
    expect(fr.stderr).toContain("pas de graphe https://nobody.example/graph");
  });
});

void selectRows;
