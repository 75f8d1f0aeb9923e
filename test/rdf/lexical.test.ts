import { describe, expect, it } from "vitest";
import { dateTimeLexical, decimalLexical, durationLexical } from "../../src/rdf/lexical.js";

describe("decimalLexical", () => {
  it("writes integers without a point and decimals without trailing zeros", () => {
    expect(decimalLexical(12)).toBe("12");
    expect(decimalLexical(9.5)).toBe("9.5");
    expect(decimalLexical(10.0)).toBe("10");
    expect(decimalLexical(-3.25)).toBe("-3.25");
    expect(decimalLexical(0)).toBe("0");
  });
  it("never writes an exponent for small numbers", () => {
    expect(decimalLexical(1e-7)).toBe("0.0000001");
    expect(decimalLexical(-2.5e-7)).toBe("-0.00000025");
    expect(decimalLexical(1e-7)).not.toMatch(/e/i);
  });
});

describe("durationLexical", () => {
  it("folds minutes into hours and drops leading zeros", () => {
    expect(durationLexical("PT90M")).toBe("PT1H30M");
    expect(durationLexical("PT1H05M")).toBe("PT1H5M");
    expect(durationLexical("PT3600S")).toBe("PT1H");
  });
  it("folds months into years and seconds into days", () => {
    expect(durationLexical("P14M")).toBe("P1Y2M");
    expect(durationLexical("P12M")).toBe("P1Y");
    expect(durationLexical("PT25H")).toBe("P1DT1H");
    expect(durationLexical("P1Y2M3DT4H5M6S")).toBe("P1Y2M3DT4H5M6S");
  });
  it("writes a zero duration PT0S, without a sign", () => {
    expect(durationLexical("P0D")).toBe("PT0S");
    expect(durationLexical("PT0H0M0.000S")).toBe("PT0S");
    expect(durationLexical("-P0Y")).toBe("PT0S");
  });
  it("keeps the sign and the fraction of seconds, without trailing zeros", () => {
    expect(durationLexical("-PT90M")).toBe("-PT1H30M");
    expect(durationLexical("PT1.500S")).toBe("PT1.5S");
    expect(durationLexical("PT0.25S")).toBe("PT0.25S");
  });
  it("writes a months-only zero-time duration with its months", () => {
    expect(durationLexical("P0M")).toBe("PT0S");
    expect(durationLexical("P3M")).toBe("P3M");
  });
  it("gives back text that is not a duration as it is", () => {
    for (const text of ["", "P", "-P", "PT", "P1DT", "90 minutes", "PT1.5H", "P-1D", "pt90m"]) {
      expect(durationLexical(text)).toBe(text);
    }
  });
  it("gives back a duration too large to count safely as it is", () => {
    const huge = "PT99999999999999999999S";
    expect(durationLexical(huge)).toBe(huge);
  });
  it("gives the same answer the second time (the cache keeps what it read)", () => {
    expect(durationLexical("PT120M")).toBe("PT2H");
    expect(durationLexical("PT120M")).toBe("PT2H");
  });
});

describe("dateTimeLexical", () => {
  it("writes UTC as Z", () => {
    expect(dateTimeLexical("2024-05-01T20:00:00+00:00")).toBe("2024-05-01T20:00:00Z");
    expect(dateTimeLexical("2024-05-01T20:00:00-00:00")).toBe("2024-05-01T20:00:00Z");
    expect(dateTimeLexical("2024-05-01+00:00")).toBe("2024-05-01Z");
  });
  it("drops trailing zeros of fractional seconds, and the point when nothing is left", () => {
    expect(dateTimeLexical("2024-05-01T20:00:00.500Z")).toBe("2024-05-01T20:00:00.5Z");
    expect(dateTimeLexical("2024-05-01T20:00:00.000")).toBe("2024-05-01T20:00:00");
    expect(dateTimeLexical("2024-05-01T20:00:00.120+00:00")).toBe("2024-05-01T20:00:00.12Z");
  });
  it("keeps other offsets and plain values as written", () => {
    expect(dateTimeLexical("2024-05-01T20:00:00+02:00")).toBe("2024-05-01T20:00:00+02:00");
    expect(dateTimeLexical("2024-05-01T20:00:00.5+10:00")).toBe("2024-05-01T20:00:00.5+10:00");
    expect(dateTimeLexical("2024-05-01")).toBe("2024-05-01");
    expect(dateTimeLexical("2024-05-01T20:00:00Z")).toBe("2024-05-01T20:00:00Z");
  });
  it("gives back text that is not a date as it is", () => {
    expect(dateTimeLexical("tomorrow 00:00")).toBe("tomorrow 00:00");
    expect(dateTimeLexical("1.5")).toBe("1.5");
  });
});
