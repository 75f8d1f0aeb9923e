// Round trip: harvesting the demo season's own pages (its embed snippets, served on loopback) gives the
// same answers to discoverability questions as loading its records directly. The questions are asked
// in SPARQL with Oxigraph over each graph, until the store's typed queries (src/query) are wired here.

import { readFileSync } from "node:fs";
import oxigraph from "oxigraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Quad } from "@rdfjs/types";
import { harvest } from "../../src/harvest/harvest.js";
import { embedScript, mapRecords, toEmbeds } from "../../src/mapping/index.js";
import { page, startSite, type TestSite } from "./server.js";

const DEMO = JSON.parse(readFileSync(new URL("../../fixtures/demo-season.json", import.meta.url), "utf8"));
const PREFIX = "PREFIX schema: <http://schema.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ";

const QUESTIONS: Record<string, string> = {
  "performances between two dates": `SELECT ?e WHERE { ?e schema:startDate ?d ; schema:workPerformed ?w . FILTER(?d >= "2026-10-01T00:00:00+02:00"^^xsd:dateTime && ?d < "2026-12-01T00:00:00+01:00"^^xsd:dateTime) }`,
  "performances by city": `SELECT DISTINCT ?e ?city WHERE { ?e schema:workPerformed ?w ; schema:location ?l . { ?l schema:address/schema:addressLocality ?city } UNION { ?l schema:containedInPlace/schema:address/schema:addressLocality ?city } }`,
  // Venues only: the embed's VirtualLocation has no @id, so its IRI is minted from the page.
  "performances by venue": `SELECT ?e ?l WHERE { ?e schema:workPerformed ?w ; schema:location ?l . FILTER NOT EXISTS { ?l a schema:VirtualLocation } }`,
  "cancelled or postponed": `SELECT ?e ?s WHERE { ?e schema:eventStatus ?s . FILTER(?s != schema:EventScheduled) }`,
  "performances by performer": `SELECT ?e ?a WHERE { ?e schema:startDate ?d ; schema:performer ?p . { ?p a schema:Person . BIND(?p AS ?a) } UNION { ?p a schema:Organization . BIND(?p AS ?a) } UNION { ?p schema:performer ?a } }`,
  "free-text search on the name": `SELECT DISTINCT ?e WHERE { ?e schema:startDate ?d ; schema:name ?n . FILTER(CONTAINS(LCASE(STR(?n)), "traviata")) }`,
  "tickets at 15 or less": `SELECT DISTINCT ?e WHERE { ?e schema:offers ?o . ?o schema:price ?p . FILTER(?p <= 15) }`,
  "online or mixed attendance": `SELECT ?e ?m WHERE { ?e schema:eventAttendanceMode ?m . FILTER(?m != schema:OfflineEventAttendanceMode) }`,
};

type OxStore = InstanceType<typeof oxigraph.Store>;
function storeOf(quads: readonly Quad[]): OxStore {
  const store = new oxigraph.Store();
  for (const q of quads) store.add(oxigraph.quad(q.subject as never, q.predicate as never, q.object as never, oxigraph.defaultGraph()));
  return store;
}
function answers(store: OxStore, query: string): string[] {
  const rows = store.query(PREFIX + query) as Map<string, { value: string }>[];
  return rows.map((r) => [...r.entries()].map(([k, v]) => `${k}=${v.value}`).sort().join(" ")).sort();
}

let site: TestSite;
let harvested: OxStore;
let direct: OxStore;

beforeAll(async () => {
  site = await startSite();
  const mapped = mapRecords(DEMO, { origins: false });
  direct = storeOf(mapped.quads);
  const urls: string[] = [];
  for (const [id, e] of toEmbeds(mapped.document!)) {
    site.route(`/saison/${id}.html`, { type: "text/html", body: page(id, [embedScript(e)]) });
    urls.push(`${site.origin}/saison/${id}.html`);
  }
  const result = await harvest(urls, { policy: { perHostDelayMs: 0, robots: false } });
  expect(result.failures).toEqual([]);
  harvested = storeOf(result.quads);
});
afterAll(async () => {
  for (const s of [direct, harvested]) (s as unknown as { free?: () => void }).free?.();
  await site.close();
});

describe("round trip: demo season pages harvested vs records loaded", () => {
  for (const [name, query] of Object.entries(QUESTIONS)) {
    it(name, () => {
      const want = answers(direct, query);
      expect(want.length).toBeGreaterThan(0);
      expect(answers(harvested, query)).toEqual(want);
    });
  }
});
