// Per-record validation of a big graph: resolve every shape's targets once, cut the focus nodes into batches,
// and give each batch only the quads its shapes can read. Which quads those are is computed from the shapes:
// how deep each shape walks from its focus node, and through which predicates. Shapes that walk backwards,
// along unbounded paths or recursively cannot be cut this way (then `planReach` returns undefined).

import type { Quad, Term } from "@rdfjs/types";
import { termKey } from "../rdf/terms.js";
import { factory } from "./dataset.js";
import type { CompiledShapes } from "./engine.js";
import type { TargetDeclaration } from "./plan.js";
import { RDF_TYPE, SH } from "../vocab.js";
import type { TripleCallback } from "../mapping/triples.js";

/** For each depth from a focus node: the predicates shapes read there, or every predicate. */
export type Reach = readonly (ReadonlySet<string> | "all")[];

const sh = (l: string): string => `${SH}${l}`;
const LOGICAL_LISTS = ["and", "or", "xone"].map(sh);
const NESTED_SHAPES = ["node", "not", "qualifiedValueShape", "property"].map(sh);
const FOCUS_PAIRS = ["disjoint", "equals", "lessThan", "lessThanOrEquals"].map(sh);

/**
 * The quads every targeted shape can read, as predicates per depth, or undefined when some shape's reach is not
 * bounded (inverse or repeated paths, recursive shapes, SHACL-SPARQL).
 */
export function planReach(shapes: CompiledShapes, declarations: readonly TargetDeclaration[]): Reach | undefined {
  const g = shapes.shapes;
  const out = (s: Term, p: string): Term[] => g.find(s, factory.namedNode(p), null, null).map((q) => q.object);
  const list = (head: Term): Term[] => {
    const items: Term[] = [];
    for (
      let cur: Term | undefined = head;
      cur && cur.value !== "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
      cur = out(cur, "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest")[0]
    ) {
      const first = out(cur, "http://www.w3.org/1999/02/22-rdf-syntax-ns#first")[0];
      if (first) items.push(first);
    }
    return items;
  };
  const needed: (Set<string> | "all")[] = [];
  // `predicate`: a predicate IRI, or "all".
  const need = (depth: number, predicate: string): void => {
    while (needed.length <= depth) needed.push(new Set());
    const at = needed[depth]!;
    if (at === "all") return;
    if (predicate === "all") needed[depth] = "all";
    else at.add(predicate);
  };
  /** Path steps as predicate lists, or undefined when a step is inverse or repeated. */
  const pathSteps = (path: Term): string[][] | undefined => {
    const step = (n: Term): string[] | undefined => {
      if (n.termType === "NamedNode") return [n.value];
      const alt = out(n, sh("alternativePath"))[0];
      if (alt) {
        const items = list(alt);
        return items.every((i) => i.termType === "NamedNode") ? items.map((i) => i.value) : undefined;
      }
      return undefined; // inverse, zeroOrMore, oneOrMore, zeroOrOne
    };
    const isList =
      path.termType === "BlankNode" && out(path, "http://www.w3.org/1999/02/22-rdf-syntax-ns#first").length > 0;
    const steps = (isList ? list(path) : [path]).map(step);
    return steps.every((s) => s !== undefined) ? steps : undefined;
  };

  const visiting = new Set<string>();
  const visit = (shape: Term, depth: number): boolean => {
    const key = termKey(shape);
    if (visiting.has(key)) return false; // recursive shapes have no bounded reach
    visiting.add(key);
    try {
      if (out(shape, sh("sparql")).length || out(shape, sh("target")).length) return false;
      let valueDepth = depth;
      const path = out(shape, sh("path"))[0];
      if (path) {
        const steps = pathSteps(path);
        if (!steps) return false;
        steps.forEach((predicates, k) => predicates.forEach((p) => need(depth + k, p)));
        valueDepth = depth + steps.length;
      }
      if (out(shape, sh("class")).length) need(valueDepth, RDF_TYPE);
      if (out(shape, sh("closed")).some((t) => t.value === "true")) need(valueDepth, "all");
      for (const p of FOCUS_PAIRS) for (const other of out(shape, p)) need(depth, other.value);
      for (const p of NESTED_SHAPES) for (const nested of out(shape, p)) if (!visit(nested, valueDepth)) return false;
      for (const p of LOGICAL_LISTS)
        for (const head of out(shape, p)) for (const member of list(head)) if (!visit(member, valueDepth)) return false;
      return true;
    } finally {
      visiting.delete(key);
    }
  };
  for (const d of declarations) {
    if (!visit(d.shape, 0)) return undefined;
  }
  return needed;
}

/** Declarations with the same targets, run as one group (a node shape's property shapes share its targets). */
export interface TargetGroup {
  readonly targets: TargetDeclaration;
  readonly shapes: readonly Term[];
}

/** Groups declarations by their targets, in first-seen order (the same on both sides of a worker boundary). */
export function targetGroups(declarations: readonly TargetDeclaration[]): TargetGroup[] {
  const groups = new Map<string, { targets: TargetDeclaration; shapes: Term[] }>();
  for (const d of declarations) {
    const sig = [d.classes, d.nodes, d.subjectsOf, d.objectsOf].map((l) => l.map(termKey).sort().join(" ")).join("|");
    const g = groups.get(sig);
    if (g) g.shapes.push(d.shape);
    else groups.set(sig, { targets: d, shapes: [d.shape] });
  }
  return [...groups.values()];
}

const XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";
const RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

/** Triples handed over as strings, as the mapper's `Triples.forEach` does (see `TripleCallback`). */
export interface TripleReader {
  forEach(fn: TripleCallback): void;
}

/**
 * A literal's encoding. n3's literals keep only their N-Triples-like id and parse it on every `language` or
 * `datatype` read (the latter allocating a term): the id is read once here instead, as those getters read it.
 */
function encodeLiteral(t: Term): string {
  const id = (t as { id?: unknown }).id;
  if (typeof id === "string" && id.charCodeAt(0) === 34 /* " */) {
    const end = id.lastIndexOf('"');
    const value = id.slice(1, end);
    if (end === id.length - 1) return `D${XSD_STRING}\u0000${value}`;
    if (id.startsWith("^^", end + 1)) return `D${id.slice(end + 3)}\u0000${value}`;
    // Language tags (with no base direction: anything else is read through the term's own getters).
    if (id.charCodeAt(end + 1) === 64 /* @ */ && !id.includes("--", end))
      return `L${id.slice(end + 2).toLowerCase()}\u0000${value}`;
  }
  return encodeTerm(t);
}

/** Encoded terms: `I<iri>`, `B<label>`, `L<lang>\u0000<value>`, `D<datatype>\u0000<value>`. */
export function encodeTerm(t: Term): string {
  switch (t.termType) {
    case "NamedNode":
      return `I${t.value}`;
    case "BlankNode":
      return `B${t.value}`;
    case "Literal":
      return t.language ? `L${t.language}\u0000${t.value}` : `D${t.datatype.value}\u0000${t.value}`;
    default:
      throw new Error(`cannot encode a ${t.termType} term`);
  }
}

/**
 * A graph as integers: one dictionary of terms, and each subject's (predicate, object) ids in compressed rows
 * (`offsets`, `pairs`), from which the calling thread cuts each batch (`GraphSlicer`, `cutBatch`). Built once, in
 * one pass over the quads plus a counting sort.
 */
export class EncodedGraph {
  readonly terms: string[] = [];
  /** Subject ids in first-seen order (records are emitted together, so neighbours stay together). */
  readonly subjects: number[] = [];
  /** `pairs[2*offsets[s]] …` up to `offsets[s + 1]`: the (predicate, object) ids of subject `s`. */
  readonly offsets: Int32Array;
  readonly pairs: Int32Array;
  /** Node ids by IRI and by blank node label (no per-term strings to build for a lookup). */
  private readonly iris = new Map<string, number>();
  private readonly blanks = new Map<string, number>();
  /** 1 for an IRI or a blank node, 0 for a literal, by id (reading a literal's string would flatten it). */
  #nodes = new Uint8Array(1 << 16);
  #triples = new Int32Array(3 * 65536);
  #n = 0;
  readonly #seen = new Set<number>();

  /** Quads, or the mapper's triples as strings (`{ triples }`: encoded as they are read, no quad made). */
  constructor(input: Iterable<Quad> | { readonly triples: TripleReader }) {
    if ("triples" in input) {
      let lastSubject: string | undefined;
      let s = -1;
      input.triples.forEach((subject, predicate, object, kind) => {
        if (subject !== lastSubject) {
          lastSubject = subject;
          s = this.subject(this.node(this.iris, subject, "I"));
        }
        const p = this.node(this.iris, predicate.value, "I");
        const o =
          kind === null
            ? this.node(this.iris, object, "I")
            : this.literal(
                // As the quads' literals would be encoded (rdf-data-factory lower-cases language tags).
                typeof kind === "string" && kind !== ""
                  ? `L${kind.toLowerCase()}\u0000${object}`
                  : `D${typeof kind === "string" ? RDF_LANG_STRING : kind.value}\u0000${object}`,
              );
        this.push(s, p, o);
      });
    } else {
      let lastSubject: Term | undefined;
      let s = -1;
      for (const q of input) {
        // The mapper emits a subject's quads together: look the subject up once per run of quads.
        if (q.subject !== lastSubject) {
          lastSubject = q.subject;
          s = this.subject(this.id(q.subject));
        }
        this.push(s, this.id(q.predicate), this.id(q.object));
      }
    }
    const triples = this.#triples;
    const n = this.#n;
    this.#triples = new Int32Array(0);
    const size = this.terms.length;
    this.offsets = new Int32Array(size + 1);
    for (let i = 0; i < n; i++) this.offsets[triples[3 * i]! + 1]!++;
    for (let i = 0; i < size; i++) this.offsets[i + 1]! += this.offsets[i]!;
    this.pairs = new Int32Array(2 * n);
    const cursor = this.offsets.slice(0, size);
    for (let i = 0; i < n; i++) {
      const at = cursor[triples[3 * i]!]!++;
      this.pairs[2 * at] = triples[3 * i + 1]!;
      this.pairs[2 * at + 1] = triples[3 * i + 2]!;
    }
    this.#seen.clear();
  }

  private subject(s: number): number {
    if (!this.#seen.has(s)) {
      this.#seen.add(s);
      this.subjects.push(s);
    }
    return s;
  }

  private push(s: number, p: number, o: number): void {
    const at = 3 * this.#n;
    if (at + 3 > this.#triples.length) {
      const grown = new Int32Array(this.#triples.length * 2);
      grown.set(this.#triples);
      this.#triples = grown;
    }
    this.#triples[at] = s;
    this.#triples[at + 1] = p;
    this.#triples[at + 2] = o;
    this.#n++;
  }

  /** The id of a term (added to the dictionary when new). */
  id(t: Term): number {
    switch (t.termType) {
      case "NamedNode":
        return this.node(this.iris, t.value, "I");
      case "BlankNode":
        return this.node(this.blanks, t.value, "B");
      case "Literal":
        return this.literal(encodeLiteral(t));
      default:
        throw new Error(`cannot encode a ${t.termType} term`);
    }
  }

  /** Whether the term of an id is an IRI or a blank node (not a literal). */
  isNode(id: number): boolean {
    return this.#nodes[id] === 1;
  }

  private add(encoded: string, node: boolean): number {
    const id = this.terms.length;
    this.terms.push(encoded);
    if (id >= this.#nodes.length) {
      const grown = new Uint8Array(this.#nodes.length * 2);
      grown.set(this.#nodes);
      this.#nodes = grown;
    }
    if (node) this.#nodes[id] = 1;
    return id;
  }

  // Literals are rarely shared: a new id each time is cheaper than looking them up (a million per 100k events).
  private literal(encoded: string): number {
    return this.add(encoded, false);
  }

  private node(ids: Map<string, number>, value: string, kind: "I" | "B"): number {
    let id = ids.get(value);
    if (id === undefined) {
      id = this.add(`${kind}${value}`, true);
      ids.set(value, id);
    }
    return id;
  }

  /** The id of an IRI if the graph has it. */
  iriId(iri: string): number | undefined {
    return this.iris.get(iri);
  }

  /** Focus node ids per group, in subject order (sh:targetNode and object targets that are not subjects come last). */
  targets(groups: readonly TargetGroup[]): number[][] {
    const found = groups.map(() => new Set<number>());
    const classIndex = new Map<number, number[]>();
    const subjectsOf = new Map<number, number[]>();
    const objectsOf = new Map<number, number[]>();
    const push = (m: Map<number, number[]>, id: number | undefined, g: number) => {
      if (id === undefined) return;
      const l = m.get(id);
      if (l) l.push(g);
      else m.set(id, [g]);
    };
    groups.forEach(({ targets: d }, g) => {
      for (const c of d.classes) push(classIndex, this.iriId(c.value), g);
      for (const p of d.subjectsOf) push(subjectsOf, this.iriId(p.value), g);
      for (const p of d.objectsOf) push(objectsOf, this.iriId(p.value), g);
    });
    const type = this.iriId(RDF_TYPE);
    const late = groups.map(() => [] as number[]);
    for (const s of this.subjects) {
      for (let i = this.offsets[s]!, end = this.offsets[s + 1]!; i < end; i++) {
        const p = this.pairs[2 * i]!;
        const o = this.pairs[2 * i + 1]!;
        if (p === type) for (const g of classIndex.get(o) ?? []) found[g]!.add(s);
        for (const g of subjectsOf.get(p) ?? []) found[g]!.add(s);
        for (const g of objectsOf.get(p) ?? []) late[g]!.push(o);
      }
    }
    groups.forEach(({ targets: d }, g) => {
      for (const o of late[g]!) found[g]!.add(o);
      for (const n of d.nodes) found[g]!.add(this.id(n));
    });
    return found.map((set) => [...set]);
  }
}

/** Predicate ids to read at each depth from a focus node (see `planReach`). */
export type IdReach = readonly (readonly number[] | "all")[];

/**
 * Cuts batches out of an encoded graph: the (subject, predicate, object) ids the shapes can read from some focus
 * nodes, in the thread that holds the graph.
 */
export class GraphSlicer {
  private readonly reach: (ReadonlySet<number> | "all")[];
  private readonly offsets: Int32Array;
  private readonly pairs: Int32Array;
  constructor(
    private readonly graph: EncodedGraph,
    reach: IdReach,
  ) {
    this.offsets = graph.offsets;
    this.pairs = graph.pairs;
    this.reach = reach.map((r) => (r === "all" ? "all" : new Set(r)));
  }

  slice(focus: Iterable<number>): Int32Array {
    const out: number[] = [];
    const rows = this.offsets.length - 1;
    // A node can be reached at several depths, each reading other predicates: take each pair once.
    const taken = new Map<number, ReadonlySet<number>[] | "all">();
    let level = new Set(focus);
    for (let depth = 0; depth < this.reach.length && level.size; depth++) {
      const wanted = this.reach[depth]!;
      const next = new Set<number>();
      for (const s of level) {
        if (s >= rows) continue;
        const before = taken.get(s);
        for (let i = this.offsets[s]!, end = this.offsets[s + 1]!; i < end; i++) {
          const p = this.pairs[2 * i]!;
          if (wanted !== "all" && !wanted.has(p)) continue;
          const o = this.pairs[2 * i + 1]!;
          if (!(before === "all" || before?.some((w) => w.has(p)))) out.push(s, p, o);
          // Expanded even when taken before: from this depth, the next one reads other predicates.
          if (this.graph.isNode(o)) next.add(o);
        }
        if (before !== "all") taken.set(s, wanted === "all" ? "all" : [...(before ?? []), wanted]);
      }
      level = next;
    }
    return Int32Array.from(out);
  }
}
