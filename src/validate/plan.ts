// How Vivant runs a shapes graph, computed once when it is compiled:
// - target declarations, resolved by Vivant (as shacl-engine resolves them), so that each shape can be run on
//   exactly its focus nodes, in batches;
// - node shapes split into their property shapes when nothing else refers to them, so that each property shape
//   runs on its own;
// - for each property shape, the value counts for which it cannot find anything (e.g. sh:minCount 1 with one
//   value, sh:datatype with none): those focus nodes are skipped without asking the engine.
// None of this changes what is found: the W3C suite and the benchmark check it against the plain engine.

import type { Quad, Term } from "@rdfjs/types";
import { termKey } from "../rdf/terms.js";
import { IndexedDataset, factory } from "./dataset.js";
import { RDF, SH, SHACL_CORE_PARAMETERS } from "../vocab.js";

const sh = (l: string): string => `${SH}${l}`;
const RDF_TYPE = `${RDF}type`;

export interface TargetDeclaration {
  readonly shape: Term;
  /** Target classes, subclasses included. */
  readonly classes: readonly Term[];
  readonly nodes: readonly Term[];
  readonly subjectsOf: readonly Term[];
  readonly objectsOf: readonly Term[];
}

/** A property shape finds nothing on a focus node whose number of values is within [min, max]. */
export interface Silence {
  readonly predicates: readonly string[];
  readonly min: number;
  readonly max: number;
  /** Only constraints on each value by itself: the values can be validated in several runs. */
  readonly perValue: boolean;
}

function outOf(g: IndexedDataset, s: Term, p: string): Term[] {
  return g.find(s, factory.namedNode(p), null, null).map((q) => q.object);
}

function listOf(g: IndexedDataset, head: Term): Term[] {
  const items: Term[] = [];
  for (let cur: Term | undefined = head; cur && cur.value !== `${RDF}nil`; cur = outOf(g, cur, `${RDF}rest`)[0]) {
    const first = outOf(g, cur, `${RDF}first`)[0];
    if (first) items.push(first);
  }
  return items;
}

/** A class and all its subclasses, as the shapes graph declares them (rdfs:subClassOf*). */
export function subClassesOf(g: IndexedDataset, cls: Term): Term[] {
  const subClassOf = factory.namedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf");
  const found = new Map<string, Term>([[termKey(cls), cls]]);
  const queue = [cls];
  while (queue.length) {
    const c = queue.pop()!;
    for (const q of g.find(null, subClassOf, c, null)) {
      const k = termKey(q.subject);
      if (!found.has(k)) {
        found.set(k, q.subject);
        queue.push(q.subject);
      }
    }
  }
  return [...found.values()];
}

/** Every shape that declares a target, as shacl-engine finds them. */
export function targetDeclarations(g: IndexedDataset): TargetDeclaration[] {
  const decls = new Map<
    string,
    { shape: Term; classes: Term[]; nodes: Term[]; subjectsOf: Term[]; objectsOf: Term[] }
  >();
  const get = (shape: Term) => {
    const key = termKey(shape);
    let d = decls.get(key);
    if (!d) decls.set(key, (d = { shape, classes: [], nodes: [], subjectsOf: [], objectsOf: [] }));
    return d;
  };
  const each = (p: string, f: (shape: Term, o: Term) => void) => {
    for (const q of g.find(null, factory.namedNode(p), null, null)) f(q.subject, q.object);
  };
  each(sh("targetClass"), (s, o) => get(s).classes.push(o));
  each(sh("targetNode"), (s, o) => get(s).nodes.push(o));
  each(sh("targetSubjectsOf"), (s, o) => get(s).subjectsOf.push(o));
  each(sh("targetObjectsOf"), (s, o) => get(s).objectsOf.push(o));
  // Implicit class targets, as shacl-engine resolves them: every sh:NodeShape targets the instances of itself
  // (the spec adds "and is an rdfs:Class"; data typed with a shape's IRI is the only case where it differs).
  for (const q of g.find(null, factory.namedNode(RDF_TYPE), factory.namedNode(sh("NodeShape")), null))
    get(q.subject).classes.push(q.subject);
  return [...decls.values()].map((d) => ({ ...d, classes: d.classes.flatMap((c) => subClassesOf(g, c)) }));
}

const SHAPE_VALUED = ["node", "property", "not", "qualifiedValueShape"].map(sh);
const SHAPE_LISTS = ["and", "or", "xone"].map(sh);
const CONSTRAINT_PARAMETERS = [...SHACL_CORE_PARAMETERS, "sparql"].map(sh);

/**
 * Splits targeted node shapes into their property shapes: `N sh:property S` is removed from the graph the engine
 * runs, and S is declared with N's targets. Only for node shapes that nothing refers to, that are not closed
 * (sh:closed reads the property list), not deactivated, and whose properties do not read their siblings.
 */
export function splitNodeShapes(
  quads: readonly Quad[],
  g: IndexedDataset,
  declarations: readonly TargetDeclaration[],
): { quads: Quad[]; declarations: TargetDeclaration[] } {
  const referenced = new Set<string>();
  for (const p of SHAPE_VALUED)
    for (const q of g.find(null, factory.namedNode(p), null, null)) referenced.add(termKey(q.object));
  for (const p of SHAPE_LISTS)
    for (const q of g.find(null, factory.namedNode(p), null, null))
      for (const m of listOf(g, q.object)) referenced.add(termKey(m));
  const split = new Set<string>();
  const out: TargetDeclaration[] = [];
  for (const d of declarations) {
    const key = termKey(d.shape);
    const properties = outOf(g, d.shape, sh("property"));
    const closed = outOf(g, d.shape, sh("closed")).some((t) => t.value === "true");
    const deactivated = outOf(g, d.shape, sh("deactivated")).some((t) => t.value === "true");
    // sh:qualifiedValueShapesDisjoint reads the sibling property shapes through the parent's sh:property.
    const readsSiblings = properties.some((p) =>
      outOf(g, p, sh("qualifiedValueShapesDisjoint")).some((t) => t.value === "true"),
    );
    if (!properties.length || referenced.has(key) || closed || deactivated || readsSiblings) {
      out.push(d);
      continue;
    }
    split.add(key);
    const own = g
      .find(d.shape, null, null, null)
      .some((q) => q.predicate.value !== sh("property") && CONSTRAINT_PARAMETERS.includes(q.predicate.value));
    if (own) out.push(d);
    for (const s of properties) out.push({ ...d, shape: s });
  }
  return {
    quads: quads.filter((q) => !(q.predicate.value === sh("property") && split.has(termKey(q.subject)))),
    declarations: out,
  };
}

const VALUE_LEVEL = [
  "class",
  "datatype",
  "nodeKind",
  "minExclusive",
  "minInclusive",
  "maxExclusive",
  "maxInclusive",
  "minLength",
  "maxLength",
  "pattern",
  "languageIn",
  "in",
  "node",
  "property",
  "not",
  "and",
  "or",
  "xone",
  "disjoint",
  "lessThan",
  "lessThanOrEquals",
].map(sh);
const ALWAYS_RUN = ["equals", "hasValue", "closed", "sparql", "deactivated", "qualifiedMinCount"].map(sh);
/**
 * Value-level constraints that read nothing but the value (and the nodes below it): the value-level ones but those
 * comparing with another property's values, and `flags` (which goes with `pattern`).
 */
const COMPARING = new Set(["disjoint", "lessThan", "lessThanOrEquals"].map(sh));
const PER_VALUE = [...VALUE_LEVEL.filter((c) => !COMPARING.has(c)), sh("flags")];
const ANNOTATIONS = ["path", "message", "severity", "name", "description", "order", "group", "defaultValue"].map(sh);

/** For a property shape with a plain or alternative path: the value counts on which it finds nothing. */
export function silenceOf(g: IndexedDataset, shape: Term): Silence | undefined {
  const path = outOf(g, shape, sh("path"))[0];
  if (!path) return undefined;
  let predicates: string[];
  if (path.termType === "NamedNode") predicates = [path.value];
  else {
    const alt = outOf(g, path, sh("alternativePath"))[0];
    const items = alt ? listOf(g, alt) : [];
    if (!alt || !items.every((i) => i.termType === "NamedNode")) return undefined;
    predicates = items.map((i) => i.value);
  }
  let min = 0;
  let max = Infinity;
  let perValue = true;
  for (const q of g.find(shape, null, null, null)) {
    const p = q.predicate.value;
    if (ALWAYS_RUN.includes(p)) return undefined;
    if (p.startsWith(SH) && !PER_VALUE.includes(p) && !ANNOTATIONS.includes(p)) perValue = false;
    if (p === sh("minCount")) min = Math.max(min, Number(q.object.value));
    else if (p === sh("maxCount")) max = Math.min(max, Number(q.object.value));
    else if (p === sh("uniqueLang")) {
      if (q.object.value === "true") max = Math.min(max, 1);
    } else if (p === sh("qualifiedMaxCount")) max = Math.min(max, Number(q.object.value));
    else if (VALUE_LEVEL.includes(p)) max = 0;
  }
  if (!(min <= max) || Number.isNaN(min) || Number.isNaN(max)) return undefined;
  return { predicates, min, max, perValue: perValue && max === 0 };
}

const predicateTerms = new Map<string, Term>();
function predicateTerm(iri: string): Term {
  let t = predicateTerms.get(iri);
  if (!t) predicateTerms.set(iri, (t = factory.namedNode(iri)));
  return t;
}

/** The number of distinct values of a focus node for these predicates. */
export function valueCount(data: IndexedDataset, focus: Term, predicates: readonly string[]): number {
  // Called for every (property shape, focus node): no allocation on the one-predicate path.
  if (predicates.length === 1) return data.find(focus, predicateTerm(predicates[0]!), null, null).length;
  const values = new Set<string>();
  for (const p of predicates)
    for (const q of data.find(focus, predicateTerm(p), null, null)) values.add(termKey(q.object));
  return values.size;
}

/** Focus nodes of each declaration in a dataset, resolved as shacl-engine resolves them. */
export function resolveTargets(data: IndexedDataset, declarations: readonly TargetDeclaration[]): Term[][] {
  const type = factory.namedNode(RDF_TYPE);
  return declarations.map((d) => {
    const found = new Map<string, Term>();
    for (const c of d.classes) for (const q of data.find(null, type, c, null)) found.set(termKey(q.subject), q.subject);
    for (const n of d.nodes) found.set(termKey(n), n);
    for (const p of d.subjectsOf)
      for (const q of data.find(null, p, null, null)) found.set(termKey(q.subject), q.subject);
    for (const p of d.objectsOf) for (const q of data.find(null, p, null, null)) found.set(termKey(q.object), q.object);
    return [...found.values()];
  });
}
