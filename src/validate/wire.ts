// Batches across a worker boundary: the graph (term dictionary, and its rows in SharedArrayBuffers) is given to each
// worker once; a batch is then just the focus node ids of each target group. The worker cuts the quads the shapes
// can read (GraphSlicer), decodes each node term once and keeps it for the next batches.

import type { Quad, Term } from "@rdfjs/types";
import { DataFactory } from "n3";
import { IndexedDataset } from "./dataset.js";
import type { CompiledShapes } from "./engine.js";
import { toIssue } from "./issues.js";
import type { GraphSlicer, IdReach, TargetGroup } from "./partition.js";
import type { ValidationIssue } from "./types.js";

const { namedNode, blankNode, quad, defaultGraph } = DataFactory;

export interface WireBatch {
  readonly id: number;
  /** Focus node ids for each target group that has some in this batch. */
  readonly groups: { readonly group: number; readonly focus: Int32Array }[];
}

/** What a worker receives once: the encoded graph and the reach of the profile's shapes. */
export interface WireGraph {
  readonly terms: readonly string[];
  readonly offsets: Int32Array;
  readonly pairs: Int32Array;
  readonly reach: IdReach;
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
  slicer: GraphSlicer,
  decoder: TermDecoder,
  batch: WireBatch,
): Promise<ValidationIssue[]> {
  const focus = new Set<number>();
  for (const g of batch.groups) for (const id of g.focus) focus.add(id);
  const quads = decoder.quads(slicer.slice(focus));
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
