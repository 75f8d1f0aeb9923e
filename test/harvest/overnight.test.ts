// Ends past midnight: an end on the start's day at an earlier time is the next day, in records
// (endAfterMidnight) and in harvested quads (normalizeQuads), each counted as end-after-midnight.

import { DataFactory } from "n3";
import { describe, expect, it } from "vitest";
import { Fixes } from "../../src/harvest/fixes.js";
import { normalizeQuads } from "../../src/harvest/normalize.js";
import { endAfterMidnight } from "../../src/records/time.js";

const { namedNode, literal, quad } = DataFactory;
const S = (n: string) => namedNode(`http://schema.org/${n}`);
const DT = namedNode("http://www.w3.org/2001/XMLSchema#dateTime");

describe("endAfterMidnight", () => {
  it("moves a same-day earlier end to the next day, local or with the same offset, across month and year ends", () => {
    expect(endAfterMidnight("2026-10-01T22:00", "2026-10-01T05:30")).toBe("2026-10-02T05:30");
    expect(endAfterMidnight("2026-10-31T22:00:00-04:00", "2026-10-31T01:00:00-04:00")).toBe(
      "2026-11-01T01:00:00-04:00",
    );
    expect(endAfterMidnight("2026-12-31T23:00:00Z", "2026-12-31T02:00:00Z")).toBe("2027-01-01T02:00:00Z");
  });
  it("leaves alone what is not that case: later ends, other days, dates, different offsets", () => {
    expect(endAfterMidnight("2026-10-01T20:00", "2026-10-01T22:00")).toBeUndefined();
    expect(endAfterMidnight("2026-10-02T20:00", "2026-10-01T22:00")).toBeUndefined();
    expect(endAfterMidnight("2026-10-01T20:00", "2026-10-01")).toBeUndefined();
    expect(endAfterMidnight("2026-10-01T22:00:00+02:00", "2026-10-01T05:30:00Z")).toBeUndefined();
  });
});

describe("harvested events crossing midnight", () => {
  it("normalizeQuads repairs the end and counts the fix; a single-day event is untouched", () => {
    const e = namedNode("https://venue.example/e/1");
    const f = namedNode("https://venue.example/e/2");
    const fixes = new Fixes();
    const { quads } = normalizeQuads(
      [
        quad(e, S("startDate"), literal("2026-10-01T22:00:00", DT)),
        quad(e, S("endDate"), literal("2026-10-01T05:30:00", DT)),
        quad(f, S("startDate"), literal("2026-10-01T20:00:00", DT)),
        quad(f, S("endDate"), literal("2026-10-01T22:00:00", DT)),
      ],
      { fixes },
    );
    const end = (s: string) =>
      quads.find((q) => q.subject.value === s && q.predicate.value === "http://schema.org/endDate")!.object.value;
    expect(end(e.value)).toBe("2026-10-02T05:30:00");
    expect(end(f.value)).toBe("2026-10-01T22:00:00");
    expect(fixes.count("end-after-midnight")).toBe(1);
  });
});
