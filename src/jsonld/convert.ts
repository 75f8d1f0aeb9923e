// JSON-LD ⇄ RDF/JS quads through jsonld.js, with the static loader and safe mode (a dropped term is an error).

import { tx } from "../i18n.js";
import jsonld from "jsonld";
import { DataFactory } from "n3";
import type { Quad, Term } from "@rdfjs/types";
import { InputError } from "../errors.js";
import { staticDocumentLoader } from "./loader.js";

const { namedNode, blankNode, literal, defaultGraph, quad } = DataFactory;

interface PlainTerm {
  termType: string;
  value: string;
  language?: string;
  datatype?: { value: string };
}
interface PlainQuad {
  subject: PlainTerm;
  predicate: PlainTerm;
  object: PlainTerm;
  graph: PlainTerm;
}

function term(t: PlainTerm): Term {
  switch (t.termType) {
    case "NamedNode":
      return namedNode(t.value);
    case "BlankNode":
      return blankNode(t.value.replace(/^_:/, ""));
    case "Literal":
      return t.language
        ? literal(t.value, t.language)
        : literal(t.value, namedNode(t.datatype?.value ?? "http://www.w3.org/2001/XMLSchema#string"));
    default:
      return defaultGraph();
  }
}

export interface ToQuadsOptions {
  /** Base IRI for relative references. */
  readonly base?: string;
  /**
   * Safe mode: fail instead of silently dropping a term that does not expand to an IRI.
   * @default true
   */
  readonly safe?: boolean;
}

/** Expands a JSON-LD document (any context, pinned loader) to RDF/JS quads. Throws InputError with the spec's code. */
export async function jsonLdToQuads(doc: unknown, options: ToQuadsOptions = {}): Promise<Quad[]> {
  try {
    const out = (await jsonld.toRDF(
      doc as jsonld.JsonLdDocument,
      {
        documentLoader: staticDocumentLoader as never,
        safe: options.safe ?? true,
        ...(options.base !== undefined ? { base: options.base } : {}),
      } as jsonld.Options.ToRdf,
    )) as unknown as PlainQuad[];
    return out.map((q) =>
      quad(term(q.subject) as never, term(q.predicate) as never, term(q.object) as never, term(q.graph) as never),
    );
  } catch (e) {
    throw jsonLdError(e);
  }
}

/** Expands a JSON-LD document with the pinned loader. */
export async function expandJsonLd(doc: unknown, options: ToQuadsOptions = {}): Promise<unknown[]> {
  try {
    return await jsonld.expand(
      doc as jsonld.JsonLdDocument,
      {
        documentLoader: staticDocumentLoader as never,
        safe: options.safe ?? true,
        ...(options.base !== undefined ? { base: options.base } : {}),
      } as jsonld.Options.Expand,
    );
  } catch (e) {
    throw jsonLdError(e);
  }
}

/** RDF/JS quads → expanded JSON-LD (give parsed quads: jsonld.js is quadratic on N-Quads strings). */
export async function quadsToJsonLd(quads: readonly Quad[]): Promise<unknown[]> {
  const plain = quads.map((q) => ({
    subject: plainTerm(q.subject),
    predicate: plainTerm(q.predicate),
    object: plainTerm(q.object),
    graph: plainTerm(q.graph),
  }));
  return await jsonld.fromRDF(plain, { useNativeTypes: false });
}

/**
 * Compacts expanded JSON-LD with the pinned schema.org context (`"@context": "https://schema.org/"`): the form a
 * page carries. One node gives one object; several give an `@graph`.
 */
export async function compactJsonLd(
  expanded: readonly unknown[],
  context = "https://schema.org/",
): Promise<Record<string, unknown>> {
  try {
    return await jsonld.compact(
      expanded as jsonld.JsonLdDocument,
      context as never,
      { documentLoader: staticDocumentLoader as never } as jsonld.Options.Compact,
    );
  } catch (e) {
    throw jsonLdError(e);
  }
}

function plainTerm(t: Term): PlainTerm & { termType: string } {
  if (t.termType === "Literal") {
    return t.language
      ? {
          termType: "Literal",
          value: t.value,
          language: t.language,
          datatype: { value: "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString" },
        }
      : { termType: "Literal", value: t.value, datatype: { value: t.datatype.value } };
  }
  if (t.termType === "BlankNode") return { termType: "BlankNode", value: `_:${t.value}` };
  if (t.termType === "DefaultGraph") return { termType: "DefaultGraph", value: "" };
  return { termType: t.termType, value: t.value };
}

function jsonLdError(e: unknown): InputError {
  const details = (e as { details?: { code?: string } }).details;
  const code = details?.code ?? (e as { code?: string }).code ?? "jsonld error";
  const message = e instanceof Error ? e.message : String(e);
  return new InputError(`jsonld/${code.replace(/\s+/g, "-")}`, tx("jsonld/error", { detail: message }), {
    hint: code === "loading document failed" ? tx("jsonld/loading.hint") : tx("jsonld/error.hint"),
    cause: e,
  });
}
