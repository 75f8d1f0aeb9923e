// The fidelity ledger's terms: why a source value is not carried (each reason in English and French) and how a
// property is named in the ledger (a prefixed name for Vivant's vocabularies, the IRI otherwise).

import { PROV, RDF_TYPE, SCHEMA, VIVANT } from "../vocab.js";

/** Why a property of a source node was not carried. */
export const NOT_CARRIED_REASONS = {
  "not-modelled": {
    en: "Vivant does not model this property (on purpose: see the README's import and harvest section)",
    fr: "Vivant ne modélise pas cette propriété (à dessein : voir la section import et moissonnage du README)",
  },
  invalid: {
    en: "its value could not be used as written (a problem says which and why)",
    fr: "sa valeur n'a pas pu être utilisée telle qu'écrite (un problème dit laquelle et pourquoi)",
  },
  unresolved: {
    en: "it points at a node the source does not describe",
    fr: "elle désigne un nœud que la source ne décrit pas",
  },
  rejected: {
    en: "its record was rejected (a violation says why)",
    fr: "son enregistrement a été rejeté (une violation dit pourquoi)",
  },
  "not-mapped": {
    en: "no field of the mapping file reads this column",
    fr: "aucun champ du fichier de correspondance ne lit cette colonne",
  },
  "outside-programme": {
    en: "its node is not part of a programme (page furniture or an unsupported type)",
    fr: "son nœud ne fait pas partie d'une programmation (habillage de page ou type non pris en charge)",
  },
} as const;
export type NotCarriedReason = keyof typeof NOT_CARRIED_REASONS;

const PREFIXES: readonly [string, string][] = [
  [SCHEMA, "schema:"],
  [PROV, "prov:"],
  [VIVANT, "vivant:"],
];

/** `http://schema.org/name` → `schema:name`, `rdf:type` → `@type`; other IRIs stay whole. */
export function propertyLabel(iri: string): string {
  if (iri === RDF_TYPE) return "@type";
  for (const [ns, prefix] of PREFIXES) if (iri.startsWith(ns)) return prefix + iri.slice(ns.length);
  return iri;
}
