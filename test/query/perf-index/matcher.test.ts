import { describe, expect, it } from "vitest";
import { matcherOf } from "../../../src/query/perf-index/matcher.js";
import type { PerformanceFilter } from "../../../src/query/filter.js";
import { genreIri } from "../../../src/mapping/terms.js";
import { SCHEMA } from "../../../src/vocab.js";
import { entry, place } from "./helpers.js";

const places = new Map([
  [
    "v:nantes",
    place({
      cities: ["Nantes"],
      citiesLc: ["nantes"],
      regionsLc: ["pays de la loire"],
      geos: [[47.2184, -1.5536]],
      amenities: ["wheelchairAccessible"],
    }),
  ],
  ["v:lyon", place({ citiesLc: ["lyon"], regionsLc: ["auvergne-rhône-alpes"], geos: [[45.764, 4.8357]] })],
]);

const opera = entry("e:opera", "2026-10-01T18:00:00Z", {
  zone: "Europe/Paris",
  types: [`${SCHEMA}MusicEvent`],
  genres: [genreIri("opera")],
  venues: ["v:nantes"],
  langs: ["it-IT"],
  features: ["surtitles"],
  prices: [15, 80],
  performers: ["p:tenor"],
  texts: ["la traviata", "verdi's opera"],
});
const play = entry("e:play", "2026-10-02T18:00:00Z", {
  types: [`${SCHEMA}TheaterEvent`],
  venues: ["v:lyon"],
  langs: ["fr"],
  statedFree: ["true"],
  texts: ["le misanthrope"],
});
const paid = entry("e:paid", "2026-10-03T18:00:00Z", { venues: ["v:lyon"], zeroPrice: true, prices: [0, 10] });
const zero = entry("e:zero", "2026-10-04T18:00:00Z", { zeroPrice: true, prices: [0] });
const all = [opera, play, paid, zero];

const ids = (f: PerformanceFilter) => all.filter(matcherOf(f, places)).map((e) => e.id);

describe("matcherOf", () => {
  it("passes everything with no field", () => {
    expect(ids({})).toEqual(["e:opera", "e:play", "e:paid", "e:zero"]);
  });
  it("compares from (at or after) and to (before the end of the day)", () => {
    expect(ids({ from: "2026-10-01T18:00:00Z", to: "2026-10-02" })).toEqual(["e:opera", "e:play"]);
    expect(ids({ from: "2026-10-01T18:00:01Z" })).toEqual(["e:play", "e:paid", "e:zero"]);
  });
  it("matches type, genre (key or IRI), venue and performer exactly", () => {
    expect(ids({ type: "MusicEvent" })).toEqual(["e:opera"]);
    expect(ids({ genre: "opera" })).toEqual(["e:opera"]);
    expect(ids({ genre: genreIri("opera") })).toEqual(["e:opera"]);
    expect(ids({ venue: "v:lyon" })).toEqual(["e:play", "e:paid"]);
    expect(ids({ performer: "p:tenor" })).toEqual(["e:opera"]);
  });
  it("matches city and region case-insensitively, both on one place", () => {
    expect(ids({ city: "NANTES" })).toEqual(["e:opera"]);
    expect(ids({ region: "Auvergne-Rhône-Alpes" })).toEqual(["e:play", "e:paid"]);
    expect(ids({ city: "Nantes", region: "Auvergne-Rhône-Alpes" })).toEqual([]);
  });
  it("matches near within km of a place", () => {
    expect(ids({ near: { latitude: 47.2, longitude: -1.55, km: 5 } })).toEqual(["e:opera"]);
    expect(ids({ near: { latitude: 47.2, longitude: -1.55, km: 0.1 } })).toEqual([]);
  });
  it("matches a language and its subtags, case-insensitively", () => {
    expect(ids({ lang: "it" })).toEqual(["e:opera"]);
    expect(ids({ lang: "IT-it" })).toEqual(["e:opera"]);
    expect(ids({ lang: "fr-CA" })).toEqual([]);
  });
  it("matches accessibility on the performance or its venue", () => {
    expect(ids({ accessibility: "surtitles" })).toEqual(["e:opera"]);
    expect(ids({ accessibility: "wheelchairAccessible" })).toEqual(["e:opera"]);
  });
  it("counts as free a stated free performance or one whose prices are all 0", () => {
    expect(ids({ free: true })).toEqual(["e:play", "e:zero"]);
    expect(ids({ free: false })).toEqual(["e:opera", "e:paid"]);
  });
  it("matches maxPrice on some price at most it, or a stated free performance", () => {
    expect(ids({ maxPrice: 15 })).toEqual(["e:opera", "e:play", "e:paid", "e:zero"]);
    expect(ids({ maxPrice: 5 })).toEqual(["e:play", "e:paid", "e:zero"]);
  });
  it("needs every word of q in some text", () => {
    expect(ids({ q: "Traviata  VERDI" })).toEqual(["e:opera"]);
    expect(ids({ q: "traviata misanthrope" })).toEqual([]);
  });
  it("refuses a bad filter as query/bad-filter before testing anything", () => {
    expect(() => matcherOf({ maxPrice: -1 }, places)).toThrow(expect.objectContaining({ code: "query/bad-filter" }));
    expect(() => matcherOf({ lang: "i" }, places)).toThrow(expect.objectContaining({ code: "query/bad-filter" }));
    expect(() => matcherOf({ from: "soon" }, places)).toThrow(expect.objectContaining({ code: "query/bad-filter" }));
    expect(() => matcherOf({ type: "not a type" }, places)).toThrow(
      expect.objectContaining({ code: "query/bad-filter" }),
    );
  });
});
