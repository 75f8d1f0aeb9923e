// The table of repairs made to literal values of real-world schema.org markup: each entry says which values
// it takes (by property and form) and what it writes instead; `normalizeQuads` runs the first entry that applies.

import { DataFactory } from "n3";
import type { BlankNode, Literal, NamedNode, Quad_Object, Quad_Subject } from "@rdfjs/types";
import type { ProblemCode, Text } from "../errors.js";
import { SCHEMA, XSD, XSD_DATE, XSD_DATETIME, XSD_STRING } from "../vocab.js";
import { normalizeDate } from "./dates.js";
import type { FixKind } from "./fixes.js";
import { readPrice } from "./prices.js";
import {
  ADDRESS_COUNTRY,
  AGENT_PROPERTIES,
  BOOLEAN_PROPERTIES,
  CODE_PROPERTIES,
  COUNTRY_CODES,
  DATE_PROPERTIES,
  DECIMAL_PROPERTIES,
  ENUM_PROPERTIES,
  IDENTIFIER,
  INTEGER_PROPERTIES,
  isniOf,
  PRICE_PROPERTIES,
  SAME_AS,
  SCHEMA_IRI_TEXT,
  URL_PROPERTIES,
} from "./repair-terms.js";

// What normalize.ts reads from here besides the table.
export { ADDRESS_COUNTRY, COUNTRY_CODES, ENUM_PROPERTIES, IDENTIFIER, isniOf, wikidataIri } from "./repair-terms.js";

const { namedNode, literal } = DataFactory;

const S = (name: string): string => `${SCHEMA}${name}`;

const XSD_DECIMAL = `${XSD}decimal`;
const XSD_INTEGER = `${XSD}integer`;
const XSD_BOOLEAN = `${XSD}boolean`;

/** A value that cannot be repaired, reported as a warning on its node and property (the value is kept). */
export interface Unrepaired {
  readonly code: ProblemCode;
  readonly path: string;
  readonly value: string;
  readonly message: Text;
  readonly expected: Text;
  /** @default fix the markup at its source; the value is kept as published */
  readonly hint?: Text;
}

/** One literal being normalised, and what a repair may do with it. */
export interface LiteralSite {
  readonly subject: NamedNode | BlankNode;
  readonly predicate: NamedNode;
  /** The predicate's IRI (after its own repairs). */
  readonly p: string;
  readonly lit: Literal;
  /** The literal's datatype IRI, `https://schema.org/` brought back to `http:`. */
  readonly datatype: string;
  fix(kind: FixKind): void;
  report(u: Unrepaired): void;
  push(s: Quad_Subject, p: NamedNode, o: Quad_Object): void;
  /** Keeps a value out of the graph (reported, counted as not carried by the ledger). */
  withhold(o: Literal): void;
  /** Notes a price range on this offer: it becomes a PriceSpecification once every quad is read. */
  priceRange(min: string, max: string): void;
  /** A stable node for a value that stands for an entity of its own (an agent written as text). */
  mint(label: string): NamedNode | BlankNode;
  /** An IRI with its own repairs (https schema.org, Wikidata page, HTML entities). */
  fixNamed(value: string): string;
  /** The enumeration member a text names, or undefined (then reported). */
  enumValue(written: string, enumeration: string): NamedNode | undefined;
}

export interface LiteralRepair {
  /** What the repair is for (documentation and tests). */
  readonly name: string;
  readonly applies: (site: LiteralSite) => boolean;
  readonly apply: (site: LiteralSite) => void;
}

/** A short stable hash (FNV-1a) for minted IRIs. */
export function hashOf(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

const textTyped = (site: LiteralSite): boolean => Boolean(site.lit.language) || site.datatype === XSD_STRING;
const schemaIriText = (site: LiteralSite): RegExpExecArray | null => SCHEMA_IRI_TEXT.exec(site.lit.value.trim());

/** "performer": "Alex Roy": an agent with that name, of unknown kind (no type is invented). */
const agentAsText: LiteralRepair = {
  name: "agent written as text",
  applies: ({ p, lit }) =>
    AGENT_PROPERTIES.has(p) && lit.value.trim() !== "" && !/^https?:\/\//i.test(lit.value.trim()),
  apply: (site) => {
    const { subject, predicate, p, lit } = site;
    const text = lit.value.trim();
    site.fix("agent-as-text");
    const agent = site.mint(`agent-${hashOf(`${subject.value} ${p} ${text}`)}`);
    site.push(subject, predicate, agent);
    site.push(agent, namedNode(S("name")), lit.language ? literal(text, lit.language) : literal(text));
  },
};

/** A schema.org IRI written as text, on a property that is not an enumeration. */
const schemaIriLiteral: LiteralRepair = {
  name: "schema.org IRI written as text",
  applies: (site) => schemaIriText(site) !== null && ENUM_PROPERTIES[site.p] === undefined,
  apply: (site) => {
    const m = schemaIriText(site)!;
    site.fix("schema-iri-literal");
    if (/^https/i.test(site.lit.value.trim())) site.fix("https-schema-org");
    site.push(site.subject, site.predicate, namedNode(S(m[2]!)));
  },
};

/** An enumeration member written as text (`"EventScheduled"`, `"https://schema.org/InStock"`). */
const enumAsText: LiteralRepair = {
  name: "enumeration member written as text",
  applies: ({ p }) => ENUM_PROPERTIES[p] !== undefined,
  apply: (site) => {
    const text = site.lit.value.trim();
    const repaired = site.enumValue(text, ENUM_PROPERTIES[site.p]!);
    if (!repaired) return site.push(site.subject, site.predicate, site.lit);
    const iriText = schemaIriText(site) !== null;
    site.fix(iriText ? "schema-iri-literal" : "enum-as-text");
    if (iriText && /^https/i.test(text)) site.fix("https-schema-org");
    site.push(site.subject, site.predicate, repaired);
  },
};

/** A web address written as text becomes an IRI; a bare ISNI in `sameAs` its isni.org IRI. */
const urlAsText: LiteralRepair = {
  name: "web address written as text",
  applies: ({ p }) => URL_PROPERTIES.has(p),
  apply: (site) => {
    const t = site.lit.value.trim();
    const isni = site.p === SAME_AS ? isniOf(t) : undefined;
    if (isni !== undefined) {
      site.fix("isni-bare");
      return site.push(site.subject, site.predicate, namedNode(`https://isni.org/isni/${isni}`));
    }
    if (/^https?:\/\/\S+$/i.test(t)) {
      site.fix("iri-as-literal");
      return site.push(site.subject, site.predicate, namedNode(site.fixNamed(t)));
    }
    site.push(site.subject, site.predicate, site.lit);
  },
};

/** An `identifier` that is an ISNI also becomes a `sameAs`; one that only looks like an ISNI is reported. */
const identifier: LiteralRepair = {
  name: "ISNI given as an identifier",
  applies: ({ p }) => p === IDENTIFIER,
  apply: (site) => {
    const text = site.lit.value;
    site.push(site.subject, site.predicate, site.lit);
    const isni = isniOf(text);
    if (isni !== undefined) {
      site.fix("isni-bare");
      site.push(site.subject, namedNode(SAME_AS), namedNode(`https://isni.org/isni/${isni}`));
    } else if (/^0000/.test(text.trim())) {
      site.report({
        code: "harvest/invalid-isni",
        path: site.p,
        value: text,
        message: {
          en: `"${text}" looks like an ISNI but is not one (16 characters with a valid check digit)`,
          fr: `« ${text} » ressemble à un ISNI mais n'en est pas un (16 caractères avec une clé de contrôle valide)`,
        },
        expected: { en: "an ISNI such as 0000 0001 2141 6468", fr: "un ISNI tel que 0000 0001 2141 6468" },
      });
    }
  },
};

/** Dates in any form real pages write, made ISO 8601 `xsd:date` or `xsd:dateTime`. */
const date: LiteralRepair = {
  name: "date or date-time",
  applies: ({ p }) => DATE_PROPERTIES.has(p),
  apply: (site) => {
    const { lit, datatype } = site;
    const d = normalizeDate(lit.value);
    if (d === undefined) {
      site.report({
        code: "harvest/invalid-date",
        path: site.p,
        value: lit.value,
        message: { en: `"${lit.value}" is not an ISO 8601 date`, fr: `« ${lit.value} » n'est pas une date ISO 8601` },
        expected: { en: "ISO 8601, e.g. 2026-11-20T20:00:00+01:00", fr: "ISO 8601, p. ex. 2026-11-20T20:00:00+01:00" },
      });
      return site.push(site.subject, site.predicate, lit);
    }
    if (lit.language) site.fix("language-on-non-text");
    else if (datatype === S("Date") || datatype === S("DateTime")) site.fix("date-schema-typed");
    else if (datatype === XSD_STRING) site.fix("date-plain-typed");
    for (const f of d.fixes) site.fix(f);
    site.push(site.subject, site.predicate, literal(d.value, namedNode(d.kind === "date" ? XSD_DATE : XSD_DATETIME)));
  },
};

/** A price written as text: one number, a range or list (a PriceSpecification), or ambiguous (withheld). */
const priceAsText: LiteralRepair = {
  name: "price written as text",
  applies: (site) => PRICE_PROPERTIES.has(site.p) && textTyped(site),
  apply: (site) => {
    const text = site.lit.value;
    const reading = readPrice(text);
    if (site.lit.language) site.fix("language-on-non-text");
    if (reading.kind === "number") {
      site.fix("number-as-text");
      if (reading.decimalComma) site.fix("decimal-comma");
      return site.push(site.subject, site.predicate, literal(reading.value, namedNode(XSD_DECIMAL)));
    }
    if (reading.kind === "range" && site.p === S("price")) {
      site.fix(reading.list ? "price-list" : "price-range");
      return site.priceRange(reading.min, reading.max);
    }
    if (reading.kind === "ambiguous") {
      site.report({
        code: "import/ambiguous-price",
        path: site.p,
        value: text,
        message: {
          en: `"${text}" can be read as ${reading.readings.join(" or as ")}: not turned into a number, kept as text`,
          fr: `« ${text} » peut se lire ${reading.readings.join(" ou ")} : pas changé en nombre, gardé en texte`,
        },
        expected: {
          en: "one price with a decimal point (49.46), or a range (25 – 45)",
          fr: "un prix avec un point décimal (49.46), ou une fourchette (25 – 45)",
        },
        hint: {
          en: "write the price with a decimal point, or the prices as separate offers",
          fr: "écrire le prix avec un point décimal, ou les prix comme des offres séparées",
        },
      });
      // No number is made and the value stays out of the graph, kept as text in the report.
      return site.withhold(literal(text));
    }
    site.push(site.subject, site.predicate, literal(text));
  },
};

/** A decimal or integer written as text (a decimal comma is read only where nothing else can be meant). */
const numberAsText: LiteralRepair = {
  name: "number written as text",
  applies: (site) => (DECIMAL_PROPERTIES.has(site.p) || INTEGER_PROPERTIES.has(site.p)) && textTyped(site),
  apply: (site) => {
    const numeric = DECIMAL_PROPERTIES.has(site.p) ? XSD_DECIMAL : XSD_INTEGER;
    const t = site.lit.value.trim();
    const number = numeric === XSD_INTEGER ? /^\d+$/.test(t) : /^-?\d+([.,]\d+)?$/.test(t);
    if (site.lit.language) site.fix("language-on-non-text");
    if (!number) return site.push(site.subject, site.predicate, literal(site.lit.value));
    site.fix("number-as-text");
    if (t.includes(",")) site.fix("decimal-comma");
    site.push(site.subject, site.predicate, literal(t.replace(",", "."), namedNode(numeric)));
  },
};

/** `"true"` / `"false"` written as text. */
const booleanAsText: LiteralRepair = {
  name: "boolean written as text",
  applies: (site) => BOOLEAN_PROPERTIES.has(site.p) && textTyped(site),
  apply: (site) => {
    const t = site.lit.value.trim().toLowerCase();
    if (site.lit.language) site.fix("language-on-non-text");
    if (t !== "true" && t !== "false") return site.push(site.subject, site.predicate, literal(site.lit.value));
    site.fix("boolean-as-text");
    site.push(site.subject, site.predicate, literal(t, namedNode(XSD_BOOLEAN)));
  },
};

/** Codes (currency, postal code, country…) lose a language tag; a country name becomes its ISO code. */
const code: LiteralRepair = {
  name: "code with a language tag, country name",
  applies: ({ p }) => CODE_PROPERTIES.has(p),
  apply: (site) => {
    const text = site.lit.value;
    let v = text;
    if (site.lit.language) site.fix("language-on-non-text");
    const iso = site.p === ADDRESS_COUNTRY ? COUNTRY_CODES[v.trim().toLowerCase()] : undefined;
    if (iso !== undefined) {
      site.fix("country-name");
      v = iso;
    }
    site.push(site.subject, site.predicate, site.lit.language || v !== text ? literal(v) : site.lit);
  },
};

/** Any other literal: kept, with its datatype's https schema.org IRI brought back to http. */
const asWritten: LiteralRepair = {
  name: "any other literal",
  applies: () => true,
  apply: (site) => {
    const { lit, datatype } = site;
    site.push(
      site.subject,
      site.predicate,
      datatype === lit.datatype.value ? lit : literal(lit.value, lit.language || namedNode(datatype)),
    );
  },
};

/** In order: the first entry that applies to a literal is the one run. */
export const LITERAL_REPAIRS: readonly LiteralRepair[] = [
  agentAsText,
  schemaIriLiteral,
  enumAsText,
  urlAsText,
  identifier,
  date,
  priceAsText,
  numberAsText,
  booleanAsText,
  code,
  asWritten,
];
