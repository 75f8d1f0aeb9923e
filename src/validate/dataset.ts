// An RDF/JS DatasetCore indexed for what the SHACL engine asks: out-edges of a node (by predicate),
// in-edges of a node (by predicate), and every edge with a predicate. Graph names are kept but not indexed.

import { DataFactory } from "n3";
import type { DatasetCore, Quad, Term } from "@rdfjs/types";
import { termKey } from "../rdf/terms.js";

// Above this many values for one (node, predicate), duplicates are found with a Set instead of a scan.
const SCAN_LIMIT = 16;

/** The values of one (subject, predicate): duplicates are refused, as in any RDF/JS dataset. */
class Edges {
  readonly quads: Quad[] = [];
  private keys?: Set<string>;

  private static key(q: Quad): string {
    return `${termKey(q.object)} ${termKey(q.graph)}`;
  }

  /** Adds unless an equal quad is there; returns whether it was added. */
  add(q: Quad): boolean {
    if (this.keys) {
      const k = Edges.key(q);
      if (this.keys.has(k)) return false;
      this.keys.add(k);
    } else {
      for (const other of this.quads) if (other.equals(q)) return false;
      if (this.quads.length >= SCAN_LIMIT) this.keys = new Set([...this.quads, q].map(Edges.key));
    }
    this.quads.push(q);
    return true;
  }

  has(q: Quad): boolean {
    return this.keys ? this.keys.has(Edges.key(q)) : this.quads.some((o) => o.equals(q));
  }

  remove(q: Quad): void {
    const i = this.quads.findIndex((o) => o.equals(q));
    if (i < 0) return;
    this.quads.splice(i, 1);
    this.keys?.delete(Edges.key(q));
  }
}

type Index = Map<string, Map<string, Edges>>;

function edgesOf(index: Index, node: string, predicate: string, create: boolean): Edges | undefined {
  let byPredicate = index.get(node);
  if (!byPredicate) {
    if (!create) return undefined;
    byPredicate = new Map();
    index.set(node, byPredicate);
  }
  let edges = byPredicate.get(predicate);
  if (!edges && create) {
    edges = new Edges();
    byPredicate.set(predicate, edges);
  }
  return edges;
}

/**
 * A read-mostly set of quads with subject, object and predicate indexes. Only the subject index is built as quads
 * are added: the engine walks out of focus nodes, and the other two are built on their first use (a batch of
 * focus nodes with resolved targets and forward paths never needs them).
 */
export class IndexedDataset implements DatasetCore<Quad, Quad> {
  private readonly out: Index = new Map();
  private readonly all: Quad[] = [];
  private inIndex?: Index;
  private predicateIndex?: Map<string, Quad[]>;

  constructor(quads?: Iterable<Quad>) {
    if (quads) for (const q of quads) this.add(q);
  }

  get size(): number {
    return this.all.length;
  }

  private get in(): Index {
    if (!this.inIndex) {
      this.inIndex = new Map();
      for (const q of this.all) edgesOf(this.inIndex, termKey(q.object), q.predicate.value, true)!.quads.push(q);
    }
    return this.inIndex;
  }

  private get byPredicate(): Map<string, Quad[]> {
    if (!this.predicateIndex) {
      this.predicateIndex = new Map();
      for (const q of this.all) pushTo(this.predicateIndex, q.predicate.value, q);
    }
    return this.predicateIndex;
  }

  add(q: Quad): this {
    const s = termKey(q.subject);
    const p = q.predicate.value;
    if (!edgesOf(this.out, s, p, true)!.add(q)) return this;
    this.all.push(q);
    if (this.inIndex) edgesOf(this.inIndex, termKey(q.object), p, true)!.quads.push(q);
    if (this.predicateIndex) pushTo(this.predicateIndex, p, q);
    return this;
  }

  delete(q: Quad): this {
    const s = termKey(q.subject);
    const p = q.predicate.value;
    const edges = edgesOf(this.out, s, p, false);
    if (!edges?.has(q)) return this;
    edges.remove(q);
    const without = (list: Quad[]) =>
      list.splice(
        list.findIndex((o) => o.equals(q)),
        1,
      );
    without(this.all);
    if (this.inIndex) without(edgesOf(this.inIndex, termKey(q.object), p, false)!.quads);
    if (this.predicateIndex) without(this.predicateIndex.get(p)!);
    return this;
  }

  has(q: Quad): boolean {
    return edgesOf(this.out, termKey(q.subject), q.predicate.value, false)?.has(q) ?? false;
  }

  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): QuadList {
    return new QuadList(this.find(subject ?? null, predicate ?? null, object ?? null, graph ?? null));
  }

  /** The matching quads as an array (no copy when an index answers exactly). */
  find(subject: Term | null, predicate: Term | null, object: Term | null, graph: Term | null): readonly Quad[] {
    let found: readonly Quad[];
    if (subject) {
      const byPredicate = this.out.get(termKey(subject));
      if (!byPredicate) return EMPTY;
      if (predicate) found = byPredicate.get(predicate.value)?.quads ?? EMPTY;
      else found = [...byPredicate.values()].flatMap((e) => e.quads);
      if (object) found = found.filter((q) => q.object.equals(object));
    } else if (object) {
      const byPredicate = this.in.get(termKey(object));
      if (!byPredicate) return EMPTY;
      if (predicate) found = byPredicate.get(predicate.value)?.quads ?? EMPTY;
      else found = [...byPredicate.values()].flatMap((e) => e.quads);
    } else if (predicate) {
      found = this.byPredicate.get(predicate.value) ?? EMPTY;
    } else {
      found = this.all;
    }
    if (predicate && !subject && !object) found = found.filter((q) => q.predicate.equals(predicate));
    if (graph) found = found.filter((q) => q.graph.equals(graph));
    return found;
  }

  /** Subjects that have at least one quad, as keys. */
  subjectKeys(): IterableIterator<string> {
    return this.out.keys();
  }

  [Symbol.iterator](): Iterator<Quad> {
    return [...this.all][Symbol.iterator]();
  }
}

function pushTo(m: Map<string, Quad[]>, key: string, q: Quad): void {
  const list = m.get(key);
  if (list) list.push(q);
  else m.set(key, [q]);
}

const EMPTY: readonly Quad[] = Object.freeze([]);

/**
 * A dataset in which one node shows only some of its values for some predicates, the rest unchanged: lets a
 * property shape whose constraints read each value by itself run on a few thousand values at a time.
 */
export class ValuesView implements DatasetCore<Quad, Quad> {
  private readonly only: ReadonlySet<string>;
  constructor(
    private readonly base: IndexedDataset,
    private readonly node: Term,
    predicates: readonly string[],
    private readonly values: readonly Quad[],
  ) {
    this.only = new Set(predicates);
  }
  get size(): number {
    return this.base.size;
  }
  add(): this {
    throw new Error("a values view is read-only");
  }
  delete(): this {
    throw new Error("a values view is read-only");
  }
  has(q: Quad): boolean {
    return this.base.has(q);
  }
  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): QuadList {
    if (!subject || !subject.equals(this.node) || (predicate && !this.only.has(predicate.value))) {
      return this.base.match(subject, predicate, object, graph);
    }
    const others = predicate
      ? []
      : this.base.find(subject, null, null, null).filter((q) => !this.only.has(q.predicate.value));
    const values = this.values.filter(
      (q) =>
        (!predicate || q.predicate.equals(predicate)) &&
        (!object || q.object.equals(object)) &&
        (!graph || q.graph.equals(graph)),
    );
    return new QuadList([...others, ...values]);
  }
  [Symbol.iterator](): Iterator<Quad> {
    return this.base[Symbol.iterator]();
  }
}

/** The result of `match`: an immutable list that still answers the DatasetCore calls the engine makes. */
export class QuadList implements DatasetCore<Quad, Quad> {
  constructor(private readonly quads: readonly Quad[]) {}
  get size(): number {
    return this.quads.length;
  }
  add(): this {
    throw new Error("a match result is read-only");
  }
  delete(): this {
    throw new Error("a match result is read-only");
  }
  has(q: Quad): boolean {
    return this.quads.some((o) => o.equals(q));
  }
  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): QuadList {
    return new QuadList(
      this.quads.filter(
        (q) =>
          (!subject || q.subject.equals(subject)) &&
          (!predicate || q.predicate.equals(predicate)) &&
          (!object || q.object.equals(object)) &&
          (!graph || q.graph.equals(graph)),
      ),
    );
  }
  [Symbol.iterator](): Iterator<Quad> {
    return this.quads[Symbol.iterator]();
  }
}

/** The RDF/JS factory the SHACL engine builds its reports with: n3's terms, and this dataset. */
export const factory = {
  ...DataFactory,
  dataset: (quads?: Iterable<Quad>) => new IndexedDataset(quads),
};
