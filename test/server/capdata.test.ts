// /.well-known/capdata-export.rdf and `vivant export capdata`: the same export of a publisher's graph over HTTP and
// from the CLI, as application/rdf+xml read by two independent parsers; a restricted graph is never exported to the
// public (404, as for a publisher that does not exist, with nothing of it in the answer), only to its partner; a bad
// namespace is refused at start; messages in French and English.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import canonize from "rdf-canonize";
import type { Quad } from "@rdfjs/types";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { capdataOfNTriples } from "../../src/export/capdata-source.js";
import { QueryPool } from "../../src/server/pool.js";
import { graphFileText } from "../../src/store/files.js";
import type { GraphWriter } from "../../src/store/writer.js";
import { InputError } from "../../src/errors.js";
import { TokenTable, VivantServer } from "../../src/server/index.js";
import { runCli } from "../helpers/cli.js";
import { parseWithOxigraph, parseWithStreamingParser } from "../helpers/rdfxml.js";
import { call as callOnce, DEMO_GRAPH, DEMO_TEXT } from "./helpers.js";
import {
  MARK,
  RESTRICTED_TOKENS,
  RESTRICTED_TURTLE,
  SECRET,
  TOKEN_OTHER,
  TOKEN_PARTNER,
  TOKEN_PUBLISHER,
} from "../dataspace/restricted-fixture.js";

/**
 * One retry on a connection reset: a keep-alive socket the server closes just as the next request goes out (the
 * event loop being busy with this file's parsing under a loaded machine) is the transport's race, not the route's.
 */
async function call(...args: Parameters<typeof callOnce>): ReturnType<typeof callOnce> {
  try {
    return await callOnce(...args);
  } catch (e) {
    if (!/ECONNRESET|fetch failed/.test(`${(e as Error).message} ${String((e as { cause?: unknown }).cause)}`)) throw e;
    return callOnce(...args);
  }
}

const body = RESTRICTED_TURTLE;
const PATH = ".well-known/capdata-export.rdf";
const NS = "https://vivant.dev/ns/capdata-provisional#";

let server: VivantServer;
let dataDir: string;
const partner = { authorization: `Bearer ${TOKEN_PARTNER}` };
const other = { authorization: `Bearer ${TOKEN_OTHER}` };
/** The restricted graph's data (the caller's own question, echoed in a 404, is not). */
const leaks = (text: string): boolean =>
  text.includes(MARK) || text.includes("Salle secrète") || text.includes("Zanzibar");

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "vivant-capdata-"));
  const tokens = TokenTable.fromEntries([...RESTRICTED_TOKENS]);
  server = await VivantServer.start({ port: 0, dataDir, tokens, workers: 1 });
  const demo = await server.load([{ text: DEMO_TEXT, source: "demo-season.json" }], {});
  expect(demo.info).toBeDefined();
  const put = await call(server.url, `graph-store?graph=${encodeURIComponent(SECRET)}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${TOKEN_PUBLISHER}`, "content-type": "text/turtle" },
    body,
  });
  expect(put.status, put.text).toBe(201);
}, 120_000);
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const canon = (quads: readonly Quad[]): Promise<string> => canonize.canonize([...quads], { algorithm: "RDFC-1.0" });

describe("GET /.well-known/capdata-export.rdf", () => {
  it("sends the publisher's export as application/rdf+xml that both parsers read to the same graph", async () => {
    const r = await call(server.url, `${PATH}?publisher=reseau-scenes`);
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/rdf+xml; charset=utf-8");
    expect(r.headers.get("cache-control")).toBe("public, max-age=300");
    const [js, rust] = [await parseWithStreamingParser(r.text), parseWithOxigraph(r.text)];
    expect(js.length).toBeGreaterThan(1000);
    expect(await canon(js)).toBe(await canon(rust));
    expect(js.some((q) => q.predicate.value === `${NS}titre` && q.object.value === "La traviata")).toBe(true);
    const again = await call(server.url, `${PATH}?publisher=reseau-scenes`, {
      headers: { "if-none-match": r.headers.get("etag")! },
    });
    expect(again.status).toBe(304);
  });

  it("is written by a query worker, byte for byte the export this thread makes from the same graph file", async () => {
    const made = vi.spyOn(QueryPool.prototype, "capdata");
    try {
      // A new version of the restricted graph (the same data): its export is not in the route's cache yet.
      const put = await call(server.url, `graph-store?graph=${encodeURIComponent(SECRET)}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${TOKEN_PUBLISHER}`, "content-type": "text/turtle" },
        body,
      });
      expect(put.status, put.text).toBe(204);
      for (const [graph, headers] of [
        [DEMO_GRAPH, {}],
        [SECRET, partner],
      ] as const) {
        const r = await fetch(new URL(`${PATH}?publisher=${encodeURIComponent(graph)}`, server.url), { headers });
        expect(r.status).toBe(200);
        const bytes = Buffer.from(await r.arrayBuffer());
        const here = Buffer.from(
          capdataOfNTriples(graphFileText((server.writer as GraphWriter).graphFile(graph)), { graphIri: graph }),
          "utf8",
        );
        expect(bytes.length, graph).toBe(here.length);
        expect(bytes.equals(here), graph).toBe(true);
      }
      expect(made.mock.calls.map((c) => c[1])).toContain(SECRET);
    } finally {
      made.mockRestore();
    }
  });

  it("without ?publisher, sends the one public graph (the restricted one is not counted, nor shown)", async () => {
    const r = await call(server.url, PATH);
    expect(r.status, r.text).toBe(200);
    expect(r.text).toContain("Le Grand Quai");
    expect(leaks(r.text)).toBe(false);
  });

  it("answers a restricted graph as one that does not exist, to no token and to another partner: nothing of it leaks", async () => {
    for (const headers of [{}, other]) {
      for (const q of ["publisher=secret", `publisher=${encodeURIComponent(SECRET)}`]) {
        const r = await call(server.url, `${PATH}?${q}`, { headers });
        expect(r.status, r.text).toBe(404);
        expect(leaks(r.text), r.text).toBe(false);
      }
    }
    const byId = await call(server.url, `${PATH}?publisher=secret`);
    expect(byId.text).not.toContain("secret.example");
    const unknown = await call(server.url, `${PATH}?publisher=nobody`);
    expect(unknown.status).toBe(404);
    expect(leaks(unknown.text)).toBe(false);
    expect(unknown.text).toContain("reseau-scenes");
  });

  it("sends a restricted graph to its partner only, never for shared caches", async () => {
    const r = await call(server.url, `${PATH}?publisher=secret`, { headers: partner });
    expect(r.status, r.text).toBe(200);
    expect(r.text).toContain(MARK);
    expect(r.headers.get("cache-control")).toBe("private, no-store");
  });

  it("refuses a second ?publisher, and other methods, in the reader's language", async () => {
    const two = await call(server.url, `${PATH}?publisher=a&publisher=b`, { headers: { "accept-language": "fr" } });
    expect(two.status).toBe(400);
    expect(two.text).toContain("dites quel éditeur exporter");
    const post = await call(server.url, PATH, { method: "POST", body: "x" });
    expect(post.status).toBe(405);
  });

  it("refuses a namespace that is not an IRI ending in # or / at start", async () => {
    await expect(VivantServer.start({ port: 0, capdataNamespace: "not an iri" })).rejects.toThrow(InputError);
  });
});

describe("vivant export capdata", () => {
  it("writes the same graph as the server's export, and lists what it left out on stderr", async () => {
    const out = join(dataDir, "..", `${Date.now()}-capdata.rdf`);
    const r = await runCli(["export", "capdata", "--data", dataDir, "--publisher", "reseau-scenes", "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(out, "utf8");
    rmSync(out, { force: true });
    expect(r.stderr).toMatch(/CapData export: .*Evenement 165/);
    expect(r.stderr).toContain("schema:offers");
    const http = await call(server.url, `${PATH}?publisher=reseau-scenes`);
    expect(await canon(await parseWithStreamingParser(text))).toBe(await canon(parseWithOxigraph(http.text)));
  }, 60_000);

  it("says which publishers there are when none or a wrong one is named, in French too", async () => {
    const none = await runCli(["export", "capdata", "--data", dataDir, "--lang", "fr"]);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain("dites quel éditeur exporter");
    expect(none.stderr).toContain("reseau-scenes");
    const wrong = await runCli(["export", "capdata", "--data", dataDir, "--publisher", "nobody"]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain("no graph of publisher nobody");
    const ns = await runCli([
      "export",
      "capdata",
      "--data",
      dataDir,
      "--publisher",
      "reseau-scenes",
      "--capdata-namespace",
      "x",
    ]);
    expect(ns.code).not.toBe(0);
    expect(ns.stderr).toContain("not an http(s) IRI");
  }, 60_000);
});
