// What reaches the typed API (src/query/events.ts): only nodes typed with an Event class (shipped, or a subclass the
// data declares) whose start is a valid xsd:dateTime (or xsd:date). Nodes that only look like events, and starts
// that are not dates, stay out of /api/performances, its facets and /api/stats, and of findPerformances; a class
// declared in the data (ex:Gig rdfs:subClassOf schema:MusicEvent) is validated as the Event it says it is.
import type { Quad } from "@rdfjs/types";
import { Parser } from "n3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPerformances, observatory, PerformanceIndex, performanceFacets } from "../../src/query/index.js";
import { TokenTable, type VivantServer } from "../../src/server/index.js";
import { GraphStore } from "../../src/store/index.js";
import { validateInParallel } from "../../src/validate/index.js";
import { call, DEMO_TEXT, demoServer } from "./helpers.js";
import { mapRecords } from "../../src/mapping/index.js";

const X = "https://x.example/";
const GRAPH = `${X}graph`;
const P = `@prefix schema: <http://schema.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n@prefix x: <${X}> .\n`;
const VENUE = `x:venue a schema:Place ; schema:name "Salle X"@fr ; schema:address [ a schema:PostalAddress ; schema:addressLocality "Nantes" ; schema:addressRegion "Pays de la Loire" ; schema:addressCountry "FR" ] .
x:work a schema:CreativeWork ; schema:name "Œuvre X"@fr .
`;
const event = (id: string, type: string | undefined, start: string): string =>
  `x:${id} ${type ? `a ${type} ; ` : ""}schema:name "Spectacle ${id}"@fr ; schema:workPerformed x:work ; schema:location x:venue ; schema:startDate ${start} .\n`;
/** Put in the store without validation ("by another way"): what the typed API reads must not trust it. */
const UNCHECKED =
  P +
  VENUE +
  event("untyped", undefined, `"2026-11-05T20:00:00+01:00"^^xsd:dateTime`) +
  event("thing", "schema:Thing", `"2026-11-05T20:00:00+01:00"^^xsd:dateTime`) +
  event("garbage", "schema:TheaterEvent", `"not a date"^^xsd:dateTime`) +
  event("feb30", "schema:TheaterEvent", `"2026-02-30T20:00:00+01:00"^^xsd:dateTime`) +
  event("plain", "schema:TheaterEvent", `"2026-11-05T20:00:00+01:00"`) +
  event("iri", "schema:TheaterEvent", `x:someday`) +
  event("ok", "schema:TheaterEvent", `"2026-11-06T20:00:00+01:00"^^xsd:dateTime`) +
  `x:Gig rdfs:subClassOf schema:MusicEvent .\nx:Concert rdfs:subClassOf x:Gig .\n` +
  event("gig", "x:Gig", `"2026-11-07T20:00:00+01:00"^^xsd:dateTime`) +
  event("concert", "x:Concert", `"2026-11-08T20:00:00+01:00"^^xsd:dateTime`);
const IN = [`${X}ok`, `${X}gig`, `${X}concert`];
const OUT = ["untyped", "thing", "garbage", "feb30", "plain", "iri"].map((l) => `${X}${l}`);

const quads = (ttl: string): Quad[] => new Parser().parse(ttl);

describe("what reaches the typed API", () => {
  let server: VivantServer;
  let store: GraphStore;
  beforeAll(async () => {
    const tokens = new TokenTable();
    tokens.issue({ publisherId: "x", graphIri: GRAPH, licence: "cc0-1.0" });
    ({ server } = await demoServer({ tokens }));
    await server.replaceGraph(GRAPH, quads(UNCHECKED), { publisherId: "x", licence: "cc0-1.0" });
    store = await GraphStore.open();
    const demo = mapRecords(JSON.parse(DEMO_TEXT));
    await store.replaceGraph(demo.graphIri, demo.quads, { publisherId: "reseau-scenes", licence: "etalab-2.0" });
    await store.replaceGraph(GRAPH, quads(UNCHECKED), { publisherId: "x", licence: "cc0-1.0" });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  const ids = async (q = ""): Promise<string[]> =>
    (JSON.parse((await call(server.url, `api/performances?limit=500${q}`)).text) as { "@graph": { "@id": string }[] })[
      "@graph"
    ]
      .map((n) => n["@id"])
      .filter((i) => i.startsWith(X));

  it("/api/performances lists typed events with a valid start (a class the data declares included), nothing else", async () => {
    expect((await ids()).sort()).toEqual([...IN].sort());
    expect((await ids("&city=Nantes&from=2026-11-01&to=2026-11-30")).sort()).toEqual([...IN].sort());
    expect(await ids("&q=untyped")).toEqual([]);
    expect(await ids("&type=Thing")).toEqual([]);
    expect(await ids(`&type=${encodeURIComponent(`${X}Gig`)}`)).toEqual([`${X}gig`]);
  });

  it("facets and stats count the same performances", async () => {
    const facets = JSON.parse(
      (await call(server.url, "api/performances/facets?from=2026-11-01&to=2026-11-30&facet=venue")).text,
    ) as { venue: { value: string; count: number }[] };
    expect(facets.venue.find((v) => v.value === `${X}venue`)?.count).toBe(3);
    const stats = JSON.parse((await call(server.url, "api/stats?from=2026-11-01&to=2026-11-30")).text) as {
      byMonth: { month: string; performances: number }[];
    };
    const demoNov = (await findPerformances(store, { from: "2026-11-01", to: "2026-11-30" }, { limit: 500 })).items
      .length;
    expect(stats.byMonth).toEqual([{ month: "2026-11", performances: demoNov }]);
  });

  it("findPerformances (SPARQL), performanceFacets, observatory and the index agree", async () => {
    const sparql = (await findPerformances(store, {}, { limit: 500 })).items.map((n) => n["@id"]);
    const index = PerformanceIndex.build((q) => store.selectSync(q)).find({}, { limit: 500 }).ids;
    expect(sparql).toEqual(index);
    expect(sparql.filter((i) => i.startsWith(X)).sort()).toEqual([...IN].sort());
    for (const o of OUT) expect(sparql).not.toContain(o);
    const f = { from: "2026-11-01", to: "2026-11-30" };
    const built = PerformanceIndex.build((q) => store.selectSync(q));
    expect(await performanceFacets(store, f)).toEqual(built.facets(f));
    expect(await observatory(store, f)).toEqual(built.observatory(f));
  });
});

describe("an Event subclass declared in the data is validated as an Event", () => {
  const GIG = `${P}x:Gig rdfs:subClassOf schema:MusicEvent .\n${VENUE}`;

  it("a node typed ex:Gig gets the Event shapes' violations (a bad start, no location)", async () => {
    const report = await validateInParallel(
      quads(`${GIG}x:g a x:Gig ; schema:name "Gig"@fr ; schema:workPerformed x:work ; schema:startDate "garbage" .`),
      "core",
    );
    const codes = report.issues
      .filter((i) => i.focusNode === `${X}g` && i.severity === "violation")
      .map((i) => i.code)
      .sort();
    expect(codes).toEqual(["core/event-location-required", "core/event-start-date-type"]);
    // Through a chain of declarations, and the same without workers.
    const chain = quads(
      `${GIG}x:Concert rdfs:subClassOf x:Gig .\nx:c a x:Concert ; schema:name "C"@fr ; schema:workPerformed x:work ; schema:location x:venue .`,
    );
    expect(
      (await validateInParallel(chain, "core", { workers: 0 })).issues
        .filter((i) => i.focusNode === `${X}c` && i.severity === "violation")
        .map((i) => i.code),
    ).toEqual(["core/event-start-date-required"]);
    // Without the declaration, nothing targets the node (and the typed API ignores it).
    const undeclared = quads(`${P}${VENUE}x:g a x:Gig ; schema:workPerformed x:work ; schema:startDate "garbage" .`);
    expect((await validateInParallel(undeclared, "core")).issues.filter((i) => i.focusNode === `${X}g`)).toEqual([]);
  });

  it("through the Graph Store: 422 for a bad Gig, 201 and listed for a good one", async () => {
    const tokens = new TokenTable();
    const token = tokens.issue({ publisherId: "x", graphIri: GRAPH, licence: "cc0-1.0" });
    const { server } = await demoServer({ tokens });
    try {
      const put = (body: string) =>
        call(server.url, `graph-store?graph=${encodeURIComponent(GRAPH)}`, {
          method: "PUT",
          headers: { authorization: `Bearer ${token}`, "content-type": "text/turtle" },
          body,
        });
      const bad = await put(
        `${GIG}x:g a x:Gig ; schema:name "Gig"@fr ; schema:workPerformed x:work ; schema:location x:venue ; schema:startDate "20 novembre"^^xsd:dateTime .`,
      );
      expect(bad.status).toBe(422);
      expect(JSON.parse(bad.text).issues).toContainEqual(
        expect.objectContaining({ code: "core/event-start-date-type", focusNode: `${X}g` }),
      );
      const good = await put(
        `${GIG}x:g a x:Gig ; schema:name "Gig"@fr ; schema:workPerformed x:work ; schema:location x:venue ; schema:startDate "2026-11-20T20:00:00+01:00"^^xsd:dateTime .`,
      );
      expect(good.status, good.text).toBe(201);
      const page = JSON.parse(
        (await call(server.url, "api/performances?city=Nantes&from=2026-11-20&to=2026-11-20")).text,
      ) as { "@graph": { "@id": string }[] };
      expect(page["@graph"].map((n) => n["@id"])).toContain(`${X}g`);
    } finally {
      await server.close();
    }
  }, 30_000);
});
