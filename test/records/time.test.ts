import { describe, expect, it } from "vitest";
import { formatIsoDate, isTimeZone, offsetAt, parseIsoDate, resolveLocalTime } from "../../src/records/time.js";

function resolve(text: string, zone: string): string {
  const p = parseIsoDate(text)!;
  const r = resolveLocalTime(p, zone);
  if (!r.ok) return r.reason;
  return formatIsoDate({ ...p, offsetMinutes: r.offsetMinutes });
}

describe("local time + IANA zone", () => {
  it("gives the summer offset before the October change and the winter one after (Europe/Paris)", () => {
    expect(resolve("2026-10-24T20:00", "Europe/Paris")).toBe("2026-10-24T20:00:00+02:00");
    expect(resolve("2026-10-25T20:00", "Europe/Paris")).toBe("2026-10-25T20:00:00+01:00");
    expect(resolve("2027-03-27T20:00", "Europe/Paris")).toBe("2027-03-27T20:00:00+01:00");
    expect(resolve("2027-03-28T20:00", "Europe/Paris")).toBe("2027-03-28T20:00:00+02:00");
  });

  it("reports a time skipped by the spring change as a gap, not a guessed offset", () => {
    expect(resolve("2027-03-28T02:30", "Europe/Paris")).toBe("gap");
  });

  it("reports a time lived twice in autumn as ambiguous", () => {
    expect(resolve("2026-10-25T02:30", "Europe/Paris")).toBe("ambiguous");
  });

  it("handles zones with other rules: Montreal, Réunion (no DST), Lord Howe (30-minute shift)", () => {
    expect(resolve("2026-07-01T19:30", "America/Montreal")).toBe("2026-07-01T19:30:00-04:00");
    expect(resolve("2026-12-01T19:30", "America/Montreal")).toBe("2026-12-01T19:30:00-05:00");
    expect(resolve("2026-12-01T19:30", "Indian/Reunion")).toBe("2026-12-01T19:30:00+04:00");
    expect(resolve("2026-12-01T19:30", "Australia/Lord_Howe")).toBe("2026-12-01T19:30:00+11:00");
    expect(resolve("2026-07-01T19:30", "Australia/Lord_Howe")).toBe("2026-07-01T19:30:00+10:30");
  });

  it("agrees with the platform's own conversion at every hour of a year", () => {
    for (let h = 0; h < 24 * 365; h += 7) {
      const at = Date.UTC(2026, 0, 1) + h * 3_600_000;
      const local = new Date(at).toLocaleString("sv-SE", { timeZone: "Europe/Paris" }).replace(" ", "T");
      const offsetFromPlatform = Math.round((Date.parse(`${local}Z`) - at) / 60_000);
      expect(offsetAt("Europe/Paris", at)).toBe(offsetFromPlatform);
    }
  });

  it("knows real zones and refuses made-up ones", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("Europe/Lyon")).toBe(false);
    expect(isTimeZone("CET; DROP")).toBe(false);
  });
});

describe("ISO 8601 parsing", () => {
  it.each([
    "2026-13-01",
    "2026-02-30",
    "2026-11-20T24:00",
    "2026-11-20T20:61",
    "20/11/2026",
    "2026-11-20T20:00+25:00",
    "",
  ])("refuses %j", (t) => expect(parseIsoDate(t)).toBeUndefined());
  it("accepts leap days only in leap years", () => {
    expect(parseIsoDate("2028-02-29")).toBeDefined();
    expect(parseIsoDate("2027-02-29")).toBeUndefined();
  });
  it("keeps a value without zone or offset local: no fake Z", () => {
    expect(formatIsoDate(parseIsoDate("2026-11-20T20:00")!)).toBe("2026-11-20T20:00:00");
    expect(formatIsoDate(parseIsoDate("2026-11-20T20:00Z")!)).toBe("2026-11-20T20:00:00Z");
  });
});
