// What every part of the CapData export shares: the graph's index, the terms under the namespace, the quads written,
// the counts by class and of what was left out, and the writers of texts (made XML-safe, French only) and dates
// (in UTC). Also the type families that decide what a node becomes.

import type { Literal, NamedNode, Quad, Term } from "@rdfjs/types";
import { DataFactory } from "n3";
import { QuadIndex } from "../../harvest/graph.js";
import { epochOf, parseIsoDate } from "../../records/time.js";
import { VENUE_TYPES } from "../../records/vocabularies.js";
import { RDF_TYPE, SCHEMA, XSD_STRING } from "../../vocab.js";
import type { CapDataExportOptions, LeftOutReason } from "../capdata.js";
import {
  PARTICIPATION_RELATION,
  XSD_DATE_TIME,
  type CapDataClass,
  type CapDataProperty,
  type CapDataTerms,
} from "../capdata-terms.js";

const { namedNode, literal, quad } = DataFactory;

// Characters XML 1.0 cannot carry: C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF.

const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A text XML 1.0 carries as it is: forbidden characters → U+FFFD, CR LF and lone CR → LF (what XML parsers read anyway). */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, "\uFFFD").replace(/\r\n?/g, "\n");
}

/** An `xsd:dateTime` with an offset → the same instant in UTC with a `Z` (`2026-11-20T19:00:00Z`); undefined when local or malformed. */
export function utcDateTime(value: string): string | undefined {
  const p = parseIsoDate(value.trim(), false);
  if (!p || p.offsetMinutes === undefined) return undefined;
  const ms = epochOf(p);
  if (!Number.isFinite(ms)) return undefined;
  // The fraction as written (epochOf counts whole seconds: the offset never changes a fraction).
  return `${new Date(ms).toISOString().slice(0, 19)}${p.fraction ? `.${p.fraction}` : ""}Z`;
}

export const S = (name: string): string => SCHEMA + name;
export const label = (iri: string): string =>
  iri === RDF_TYPE ? "@type" : iri.startsWith(SCHEMA) ? `schema:${iri.slice(SCHEMA.length)}` : iri;

/** Terms in code-point order of their values (the export's order never depends on how the graph was read). */
export const sorted = (terms: readonly Term[]): Term[] =>
  [...terms].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));

export const WORK_TYPES = new Set(["CreativeWork", "MusicComposition", "Play", "Book", "Movie"]);
/** The schema.org types of a venue: the record model's venue types. */
export const PLACE_TYPES: ReadonlySet<string> = new Set(VENUE_TYPES);
export const ORG_TYPES = new Set(["Organization", "PerformingGroup", "TheaterGroup", "DanceGroup", "MusicGroup"]);

/** One graph being exported: built once per call, passed to each part in place of the fields a single class would hold. */
export class ExportContext {
  readonly ix: QuadIndex;
  readonly t: CapDataTerms;
  readonly out: Quad[] = [];
  readonly counts: Partial<Record<CapDataClass, number>> = {};
  readonly left = new Map<string, number>();
  /** Exported node → the source properties it used (the others are left out). */
  readonly used = new Map<string, Set<string>>();
  readonly written = new Set<string>();
  readonly fonctions = new Map<string, Term>();
  repaired = 0;
  readonly publisher: string | undefined;
  /** Production and season pairs written (`aPourSaison` once each). */
  readonly seasons = new Set<string>();
  /** Participations numbered so far, per owner and kind. */
  readonly perOwner = new Map<string, number>();
  /** The event series exported as Saison. */
  readonly saisons = new Set<string>();

  constructor(graph: readonly Quad[], terms: CapDataTerms, options: CapDataExportOptions) {
    this.ix = new QuadIndex(graph);
    this.t = terms;
    const own = options.graphIri?.endsWith("graph")
      ? `${options.graphIri.slice(0, -"graph".length)}publisher`
      : undefined;
    this.publisher = options.publisherIri ?? (own !== undefined && this.ix.has(own) ? own : undefined);
  }

  leave(property: string, reason: LeftOutReason, n = 1): void {
    const k = `${reason}\u0000${property}`;
    this.left.set(k, (this.left.get(k) ?? 0) + n);
  }

  use(s: string, ...names: string[]): void {
    let u = this.used.get(s);
    if (!u) this.used.set(s, (u = new Set()));
    for (const n of names) u.add(n.startsWith("http") ? n : S(n));
  }

  /** Begins a node of a CapData class, once; false when it was written already. */
  begin(s: Term, cls: CapDataClass): boolean {
    const key = `${s.termType}:${s.value}`;
    if (this.written.has(key)) return false;
    this.written.add(key);
    this.add(s, RDF_TYPE, namedNode(this.t.cls(cls)));
    this.counts[cls] = (this.counts[cls] ?? 0) + 1;
    this.use(s.value, RDF_TYPE);
    if (
      this.publisher &&
      s.value !== this.publisher &&
      s.termType === "NamedNode" &&
      cls !== "Fonction" &&
      cls !== "AdressePostale" &&
      !(cls in PARTICIPATION_RELATION)
    ) {
      this.add(s, this.t.prop("catalogageSourceAgence"), namedNode(this.publisher));
    }
    return true;
  }

  add(s: Term, p: string, o: Term): void {
    this.out.push(quad(s as NamedNode, namedNode(p), o as NamedNode));
  }

  text(value: string, lang: string): Literal {
    const safe = xmlSafe(value);
    if (safe !== value) this.repaired++;
    return lang ? literal(safe, lang) : literal(safe);
  }

  /** The French text of a schema.org property (`fr`, `fr-*`, else language-less), written as `p`; counted when none is French. */
  french(s: string, name: string, p: CapDataProperty, subject: Term = namedNode(s)): string | undefined {
    const lits = this.ix.values(s, name).filter((t): t is Literal => t.termType === "Literal");
    if (!lits.length) return undefined;
    this.use(s, name);
    const fr = lits.find((l) => l.language.toLowerCase() === "fr" || l.language.toLowerCase().startsWith("fr-"));
    const plain = lits.find(
      (l) => l.language === "" && (l.datatype.value === XSD_STRING || l.datatype.value === `${SCHEMA}Text`),
    );
    const pick = fr ?? plain;
    if (!pick || pick.value.trim() === "") {
      this.leave(label(S(name)), "no-french-text");
      return undefined;
    }
    this.add(subject, this.t.prop(p), this.text(pick.value, fr ? "fr" : ""));
    return pick.value;
  }

  date(s: string, name: string, p: CapDataProperty): void {
    const v = this.ix.values(s, name).find((t) => t.termType === "Literal");
    if (!v) return;
    this.use(s, name);
    const utc = utcDateTime(v.value);
    if (utc === undefined) {
      this.leave(label(S(name)), parseIsoDate(v.value.trim(), false) ? "no-utc-offset" : "invalid");
      return;
    }
    this.add(namedNode(s), this.t.prop(p), literal(utc, namedNode(XSD_DATE_TIME)));
  }

  iri(t: Term): NamedNode | undefined {
    return t.termType === "NamedNode" ? t : undefined;
  }
}
