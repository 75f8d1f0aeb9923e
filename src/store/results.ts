// SPARQL 1.1 Query Results written from RDF/JS bindings (JSON, XML, CSV, TSV): what the endpoint sends when the
// answer comes from a remote store, so that a client gets the same documents whichever backend answered.

import type { Term } from "@rdfjs/types";
import type { Bindings } from "./types.js";

const XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";
const LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
const XSD = "http://www.w3.org/2001/XMLSchema#";

function jsonTerm(t: Term): Record<string, string> {
  switch (t.termType) {
    case "NamedNode":
      return { type: "uri", value: t.value };
    case "BlankNode":
      return { type: "bnode", value: t.value };
    case "Literal":
      if (t.language) return { type: "literal", value: t.value, "xml:lang": t.language };
      if (t.datatype.value === XSD_STRING) return { type: "literal", value: t.value };
      return { type: "literal", value: t.value, datatype: t.datatype.value };
    default:
      return { type: "literal", value: t.value };
  }
}

const xmlEscape = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

function xmlTerm(t: Term): string {
  switch (t.termType) {
    case "NamedNode":
      return `<uri>${xmlEscape(t.value)}</uri>`;
    case "BlankNode":
      return `<bnode>${xmlEscape(t.value)}</bnode>`;
    case "Literal":
      if (t.language) return `<literal xml:lang="${xmlEscape(t.language)}">${xmlEscape(t.value)}</literal>`;
      if (t.datatype.value === XSD_STRING) return `<literal>${xmlEscape(t.value)}</literal>`;
      return `<literal datatype="${xmlEscape(t.datatype.value)}">${xmlEscape(t.value)}</literal>`;
    default:
      return `<literal>${xmlEscape(t.value)}</literal>`;
  }
}

const tsvEscape = (s: string): string =>
  s.replace(/[\\"\t\n\r]/g, (c) => ({ "\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!);

function tsvTerm(t: Term): string {
  switch (t.termType) {
    case "NamedNode":
      return `<${t.value}>`;
    case "BlankNode":
      return `_:${t.value}`;
    case "Literal": {
      const dt = t.datatype.value;
      if (t.language) return `"${tsvEscape(t.value)}"@${t.language}`;
      if (dt === XSD_STRING || dt === LANG_STRING) return `"${tsvEscape(t.value)}"`;
      // Bare numbers and booleans, as SPARQL's TSV allows (what Oxigraph writes).
      if (
        (dt === `${XSD}integer` && /^[+-]?\d+$/.test(t.value)) ||
        (dt === `${XSD}decimal` && /^[+-]?\d*\.\d+$/.test(t.value)) ||
        (dt === `${XSD}double` && /^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/.test(t.value)) ||
        (dt === `${XSD}boolean` && (t.value === "true" || t.value === "false"))
      )
        return t.value;
      return `"${tsvEscape(t.value)}"^^<${dt}>`;
    }
    default:
      return "";
  }
}

function csvCell(t: Term | undefined): string {
  if (t === undefined) return "";
  const v = t.termType === "BlankNode" ? `_:${t.value}` : t.value;
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Serialises a SELECT answer in one of the SPARQL results media types. */
export function formatSelect(variables: readonly string[], bindings: readonly Bindings[], mediaType: string): string {
  switch (mediaType) {
    case "application/sparql-results+xml": {
      const head = variables.map((v) => `<variable name="${xmlEscape(v)}"/>`).join("");
      const rows = bindings
        .map(
          (b) =>
            `<result>${variables
              .filter((v) => b[v] !== undefined)
              .map((v) => `<binding name="${xmlEscape(v)}">${xmlTerm(b[v]!)}</binding>`)
              .join("")}</result>`,
        )
        .join("");
      return `<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>${head}</head><results>${rows}</results></sparql>`;
    }
    case "text/csv":
      return `${variables.join(",")}\r\n${bindings.map((b) => `${variables.map((v) => csvCell(b[v])).join(",")}\r\n`).join("")}`;
    case "text/tab-separated-values":
      return `${variables.map((v) => `?${v}`).join("\t")}\n${bindings.map((b) => `${variables.map((v) => (b[v] === undefined ? "" : tsvTerm(b[v]))).join("\t")}\n`).join("")}`;
    default: {
      const rows = bindings.map((b) => {
        const o: Record<string, Record<string, string>> = {};
        for (const v of variables) if (b[v] !== undefined) o[v] = jsonTerm(b[v]);
        return o;
      });
      return JSON.stringify({ head: { vars: variables }, results: { bindings: rows } });
    }
  }
}

/** Serialises an ASK answer in one of the SPARQL results media types. */
export function formatAsk(value: boolean, mediaType: string): string {
  switch (mediaType) {
    case "application/sparql-results+xml":
      return `<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head></head><boolean>${value}</boolean></sparql>`;
    case "text/csv":
    case "text/tab-separated-values":
      return `${value}`;
    default:
      return JSON.stringify({ head: {}, boolean: value });
  }
}
