// A read-only index of quads by subject and predicate: how harvest and the importers walk a graph.

import type { Quad, Term } from "@rdfjs/types";
import { RDF_TYPE, SCHEMA } from "../vocab.js";

export class QuadIndex {
  readonly #bySubject = new Map<string, Map<string, Term[]>>();
  readonly subjects: string[] = [];

  constructor(quads: readonly Quad[]) {
    for (const q of quads) {
      let props = this.#bySubject.get(q.subject.value);
      if (!props) {
        this.#bySubject.set(q.subject.value, (props = new Map<string, Term[]>()));
        this.subjects.push(q.subject.value);
      }
      const list = props.get(q.predicate.value);
      if (list) list.push(q.object);
      else props.set(q.predicate.value, [q.object]);
    }
  }

  has(subject: string): boolean {
    return this.#bySubject.has(subject);
  }

  /** Predicate IRI → objects, for one subject. */
  properties(subject: string): ReadonlyMap<string, readonly Term[]> {
    return this.#bySubject.get(subject) ?? new Map();
  }

  objects(subject: string, predicate: string): readonly Term[] {
    return this.#bySubject.get(subject)?.get(predicate) ?? [];
  }

  /** Objects of a schema.org property, by local name. */
  values(subject: string, name: string): readonly Term[] {
    return this.objects(subject, `${SCHEMA}${name}`);
  }

  /** Local names of the schema.org types of a subject. */
  types(subject: string): string[] {
    return this.objects(subject, RDF_TYPE)
      .filter((t) => t.value.startsWith(SCHEMA))
      .map((t) => t.value.slice(SCHEMA.length));
  }

  /** Every type IRI of a subject. */
  typeIris(subject: string): string[] {
    return this.objects(subject, RDF_TYPE).map((t) => t.value);
  }
}

/** True for nodes that had no @id: blank nodes, Vivant's `#vivant-…` IRIs and other tools' skolem IRIs (`/genid/`). */
export function isAnonymous(term: Term): boolean {
  if (term.termType === "BlankNode") return true;
  if (term.termType !== "NamedNode") return false;
  return /#vivant-\d+-[^#]+$/.test(term.value) || /\/(\.well-known\/)?genid\//.test(term.value);
}
