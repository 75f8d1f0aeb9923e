// Compiled checks: for each shape the engine runs, a closure that can tell, without the engine, that the shape
// finds nothing on a focus node (most focus nodes of a mostly valid graph). Only a certain "nothing" skips the
// engine: each check mirrors shacl-engine's own test for the constraints it knows, and answers "don't know" for
// anything else (another constraint, a datatype it does not check, a doubt), so the findings stay the engine's.
// The W3C core suite, the equivalence tests and the benchmark compare them with the plain engine's.

import type { Term } from "@rdfjs/types";
import { RDF, SH } from "../vocab.js";
import { termKey } from "../rdf/terms.js";
import { factory, type IndexedDataset } from "./dataset.js";
import { COMPONENTS, sh, type Built } from "./precheck/components.js";
import { and, type NodeCheck, type ValueCheck, type ValuesCheck, type Verdict } from "./precheck/verdict.js";

export type { NodeCheck, Verdict } from "./precheck/verdict.js";

const STANDARD_SEVERITIES = new Set([sh("Violation"), sh("Warning"), sh("Info")]);

/** What the engine reads on a shape besides constraints, and what it never reads (targets, messages…). */
const IGNORED = new Set(
  [
    "message",
    "name",
    "description",
    "order",
    "group",
    "defaultValue",
    "severity",
    "path",
    "targetClass",
    "targetNode",
    "targetSubjectsOf",
    "targetObjectsOf",
    "flags",
  ].map(sh),
);

/** Parameters the engine reads every value of, each as a constraint of its own. */
const MANY = new Set(
  [
    "class",
    "node",
    "property",
    "message",
    "targetClass",
    "targetNode",
    "targetSubjectsOf",
    "targetObjectsOf",
    "name",
    "description",
  ].map(sh),
);

/** Compiles every shape of a shapes graph on demand, each once. */
export class CheckCompiler {
  private readonly done = new Map<string, NodeCheck | null>();
  private readonly visiting = new Set<string>();

  constructor(private readonly g: IndexedDataset) {}

  private out(s: Term, p: string): Term[] {
    return this.g.find(s, factory.namedNode(p), null, null).map((q) => q.object);
  }

  private list(head: Term): Term[] | undefined {
    const items: Term[] = [];
    for (let cur: Term | undefined = head; cur && cur.value !== `${RDF}nil`; cur = this.out(cur, `${RDF}rest`)[0]) {
      const first = this.out(cur, `${RDF}first`)[0];
      if (!first) return undefined;
      items.push(first);
    }
    return items;
  }

  /** The check of a shape, or null when it uses anything this module does not mirror. */
  check(shape: Term): NodeCheck | null {
    const key = termKey(shape);
    if (this.done.has(key)) return this.done.get(key)!;
    // A shape that refers to itself, directly or not, is left to the engine.
    if (this.visiting.has(key)) return null;
    this.visiting.add(key);
    try {
      const c = this.compile(shape);
      this.done.set(key, c);
      return c;
    } finally {
      this.visiting.delete(key);
    }
  }

  private compile(shape: Term): NodeCheck | null {
    const paths = this.out(shape, sh("path"));
    if (paths.length > 1) return null;
    let predicates: Term[] | undefined;
    if (paths.length === 1) {
      const path = paths[0]!;
      if (path.termType === "NamedNode") predicates = [path];
      else {
        const alt = this.out(path, sh("alternativePath"));
        const items = alt.length === 1 ? this.list(alt[0]!) : undefined;
        // Anything but a predicate or alternative predicates (inverse, sequence, repetition) is the engine's.
        if (
          !items ||
          !items.every((i) => i.termType === "NamedNode") ||
          this.g.find(path, null, null, null).length !== 1
        )
          return null;
        predicates = items;
      }
    }
    const severities = this.out(shape, sh("severity"));
    const standard = severities.every((s) => STANDARD_SEVERITIES.has(s.value));

    // The engine reads one value of most parameters and merges the lists of repeated sh:and/sh:or/sh:xone:
    // a shape that repeats one of those is the engine's.
    const own = this.g.find(shape, null, null, null);
    const seen = new Set<string>();
    for (const q of own) {
      const p = q.predicate.value;
      if (MANY.has(p) || !p.startsWith(SH)) continue;
      if (seen.has(p)) return null;
      seen.add(p);
    }

    const generic: ValueCheck[] = [];
    const onValues: ValuesCheck[] = [];
    for (const q of own) {
      const p = q.predicate.value;
      if (!p.startsWith(SH) || IGNORED.has(p)) continue;
      const o = q.object;
      const local = p.slice(SH.length);
      const c = this.component(shape, local, o, predicates !== undefined);
      if (c === null) return null;
      if (c === undefined) continue;
      if (c.kind === "generic") generic.push(c.fn);
      else onValues.push(c.fn);
    }

    const perValue = (value: Term, data: IndexedDataset): Verdict => {
      let v: Verdict = true;
      for (const g of generic) {
        v = and(v, g(value, data));
        if (v === false) return false;
      }
      return v;
    };
    let check: NodeCheck;
    if (predicates === undefined) {
      check = perValue;
    } else {
      const preds = predicates;
      check = (node, data) => {
        const values = valuesOf(data, node, preds);
        let v: Verdict = true;
        for (const f of onValues) {
          v = and(v, f(node, values, data));
          if (v === false) return false;
        }
        for (const value of values) {
          v = and(v, perValue(value, data));
          if (v === false) return false;
        }
        return v;
      };
    }
    // A result of another severity does not count against conformance in the engine: only "nothing found" is sure.
    return standard ? check : (node, data) => (check(node, data) === true ? true : undefined);
  }

  /**
   * One constraint: a test on each value (or on the focus node of a node shape), a test on the values together,
   * undefined when the engine does not apply it here, or null when it is not mirrored.
   */
  private component(shape: Term, local: string, o: Term, isProperty: boolean): Built {
    // closed, equals, disjoint, qualified shapes, SPARQL, deactivated, anything new: the engine's.
    const build = Object.hasOwn(COMPONENTS, local) ? COMPONENTS[local] : undefined;
    if (build === undefined) return null;
    return build({
      shape,
      local,
      o,
      isProperty,
      g: this.g,
      out: (s, p) => this.out(s, p),
      list: (head) => this.list(head),
      check: (sh) => this.check(sh),
    });
  }
}

/** The distinct values of a node for one or more predicates (an alternative path), as the engine collects them. */
function valuesOf(data: IndexedDataset, node: Term, predicates: readonly Term[]): readonly Term[] {
  if (predicates.length === 1) return data.find(node, predicates[0]!, null, null).map((q) => q.object);
  const seen = new Map<string, Term>();
  for (const p of predicates) for (const q of data.find(node, p, null, null)) seen.set(termKey(q.object), q.object);
  return [...seen.values()];
}
