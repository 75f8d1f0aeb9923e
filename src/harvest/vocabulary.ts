// What harvest needs to know about schema.org: its classes (to repair types and decide which nodes
// to keep) and its enumerations (to turn "EventCancelled" into an IRI). Read once from the pinned vocabulary.

import { readFileSync } from "node:fs";
import { Parser } from "n3";
import { ontologiesDir } from "../jsonld/loader.js";
import { RDF_TYPE, RDFS, SCHEMA } from "../vocab.js";

const RDFS_CLASS = `${RDFS}Class`;
const RDFS_SUBCLASS = `${RDFS}subClassOf`;

export interface SchemaVocabulary {
  /** Local names of every schema.org class (`Event`, `TheaterEvent`…). */
  readonly classes: ReadonlySet<string>;
  /** True when `name` is `ancestor` or one of its subclasses (transitively). */
  isA(name: string, ancestor: string): boolean;
  /** The class a wrongly written type stands for (`place` → `Place`, `TheatreEvent` → `TheaterEvent`), if one is unambiguous. */
  repairClass(written: string): string | undefined;
  /** Members of an enumeration class (`EventStatusType` → `EventCancelled`…). */
  members(enumeration: string): ReadonlySet<string>;
  /** The member of `enumeration` a written value stands for, case-insensitively (`outOfStock` → `OutOfStock`). */
  repairMember(enumeration: string, written: string): string | undefined;
}

let cached: SchemaVocabulary | undefined;

/** The pinned schema.org vocabulary, parsed on first use (about 18k triples). */
export function schemaVocabulary(): SchemaVocabulary {
  cached ??= buildVocabulary(readFileSync(`${ontologiesDir()}schemaorg/schemaorg-current-http.ttl`, "utf8"));
  return cached;
}

function local(iri: string): string | undefined {
  return iri.startsWith(SCHEMA) ? iri.slice(SCHEMA.length) : undefined;
}

/** Folds case, separators and British spellings so that near-miss type names meet. */
function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .replace(/theatre/g, "theater")
    .replace(/centre/g, "center");
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

export function buildVocabulary(turtle: string): SchemaVocabulary {
  const classes = new Set<string>();
  const parents = new Map<string, string[]>();
  const typed = new Map<string, string[]>();
  for (const q of new Parser({ format: "text/turtle" }).parse(turtle)) {
    const s = local(q.subject.value);
    if (s === undefined) continue;
    if (q.predicate.value === RDF_TYPE) {
      if (q.object.value === RDFS_CLASS) classes.add(s);
      else {
        const o = local(q.object.value);
        if (o !== undefined) typed.set(s, [...(typed.get(s) ?? []), o]);
      }
    } else if (q.predicate.value === RDFS_SUBCLASS) {
      const o = local(q.object.value);
      if (o !== undefined) parents.set(s, [...(parents.get(s) ?? []), o]);
    }
  }
  const ancestors = new Map<string, Set<string>>();
  const ancestorsOf = (c: string): Set<string> => {
    let set = ancestors.get(c);
    if (set) return set;
    set = new Set([c]);
    ancestors.set(c, set);
    for (const p of parents.get(c) ?? []) for (const a of ancestorsOf(p)) set.add(a);
    return set;
  };
  const enumMembers = new Map<string, Set<string>>();
  for (const [member, types] of typed) {
    for (const t of types) {
      if (!classes.has(t)) continue;
      let set = enumMembers.get(t);
      if (!set) enumMembers.set(t, (set = new Set()));
      set.add(member);
    }
  }
  const byFold = new Map<string, string[]>();
  for (const c of classes) byFold.set(fold(c), [...(byFold.get(fold(c)) ?? []), c]);

  return {
    classes,
    isA: (name, ancestor) => classes.has(name) && ancestorsOf(name).has(ancestor),
    repairClass(written) {
      if (classes.has(written)) return written;
      const f = fold(written);
      const exact = byFold.get(f);
      if (exact?.length === 1) return exact[0];
      if (f.length < 6) return undefined;
      const near = [...byFold.entries()].filter(([k]) => editDistanceAtMostOne(k, f)).flatMap(([, v]) => v);
      return near.length === 1 ? near[0] : undefined;
    },
    members: (enumeration) => enumMembers.get(enumeration) ?? new Set(),
    repairMember(enumeration, written) {
      const f = fold(written.replace(/^(https?:\/\/(www\.)?schema\.org\/|schema:)/i, ""));
      for (const m of enumMembers.get(enumeration) ?? []) if (fold(m) === f) return m;
      return undefined;
    },
  };
}
