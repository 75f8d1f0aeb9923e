// What the pages' speed rests on (issue 14, point 8) must not change what they say: facet counts and names kept by a
// worker's index are those of the current data (a write answers with the new counts at once), the venue list of the
// search form is bounded (the page's weight does not grow with the number of venues) and says so, and the index's
// descriptions are the performances' own.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VivantServer } from "../../src/server/index.js";
import { mapRecords } from "../../src/mapping/index.js";
import { describePerformances, observatory } from "../../src/query/index.js";
import { VENUE_OPTIONS } from "../../src/web/discovery.js";
import { generateSeason } from "../../bench/generate.js";
import { call, DEMO_TEXT, selectRows } from "../server/helpers.js";

const S = "http://schema.org/";
let server: VivantServer;
/** Enough performances for VENUE_OPTIONS + 1 venues (the generator gives a venue per 50 performances). */
const PERFORMANCES = VENUE_OPTIONS * 50 + 1;

beforeAll(async () => {
  server = await VivantServer.start({ port: 0 });
  const m = mapRecords(generateSeason(PERFORMANCES, { publisherId: "gen" }), { origins: false });
  await server.replaceGraph(m.graphIri, m.quads, {
    publisherId: "gen",
    licence: "cc0-1.0",
    source: "bench/generate.ts",
  });
}, 300_000);
afterAll(() => server?.close());

interface Facets {
  readonly [facet: string]: readonly { readonly value: string; readonly count: number }[];
}

async function facets(query = ""): Promise<Facets> {
  const a = await call(server.url, `api/performances/facets${query}`);
  expect(a.status, a.text).toBe(200);
  return JSON.parse(a.text) as Facets;
}

/** Performances per city, by hand-written SPARQL (the same count facetQuery makes). */
async function citiesBySparql(): Promise<Record<string, number>> {
  const rows = await selectRows(
    server.url,
    `SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e <${S}workPerformed> ?w ; <${S}startDate> ?s . { ?e <${S}location>/<${S}address>/<${S}addressLocality> ?c } UNION { ?e <${S}location>/<${S}containedInPlace>/<${S}address>/<${S}addressLocality> ?c } } GROUP BY ?c`,
  );
  return Object.fromEntries(rows.map((r) => [r.c!, Number(r.n)]));
}

const venueOptions = (html: string): string[] => {
  const select = /<select id="f-venue"[^>]*>([\s\S]*?)<\/select>/.exec(html);
  expect(select, "the form has a venue list").not.toBeNull();
  return [...select![1]!.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]!);
};

describe("the discovery page's caches", () => {
  it("keeps at most VENUE_OPTIONS venues in the form, the most frequent, says so, and keeps the chosen venue", async () => {
    const all = await facets("?facet=venue");
    expect(all.venue!.length).toBeGreaterThan(VENUE_OPTIONS);
    const a = await call(server.url, "?ui=en", { headers: { accept: "text/html" } });
    expect(a.status).toBe(200);
    const options = venueOptions(a.text);
    expect(options).toHaveLength(VENUE_OPTIONS);
    expect(new Set(options)).toEqual(new Set(all.venue!.slice(0, VENUE_OPTIONS).map((v) => v.value)));
    expect(a.text).toContain(`The ${VENUE_OPTIONS} venues with the most performances for this search`);
    expect(a.text).toMatch(/<select id="f-venue" name="venue" aria-describedby="f-venue-hint">/);
    // A venue outside the list, once chosen, is in it (selected).
    const rare = all.venue![all.venue!.length - 1]!.value;
    const chosen = await call(server.url, `?ui=en&venue=${encodeURIComponent(rare)}`, {
      headers: { accept: "text/html" },
    });
    expect(chosen.text).toContain(`<option value="${rare}" selected>`);
    // Venue names come from the index: each listed venue is named, none is shown as "online".
    const fr = await call(server.url, "", { headers: { accept: "text/html", "accept-language": "fr" } });
    expect(/<select id="f-venue"[\s\S]*?<\/select>/.exec(fr.text)![0]).not.toContain(">En ligne<");
  });

  it("answers a repeated search from the cache with the same counts, and a write with the new counts at once", async () => {
    const stats = async (): Promise<unknown> => JSON.parse((await call(server.url, "api/stats")).text);
    const statsBefore = await stats();
    expect(await stats()).toEqual(statsBefore);
    expect(statsBefore).toEqual(await observatory(server.pool, {}));
    const before = await facets();
    expect(await facets()).toEqual(before);
    expect(Object.fromEntries(before.city!.map((c) => [c.value, c.count]))).toEqual(await citiesBySparql());
    const page = await call(server.url, "?city=Nantes", { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);

    const { info } = await server.load([{ text: DEMO_TEXT, source: "demo-season.json" }], {});
    expect(info).toBeDefined();
    const after = await facets();
    expect(after).not.toEqual(before);
    expect(Object.fromEntries(after.city!.map((c) => [c.value, c.count]))).toEqual(await citiesBySparql());
    const nantes = (f: Facets): number => f.city!.find((c) => c.value === "Nantes")?.count ?? 0;
    expect(nantes(after)).toBeGreaterThan(nantes(before));
    // The observatory's cache too: the new counts, as its SPARQL gives them.
    const statsAfter = await stats();
    expect(statsAfter).not.toEqual(statsBefore);
    expect(statsAfter).toEqual(await observatory(server.pool, {}));
    // The page of the same search: its facet shows the new count, and the new venues' names.
    const again = await call(server.url, "?city=Nantes&ui=en", { headers: { accept: "text/html" } });
    const genreCounts = [...again.text.matchAll(/<span class="count">(\d+)<\/span>/g)].map((m) => Number(m[1]));
    expect(genreCounts.length).toBeGreaterThan(0);
    expect(again.text).toContain("Le Grand Quai, scène conventionnée de Nantes");
  });

  it("describes performances from the index as the SPARQL description does, unknown IRIs by their @id only", async () => {
    const rows = await selectRows(server.url, `SELECT ?e WHERE { ?e <${S}workPerformed> ?w } ORDER BY ?e LIMIT 3`);
    const ids = rows.map((r) => r.e!);
    const viaIndex = await server.pool.describe([...ids, "https://nowhere.example/x", ids[0]!]);
    const bySparql = await describePerformances(server.pool, ids);
    expect(viaIndex.slice(0, 3)).toEqual(bySparql);
    expect(viaIndex[3]).toEqual({ "@id": "https://nowhere.example/x" });
    expect(viaIndex[4]).toEqual(bySparql[0]);
    const names = await server.pool.names([ids[0]!, "not an iri"]);
    expect(names["not an iri"]).toEqual([]);
  });
});
