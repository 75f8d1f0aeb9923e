// A reader for W3C test manifests in Turtle (mf:Manifest, mf:include, mf:entries) and for SHACL test entries
// (sht:Validate with sht:dataGraph, sht:shapesGraph and an expected sh:ValidationReport).

import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Parser } from "n3";
import type { Quad, Term } from "@rdfjs/types";

const MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
const SHT = "http://www.w3.org/ns/shacl-test#";
const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS = "http://www.w3.org/2000/01/rdf-schema#";

/** A parsed Turtle file with a tiny index: every file is parsed once, so blank nodes keep their labels. */
export class Graph {
  readonly quads: Quad[];
  private readonly bySubject = new Map<string, Quad[]>();
  constructor(readonly url: string) {
    this.quads = new Parser({ baseIRI: url }).parse(readFileSync(fileURLToPath(url), "utf8"));
    for (const q of this.quads) {
      const k = key(q.subject);
      const list = this.bySubject.get(k) ?? [];
      list.push(q);
      this.bySubject.set(k, list);
    }
  }
  out(s: Term, p: string): Term[] {
    return (this.bySubject.get(key(s)) ?? []).filter((q) => q.predicate.value === p).map((q) => q.object);
  }
  one(s: Term, p: string): Term | undefined {
    return this.out(s, p)[0];
  }
  list(head: Term): Term[] {
    const items: Term[] = [];
    let cur: Term | undefined = head;
    while (cur && cur.value !== `${RDF}nil`) {
      const first = this.one(cur, `${RDF}first`);
      if (first) items.push(first);
      cur = this.one(cur, `${RDF}rest`);
    }
    return items;
  }
}

function key(t: Term): string {
  return `${t.termType}:${t.value}`;
}

export interface ShaclTest {
  readonly id: string;
  readonly label: string;
  /** The graph the entry and its expected report are in. */
  readonly manifest: Graph;
  readonly data: Graph;
  readonly shapes: Graph;
  /** The expected result node: an sh:ValidationReport, or sht:Failure. */
  readonly result: Term;
}

/** Every sht:Validate entry reachable from a manifest (includes followed, in order). */
export function readShaclManifest(manifestPath: string): ShaclTest[] {
  const graphs = new Map<string, Graph>();
  const load = (url: string): Graph => {
    let g = graphs.get(url);
    if (!g) graphs.set(url, (g = new Graph(url)));
    return g;
  };
  const tests: ShaclTest[] = [];
  const visit = (url: string): void => {
    const g = load(url);
    const manifest = g.quads.find(
      (q) => q.predicate.value === `${RDF}type` && q.object.value === `${MF}Manifest`,
    )?.subject;
    if (!manifest) throw new Error(`${url} has no mf:Manifest`);
    for (const include of g.out(manifest, `${MF}include`)) visit(include.value);
    for (const entries of g.out(manifest, `${MF}entries`)) {
      for (const entry of g.list(entries)) {
        const type = g.one(entry, `${RDF}type`);
        if (type?.value !== `${SHT}Validate`) continue;
        const action = g.one(entry, `${MF}action`)!;
        tests.push({
          id: entry.value,
          label: g.one(entry, `${RDFS}label`)?.value ?? entry.value,
          manifest: g,
          data: load(g.one(action, `${SHT}dataGraph`)!.value),
          shapes: load(g.one(action, `${SHT}shapesGraph`)!.value),
          result: g.one(entry, `${MF}result`)!,
        });
      }
    }
  };
  visit(pathToFileURL(manifestPath).href);
  return tests;
}
