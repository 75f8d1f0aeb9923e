// Repairs the schema.org markup the web really publishes, on expanded quads, counting every fix by
// kind and reporting what it cannot repair (an unknown enumeration value is a Problem, not a guess).

import { DataFactory } from "n3";
import type { BlankNode, Literal, NamedNode, Quad, Quad_Object, Quad_Subject, Term } from "@rdfjs/types";
import type { Problem, Text } from "../errors.js";
import { termKey } from "../rdf/terms.js";
import { RDF_TYPE, SCHEMA, SCHEMA_HTTPS, XSD } from "../vocab.js";
import { Fixes, type FixKind } from "./fixes.js";
import type { RepairLog } from "./ledger.js";
import { repairEndsAfterMidnight } from "./overnight.js";
import { problem } from "./problems.js";
import {
  ADDRESS_COUNTRY,
  COUNTRY_CODES,
  ENUM_PROPERTIES,
  IDENTIFIER,
  LITERAL_REPAIRS,
  hashOf,
  wikidataIri,
  type LiteralSite,
  type Unrepaired,
} from "./repairs.js";
import { schemaVocabulary, type SchemaVocabulary } from "./vocabulary.js";

const { namedNode, literal, quad, defaultGraph } = DataFactory;

const S = (name: string): string => `${SCHEMA}${name}`;

export { isniOf, wikidataIri } from "./repairs.js";

const XSD_DECIMAL = `${XSD}decimal`;
const HTML_ENTITY = /&(#0*38|amp|#x0*26);/i;
const HTML_ENTITIES = /&(#0*38|amp|#x0*26);/gi;
const KEPT_AS_PUBLISHED: Text = {
  en: "fix the markup at its source; the value is kept as published",
  fr: "corriger le balisage à la source ; la valeur est gardée telle que publiée",
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

export function normalizeQuads(input: readonly Quad[], options: NormalizeOptions = {}): NormalizeResult {
  return new Normalizer(options).run(input);
}

/** One run of `normalizeQuads`: its counters, its output, and the literal being repaired (one site, reused). */
class Normalizer implements LiteralSite {
  readonly #vocab: SchemaVocabulary;
  readonly #fixes: Fixes;
  readonly #problems: Problem[] = [];
  readonly #source: string | undefined;
  readonly #block: number;
  readonly #skolemize: boolean;
  readonly #skolemized = new Set<string>();
  readonly #repairs: RepairLog | undefined;
  readonly #out: Quad[] = [];
  readonly #ranges: { offer: NamedNode | BlankNode; min: string; max: string }[] = [];
  readonly #withheld: Quad[] = [];
  // The (node, property) being normalised: its repairs go to the ledger's repair log.
  #current: { s: string; p: string } | undefined;
  // The literal site the repairs of the table see (set for each literal).
  subject!: NamedNode | BlankNode;
  predicate!: NamedNode;
  p = "";
  lit!: Literal;
  datatype = "";

  constructor(options: NormalizeOptions) {
    this.#vocab = options.vocabulary ?? schemaVocabulary();
    this.#fixes = options.fixes ?? new Fixes();
    this.#source = options.source;
    this.#block = options.block ?? 0;
    this.#skolemize = options.skolemize ?? options.source !== undefined;
    this.#repairs = options.repairs;
  }

  run(input: readonly Quad[]): NormalizeResult {
    for (const q of input) {
      if (q.subject.termType !== "NamedNode" && q.subject.termType !== "BlankNode") continue;
      this.#current = undefined;
      const subject = this.#node(q.subject);
      const pValue = this.fixNamed(q.predicate.value);
      this.#current = { s: subject.value, p: pValue };
      if (this.#repairs !== undefined && pValue !== q.predicate.value)
        this.#repairs.note(subject.value, pValue, "https-schema-org");
      const predicate = pValue === q.predicate.value ? (q.predicate as NamedNode) : namedNode(pValue);
      const o = q.object;
      if (o.termType === "NamedNode" || o.termType === "BlankNode")
        this.push(subject, predicate, this.#object(subject, pValue, o));
      else if (o.termType === "Literal") this.#literal(subject, predicate, pValue, o);
    }
    this.#current = undefined;
    this.#priceSpecifications();
    const collapsed = countryNodesToCodes(this.#out, this.#fixes, this.#repairs);
    return {
      quads: repairEndsAfterMidnight(dedupe(collapsed), this.#fixes),
      fixes: this.#fixes,
      problems: this.#problems,
      withheld: this.#withheld,
    };
  }

  fix(kind: FixKind): void {
    this.#fixes.add(kind);
    if (this.#repairs !== undefined && this.#current !== undefined && kind !== "blank-node-iri")
      this.#repairs.note(this.#current.s, this.#current.p, kind);
  }

  report(u: Unrepaired, subject: Term = this.subject): void {
    this.#problems.push(
      problem({
        ...u,
        severity: "warning",
        entity: "node",
        recordId: subject.value,
        hint: u.hint ?? KEPT_AS_PUBLISHED,
      }),
    );
  }

  push(s: Quad_Subject, p: NamedNode, o: Quad_Object): void {
    this.#out.push(quad(s, p, o, defaultGraph()));
  }

  withhold(o: Literal): void {
    this.#withheld.push(quad(this.subject, this.predicate, o, defaultGraph()));
  }

  priceRange(min: string, max: string): void {
    this.#ranges.push({ offer: this.subject, min, max });
  }

  mint(label: string): NamedNode | BlankNode {
    return this.#skolemize && this.#source !== undefined
      ? namedNode(skolemIri(this.#source, this.#block, label))
      : DataFactory.blankNode(label);
  }

  fixNamed(value: string): string {
    let v = value;
    if (v.startsWith(SCHEMA_HTTPS)) {
      v = SCHEMA + v.slice(SCHEMA_HTTPS.length);
      this.fix("https-schema-org");
    }
    const wd = wikidataIri(v);
    if (wd !== undefined && wd !== v) {
      v = wd;
      this.fix("wikidata-iri");
    }
    if (HTML_ENTITY.test(v)) {
      v = v.replace(HTML_ENTITIES, "&");
      this.fix("malformed-url");
    }
    return v;
  }

  enumValue(
    written: string,
    enumeration: string,
    subject: Term = this.subject,
    predicate: string = this.p,
  ): NamedNode | undefined {
    const member = this.#vocab.repairMember(enumeration, written);
    if (member !== undefined) return namedNode(S(member));
    const members = [...this.#vocab.members(enumeration)].join(", ");
    this.report(
      {
        code: "harvest/unknown-enum",
        path: predicate,
        value: written,
        message: {
          en: `"${written}" is not a member of schema:${enumeration}`,
          fr: `« ${written} » n'est pas un membre de schema:${enumeration}`,
        },
        expected: { en: `one of ${members}`, fr: `l'un de ${members}` },
      },
      subject,
    );
    return undefined;
  }

  /** A literal: its datatype's https schema.org IRI brought back, then the first repair of the table that applies. */
  #literal(subject: NamedNode | BlankNode, predicate: NamedNode, p: string, lit: Literal): void {
    let datatype = lit.datatype.value;
    if (datatype.startsWith(SCHEMA_HTTPS)) {
      datatype = SCHEMA + datatype.slice(SCHEMA_HTTPS.length);
      this.fix("https-schema-org");
    }
    this.subject = subject;
    this.predicate = predicate;
    this.p = p;
    this.lit = lit;
    this.datatype = datatype;
    LITERAL_REPAIRS.find((r) => r.applies(this))!.apply(this);
  }

  /** An IRI or blank-node object: its own repairs, a type's case, an enumeration member's spelling. */
  #object(subject: NamedNode | BlankNode, p: string, o: NamedNode | BlankNode): NamedNode | BlankNode {
    const obj = this.#node(o);
    if (obj.termType !== "NamedNode") return obj;
    const typed = p === RDF_TYPE ? this.#repairType(subject, obj) : obj;
    const enumeration = ENUM_PROPERTIES[p];
    if (enumeration === undefined || !typed.value.startsWith(SCHEMA)) return typed;
    const name = typed.value.slice(SCHEMA.length);
    if (this.#vocab.members(enumeration).has(name)) return typed;
    const repaired = this.enumValue(name, enumeration, subject, p);
    if (!repaired) return typed;
    this.fix("enum-as-text");
    return repaired;
  }

  #node(t: NamedNode | BlankNode): NamedNode | BlankNode {
    if (t.termType === "BlankNode") {
      if (!this.#skolemize || this.#source === undefined) return t;
      if (!this.#skolemized.has(t.value)) {
        this.#skolemized.add(t.value);
        this.fix("blank-node-iri");
      }
      return namedNode(skolemIri(this.#source, this.#block, t.value));
    }
    const v = this.fixNamed(t.value);
    return v === t.value ? t : namedNode(v);
  }

  #repairType(subject: Term, t: NamedNode): NamedNode {
    const name = t.value.startsWith(SCHEMA) ? t.value.slice(SCHEMA.length) : undefined;
    if (name !== undefined) {
      if (this.#vocab.classes.has(name)) return t;
      const repaired = this.#vocab.repairClass(name);
      if (repaired !== undefined) {
        this.fix("type-case");
        return namedNode(S(repaired));
      }
      this.report(
        {
          code: "harvest/unknown-type",
          path: RDF_TYPE,
          value: t.value,
          message: { en: `"${name}" is not a schema.org class`, fr: `« ${name} » n'est pas une classe schema.org` },
          expected: { en: "a schema.org class, e.g. TheaterEvent", fr: "une classe schema.org, p. ex. TheaterEvent" },
        },
        subject,
      );
      return t;
    }
    const word = this.#source !== undefined ? /\/([A-Za-z][A-Za-z0-9]*)$/.exec(t.value)?.[1] : undefined;
    if (word === undefined || safeResolve(word, this.#source!) !== t.value) return t;
    const repaired = this.#vocab.repairClass(word);
    if (repaired === undefined) return t;
    this.fix("type-without-vocab");
    return namedNode(S(repaired));
  }

  /** A price range becomes the offer's PriceSpecification (minPrice, maxPrice, and the offer's currency). */
  #priceSpecifications(): void {
    if (this.#ranges.length === 0) return;
    const currency = new Map<string, Quad_Object>();
    for (const q of this.#out) if (q.predicate.value === S("priceCurrency")) currency.set(q.subject.value, q.object);
    this.#ranges.forEach((r, i) => {
      const spec =
        r.offer.termType === "BlankNode"
          ? DataFactory.blankNode(`${r.offer.value}_price_range_${i}`)
          : namedNode(`${r.offer.value.replace(/#.*$/, "")}#vivant-price-range-${i}-${hashOf(r.offer.value)}`);
      this.push(r.offer, namedNode(S("priceSpecification")), spec);
      this.push(spec, namedNode(RDF_TYPE), namedNode(S("PriceSpecification")));
      this.push(spec, namedNode(S("minPrice")), literal(r.min, namedNode(XSD_DECIMAL)));
      this.push(spec, namedNode(S("maxPrice")), literal(r.max, namedNode(XSD_DECIMAL)));
      const c = currency.get(r.offer.value);
      if (c !== undefined) this.push(spec, namedNode(S("priceCurrency")), c);
    });
  }
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
  for (const q of quads)
    if (q.predicate.value === RDF_TYPE && q.object.value === S("Country")) countryNodes.add(q.subject.value);
  if (countryNodes.size === 0) return quads;
  const code = new Map<string, string>();
  const name = new Map<string, string>();
  for (const q of quads) {
    if (!countryNodes.has(q.subject.value) || q.object.termType !== "Literal") continue;
    if (q.predicate.value === IDENTIFIER && /^[A-Za-z]{2}$/.test(q.object.value.trim()))
      code.set(q.subject.value, q.object.value.trim().toUpperCase());
    if (q.predicate.value === S("name")) name.set(q.subject.value, q.object.value.trim());
  }
  const replaced = new Set<string>();
  const out: Quad[] = [];
  for (const q of quads) {
    if (q.predicate.value === ADDRESS_COUNTRY && countryNodes.has(q.object.value)) {
      const v =
        code.get(q.object.value) ??
        COUNTRY_CODES[(name.get(q.object.value) ?? "").toLowerCase()] ??
        name.get(q.object.value);
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
  return out.filter(
    (q) =>
      !(
        replaced.has(q.subject.value) &&
        !stillUsed.has(q.subject.value) &&
        (q.subject.termType === "BlankNode" || isSkolemIri(q.subject.value))
      ),
  );
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
