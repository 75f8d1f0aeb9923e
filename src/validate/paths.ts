// SHACL property paths as text: a simple path is its predicate IRI; any other path is written in SPARQL 1.1
// property-path syntax (`^<p>`, `<p>/<q>`, `(<p>|<q>)`, `<p>*`). Text ⇄ engine steps ⇄ SHACL path quads.

import { DataFactory } from "n3";
import type { NamedNode, Quad, Quad_Object, Quad_Subject, Term } from "@rdfjs/types";
import { RDF, SH } from "../vocab.js";

const { namedNode, blankNode, quad } = DataFactory;

/** One step of a path as shacl-engine parses it. */
export interface PathStep {
  readonly quantifier: "one" | "oneOrMore" | "zeroOrMore" | "zeroOrOne";
  readonly start: "subject" | "object";
  readonly end: "subject" | "object";
  readonly predicates: readonly Term[];
}

const QUANTIFIER_SUFFIX = { one: "", oneOrMore: "+", zeroOrMore: "*", zeroOrOne: "?" } as const;

/** Engine steps → text. A single forward predicate gives the bare IRI. */
export function stepsToPathText(steps: readonly PathStep[]): string {
  const only = steps[0];
  if (
    steps.length === 1 &&
    only &&
    only.quantifier === "one" &&
    only.start === "subject" &&
    only.predicates.length === 1
  ) {
    return only.predicates[0]!.value;
  }
  return steps
    .map((step) => {
      const iris = step.predicates.map((p) => `<${p.value}>`);
      const core = iris.length === 1 ? iris[0]! : `(${iris.join("|")})`;
      return `${step.start === "object" ? "^" : ""}${core}${QUANTIFIER_SUFFIX[step.quantifier]}`;
    })
    .join("/");
}

/** The predicate a path starts with when it is a simple forward predicate, else undefined. */
export function simplePredicate(path: string | undefined): string | undefined {
  return path !== undefined && !path.startsWith("<") && !path.startsWith("^") && !path.startsWith("(")
    ? path
    : undefined;
}

interface ParsedStep {
  readonly inverse: boolean;
  readonly predicates: readonly string[];
  readonly quantifier: keyof typeof QUANTIFIER_SUFFIX;
}

/** Text → steps (only the forms `stepsToPathText` writes). */
export function parsePathText(text: string): ParsedStep[] {
  if (!/^[<^(]/.test(text)) return [{ inverse: false, predicates: [text], quantifier: "one" }];
  const steps: ParsedStep[] = [];
  const stepRe = /(\^?)(?:<([^>]*)>|\(((?:<[^>]*>\|?)+)\))([+*?]?)(?:\/|$)/y;
  let m: RegExpExecArray | null;
  while (stepRe.lastIndex < text.length && (m = stepRe.exec(text))) {
    const predicates = m[2] !== undefined ? [m[2]] : [...m[3]!.matchAll(/<([^>]*)>/g)].map((x) => x[1]!);
    const q = m[4] === "+" ? "oneOrMore" : m[4] === "*" ? "zeroOrMore" : m[4] === "?" ? "zeroOrOne" : "one";
    steps.push({ inverse: m[1] === "^", predicates, quantifier: q });
  }
  if (stepRe.lastIndex !== text.length) throw new Error(`not a path written by Vivant: ${text}`);
  return steps;
}

/**
 * Text → the SHACL path node and the quads that describe it (blank nodes for non-simple paths).
 * `newBlank` mints fresh blank nodes (so that several paths in one report never share one).
 */
export function pathTextToRdf(
  text: string,
  newBlank: () => Quad_Subject = () => blankNode(),
): { node: Quad_Object; quads: Quad[] } {
  const quads: Quad[] = [];
  const sh = (l: string): NamedNode => namedNode(`${SH}${l}`);
  const stepNode = (s: ParsedStep): Quad_Object => {
    let node: Quad_Object;
    if (s.predicates.length === 1) node = namedNode(s.predicates[0]!);
    else {
      const alt = newBlank();
      quads.push(
        quad(
          alt,
          sh("alternativePath"),
          list(
            s.predicates.map((p) => namedNode(p)),
            quads,
            newBlank,
          ),
        ),
      );
      node = alt;
    }
    if (s.inverse) {
      const inv = newBlank();
      quads.push(quad(inv, sh("inversePath"), node));
      node = inv;
    }
    if (s.quantifier !== "one") {
      const q = newBlank();
      quads.push(quad(q, sh(`${s.quantifier}Path`), node));
      node = q;
    }
    return node;
  };
  const steps = parsePathText(text);
  if (steps.length === 1) return { node: stepNode(steps[0]!), quads };
  const nodes = steps.map(stepNode);
  return { node: list(nodes, quads, newBlank), quads };
}

function list(items: readonly Quad_Object[], quads: Quad[], newBlank: () => Quad_Subject): Quad_Object {
  let rest: Quad_Object = namedNode(`${RDF}nil`);
  for (let i = items.length - 1; i >= 0; i--) {
    const cell = newBlank();
    quads.push(quad(cell, namedNode(`${RDF}first`), items[i]!));
    quads.push(quad(cell, namedNode(`${RDF}rest`), rest));
    rest = cell;
  }
  return rest;
}

/** Reads a SHACL path node (from any dataset) back into text: used to compare expected reports. */
export function rdfPathToText(node: Term, out: (s: Term, p: string) => Term[]): string {
  const one = (s: Term, p: string): Term | undefined => out(s, `${SH}${p}`)[0];
  const readList = (head: Term): Term[] => {
    const items: Term[] = [];
    let cur: Term | undefined = head;
    while (cur && cur.value !== `${RDF}nil`) {
      const first = out(cur, `${RDF}first`)[0];
      if (first) items.push(first);
      cur = out(cur, `${RDF}rest`)[0];
    }
    return items;
  };
  const step = (n: Term): PathStep => {
    if (n.termType === "NamedNode") return { quantifier: "one", start: "subject", end: "object", predicates: [n] };
    const alt = one(n, "alternativePath");
    if (alt) return { quantifier: "one", start: "subject", end: "object", predicates: readList(alt) };
    const inv = one(n, "inversePath");
    if (inv) return { quantifier: "one", start: "object", end: "subject", predicates: [inv] };
    for (const q of ["oneOrMore", "zeroOrMore", "zeroOrOne"] as const) {
      const inner = one(n, `${q}Path`);
      if (inner) return { quantifier: q, start: "subject", end: "object", predicates: [inner] };
    }
    throw new Error(`unsupported SHACL path node ${n.value}`);
  };
  const isList = node.termType === "BlankNode" && out(node, `${RDF}first`).length > 0;
  return stepsToPathText(isList ? readList(node).map(step) : [step(node)]);
}
