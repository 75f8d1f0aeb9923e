// Repairs the schema.org markup the web really publishes, on expanded quads, counting every fix by
// kind and reporting what it cannot repair (an unknown enumeration value is a Problem, not a guess).

import { DataFactory } from "n3";
import type { BlankNode, NamedNode, Quad, Quad_Object, Quad_Subject, Term } from "@rdfjs/types";
import type { Problem, ProblemCode } from "../errors.js";
import { RDF_LANG_STRING, RDF_TYPE, SCHEMA, SCHEMA_HTTPS, XSD, XSD_DATE, XSD_DATETIME, XSD_STRING } from "../vocab.js";
import { normalizeDate } from "./dates.js";
import { Fixes, type FixKind } from "./fixes.js";
import type { RepairLog } from "./ledger.js";
import { repairEndsAfterMidnight } from "./overnight.js";
import { problem } from "./problems.js";
import { schemaVocabulary, type SchemaVocabulary } from "./vocabulary.js";

const { namedNode, literal, quad, defaultGraph } = DataFactory;

const S = (name: string): string => `${SCHEMA}${name}`;

/** Properties whose values are members of a schema.org enumeration. */
export const ENUM_PROPERTIES: Readonly<Record<string, string>> = {
  [S("eventStatus")]: "EventStatusType",
  [S("eventAttendanceMode")]: "EventAttendanceModeEnumeration",
  [S("availability")]: "ItemAvailability",
};

/** Properties whose values are web addresses (an http(s) text becomes an IRI). */
const URL_PROPERTIES = new Set(
  ["url", "sameAs", "image", "logo", "contentUrl", "thumbnailUrl", "embedUrl", "mainEntityOfPage", "additionalType", "hasMap"].map(S),
);

/** Date and date-time properties. */
export const DATE_PROPERTIES = new Set(
  [
    "startDate", "endDate", "doorTime", "previousStartDate", "validFrom", "validThrough", "priceValidUntil",
    "availabilityStarts", "availabilityEnds", "dateCreated", "datePublished", "dateModified", "birthDate",
    "deathDate", "foundingDate", "dissolutionDate", "sdDatePublished", "uploadDate",
  ].map(S),
);

/** Properties whose values are agents (a person or an organization). */
const AGENT_PROPERTIES = new Set(["performer", "organizer"].map(S));

/** Properties holding a price: a text there is read as one price, a range or a list, or reported as ambiguous. */
const PRICE_PROPERTIES = new Set(["price", "minPrice", "maxPrice", "lowPrice", "highPrice"].map(S));

export type PriceReading =
  | { readonly kind: "number"; readonly value: string; readonly decimalComma: boolean }
  | { readonly kind: "range"; readonly min: string; readonly max: string; readonly list: boolean }
  | { readonly kind: "ambiguous"; readonly readings: readonly string[] }
  | { readonly kind: "unreadable" };

const AMOUNT = /^\d+(?:\.\d{1,2})?$/;
const RANGE = /^(?:de\s+|from\s+)?(\d+(?:\.\d{1,2})?)\s*(?:–|—|-|à|a|to)\s*(\d+(?:\.\d{1,2})?)$/i;

/** One amount or a range of amounts written with decimal points (`25`, `49.50`, `25 – 45`, `15 à 21`): [min, max]. */
function amounts(text: string): [number, number] | undefined {
  const t = text.trim();
  if (AMOUNT.test(t)) return [Number(t), Number(t)];
  const m = RANGE.exec(t);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a <= b ? [a, b] : undefined;
}

const decimalText = (n: number): string => String(n);

/**
 * How a price written as text reads. A comma is a decimal comma (`12,5`) or a list separator (`44 - 69,44 - 79`):
 * when both readings make sense (`49,46`: 49.46, or 49 and 46) the price is ambiguous and no number is made.
 */
export function readPrice(text: string): PriceReading {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return { kind: "number", value: t, decimalComma: false };
  const commas = (t.match(/,/g) ?? []).length;
  let asDecimal: [number, number] | undefined;
  if (commas === 1) asDecimal = amounts(t.replace(",", "."));
  let asList: [number, number] | undefined;
  if (commas >= 1) {
    const parts = t.split(",").map(amounts);
    if (parts.every((x) => x !== undefined)) asList = [Math.min(...parts.map((x) => x[0])), Math.max(...parts.map((x) => x[1]))];
  }
  if (asDecimal && asList) {
    const one = asDecimal[0] === asDecimal[1] ? decimalText(asDecimal[0]) : `${asDecimal[0]} to ${asDecimal[1]}`;
    return { kind: "ambiguous", readings: [one, t.split(",").map((x) => x.trim()).join(" and ")] };
  }
  const single = commas === 0 ? amounts(t) : undefined;
  const r = asDecimal ?? asList ?? single;
  if (!r) return { kind: "unreadable" };
  if (r[0] === r[1] && !asList) return { kind: "number", value: decimalText(r[0]), decimalComma: asDecimal !== undefined };
  return { kind: "range", min: decimalText(r[0]), max: decimalText(r[1]), list: asList !== undefined };
}

/** A short stable hash (FNV-1a) for minted IRIs. */
function hashOf(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

const DECIMAL_PROPERTIES = new Set(["price", "minPrice", "maxPrice", "lowPrice", "highPrice", "latitude", "longitude"].map(S));
const INTEGER_PROPERTIES = new Set(["maximumAttendeeCapacity", "remainingAttendeeCapacity", "width", "height"].map(S));
const BOOLEAN_PROPERTIES = new Set(["isAccessibleForFree", "representativeOfPage", "isFamilyFriendly", "publicAccess"].map(S));
const CODE_PROPERTIES = new Set(["priceCurrency", "postalCode", "addressCountry", "telephone", "email"].map(S));

const XSD_DECIMAL = `${XSD}decimal`;
const XSD_INTEGER = `${XSD}integer`;
const XSD_BOOLEAN = `${XSD}boolean`;
const SAME_AS = S("sameAs");
const IDENTIFIER = S("identifier");
const ADDRESS_COUNTRY = S("addressCountry");

/** Country names seen in the peers' data → ISO 3166-1 alpha-2. */
const COUNTRY_CODES: Readonly<Record<string, string>> = {
  canada: "CA", france: "FR", belgique: "BE", belgie: "BE", "belgië": "BE", belgium: "BE", suisse: "CH",
  switzerland: "CH", luxembourg: "LU", "united states": "US", usa: "US", "états-unis": "US", "etats-unis": "US",
  "royaume-uni": "GB", "united kingdom": "GB", nederland: "NL", "pays-bas": "NL", netherlands: "NL", monaco: "MC",
};

export interface NormalizeOptions {
  /**
   * The page or file the quads come from. Blank nodes become `<source>#vivant-<block>-<label>` when
   * `skolemize` is on, and a type that was resolved against it (no `@vocab`) is brought back to schema.org.
   */
  readonly source?: string;
  /** Position of the JSON-LD block within its page. @default 0 */
  readonly block?: number;
  /**
   * Give blank nodes stable IRIs derived from `source` and their position.
   * @default true when `source` is set
   */
  readonly skolemize?: boolean;
  /** Fix counter to add to (one per harvest or import). */
  readonly fixes?: Fixes;
  readonly vocabulary?: SchemaVocabulary;
  /** Notes, per output node and property, the first fix applied (the fidelity ledger's "repaired"). */
  readonly repairs?: RepairLog;
}

export interface NormalizeResult {
  readonly quads: Quad[];
  readonly fixes: Fixes;
  readonly problems: Problem[];
  /** Values reported and kept out of the graph (an ambiguous price): the ledger counts them as not carried. */
  readonly withheld: Quad[];
}

/** The IRI a blank node of a page gets: stable for the same page, block and position. */
export function skolemIri(source: string, block: number, label: string): string {
  return `${source.replace(/#.*$/, "")}#vivant-${block}-${label.replace(/^_:/, "")}`;
}

/** True for IRIs minted by `skolemIri` (they stand for nodes that had no @id). */
export function isSkolemIri(iri: string): boolean {
  return /#vivant-\d+-[^#]+$/.test(iri);
}

const SCHEMA_IRI_TEXT = /^https?:\/\/(www\.)?schema\.org\/([A-Za-z][A-Za-z0-9_]*)\/?$/;
const WIKIDATA = /^https?:\/\/(?:www\.|m\.)?wikidata\.org\/(?:wiki|entity)\/(Q\d+)\/?$/;
const HTML_ENTITY = /&(#0*38|amp|#x0*26);/i;
const HTML_ENTITIES = /&(#0*38|amp|#x0*26);/gi;

/** ISNI: 15 digits and a check character (ISO 7064 MOD 11-2), spaces or hyphens allowed. */
export function isniOf(text: string): string | undefined {
  const s = text.replace(/^(ISNI[:\s]*)/i, "").replace(/[\s-]/g, "").toUpperCase();
  if (!/^\d{15}[\dX]$/.test(s)) return undefined;
  let total = 0;
  for (let i = 0; i < 15; i++) total = (total + Number(s[i])) * 2;
  const check = (12 - (total % 11)) % 11;
  return (check === 10 ? "X" : String(check)) === s[15] ? s : undefined;
}

/** Wikidata page or https entity IRI → `http://www.wikidata.org/entity/Q…`. */
export function wikidataIri(iri: string): string | undefined {
  const m = WIKIDATA.exec(iri);
  return m ? `http://www.wikidata.org/entity/${m[1]}` : undefined;
}

export function normalizeQuads(input: readonly Quad[], options: NormalizeOptions = {}): NormalizeResult {
  const vocab = options.vocabulary ?? schemaVocabulary();
  const fixes = options.fixes ?? new Fixes();
  const problems: Problem[] = [];
  const source = options.source;
  const block = options.block ?? 0;
  const skolemize = options.skolemize ?? source !== undefined;
  const skolemized = new Set<string>();
  const repairs = options.repairs;
  // The (node, property) being normalised: its repairs go to the ledger's repair log.
  let current: { s: string; p: string } | undefined;
  const fix = (kind: FixKind): void => {
    fixes.add(kind);
    if (repairs !== undefined && current !== undefined && kind !== "blank-node-iri") repairs.note(current.s, current.p, kind);
  };

  const report = (code: ProblemCode, subject: Term, predicate: string, value: string, en: string, fr: string, expected: [string, string]) =>
    problems.push(
      problem({
        code,
        severity: "warning",
        entity: "node",
        recordId: subject.value,
        path: predicate,
        value,
        message: { en, fr },
        expected: { en: expected[0], fr: expected[1] },
        hint: {
          en: "fix the markup at its source; the value is kept as published",
          fr: "corriger le balisage à la source ; la valeur est gardée telle que publiée",
        },
      }),
    );

  const fixNamed = (value: string): string => {
    let v = value;
    if (v.startsWith(SCHEMA_HTTPS)) {
      v = SCHEMA + v.slice(SCHEMA_HTTPS.length);
      fix("https-schema-org");
    }
    const wd = wikidataIri(v);
    if (wd !== undefined && wd !== v) {
      v = wd;
      fix("wikidata-iri");
    }
    if (HTML_ENTITY.test(v)) {
      v = v.replace(HTML_ENTITIES, "&");
      fix("malformed-url");
    }
    return v;
  };

  const node = (t: NamedNode | BlankNode): NamedNode | BlankNode => {
    if (t.termType === "BlankNode") {
      if (!skolemize || source === undefined) return t;
      if (!skolemized.has(t.value)) {
        skolemized.add(t.value);
        fix("blank-node-iri");
      }
      return namedNode(skolemIri(source, block, t.value));
    }
    const v = fixNamed(t.value);
    return v === t.value ? t : namedNode(v);
  };

  const repairType = (subject: Term, t: NamedNode): NamedNode => {
    const name = t.value.startsWith(SCHEMA) ? t.value.slice(SCHEMA.length) : undefined;
    if (name !== undefined) {
      if (vocab.classes.has(name)) return t;
      const repaired = vocab.repairClass(name);
      if (repaired !== undefined) {
        fix("type-case");
        return namedNode(S(repaired));
      }
      report("harvest/unknown-type", subject, RDF_TYPE, t.value, `"${name}" is not a schema.org class`, `« ${name} » n'est pas une classe schema.org`, [
        "a schema.org class, e.g. TheaterEvent", "une classe schema.org, p. ex. TheaterEvent",
      ]);
      return t;
    }
    if (source !== undefined) {
      const word = /\/([A-Za-z][A-Za-z0-9]*)$/.exec(t.value)?.[1];
      if (word !== undefined && safeResolve(word, source) === t.value) {
        const repaired = vocab.repairClass(word);
        if (repaired !== undefined) {
          fix("type-without-vocab");
          return namedNode(S(repaired));
        }
      }
    }
    return t;
  };

  const enumValue = (subject: Term, predicate: string, written: string, enumeration: string): NamedNode | undefined => {
    const member = vocab.repairMember(enumeration, written);
    if (member === undefined) {
      report(
        "harvest/unknown-enum", subject, predicate, written,
        `"${written}" is not a member of schema:${enumeration}`, `« ${written} » n'est pas un membre de schema:${enumeration}`,
        [`one of ${[...vocab.members(enumeration)].join(", ")}`, `l'un de ${[...vocab.members(enumeration)].join(", ")}`],
      );
      return undefined;
    }
    return namedNode(S(member));
  };

  const out: Quad[] = [];
  const push = (s: Quad_Subject, p: NamedNode, o: Quad_Object) => out.push(quad(s, p, o, defaultGraph()));
  const ranges: { offer: NamedNode | BlankNode; min: string; max: string }[] = [];
  const withheld: Quad[] = [];

  for (const q of input) {
    if (q.subject.termType !== "NamedNode" && q.subject.termType !== "BlankNode") continue;
    current = undefined;
    const subject = node(q.subject);
    const pValue = fixNamed(q.predicate.value);
    current = { s: subject.value, p: pValue };
    if (repairs !== undefined && pValue !== q.predicate.value) repairs.note(subject.value, pValue, "https-schema-org");
    const predicate = pValue === q.predicate.value ? (q.predicate as NamedNode) : namedNode(pValue);
    const o = q.object;

    if (o.termType === "NamedNode" || o.termType === "BlankNode") {
      let obj = node(o);
      if (obj.termType === "NamedNode") {
        if (pValue === RDF_TYPE) obj = repairType(subject, obj);
        const enumeration = ENUM_PROPERTIES[pValue];
        if (enumeration !== undefined && obj.value.startsWith(SCHEMA)) {
          const name = obj.value.slice(SCHEMA.length);
          if (!vocab.members(enumeration).has(name)) {
            const repaired = enumValue(subject, pValue, name, enumeration);
            if (repaired) {
              fix("enum-as-text");
              obj = repaired;
            }
          }
        }
      }
      push(subject, predicate, obj);
      continue;
    }
    if (o.termType !== "Literal") continue;
    const lit = o;
    let datatype = lit.datatype.value;
    if (datatype.startsWith(SCHEMA_HTTPS)) {
      datatype = SCHEMA + datatype.slice(SCHEMA_HTTPS.length);
      fix("https-schema-org");
    }
    const text = lit.value;

    // "performer": "Alex Roy": an agent with that name, of unknown kind (no type is invented).
    if (AGENT_PROPERTIES.has(pValue) && text.trim() !== "" && !/^https?:\/\//i.test(text.trim())) {
      fix("agent-as-text");
      const label = `agent-${hashOf(`${subject.value} ${pValue} ${text.trim()}`)}`;
      const agent = skolemize && source !== undefined ? namedNode(skolemIri(source, block, label)) : DataFactory.blankNode(label);
      push(subject, predicate, agent);
      push(agent, namedNode(S("name")), lit.language ? literal(text.trim(), lit.language) : literal(text.trim()));
      continue;
    }
    // A schema.org IRI written as text, on any property.
    const schemaText = SCHEMA_IRI_TEXT.exec(text.trim());
    const enumeration = ENUM_PROPERTIES[pValue];
    if (schemaText && enumeration === undefined) {
      fix("schema-iri-literal");
      if (/^https/i.test(text.trim())) fix("https-schema-org");
      push(subject, predicate, namedNode(S(schemaText[2]!)));
      continue;
    }
    if (enumeration !== undefined) {
      const repaired = enumValue(subject, pValue, text.trim(), enumeration);
      if (repaired) {
        fix(schemaText ? "schema-iri-literal" : "enum-as-text");
        if (schemaText && /^https/i.test(text.trim())) fix("https-schema-org");
        push(subject, predicate, repaired);
      } else push(subject, predicate, lit);
      continue;
    }
    if (URL_PROPERTIES.has(pValue)) {
      const t = text.trim();
      if (pValue === SAME_AS) {
        const isni = isniOf(t);
        if (isni !== undefined) {
          fix("isni-bare");
          push(subject, predicate, namedNode(`https://isni.org/isni/${isni}`));
          continue;
        }
      }
      if (/^https?:\/\/\S+$/i.test(t)) {
        fix("iri-as-literal");
        push(subject, predicate, namedNode(fixNamed(t)));
        continue;
      }
      push(subject, predicate, lit);
      continue;
    }
    if (pValue === IDENTIFIER) {
      push(subject, predicate, lit);
      const isni = isniOf(text);
      if (isni !== undefined) {
        fix("isni-bare");
        push(subject, namedNode(SAME_AS), namedNode(`https://isni.org/isni/${isni}`));
      } else if (/^0000/.test(text.trim())) {
        report("harvest/invalid-isni", subject, pValue, text, `"${text}" looks like an ISNI but is not one (16 characters with a valid check digit)`, `« ${text} » ressemble à un ISNI mais n'en est pas un (16 caractères avec une clé de contrôle valide)`, [
          "an ISNI such as 0000 0001 2141 6468", "un ISNI tel que 0000 0001 2141 6468",
        ]);
      }
      continue;
    }
    if (DATE_PROPERTIES.has(pValue)) {
      const d = normalizeDate(text);
      if (d === undefined) {
        report("harvest/invalid-date", subject, pValue, text, `"${text}" is not an ISO 8601 date`, `« ${text} » n'est pas une date ISO 8601`, [
          "ISO 8601, e.g. 2026-11-20T20:00:00+01:00", "ISO 8601, p. ex. 2026-11-20T20:00:00+01:00",
        ]);
        push(subject, predicate, lit);
        continue;
      }
      const target = d.kind === "date" ? XSD_DATE : XSD_DATETIME;
      if (lit.language) fix("language-on-non-text");
      else if (datatype === S("Date") || datatype === S("DateTime")) fix("date-schema-typed");
      else if (datatype === XSD_STRING) fix("date-plain-typed");
      for (const f of d.fixes) fix(f);
      push(subject, predicate, literal(d.value, namedNode(target)));
      continue;
    }
    if (PRICE_PROPERTIES.has(pValue) && (lit.language || datatype === XSD_STRING)) {
      const reading = readPrice(text);
      if (lit.language) fix("language-on-non-text");
      if (reading.kind === "number") {
        fix("number-as-text");
        if (reading.decimalComma) fix("decimal-comma");
        push(subject, predicate, literal(reading.value, namedNode(XSD_DECIMAL)));
        continue;
      }
      if (reading.kind === "range" && pValue === S("price")) {
        fix(reading.list ? "price-list" : "price-range");
        ranges.push({ offer: subject, min: reading.min, max: reading.max });
        continue;
      }
      if (reading.kind === "ambiguous") {
        problems.push(problem({
          code: "import/ambiguous-price", severity: "warning", entity: "node", recordId: subject.value, path: pValue, value: text,
          message: {
            en: `"${text}" can be read as ${reading.readings.join(" or as ")}: not turned into a number, kept as text`,
            fr: `« ${text} » peut se lire ${reading.readings.join(" ou ")} : pas changé en nombre, gardé en texte`,
          },
          expected: { en: "one price with a decimal point (49.46), or a range (25 – 45)", fr: "un prix avec un point décimal (49.46), ou une fourchette (25 – 45)" },
          hint: { en: "write the price with a decimal point, or the prices as separate offers", fr: "écrire le prix avec un point décimal, ou les prix comme des offres séparées" },
        }));
      }
      // Ambiguous: no number is made and the value stays out of the graph, kept as text in the report.
      if (reading.kind === "ambiguous") withheld.push(quad(subject, predicate, literal(text), defaultGraph()));
      else push(subject, predicate, literal(text));
      continue;
    }
    const numeric = DECIMAL_PROPERTIES.has(pValue) ? XSD_DECIMAL : INTEGER_PROPERTIES.has(pValue) ? XSD_INTEGER : undefined;
    if (numeric !== undefined && (lit.language || datatype === XSD_STRING)) {
      const t = text.trim();
      const number = numeric === XSD_INTEGER ? /^\d+$/.test(t) : /^-?\d+([.,]\d+)?$/.test(t);
      if (lit.language) fix("language-on-non-text");
      if (number) {
        fix("number-as-text");
        if (t.includes(",")) fix("decimal-comma");
        push(subject, predicate, literal(t.replace(",", "."), namedNode(numeric)));
      } else push(subject, predicate, literal(text));
      continue;
    }
    if (BOOLEAN_PROPERTIES.has(pValue) && (lit.language || datatype === XSD_STRING)) {
      const t = text.trim().toLowerCase();
      if (lit.language) fix("language-on-non-text");
      if (t === "true" || t === "false") {
        fix("boolean-as-text");
        push(subject, predicate, literal(t, namedNode(XSD_BOOLEAN)));
      } else push(subject, predicate, literal(text));
      continue;
    }
    if (CODE_PROPERTIES.has(pValue)) {
      let v = text;
      if (lit.language) fix("language-on-non-text");
      if (pValue === ADDRESS_COUNTRY) {
        const code = COUNTRY_CODES[v.trim().toLowerCase()];
        if (code !== undefined) {
          fix("country-name");
          v = code;
        }
      }
      push(subject, predicate, lit.language || v !== text ? literal(v) : lit);
      continue;
    }
    push(subject, predicate, datatype === lit.datatype.value ? lit : literal(text, lit.language || namedNode(datatype)));
  }

  current = undefined;
  // A price range becomes the offer's PriceSpecification (minPrice, maxPrice, and the offer's currency).
  if (ranges.length) {
    const currency = new Map<string, Quad_Object>();
    for (const q of out) if (q.predicate.value === S("priceCurrency")) currency.set(q.subject.value, q.object);
    ranges.forEach((r, i) => {
      const spec = r.offer.termType === "BlankNode" ? DataFactory.blankNode(`${r.offer.value}_price_range_${i}`) : namedNode(`${r.offer.value.replace(/#.*$/, "")}#vivant-price-range-${i}-${hashOf(r.offer.value)}`);
      push(r.offer, namedNode(S("priceSpecification")), spec);
      push(spec, namedNode(RDF_TYPE), namedNode(S("PriceSpecification")));
      push(spec, namedNode(S("minPrice")), literal(r.min, namedNode(XSD_DECIMAL)));
      push(spec, namedNode(S("maxPrice")), literal(r.max, namedNode(XSD_DECIMAL)));
      const c = currency.get(r.offer.value);
      if (c !== undefined) push(spec, namedNode(S("priceCurrency")), c);
    });
  }
  const collapsed = countryNodesToCodes(out, fixes, repairs);
  return { quads: repairEndsAfterMidnight(dedupe(collapsed), fixes), fixes, problems, withheld };
}

function safeResolve(word: string, base: string): string | undefined {
  try {
    return new URL(word, base).href;
  } catch {
    return undefined;
  }
}

/** `addressCountry` → a `Country` node: replace it by the node's 2-letter code, else its name. */
function countryNodesToCodes(quads: Quad[], fixes: Fixes, repairs?: RepairLog): Quad[] {
  const countryNodes = new Set<string>();
  for (const q of quads) if (q.predicate.value === RDF_TYPE && q.object.value === S("Country")) countryNodes.add(q.subject.value);
  if (countryNodes.size === 0) return quads;
  const code = new Map<string, string>();
  const name = new Map<string, string>();
  for (const q of quads) {
    if (!countryNodes.has(q.subject.value) || q.object.termType !== "Literal") continue;
    if (q.predicate.value === IDENTIFIER && /^[A-Za-z]{2}$/.test(q.object.value.trim())) code.set(q.subject.value, q.object.value.trim().toUpperCase());
    if (q.predicate.value === S("name")) name.set(q.subject.value, q.object.value.trim());
  }
  const replaced = new Set<string>();
  const out: Quad[] = [];
  for (const q of quads) {
    if (q.predicate.value === ADDRESS_COUNTRY && countryNodes.has(q.object.value)) {
      const v = code.get(q.object.value) ?? COUNTRY_CODES[(name.get(q.object.value) ?? "").toLowerCase()] ?? name.get(q.object.value);
      if (v !== undefined) {
        fixes.add("address-country-node");
        repairs?.note(q.subject.value, q.predicate.value, "address-country-node");
        replaced.add(q.object.value);
        out.push(quad(q.subject, q.predicate, literal(v), q.graph));
        continue;
      }
    }
    out.push(q);
  }
  // The Country node goes when nothing else points at it and it had no IRI of its own.
  const stillUsed = new Set<string>();
  for (const q of out) if (q.object.termType !== "Literal") stillUsed.add(q.object.value);
  return out.filter((q) => !(replaced.has(q.subject.value) && !stillUsed.has(q.subject.value) && (q.subject.termType === "BlankNode" || isSkolemIri(q.subject.value))));
}

/** Removes repeated triples (two language variants of one enum value become one IRI twice). */
export function dedupe(quads: readonly Quad[]): Quad[] {
  const seen = new Set<string>();
  const out: Quad[] = [];
  for (const q of quads) {
    const k = termKey(q.subject) + " " + q.predicate.value + " " + termKey(q.object);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(q);
  }
  return out;
}

export function termKey(t: Term): string {
  if (t.termType === "Literal") {
    const l = t;
    return `"${l.value}"${l.language ? `@${l.language}` : l.datatype.value === XSD_STRING || l.datatype.value === RDF_LANG_STRING ? "" : `^^${l.datatype.value}`}`;
  }
  return t.termType === "BlankNode" ? `_:${t.value}` : `<${t.value}>`;
}
