// RDF/JS quads → N-Triples text for the store and its files: strict term checks here so that the
// (lenient, fast) load into Oxigraph never fails half-way through a graph.

import type { Quad, Term } from "@rdfjs/types";
import { InputError } from "../errors.js";
import { tx, txBy } from "../i18n.js";
import { escapeLiteral } from "../rdf/ntriples.js";

/** The words `checkIri` is called with, in French. */
const WHERE_FR: Readonly<Record<string, string>> = { graph: "graphe", datatype: "type de données", IRI: "IRI" };

/** Triples per chunk: loading Oxigraph in ~100k-triple batches avoids its slow path on big loads. */
export const CHUNK_TRIPLES = 100_000;

// RFC 3987 forbids these in an IRI; a scheme is required (relative IRIs have no meaning in a store).
const BAD_IRI = /[\u0000-\u0020<>"{}|^`\\]/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// RFC 5646 well-formed tags (langtag | privateuse | grandfathered irregular/regular), as Oxigraph checks them.
const LANGTAG =
  /^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?|x(?:-[a-z0-9]{1,8})+|en-gb-oed|i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn|tao|tay|tsu)|sgn-(?:be-fr|be-nl|ch-de)|art-lojban|cel-gaulish|no-bok|no-nyn|zh-(?:guoyu|hakka|min|min-nan|xiang))$/i;
const BNODE_LABEL = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export function checkIri(iri: string, where = "IRI"): void {
  if (!SCHEME.test(iri) || BAD_IRI.test(iri)) {
    throw new InputError(
      "store/invalid-iri",
      txBy("store/invalid-iri", (lang) => ({
        where: lang === "fr" ? (WHERE_FR[where] ?? where) : where,
        iri: JSON.stringify(iri),
      })),
      {
        hint: tx("store/invalid-iri.hint"),
      },
    );
  }
}

export function isValidLanguageTag(tag: string): boolean {
  return LANGTAG.test(tag);
}

/**
 * Blank-node labels are made safe and unique per graph: Oxigraph gives blank nodes a fresh id per
 * load call, and publishers must never share a blank node by accident.
 */
function bnodeLabel(value: string, salt: string): string {
  const v = BNODE_LABEL.test(value) && !value.endsWith(".") ? value : Buffer.from(value).toString("hex");
  return `_:${salt}${v}`;
}

/** One term in N-Triples syntax. */
export function termToNTriples(t: Term, salt = ""): string {
  switch (t.termType) {
    case "NamedNode":
      checkIri(t.value);
      return `<${t.value}>`;
    case "BlankNode":
      return bnodeLabel(t.value, salt);
    case "Literal": {
      const v = `"${escapeLiteral(t.value)}"`;
      if (t.language) {
        if (!isValidLanguageTag(t.language)) {
          throw new InputError(
            "store/invalid-language-tag",
            tx("store/invalid-language-tag", { tag: JSON.stringify(t.language), value: v }),
            {
              hint: tx("store/invalid-language-tag.hint"),
            },
          );
        }
        return `${v}@${t.language}`;
      }
      const dt = t.datatype.value;
      if (dt === "http://www.w3.org/2001/XMLSchema#string") return v;
      checkIri(dt, "datatype");
      return `${v}^^<${dt}>`;
    }
    default:
      throw new InputError("store/invalid-term", tx("store/invalid-term", { type: t.termType }), {
        hint: tx("store/invalid-term.hint"),
      });
  }
}

/** A graph as N-Triples: triples without blank nodes in ~100k-triple chunks, and those with blank nodes apart. */
export interface NTriplesGraph {
  /** Chunks of triples without blank nodes, each loadable on its own. */
  readonly chunks: readonly string[];
  /** Triples that mention a blank node: loaded in one call so that a label names one node. */
  readonly bnodeChunk: string;
  readonly triples: number;
}

/** The same triples as `NTriplesGraph`, already UTF-8 encoded (what a graph file holds). */
export interface EncodedNTriples {
  readonly chunks: readonly Buffer[];
  readonly bnodeChunk: Buffer;
  readonly triples: number;
}

/** FNV-1a over a string's UTF-16 code units. */
function hashLine(line: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < line.length; i++) h = Math.imul(h ^ line.charCodeAt(i), 0x01000193);
  return h | 0;
}

function grown(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= a.length) return a;
  const b = new Int32Array(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}

/**
 * The lines of a graph being serialised, deduplicated exactly while holding only a 32-bit hash and a position per
 * line: the text itself lives once, in the chunks (a line is read back from its chunk only when hashes match).
 */
class LineChunks<C extends string | Buffer> {
  readonly chunks: C[] = [];
  readonly bnodeLines: string[] = [];
  triples = 0;
  #current: string[] = [];
  #currentIds: number[] = [];
  // Per line id: its chunk (-1: blank-node lines; chunks.length: the chunk being filled), index there, offset, length.
  #chunkOf = new Int32Array(1 << 12);
  #index = new Int32Array(1 << 12);
  #start = new Int32Array(1 << 12);
  #length = new Int32Array(1 << 12);
  #hashes = new Int32Array(1 << 12);
  #table = new Int32Array(1 << 13);

  constructor(
    private readonly encode: (text: string) => C,
    private readonly measure: (line: string) => number,
    private readonly read: (chunk: C, start: number, end: number) => string,
  ) {}

  #lineAt(id: number): string {
    const c = this.#chunkOf[id]!;
    if (c === -1) return this.bnodeLines[this.#index[id]!]!;
    if (c === this.chunks.length) return this.#current[this.#index[id]!]!;
    return this.read(this.chunks[c]!, this.#start[id]!, this.#start[id]! + this.#length[id]!);
  }

  #rehash(size: number): void {
    this.#table = new Int32Array(size);
    const mask = size - 1;
    for (let id = 0; id < this.triples; id++) {
      let i = this.#hashes[id]! & mask;
      while (this.#table[i] !== 0) i = (i + 1) & mask;
      this.#table[i] = id + 1;
    }
  }

  /** Adds a line unless the graph has it already; false for a duplicate. */
  add(line: string, bnode: boolean): boolean {
    const h = hashLine(line);
    const mask = this.#table.length - 1;
    let i = h & mask;
    for (let slot = this.#table[i]!; slot !== 0; i = (i + 1) & mask, slot = this.#table[i]!) {
      if (this.#hashes[slot - 1] === h && this.#lineAt(slot - 1) === line) return false;
    }
    const id = this.triples++;
    const n = id + 1;
    this.#chunkOf = grown(this.#chunkOf, n);
    this.#index = grown(this.#index, n);
    this.#start = grown(this.#start, n);
    this.#length = grown(this.#length, n);
    this.#hashes = grown(this.#hashes, n);
    this.#hashes[id] = h;
    if (bnode) {
      this.#chunkOf[id] = -1;
      this.#index[id] = this.bnodeLines.length;
      this.bnodeLines.push(line);
    } else {
      this.#chunkOf[id] = this.chunks.length;
      this.#index[id] = this.#current.length;
      this.#current.push(line);
      this.#currentIds.push(id);
    }
    if (2 * this.triples > this.#table.length) {
      this.#rehash(this.#table.length * 2);
    } else this.#table[i] = n;
    if (this.#current.length === CHUNK_TRIPLES) this.flush();
    return true;
  }

  /** Closes the chunk being filled (one string, or its UTF-8 bytes). */
  flush(): void {
    if (!this.#current.length) return;
    let at = 0;
    for (let k = 0; k < this.#current.length; k++) {
      const id = this.#currentIds[k]!;
      const len = this.measure(this.#current[k]!);
      this.#start[id] = at;
      this.#length[id] = len;
      at += len;
    }
    this.chunks.push(this.encode(this.#current.join("")));
    this.#current = [];
    this.#currentIds = [];
  }
}

/** Reads quads into deduplicated lines (one shared loop for the text and the encoded forms). */
function serialiseLines<C extends string | Buffer>(quads: Iterable<Quad>, salt: string, lines: LineChunks<C>): void {
  const iriCache = new Map<string, string>();
  // IRIs repeat a lot (predicates, types, shared nodes): check and format each once.
  const iri = (t: Term): string => {
    let s = iriCache.get(t.value);
    if (s === undefined) {
      s = termToNTriples(t);
      iriCache.set(t.value, s);
    }
    return s;
  };
  for (const q of quads) {
    const s = q.subject.termType === "NamedNode" ? iri(q.subject) : termToNTriples(q.subject, salt);
    const p = q.predicate.termType === "NamedNode" ? iri(q.predicate) : termToNTriples(q.predicate, salt);
    const o = q.object.termType === "NamedNode" ? iri(q.object) : termToNTriples(q.object, salt);
    lines.add(`${s} ${p} ${o} .\n`, q.subject.termType === "BlankNode" || q.object.termType === "BlankNode");
  }
  lines.flush();
}

/**
 * Serialises quads as the triples of one graph (each quad's graph term is ignored) and drops duplicates.
 * @param salt prefix of blank-node labels, unique per graph and version.
 */
export function quadsToNTriples(quads: Iterable<Quad>, salt: string): NTriplesGraph {
  const lines = new LineChunks<string>(
    (t) => t,
    (l) => l.length,
    (c, a, b) => c.slice(a, b),
  );
  serialiseLines(quads, salt, lines);
  return { chunks: lines.chunks, bnodeChunk: lines.bnodeLines.join(""), triples: lines.triples };
}

/**
 * `quadsToNTriples` encoded as UTF-8 chunk by chunk: a large graph is held once, as bytes, never as text as well.
 * @param salt prefix of blank-node labels, unique per graph and version.
 */
export function quadsToEncodedNTriples(quads: Iterable<Quad>, salt: string): EncodedNTriples {
  const lines = new LineChunks<Buffer>(
    (t) => Buffer.from(t, "utf8"),
    (l) => Buffer.byteLength(l, "utf8"),
    (c, a, b) => c.toString("utf8", a, b),
  );
  serialiseLines(quads, salt, lines);
  return { chunks: lines.chunks, bnodeChunk: Buffer.from(lines.bnodeLines.join(""), "utf8"), triples: lines.triples };
}
