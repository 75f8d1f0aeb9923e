// The typed discoverability API over HTTP: each answer equals the answer of a hand-written SPARQL query
// for the same question, sent to the same server's /sparql endpoint. The library gives the same answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { VivantServer } from "../../src/server/index.js";
import { GraphStore } from "../../src/store/index.js";
import { findPerformances, observatory, performanceFacets, performanceFacetsByGraph } from "../../src/query/index.js";
import { mapRecords } from "../../src/mapping/index.js";
import { call, DEMO_PATH, demoServer, selectRows } from "./helpers.js";

let server: VivantServer;
let base: string;
beforeAll(async () => {
  ({ server } = await demoServer());
  base = server.url;
});
afterAll(() => server?.close());

const P = "PREFIX schema: <http://schema.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ";
const R = "https://data.reseau-scenes.example/";

/** All pages of /api/performances for these parameters → performance IRIs in order. */
async function apiIds(params: string, limit = 500): Promise<string[]> {
  const ids: string[] = [];
  let path: string | undefined = `api/performances?${params}${params ? "&" : ""}limit=${limit}`;
  while (path) {
    const a = await call(base, path);
    expect(a.status, a.text).toBe(200);
    expect(a.type).toMatch(/^application\/ld\+json/);
    const doc = JSON.parse(a.text) as { "@graph": { "@id": string }[]; next?: string };
    ids.push(...doc["@graph"].map((n) => n["@id"]));
    path = doc.next?.replace(/^\//, "");
  }
  return ids;
}

/** A hand-written question: the performances (events with a work performed) in start order. */
async function sparqlIds(where: string): Promise<string[]> {
  const rows = await selectRows(
    base,
    `${P} SELECT DISTINCT ?e ?start WHERE { ?e schema:workPerformed ?w ; schema:startDate ?start . ${where} } ORDER BY ?start ?e`,
  );
  return rows.map((r) => r.e!);
}

const AT_VENUE = (v: string) => `{ ?e schema:location ${v} } UNION { ?e schema:location/schema:containedInPlace ${v} }`;

describe("GET /api/performances equals the hand-written SPARQL", () => {
  it("by date range (local dates, Europe/Paris)", async () => {
    const expected = await sparqlIds(
      `FILTER(?start >= "2026-11-01T00:00:00+01:00"^^xsd:dateTime && ?start < "2026-12-01T00:00:00+01:00"^^xsd:dateTime)`,
    );
    expect(expected.length).toBeGreaterThan(5);
    expect(await apiIds("from=2026-11-01&to=2026-11-30")).toEqual(expected);
    const afterDst = await sparqlIds(
      `FILTER(?start >= "2026-10-25T00:00:00+02:00"^^xsd:dateTime && ?start < "2026-10-26T00:00:00+01:00"^^xsd:dateTime)`,
    );
    expect(await apiIds("from=2026-10-25&to=2026-10-25")).toEqual(afterDst);
  });

  it("by city and by region", async () => {
    const rennes = await sparqlIds(`?v schema:address/schema:addressLocality "Rennes" . ${AT_VENUE("?v")}`);
    expect(rennes.length).toBeGreaterThan(3);
    expect(await apiIds("city=rennes")).toEqual(rennes);
    const bretagne = await sparqlIds(`?v schema:address/schema:addressRegion "Bretagne" . ${AT_VENUE("?v")}`);
    expect(await apiIds("region=Bretagne")).toEqual(bretagne);
  });

  it("by distance from a point (checked against the haversine distance of each venue)", async () => {
    const venues = await selectRows(
      base,
      `${P} SELECT ?v ?lat ?lon WHERE { ?v schema:geo ?g . ?g schema:latitude ?lat ; schema:longitude ?lon }`,
    );
    const [lat0, lon0] = [47.2184, -1.5536];
    const rad = Math.PI / 180;
    const km = (lat: number, lon: number) =>
      2 *
      6371.0088 *
      Math.asin(
        Math.sqrt(
          Math.sin(((lat - lat0) * rad) / 2) ** 2 +
            Math.cos(lat0 * rad) * Math.cos(lat * rad) * Math.sin(((lon - lon0) * rad) / 2) ** 2,
        ),
      );
    for (const radius of [5, 60, 120]) {
      const near = venues.filter((v) => km(Number(v.lat), Number(v.lon)) <= radius).map((v) => `<${v.v}>`);
      const expected = near.length ? await sparqlIds(`VALUES ?v { ${near.join(" ")} } ${AT_VENUE("?v")}`) : [];
      expect(await apiIds(`near=${lat0},${lon0},${radius}`)).toEqual(expected);
    }
  });

  it("by genre, event type, venue, performer and language", async () => {
    expect(await apiIds("genre=opera")).toEqual(
      await sparqlIds(`?w schema:genre <http://kg.artsdata.ca/resource/K6-402> .`),
    );
    expect(await apiIds("type=DanceEvent")).toEqual(await sparqlIds(`?e a schema:DanceEvent .`));
    const venue = `${R}venue/grand-quai-nantes`;
    const atVenue = await sparqlIds(AT_VENUE(`<${venue}>`));
    expect(atVenue.length).toBeGreaterThan(3);
    expect(await apiIds(`venue=${encodeURIComponent(venue)}`)).toEqual(atVenue);
    const person = `${R}person/marion-lefevre`;
    const performing = await sparqlIds(
      `{ ?e schema:performer/schema:performer <${person}> } UNION { ?w schema:contributor/schema:contributor <${person}> }`,
    );
    expect(performing.length).toBeGreaterThan(0);
    expect(await apiIds(`performer=${encodeURIComponent(person)}`)).toEqual(performing);
    const italian = await sparqlIds(`{ ?e schema:inLanguage "it" } UNION { ?w schema:inLanguage "it" }`);
    expect(italian.length).toBeGreaterThan(0);
    expect(await apiIds("lang=it")).toEqual(italian);
  });

  it("by accessibility feature, of the performance or of its venue or hall", async () => {
    expect(await apiIds("accessibility=surtitles")).toEqual(
      await sparqlIds(`?e schema:accessibilityFeature "surtitles" .`),
    );
    const wheelchair = await sparqlIds(
      `{ ?e schema:location ?p } UNION { ?e schema:location/schema:containedInPlace ?p } ?p schema:amenityFeature [ schema:name "wheelchairAccessible" ; schema:value true ] .`,
    );
    expect(wheelchair.length).toBeGreaterThan(0);
    expect(await apiIds("accessibility=wheelchairAccessible")).toEqual(wheelchair);
  });

  it("by price: free, and at most a price", async () => {
    const free = await sparqlIds(
      `FILTER(EXISTS { ?e schema:isAccessibleForFree true } || (EXISTS { ?e schema:offers/schema:price 0.0 } && NOT EXISTS { ?e schema:offers/(schema:price|schema:priceSpecification/schema:minPrice) ?x FILTER(?x > 0) }))`,
    );
    expect(free.length).toBeGreaterThan(0);
    expect(await apiIds("free=true")).toEqual(free);
    const cheap = await sparqlIds(
      `FILTER(EXISTS { ?e schema:offers/(schema:price|schema:priceSpecification/schema:minPrice) ?x FILTER(?x <= 20) } || EXISTS { ?e schema:isAccessibleForFree true })`,
    );
    expect(cheap.length).toBeGreaterThan(free.length);
    expect(await apiIds("maxPrice=20")).toEqual(cheap);
  });

  it("by free text in the performance's or production's name and description", async () => {
    const expected = await sparqlIds(
      `FILTER EXISTS { ?x schema:name|schema:description ?t . FILTER((?x = ?e || ?x = ?w) && CONTAINS(LCASE(STR(?t)), "molière")) }`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(await apiIds("q=Moli%C3%A8re")).toEqual(expected);
  });

  it("answers the combined question: in Nantes this season, in sign language, at most 20 € (free included)", async () => {
    const expected = await sparqlIds(`?v schema:address/schema:addressLocality "Nantes" . ${AT_VENUE("?v")}
      FILTER(?start >= "2026-10-01T00:00:00+02:00"^^xsd:dateTime && ?start < "2027-07-01T00:00:00+02:00"^^xsd:dateTime)
      ?e schema:accessibilityFeature "signLanguage" .
      FILTER(EXISTS { ?e schema:offers/(schema:price|schema:priceSpecification/schema:minPrice) ?x FILTER(?x <= 20) } || EXISTS { ?e schema:isAccessibleForFree true })`);
    expect(expected.length).toBeGreaterThan(0);
    expect(await apiIds("city=Nantes&from=2026-10-01&to=2027-06-30&accessibility=signLanguage&maxPrice=20")).toEqual(
      expected,
    );
  });

  it("pages a venue, a genre and a type within a date range (the index's posting lists and its stop at `to`)", async () => {
    const venue = `${R}venue/grand-quai-nantes`;
    const inRange = `FILTER(?start >= "2026-11-01T00:00:00+01:00"^^xsd:dateTime && ?start < "2027-02-01T00:00:00+01:00"^^xsd:dateTime)`;
    const atVenue = await sparqlIds(`${AT_VENUE(`<${venue}>`)} ${inRange}`);
    expect(atVenue.length).toBeGreaterThan(1);
    expect(await apiIds(`venue=${encodeURIComponent(venue)}&from=2026-11-01&to=2027-01-31`, 1)).toEqual(atVenue);
    const opera = await sparqlIds(
      `?w schema:genre <http://kg.artsdata.ca/resource/K6-402> . ?e a schema:MusicEvent . ${inRange}`,
    );
    expect(opera.length).toBeGreaterThan(1);
    expect(await apiIds("genre=opera&type=MusicEvent&from=2026-11-01&to=2027-01-31", 1)).toEqual(opera);
    expect(await apiIds(`venue=${encodeURIComponent(`${R}venue/nowhere`)}`)).toEqual([]);
    const until = await sparqlIds(
      `?e a schema:DanceEvent . FILTER(?start < "2026-12-01T00:00:00+01:00"^^xsd:dateTime)`,
    );
    expect(until.length).toBeGreaterThan(1);
    expect(await apiIds("type=DanceEvent&to=2026-11-30", 1)).toEqual(until);
  });

  it("pages with a cursor: the pages joined equal one big page, none repeated", async () => {
    const all = await apiIds("from=2026-09-01");
    expect(all.length).toBe(165);
    expect(await apiIds("from=2026-09-01", 7)).toEqual(all);
    expect((await call(base, "api/performances?cursor=garbage")).status).toBe(400);
  });

  it("describes each performance as JSON-LD with its place, offers and dates", async () => {
    const a = await call(
      base,
      "api/performances?venue=" + encodeURIComponent(`${R}venue/theatre-vilaine-rennes`) + "&genre=opera&limit=1",
    );
    const doc = JSON.parse(a.text);
    expect(doc["@context"]["@vocab"]).toBe("http://schema.org/");
    const p = doc["@graph"][0];
    expect(p).toMatchObject({
      "@type": "MusicEvent",
      startDate: expect.stringMatching(/^2026-/),
      location: { "@id": `${R}venue/theatre-vilaine-rennes`, address: { addressLocality: "Rennes" } },
    });
    expect(p.offers.length).toBeGreaterThan(0);
    expect(doc.next).toMatch(/cursor=/);
  });

  it("refuses unknown parameters and bad values with 400", async () => {
    expect((await call(base, "api/performances?citty=Lyon")).status).toBe(400);
    expect((await call(base, "api/performances?near=1,2")).status).toBe(400);
    expect((await call(base, "api/performances?from=2026-13-01")).status).toBe(400);
    expect((await call(base, "api/performances?genre=polka")).status).toBe(400);
    expect((await call(base, "api/performances?limit=5000")).status).toBe(400);
  });
});

describe("facets and observatory aggregates equal the hand-written SPARQL", () => {
  it("counts performances per type, city and accessibility feature", async () => {
    const facets = JSON.parse((await call(base, "api/performances/facets?from=2026-11-01")).text);
    const byType = await selectRows(
      base,
      `${P} SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e schema:workPerformed ?w ; schema:startDate ?s ; a ?t FILTER(?s >= "2026-11-01T00:00:00+01:00"^^xsd:dateTime) } GROUP BY ?t`,
    );
    expect(
      Object.fromEntries(
        facets.type.map((f: { value: string; count: number }) => [`http://schema.org/${f.value}`, f.count]),
      ),
    ).toEqual(Object.fromEntries(byType.map((r) => [r.t, Number(r.n)])));
    const byCity = await selectRows(
      base,
      `${P} SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e schema:workPerformed ?w ; schema:startDate ?s FILTER(?s >= "2026-11-01T00:00:00+01:00"^^xsd:dateTime) ${AT_VENUE("?v")} ?v schema:address/schema:addressLocality ?c } GROUP BY ?c`,
    );
    expect(Object.fromEntries(facets.city.map((f: { value: string; count: number }) => [f.value, f.count]))).toEqual(
      Object.fromEntries(byCity.map((r) => [r.c, Number(r.n)])),
    );
    expect(facets.accessibility.find((f: { value: string }) => f.value === "surtitles").count).toBe(
      (await apiIds("from=2026-11-01&accessibility=surtitles")).length,
    );
  });

  it("counts performances per month, region and discipline", async () => {
    const stats = JSON.parse((await call(base, "api/stats")).text);
    const months = await selectRows(
      base,
      `${P} SELECT ?m (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e schema:workPerformed ?w ; schema:startDate ?s BIND(SUBSTR(STR(?s), 1, 7) AS ?m) } GROUP BY ?m ORDER BY ?m`,
    );
    expect(stats.byMonth).toEqual(months.map((r) => ({ month: r.m, performances: Number(r.n) })));
    const regions = await selectRows(
      base,
      `${P} SELECT ?r (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e schema:workPerformed ?w . ${AT_VENUE("?v")} ?v schema:address/schema:addressRegion ?r } GROUP BY ?r`,
    );
    const known = stats.byRegion.filter((r: { region?: string }) => r.region !== undefined);
    expect(
      Object.fromEntries(known.map((r: { region: string; performances: number }) => [r.region, r.performances])),
    ).toEqual(Object.fromEntries(regions.map((r) => [r.r, Number(r.n)])));
    const dance = await selectRows(
      base,
      `${P} SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e schema:workPerformed/schema:genre ?g FILTER(STRSTARTS(STR(?g), "http://kg.artsdata.ca/resource/K6-2")) }`,
    );
    expect(stats.byDiscipline.find((d: { discipline: string }) => d.discipline === "dance").performances).toBe(
      Number(dance[0]!.n),
    );
    const cubeTotal = stats.cube
      .filter((c: { month: string }) => c.month === "2026-11")
      .reduce((n: number, c: { performances: number }) => n + c.performances, 0);
    expect(cubeTotal).toBeGreaterThanOrEqual(
      stats.byMonth.find((m: { month: string }) => m.month === "2026-11").performances,
    );
  });
});

describe("the library answers as the HTTP API does", () => {
  it("findPerformances, performanceFacets and observatory on an in-process GraphStore", async () => {
    // The HTTP answers first: a library query of several seconds between two requests (on a loaded machine) let the
    // server close the kept-alive socket as the client reused it (ECONNRESET), which says nothing of the answers.
    const http = {
      page: await apiIds("city=Nantes&accessibility=signLanguage&maxPrice=20"),
      facets: JSON.parse((await call(base, "api/performances/facets?from=2026-11-01")).text),
      all: JSON.parse((await call(base, "api/performances/facets")).text),
      byGraph: JSON.parse((await call(base, "api/performances/facets?by=graph")).text),
      stats: JSON.parse((await call(base, "api/stats?region=Bretagne")).text),
    };
    const store = await GraphStore.open();
    try {
      const m = mapRecords(JSON.parse(readFileSync(DEMO_PATH, "utf8")));
      await store.replaceGraph(m.graphIri, m.quads, { licence: "etalab-2.0" });
      const page = await findPerformances(
        store,
        { city: "Nantes", accessibility: "signLanguage", maxPrice: 20 },
        { limit: 500 },
      );
      expect(page.items.map((p) => p["@id"])).toEqual(http.page);
      expect(await performanceFacets(store, { from: "2026-11-01" })).toEqual(http.facets);
      // The whole season, mixed performances (a hall and a stream) included: the index counts locations as SPARQL does.
      const all = await performanceFacets(store, {});
      expect(all).toEqual(http.all);
      expect(all.venue.find((v) => v.value.endsWith("/performance/traviata-01#online"))?.count).toBe(1);
      // Per graph, the index (HTTP) and SPARQL agree; the demo's one graph holds every count.
      expect(await performanceFacetsByGraph(store, {})).toEqual(http.byGraph.graphs);
      expect(http.byGraph.graphs).toEqual([{ graph: "https://data.reseau-scenes.example/graph", facets: http.all }]);
      expect(await observatory(store, { region: "Bretagne" })).toEqual(http.stats);
    } finally {
      await store.close();
    }
  });
});
