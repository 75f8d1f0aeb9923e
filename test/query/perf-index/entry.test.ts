import { describe, expect, it } from "vitest";
import {
  addTo,
  cmp,
  lowerBound,
  lowerBoundInt,
  order,
  placesOf,
  plus,
  postingsOf,
  put,
  somePlace,
  upperBound,
} from "../../../src/query/perf-index/entry.js";
import { entry, place } from "./helpers.js";

describe("list helpers", () => {
  it("cmp orders by code point, not by locale", () => {
    expect(cmp("B", "a")).toBe(-1);
    expect(cmp("é", "f")).toBe(1);
    expect(cmp("x", "x")).toBe(0);
  });
  it("addTo pushes a value once", () => {
    const l = ["a"];
    addTo(l, "b");
    addTo(l, "a");
    expect(l).toEqual(["a", "b"]);
  });
  it("plus gives a new array with the value at the end, leaving the list as it was", () => {
    const l = ["a"];
    const out = plus(l, "b");
    expect(out).toEqual(["a", "b"]);
    expect(l).toEqual(["a"]);
    expect(out).not.toBe(l);
  });
  it("put gives the same list when the value is there, else a new one with it", () => {
    const l = ["a", "b"];
    expect(put(l, "a")).toBe(l);
    expect(put(l, "c")).toEqual(["a", "b", "c"]);
    expect(l).toEqual(["a", "b"]);
  });
});

describe("places", () => {
  const paris = place({ cities: ["Paris"] });
  const hall = place({ amenities: ["wheelchairAccessible"] });
  const places = new Map([
    ["v:paris", paris],
    ["v:hall", hall],
  ]);
  const e = entry("e:1", "2026-01-01T20:00:00Z", { venues: ["v:hall", "v:unknown", "v:paris"] });
  it("placesOf gives the places the index knows, in the entry's order", () => {
    expect(placesOf(places, e)).toEqual([hall, paris]);
    expect(placesOf(new Map(), e)).toEqual([]);
  });
  it("somePlace tells whether one of them passes the test", () => {
    expect(somePlace(places, e, (p) => p.cities.includes("Paris"))).toBe(true);
    expect(somePlace(places, e, (p) => p.cities.includes("Lyon"))).toBe(false);
  });
});

describe("postingsOf", () => {
  it("lists the positions of each venue, performer, genre and type, ascending and once each", () => {
    const sorted = [
      entry("e:0", "2026-01-01T00:00:00Z", { venues: ["v:a"], types: ["T", "T"], performers: ["p:x"] }),
      entry("e:1", "2026-01-02T00:00:00Z", { venues: ["v:b", "v:a"], genres: ["g:1"] }),
      entry("e:2", "2026-01-03T00:00:00Z", { venues: ["v:a"], types: ["T"] }),
    ];
    const p = postingsOf(sorted);
    expect([...p.venue.get("v:a")!]).toEqual([0, 1, 2]);
    expect([...p.venue.get("v:b")!]).toEqual([1]);
    expect([...p.type.get("T")!]).toEqual([0, 2]);
    expect([...p.genre.get("g:1")!]).toEqual([1]);
    expect([...p.performer.get("p:x")!]).toEqual([0]);
    expect(p.venue.get("v:none")).toBeUndefined();
  });
});

describe("order and the searches", () => {
  const sorted = [
    entry("e:b", "2026-01-01T00:00:00Z"),
    entry("e:c", "2026-01-01T00:00:00Z"),
    entry("e:a", "2026-01-02T00:00:00Z"),
    entry("e:d", "2026-01-03T00:00:00Z"),
  ];
  it("orders by the sort key, then by IRI", () => {
    expect(order(sorted[0]!, sorted[1]!)).toBeLessThan(0);
    expect(order(sorted[2]!, sorted[1]!)).toBeGreaterThan(0);
    expect(order(sorted[1]!, sorted[1]!)).toBe(0);
    expect(
      [...sorted]
        .reverse()
        .sort(order)
        .map((e) => e.id),
    ).toEqual(["e:b", "e:c", "e:a", "e:d"]);
  });
  it("lowerBound gives the first position whose key is not below", () => {
    expect(lowerBound(sorted, Date.parse("2026-01-01T00:00:00Z"))).toBe(0);
    expect(lowerBound(sorted, Date.parse("2026-01-01T00:00:01Z"))).toBe(2);
    expect(lowerBound(sorted, Date.parse("2027-01-01T00:00:00Z"))).toBe(4);
    expect(lowerBound([], 0)).toBe(0);
  });
  it("upperBound gives the first position after a performance (a cursor), by key then IRI", () => {
    expect(upperBound(sorted, sorted[0]!)).toBe(1);
    expect(upperBound(sorted, { t: sorted[0]!.t, id: "e:bb" })).toBe(1);
    expect(upperBound(sorted, { t: sorted[0]!.t, id: "e:a" })).toBe(0);
    expect(upperBound(sorted, sorted[3]!)).toBe(4);
  });
  it("lowerBoundInt gives the first index whose value is not below", () => {
    const list = Int32Array.from([1, 3, 3, 7]);
    expect(lowerBoundInt(list, 0)).toBe(0);
    expect(lowerBoundInt(list, 3)).toBe(1);
    expect(lowerBoundInt(list, 4)).toBe(3);
    expect(lowerBoundInt(list, 8)).toBe(4);
  });
});
