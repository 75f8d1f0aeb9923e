import { describe, expect, it } from "vitest";
import { ID_EXAMPLES, normalizeId, type IdScheme } from "../../src/records/identifiers.js";

const ok = (value: string) => ({ ok: true, value });
const no = { ok: false };

describe("normalizeId", () => {
  it("reads Wikidata ids bare or as entity and wiki URLs", () => {
    for (const raw of [
      "Q193599",
      " Q193599 ",
      "https://www.wikidata.org/wiki/Q193599",
      "http://wikidata.org/entity/Q193599",
    ])
      expect(normalizeId("wikidata", raw), raw).toEqual(ok("http://www.wikidata.org/entity/Q193599"));
    for (const raw of ["Q0193", "Q", "P31", "q193599", "https://wikidata.org/wiki/Q1/x"])
      expect(normalizeId("wikidata", raw), raw).toEqual(no);
  });
  it("reads ISNIs with spaces, dashes, a URL or a lower-case x, and checks their check character", () => {
    expect(normalizeId("isni", "0000 0001 2141 6468")).toEqual(ok("https://isni.org/isni/0000000121416468"));
    expect(normalizeId("isni", "https://isni.org/isni/0000-0001-2141-6468")).toEqual(
      ok("https://isni.org/isni/0000000121416468"),
    );
    expect(normalizeId("isni", "000000012146438x")).toEqual(ok("https://isni.org/isni/000000012146438X"));
    expect(normalizeId("isni", "0000 0001 2141 6469")).toEqual(no);
    expect(normalizeId("isni", "0000 0001 2141 646")).toEqual(no);
  });
  it("reads BnF ARKs bare or in catalogue and data URLs, lower-cased", () => {
    expect(normalizeId("bnf", "ark:/12148/cb13894801b")).toEqual(ok("https://catalogue.bnf.fr/ark:/12148/cb13894801b"));
    expect(normalizeId("bnf", "https://data.bnf.fr/ark:/12148/CB13894801B/page")).toEqual(
      ok("https://catalogue.bnf.fr/ark:/12148/cb13894801b"),
    );
    expect(normalizeId("bnf", "ark:/99999/cb1")).toEqual(no);
  });
  it("reads Artsdata ids bare or as resource URLs", () => {
    expect(normalizeId("artsdata", "K10-123")).toEqual(ok("http://kg.artsdata.ca/resource/K10-123"));
    expect(normalizeId("artsdata", "https://kg.artsdata.ca/resource/K10-123")).toEqual(
      ok("http://kg.artsdata.ca/resource/K10-123"),
    );
    expect(normalizeId("artsdata", "K10")).toEqual(no);
  });
  it("reads SIRETs with spaces, checks Luhn, and La Poste's digit-sum rule", () => {
    expect(normalizeId("siret", "732 829 320 00074")).toEqual(ok("73282932000074"));
    expect(normalizeId("siret", "73282932000075")).toEqual(no);
    expect(normalizeId("siret", "7328293200007")).toEqual(no);
    // La Poste (356000000…): digits summing to a multiple of 5, not Luhn (the first fails Luhn, the second passes it).
    expect(normalizeId("siret", "35600000000010")).toEqual(ok("35600000000010"));
    expect(normalizeId("siret", "35600000000048")).toEqual(no);
  });
  it("accepts each scheme's documented example", () => {
    const examples: Record<IdScheme, string> = {
      wikidata: "Q193599",
      isni: "0000 0001 2141 6468",
      bnf: "ark:/12148/cb13894801b",
      artsdata: "K10-123",
      siret: "73282932000074",
    };
    for (const [scheme, raw] of Object.entries(examples) as [IdScheme, string][]) {
      expect(ID_EXAMPLES[scheme].startsWith(raw), scheme).toBe(true);
      expect(normalizeId(scheme, raw).ok, scheme).toBe(true);
    }
  });
});
