// Generates shapes/schemaorg-classes.ttl from the pinned vocabularies: the rdfs:subClassOf triples that
// shacl-engine needs in the shapes graph to resolve sh:class and sh:targetClass through subclasses.

import { readFileSync } from "node:fs";
import { Parser } from "n3";
import { ontologiesDir } from "../../../src/jsonld/loader.js";

const SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf";
const SCHEMA = "http://schema.org/";
const ADO = "http://kg.artsdata.ca/ontology/";

export function classHierarchyTurtle(): string {
  const dir = ontologiesDir();
  const triples = new Set<string>();
  for (const file of ["schemaorg/schemaorg-current-http.ttl", "artsdata/artsdata-ontology.ttl"]) {
    for (const q of new Parser().parse(readFileSync(`${dir}${file}`, "utf8"))) {
      if (q.predicate.value !== SUBCLASS || q.subject.termType !== "NamedNode" || q.object.termType !== "NamedNode")
        continue;
      const known = (iri: string) => iri.startsWith(SCHEMA) || iri.startsWith(ADO);
      if (!known(q.subject.value) || !known(q.object.value)) continue;
      const short = (iri: string) =>
        iri.startsWith(SCHEMA) ? `schema:${iri.slice(SCHEMA.length)}` : `ado:${iri.slice(ADO.length)}`;
      triples.add(`${short(q.subject.value)} rdfs:subClassOf ${short(q.object.value)} .`);
    }
  }
  return [
    "# schema.org's class hierarchy (release 30.0) and the Artsdata ontology's subclasses of schema.org classes,",
    "# shipped with every profile: shacl-engine resolves rdfs:subClassOf in the shapes graph only, so this is what",
    "# lets `sh:class schema:Place` accept a schema:PerformingArtsTheater.",
    "# Generated from ontologies/ by test/validate/support/classes.ts; do not edit by hand",
    "# (VIVANT_UPDATE=1 npx vitest run test/validate/shapes.test.ts rewrites it).",
    "# Licence: schema.org, CC BY-SA 3.0 (see ontologies/schemaorg/SOURCE.md); Artsdata, CC0 1.0.",
    "",
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
    `@prefix schema: <${SCHEMA}> .`,
    `@prefix ado: <${ADO}> .`,
    "",
    ...[...triples].sort(),
    "",
  ].join("\n");
}
