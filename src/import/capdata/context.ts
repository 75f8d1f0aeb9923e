// What every part of the CapData import shares: the quad index, the terms under the file's namespace, the records
// built so far, the problems, and the readers of texts and links that tell the fidelity ledger what was carried.

import type { Literal, Quad, Term } from "@rdfjs/types";
import type { Problem, ProblemCode } from "../../errors.js";
import type { CapDataClass, CapDataProperty, CapDataTerms } from "../../export/capdata-terms.js";
import { QuadIndex } from "../../harvest/graph.js";
import type { SourceTally } from "../../harvest/ledger.js";
import type { RecordRef } from "../../mapping/types.js";
import type {
  LangMap,
  Organization,
  Performance,
  Person,
  Production,
  Series,
  Venue,
  Work,
} from "../../records/types.js";
import { RDF_TYPE } from "../../vocab.js";
import type { CapDataImportOptions } from "../capdata.js";
import { localIdOf } from "../fromGraph.js";
import { recordProblem } from "../types.js";

const MAX_TEXT = 100_000;
export const isHttp = (s: string): boolean => /^https?:\/\/\S+$/i.test(s);

export interface Read {
  venues: Venue[];
  organizations: Organization[];
  people: Person[];
  works: Work[];
  productions: Production[];
  series: Series[];
  performances: Performance[];
  problems: Problem[];
  rejected: RecordRef[];
  entities: number;
}

/** One file being read: built once per call, passed to each part in place of the fields a single class would hold. */
export class CapDataContext {
  readonly ix: QuadIndex;
  readonly t: CapDataTerms;
  readonly o: CapDataImportOptions;
  readonly tally: SourceTally | undefined;
  readonly lang: string;
  readonly out: Read = {
    venues: [],
    organizations: [],
    people: [],
    works: [],
    productions: [],
    series: [],
    performances: [],
    problems: [],
    rejected: [],
    entities: 0,
  };
  readonly termOf = new Map<string, Term>();
  /** Production node → the ids of its seasons, for its events. */
  readonly seasonsOf = new Map<string, string[]>();

  constructor(
    quads: readonly Quad[],
    terms: CapDataTerms,
    options: CapDataImportOptions,
    tally: SourceTally | undefined,
  ) {
    this.ix = new QuadIndex(quads);
    this.t = terms;
    this.o = options;
    this.tally = tally;
    this.lang = options.defaultLanguage ?? "fr";
    for (const q of quads) this.termOf.set(q.subject.value, q.subject);
    // Each (subject, property) once, with the index's strings: Oxigraph's terms decode their value on each read.
    tally?.seenIndex(this.ix);
  }

  is(s: string, c: CapDataClass): boolean {
    return this.ix.typeIris(s).includes(this.t.cls(c));
  }

  id(s: string): string {
    return localIdOf(this.termOf.get(s) ?? ({ termType: "NamedNode", value: s } as Term));
  }

  carry(s: string, p: CapDataProperty | typeof RDF_TYPE): void {
    this.tally?.carry(s, p === RDF_TYPE ? RDF_TYPE : this.t.prop(p));
  }

  objects(s: string, p: CapDataProperty): readonly Term[] {
    return this.ix.objects(s, this.t.prop(p));
  }

  /** Every language's text of a literal property (untagged: the default language), bounded; carried when any. */
  texts(s: string, p: CapDataProperty): LangMap | undefined {
    const out: Record<string, string> = {};
    for (const l of this.objects(s, p).filter((x): x is Literal => x.termType === "Literal")) {
      const v = l.value.trim().slice(0, MAX_TEXT);
      const k = l.language || this.lang;
      if (v !== "" && out[k] === undefined) out[k] = v;
    }
    if (!Object.keys(out).length) return undefined;
    this.carry(s, p);
    return out;
  }

  text(s: string, p: CapDataProperty): string | undefined {
    const l = this.objects(s, p).find((x) => x.termType === "Literal" && x.value.trim() !== "");
    if (!l) return undefined;
    this.carry(s, p);
    return l.value.trim().slice(0, MAX_TEXT);
  }

  /** The nodes a relation points at that are of class `c` (the others are not carried: the tally says so). */
  linked(s: string, p: CapDataProperty, c: CapDataClass): string[] {
    const out = this.objects(s, p)
      .map((o) => o.value)
      .filter((o) => this.is(o, c));
    if (out.length) this.carry(s, p);
    else if (this.objects(s, p).length) this.tally?.drop(s, this.t.prop(p), "unresolved");
    return [...new Set(out)].sort();
  }

  reject(
    entity: string,
    s: string,
    p: string,
    code: ProblemCode,
    message: [string, string],
    expected: [string, string],
    hint: [string, string],
  ): void {
    const recordId = this.id(s);
    this.out.problems.push(recordProblem(code, entity, recordId, `<${s}> ${p}`, undefined, message, expected, hint));
    this.out.rejected.push({ entity, recordId, path: `<${s}>` });
    this.tally?.reject(s);
  }

  /** A node starts being read: counted, its type and its cataloguing agency carried. */
  begin(s: string): void {
    this.out.entities++;
    this.carry(s, RDF_TYPE);
    if (this.objects(s, "catalogageSourceAgence").length) this.carry(s, "catalogageSourceAgence");
  }
}
