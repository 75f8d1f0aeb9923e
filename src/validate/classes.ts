// Classes the data declares itself: `ex:Gig rdfs:subClassOf schema:MusicEvent` makes every ex:Gig a schema:MusicEvent,
// as SHACL reads class targets and sh:class through the data graph's rdfs:subClassOf. The engine reads the class
// hierarchy from the shapes graph only, so the validated data gets the superclasses' types added (the stored graph
// is unchanged): a node typed ex:Gig is validated as the event it says it is.

import type { Quad } from "@rdfjs/types";
import { DataFactory } from "n3";
import { RDF_TYPE, RDFS } from "../vocab.js";

const SUBCLASS_OF = `${RDFS}subClassOf`;
const { quad, namedNode } = DataFactory;

/**
 * `quads` with `x rdf:type D` added for every `x rdf:type C` whose class C the data declares (transitively) a
 * subclass of D. The same array when the data declares no class.
 */
export function withDeclaredSuperclasses(quads: readonly Quad[]): readonly Quad[] {
  const supers = new Map<string, string[]>();
  for (const q of quads) {
    if (q.predicate.value !== SUBCLASS_OF || q.subject.termType !== "NamedNode" || q.object.termType !== "NamedNode")
      continue;
    const l = supers.get(q.subject.value);
    if (l) l.push(q.object.value);
    else supers.set(q.subject.value, [q.object.value]);
  }
  if (!supers.size) return quads;
  const closure = new Map<string, string[]>();
  const above = (c: string): string[] => {
    let out = closure.get(c);
    if (out === undefined) {
      const seen = new Set<string>([c]);
      const queue = [c];
      while (queue.length)
        for (const d of supers.get(queue.pop()!) ?? [])
          if (!seen.has(d)) {
            seen.add(d);
            queue.push(d);
          }
      seen.delete(c);
      closure.set(c, (out = [...seen]));
    }
    return out;
  };
  const typed = new Set<string>();
  for (const q of quads)
    if (q.predicate.value === RDF_TYPE)
      typed.add(`${q.subject.termType}\u0000${q.subject.value}\u0000${q.object.value}`);
  const added: Quad[] = [];
  const type = namedNode(RDF_TYPE);
  for (const q of quads) {
    if (q.predicate.value !== RDF_TYPE || q.object.termType !== "NamedNode" || !supers.has(q.object.value)) continue;
    for (const d of above(q.object.value)) {
      const key = `${q.subject.termType}\u0000${q.subject.value}\u0000${d}`;
      if (typed.has(key)) continue;
      typed.add(key);
      added.push(quad(q.subject, type, namedNode(d), q.graph));
    }
  }
  return added.length ? [...quads, ...added] : quads;
}
