// Messages of validation issues: the shape's own sh:message in each language, or a default sentence per
// SHACL constraint component, in English and French, when a shape (e.g. a third party's) has none.

import type { Lang, Text } from "../errors.js";
import { SH } from "../vocab.js";

/** A message literal as found in a shapes graph. */
export interface MessageLiteral {
  readonly value: string;
  readonly language: string;
}

type Params = Readonly<Record<string, string>>;

const DEFAULTS: Readonly<Record<string, { en: string; fr: string }>> = {
  MinCount: { en: "Fewer than {minCount} value(s) for {path}.", fr: "Moins de {minCount} valeur(s) pour {path}." },
  MaxCount: { en: "More than {maxCount} value(s) for {path}.", fr: "Plus de {maxCount} valeur(s) pour {path}." },
  Datatype: { en: "The value is not a valid {datatype}.", fr: "La valeur n'est pas un {datatype} valide." },
  NodeKind: { en: "The value is not of node kind {nodeKind}.", fr: "La valeur n'est pas de la sorte {nodeKind}." },
  Class: { en: "The value is not an instance of {class}.", fr: "La valeur n'est pas une instance de {class}." },
  MinExclusive: {
    en: "The value is not greater than {minExclusive}.",
    fr: "La valeur n'est pas supérieure à {minExclusive}.",
  },
  MinInclusive: { en: "The value is less than {minInclusive}.", fr: "La valeur est inférieure à {minInclusive}." },
  MaxExclusive: {
    en: "The value is not less than {maxExclusive}.",
    fr: "La valeur n'est pas inférieure à {maxExclusive}.",
  },
  MaxInclusive: { en: "The value is greater than {maxInclusive}.", fr: "La valeur est supérieure à {maxInclusive}." },
  MinLength: {
    en: "The value is shorter than {minLength} characters.",
    fr: "La valeur fait moins de {minLength} caractères.",
  },
  MaxLength: {
    en: "The value is longer than {maxLength} characters.",
    fr: "La valeur fait plus de {maxLength} caractères.",
  },
  Pattern: { en: "The value does not match the pattern {pattern}.", fr: "La valeur ne suit pas le motif {pattern}." },
  LanguageIn: {
    en: "The value's language tag is not allowed.",
    fr: "La balise de langue de la valeur n'est pas permise.",
  },
  UniqueLang: {
    en: "Several values of {path} share a language tag.",
    fr: "Plusieurs valeurs de {path} ont la même balise de langue.",
  },
  Equals: { en: "The values of {path} and {equals} differ.", fr: "Les valeurs de {path} et de {equals} diffèrent." },
  Disjoint: { en: "The value is also a value of {disjoint}.", fr: "La valeur est aussi une valeur de {disjoint}." },
  LessThan: {
    en: "The value is not less than the value of {lessThan}.",
    fr: "La valeur n'est pas inférieure à celle de {lessThan}.",
  },
  LessThanOrEquals: {
    en: "The value is not less than or equal to the value of {lessThanOrEquals}.",
    fr: "La valeur n'est pas inférieure ou égale à celle de {lessThanOrEquals}.",
  },
  Not: {
    en: "The value conforms to a shape it must not conform to.",
    fr: "La valeur respecte une forme qu'elle ne doit pas respecter.",
  },
  And: {
    en: "The value does not conform to all the required shapes.",
    fr: "La valeur ne respecte pas toutes les formes exigées.",
  },
  Or: {
    en: "The value conforms to none of the allowed shapes.",
    fr: "La valeur ne respecte aucune des formes permises.",
  },
  Xone: {
    en: "The value does not conform to exactly one of the shapes.",
    fr: "La valeur ne respecte pas exactement une des formes.",
  },
  Node: { en: "The value does not conform to the shape {node}.", fr: "La valeur ne respecte pas la forme {node}." },
  QualifiedMinCount: {
    en: "Fewer than {qualifiedMinCount} values of {path} conform to the qualified shape.",
    fr: "Moins de {qualifiedMinCount} valeurs de {path} respectent la forme qualifiée.",
  },
  QualifiedMaxCount: {
    en: "More than {qualifiedMaxCount} values of {path} conform to the qualified shape.",
    fr: "Plus de {qualifiedMaxCount} valeurs de {path} respectent la forme qualifiée.",
  },
  Closed: {
    en: "The property {path} is not allowed here (closed shape).",
    fr: "La propriété {path} n'est pas permise ici (forme fermée).",
  },
  HasValue: { en: "The value {hasValue} is missing.", fr: "La valeur {hasValue} manque." },
  In: { en: "The value is not one of the allowed values.", fr: "La valeur ne fait pas partie des valeurs permises." },
};

/** `http://www.w3.org/ns/shacl#MinCountConstraintComponent` → `MinCount`. */
export function componentName(constraint: string): string {
  return constraint.startsWith(SH)
    ? constraint.slice(SH.length).replace(/ConstraintComponent$/, "")
    : constraint.replace(/^.*[#/]/, "");
}

const PREFIXES: readonly [string, string][] = [
  ["http://schema.org/", "schema:"],
  ["http://www.w3.org/2001/XMLSchema#", "xsd:"],
  ["http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"],
  [SH, "sh:"],
  ["http://kg.artsdata.ca/ontology/", "ado:"],
];

/** Shortens well-known IRIs for people: `http://schema.org/name` → `schema:name`. */
export function compactIri(iri: string): string {
  for (const [ns, prefix] of PREFIXES)
    if (iri.startsWith(ns) && /^[\w-]+$/.test(iri.slice(ns.length))) return `${prefix}${iri.slice(ns.length)}`;
  return iri;
}

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? "?");
}

/**
 * The issue's message: the shape's sh:message for each language (exact tag, then its primary subtag), falling back
 * to the untagged or English message, then to the component's default sentence.
 */
export function issueMessage(messages: readonly MessageLiteral[], constraint: string, params: Params): Text {
  const pick = (lang: Lang): string | undefined =>
    messages.find((m) => m.language.toLowerCase() === lang)?.value ??
    messages.find((m) => m.language.toLowerCase().split("-")[0] === lang)?.value;
  const fallback = messages.find((m) => m.language === "")?.value ?? pick("en") ?? messages[0]?.value;
  const defaults = DEFAULTS[componentName(constraint)];
  const en =
    pick("en") ?? fallback ?? (defaults ? fill(defaults.en, params) : `The value violates ${compactIri(constraint)}.`);
  const fr = pick("fr") ?? (defaults && !fallback ? fill(defaults.fr, params) : undefined) ?? fallback ?? en;
  return { en, fr };
}
