import { describe, expect, it } from "vitest";
import { FACETS } from "../../../src/query/aggregates.js";
import { facetTableOf, listCounts } from "../../../src/query/perf-index/facets.js";
import { SCHEMA } from "../../../src/vocab.js";
import { entry, place } from "./helpers.js";

const k = (f: (typeof FACETS)[number]) => FACETS.indexOf(f);

/** The values of facet `f` of the performance at position `i`. */
function valuesOf(table: ReturnType<typeof facetTableOf>, f: (typeof FACETS)[number], i: number): string[] {
  const ki = k(f);
  const from = table.offsets[ki]![i]!;
  const to = table.offsets[ki]![i + 1]!;
  return [...table.values[ki]!.subarray(from, to)].map((v) => table.names[ki]![v]!);
}

describe("facetTableOf", () => {
  const places = new Map([
    ["v:hall", place({ cities: ["Nantes"], regions: ["Pays de la Loire"], amenities: ["hearingLoop"] })],
    ["v:site", place({ cities: ["Nantes"], regions: [] })],
  ]);
  const sorted = [
    entry("e:0", "2026-01-01T00:00:00Z", {
      types: [`${SCHEMA}TheaterEvent`, "http://x.example/Own"],
      venues: ["v:hall", "v:site"],
      topVenues: ["v:site"],
      features: ["audioDescription"],
      statedFree: ["true"],
      langs: ["fr"],
    }),
    entry("e:1", "2026-01-02T00:00:00Z", { types: [`${SCHEMA}TheaterEvent`], genres: ["g:opera", "g:opera"] }),
  ];
  const table = facetTableOf(sorted, places);
  it("gives schema.org types by local name and other types by IRI", () => {
    expect(valuesOf(table, "type", 0)).toEqual(["TheaterEvent", "http://x.example/Own"]);
    expect(valuesOf(table, "type", 1)).toEqual(["TheaterEvent"]);
    expect(table.names[k("type")]).toEqual(["TheaterEvent", "http://x.example/Own"]);
  });
  it("reads cities and regions from every place, each value once per performance", () => {
    expect(valuesOf(table, "city", 0)).toEqual(["Nantes"]);
    expect(valuesOf(table, "region", 0)).toEqual(["Pays de la Loire"]);
    expect(valuesOf(table, "city", 1)).toEqual([]);
  });
  it("joins the performance's features and its places' amenities for accessibility", () => {
    expect(valuesOf(table, "accessibility", 0)).toEqual(["audioDescription", "hearingLoop"]);
  });
  it("keeps genres distinct, and venues, languages and free as given", () => {
    expect(valuesOf(table, "genre", 1)).toEqual(["g:opera"]);
    expect(valuesOf(table, "venue", 0)).toEqual(["v:site"]);
    expect(valuesOf(table, "language", 0)).toEqual(["fr"]);
    expect(valuesOf(table, "free", 0)).toEqual(["true"]);
    expect(valuesOf(table, "free", 1)).toEqual([]);
  });
});

describe("listCounts", () => {
  it("lists the counted values of the facets wanted, most counted first, then in code point order", () => {
    const table = { names: FACETS.map(() => ["b", "a", "c", "B"]), offsets: [], values: [] };
    const counts = [Int32Array.from([2, 2, 0, 5]), Int32Array.from([0, 1, 0, 0])];
    const out = listCounts(table, [k("city"), k("genre")], counts);
    expect(out.city).toEqual([
      { value: "B", count: 5 },
      { value: "a", count: 2 },
      { value: "b", count: 2 },
    ]);
    expect(out.genre).toEqual([{ value: "a", count: 1 }]);
    expect(Object.keys(out).sort()).toEqual(["city", "genre"]);
  });
});
