// Batches across a worker boundary: the calling thread cuts the quads the shapes can read from a batch's focus nodes
// (GraphSlicer) and sends them with their own small dictionary of terms. A worker holds one batch at a time, never
// a copy of the whole graph's terms (at 100k performances, 2.3M strings per worker).

import type { Quad, Term } from "@rdfjs/types";
import { DataFactory } from "n3";
import { IndexedDataset } from "./dataset.js";
import type { CompiledShapes } from "./engine.js";
import { toIssue } from "./issues.js";
import type { GraphSlicer, TargetGroup } from "./partition.js";
import type { ValidationIssue } from "./types.js";

const { namedNode, blankNode, quad, defaultGraph } = DataFactory;

/** One batch, self-contained: its terms, the (subject, predicate, object) ids of its quads, its focus nodes. */
export interface WireBatch {
  readonly id: number;
  /** The batch's encoded terms (see `encodeTerm`); the ids below index this list. */
  readonly terms: readonly string[];
  /** The quads the shapes can read from the focus nodes, as (subject, predicate, object) ids. */
  readonly triples: Int32Array;
  /** Focus node ids for each target group that has some in this batch. */
  readonly groups: { readonly group: number; readonly focus: Int32Array }[];
}

/**
 * Cuts a batch out of an encoded graph (`slicer`, over the graph's `terms`) with its own dictionary: the ids of
 * the batch are renumbered in first-use order (its quads', then its focus nodes'), so what a worker decodes is
 * exactly the terms the whole-graph path would have decoded for these quads.
 */
export function cutBatch(
  id: number,
  terms: readonly string[],
  slicer: GraphSlicer,
  groups: readonly { readonly group: number; readonly focus: readonly number[] }[],
): WireBatch {
  const focus = new Set<number>();
  for (const g of groups) for (const f of g.focus) focus.add(f);
  const global = slicer.slice(focus);
  const local = new Map<number, number>();
  const list: string[] = [];
  const renumber = (g: number): number => {
    let l = local.get(g);
    if (l === undefined) {
      l = list.length;
      list.push(terms[g]!);
      local.set(g, l);
    }
    return l;
  };
  const triples = new Int32Array(global.length);
  for (let i = 0; i < global.length; i++) triples[i] = renumber(global[i]!);
  return {
    id,
    terms: list,
    triples,
    groups: groups.map(({ group, focus }) => ({ group, focus: Int32Array.from(focus, renumber) })),
  };
}

// Plain RDF/JS terms with their fields stored: n3's terms re-parse their id string on every `language` or
// `datatype` access, and the engine reads those for every value it checks.
class FastNamedNode {
  readonly termType = "NamedNode";
  constructor(readonly value: string) {}
  equals(o: Term | null | undefined): boolean {
    return !!o && o.termType === "NamedNode" && o.value === this.value;
  }
}
class FastBlankNode {
  readonly termType = "BlankNode";
  constructor(readonly value: string) {}
  equals(o: Term | null | undefined): boolean {
    return !!o && o.termType === "BlankNode" && o.value === this.value;
  }
}
class FastLiteral {
  readonly termType = "Literal";
  constructor(
    readonly value: string,
    readonly language: string,
    readonly datatype: FastNamedNode,
  ) {}
  equals(o: Term | null | undefined): boolean {
    return (
      !!o &&
      o.termType === "Literal" &&
      o.value === this.value &&
      o.language === this.language &&
      o.datatype.value === this.datatype.value
    );
  }
}
const LANG_STRING = new FastNamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString");

/** Decodes terms on first use and keeps them (terms repeat across batches: venues, productions, types). */
export class TermDecoder {
  private readonly cache: Term[] = [];
  private readonly datatypes = new Map<string, FastNamedNode>();
  constructor(private readonly terms: readonly string[]) {}

  term(id: number): Term {
    let t = this.cache[id];
    if (t) return t;
    const s = this.terms[id]!;
    const kind = s[0];
    if (kind === "I") t = new FastNamedNode(s.slice(1));
    else if (kind === "B") t = new FastBlankNode(s.slice(1));
    else {
      const cut = s.indexOf("\u0000");
      const value = s.slice(cut + 1);
      if (kind === "L") t = new FastLiteral(value, s.slice(1, cut), LANG_STRING);
      else {
        const dt = s.slice(1, cut);
        let dtTerm = this.datatypes.get(dt);
        if (!dtTerm) this.datatypes.set(dt, (dtTerm = new FastNamedNode(dt)));
        t = new FastLiteral(value, "", dtTerm);
      }
    }
    // Literals are not shared (see EncodedGraph.id): only nodes are worth keeping.
    if (kind === "I" || kind === "B") this.cache[id] = t;
    return t;
  }

  quads(ids: Int32Array): Quad[] {
    const g = defaultGraph();
    const quads: Quad[] = new Array<Quad>(ids.length / 3);
    for (let i = 0, j = 0; i < ids.length; i += 3, j++) {
      quads[j] = quad(this.term(ids[i]!) as never, this.term(ids[i + 1]!) as never, this.term(ids[i + 2]!) as never, g);
    }
    return quads;
  }
}

const MARKER = namedNode("urn:vivant:non-empty");

/** Validates one batch (in a worker, or in the calling thread): issues without origins. */
export async function validateBatch(
  compiled: CompiledShapes,
  groups: readonly TargetGroup[],
  batch: WireBatch,
): Promise<ValidationIssue[]> {
  const decoder = new TermDecoder(batch.terms);
  const quads = decoder.quads(batch.triples);
  // The engine skips an empty data graph; a batch whose focus nodes have no quads must still be validated.
  if (quads.length === 0) quads.push(quad(MARKER, MARKER, MARKER));
  const targets = batch.groups.flatMap(({ group, focus }) => {
    const terms = Array.from(focus, (id) => decoder.term(id));
    return groups[group]!.shapes.map((shape) => ({ shape, focus: terms }));
  });
  const dataset = new IndexedDataset(quads);
  const raw = await compiled.run(dataset, targets);
  return raw.map((r) => toIssue(compiled, r, undefined, dataset));
}

/** `IRI` or `_:label` → term. */
export function nodeFromId(id: string): Term {
  return id.startsWith("_:") ? blankNode(id.slice(2)) : namedNode(id);
}
