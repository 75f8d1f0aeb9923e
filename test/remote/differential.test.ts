// Same answers on both backends: the typed questions, facets and aggregates, Graph Store round trips and a few
// generic SPARQL queries, on the embedded store and on Virtuoso
// (`--store`), compared. Every difference found must be listed in differences.ts (and the README), and every
// listed one must still be found.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Parser } from "n3";
import type { Quad } from "@rdfjs/types";
import { isomorphic } from "rdf-isomorphic";
import { TokenTable, VivantServer } from "../../src/server/index.js";
import { mapRecords } from "../../src/mapping/index.js";
import { generateSeason } from "../../bench/generate.js";
import { call, DEMO_GRAPH, DEMO_TEXT } from "../server/helpers.js";
import { requireVirtuoso, useVirtuoso } from "../helpers/virtuoso.js";
import { EXPECTED_DIFFERENCES } from "./differences.js";

const run = requireVirtuoso("test/remote/differential.test.ts");
const virtuoso = useVirtuoso();
const R = "https://data.reseau-scenes.example/";
const GEN_GRAPH = "https://data.vivant-bench.example/gen/graph";

/** Values of a multi-valued property, and a node's keys, come in no defined order on either backend: compared as sets. */
const canon = (x: unknown): unknown =>
  Array.isArray(x)
    ? x.map(canon).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
    : x && typeof x === "object"
      ? Object.fromEntries(
          Object.entries(x)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([k, v]) => [k, canon(v)]),
        )
      : x;

/** Where two JSON values first differ: "path: a | b". */
function firstDiff(a: unknown, b: unknown, path = "$"): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (a && b && typeof a === "object" && typeof b === "object") {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 100)} | ${JSON.stringify(b)?.slice(0, 100)}`;
}

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** The differences found by one test against those listed with the same prefixes; each listed one named in the README. */
function checkDifferences(prefixes: readonly string[], found: ReadonlyMap<string, string>): void {
  console.log(
    `differences found (${prefixes.join(", ")}): ${found.size}\n${[...found].map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join("\n")}`,
  );
  const listed = Object.keys(EXPECTED_DIFFERENCES).filter((k) => prefixes.some((p) => k.startsWith(p)));
  expect([...found.keys()].sort()).toEqual(listed.sort());
  for (const k of listed) expect(README, k).toContain(`\`${k}\``);
}

let embedded: VivantServer;
let remote: VivantServer;
/** The same Virtuoso store, the typed questions answered by its SPARQL instead of Vivant's index. */
let remoteSparql: VivantServer;
const tokens = new TokenTable();
let tokenX = "";

async function both(
  path: string,
  init: RequestInit = {},
): Promise<[Awaited<ReturnType<typeof call>>, Awaited<ReturnType<typeof call>>]> {
  return [await call(embedded.url, path, init), await call(remote.url, path, init)];
}

async function loadSeasons(server: VivantServer): Promise<void> {
  const { info } = await server.load([{ text: DEMO_TEXT, source: "demo-season.json" }], {});
  if (!info) throw new Error("demo season rejected");
  const gen = mapRecords(generateSeason(400, { seed: 7, publisherId: "gen" }), { origins: false });
  if (gen.graphIri !== GEN_GRAPH) throw new Error(`the generated season's graph is ${gen.graphIri}`);
  await server.replaceGraph(gen.graphIri, gen.quads, { publisherId: "gen", licence: "cc0-1.0" });
}

beforeAll(async () => {
  if (!run) return;
  tokenX = tokens.issue({
    publisherId: "theatre-x",
    graphIri: "https://theatre-x.example/graph",
    licence: "cc-by-4.0",
  });
  embedded = await VivantServer.start({ port: 0, workers: 1, tokens, queryTimeoutMs: 30_000 });
  remote = await VivantServer.start({ port: 0, store: virtuoso.get().endpoint, tokens, queryTimeoutMs: 30_000 });
  await loadSeasons(embedded);
  await loadSeasons(remote);
  remoteSparql = await VivantServer.start({
    port: 0,
    store: virtuoso.get().endpoint,
    tokens,
    queryTimeoutMs: 30_000,
    typedQuestions: "sparql",
  });
}, 300_000);
afterAll(async () => {
  await embedded?.close();
  await remote?.close();
  await remoteSparql?.close();
});

const API = [
  "api/performances?limit=100",
  "api/performances?from=2026-11-01&to=2026-11-30&limit=100",
  "api/performances?city=rennes",
  "api/performances?region=Bretagne",
  "api/performances?near=47.2184,-1.5536,60",
  "api/performances?genre=opera",
  "api/performances?type=DanceEvent",
  `api/performances?venue=${encodeURIComponent(`${R}venue/grand-quai-nantes`)}`,
  `api/performances?performer=${encodeURIComponent(`${R}person/marion-lefevre`)}`,
  "api/performances?lang=it",
  "api/performances?accessibility=surtitles",
  "api/performances?accessibility=wheelchairAccessible",
  "api/performances?free=true",
  "api/performances?maxPrice=20&limit=100",
  "api/performances?q=Moli%C3%A8re",
  "api/performances?city=Nantes&from=2026-10-01&to=2027-06-30&accessibility=signLanguage&maxPrice=20",
  "api/performances?genre=opera&type=MusicEvent&from=2026-11-01&to=2027-01-31&limit=1",
  "api/performances?limit=3&tz=America/Montreal",
  "api/performances/facets",
  "api/performances/facets?city=Nantes",
  "api/performances/facets?facet=genre&facet=venue&from=2026-12-01",
  "api/performances/facets?by=graph&city=Nantes",
  "api/stats",
  "api/stats?region=Bretagne",
  "api/stats?from=2026-11-01&to=2027-03-31",
  "api/performances?citty=Lyon",
  "api/performances?near=1,2",
  "api/performances?limit=5000",
];

const SPARQL = {
  "count-by-graph": `SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g`,
  types: `SELECT ?t (COUNT(?s) AS ?n) WHERE { ?s a ?t } GROUP BY ?t ORDER BY ?t`,
  prices: `SELECT ?o ?p WHERE { ?o <http://schema.org/price> ?p FILTER(isIRI(?o)) } ORDER BY ?o ?p LIMIT 200`,
  durations: `SELECT ?e ?d WHERE { ?e <http://schema.org/duration> ?d } ORDER BY ?e LIMIT 200`,
  dates: `SELECT ?e ?d WHERE { ?e <http://schema.org/startDate> ?d } ORDER BY ?e LIMIT 200`,
  catalog: `SELECT ?d ?p ?o WHERE { GRAPH <https://vivant.dev/catalog> { ?d ?p ?o } FILTER(?p != <http://purl.org/dc/terms/modified>) } ORDER BY ?d ?p ?o`,
  describe: `DESCRIBE <${R}venue/grand-quai-nantes>`,
  construct: `CONSTRUCT { ?e <http://schema.org/name> ?n } WHERE { ?e a <http://schema.org/TheaterEvent> ; <http://schema.org/name> ?n }`,
  "ask-graph": `ASK { GRAPH <${DEMO_GRAPH}> { ?s ?p ?o } }`,
  "optional-filter": `SELECT ?e ?free WHERE { ?e a <http://schema.org/MusicEvent> OPTIONAL { ?e <http://schema.org/isAccessibleForFree> ?free } } ORDER BY ?e LIMIT 50`,
  strings: `SELECT ?n (LANG(?n) AS ?l) (STRLEN(?n) AS ?len) (UCASE(?n) AS ?u) WHERE { ?e <http://schema.org/name> ?n } ORDER BY ?n LIMIT 100`,
  numbers: `SELECT (SUM(?p) AS ?s) (AVG(?p) AS ?a) (MIN(?p) AS ?mn) (MAX(?p) AS ?mx) WHERE { ?o <http://schema.org/price> ?p }`,
} as const;

/** A document with the literal forms that stores keep differently. */
const TRICKY = `@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://theatre-x.example/performance/t1> a schema:TheaterEvent ;
  schema:name "Tricky \\"quotes\\" \\\\ and\\nnewline"@fr , "Ünïcödé 🎭"@fr-CA ;
  schema:startDate "2026-12-04T20:00:00.5Z"^^xsd:dateTime ;
  schema:endDate "2026-12-04"^^xsd:date ;
  schema:duration "PT1H30M"^^xsd:duration , "P1D"^^xsd:duration ;
  schema:isAccessibleForFree false ;
  schema:maximumAttendeeCapacity 300 ;
  schema:typicalAgeRange "12-" ;
  schema:workPerformed <https://theatre-x.example/production/t> ;
  schema:location <https://theatre-x.example/venue/main> ;
  schema:offers [ a schema:Offer ; schema:price 12.50 ; schema:priceCurrency "EUR" ] , [ a schema:Offer ; schema:price "1.0e1"^^xsd:double ; schema:priceCurrency "EUR" ] .
<https://theatre-x.example/production/t> a schema:CreativeWork ; schema:name "T"@fr .
<https://theatre-x.example/venue/main> a schema:Place ; schema:name "Théâtre X"@fr ;
  schema:address [ a schema:PostalAddress ; schema:addressLocality "Lyon" ; schema:addressCountry "FR" ] .`;

const nt = (text: string): Quad[] => new Parser({ format: "application/n-triples" }).parse(text);

describe.runIf(run)("the same answers on the embedded store and on Virtuoso", () => {
  it("typed questions, facets, aggregates and their errors", { timeout: 300_000 }, async () => {
    const found = new Map<string, string>();
    for (const path of API) {
      const [a, b] = await both(path);
      const diff =
        a.status !== b.status
          ? `${a.status} vs ${b.status}`
          : a.status !== 200
            ? JSON.parse(a.text).code === JSON.parse(b.text).code
              ? undefined
              : `${a.text} | ${b.text}`
            : firstDiff(canon(JSON.parse(a.text)), canon(JSON.parse(b.text)));
      if (diff) found.set(`api:${path}`, diff);
    }
    // Paging: every page of one question, the cursors followed on each backend.
    for (const start of [
      "api/performances?limit=7",
      `api/performances?venue=${encodeURIComponent(`${R}venue/grand-quai-nantes`)}&limit=2`,
    ]) {
      const ids: string[][] = [];
      for (const server of [embedded, remote]) {
        const out: string[] = [];
        let path: string | undefined = start;
        for (let i = 0; path && i < 500; i++) {
          const page = JSON.parse((await call(server.url, path)).text) as {
            "@graph": { "@id": string }[];
            next?: string;
          };
          out.push(...page["@graph"].map((p) => p["@id"]));
          path = page.next ? new URL(page.next, server.url).href.slice(server.url.length) : undefined;
        }
        ids.push(out);
      }
      if (JSON.stringify(ids[0]) !== JSON.stringify(ids[1]))
        found.set(`api:paging:${start}`, `${ids[0]!.length} vs ${ids[1]!.length} performances`);
    }
    checkDifferences(["api:"], found);
  });

  it(
    "typed questions answered by Virtuoso's SPARQL (typedQuestions: sparql) as by the embedded index",
    { timeout: 300_000 },
    async () => {
      const found = new Map<string, string>();
      for (const path of API) {
        const [a, b] = [await call(embedded.url, path), await call(remoteSparql.url, path)];
        const diff =
          a.status !== b.status
            ? `${a.status} vs ${b.status}: ${b.text.slice(0, 300)}`
            : a.status !== 200
              ? JSON.parse(a.text).code === JSON.parse(b.text).code
                ? undefined
                : `${a.text} | ${b.text}`
              : firstDiff(canon(JSON.parse(a.text)), canon(JSON.parse(b.text)));
        if (diff) found.set(`api-sparql:${path}`, diff);
      }
      checkDifferences(["api-sparql:"], found);
    },
  );

  it("Graph Store round trips and generic SPARQL", { timeout: 300_000 }, async () => {
    const found = new Map<string, string>();
    for (const g of [DEMO_GRAPH, GEN_GRAPH, "https://vivant.dev/catalog"]) {
      const [a, b] = await both(`graph-store?graph=${encodeURIComponent(g)}`, {
        headers: { accept: "application/n-triples" },
      });
      const strip = (qs: Quad[]): Quad[] => qs.filter((q) => q.predicate.value !== "http://purl.org/dc/terms/modified");
      expect([a.status, b.status], g).toEqual([200, 200]);
      if (!isomorphic(strip(nt(a.text)), strip(nt(b.text))))
        found.set(`gsp:get:${g}`, `${a.status}/${b.status}, ${nt(a.text).length} vs ${nt(b.text).length} triples`);
    }
    const put = await both(`graph-store?graph=${encodeURIComponent("https://theatre-x.example/graph")}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${tokenX}`, "content-type": "text/turtle" },
      body: TRICKY,
    });
    expect(
      put.map((p) => p.status),
      put[0].text.slice(0, 1500),
    ).toEqual([201, 201]);
    const [a, b] = await both(`graph-store?graph=${encodeURIComponent("https://theatre-x.example/graph")}`, {
      headers: { accept: "application/n-triples" },
    });
    const [qa, qb] = [nt(a.text), nt(b.text)];
    if (!isomorphic(qa, qb)) {
      const lines = (qs: Quad[]): Set<string> =>
        new Set(
          qs
            .filter((q) => q.object.termType === "Literal")
            .map(
              (q) =>
                `${q.predicate.value} ${JSON.stringify(q.object.value)}^^${(q.object as { datatype: { value: string } }).datatype.value}`,
            ),
        );
      const [la, lb] = [lines(qa), lines(qb)];
      for (const l of la)
        if (!lb.has(l))
          found.set(
            `gsp:round-trip:${l.split(" ")[0]}`,
            `embedded ${l} | virtuoso ${[...lb].filter((x) => x.split(" ")[0] === l.split(" ")[0]).join(", ")}`,
          );
      if (![...la].some((l) => !lb.has(l))) found.set("gsp:round-trip", `${qa.length} vs ${qb.length} triples`);
    }
    for (const [name, query] of Object.entries(SPARQL)) {
      const graph = /^\s*(DESCRIBE|CONSTRUCT)/.test(query);
      const accept = graph ? "application/n-triples" : "application/sparql-results+json";
      const [x, y] = await both(`sparql?query=${encodeURIComponent(query)}`, { headers: { accept } });
      const same = x.status === y.status;
      let why = same ? undefined : `${x.status}/${y.status}`;
      if (same && x.status === 200) {
        if (graph)
          why = isomorphic(nt(x.text), nt(y.text)) ? undefined : `${nt(x.text).length} vs ${nt(y.text).length} triples`;
        else
          why = firstDiff(
            JSON.parse(x.text).results?.bindings ?? JSON.parse(x.text).boolean,
            JSON.parse(y.text).results?.bindings ?? JSON.parse(y.text).boolean,
          );
      }
      if (why) found.set(`sparql:${name}`, why);
    }
    checkDifferences(["gsp:", "sparql:"], found);
  });
});
