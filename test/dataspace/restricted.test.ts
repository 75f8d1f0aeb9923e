// Restricted sharing: a graph shared only with a named partner (a read token of the tokens file) never leaks through
// any route that reads data, and its partner (and its publisher) read it through the Graph Store, the dumps, the
// change feed and the catalog. Each route is tried without a token, with another partner's, and with the partner's.
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Parser } from "n3";
import type { Quad } from "@rdfjs/types";
import { TokenTable, VivantServer } from "../../src/server/index.js";
import { call, DEMO_GRAPH, DEMO_TEXT } from "../server/helpers.js";
import {
  MARK,
  RESTRICTED_TOKENS,
  RESTRICTED_TURTLE,
  SECRET,
  TOKEN_OTHER,
  TOKEN_PARTNER,
  TOKEN_PUBLISHER,
} from "./restricted-fixture.js";

const body = RESTRICTED_TURTLE;

let server: VivantServer;
let base: string;
const none = {};
const partner = { authorization: `Bearer ${TOKEN_PARTNER}` };
const other = { authorization: `Bearer ${TOKEN_OTHER}` };
const publisher = { authorization: `Bearer ${TOKEN_PUBLISHER}` };

beforeAll(async () => {
  const tokens = TokenTable.fromEntries([...RESTRICTED_TOKENS]);
  server = await VivantServer.start({ port: 0, tokens });
  base = server.url;
  const demo = await server.load([{ text: DEMO_TEXT, source: "demo-season.json" }], {});
  expect(demo.info).toBeDefined();
  const put = await call(base, `graph-store?graph=${encodeURIComponent(SECRET)}`, {
    method: "PUT",
    headers: { ...publisher, "content-type": "text/turtle" },
    body,
  });
  expect(put.status, put.text).toBe(201);
});
afterAll(() => server?.close());

const sparql = (q: string, headers: Record<string, string>, extra = "") =>
  call(base, `sparql?query=${encodeURIComponent(q)}${extra}`, {
    headers: { accept: "application/sparql-results+json, text/turtle;q=0.9", ...headers },
  });
const leaks = (text: string): boolean =>
  text.includes(MARK) ||
  text.includes("secret.example") ||
  text.includes("Zanzibar") ||
  text.includes("Région secrète");

describe("a graph shared with one partner", () => {
  it("is refused in the tokens file when a read token is malformed, with its line", () => {
    expect(() => TokenTable.fromEntries([{ token: "short", reader: "x" }])).toThrow(/read token/);
    expect(() =>
      TokenTable.fromEntries([
        { token: TOKEN_PUBLISHER, publisher: "p", graph: SECRET, share: "observatoire" } as never,
      ]),
    ).toThrow(/share/);
    expect(() =>
      TokenTable.fromEntries([
        { token: TOKEN_PUBLISHER, publisher: "p", graph: SECRET },
        { token: TOKEN_PUBLISHER, reader: "r" },
      ]),
    ).toThrow(/read token/);
  });

  it("never reaches SPARQL, whatever GRAPH, FROM, FROM NAMED, dataset parameters or the union default graph say, with any token", async () => {
    const queries = [
      `SELECT * WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), "confidentiel") || CONTAINS(STR(?s), "secret.example")) }`,
      `SELECT * WHERE { GRAPH <${SECRET}> { ?s ?p ?o } }`,
      `SELECT * WHERE { GRAPH ?g { ?s ?p ?o FILTER(CONTAINS(STR(?s), "secret.example")) } }`,
      `SELECT * FROM <${SECRET}> WHERE { ?s ?p ?o }`,
      `SELECT * FROM NAMED <${SECRET}> WHERE { GRAPH ?g { ?s ?p ?o } }`,
      `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${SECRET}> { ?s ?p ?o } }`,
      `SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g`,
      `ASK { <https://secret.example/performance/p1> ?p ?o }`,
      `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${SECRET}> { ?s ?p ?o } }`,
      `DESCRIBE <https://secret.example/performance/p1>`,
      `SELECT * WHERE { GRAPH <https://vivant.dev/catalog> { ?s ?p ?o } }`,
    ];
    for (const headers of [none, other, partner, publisher]) {
      for (const q of queries) {
        const a = await sparql(q, headers);
        expect(a.status, q).toBe(200);
        expect(leaks(a.text), `${q} ${JSON.stringify(headers)}`).toBe(false);
        if (q.startsWith("ASK")) expect(JSON.parse(a.text).boolean).toBe(false);
      }
      const ds = await sparql(
        "SELECT * WHERE { ?s ?p ?o }",
        headers,
        `&default-graph-uri=${encodeURIComponent(SECRET)}&named-graph-uri=${encodeURIComponent(SECRET)}`,
      );
      expect(leaks(ds.text)).toBe(false);
      const sd = await call(base, "sparql", { headers: { accept: "text/turtle", ...headers } });
      expect(sd.text).not.toContain(SECRET);
    }
  });

  it("never reaches the typed API, its facets, the stats, the index, /health or the web pages (counts equal the public graph's)", async () => {
    const before = await VivantServer.start({ port: 0 });
    try {
      await before.load([{ text: DEMO_TEXT, source: "demo-season.json" }], {});
      for (const path of [
        "api/performances?limit=500",
        "api/performances/facets",
        "api/stats",
        "api/performances?region=R%C3%A9gion%20secr%C3%A8te",
        "api/performances?free=true&limit=500",
      ]) {
        const publicOnly = JSON.parse((await call(before.url, path)).text) as unknown;
        for (const headers of [none, partner, publisher]) {
          const a = await call(base, path, { headers });
          expect(a.status, path).toBe(200);
          expect(leaks(a.text), path).toBe(false);
          expect(JSON.stringify(JSON.parse(a.text)).replaceAll(base, "B"), path).toBe(
            JSON.stringify(publicOnly).replaceAll(before.url, "B"),
          );
        }
      }
      const health = JSON.parse((await call(base, "health")).text) as { graphs: number; triples: number };
      const healthPublic = JSON.parse((await call(before.url, "health")).text) as { graphs: number; triples: number };
      expect([health.graphs, health.triples]).toEqual([healthPublic.graphs, healthPublic.triples]);
    } finally {
      await before.close();
    }
    for (const path of [
      "",
      "stats",
      "query",
      `entity?iri=${encodeURIComponent("https://secret.example/performance/p1")}`,
    ]) {
      for (const headers of [
        { accept: "text/html" },
        { accept: "text/html", ...partner },
        { accept: "application/json" },
      ]) {
        const a = await call(base, path, { headers });
        expect(leaks(a.text), `/${path} ${a.status}`).toBe(false);
      }
    }
  });

  it("Graph Store GET: 404 without a token or with another partner's, the graph with the partner's or the publisher's", async () => {
    const gs = `graph-store?graph=${encodeURIComponent(SECRET)}`;
    const NOBODY = "https://nobody.example/graph";
    const unknown = await call(base, `graph-store?graph=${encodeURIComponent(NOBODY)}`);
    for (const headers of [none, other, { authorization: "Bearer nonsense-token-0123456789" }]) {
      const a = await call(base, gs, { headers });
      expect(a.status).toBe(404);
      // The same answer as for a graph that does not exist (it names the IRI asked for, nothing more).
      expect(a.text).toBe(unknown.text.replaceAll(NOBODY, SECRET));
    }
    for (const headers of [partner, publisher]) {
      const nt = await call(base, gs, { headers: { ...headers, accept: "application/n-triples" } });
      expect(nt.status).toBe(200);
      expect(nt.headers.get("cache-control")).toMatch(/private/);
      expect(new Parser({ format: "application/n-triples" }).parse(nt.text).length).toBe(
        server.graphs().find((g) => g.graphIri === SECRET)!.triples,
      );
      const ttl = await call(base, gs, { headers: { ...headers, accept: "text/turtle" } });
      expect(new Parser().parse(ttl.text).length).toBe(server.graphs().find((g) => g.graphIri === SECRET)!.triples);
    }
  });

  it("dumps: the restricted graph's files only to its readers, the whole server's dump holds the public graphs only", async () => {
    const listed = async (headers: Record<string, string>) =>
      (
        JSON.parse((await call(base, "dumps/", { headers })).text) as {
          datasets: { graph: string; files: { url: string; path: string }[] }[];
        }
      ).datasets;
    const anon = await listed(none);
    expect(anon.map((d) => d.graph).sort()).toEqual(["urn:vivant:all", DEMO_GRAPH].sort());
    const all = anon.find((d) => d.graph === "urn:vivant:all")!;
    const everything = gunzipSync(Buffer.from(await (await fetch(all.files[0]!.url)).arrayBuffer())).toString("utf8");
    expect(leaks(everything)).toBe(false);
    const mine = (await listed(partner)).find((d) => d.graph === SECRET)!;
    expect(mine.files.length).toBe(2);
    expect((await listed(other)).some((d) => d.graph === SECRET)).toBe(false);
    for (const f of mine.files) {
      expect((await call(base, f.path)).status).toBe(404);
      expect((await call(base, f.path, { headers: other })).status).toBe(404);
      const ok = await fetch(f.url, { headers: partner });
      expect(ok.status).toBe(200);
      expect(ok.headers.get("cache-control")).toMatch(/^private/);
    }
    expect((await call(base, "dumps/secret/manifest.json")).status).toBe(404);
  });

  it("change feed: 404 without the partner's token, the entities with it", async () => {
    for (const headers of [none, other]) {
      expect((await call(base, "feed/secret", { headers })).status).toBe(404);
      expect((await call(base, "feed/secret/0", { headers })).status).toBe(404);
    }
    const page = await call(base, "feed/secret/0", { headers: partner });
    expect(page.status).toBe(200);
    expect(page.text).toContain(MARK);
    expect(page.headers.get("cache-control")).toMatch(/private/);
  });

  it("catalog: listed as restricted (title, publisher, policy naming the partner) without counts, coverage or distributions; whole to the partner", async () => {
    const cat = async (headers: Record<string, string>) =>
      new Parser({ baseIRI: base }).parse(
        (await call(base, "catalog", { headers: { accept: "text/turtle", ...headers } })).text,
      );
    const about = (qs: readonly Quad[], p: string) =>
      qs.filter((q) => q.subject.value === SECRET && q.predicate.value === p).map((q) => q.object.value);
    const anon = await cat(none);
    expect(about(anon, "http://purl.org/dc/terms/accessRights")).toEqual([
      "http://publications.europa.eu/resource/authority/access-right/RESTRICTED",
    ]);
    expect(about(anon, "http://www.w3.org/ns/odrl/2/hasPolicy")).toHaveLength(1);
    expect(
      anon.some(
        (q) =>
          q.predicate.value === "http://www.w3.org/ns/odrl/2/assignee" &&
          q.object.value.endsWith("partner-observatoire"),
      ),
    ).toBe(true);
    expect(anon.some((q) => q.predicate.value === "http://www.w3.org/ns/odrl/2/prohibition")).toBe(true);
    for (const p of [
      "http://rdfs.org/ns/void#triples",
      "http://www.w3.org/ns/dcat#distribution",
      "http://purl.org/dc/terms/modified",
      "http://purl.org/dc/terms/spatial",
    ])
      expect(about(anon, p), p).toEqual([]);
    expect(
      anon.some((q) => q.predicate.value === "http://www.w3.org/ns/dcat#servesDataset" && q.object.value === SECRET),
    ).toBe(false);
    expect(about(await cat(other), "http://rdfs.org/ns/void#triples")).toEqual([]);
    const full = await cat(partner);
    expect(about(full, "http://rdfs.org/ns/void#triples")).toEqual([
      String(server.graphs().find((g) => g.graphIri === SECRET)!.triples),
    ]);
    expect(about(full, "http://www.w3.org/ns/dcat#distribution").length).toBeGreaterThan(2);
  });
});
