// Who may say what: every publisher graph owns the IRIs under its namespaces (the base IRI its graph IRI is made
// from, plus the namespaces it registered), and a graph's statements about an IRI another graph owns are never
// written, nor served. Blank nodes are every graph's own.

import { pluralText, tx } from "../i18n.js";
import type { Quad } from "@rdfjs/types";
import { UsageError } from "../errors.js";

/** What ownership needs to know of a graph: its IRI and the namespaces it registered. */
export interface OwnedGraph {
  readonly graphIri: string;
  readonly namespaces?: readonly string[];
}

/**
 * The base IRI a graph IRI is made from: `https://x.example/graph` → `https://x.example/` (the records' rule,
 * `publisherGraphIri`), otherwise the graph IRI up to its last `/` or `#` (`https://x.example/data/g1` → `https://x.example/data/`).
 */
export function graphBase(graphIri: string): string {
  if (graphIri.endsWith("graph") && /[/#:]$/.test(graphIri.slice(0, -5))) return graphIri.slice(0, -5);
  const cut = Math.max(graphIri.lastIndexOf("/"), graphIri.lastIndexOf("#"));
  return cut > graphIri.indexOf(":") ? graphIri.slice(0, cut + 1) : graphIri;
}

const NAMESPACE = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]*[/#:]$/;

/** Whether `ns` may be registered as a namespace: an absolute IRI ending with `/`, `#` or `:` (so that it is a whole path). */
export function isNamespace(ns: unknown): ns is string {
  return typeof ns === "string" && NAMESPACE.test(ns) && /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]+\/|^urn:/i.test(ns);
}

/** Throws a UsageError when `ns` is not a namespace that can be registered. */
export function checkNamespace(ns: unknown, where: string): asserts ns is string {
  if (!isNamespace(ns)) {
    throw new UsageError("store/bad-namespace", tx("store/bad-namespace", { where, value: JSON.stringify(ns) }), {
      hint: tx("store/bad-namespace.hint"),
    });
  }
}

/** A graph's namespaces: its base IRI first, then the ones it registered (no duplicates). */
export function namespacesOf(g: OwnedGraph): string[] {
  const out = [graphBase(g.graphIri)];
  for (const ns of g.namespaces ?? []) if (!out.includes(ns)) out.push(ns);
  return out;
}

/** The registered namespaces of two lists together, in order, without duplicates. */
export function mergeNamespaces(...lists: (readonly string[] | undefined)[]): string[] {
  const out: string[] = [];
  for (const l of lists) for (const ns of l ?? []) if (!out.includes(ns)) out.push(ns);
  return out;
}

/** Whether `iri` is under one of `namespaces`. */
export function isUnder(iri: string, namespaces: readonly string[]): boolean {
  for (const ns of namespaces) if (iri.startsWith(ns)) return true;
  return false;
}

/** The distinct subject IRIs of `quads` under none of `namespaces` (blank nodes aside), in input order. */
export function subjectsOutside(quads: Iterable<Quad>, namespaces: readonly string[]): string[] {
  return subjectIrisOutside((visit) => {
    for (const q of quads) if (q.subject.termType === "NamedNode") visit(q.subject.value);
  }, namespaces);
}

/**
 * `subjectsOutside` for subject IRIs handed over one by one (the mapper's `Triples.forEach`: no quad is made).
 * @example subjectIrisOutside((visit) => triples.forEach((s) => visit(s)), ["https://venue.example/"])
 */
export function subjectIrisOutside(
  each: (visit: (subject: string) => void) => void,
  namespaces: readonly string[],
): string[] {
  const out = new Set<string>();
  let last = "";
  each((s) => {
    if (s === last) return; // the usual run of one subject's triples
    last = s;
    if (!out.has(s) && !isUnder(s, namespaces)) out.add(s);
  });
  return [...out];
}

/**
 * The owners of IRIs among a set of graphs: the graph(s) whose namespace is the longest one an IRI starts with
 * (two graphs whose IRIs share a base both own what is under it).
 */
export class Ownership {
  /** Namespace → the graphs owning it. */
  readonly #owners = new Map<string, string[]>();
  /** Every namespace, longest first. */
  readonly #namespaces: string[];

  constructor(graphs: Iterable<OwnedGraph>) {
    for (const g of graphs) {
      for (const ns of namespacesOf(g)) {
        const l = this.#owners.get(ns);
        if (l === undefined) this.#owners.set(ns, [g.graphIri]);
        else if (!l.includes(g.graphIri)) l.push(g.graphIri);
      }
    }
    this.#namespaces = [...this.#owners.keys()].sort((a, b) => b.length - a.length);
  }

  /** The graphs owning `iri`, or undefined when no graph's namespace covers it. */
  ownersOf(iri: string): readonly string[] | undefined {
    for (const ns of this.#namespaces) if (iri.startsWith(ns)) return this.#owners.get(ns);
    return undefined;
  }

  /** Whether a statement of `graphIri` about `iri` is about another graph's resource. */
  isForeign(graphIri: string, iri: string): boolean {
    const owners = this.ownersOf(iri);
    return owners !== undefined && !owners.includes(graphIri);
  }

  /** The namespaces owned by graphs other than `graphIri` (what a foreign subject of that graph starts with). */
  othersOf(graphIri: string): string[] {
    return this.#namespaces.filter((ns) => !this.#owners.get(ns)!.includes(graphIri));
  }

  /** Another graph that already owns exactly `ns`, if any. */
  claimOf(ns: string, graphIri: string): string | undefined {
    return this.#owners.get(ns)?.find((g) => g !== graphIri);
  }
}

const LT = 0x3c;
const GT = 0x3e;
const NL = 0x0a;
const decoder = new TextDecoder();

/**
 * Lines of N-Triples (`bytes`, whole lines) whose subject is another graph's resource: the text without them and
 * the distinct subjects dropped. Lines are only parsed when a foreign namespace starts a line somewhere, so a graph
 * with no such statement costs one native search per namespace.
 */
export function foreignLines(
  bytes: Uint8Array,
  graphIri: string,
  ownership: Ownership,
): { kept: Uint8Array; subjects: string[] } {
  const others = ownership.othersOf(graphIri);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (
    !others.some((ns) => buf.indexOf(`\n<${ns}`) >= 0 || buf.subarray(0, ns.length + 1).equals(Buffer.from(`<${ns}`)))
  ) {
    return { kept: bytes, subjects: [] };
  }
  const parts: Uint8Array[] = [];
  const subjects = new Set<string>();
  let keptFrom = 0;
  for (let start = 0; start < buf.length;) {
    let end = buf.indexOf(NL, start);
    end = end < 0 ? buf.length : end + 1;
    if (buf[start] === LT) {
      const close = buf.indexOf(GT, start);
      if (close > start && close < end) {
        const subject = decoder.decode(buf.subarray(start + 1, close));
        if (ownership.isForeign(graphIri, subject)) {
          if (start > keptFrom) parts.push(buf.subarray(keptFrom, start));
          keptFrom = end;
          subjects.add(subject);
        }
      }
    }
    start = end;
  }
  if (!subjects.size) return { kept: bytes, subjects: [] };
  if (keptFrom < buf.length) parts.push(buf.subarray(keptFrom));
  return { kept: Buffer.concat(parts), subjects: [...subjects] };
}

/** The distinct foreign subjects of N-Triples text (whole lines), without copying it. */
function foreignInText(text: string, graphIri: string, ownership: Ownership, out: Set<string>): void {
  const others = ownership.othersOf(graphIri);
  if (!others.some((ns) => text.startsWith(`<${ns}`) || text.includes(`\n<${ns}`))) return;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf("\n", start);
    end = end < 0 ? text.length : end + 1;
    if (text.charCodeAt(start) === LT) {
      const close = text.indexOf(">", start);
      if (close > start && close < end) {
        const subject = text.slice(start + 1, close);
        if (ownership.isForeign(graphIri, subject)) out.add(subject);
      }
    }
    start = end;
  }
}

/** The foreign subjects of a serialised graph's chunks (N-Triples), for refusing a write. */
export function foreignSubjectsOf(
  chunks: Iterable<string | Uint8Array>,
  graphIri: string,
  ownership: Ownership,
): string[] {
  const out = new Set<string>();
  for (const c of chunks) {
    if (typeof c === "string") foreignInText(c, graphIri, ownership, out);
    else for (const s of foreignLines(c, graphIri, ownership).subjects) out.add(s);
  }
  return [...out];
}

/** `a, b, c and 7 more`: a list of IRIs short enough for an error message. */
export function listIris(iris: readonly string[], max = 5): string {
  const shown = iris
    .slice(0, max)
    .map((i) => `<${i}>`)
    .join(", ");
  return iris.length > max ? `${shown} and ${iris.length - max} more` : shown;
}

/** Refuses a write of `graphIri` that speaks about other graphs' resources (the store's own rule, whoever calls it). */
export function checkOwnSubjects(graphIri: string, chunks: Iterable<string | Uint8Array>, ownership: Ownership): void {
  const foreign = foreignSubjectsOf(chunks, graphIri, ownership);
  if (foreign.length) {
    const text = tx("store/foreign-subjects", { graph: graphIri, count: foreign.length, list: listIris(foreign) });
    throw new UsageError("store/foreign-subjects", pluralText(text, foreign.length), {
      hint: tx("store/foreign-subjects.hint"),
    });
  }
}
