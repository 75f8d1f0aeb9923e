import { describe, expect, it } from "vitest";
import {
  boundInZone,
  boundOf,
  msLiteral,
  ORDER_BIND,
  passes,
  startTimes,
  timeBlock,
  type Bound,
} from "../../../src/query/filter/times.js";
import { thrown } from "../../helpers/errors.js";

describe("boundOf", () => {
  it("reads a date-time with an offset as an instant", () => {
    expect(boundOf("2026-11-21T20:00:00+01:00", undefined, "from", false)).toEqual({
      kind: "instant",
      ms: Date.UTC(2026, 10, 21, 19),
      wallMs: Date.UTC(2026, 10, 21, 20),
    });
  });
  it("reads a date at midnight, the next day's for an end of day (across a month end), as a wall time", () => {
    expect(boundOf("2026-11-21", undefined, "from", false)).toEqual({
      kind: "wall",
      ms: Date.UTC(2026, 10, 21),
      wallMs: Date.UTC(2026, 10, 21),
    });
    expect(boundOf("2026-11-30", undefined, "to", true).ms).toBe(Date.UTC(2026, 11, 1));
    expect(boundOf("2026-11-21T20:00:00", undefined, "to", true).ms).toBe(Date.UTC(2026, 10, 21, 20));
  });
  it("reads a bound without offset in the asked time zone as an instant", () => {
    expect(boundOf("2026-07-01T20:00:00", "Europe/Paris", "from", false)).toEqual({
      kind: "instant",
      ms: Date.UTC(2026, 6, 1, 18),
      wallMs: Date.UTC(2026, 6, 1, 20),
    });
  });
  it("takes the earliest instant for a wall time a DST change skips", () => {
    expect(boundOf("2026-03-29T02:30:00", "Europe/Paris", "from", false).ms).toBe(Date.UTC(2026, 2, 29, 0, 30));
  });
  it("refuses what is not a date, and an unknown time zone, as query/bad-filter naming the field", () => {
    const e = thrown(() => boundOf("next friday", undefined, "from", false));
    expect(e.code).toBe("query/bad-filter");
    expect(e.message).toContain('from: "next friday"');
    const z = thrown(() => boundOf("2026-01-01", "Mars/Olympus", "to", true));
    expect(z.code).toBe("query/bad-filter");
    expect(z.message).toContain("timeZone");
  });
});

describe("boundInZone", () => {
  it("gives an instant's wall time in the zone, and a wall time's instant there", () => {
    const instant: Bound = { kind: "instant", ms: Date.UTC(2026, 0, 10, 19), wallMs: 0 };
    expect(boundInZone(instant, "Europe/Paris")).toBe(Date.UTC(2026, 0, 10, 20));
    const wall: Bound = { kind: "wall", ms: Date.UTC(2026, 6, 10, 20), wallMs: Date.UTC(2026, 6, 10, 20) };
    expect(boundInZone(wall, "Europe/Paris")).toBe(Date.UTC(2026, 6, 10, 18));
    expect(boundInZone(wall, "UTC")).toBe(Date.UTC(2026, 6, 10, 20));
  });
});

describe("msLiteral", () => {
  it("writes UTC with Z, or a floating local time, milliseconds without trailing zeros", () => {
    expect(msLiteral(Date.UTC(2026, 0, 2, 3, 4, 5), false)).toBe('"2026-01-02T03:04:05Z"^^xsd:dateTime');
    expect(msLiteral(Date.UTC(2026, 0, 2, 3, 4, 5, 500), true)).toBe('"2026-01-02T03:04:05.5"^^xsd:dateTime');
    expect(msLiteral(Date.UTC(2026, 0, 2, 3, 4, 5, 7), false)).toBe('"2026-01-02T03:04:05.007Z"^^xsd:dateTime');
  });
});

describe("startTimes", () => {
  it("keys a start with an offset by its instant, and one without by its wall time", () => {
    expect(startTimes("2026-01-01T20:00:00+01:00")).toEqual({
      hasOffset: true,
      epoch: Date.UTC(2026, 0, 1, 19),
      wallMs: Date.UTC(2026, 0, 1, 20),
      key: Date.UTC(2026, 0, 1, 19),
    });
    const local = startTimes("2026-01-01T20:00:00")!;
    expect(local.hasOffset).toBe(false);
    expect(local.epoch).toBeNaN();
    expect(local.key).toBe(Date.UTC(2026, 0, 1, 20));
    expect(startTimes("2026-01-01")!.key).toBe(Date.UTC(2026, 0, 1));
  });
  it("gives undefined for what is not a date", () => {
    expect(startTimes("20:00")).toBeUndefined();
    expect(startTimes("2026-13-01")).toBeUndefined();
  });
});

describe("passes", () => {
  const from = boundOf("2026-01-01T20:00:00+01:00", undefined, "from", false); // 19:00Z
  const inZone = (z: string) => boundInZone(from, z);
  it("compares a start with an offset by instant: at or after for from, strictly before for to", () => {
    const at = startTimes("2026-01-01T19:00:00Z")!;
    const before = startTimes("2026-01-01T18:59:59Z")!;
    expect(passes(at, undefined, from, inZone, true)).toBe(true);
    expect(passes(before, undefined, from, inZone, true)).toBe(false);
    expect(passes(at, undefined, from, inZone, false)).toBe(false);
    expect(passes(before, undefined, from, inZone, false)).toBe(true);
  });
  it("compares a local start with the bound in its venue's zone, or with the bound's own wall time when the zone is unknown", () => {
    const local = startTimes("2026-01-01T19:30:00")!;
    expect(passes(local, "Europe/Paris", from, inZone, true)).toBe(false); // 19:30 in Paris is 18:30Z
    expect(passes(local, "Europe/London", from, inZone, true)).toBe(true); // 19:30Z
    expect(passes(local, undefined, from, inZone, true)).toBe(false); // 19:30 < 20:00 as written
  });
  it("compares a start with an offset with a wall bound read in the venue's zone", () => {
    const wall = boundOf("2026-01-01T20:00:00", undefined, "from", false);
    const s = startTimes("2026-01-01T19:30:00Z")!;
    expect(passes(s, "Europe/Paris", wall, (z) => boundInZone(wall, z), true)).toBe(true); // bound 19:00Z
    expect(passes(s, undefined, wall, (z) => boundInZone(wall, z), true)).toBe(false); // wall 19:30 < 20:00
  });
});

describe("timeBlock and ORDER_BIND", () => {
  it("adds one zone lookup and one FILTER per bound, with >= for from and < for to", () => {
    const none = timeBlock({});
    expect(none.some((l) => l.startsWith("FILTER"))).toBe(false);
    const both = timeBlock({ from: "2026-01-01", to: "2026-01-31" });
    expect(both.length).toBe(none.length + 4);
    const filters = both.filter((l) => l.startsWith("FILTER"));
    expect(filters[0]).toContain("?st >= ?zlo");
    expect(filters[0]).toContain('?wall >= "2026-01-01T00:00:00"^^xsd:dateTime');
    expect(filters[1]).toContain('?wall < "2026-02-01T00:00:00"^^xsd:dateTime');
    expect(both.join("\n")).toContain("|Europe/Paris=");
  });
  it("refuses a bad bound as query/bad-filter", () => {
    expect(thrown(() => timeBlock({ to: "soon" })).code).toBe("query/bad-filter");
  });
  it("orders by the start when it has an offset, else by its wall time as UTC", () => {
    expect(ORDER_BIND).toContain('IF(TZ(?st) != "", ?st,');
    expect(ORDER_BIND).toMatch(/AS \?ord\)$/);
  });
});
