// RDF/JS quads → N-Triples text for the store and its files: strict term checks here so that the
// (lenient, fast) load into Oxigraph never fails half-way through a graph.

import type { Quad, Term } from "@rdfjs/types";
import { InputError } from "../errors.js";

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
    throw new InputError("store/invalid-iri", `${where} ${JSON.stringify(iri)} is not an absolute IRI`, {
      hint: "use an absolute http(s) IRI without spaces or <>\"{}|^`\\ characters (percent-encode them)",
    });
  }
}

export function isValidLanguageTag(tag: string): boolean {
  return LANGTAG.test(tag);
}

function escapeLiteral(s: string): string {
  // Fast path: most literals need no escaping.
  if (!/["\\\n\r]/.test(s)) return s;
  return s.replace(/["\\\n\r]/g, (c) => (c === '"' ? '\\"' : c === "\\" ? "\\\\" : c === "\n" ? "\\n" : "\\r"));
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
          throw new InputError("store/invalid-language-tag", `language tag ${JSON.stringify(t.language)} of ${v} is not BCP 47`, {
            hint: "use a tag such as fr, en, fr-CA or zh-Hant",
          });
        }
        return `${v}@${t.language}`;
      }
      const dt = t.datatype.value;
      if (dt === "http://www.w3.org/2001/XMLSchema#string") return v;
      checkIri(dt, "datatype");
      return `${v}^^<${dt}>`;
    }
    default:
      throw new InputError("store/invalid-term", `a ${t.termType} cannot be stored in a triple`, {
        hint: "give ground triples (no variables, no quoted triples)",
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

/**
 * Serialises quads as the triples of one graph (each quad's graph term is ignored) and drops duplicates.
 * @param salt prefix of blank-node labels, unique per graph and version.
 */
export function quadsToNTriples(quads: Iterable<Quad>, salt: string): NTriplesGraph {
  const chunks: string[] = [];
  const seen = new Set<string>();
  let current: string[] = [];
  const bnodeLines: string[] = [];
  let triples = 0;
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
    const line = `${s} ${p} ${o} .\n`;
    if (seen.has(line)) continue;
    seen.add(line);
    triples++;
    if (q.subject.termType === "BlankNode" || q.object.termType === "BlankNode") {
      bnodeLines.push(line);
      continue;
    }
    current.push(line);
    if (current.length === CHUNK_TRIPLES) {
      chunks.push(current.join(""));
      current = [];
    }
  }
  if (current.length) chunks.push(current.join(""));
  return { chunks, bnodeChunk: bnodeLines.join(""), triples };
}
