// The CapData Culture export (src/export/capdata.ts): the RDF/XML it writes is read by two independent RDF/XML
// parsers (rdfxml-streaming-parser, in JavaScript on saxes, and Oxigraph's oxrdfxml, in Rust) to the very graph the
// exporter made; every IRI it writes is one of src/export/capdata-terms.ts; texts are French only, dates in UTC with
// a Z, cancellation is `annulation`; hostile text (<, &, ]]>, quotes, control characters, lone surrogates) survives
// as XML-safe text, and what the model has no place for is counted, never silently dropped.

import { readFileSync } from "node:fs";
import type { Quad } from "@rdfjs/types";
import { DataFactory, Parser } from "n3";
import canonize from "rdf-canonize";
import { describe, expect, it } from "vitest";
import { capdataRdfXml, graphToCapData, utcDateTime, xmlSafe } from "../../src/export/capdata.js";
import { capdataTerms, PROVISIONAL_CAPDATA_NAMESPACE } from "../../src/export/capdata-terms.js";
import { InputError } from "../../src/errors.js";
import { mapRecords } from "../../src/mapping/index.js";
import { parseWithOxigraph, parseWithStreamingParser } from "../helpers/rdfxml.js";

const demo = JSON.parse(readFileSync(new URL("../../fixtures/demo-season.json", import.meta.url), "utf8")) as Record<
  string,
  unknown
>;
const NS = PROVISIONAL_CAPDATA_NAMESPACE;
const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

const canon = (quads: readonly Quad[]): Promise<string> => canonize.canonize([...quads], { algorithm: "RDFC-1.0" });

function demoExport(namespace?: string): ReturnType<typeof graphToCapData> & { graphIri: string } {
  const mapped = mapRecords(demo, { origins: false });
  return {
    ...graphToCapData(mapped.quads, { graphIri: mapped.graphIri, ...(namespace ? { namespace } : {}) }),
    graphIri: mapped.graphIri,
  };
}

const objectsOf = (quads: readonly Quad[], s: string, p: string): string[] =>
  quads.filter((q) => q.subject.value === s && q.predicate.value === NS + p).map((q) => q.object.value);

describe("CapData export: RDF/XML read by two independent parsers", () => {
  it("rdfxml-streaming-parser and Oxigraph read the demo season's export back to the exporter's own graph", async () => {
    const x = demoExport();
    const text = capdataRdfXml(x);
    expect(text.startsWith("<?xml")).toBe(true);
    const [js, rust] = [await parseWithStreamingParser(text), parseWithOxigraph(text)];
    expect(js.length).toBe(x.quads.length);
    expect(rust.length).toBe(x.quads.length);
    const expected = await canon(x.quads);
    expect(await canon(js)).toBe(expected);
    expect(await canon(rust)).toBe(expected);
  });

  it("writes only IRIs of the terms module (classes, properties, rdf:type, datatypes) besides the data's own", () => {
    const x = demoExport();
    const terms = capdataTerms();
    const predicates = new Set(x.quads.map((q) => q.predicate.value));
    for (const p of predicates) expect(terms.all().has(p), p).toBe(true);
    const classes = new Set(x.quads.filter((q) => q.predicate.value === RDF_TYPE).map((q) => q.object.value));
    for (const c of classes) expect(terms.all().has(c), c).toBe(true);
    for (const q of x.quads)
      if (q.object.termType === "Literal" && q.object.datatype.value.startsWith("http://www.w3.org/2001/XMLSchema#"))
        expect(q.object.datatype.value).toMatch(/#(string|dateTime|boolean|date|gYear)$/);
    expect([...classes].map((c) => c.slice(NS.length)).sort()).toEqual([
      "AdressePostale",
      "Auteur",
      "Collaboration",
      "Collectivite",
      "Evenement",
      "Fonction",
      "Interpretation",
      "Lieu",
      "MentionProduction",
      "Oeuvre",
      "Personne",
      "ProductionPrimaire",
      "Programmation",
      "Saison",
    ]);
  });

  it("puts every IRI of the model under the namespace given, and refuses a namespace that is not an IRI ending in # or /", () => {
    const ns = "https://ontology.example/capdata/";
    const x = demoExport(ns);
    expect(x.quads.some((q) => q.predicate.value.startsWith(NS))).toBe(false);
    expect(x.quads.filter((q) => q.predicate.value === RDF_TYPE).every((q) => q.object.value.startsWith(ns))).toBe(
      true,
    );
    for (const bad of ["capdata", "https://x.example/ns", "ftp://x.example/#", "https://x.example/a b#"]) {
      expect(() => graphToCapData([], { namespace: bad }), bad).toThrow(InputError);
    }
  });
});

describe("CapData export: the facts", () => {
  const x = demoExport();
  const B = "https://data.reseau-scenes.example/";

  it("writes a performance's title in French, its start in UTC with a Z, its place, production and cancellation", () => {
    const p = `${B}performance/misanthrope-04`;
    expect(objectsOf(x.quads, p, "titre")).toEqual(["Le Misanthrope"]);
    expect(objectsOf(x.quads, p, "dateDebut")).toEqual(["2026-10-02T18:00:00Z"]);
    expect(objectsOf(x.quads, p, "annulation")).toEqual(["true"]);
    expect(objectsOf(x.quads, p, "aPourProduction")).toEqual([`${B}production/misanthrope`]);
    // The hall (studio) is not in the model: the place is its venue.
    expect(objectsOf(x.quads, p, "aPourLieu")).toEqual([`${B}venue/grand-quai-nantes`]);
    expect(objectsOf(x.quads, `${B}performance/traviata-07`, "annulation")).toEqual(["false"]);
  });

  it("never writes a text in another language than French, and every date-time ends with Z", () => {
    for (const q of x.quads) {
      if (q.object.termType !== "Literal") continue;
      expect(["", "fr"]).toContain(q.object.language);
      if (q.object.datatype.value.endsWith("#dateTime"))
        expect(q.object.value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    }
  });

  it("writes a venue's address, the cast with their functions, the work and its authors, the season", () => {
    const venue = `${B}venue/grand-quai-nantes`;
    expect(objectsOf(x.quads, venue, "nom")).toEqual(["Le Grand Quai, scène conventionnée de Nantes"]);
    const [address] = objectsOf(x.quads, venue, "adresse");
    expect(objectsOf(x.quads, address!, "adressePostale")).toEqual(["12 quai de la Fosse"]);
    expect(objectsOf(x.quads, address!, "codePostal")).toEqual(["44000"]);
    expect(objectsOf(x.quads, address!, "commune")).toEqual(["Nantes"]);
    const production = `${B}production/traviata`;
    const cast = objectsOf(x.quads, production, "aPourInterpretation").map((i) => {
      const [agent] = objectsOf(x.quads, i, "aPourParticipant");
      const [fonction] = objectsOf(x.quads, i, "aPourFonction");
      return `${objectsOf(x.quads, agent!, "nom")[0]}: ${objectsOf(x.quads, fonction!, "label")[0]}`;
    });
    expect(cast).toContain("Élise Garnier: soprano");
    expect(cast).toContain("Orchestre de l'Estuaire: orchestre");
    const [director] = objectsOf(x.quads, production, "aPourCollaboration");
    expect(objectsOf(x.quads, objectsOf(x.quads, director!, "aPourParticipant")[0]!, "nom")).toEqual(["Claire Morvan"]);
    expect(objectsOf(x.quads, production, "oeuvreRepresentee")).toEqual([`${B}work/verdi-la-traviata`]);
    const authors = objectsOf(x.quads, `${B}work/verdi-la-traviata`, "aPourAuteur").map(
      (a) => objectsOf(x.quads, objectsOf(x.quads, a, "aPourFonction")[0]!, "label")[0],
    );
    expect(authors.sort()).toEqual(["compositeur", "librettiste"]);
    // Its performances are in two seasons (Nantes and Rennes): the model puts the season on the production.
    expect(objectsOf(x.quads, production, "aPourSaison").sort()).toEqual([
      `${B}series/saison-grand-quai`,
      `${B}series/saison-theatre-vilaine`,
    ]);
    expect(objectsOf(x.quads, `${B}series/saison-grand-quai`, "label")).toEqual(["Saison 2026-2027 du Grand Quai"]);
    expect(objectsOf(x.quads, production, "catalogageSourceAgence")).toEqual([`${B}publisher`]);
  });

  it("counts what the model has no place for: offers, halls, festivals, texts without French, local times", () => {
    const left = new Map(x.leftOut.map((r) => [`${r.property} ${r.reason}`, r.count]));
    expect(left.get("schema:offers not-in-model")).toBeGreaterThan(100);
    expect(left.get("schema:Festival not-in-model")).toBe(1);
    expect(left.get("schema:location (hall) not-in-model")).toBeGreaterThan(0);
    expect(left.get("schema:eventAttendanceMode not-in-model")).toBeGreaterThan(0);
    const onlyEnglish = graphToCapData(
      new Parser().parse(`@prefix schema: <http://schema.org/> .
      <https://x.example/performance/1> a schema:TheaterEvent ; schema:name "Only English"@en ; schema:startDate "2026-12-05T18:00:00" ;
        schema:workPerformed <https://x.example/production/1> .
      <https://x.example/production/1> a schema:CreativeWork ; schema:name "Titre"@fr .`),
    );
    expect(onlyEnglish.leftOut).toContainEqual({ property: "schema:name", reason: "no-french-text", count: 1 });
    expect(onlyEnglish.leftOut).toContainEqual({ property: "schema:startDate", reason: "no-utc-offset", count: 1 });
    expect(objectsOf(onlyEnglish.quads, "https://x.example/performance/1", "titre")).toEqual([]);
  });
});

describe("CapData export: hostile text", () => {
  const HOSTILE = `<script>&amp; ]]> "double" 'single' \ud800 lone \udc00 \u0001\u0008\u000b ctl \uFFFE CRLF\r\nCR\rend 🎭`;

  it("survives <, &, ]]> and quotes as written, lone surrogates and control characters as U+FFFD, CR as LF, in both parsers", async () => {
    const graph = new Parser().parse(`@prefix schema: <http://schema.org/> .
      <https://x.example/performance/1?a=1&b=2> a schema:TheaterEvent ; schema:name ${JSON.stringify("placeholder")}@fr ;
        schema:startDate "2026-12-05T18:00:00+01:00" ; schema:workPerformed <https://x.example/production/1> .
      <https://x.example/production/1> a schema:CreativeWork ; schema:name "Titre"@fr-FR .`);
    const withHostile = graph.map((q) =>
      q.object.value === "placeholder"
        ? DataFactory.quad(q.subject, q.predicate, DataFactory.literal(HOSTILE, "fr"))
        : q,
    );
    const x = graphToCapData(withHostile);
    expect(x.repairedTexts).toBe(1);
    const text = capdataRdfXml(x);
    const expected = `<script>&amp; ]]> "double" 'single' \uFFFD lone \uFFFD \uFFFD\uFFFD\uFFFD ctl \uFFFD CRLF\nCR\nend 🎭`;
    expect(xmlSafe(HOSTILE)).toBe(expected);
    for (const quads of [await parseWithStreamingParser(text), parseWithOxigraph(text)]) {
      const titles = quads.filter((q) => q.predicate.value === `${NS}titre`);
      expect(titles.map((q) => q.object.value).sort()).toEqual([expected, "Titre"].sort());
      expect(quads.some((q) => q.subject.value === "https://x.example/performance/1?a=1&b=2")).toBe(true);
    }
    // No raw control character and no raw & or < inside the text: XML 1.0 as written.

    expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(text).toContain("&lt;script&gt;&amp;amp;");
  });

  it("writes dates in UTC with a Z whatever their offset, and none for a local or malformed time", () => {
    expect(utcDateTime("2026-11-20T20:00:00+01:00")).toBe("2026-11-20T19:00:00Z");
    expect(utcDateTime("2026-03-29T01:30:00-09:30")).toBe("2026-03-29T11:00:00Z");
    expect(utcDateTime("2026-12-31T23:30:00-01:00")).toBe("2027-01-01T00:30:00Z");
    expect(utcDateTime("2026-11-20T19:00:00Z")).toBe("2026-11-20T19:00:00Z");
    expect(utcDateTime("2026-11-20T19:00:00.5+00:00")).toBe("2026-11-20T19:00:00.5Z");
    expect(utcDateTime("2026-11-20T19:00:00")).toBeUndefined();
    expect(utcDateTime("2026-02-30T19:00:00Z")).toBeUndefined();
    expect(utcDateTime("2026-11-20")).toBeUndefined();
  });
});
