// The iCal feed's line folding (src/export/ical.ts): Vivant swaps in an octet counter for ical-generator 10's
// per-character TextEncoder (upstream #765). The output must be the library's own, byte for byte, on hostile texts.

import { describe, expect, it } from "vitest";
import { performancesToIcal } from "../../src/export/ical.js";
import type { PerformanceNode } from "../../src/query/performances.js";

const TEXTS = [
  "Plain ASCII title that is long enough to be folded more than once because it goes on and on and on and on",
  "Élégie pour l'été — « guillemets » et accents à foison, répétés : é è ê ë à â ä î ï ô ö ù û ü ç œ æ ÿ",
  "Emoji 🎭🎻🎼 mixed with text: 🎭 at octet boundaries 🎭🎭🎭🎭🎭🎭🎭🎭🎭🎭🎭🎭🎭🎭🎭🎭🎭🎭🎭🎭🎭🎭🎭",
  "日本語のタイトル、とても長いタイトルで、折り返しが必要になります。日本語のタイトル、とても長いタイトル",
  "Lone surrogates \ud800 here and \udc00 there, and a pair split by a letter \ud83ca\udfad, then the end",
  "Escapes , ; \\ and new\nlines\r\nand tabs\tin one text that is long enough to fold at seventy-five octets",
  "x".repeat(74) + "é" + "y".repeat(73) + "🎭",
];

function node(i: number, text: string): PerformanceNode {
  return {
    "@id": `https://example.org/performance/${i}`,
    "@type": "Event",
    name: { "@value": text, "@language": "fr" },
    description: text.repeat(3),
    startDate: "2027-03-14T20:30:00+01:00",
    endDate: "2027-03-14T22:30:00+01:00",
    location: {
      "@id": `https://example.org/venue/${i}`,
      name: text,
      address: { streetAddress: text, addressLocality: "Lyon", postalCode: "69001", addressCountry: "FR" },
    },
    url: `https://example.org/p/${i}?q=${"x".repeat(i * 20)}`,
  };
}

describe("iCal line folding", () => {
  it("gives the library's own output, byte for byte, with the octet counter and without", () => {
    const items = TEXTS.map((t, i) => node(i, t));
    const now = new Date("2027-01-01T00:00:00Z");
    for (const lang of ["fr", "en"] as const) {
      const fast = performancesToIcal(items, { lang, now }, true);
      const slow = performancesToIcal(items, { lang, now }, false);
      expect(fast).toBe(slow);
      // The texts are in it (so the comparison is not of two empty calendars) and lines are at most 75 octets.
      expect(fast.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(TEXTS.length);
      for (const line of fast.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    }
  });

  it("leaves the global TextEncoder as it was", () => {
    const before = globalThis.TextEncoder;
    performancesToIcal([node(0, TEXTS[0]!)], { now: new Date("2027-01-01T00:00:00Z") });
    expect(globalThis.TextEncoder).toBe(before);
    expect(new TextEncoder().encode("é")).toEqual(new Uint8Array([0xc3, 0xa9]));
  });
});
