// Ingest, stage 1 (reading): what `vivant validate`, `vivant load` and the API read: a record document (mapped, with origins), a JSON-LD document, or
// Turtle / N-Triples / N-Quads / TriG text. Readings that any schema.org consumer makes are applied and counted
// as notes (never silently): https://schema.org/ IRIs, dates typed schema:Date by schema.org's context, and
// schema.org IRIs written as text. Nothing else is repaired: validation shows what the data gets wrong.

import { tx } from "../i18n.js";
import type { Quad, Term } from "@rdfjs/types";
import { DataFactory } from "n3";
import { InputError, type Problem, type Text, type ProblemCode } from "../errors.js";
import { jsonLdToQuads } from "../jsonld/convert.js";
import { mapRecords, toEmbeds } from "../mapping/index.js";
import type { RecordDocument } from "../records/types.js";
import type { MapResult, Origins } from "../mapping/types.js";
import { formatFromPath, parseJsonText, parseRdf, type RdfFormat } from "../rdf/io.js";
import { SCHEMA, SCHEMA_HTTPS, XSD } from "../vocab.js";

const { namedNode, literal, quad } = DataFactory;

export type InputKind = "records" | RdfFormat;

/** Which JSON-LD form of mapped records is validated. */
export type RecordForm = "graph" | "embed";

/** The form each profile reads by default: Google reads the embed form that pages publish; aggregators, the graph. */
export const DEFAULT_FORM: Readonly<Record<"core" | "google" | "artsdata", RecordForm>> = {
  core: "graph",
  google: "embed",
  artsdata: "graph",
};

/** A reading applied to the input before validation, and how often. */
export interface InputNote {
  /** `input/https-schema-org`, `input/schema-date-datatype`, `input/schema-iri-as-text`, `input/jsonld-dropped-terms`. */
  readonly code: ProblemCode;
  readonly count: number;
  readonly message: Text;
}

export interface ValidationInput {
  readonly kind: InputKind;
  readonly quads: Quad[];
  /** Records input only: subject IRI → record and input fields. */
  readonly origins?: Origins;
  /** Records input only: the mapper's result (its problems are the records' own problems). */
  readonly map?: MapResult;
  /** Records input only: the form that was validated. */
  readonly form?: RecordForm;
  readonly notes: InputNote[];
}

const NOTE_TEXT: Readonly<Record<string, Text>> = {
  "input/https-schema-org": {
    en: "https://schema.org/ IRIs read as http://schema.org/ (the form schema.org's vocabulary and Artsdata use)",
    fr: "IRI https://schema.org/ lues comme http://schema.org/ (la forme du vocabulaire schema.org et d'Artsdata)",
  },
  "input/schema-date-datatype": {
    en: "dates typed schema:Date or schema:DateTime (by schema.org's JSON-LD context) read as xsd:date / xsd:dateTime / xsd:time",
    fr: "dates typées schema:Date ou schema:DateTime (par le contexte JSON-LD de schema.org) lues comme xsd:date / xsd:dateTime / xsd:time",
  },
  "input/schema-iri-as-text": {
    en: 'schema.org IRIs written as text ("https://schema.org/EventScheduled") read as IRIs',
    fr: "IRI schema.org écrites en texte (« https://schema.org/EventScheduled ») lues comme des IRI",
  },
  "input/jsonld-dropped-terms": {
    en: "JSON-LD safe mode failed: terms that do not expand to IRIs (relative references, unknown properties) were dropped",
    fr: "le mode sûr de JSON-LD a échoué : des termes qui ne donnent pas d'IRI (références relatives, propriétés inconnues) ont été ignorés",
  },
};

function note(code: ProblemCode, count: number, detail?: string): InputNote {
  const text = NOTE_TEXT[code]!;
  return { code, count, message: detail ? { en: `${text.en} (${detail})`, fr: `${text.fr} (${detail})` } : text };
}

const DATE_RE = /^-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/;
const DATETIME_RE = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const TIME_RE = /^\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const SCHEMA_IRI_TEXT = /^https?:\/\/schema\.org\/[A-Za-z][A-Za-z0-9]*$/;

/** Applies the consumer readings listed in this module's header; returns the new quads and one note per reading. */
export function readAsSchemaOrg(quads: readonly Quad[]): { quads: Quad[]; notes: InputNote[] } {
  let https = 0;
  let dates = 0;
  let iriText = 0;
  const fixIri = <T extends Term>(t: T): T => {
    if (t.termType === "NamedNode" && t.value.startsWith(SCHEMA_HTTPS)) {
      https++;
      return namedNode(SCHEMA + t.value.slice(SCHEMA_HTTPS.length)) as unknown as T;
    }
    return t;
  };
  const fixObject = (o: Quad["object"]): Quad["object"] => {
    if (o.termType !== "Literal") return fixIri(o);
    const lit = o;
    const dt = lit.datatype.value;
    if (dt.startsWith(SCHEMA) || dt.startsWith(SCHEMA_HTTPS)) {
      const local = dt.slice(dt.indexOf("schema.org/") + 11);
      const v = lit.value;
      const xsd =
        local === "Date" || local === "DateTime" || local === "Time"
          ? DATETIME_RE.test(v)
            ? "dateTime"
            : DATE_RE.test(v)
              ? "date"
              : TIME_RE.test(v)
                ? "time"
                : undefined
          : undefined;
      if (xsd) {
        dates++;
        return literal(v, namedNode(`${XSD}${xsd}`));
      }
      if (dt.startsWith(SCHEMA_HTTPS)) {
        https++;
        return literal(v, namedNode(SCHEMA + local));
      }
      return o;
    }
    if (!lit.language && dt === `${XSD}string` && SCHEMA_IRI_TEXT.test(lit.value)) {
      iriText++;
      return namedNode(SCHEMA + lit.value.replace(/^https?:\/\/schema\.org\//, ""));
    }
    return o;
  };
  const out = quads.map((q) => {
    const s = fixIri(q.subject);
    const p = fixIri(q.predicate);
    const o = fixObject(q.object);
    return s === q.subject && p === q.predicate && o === q.object ? q : quad(s, p, o, q.graph);
  });
  const notes: InputNote[] = [];
  if (https) notes.push(note("input/https-schema-org", https));
  if (dates) notes.push(note("input/schema-date-datatype", dates));
  if (iriText) notes.push(note("input/schema-iri-as-text", iriText));
  return { quads: out, notes };
}

/** Whether parsed JSON is a Vivant record document rather than JSON-LD. */
export function isRecordDocument(json: unknown): boolean {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  return "publisher" in o && !("@context" in o) && !("@graph" in o) && !("@id" in o) && !("@type" in o);
}

/** The input kind from a file name, then from the text itself. */
export function detectKind(text: string, path: string): "json" | Exclude<RdfFormat, "jsonld"> {
  const format = formatFromPath(path);
  if (format === "jsonld") return "json";
  if (format) return format;
  return /^\uFEFF*\s*[[{]/.test(text) ? "json" : "turtle";
}

/** Expands JSON-LD in safe mode; when safe mode refuses it, expands again dropping what does not expand, with a note. */
export async function jsonLdInput(json: unknown): Promise<{ quads: Quad[]; notes: InputNote[] }> {
  try {
    return { quads: await jsonLdToQuads(json), notes: [] };
  } catch (e) {
    if (!(e instanceof InputError) || !/safe mode/i.test(e.message)) throw e;
    const event = (e.cause as { details?: { event?: { code?: string; details?: unknown } } } | undefined)?.details
      ?.event;
    const detail = event ? `${event.code ?? "?"}: ${JSON.stringify(event.details ?? {}).slice(0, 120)}` : undefined;
    return {
      quads: await jsonLdToQuads(json, { safe: false }),
      notes: [note("input/jsonld-dropped-terms", 1, detail)],
    };
  }
}

/**
 * Reads one input text. Throws InputError (with line and column) when it is unusable: malformed JSON, Turtle or
 * JSON-LD, or a record document whose publisher cannot be used.
 * @param source the file name, used to pick the format and in error messages
 */
export async function readValidationInput(
  text: string,
  source: string,
  options: { readonly form?: RecordForm } = {},
): Promise<ValidationInput> {
  const kind = detectKind(text, source);
  if (kind !== "json") {
    const parsed = await parseRdf(text, kind, { source });
    const read = readAsSchemaOrg(parsed);
    return { kind, quads: read.quads, notes: read.notes };
  }
  return readJsonValue(parseJsonText(text, source), source, options);
}

/**
 * Reads parsed JSON (a file read as a stream, see `readJsonFile`): a record document, mapped as `readRecords` does,
 * or JSON-LD. Throws InputError when it is unusable.
 * @param source the input's name in error messages
 */
export async function readJsonValue(
  json: unknown,
  source: string,
  options: { readonly form?: RecordForm } = {},
): Promise<ValidationInput> {
  if (isRecordDocument(json)) return readRecords(json, source, options);
  const expanded = await jsonLdInput(json);
  const read = readAsSchemaOrg(expanded.quads);
  return { kind: "jsonld", quads: read.quads, notes: [...expanded.notes, ...read.notes] };
}

/**
 * Reads a record document given as data (parsed JSON, or an importer's document): mapped, with origins, never
 * turned into text. Throws InputError when its publisher cannot be used (nothing can be minted then).
 * @param source the input's name in error messages
 */
export async function readRecords(
  json: unknown,
  source: string,
  options: { readonly form?: RecordForm } = {},
): Promise<ValidationInput> {
  const map = mapRecords(json);
  if (!map.document) {
    throw new InputError("validate/unusable-records", tx("validate/unusable-records", { source }), {
      hint: tx("validate/unusable-records.hint"),
      problems: map.problems,
    });
  }
  if (options.form === "embed") {
    // No notes: the readings apply to Vivant's own embed form (schema.org's context), not to the user's input.
    const embed = await embedFormQuads(map.document);
    return { kind: "records", quads: embed.quads, origins: map.origins, map, form: "embed", notes: [] };
  }
  // The quads are made on first read (see MapResult): ingest validates and writes the triples as they are made.
  // So are the origins: ingest asks the mapper for those of its issues' subjects only (`map.originsOf`).
  const input = { kind: "records" as const, map, form: "graph" as const, notes: [] as InputNote[] };
  return Object.defineProperties(input, {
    quads: { enumerable: true, get: () => map.quads },
    origins: { enumerable: true, get: () => map.origins },
  }) as unknown as ValidationInput;
}

/**
 * Reads quads given as data (a harvest's): the consumer readings of this module's header applied, no text in between.
 * Their kind is N-Quads, the form they would have been written in.
 */
export function readQuads(quads: readonly Quad[]): ValidationInput {
  const read = readAsSchemaOrg(quads);
  return { kind: "nquads", quads: read.quads, notes: read.notes };
}

/**
 * The embed form of a document (one self-contained Event per performance, as web pages publish it for Google),
 * as one set of quads: blank nodes are renamed per page so that two pages never share one.
 */
export async function embedFormQuads(doc: RecordDocument): Promise<{ quads: Quad[]; notes: InputNote[] }> {
  const all: Quad[] = [];
  let page = 0;
  for (const embed of toEmbeds(doc).values()) {
    const prefix = `e${page++}_`;
    const rename = <T extends Term>(t: T): T =>
      t.termType === "BlankNode" ? (DataFactory.blankNode(prefix + t.value) as unknown as T) : t;
    for (const q of await jsonLdToQuads(embed))
      all.push(quad(rename(q.subject), q.predicate, rename(q.object), q.graph));
  }
  return readAsSchemaOrg(all);
}

/** The records' own problems (parse and reference checks), when the input was records. */
export function recordProblems(input: ValidationInput): readonly Problem[] {
  return input.map?.problems ?? [];
}
