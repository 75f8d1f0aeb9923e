// The hot path: records → RDF without JSON-LD processing. Triples are kept as columns of shared references
// (subject and object strings, predicate and datatype terms): no object per triple or per literal until a
// caller asks for RDF/JS quads, so mapping a large season does not fill the heap with millions of small objects.

import { DataFactory } from "rdf-data-factory";
import type { NamedNode, Quad } from "@rdfjs/types";
import type { Sink } from "./sink.js";
import type { Origin, RecordRef } from "./types.js";

// Quads are made with rdf-data-factory: its literals keep value, language and datatype as fields, where n3's
// build an id string per literal and slice it back on every read of `value`.
const factory = new DataFactory();

interface MutableOrigin extends RecordRef {
  readonly fields: Map<string, string>;
}

const CHUNK = 1 << 14; // triples per chunk
const XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";

// Canonical N-Triples (RDF 1.2): U+0000–U+001F, `"`, `\`, U+007F, U+FFFE and U+FFFF are escaped, short forms first.
// IRIs need no escaping: entity IRIs are minted from percent-encoded ids and record IRIs are checked on input.
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\u007f\ufffe\uffff]/;
const ESCAPE_ALL = /[\u0000-\u001f"\\\u007f\ufffe\uffff]/g;
const SHORT: Readonly<Record<string, string>> = { "\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r", "\b": "\\b", "\f": "\\f" };
function escapeLiteral(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(ESCAPE_ALL, (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}

/** Ids of predicates and kinds fit in 16 and 15 bits of a triple's code. */
const MAX_PREDICATES = 1 << 16;
const MAX_KINDS = 1 << 15;

/**
 * Triples as two columns in fixed-size chunks: a 32-bit code (predicate id, kind id, and a bit set on the first
 * triple of each run about one subject) in a Uint32Array, which the garbage collector neither traces nor copies,
 * and the object string in a plain array. Subjects are kept once per run (the emitters write an entity's triples
 * together). The kind says what the object is: 0 an IRI, else the datatype (a NamedNode) of a literal or its
 * language tag (a string). Fresh memory is what costs here (each new page is faulted in): 4 bytes of code and one
 * reference per triple.
 */
export class TripleTable implements Iterable<Quad> {
  private readonly codes: Uint32Array[] = [];
  private readonly objects: string[][] = [];
  private codeChunk = new Uint32Array(CHUNK);
  private objectChunk: string[] = new Array<string>(CHUNK);
  private used = 0;
  private full = 0;
  /** Subject of each run (in chunks too: one growing array would be copied as it grows), predicates and kinds by id. */
  private readonly subjects: string[][] = [];
  private subjectChunk: string[] = new Array<string>(CHUNK);
  private subjectsUsed = 0;
  private lastSubject: string | undefined;
  private readonly predicates: NamedNode[] = [];
  private readonly predicateIds = new Map<NamedNode, number>();
  private readonly kinds: (NamedNode | string | null)[] = [null];
  private readonly kindIds = new Map<NamedNode | string, number>();

  get size(): number {
    return this.full + this.used;
  }

  push(s: string, p: NamedNode, o: string, kind: NamedNode | string | null): void {
    if (this.used === CHUNK) {
      this.codes.push(this.codeChunk);
      this.objects.push(this.objectChunk);
      this.full += CHUNK;
      this.codeChunk = new Uint32Array(CHUNK);
      this.objectChunk = new Array<string>(CHUNK);
      this.used = 0;
    }
    let code = 0;
    if (s !== this.lastSubject) {
      if (this.subjectsUsed === CHUNK) {
        this.subjects.push(this.subjectChunk);
        this.subjectChunk = new Array<string>(CHUNK);
        this.subjectsUsed = 0;
      }
      this.subjectChunk[this.subjectsUsed++] = s;
      this.lastSubject = s;
      code = 1;
    }
    let pid = this.predicateIds.get(p);
    if (pid === undefined) {
      if (this.predicates.length === MAX_PREDICATES) throw new RangeError(`a triple table holds at most ${MAX_PREDICATES} predicates`);
      pid = this.predicates.push(p) - 1;
      this.predicateIds.set(p, pid);
    }
    if (kind !== null) {
      let kid = this.kindIds.get(kind);
      if (kid === undefined) {
        if (this.kinds.length === MAX_KINDS) throw new RangeError(`a triple table holds at most ${MAX_KINDS - 1} datatypes and language tags`);
        kid = this.kinds.push(kind) - 1;
        this.kindIds.set(kind, kid);
      }
      code |= kid << 1;
    }
    const i = this.used;
    this.codeChunk[i] = pid * 65536 + code;
    this.objectChunk[i] = o;
    this.used = i + 1;
  }

  /** Reads the subjects of the runs in order. */
  #subjectReader(): () => string {
    const chunks = [...this.subjects, this.subjectChunk];
    let c = 0;
    let i = 0;
    return () => {
      if (i === CHUNK) {
        c++;
        i = 0;
      }
      return chunks[c]![i++]!;
    };
  }

  /**
   * Calls `fn` for each triple of chunk `c`, in order. A run's subject may continue from the chunk before:
   * `subject` is the current one, and the current one at the chunk's end is returned.
   */
  #decode(c: number, next: () => string, subject: string, fn: (s: string, p: NamedNode, o: string, kind: NamedNode | string | null) => void): string {
    const last = c === this.codes.length;
    const codes = last ? this.codeChunk : this.codes[c]!;
    const objects = last ? this.objectChunk : this.objects[c]!;
    const end = last ? this.used : CHUNK;
    const { predicates, kinds } = this;
    for (let i = 0; i < end; i++) {
      const code = codes[i]!;
      if (code & 1) subject = next();
      fn(subject, predicates[code >>> 16]!, objects[i]!, kinds[(code & 0xffff) >>> 1]!);
    }
    return subject;
  }

  /** Calls `fn` for each triple, in the order they were emitted. */
  forEach(fn: (s: string, p: NamedNode, o: string, kind: NamedNode | string | null) => void): void {
    const next = this.#subjectReader();
    let subject = "";
    for (let c = 0; c <= this.codes.length; c++) subject = this.#decode(c, next, subject, fn);
  }

  /** A term maker for this table: IRIs that recur share one NamedNode. */
  private static terms(): (s: string, p: NamedNode, o: string, k: NamedNode | string | null) => Quad {
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

  /** RDF/JS quads in the default graph, in emission order. */
  toQuads(): Quad[] {
    const make = TripleTable.terms();
    const out = new Array<Quad>(this.size);
    let n = 0;
    this.forEach((s, p, o, k) => {
      out[n++] = make(s, p, o, k);
    });
    return out;
  }

  /**
   * Writes the triples as canonical N-Triples lines (N-Quads in the default graph), in chunks of about
   * `chunkSize` characters, straight from the table: no term objects are made.
   */
  writeNQuads(write: (chunk: string) => void, chunkSize = 1 << 16): void {
    let buf = "";
    this.forEach((s, p, o, k) => {
      buf += `<${s}> <${p.value}> ${k === null ? `<${o}>` : typeof k === "string" ? `"${escapeLiteral(o)}"@${k}` : k.value === XSD_STRING ? `"${escapeLiteral(o)}"` : `"${escapeLiteral(o)}"^^<${k.value}>`} .\n`;
      if (buf.length >= chunkSize) {
        write(buf);
        buf = "";
      }
    });
    if (buf) write(buf);
  }

  /** Quads made as they are read, a chunk of the table at a time (no more are held): for writers that stream them out. */
  *[Symbol.iterator](): Iterator<Quad> {
    const make = TripleTable.terms();
    const next = this.#subjectReader();
    let subject = "";
    for (let c = 0; c <= this.codes.length; c++) {
      const batch: Quad[] = [];
      subject = this.#decode(c, next, subject, (s, p, o, k) => batch.push(make(s, p, o, k)));
      yield* batch;
    }
  }
}

export class QuadSink implements Sink {
  readonly table = new TripleTable();
  readonly origins = new Map<string, Origin>();

  constructor(private readonly trackOrigins: boolean) {}

  get keepsFields(): boolean {
    return this.trackOrigins;
  }

  subject(subject: string, origin: RecordRef): void {
    if (this.trackOrigins && !this.origins.has(subject)) this.origins.set(subject, { ...origin, fields: new Map() } as MutableOrigin);
  }

  private track(subject: string, predicate: NamedNode, field: string): void {
    if (!this.trackOrigins) return;
    const o = this.origins.get(subject) as MutableOrigin | undefined;
    if (o && !o.fields.has(predicate.value)) o.fields.set(predicate.value, field);
  }

  iri(s: string, p: NamedNode, o: string | NamedNode, field: string): void {
    this.table.push(s, p, typeof o === "string" ? o : o.value, null);
    this.track(s, p, field);
  }

  literal(s: string, p: NamedNode, value: string, datatype: NamedNode, field: string): void {
    this.table.push(s, p, value, datatype);
    this.track(s, p, field);
  }

  text(s: string, p: NamedNode, value: string, lang: string, field: string): void {
    this.table.push(s, p, value, lang);
    this.track(s, p, field);
  }
}
