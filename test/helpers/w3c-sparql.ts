// The runner of the W3C SPARQL 1.1 query-evaluation tests (test/server/w3c-sparql.test.ts, test/remote/differential.test.ts) (the 232 QueryEvaluationTest entries of manifest-sparql11-query.ttl
// and manifest-sparql11-results.ttl), run against the HTTP endpoint. A small manifest runner over n3: each test's
// dataset is loaded into the server, its query is sent over the SPARQL Protocol (dataset as
// default-graph-uri / named-graph-uri), and the answer is compared with the expected .srx/.srj/.tsv/.ttl/.rdf
// by rdf-test-suite's result classes (multisets, blank nodes up to isomorphism, order only under ORDER BY).
// Each answer is compared twice: by value (rdf-test-suite compares literals by their value: "10.0"^^xsd:decimal
// equals "10") and by strict term equality (lexical form and datatype as written). Prints both counts and names
// every failure of each.
import { existsSync, readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { DataFactory, Parser } from "n3";
import type { Quad, Term } from "@rdfjs/types";
import {
  QueryResultBindings,
  QueryResultQuads,
  TestCaseQueryEvaluationHandler,
  Util,
  type IQueryResult,
} from "rdf-test-suite";
import type { VivantServer } from "../../src/server/index.js";
import { hasDatasetClause, operationKind } from "../../src/store/sparql-text.js";

export const CORPUS = fileURLToPath(new URL("../../../shared/corpora/w3c-sparql11-tests/sparql11/", import.meta.url));
export const BASE = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/";
const MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
const QT = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#";
const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#";
const DEFAULT_GRAPH = "urn:vivant:w3c-test:default";
export const present = existsSync(`${CORPUS}manifest-sparql11-query.ttl`);

const toPath = (url: string): string => `${CORPUS}${url.slice(BASE.length)}`;
const ext = (url: string): string => url.slice(url.lastIndexOf(".") + 1).toLowerCase();

/** Turtle/N-Triples with n3, RDF/XML with rdf-test-suite's parser. */
async function readRdf(url: string): Promise<Quad[]> {
  const text = readFileSync(toPath(url), "utf8");
  if (ext(url) === "rdf") {
    const stream = Util.parseRdfRaw("application/rdf+xml", url, Readable.from([text]));
    const out: Quad[] = [];
    for await (const q of stream as unknown as AsyncIterable<Quad>) out.push(q);
    return out;
  }
  return new Parser({ baseIRI: url, format: ext(url) === "nt" ? "application/n-triples" : "text/turtle" }).parse(text);
}

export interface TestEntry {
  readonly uri: string;
  readonly name: string;
  readonly query: string;
  readonly data: string[];
  readonly graphData: { readonly url: string; readonly name: string }[];
  readonly result: string;
  readonly lax: boolean;
}

/** Every QueryEvaluationTest of a manifest and the manifests it includes. */
export function readManifest(url: string): TestEntry[] {
  const quads = new Parser({ baseIRI: url, format: "text/turtle" }).parse(readFileSync(toPath(url), "utf8"));
  const objects = (s: Term, p: string): Term[] =>
    quads.filter((q) => q.subject.equals(s) && q.predicate.value === p).map((q) => q.object);
  const one = (s: Term, p: string): Term | undefined => objects(s, p)[0];
  const list = (head: Term | undefined): Term[] => {
    const out: Term[] = [];
    for (let n = head; n && n.value !== `${RDF}nil`; n = one(n, `${RDF}rest`)) out.push(one(n, `${RDF}first`)!);
    return out;
  };
  const manifest = quads.find((q) => q.predicate.value === `${RDF}type` && q.object.value === `${MF}Manifest`)?.subject;
  if (!manifest) return [];
  const tests: TestEntry[] = [];
  for (const inc of list(one(manifest, `${MF}include`))) tests.push(...readManifest(inc.value));
  for (const e of list(one(manifest, `${MF}entries`))) {
    if (!objects(e, `${RDF}type`).some((t) => t.value === `${MF}QueryEvaluationTest`)) continue;
    const action = one(e, `${MF}action`)!;
    tests.push({
      uri: e.value,
      name: one(e, `${MF}name`)?.value ?? e.value,
      query: one(action, `${QT}query`)!.value,
      data: objects(action, `${QT}data`).map((t) => t.value),
      graphData: objects(action, `${QT}graphData`).map((g) =>
        g.termType === "NamedNode"
          ? { url: g.value, name: g.value }
          : { url: one(g, `${QT}graph`)!.value, name: one(g, "http://www.w3.org/2000/01/rdf-schema#label")!.value },
      ),
      result: one(e, `${MF}result`)!.value,
      lax: one(e, `${MF}resultCardinality`)?.value === `${MF}LaxCardinality`,
    });
  }
  return tests;
}

async function expected(t: TestEntry, ordered: boolean): Promise<IQueryResult> {
  const url = t.result;
  const kind = ext(url);
  if (kind === "ttl" || kind === "rdf" || kind === "nt") {
    const quads = await readRdf(url);
    const isResultSet = quads.some((q) => q.predicate.value === `${RDF}type` && q.object.value === `${RS}ResultSet`);
    if (!isResultSet) return new QueryResultQuads(quads);
    // The DAWG result-set vocabulary: put the ResultSet typing first, as rdf-test-suite's reader expects.
    const sorted = [...quads].sort(
      (a, b) =>
        Number(b.object.value === `${RS}ResultSet`) - Number(a.object.value === `${RS}ResultSet`) ||
        Number(b.predicate.value === `${RS}boolean`) - Number(a.predicate.value === `${RS}boolean`),
    );
    return TestCaseQueryEvaluationHandler.parseDawgResultSet(sorted);
  }
  const type =
    {
      srx: "application/sparql-results+xml",
      srj: "application/sparql-results+json",
      tsv: "text/tab-separated-values",
      csv: "text/csv",
    }[kind] ?? kind;
  const r = await TestCaseQueryEvaluationHandler.parseQueryResult(
    type,
    url,
    Readable.from([readFileSync(toPath(url), "utf8")]),
  );
  return r.type === "bindings" && ordered ? new QueryResultBindings(r.variables, r.value, true) : r;
}

/** The server a run talks to, and the graphs it loaded last. */
export interface W3cTarget {
  readonly server: VivantServer;
  loaded: Set<string>;
}

/** Replaces the server's dataset with the test's: its default graph as a named graph, and its named graphs. */
async function loadDataset(target: W3cTarget, t: TestEntry): Promise<string[]> {
  const { server } = target;
  const graphs = new Map<string, Quad[]>([[DEFAULT_GRAPH, []]]);
  for (const d of t.data) graphs.get(DEFAULT_GRAPH)!.push(...(await readRdf(d)));
  for (const g of t.graphData) graphs.set(g.name, [...(graphs.get(g.name) ?? []), ...(await readRdf(g.url))]);
  for (const g of target.loaded) if (!graphs.has(g)) await server.deleteGraph(g);
  for (const [g, quads] of graphs)
    await server.replaceGraph(g, quads, {
      licence: "https://www.w3.org/copyright/software-license-2023/",
      publisherId: "w3c",
    });
  target.loaded = new Set(graphs.keys());
  return [...graphs.keys()].filter((g) => g !== DEFAULT_GRAPH);
}

/** Literals as opaque IRIs: rdf-test-suite then compares them as terms (lexical form, datatype, language) instead of values. */
function strictForm(r: IQueryResult): IQueryResult {
  if (r.type !== "bindings") return r;
  const b = r as QueryResultBindings;
  const encode = (t: Term): Term =>
    t.termType === "Literal"
      ? DataFactory.namedNode(`urn:vivant:literal:${JSON.stringify([t.value, t.datatype.value, t.language])}`)
      : t;
  return new QueryResultBindings(
    b.variables,
    b.value.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, encode(v)]))),
    b.checkOrder,
  );
}

/** How an answer compares with the expected one. */
export type Outcome = "strict" | "value" | "fail";

/** Runs one test through the endpoint: "strict" when the answer equals the expected one term for term, "value" when only by value; throws with the reason otherwise. */
export async function runW3cTest(target: W3cTarget, t: TestEntry, only?: RegExp): Promise<Outcome> {
  const { server } = target;
  const named = await loadDataset(target, t);
  const text = readFileSync(toPath(t.query), "utf8");
  // The protocol has no base parameter: the client states the query file's base in the query.
  const query = /^\s*BASE\b/im.test(text) ? text : `BASE <${t.query}>\n${text}`;
  const graph = ["construct", "describe"].includes(operationKind(query) ?? "");
  const form = new URLSearchParams({ query });
  if (!hasDatasetClause(query)) {
    form.append("default-graph-uri", DEFAULT_GRAPH);
    for (const g of named) form.append("named-graph-uri", g);
  }
  // The expected result's format is asked for: the TSV and JSON serialisations are under test too.
  const accept = graph
    ? "application/n-triples"
    : (({ tsv: "text/tab-separated-values", srx: "application/sparql-results+xml" } as Record<string, string>)[
        ext(t.result)
      ] ?? "application/sparql-results+json");
  const res = await fetch(`${server.url}sparql`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept },
    body: form,
  });
  const body = await res.text();
  if (res.status !== 200)
    throw new Error(`HTTP ${res.status}: ${(JSON.parse(body) as { detail?: string }).detail ?? body.slice(0, 200)}`);
  const ordered = /\bORDER\s+BY\b/i.test(text);
  let actual = await TestCaseQueryEvaluationHandler.parseQueryResult(
    res.headers.get("content-type")!.split(";")[0]!,
    `${server.url}sparql`,
    Readable.from([body]),
  );
  // Under ORDER BY both sides are compared in order (rdf-test-suite sorts a side whose checkOrder is false).
  if (ordered && actual.type === "bindings") actual = new QueryResultBindings(actual.variables, actual.value, true);
  const want = await expected(t, ordered);
  if (!want.equals(actual, t.lax))
    throw new Error(
      `different result: expected ${want.toString().slice(0, only ? 5000 : 300)} got ${actual.toString().slice(0, only ? 5000 : 300)}`,
    );
  return strictForm(want).equals(strictForm(actual), t.lax) ? "strict" : "value";
}

/** What a run of the suite gave: the local names failed and passed by value only, the counts, the lines printed. */
export interface SuiteRun {
  readonly total: number;
  readonly passed: number;
  readonly strict: number;
  readonly failed: string[];
  readonly valueOnly: string[];
}

/**
 * Runs the 232 tests (those matching `only`, when given: then each failure prints whole) against `target` and prints
 * the counts, each failure and each value-only pass under `title`.
 */
export async function runW3cSuite(target: W3cTarget, title: string, only?: RegExp): Promise<SuiteRun> {
  const tests = [
    ...readManifest(`${BASE}manifest-sparql11-query.ttl`),
    ...readManifest(`${BASE}manifest-sparql11-results.ttl`),
  ];
  const failed: string[] = [];
  const valueOnly: string[] = [];
  const lines: string[] = [];
  let passed = 0;
  let strict = 0;
  for (const t of tests) {
    if (only && !only.test(t.uri)) continue;
    const name = t.uri.replace(BASE, "");
    try {
      const outcome = await runW3cTest(target, t, only);
      passed++;
      if (outcome === "strict") strict++;
      else valueOnly.push(name);
    } catch (e) {
      failed.push(name);
      const message = e instanceof Error ? e.message : String(e);
      lines.push(`  FAIL ${t.name} <${name}>: ${only ? message : message.split("\n")[0]!.slice(0, 240)}`);
    }
  }
  console.log(
    [
      `${title}: ${passed}/${tests.length} passed by value (${failed.length} failed); ${strict}/${tests.length} by strict term equality`,
      ...lines,
      ...valueOnly.map((v) => `  VALUE-ONLY (equal by value, not term for term) ${v}`),
    ].join("\n"),
  );
  return { total: tests.length, passed, strict, failed: failed.sort(), valueOnly: valueOnly.sort() };
}
