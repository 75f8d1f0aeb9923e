// graphToRecords on small hand-made graphs: exact records, problems and ledger marks for the shapes the
// importers meet (a place written as one text, a performer given by name only, a price range, a rejected event).

import type { Quad } from "@rdfjs/types";
import { DataFactory } from "n3";
import { describe, expect, it } from "vitest";
import { Ledger, SourceTally } from "../../src/harvest/ledger.js";
import { graphToRecords, localIdOf } from "../../src/import/fromGraph.js";
import { RDF_TYPE, SCHEMA } from "../../src/vocab.js";

const { namedNode, blankNode, literal, quad } = DataFactory;
type Obj = string | { lit: string; lang?: string } | { blank: string };

/** A quad with a schema.org predicate (or rdf:type for `a`); an object string is an IRI. */
function q(s: string, p: string, o: Obj): Quad {
  const subject = s.startsWith("_:") ? blankNode(s.slice(2)) : namedNode(s);
  const predicate = namedNode(p === "a" ? RDF_TYPE : SCHEMA + p);
  const object =
    typeof o === "string"
      ? namedNode(p === "a" ? SCHEMA + o : o)
      : "blank" in o
        ? blankNode(o.blank)
        : literal(o.lit, o.lang);
  return quad(subject, predicate, object);
}
const lit = (value: string, lang?: string): Obj => (lang === undefined ? { lit: value } : { lit: value, lang });
const brief = (r: ReturnType<typeof graphToRecords>) =>
  r.problems.map((p) => ({ code: p.code, severity: p.severity, recordId: p.recordId, path: p.path, value: p.value }));

const E = "http://ex.org/e1";
const P = "http://ex.org/p1";
const event = (...more: Quad[]): Quad[] => [
  q(E, "a", "MusicEvent"),
  q(E, "name", lit("Concert", "fr")),
  q(E, "startDate", lit("2026-11-20T20:00:00-05:00")),
  q(E, "location", P),
  q(P, "a", "PerformingArtsTheater"),
  q(P, "name", lit("Salle Bourgie")),
  ...more,
];

describe("graphToRecords", () => {
  it("keeps a place's address written as one text, says it is unstructured, and carries it in the ledger", () => {
    const tally = new SourceTally();
    const quads = event(q(P, "address", lit("  1339 rue Sherbrooke O, Montréal  ")));
    const r = graphToRecords(quads, { defaultLanguage: "fr", tally });
    expect(r.venues).toEqual([
      {
        id: "ex.org/p1",
        type: "PerformingArtsTheater",
        name: { fr: "Salle Bourgie" },
        addressText: "1339 rue Sherbrooke O, Montréal",
      },
    ]);
    expect(r.productions).toEqual([{ id: "ex.org/e1", name: { fr: "Concert" } }]);
    expect(r.performances).toEqual([
      {
        id: "ex.org/e1",
        production: "ex.org/e1",
        type: "MusicEvent",
        name: { fr: "Concert" },
        startDate: "2026-11-20T20:00:00-05:00",
        venue: "ex.org/p1",
      },
    ]);
    expect(brief(r)).toEqual([
      {
        code: "import/address-not-structured",
        severity: "warning",
        recordId: "ex.org/p1",
        path: `<${P}> schema:address`,
        value: "1339 rue Sherbrooke O, Montréal",
      },
    ]);
    expect(r.rejected).toEqual([]);
    expect(r.events).toBe(1);
    const ledger = tally.settle(new Ledger());
    expect(ledger.unbalanced()).toEqual([]);
    expect(ledger.totals()).toEqual({ seen: 7, carried: 7, repaired: 0, notCarried: 0 });
  });

  it("carries a performer given only by its name, as a literal or an untyped node, and says its kind is open", () => {
    const r = graphToRecords(
      event(
        q(E, "performer", lit(" Alex Roy ")),
        q(E, "performer", { blank: "b1" }),
        q("_:b1", "name", lit("Duo Lune")),
        q(E, "performer", "http://ex.org/nowhere"),
      ),
    );
    expect(r.performances[0]!.performers).toEqual([{ name: "Alex Roy" }, { name: "Duo Lune" }]);
    expect(r.people).toEqual([]);
    expect(r.organizations).toEqual([]);
    expect(brief(r)).toEqual([
      {
        code: "import/agent-kind-unknown",
        severity: "info",
        recordId: "ex.org/e1",
        path: `<${E}> schema:performer`,
        value: "Alex Roy",
      },
      {
        code: "import/agent-kind-unknown",
        severity: "info",
        recordId: "ex.org/e1",
        path: `<${E}> schema:performer`,
        value: "Duo Lune",
      },
      {
        code: "import/unknown-agent",
        severity: "info",
        recordId: "ex.org/e1",
        path: `<${E}> schema:performer`,
        value: "http://ex.org/nowhere",
      },
    ]);
  });

  it("reads a price range from a PriceSpecification, and leaves out a range without a currency", () => {
    const r = graphToRecords(
      event(
        q(E, "offers", { blank: "o1" }),
        q("_:o1", "a", "Offer"),
        q("_:o1", "name", lit("Régulier", "fr")),
        q("_:o1", "availability", `${SCHEMA}InStock`),
        q("_:o1", "priceSpecification", { blank: "ps1" }),
        q("_:ps1", "a", "PriceSpecification"),
        q("_:ps1", "minPrice", lit("15")),
        q("_:ps1", "maxPrice", lit("30.5")),
        q("_:ps1", "priceCurrency", lit("cad")),
        q(E, "offers", { blank: "o2" }),
        q("_:o2", "a", "Offer"),
        q("_:o2", "lowPrice", lit("10")),
        q("_:o2", "highPrice", lit("20")),
        q("_:o2", "url", "https://billets.example/e1"),
      ),
    );
    expect(r.performances[0]!.offers).toEqual([
      {
        id: "1",
        category: { fr: "Régulier" },
        minPrice: 15,
        maxPrice: 30.5,
        priceCurrency: "CAD",
        availability: "InStock",
      },
      { id: "2", url: "https://billets.example/e1" },
    ]);
    expect(brief(r)).toEqual([
      { code: "import/price-without-currency", severity: "warning", recordId: "ex.org/e1", path: "<o2> schema:price" },
    ]);
  });

  it("rejects an event without a start date and a place with neither a name nor an address", () => {
    const r = graphToRecords([
      q(E, "a", "Event"),
      q(E, "name", lit("Sans date")),
      q("http://ex.org/e2", "a", "TheaterEvent"),
      q("http://ex.org/e2", "name", lit("Sans lieu")),
      q("http://ex.org/e2", "startDate", lit("2026-12-01")),
      q("http://ex.org/e2", "location", "http://ex.org/p2"),
      q("http://ex.org/p2", "a", "Place"),
    ]);
    expect(r.performances).toEqual([]);
    expect(r.venues).toEqual([]);
    expect(r.events).toBe(2);
    expect(r.rejected).toEqual([
      { entity: "performance", recordId: "ex.org/e1", path: E },
      { entity: "venue", recordId: "ex.org/p2", path: "http://ex.org/p2" },
      { entity: "performance", recordId: "ex.org/e2", path: "http://ex.org/e2" },
    ]);
    expect(r.problems.map((p) => p.code)).toEqual([
      "import/missing-start-date",
      "import/missing-name",
      "import/unusable-location",
    ]);
  });

  it("reads people and organizations described on their own, and names a blank node's local id", () => {
    const r = graphToRecords([
      q("https://ex.org/a1", "a", "Person"),
      q("https://ex.org/a1", "name", lit("Ana Sol")),
      q("https://ex.org/a1", "sameAs", "http://www.wikidata.org/entity/Q1"),
      q("https://ex.org/g1", "a", "TheaterGroup"),
      q("https://ex.org/g1", "name", lit("Troupe", "fr")),
      q("https://ex.org/g1", "name", lit("Troupe EN", "en")),
    ]);
    expect(r.people).toEqual([{ id: "ex.org/a1", name: "Ana Sol", sameAs: ["http://www.wikidata.org/entity/Q1"] }]);
    expect(r.organizations).toEqual([
      { id: "ex.org/g1", type: "TheaterGroup", name: { fr: "Troupe", en: "Troupe EN" } },
    ]);
    expect(r.problems).toEqual([]);
    expect(localIdOf(blankNode("x9"))).toBe("_x9");
  });
});
