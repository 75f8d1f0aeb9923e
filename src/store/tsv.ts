// SPARQL 1.1 Query Results TSV → RDF/JS bindings. The store's own SELECTs ask Oxigraph for TSV: writing it
// costs Oxigraph about half of what JSON does, and it parses with two splits (tabs and newlines in literals
// are escaped). Terms are written in Turtle syntax; numbers and booleans may be bare.

import { tx } from "../i18n.js";
import type { Term } from "@rdfjs/types";
import { DataFactory } from "n3";
import { UsageError } from "../errors.js";
import type { Bindings, SelectResult } from "./types.js";
import { forEachInSlices } from "../turns.js";

const { namedNode, blankNode, literal } = DataFactory;

const XSD = "http://www.w3.org/2001/XMLSchema#";
const BOOLEAN = namedNode(`${XSD}boolean`);
const INTEGER = namedNode(`${XSD}integer`);
const DECIMAL = namedNode(`${XSD}decimal`);
const DOUBLE = namedNode(`${XSD}double`);

const ECHAR: Readonly<Record<string, string>> = {
  t: "\t",
  n: "\n",
  r: "\r",
  b: "\b",
  f: "\f",
  '"': '"',
  "'": "'",
  "\\": "\\",
};

/** A quoted string's content with Turtle escapes (ECHAR, \uXXXX, \UXXXXXXXX) resolved. */
function unescape(s: string): string {
  // Most literals have no escape at all.
  if (!s.includes("\\")) return s;
  return s.replace(
    /\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))/g,
    (_, u4: string | undefined, u8: string | undefined, c: string | undefined) =>
      u4 !== undefined
        ? String.fromCharCode(parseInt(u4, 16))
        : u8 !== undefined
          ? String.fromCodePoint(parseInt(u8, 16))
          : (ECHAR[c!] ?? c!),
  );
}

function bad(cell: string): UsageError {
  return new UsageError("store/unsupported-term", tx("store/bad-tsv", { value: JSON.stringify(cell.slice(0, 80)) }), {
    hint: tx("store/bad-tsv.hint"),
  });
}

/** One TSV cell as an RDF/JS term. */
export function tsvTerm(cell: string): Term {
  const c = cell.charCodeAt(0);
  if (c === 60 /* < */) {
    if (cell.charCodeAt(1) === 60) throw bad(cell);
    return namedNode(cell.slice(1, -1));
  }
  if (c === 34 /* " */) {
    const end = cell.lastIndexOf('"');
    const value = unescape(cell.slice(1, end));
    if (end === cell.length - 1) return literal(value);
    if (cell.charCodeAt(end + 1) === 64 /* @ */) return literal(value, cell.slice(end + 2));
    // ^^<datatype>
    return literal(value, namedNode(cell.slice(end + 4, -1)));
  }
  if (c === 95 /* _ */ && cell.charCodeAt(1) === 58) return blankNode(cell.slice(2));
  // Bare Turtle numbers and booleans.
  if (cell === "true" || cell === "false") return literal(cell, BOOLEAN);
  if (/^[+-]?[0-9]+$/.test(cell)) return literal(cell, INTEGER);
  if (/^[+-]?[0-9]*\.[0-9]+$/.test(cell)) return literal(cell, DECIMAL);
  if (/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+$/.test(cell)) return literal(cell, DOUBLE);
  throw bad(cell);
}

/** The variables of a TSV answer (its first line). */
function tsvVariables(text: string): string[] {
  const nl = text.indexOf("\n");
  const head = nl < 0 ? text : text.slice(0, nl);
  return head ? head.split("\t").map((v) => v.slice(1)) : [];
}

/**
 * The rows of a SPARQL 1.1 Query Results TSV answer (as Oxigraph writes it), one at a time: nothing but the
 * text is held, so a large answer's rows die young instead of all living until the last one is read.
 */
export function* sparqlTsvRows(text: string): Generator<Bindings, void, undefined> {
  const variables = tsvVariables(text);
  let start = text.indexOf("\n") + 1;
  if (start === 0) return;
  // Every row ends with a newline.
  for (let nl = text.indexOf("\n", start); nl >= 0; start = nl + 1, nl = text.indexOf("\n", start)) {
    yield tsvRow(text.slice(start, nl), variables);
  }
  if (start < text.length) yield tsvRow(text.slice(start), variables);
}

function tsvRow(line: string, variables: readonly string[]): Bindings {
  const cells = line.split("\t");
  const row: Record<string, Term> = {};
  for (let j = 0; j < variables.length; j++) {
    const cell = cells[j];
    if (cell) row[variables[j]!] = tsvTerm(cell);
  }
  return row;
}

/**
 * `parseSparqlTsv` in slices of SLICE rows with a turn of the event loop between two (see src/turns.ts): what a
 * server's HTTP thread uses for an answer that may be large (the reconciliation index's scans at a million triples).
 */
export async function parseSparqlTsvInSlices(text: string): Promise<SelectResult> {
  const bindings: Bindings[] = [];
  await forEachInSlices(sparqlTsvRows(text), (row) => bindings.push(row));
  return { variables: tsvVariables(text), bindings };
}

/** Parses SPARQL 1.1 Query Results TSV (as Oxigraph writes it) into RDF/JS bindings. */
export function parseSparqlTsv(text: string): SelectResult {
  return { variables: tsvVariables(text), bindings: Array.from(sparqlTsvRows(text)) };
}
