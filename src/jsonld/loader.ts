// The static JSON-LD document loader: pinned contexts served from ontologies/, nothing fetched, ever.

import { tx } from "../i18n.js";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { InputError } from "../errors.js";

/** The folder holding the pinned vocabularies, found from this module (works from src/ and dist/src/). */
export function ontologiesDir(): string {
  const here = fileURLToPath(new URL(".", import.meta.url));
  const candidates = [`${here}../../ontologies/`, `${here}../../../ontologies/`];
  for (const c of candidates) {
    try {
      readFileSync(`${c}schemaorg/SOURCE.md`);
      return c;
    } catch {
      // try the next layout
    }
  }
  throw new InputError("io/ontologies-missing", tx("io/ontologies-missing", { dir: here }), {
    hint: tx("io/ontologies-missing.hint"),
  });
}

/** Every spelling of the schema.org context URL seen in the wild. */
export const SCHEMA_ORG_CONTEXT_URLS: readonly string[] = [
  "http://schema.org",
  "http://schema.org/",
  "https://schema.org",
  "https://schema.org/",
  "http://schema.org/docs/jsonldcontext.jsonld",
  "https://schema.org/docs/jsonldcontext.jsonld",
  "http://schema.org/docs/jsonldcontext.json",
  "https://schema.org/docs/jsonldcontext.json",
  "http://www.schema.org",
  "https://www.schema.org",
  "http://www.schema.org/",
  "https://www.schema.org/",
];

let schemaOrgContext: unknown;
/** The pinned schema.org 30.0 context document (parsed once). */
export function schemaOrgContextDocument(): unknown {
  schemaOrgContext ??= JSON.parse(readFileSync(`${ontologiesDir()}schemaorg/schemaorgcontext.jsonld`, "utf8"));
  return schemaOrgContext;
}

export interface RemoteDocument {
  contextUrl: string | null;
  documentUrl: string;
  document: unknown;
}

const extra = new Map<string, unknown>();

/** Serve another pinned document (e.g. a test manifest's context) from this loader. */
export function registerStaticDocument(url: string, document: unknown): void {
  extra.set(url, document);
}

/**
 * A jsonld.js `documentLoader` that never touches the network: schema.org's context (every spelling)
 * and registered documents are served from memory; anything else fails with `loading document failed`.
 */
export async function staticDocumentLoader(url: string): Promise<RemoteDocument> {
  const normalized = url.replace(/#.*$/, "");
  if (SCHEMA_ORG_CONTEXT_URLS.includes(normalized)) {
    return { contextUrl: null, documentUrl: url, document: schemaOrgContextDocument() };
  }
  const doc = extra.get(normalized);
  if (doc !== undefined) return { contextUrl: null, documentUrl: url, document: doc };
  const error = new Error(`Vivant loads no remote document (asked for ${url}); only pinned contexts are served.`);
  Object.assign(error, { name: "jsonld.LoadDocumentError", details: { code: "loading document failed", url } });
  throw error;
}
