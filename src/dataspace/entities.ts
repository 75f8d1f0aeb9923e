// A graph as entities, for the change feed: each IRI subject with its triples and the blank nodes it reaches
// (addresses, offers, geo points), digested independently of blank-node labels (which change at every version),
// and the diff of two versions' digests as Create / Update / Delete of entities.

import { createHash } from "node:crypto";
import type { Quad, Term } from "@rdfjs/types";

/** The entity IRI → digest of a graph version. */
export type EntityDigests = Map<string, string>;

/** What changed between two versions of a graph: entities created or updated (with their N-Triples), deleted. */
export interface EntityChange {
  readonly created: readonly { readonly iri: string; readonly ntriples: string }[];
  readonly updated: readonly { readonly iri: string; readonly ntriples: string }[];
  readonly deleted: readonly string[];
  /** The new version's digests (the base of the next diff). */
  readonly digests: EntityDigests;
  /** Blank nodes no IRI reaches: their triples belong to no entity and are not in the feed. */
  readonly unreachableBlankNodes: number;
}

const esc = (s: string): string =>
  s.replace(/["\\\n\r]/g, (c) => (c === '"' ? '\\"' : c === "\\" ? "\\\\" : c === "\n" ? "\\n" : "\\r"));

function nt(t: Term, label: (b: string) => string): string {
  switch (t.termType) {
    case "NamedNode":
      return `<${t.value}>`;
    case "BlankNode":
      return label(t.value);
    case "Literal":
      return t.language
        ? `"${esc(t.value)}"@${t.language}`
        : t.datatype.value === "http://www.w3.org/2001/XMLSchema#string"
          ? `"${esc(t.value)}"`
          : `"${esc(t.value)}"^^<${t.datatype.value}>`;
    default:
      return "";
  }
}

/** Groups a graph's quads into entities and diffs them against the previous version's digests. */
export function diffEntities(quads: Iterable<Quad>, previous: ReadonlyMap<string, string> | undefined): EntityChange {
  const bySubject = new Map<string, Quad[]>();
  const bnodes = new Map<string, Quad[]>();
  for (const q of quads) {
    if (q.subject.termType === "BlankNode") {
      let l = bnodes.get(q.subject.value);
      if (!l) bnodes.set(q.subject.value, (l = []));
      l.push(q);
    } else if (q.subject.termType === "NamedNode") {
      let l = bySubject.get(q.subject.value);
      if (!l) bySubject.set(q.subject.value, (l = []));
      l.push(q);
    }
  }
  const reached = new Set<string>();
  /** A blank node's content, without its label: the sorted lines of what it says (cycles cut). */
  const canon = (b: string, path: Set<string>): string => {
    if (path.has(b)) return "[cycle]";
    reached.add(b);
    path.add(b);
    const lines = (bnodes.get(b) ?? [])
      .map(
        (q) =>
          `<${q.predicate.value}> ${q.object.termType === "BlankNode" ? `[${canon(q.object.value, path)}]` : nt(q.object, () => "")}`,
      )
      .sort();
    path.delete(b);
    return lines.join(" ; ");
  };
  const digests: EntityDigests = new Map();
  const content = new Map<string, () => string>();
  for (const [iri, qs] of bySubject) {
    const lines = qs
      .map(
        (q) =>
          `<${q.predicate.value}> ${q.object.termType === "BlankNode" ? `[${canon(q.object.value, new Set())}]` : nt(q.object, () => "")}`,
      )
      .sort();
    digests.set(iri, createHash("sha256").update(lines.join("\n")).digest("base64url").slice(0, 22));
    content.set(iri, () => {
      // The entity and the blank nodes it reaches, in N-Triples, blank nodes labelled in the order met.
      const labels = new Map<string, string>();
      const label = (b: string): string => {
        let l = labels.get(b);
        if (!l) labels.set(b, (l = `_:b${labels.size}`));
        return l;
      };
      const out: string[] = [];
      const todo: string[] = [];
      const line = (q: Quad): void => {
        if (q.object.termType === "BlankNode" && !labels.has(q.object.value)) todo.push(q.object.value);
        out.push(`${nt(q.subject, label)} <${q.predicate.value}> ${nt(q.object, label)} .\n`);
      };
      for (const q of qs) line(q);
      const done = new Set<string>();
      while (todo.length) {
        const b = todo.shift()!;
        if (done.has(b)) continue;
        done.add(b);
        for (const q of bnodes.get(b) ?? []) line(q);
      }
      return out.join("");
    });
  }
  const created: { iri: string; ntriples: string }[] = [];
  const updated: { iri: string; ntriples: string }[] = [];
  for (const [iri, d] of [...digests].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const before = previous?.get(iri);
    if (before === undefined) created.push({ iri, ntriples: content.get(iri)!() });
    else if (before !== d) updated.push({ iri, ntriples: content.get(iri)!() });
  }
  const deleted = [...(previous?.keys() ?? [])].filter((iri) => !digests.has(iri)).sort();
  let unreachable = 0;
  for (const b of bnodes.keys()) if (!reached.has(b)) unreachable++;
  return { created, updated, deleted, digests, unreachableBlankNodes: unreachable };
}
