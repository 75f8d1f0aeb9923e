// What every part of graphToRecords shares: the quad index, the records built so far, the problems, and the
// readers of literal values, IRIs and numbers that tell the fidelity ledger what was carried or left out.

import type { Literal, Quad, Term } from "@rdfjs/types";
import type { Problem } from "../../errors.js";
import { isAnonymous, QuadIndex } from "../../harvest/graph.js";
import type { NotCarriedReason, SourceTally } from "../../harvest/ledger.js";
import { schemaVocabulary, type SchemaVocabulary } from "../../harvest/vocabulary.js";
import type { RecordRef } from "../../mapping/types.js";
import type { LangMap, Organization, Person, Venue } from "../../records/types.js";
import { RDF_TYPE, SCHEMA } from "../../vocab.js";

/** A source IRI → a local id (the IRI without its scheme; blank nodes `_<label>`). */
export function localIdOf(t: Term): string {
  return t.termType === "BlankNode" ? `_${t.value}` : t.value.replace(/^https?:\/\//, "");
}

export const isHttp = (s: string): boolean => /^https?:\/\/\S+$/i.test(s);

/** One graph being read: built once per call, passed to each part in place of the variables a closure would capture. */
export class GraphContext {
  readonly vocab: SchemaVocabulary = schemaVocabulary();
  readonly ix: QuadIndex;
  readonly lang: string;
  readonly tally: SourceTally | undefined;
  readonly problems: Problem[] = [];
  readonly rejected: RecordRef[] = [];
  /** Subject string → its term (a blank node or an IRI). */
  readonly termOf = new Map<string, Term>();
  readonly venues = new Map<string, Venue>();
  readonly rejectedVenues = new Set<string>();
  readonly organizations = new Map<string, Organization>();
  readonly people = new Map<string, Person>();
  // schema.org IRIs by local name, each built once (the tally looks the same string up again, not a new one).
  readonly #schemaIris = new Map<string, string>();

  constructor(quads: readonly Quad[], lang: string, tally: SourceTally | undefined) {
    this.ix = new QuadIndex(quads);
    this.lang = lang;
    this.tally = tally;
    for (const q of quads) this.termOf.set(q.subject.value, q.subject);
    // Each (subject, property) once, with the index's strings: no term read again per quad.
    tally?.seenIndex(this.ix);
  }

  schemaIri(name: string): string {
    let v = this.#schemaIris.get(name);
    if (v === undefined) this.#schemaIris.set(name, (v = SCHEMA + name));
    return v;
  }

  /** The local id of subject `s`, which may have no quads of its own. */
  idOf(s: string): string {
    return localIdOf(this.termOf.get(s) ?? ({ termType: "NamedNode", value: s } as Term));
  }

  /** The schema.org property `name` of `s` was carried into a record. */
  carry(s: string, name: string): void {
    this.tally?.carry(s, this.schemaIri(name));
  }

  carryType(s: string): void {
    this.tally?.carry(s, RDF_TYPE);
  }

  dropValue(s: string, name: string, reason: NotCarriedReason): void {
    this.tally?.drop(s, this.schemaIri(name), reason);
  }

  /** A rejected node: its properties and those of the anonymous nodes it owns are not carried. */
  rejectNode(s: string, reason: NotCarriedReason = "rejected", seen = new Set<string>()): void {
    if (!this.tally || seen.has(s)) return;
    seen.add(s);
    this.tally.reject(s, reason);
    for (const [, objects] of this.ix.properties(s))
      for (const o of objects) if (isAnonymous(o) && this.ix.has(o.value)) this.rejectNode(o.value, reason, seen);
  }

  lits(s: string, p: string): Literal[] {
    return this.ix.values(s, p).filter((t): t is Literal => t.termType === "Literal");
  }

  /** The first non-empty text of `s`'s property `p`, trimmed. */
  first(s: string, p: string): string | undefined {
    const v = this.lits(s, p)
      .map((l) => l.value.trim())
      .find((x) => x !== "");
    if (v !== undefined) this.carry(s, p);
    return v;
  }

  /** One text per language (untagged texts under the default language). */
  langMap(s: string, p: string): LangMap | undefined {
    const out: Record<string, string> = {};
    for (const l of this.lits(s, p)) {
      const v = l.value.trim();
      if (v === "") continue;
      const k = l.language || this.lang;
      if (out[k] === undefined) out[k] = v;
    }
    if (Object.keys(out).length === 0) return undefined;
    this.carry(s, p);
    return out;
  }

  /** The distinct http(s) IRIs of `s`'s property `p`. */
  iris(s: string, p: string): string[] {
    const out = [
      ...new Set(
        this.ix
          .values(s, p)
          .map((t) => t.value)
          .filter(isHttp),
      ),
    ];
    if (out.length) this.carry(s, p);
    else if (this.ix.values(s, p).length) this.dropValue(s, p, "invalid");
    return out;
  }

  /** Image URLs: written as URLs, or as ImageObject nodes with a contentUrl or url. */
  images(s: string): string[] {
    const out = new Set<string>();
    for (const t of this.ix.values(s, "image")) {
      if (t.termType !== "Literal" && this.ix.has(t.value)) {
        const u = this.iris(t.value, "contentUrl")[0] ?? this.iris(t.value, "url")[0];
        if (u !== undefined) {
          out.add(u);
          this.carryType(t.value);
        }
        continue;
      }
      if (isHttp(t.value)) out.add(t.value);
    }
    if (out.size) this.carry(s, "image");
    else if (this.ix.values(s, "image").length) this.dropValue(s, "image", "invalid");
    return [...out];
  }

  /** The first non-empty text of `s`'s property `p` as a finite number. */
  num(s: string, p: string): number | undefined {
    const v = this.lits(s, p)
      .map((l) => l.value.trim())
      .find((x) => x !== "");
    const n = v === undefined ? NaN : Number(v);
    if (Number.isFinite(n)) {
      this.carry(s, p);
      return n;
    }
    if (v !== undefined) this.dropValue(s, p, "invalid");
    return undefined;
  }

  /** `s` has a type that is `c` or a subclass of it. */
  isA(s: string, c: string): boolean {
    return this.ix.types(s).some((t) => this.vocab.isA(t, c));
  }

  ref(entity: string, s: string, path = s): RecordRef {
    return { entity, recordId: this.idOf(s), path };
  }
}
