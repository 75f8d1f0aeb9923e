// The hot path: records → RDF without JSON-LD processing. The triples of a parsed document are made from its records
// each time they are read and handed to the reader one by one (subject and object strings, predicate and datatype
// terms): nothing is stored per triple, so mapping a large season keeps no more than the parsed records, and no
// object per triple or per literal is made until a caller asks for RDF/JS quads.

import { DataFactory } from "rdf-data-factory";
import type { NamedNode, Quad } from "@rdfjs/types";
import { escapeLiteral } from "../rdf/ntriples.js";
import type { RecordDocument } from "../records/types.js";
import { emitDocument, emitRecords, type PathIndex } from "./emit.js";
import type { Sink } from "./sink.js";
import type { Origin, Origins, RecordRef } from "./types.js";

// Quads are made with rdf-data-factory: its literals keep value, language and datatype as fields, where n3's
// build an id string per literal and slice it back on every read of `value`.
const factory = new DataFactory();
const XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";

/**
 * One triple as the mapper hands it over: subject IRI, predicate, object (an IRI, or a literal's lexical form) and
 * its kind: `null` for an IRI, else the literal's datatype or its language tag.
 */
export type TripleCallback = (
  subject: string,
  predicate: NamedNode,
  object: string,
  kind: NamedNode | string | null,
) => void;

// IRIs need no escaping: entity IRIs are minted from percent-encoded ids and record IRIs are checked on input; literal
// values are escaped by rdf/ntriples.ts.

/** One triple as a canonical N-Triples line (an N-Quads line in the default graph). */
function nquadLine(s: string, p: NamedNode, o: string, k: NamedNode | string | null): string {
  return `<${s}> <${p.value}> ${k === null ? `<${o}>` : typeof k === "string" ? `"${escapeLiteral(o)}"@${k}` : k.value === XSD_STRING ? `"${escapeLiteral(o)}"` : `"${escapeLiteral(o)}"^^<${k.value}>`} .\n`;
}

/** An origin as the sink makes it: its fields' map is made on the first field kept. */
type FieldsOrigin = RecordRef & { fields: ReadonlyMap<string, string> };
const NO_FIELDS: ReadonlyMap<string, string> = new Map();

/** A sink that hands each triple to a callback, counts them, and records their origins when given a map. */
export class TripleSink implements Sink {
  count = 0;

  constructor(
    private readonly fn: TripleCallback,
    private readonly origins?: Map<string, Origin>,
    /** Only these subjects' origins are kept (all when absent). */
    private readonly only?: ReadonlySet<string>,
    /** For the subjects listed, only these predicates' fields are kept (all for the others). */
    private readonly predicates?: ReadonlyMap<string, ReadonlySet<string>>,
  ) {}

  get keepsFields(): boolean {
    return this.origins !== undefined;
  }

  subject(subject: string, origin: RecordRef): void {
    if (this.origins && (this.only === undefined || this.only.has(subject)) && !this.origins.has(subject)) {
      const made: FieldsOrigin = {
        entity: origin.entity,
        recordId: origin.recordId,
        path: origin.path,
        fields: NO_FIELDS,
      };
      this.origins.set(subject, made);
    }
  }

  private track(subject: string, predicate: NamedNode, field: string): void {
    const origin = this.origins?.get(subject) as FieldsOrigin | undefined;
    if (!origin || origin.fields.has(predicate.value)) return;
    if (this.predicates?.get(subject)?.has(predicate.value) === false) return;
    // Subjects without a field kept share one empty map (a large report's origins are mostly of those).
    if (origin.fields === NO_FIELDS) origin.fields = new Map();
    (origin.fields as Map<string, string>).set(predicate.value, field);
  }

  iri(s: string, p: NamedNode, o: string | NamedNode, field: string): void {
    this.count++;
    this.fn(s, p, typeof o === "string" ? o : o.value, null);
    if (this.origins) this.track(s, p, field);
  }

  literal(s: string, p: NamedNode, value: string, datatype: NamedNode, field: string): void {
    this.count++;
    this.fn(s, p, value, datatype);
    if (this.origins) this.track(s, p, field);
  }

  text(s: string, p: NamedNode, value: string, lang: string, field: string): void {
    this.count++;
    this.fn(s, p, value, lang);
    if (this.origins) this.track(s, p, field);
  }
}

/** A quad maker: IRIs that recur within one reading share one NamedNode. */
function quadMaker(): (s: string, p: NamedNode, o: string, k: NamedNode | string | null) => Quad {
  const iris = new Map<string, NamedNode>();
  const iri = (v: string): NamedNode => {
    let t = iris.get(v);
    if (!t) {
      t = factory.namedNode(v);
      iris.set(v, t);
    }
    return t;
  };
  const g = factory.defaultGraph();
  return (s, p, o, k) => factory.quad(iri(s), p, k === null ? iri(o) : factory.literal(o, k), g);
}

const NOTHING = (): void => {};

/**
 * The triples of a parsed record document, made from its records each time they are read (in the same order every
 * time): nothing is stored per triple. Read them with `forEach`, as N-Quads text (`writeNQuads`), as RDF/JS quads
 * one record at a time (iteration) or all at once (`toQuads`). The records are read when the triples are: change
 * neither the input nor the parsed document before you have read them.
 */
export class Triples implements Iterable<Quad> {
  #size: number | undefined;

  constructor(
    private readonly doc: RecordDocument | undefined,
    /** Input paths of the records, for origins (see `origins`). */
    private readonly paths?: PathIndex,
  ) {
    if (!doc) this.#size = 0;
  }

  /** How many triples there are (counted on the first reading, or by one when asked first). */
  get size(): number {
    if (this.#size === undefined) this.forEach(NOTHING);
    return this.#size!;
  }

  /** Calls `fn` for each triple, in order. */
  forEach(fn: TripleCallback): void {
    this.#read(new TripleSink(fn));
  }

  /**
   * Reads every triple once and returns, for each subject (or only for `subjects`: what a report on a large season
   * needs), the record and input field behind each predicate.
   */
  origins(subjects?: ReadonlySet<string>, predicates?: ReadonlyMap<string, ReadonlySet<string>>): Origins {
    const origins = new Map<string, Origin>();
    this.#read(new TripleSink(NOTHING, origins, subjects, predicates));
    return origins;
  }

  #read(sink: TripleSink): void {
    if (!this.doc) return;
    emitDocument(this.doc, sink, this.paths);
    this.#size = sink.count;
  }

  /** RDF/JS quads in the default graph, in order. */
  toQuads(): Quad[] {
    const make = quadMaker();
    const out: Quad[] = [];
    this.forEach((s, p, o, k) => out.push(make(s, p, o, k)));
    return out;
  }

  /**
   * Writes the triples as canonical N-Triples lines (N-Quads in the default graph), in chunks of about
   * `chunkSize` characters: no term objects are made.
   */
  writeNQuads(write: (chunk: string) => void, chunkSize = 1 << 16): void {
    let buf = "";
    this.forEach((s, p, o, k) => {
      buf += nquadLine(s, p, o, k);
      if (buf.length >= chunkSize) {
        write(buf);
        buf = "";
      }
    });
    if (buf) write(buf);
  }

  /**
   * The same N-Quads text as `writeNQuads`, as chunks of at least `chunkSize` characters (the last one shorter), cut
   * between records: a writer that waits for its stream to drain between chunks holds one chunk at a time.
   */
  *nquadChunks(chunkSize = 1 << 16): Generator<string, void, undefined> {
    if (!this.doc) return;
    let buf = "";
    const sink = new TripleSink((s, p, o, k) => void (buf += nquadLine(s, p, o, k)));
    for (const _ of emitRecords(this.doc, sink, this.paths)) {
      if (buf.length >= chunkSize) {
        yield buf;
        buf = "";
      }
    }
    this.#size = sink.count;
    if (buf) yield buf;
  }

  /** Quads made as they are read, one record's at a time (no more are held): for writers that stream them out. */
  *[Symbol.iterator](): Iterator<Quad> {
    if (!this.doc) return;
    const make = quadMaker();
    const batch: Quad[] = [];
    const sink = new TripleSink((s, p, o, k) => batch.push(make(s, p, o, k)));
    for (const _ of emitRecords(this.doc, sink, this.paths)) {
      yield* batch;
      batch.length = 0;
    }
    this.#size = sink.count;
  }
}
