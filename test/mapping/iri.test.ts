import { describe, expect, it } from "vitest";
import {
  childIri,
  encodeLocalId,
  ENTITY_KINDS,
  entityIri,
  entityPrefix,
  publisherGraphIri,
  publisherIri,
} from "../../src/mapping/iri.js";

const base = "https://data.opera.example/";

describe("encodeLocalId", () => {
  it("keeps unreserved characters as they are", () => {
    expect(encodeLocalId("p-12_a.b~c")).toBe("p-12_a.b~c");
    expect(encodeLocalId("")).toBe("");
  });
  it("percent-encodes everything else, !'()* included, so that decoding gives the id back", () => {
    for (const id of ["a b", "a/b?c#d", "été", "it's (1)*!", "%41", "🎭", "a&b=c"]) {
      const enc = encodeLocalId(id);
      expect(enc, id).toMatch(/^[A-Za-z0-9_.~%-]*$/);
      expect(decodeURIComponent(enc), id).toBe(id);
    }
    expect(encodeLocalId("it's (1)*!")).toBe("it%27s%20%281%29%2A%21");
  });
  it("gives different ids different segments", () => {
    expect(encodeLocalId("a b")).not.toBe(encodeLocalId("a%20b"));
  });
});

describe("entity IRIs", () => {
  it("mint base + kind + / + encoded id, the same every time", () => {
    expect(entityIri(base, "performance", "p-12")).toBe(`${base}performance/p-12`);
    expect(entityIri(base, "venue", "salle 1")).toBe(`${base}venue/salle%201`);
    expect(entityIri(base, "work", "x")).toBe(entityIri(base, "work", "x"));
    expect(entityIri(base, "work", "x").startsWith(entityPrefix(base, "work"))).toBe(true);
  });
  it("give each kind its own path segment", () => {
    const prefixes = ENTITY_KINDS.map((k) => entityPrefix(base, k));
    expect(new Set(prefixes).size).toBe(ENTITY_KINDS.length);
    expect(entityPrefix(base, "hall")).toBe(`${base}hall/`);
  });
  it("name the publisher's graph and the publisher under its base", () => {
    expect(publisherGraphIri({ baseIri: base })).toBe(`${base}graph`);
    expect(publisherIri({ baseIri: base })).toBe(`${base}publisher`);
  });
  it("make a child node a fragment of its owner's IRI, encoded", () => {
    const owner = entityIri(base, "performance", "p-1");
    expect(childIri(owner, "offer-plein")).toBe(`${owner}#offer-plein`);
    expect(childIri(owner, "offer tarif réduit")).toBe(`${owner}#offer%20tarif%20r%C3%A9duit`);
    expect(childIri(owner, "offer-plein")).toBe(`${owner}#offer-plein`);
  });
});
