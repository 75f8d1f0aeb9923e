// Graph Store Protocol: open reads; writes need the publisher's token, are validated before anything is
// replaced (422 with the report), and update the catalog and every query worker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Parser } from "n3";
import type { VivantServer } from "../../src/server/index.js";
import { TokenTable } from "../../src/server/index.js";
import { CATALOG_GRAPH } from "../../src/store/index.js";
import { call, DEMO_GRAPH, DEMO_TEXT, demoServer, selectRows } from "./helpers.js";
import { CORE_VALID_TURTLE } from "../helpers/turtle.js";

const OTHER = "https://theatre-x.example/graph";
let server: VivantServer;
let base: string;
let demoToken: string;
let otherToken: string;
beforeAll(async () => {
  const tokens = new TokenTable();
  otherToken = tokens.issue({ publisherId: "theatre-x", graphIri: OTHER, licence: "cc-by-4.0" });
  ({ server, token: demoToken } = await demoServer({ tokens, maxBodyBytes: 2_000_000 }));
  base = server.url;
});
afterAll(() => server?.close());

const gs = (graph: string): string => `graph-store?graph=${encodeURIComponent(graph)}`;
const auth = (token: string, type = "text/turtle"): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  "content-type": type,
});

/** A performance that passes the core profile (the shared fixture). */
const VALID = CORE_VALID_TURTLE;
const INVALID = `@prefix schema: <http://schema.org/> .
<https://theatre-x.example/performance/p2> a schema:TheaterEvent ; schema:name "Sans date"@fr ;
  schema:startDate "2026-13-45" .`;

async function count(graph: string): Promise<number> {
  return Number((await selectRows(base, `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`))[0]!.n);
}

describe("Graph Store Protocol", () => {
  it("lets anyone read a graph in the negotiated format, 404 for an unknown one", async () => {
    const a = await call(base, gs(DEMO_GRAPH), { headers: { accept: "application/n-triples" } });
    expect(a.status).toBe(200);
    expect(new Parser({ format: "application/n-triples" }).parse(a.text)).toHaveLength(await count(DEMO_GRAPH));
    expect((await call(base, gs("https://nobody.example/graph"))).status).toBe(404);
    expect((await call(base, "graph-store")).status).toBe(400);
    const catalog = await call(base, "catalog", { headers: { accept: "text/turtle" } });
    expect(catalog.text).toContain(DEMO_GRAPH);
  });

  it("refuses writes without a token (401), with an unknown one (401), and to another publisher's graph (403)", async () => {
    const none = await call(base, gs(OTHER), {
      method: "PUT",
      headers: { "content-type": "text/turtle" },
      body: VALID,
    });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(
      (await call(base, gs(OTHER), { method: "PUT", headers: auth("not-a-token-of-this-server"), body: VALID })).status,
    ).toBe(401);
    const other = await call(base, gs(OTHER), { method: "PUT", headers: auth(demoToken), body: VALID });
    expect(other.status).toBe(403);
    expect(JSON.parse(other.text).code).toBe("auth/other-graph");
    expect(
      (await call(base, gs(DEMO_GRAPH), { method: "DELETE", headers: { authorization: `Bearer ${otherToken}` } }))
        .status,
    ).toBe(403);
    expect(
      (await call(base, gs(CATALOG_GRAPH), { method: "PUT", headers: auth(otherToken), body: VALID })).status,
    ).toBe(403);
    expect(
      (await call(base, "graph-store?default", { method: "PUT", headers: auth(otherToken), body: VALID })).status,
    ).toBe(403);
    expect(server.graphs().map((g) => g.graphIri)).toEqual([DEMO_GRAPH]);
  });

  it("validates every write: 422 with the report as problem+json, and nothing replaced", async () => {
    const before = await count(DEMO_GRAPH);
    const a = await call(base, gs(OTHER), {
      method: "PUT",
      headers: { ...auth(otherToken), "accept-language": "fr" },
      body: INVALID,
    });
    expect(a.status).toBe(422);
    expect(a.type).toMatch(/^application\/problem\+json/);
    const p = JSON.parse(a.text);
    expect(p).toMatchObject({ status: 422, conforms: false, profile: "core" });
    expect(p.violations).toBeGreaterThan(0);
    expect(
      p.issues.some((i: { focusNode: string }) => i.focusNode === "https://theatre-x.example/performance/p2"),
    ).toBe(true);
    expect(server.graphs().map((g) => g.graphIri)).toEqual([DEMO_GRAPH]);
    // Records that break the core profile are refused on the demo graph too, which stays as it was.
    const broken = JSON.parse(DEMO_TEXT) as { performances: { startDate: string }[] };
    broken.performances[0]!.startDate = "2026-13-45T20:00";
    const r = await call(base, gs(DEMO_GRAPH), {
      method: "PUT",
      headers: auth(demoToken, "application/json"),
      body: JSON.stringify(broken),
    });
    expect(r.status).toBe(422);
    expect(await count(DEMO_GRAPH)).toBe(before);
  });

  it("creates (201), merges with POST (204), replaces with PUT (204) and deletes (204, then 404)", async () => {
    const created = await call(base, gs(OTHER), { method: "PUT", headers: auth(otherToken), body: VALID });
    expect(created.status).toBe(201);
    const first = await count(OTHER);
    expect(first).toBeGreaterThan(5);
    const info = server.graphs().find((g) => g.graphIri === OTHER)!;
    expect(info).toMatchObject({ publisherId: "theatre-x", licence: "cc-by-4.0", version: 1, triples: first });
    const more = `<https://theatre-x.example/venue/main> <http://schema.org/telephone> "+33 4 00 00 00 00" .`;
    expect((await call(base, gs(OTHER), { method: "POST", headers: auth(otherToken), body: more })).status).toBe(204);
    expect(await count(OTHER)).toBe(first + 1);
    expect((await call(base, gs(OTHER), { method: "PUT", headers: auth(otherToken), body: VALID })).status).toBe(204);
    expect(await count(OTHER)).toBe(first);
    const catalog = await selectRows(
      base,
      `SELECT ?v ?n WHERE { GRAPH <${CATALOG_GRAPH}> { <${OTHER}> <https://vivant.dev/ns#version> ?v ; <http://rdfs.org/ns/void#triples> ?n } }`,
    );
    expect(catalog).toEqual([{ v: "3", n: String(first) }]);
    expect(
      (await call(base, gs(OTHER), { method: "DELETE", headers: { authorization: `Bearer ${otherToken}` } })).status,
    ).toBe(204);
    expect(await count(OTHER)).toBe(0);
    expect(
      (await call(base, gs(OTHER), { method: "DELETE", headers: { authorization: `Bearer ${otherToken}` } })).status,
    ).toBe(404);
  });

  it("accepts the publisher's records as JSON and JSON-LD, and limits the request size (413)", async () => {
    const put = await call(base, gs(DEMO_GRAPH), {
      method: "PUT",
      headers: auth(demoToken, "application/json"),
      body: DEMO_TEXT,
    });
    expect(put.status).toBe(204);
    const jsonld = JSON.stringify({
      "@context": "https://schema.org/",
      "@id": "https://theatre-x.example/venue/main",
      "@type": "Place",
      name: "Théâtre X",
      address: { "@type": "PostalAddress", addressLocality: "Lyon", addressCountry: "FR" },
    });
    expect(
      (await call(base, gs(OTHER), { method: "PUT", headers: auth(otherToken, "application/ld+json"), body: jsonld }))
        .status,
    ).toBe(201);
    const names = await selectRows(base, `SELECT ?n WHERE { GRAPH <${OTHER}> { ?s <http://schema.org/name> ?n } }`);
    expect(names).toEqual([{ n: "Théâtre X" }]);
    const big = await call(base, gs(OTHER), {
      method: "PUT",
      headers: auth(otherToken),
      body: `# ${"x".repeat(2_100_000)}\n${VALID}`,
    });
    expect(big.status).toBe(413);
    expect(
      (await call(base, gs(OTHER), { method: "PUT", headers: auth(otherToken, "image/png"), body: "x" })).status,
    ).toBe(415);
  });
});
