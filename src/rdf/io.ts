// RDF text ⇄ RDF/JS quads in every format Vivant reads or writes; parse errors carry a line and a column.

import { parse as parseJsonc, type ParseError } from "jsonc-parser";
import { tx } from "../i18n.js";
import { Parser, Writer } from "n3";
import type { Quad } from "@rdfjs/types";
import { InputError, type ProblemCode } from "../errors.js";
import { jsonLdToQuads } from "../jsonld/convert.js";
import { SCHEMA, XSD, ADO, ADR } from "../vocab.js";

export type RdfFormat = "turtle" | "ntriples" | "nquads" | "trig" | "jsonld";
export const RDF_FORMATS: readonly RdfFormat[] = ["turtle", "ntriples", "nquads", "trig", "jsonld"];

const MEDIA_TYPES: Readonly<Record<RdfFormat, string>> = {
  turtle: "text/turtle",
  ntriples: "application/n-triples",
  nquads: "application/n-quads",
  trig: "application/trig",
  jsonld: "application/ld+json",
};

export function mediaTypeOf(format: RdfFormat): string {
  return MEDIA_TYPES[format];
}

/** `text/turtle; charset=utf-8` → `turtle`; undefined when not an RDF media type. */
export function formatFromMediaType(mediaType: string): RdfFormat | undefined {
  const base = mediaType.split(";")[0]!.trim().toLowerCase();
  for (const [f, m] of Object.entries(MEDIA_TYPES)) if (m === base) return f as RdfFormat;
  if (base === "application/json") return "jsonld";
  if (base === "text/n3") return "turtle";
  return undefined;
}

/** From a file name's extension; undefined when unknown. */
export function formatFromPath(path: string): RdfFormat | undefined {
  const ext = path.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  switch (ext) {
    case "ttl":
    case "turtle":
    case "shacl":
      return "turtle";
    case "nt":
      return "ntriples";
    case "nq":
      return "nquads";
    case "trig":
      return "trig";
    case "jsonld":
    case "json":
      return "jsonld";
    default:
      return undefined;
  }
}

const N3_FORMATS: Readonly<Record<Exclude<RdfFormat, "jsonld">, string>> = {
  turtle: "text/turtle",
  ntriples: "application/n-triples",
  nquads: "application/n-quads",
  trig: "application/trig",
};

export interface ParseOptions {
  readonly baseIri?: string;
  /** Name of the source, used in error messages. */
  readonly source?: string;
}

/** Parses RDF text. Throws InputError (`rdf/syntax`) with the line and column of the first error. */
export async function parseRdf(text: string, format: RdfFormat, options: ParseOptions = {}): Promise<Quad[]> {
  const source = options.source ?? "input";
  if (format === "jsonld") {
    const doc = parseJsonText(text, source);
    return jsonLdToQuads(doc, options.baseIri !== undefined ? { base: options.baseIri } : {});
  }
  try {
    const parser = new Parser({ format: N3_FORMATS[format], ...(options.baseIri ? { baseIRI: options.baseIri } : {}) });
    return parser.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const line = Number((e as { context?: { line?: number } }).context?.line ?? message.match(/line (\d+)/)?.[1] ?? 0);
    const column = columnOfN3Error(text, line, (e as { context?: { token?: N3Token } }).context?.token);
    throw new InputError("rdf/syntax", tx("rdf/syntax", { source, line, column, detail: message }), {
      hint: tx("rdf/syntax.hint", { format }),
      line,
      column,
      cause: e,
    });
  }
}

/** The token n3 stopped at: its value, and (n3 2.x) its line and 0-based start in that line. */
interface N3Token {
  readonly value?: string;
  readonly line?: number;
  readonly start?: number;
}

function columnOfN3Error(text: string, line: number, token: N3Token | undefined): number {
  if (!line) return 0;
  // n3 says where the token starts; searching the line for its value would find an earlier token with the same
  // value, or nothing for a token without one (".", ";").
  const start = token?.line === line ? token.start : undefined;
  if (start !== undefined && Number.isInteger(start) && start >= 0) return start + 1;
  const content = text.split(/\r?\n/)[line - 1] ?? "";
  if (token?.value) {
    const at = content.indexOf(token.value);
    if (at >= 0) return at + 1;
  }
  return 1;
}

/** Node 20 reports `at position N`; turn it into a 1-based line and column. */
export function jsonErrorPosition(text: string, e: unknown): { line: number; column: number } {
  // V8 names a position for some errors only ("Unexpected token '}', … is not valid JSON" has none): then the
  // position of the first error comes from a JSON scanner (jsonc-parser, comments and trailing commas refused).
  let pos = Number((e as Error).message.match(/position (\d+)/)?.[1] ?? NaN);
  if (Number.isNaN(pos)) {
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    pos = errors[0]?.offset ?? text.length;
  }
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  return { line, column: pos - before.lastIndexOf("\n") };
}

/**
 * Parses JSON text as people and tools write it: byte-order marks at the start are dropped (Windows editors and
 * Excel write one); a syntax error is an InputError (`code`) with the line and column of the error itself.
 */
export function parseJsonText(text: string, source: string, code: ProblemCode = "rdf/syntax"): unknown {
  const body = text.replace(/^\uFEFF+/, "");
  try {
    return JSON.parse(body);
  } catch (e) {
    const { line, column } = jsonErrorPosition(body, e);
    throw new InputError(code, tx("json/syntax", { source, line, column, detail: (e as Error).message }), {
      hint: tx("json/syntax.hint"),
      line,
      column,
      cause: e,
    });
  }
}

/** Prefixes used when writing Turtle/TriG for people. */
export const DEFAULT_PREFIXES: Readonly<Record<string, string>> = { schema: SCHEMA, xsd: XSD, ado: ADO, adr: ADR };

/** Serialises quads with n3 (Turtle, TriG, N-Triples, N-Quads). For JSON-LD use the mapping's graph form. */
export function serializeRdf(
  quads: readonly Quad[],
  format: Exclude<RdfFormat, "jsonld">,
  prefixes = DEFAULT_PREFIXES,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const writer = new Writer({
      format: N3_FORMATS[format],
      ...(format === "turtle" || format === "trig" ? { prefixes } : {}),
    });
    writer.addQuads(quads as never);
    writer.end((err: Error | null, out: string) => (err ? reject(err) : resolve(out)));
  });
}
