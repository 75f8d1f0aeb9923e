// Batches across a worker boundary: the graph's term dictionary is sent once per worker; each batch is an
// Int32Array of (subject, predicate, object) ids and the focus node ids of each target group, transferred
// without copying. The worker decodes each term once and keeps it for the next batches.

import type { Quad, Term } from "@rdfjs/types";
import { DataFactory } from "n3";
import { IndexedDataset } from "./dataset.js";
import type { CompiledShapes } from "./engine.js";
import { toIssue } from "./issues.js";
import type { TargetGroup } from "./partition.js";
import type { ValidationIssue } from "./types.js";

const { namedNode, blankNode, literal, quad, defaultGraph } = DataFactory;

export interface WireBatch {
  readonly id: number;
  /** (subject, predicate, object) term ids, three per quad. */
  readonly quads: Int32Array;
  /** Focus node ids for each target group that has some in this batch. */
  readonly groups: { readonly group: number; readonly focus: Int32Array }[];
}

/** Decodes terms on first use and keeps them (terms repeat across batches: venues, productions, types). */
export class TermDecoder {
  private readonly cache: Term[] = [];
  private readonly datatypes = new Map<string, ReturnType<typeof namedNode>>();
  constructor(private readonly terms: readonly string[]) {}

  term(id: number): Term {
    let t = this.cache[id];
    if (t) return t;
    const s = this.terms[id]!;
    const kind = s[0];
    if (kind === "I") t = namedNode(s.slice(1));
    else if (kind === "B") t = blankNode(s.slice(1));
    else {
      const cut = s.indexOf("\u0000");
      const value = s.slice(cut + 1);
      if (kind === "L") t = literal(value, s.slice(1, cut));
      else {
        const dt = s.slice(1, cut);
        let dtTerm = this.datatypes.get(dt);
        if (!dtTerm) this.datatypes.set(dt, (dtTerm = namedNode(dt)));
        t = literal(value, dtTerm);
      }
    }
    this.cache[id] = t;
    return t;
  }

  quads(ids: Int32Array): Quad[] {
    const g = defaultGraph();
    const quads: Quad[] = new Array(ids.length / 3);
    for (let i = 0, j = 0; i < ids.length; i += 3, j++) {
      quads[j] = quad(this.term(ids[i]!) as never, this.term(ids[i + 1]!) as never, this.term(ids[i + 2]!) as never, g);
    }
    return quads;
  }
}

const MARKER = namedNode("urn:vivant:non-empty");

/** Validates one batch (in a worker, or in the calling thread): issues without origins. */
export async function validateBatch(compiled: CompiledShapes, groups: readonly TargetGroup[], decoder: TermDecoder, batch: WireBatch): Promise<ValidationIssue[]> {
  const quads = decoder.quads(batch.quads);
  // The engine skips an empty data graph; a batch whose focus nodes have no quads must still be validated.
  if (quads.length === 0) quads.push(quad(MARKER, MARKER, MARKER));
  const targets = batch.groups.flatMap(({ group, focus }) => {
    const terms = Array.from(focus, (id) => decoder.term(id));
    return groups[group]!.shapes.map((shape) => ({ shape, focus: terms }));
  });
  const raw = await compiled.run(new IndexedDataset(quads), targets);
  return raw.map((r) => toIssue(compiled, r));
}

/** `IRI` or `_:label` → term. */
export function nodeFromId(id: string): Term {
  return id.startsWith("_:") ? blankNode(id.slice(2)) : namedNode(id);
}
