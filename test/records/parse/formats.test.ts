import { describe, expect, it } from "vitest";
import { FORMAT_CODES, formatOk, isHttpIri, LANG_RE, LONE_SURROGATE_RE } from "../../../src/records/parse/formats.js";

describe("isHttpIri", () => {
  it("takes http(s) IRIs with a host, plain or through the URL parser", () => {
    for (const v of [
      "https://opera.example/",
      "http://a.b.example/path?q=1#f",
      "https://opéra.example/saison",
      "https://xn--opra-bpa.example/",
      "http://127.0.0.1:8080/x",
      "https://opera.example:8443",
      "http://[::1]:8080/x",
    ])
      expect(isHttpIri(v), v).toBe(true);
  });
  it("refuses other schemes, no host, spaces, brackets, quotes and control characters", () => {
    for (const v of [
      "ftp://x.example/",
      "https://",
      // No authority: the URL parser would read `path` as the host.
      "https:///path",
      "http://?q",
      "http://#f",
      "opera.example",
      "https://x.example/a b",
      "https://x.example/<a>",
      'https://x.example/"',
      "https://x.example/\u0001",
      "",
    ])
      expect(isHttpIri(v), v).toBe(false);
  });
});

describe("formatOk", () => {
  it("localId: non-blank, at most 256 characters, no control character", () => {
    expect(formatOk("localId", "v-opera")).toBe(true);
    expect(formatOk("localId", "x".repeat(256))).toBe(true);
    expect(formatOk("localId", "x".repeat(257))).toBe(false);
    expect(formatOk("localId", "  ")).toBe(false);
    expect(formatOk("localId", "a\nb")).toBe(false);
  });
  it("baseIri: an http(s) IRI ending with / or #, without a query", () => {
    expect(formatOk("baseIri", "https://data.example/")).toBe(true);
    expect(formatOk("baseIri", "https://data.example/ns#")).toBe(true);
    expect(formatOk("baseIri", "https://data.example/x")).toBe(false);
    expect(formatOk("baseIri", "https://data.example/?a=/")).toBe(false);
  });
  it("dateTime takes only date-times; dateOrDateTime also dates; yearOrDate a year or a date", () => {
    expect(formatOk("dateTime", "2026-10-01T20:00:00+02:00")).toBe(true);
    expect(formatOk("dateTime", "2026-10-01")).toBe(false);
    expect(formatOk("dateOrDateTime", "2026-10-01")).toBe(true);
    expect(formatOk("dateOrDateTime", "2026-02-30")).toBe(false);
    expect(formatOk("yearOrDate", "1853")).toBe(true);
    expect(formatOk("yearOrDate", "1853-03-06")).toBe(true);
    expect(formatOk("yearOrDate", "1853-03-06T20:00:00")).toBe(false);
    expect(formatOk("yearOrDate", "853")).toBe(false);
  });
  it("duration, lang, currency, country, timeZone, text", () => {
    expect(formatOk("duration", "PT2H30M")).toBe(true);
    expect(formatOk("duration", "2h30")).toBe(false);
    expect(formatOk("lang", "fr-CA")).toBe(true);
    expect(formatOk("lang", "f")).toBe(false);
    expect(formatOk("currency", "EUR")).toBe(true);
    expect(formatOk("currency", "eur")).toBe(false);
    expect(formatOk("country", "FR")).toBe(true);
    expect(formatOk("country", "FRA")).toBe(false);
    expect(formatOk("timeZone", "Europe/Paris")).toBe(true);
    expect(formatOk("timeZone", "Europe/Lutece")).toBe(false);
    expect(formatOk("text", " a ")).toBe(true);
    expect(formatOk("text", " \n ")).toBe(false);
  });
  it("licence: a known key or an http(s) IRI", () => {
    expect(formatOk("licence", "etalab-2.0")).toBe(true);
    expect(formatOk("licence", "https://example.org/licence")).toBe(true);
    expect(formatOk("licence", "CC-BY")).toBe(false);
  });
  it("the memoised date check gives the same answer every time", () => {
    expect(formatOk("dateTime", "2026-10-01")).toBe(false);
    expect(formatOk("dateOrDateTime", "2026-10-01")).toBe(true);
    expect(formatOk("dateTime", "2026-10-01")).toBe(false);
  });
});

describe("LANG_RE, LONE_SURROGATE_RE and FORMAT_CODES", () => {
  it("LANG_RE takes BCP 47-shaped tags", () => {
    expect(LANG_RE.test("zh-Hant-TW")).toBe(true);
    expect(LANG_RE.test("fr_FR")).toBe(false);
  });
  it("LONE_SURROGATE_RE finds a surrogate that is not half of a pair", () => {
    expect(LONE_SURROGATE_RE.test("a\ud800b")).toBe(true);
    expect(LONE_SURROGATE_RE.test("a\udc00")).toBe(true);
    expect(LONE_SURROGATE_RE.test("🎭")).toBe(false);
  });
  it("gives each format failure its problem code", () => {
    expect(FORMAT_CODES.dateTime).toBe("record/invalid-date-time");
    expect(FORMAT_CODES.baseIri).toBe("record/invalid-iri");
    expect(FORMAT_CODES.timeZone).toBe("record/unknown-time-zone");
    expect(FORMAT_CODES.localId).toBe("record/invalid-id");
    expect(FORMAT_CODES.licence).toBe("record/invalid-licence");
  });
});
