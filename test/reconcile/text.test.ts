// The comparisons reconciliation rests on: folding (case, accents, ligatures, punctuation), the similarity's
// bounds (only equal folded names reach 1; word order and extra words keep a high score), external identifiers
// in their written forms, and dates against stored starts.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareDates } from "../../src/reconcile/match.js";
import { externalIri, foldCode, foldName, similarity } from "../../src/reconcile/text.js";

describe("foldName", () => {
  it("drops case, accents, ligatures and punctuation", () => {
    expect(foldName("Théâtre de l'Œuvre")).toBe("theatre de l oeuvre");
    expect(foldName("  LE GRAND-QUAI,  scène conventionnée ")).toBe("le grand quai scene conventionnee");
    expect(foldName("Ångström & Søn")).toBe("angstrom et son");
    expect(foldName("ＦＵＬＬ　ｗｉｄｔｈ")).toBe("full width");
  });

  it("is idempotent and never longer than needed", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const f = foldName(s);
        expect(foldName(f)).toBe(f);
        expect(f).toBe(f.trim());
        expect(f).not.toMatch(/ {2}/);
      }),
      { numRuns: 300 },
    );
  });
});

describe("similarity", () => {
  it("is 1 only for equal folded names, and symmetric, between 0 and 1", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (a, b) => {
        const [x, y] = [foldName(a), foldName(b)];
        const s = similarity(x, y);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(similarity(y, x)).toBeCloseTo(s, 10);
        if (x !== y) expect(s).toBeLessThan(1);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps reordered words and added words high, other names low", () => {
    expect(similarity(foldName("Verdi Giuseppe"), foldName("Giuseppe Verdi"))).toBeGreaterThanOrEqual(0.85);
    expect(
      similarity(foldName("Le Grand Quai"), foldName("Le Grand Quai, scène conventionnée de Nantes")),
    ).toBeGreaterThan(0.6);
    expect(similarity(foldName("Théâtre de la Vilaine"), foldName("La Cale, scène de musiques"))).toBeLessThan(0.5);
  });
});

describe("externalIri", () => {
  it("reads Wikidata, ISNI, BnF and Artsdata identifiers in their usual forms", () => {
    expect(externalIri("Q7317")).toBe("http://www.wikidata.org/entity/Q7317");
    expect(externalIri("https://www.wikidata.org/wiki/Q7317")).toBe("http://www.wikidata.org/entity/Q7317");
    expect(externalIri("0000 0001 2141 6468")).toBe("https://isni.org/isni/0000000121416468");
    expect(externalIri("http://data.bnf.fr/ark:/12148/cb13894801b")).toBe(
      "https://catalogue.bnf.fr/ark:/12148/cb13894801b",
    );
    expect(externalIri("K10-123")).toBe("http://kg.artsdata.ca/resource/K10-123");
    expect(externalIri("Le Grand Quai")).toBeUndefined();
    expect(externalIri("0000 0001 2141 6469")).toBeUndefined();
  });

  it("compares postal codes without spaces or case", () => {
    expect(foldCode("44 000")).toBe(foldCode("44000"));
    expect(foldCode("sw1a 1aa")).toBe("SW1A1AA");
  });
});

describe("compareDates", () => {
  it("matches a day, an instant, a wall time; the same day at another time counts half", () => {
    expect(compareDates("2026-10-20", "2026-10-20T20:00:00+02:00")).toBe(1);
    expect(compareDates("2026-10-21", "2026-10-20T20:00:00+02:00")).toBe(0);
    expect(compareDates("2026-10-20T18:00:00Z", "2026-10-20T20:00:00+02:00")).toBe(1);
    expect(compareDates("2026-10-20T20:00", "2026-10-20T20:00:00")).toBe(1);
    expect(compareDates("2026-10-20T15:00", "2026-10-20T20:00:00")).toBe(0.5);
    expect(compareDates("soon", "2026-10-20T20:00:00")).toBe(0);
  });
});
