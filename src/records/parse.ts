// Unknown JSON → typed, normalised records, or problems. Every problem is found in one pass; a bad record
// is rejected (and so is anything referring to it), the good ones go on.
// This entry point reads the document and its collections in order, with the parts in parse/: the problems of a
// record (check), the formats of strings (formats), which fields are used (fields), the structural check
// (structure), the registry of ids and references (registry), external ids (ids), time and zones (dates), and the
// cross-record checks of each collection (collections, performance).

import type { Problem } from "../errors.js";
import type { ParseResult, RecordRef } from "../mapping/types.js";
import { closest } from "./messages.js";
import { RecordCheck } from "./parse/check.js";
import { normalizeProduction, normalizeSeries, normalizeVenue, normalizeWork } from "./parse/collections.js";
import { isPlainObject, usableFields, withoutNulls } from "./parse/fields.js";
import { normalizeIds } from "./parse/ids.js";
import { normalizePerformance } from "./parse/performance.js";
import { REJECTED, type Registry } from "./parse/registry.js";
import { checkObject } from "./parse/structure.js";
import { COLLECTION_SPECS, PUBLISHER } from "./spec.js";
import {
  COLLECTIONS,
  ENTITY_OF,
  type Collection,
  type ExternalIds,
  type Performance,
  type Production,
  type RecordDocument,
  type Series,
  type Venue,
  type Work,
} from "./types.js";

export { isHttpIri } from "./parse/formats.js";

/** What the reading of one document shares: its problems, the records' fates, the registry of ids. */
interface DocumentState {
  readonly problems: Problem[];
  readonly accepted: RecordRef[];
  readonly rejected: RecordRef[];
  readonly reg: Registry;
  /** Whether the publisher passed its check: without it nothing is accepted (references still resolve). */
  readonly publisherOk: boolean;
}

/**
 * Parses and normalises a record document. Never throws for bad data: problems are returned.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { formatProblem, parseRecords } from "vivant-ld";
 *
 * const parsed = parseRecords(JSON.parse(readFileSync("season.json", "utf8")));
 * for (const p of parsed.problems) console.error(formatProblem(p, "fr"));
 * console.log(`${parsed.accepted.length} accepted, ${parsed.rejected.length} rejected`);
 * if (parsed.document) console.log(parsed.document.publisher.id, parsed.document.performances?.length);
 * ```
 */
export function parseRecords(input: unknown): ParseResult {
  const problems: Problem[] = [];
  const accepted: RecordRef[] = [];
  const rejected: RecordRef[] = [];
  if (!isPlainObject(input)) {
    notADocument(problems, input);
    return { problems, accepted, rejected };
  }
  const publisherOk = checkPublisher(problems, input);
  unknownCollections(problems, input);
  const reg: Registry = { records: new Map(), halls: new Map(), allHalls: new Map() };
  const state: DocumentState = { problems, accepted, rejected, reg, publisherOk };
  const out: Record<string, unknown[]> = {};
  for (const collection of COLLECTIONS) {
    const kept = parseCollection(state, collection, input[collection]);
    if (kept) out[collection] = kept;
  }
  if (!publisherOk) return { problems, accepted: [], rejected };
  const document = { publisher: input.publisher, ...out } as unknown as RecordDocument;
  return { document, problems, accepted, rejected };
}

/** The input is not an object: one problem, no records. */
function notADocument(problems: Problem[], input: unknown): void {
  const c = new RecordCheck(problems, "document", undefined);
  c.report({
    code: "record/not-a-document",
    path: "$",
    value: Array.isArray(input) ? "[…]" : input,
    expected: {
      en: "an object with a publisher and collections",
      fr: "un objet avec un publisher et des collections",
    },
    message: { en: "the input is not a record document", fr: "l'entrée n'est pas un document de fiches" },
    hint: {
      en: `start from {"publisher": {…}, "performances": […]}`,
      fr: `partez de {"publisher": {…}, "performances": […]}`,
    },
  });
}

/** Checks the publisher; returns whether it passed. */
function checkPublisher(problems: Problem[], input: Record<string, unknown>): boolean {
  const pc = new RecordCheck(
    problems,
    "publisher",
    isPlainObject(input.publisher) && typeof input.publisher.id === "string" ? input.publisher.id : undefined,
    "$.publisher",
  );
  if (input.publisher === undefined) {
    pc.report({
      code: "record/missing-field",
      path: "$.publisher",
      expected: { en: "the publisher", fr: "l'éditeur (publisher)" },
      message: {
        en: "publisher is missing: no IRI can be minted without its baseIri",
        fr: "publisher est absent : aucune IRI ne peut être créée sans son baseIri",
      },
      hint: {
        en: `add {"publisher": {"id": "…", "name": {"fr": "…"}, "baseIri": "https://data.example.org/", "licence": "etalab-2.0"}}`,
        fr: `ajoutez {"publisher": {"id": "…", "name": {"fr": "…"}, "baseIri": "https://data.example.org/", "licence": "etalab-2.0"}}`,
      },
    });
  } else checkObject(PUBLISHER, input.publisher, pc);
  return pc.ok;
}

/** Top-level keys that are neither the publisher nor a collection: a warning each. */
function unknownCollections(problems: Problem[], input: Record<string, unknown>): void {
  const known = new Set<string>(["publisher", ...COLLECTIONS]);
  for (const key of Object.keys(input)) {
    if (known.has(key)) continue;
    const near = closest(key, [...known]);
    new RecordCheck(problems, "document", undefined).report({
      code: "record/unknown-field",
      path: `$.${key}`,
      expected: { en: "a collection of the record model", fr: "une collection du modèle de fiches" },
      message: {
        en: `${key} is not a collection: it is ignored`,
        fr: `${key} n'est pas une collection : elle est ignorée`,
      },
      hint: near
        ? { en: `did you mean "${near}"?`, fr: `vouliez-vous dire « ${near} » ?` }
        : { en: "remove it", fr: "retirez-la" },
      severity: "warning",
    });
  }
}

/**
 * Checks and normalises each record of a collection in order, registering its id; returns the records kept
 * (undefined when the collection is absent or not a list).
 */
function parseCollection(state: DocumentState, collection: Collection, list: unknown): unknown[] | undefined {
  const { problems, accepted, rejected, reg, publisherOk } = state;
  const entity = ENTITY_OF[collection];
  const here = new Map<string, unknown>();
  reg.records.set(collection, here);
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) {
    new RecordCheck(problems, "document", undefined).report({
      code: "record/invalid-type",
      path: `$.${collection}`,
      value: typeof list,
      expected: { en: "a list", fr: "une liste" },
      message: { en: `${collection} is not a list`, fr: `${collection} n'est pas une liste` },
      hint: { en: `write "${collection}": […]`, fr: `écrivez "${collection}": […]` },
    });
    return undefined;
  }
  const kept: unknown[] = [];
  const spec = COLLECTION_SPECS[collection];
  const check = new RecordCheck(problems, entity, undefined);
  // Each record's path is kept (in `accepted`): the collection's part is shared, so a path is one concatenation
  // of it and a short `12]` instead of a chain of four.
  const prefix = `$.${collection}[`;
  for (let i = 0; i < list.length; i++) {
    const raw: unknown = list[i];
    const path = prefix + (i + "]");
    const id = isPlainObject(raw) && typeof raw.id === "string" ? raw.id : undefined;
    const recordId = id ?? `#${i}`;
    const c = check.next(recordId, path);
    checkObject(spec, raw, c, true);
    // Every id met so far is in the registry: the first record with an id keeps it (a duplicate is rejected).
    const earlier = id === undefined ? undefined : here.get(id);
    if (earlier !== undefined) {
      c.report({
        code: "record/duplicate-id",
        path: `${path}.id`,
        value: id,
        expected: { en: `an id unique among ${collection}`, fr: `un id unique parmi ${collection}` },
        message: {
          en: `another ${entity} already has id "${id}"`,
          fr: `un autre élément ${entity} a déjà l'id « ${id} »`,
        },
        hint: { en: "give each record its own id", fr: "donnez à chaque fiche son propre id" },
      });
    }
    // Cross-record checks still run on the fields that passed, so every problem is reported at once.
    let record: unknown;
    if (isPlainObject(raw)) {
      // null counts as absent (as in most exports), so it is dropped along with failed and unknown fields.
      let usable = usableFields(raw, spec, c.failed, c.unknownField);
      if (c.sawNull) usable = withoutNulls(usable);
      record = normalizeRecord(collection, usable, path, reg, c);
    }
    const ref: RecordRef = { entity, recordId, path };
    if (c.ok && record !== undefined) {
      // Without a usable publisher nothing is accepted, but references still resolve: no cascade of noise.
      here.set(id!, record);
      kept.push(record);
      (publisherOk ? accepted : rejected).push(ref);
    } else {
      if (id !== undefined && earlier === undefined) here.set(id, REJECTED);
      rejected.push(ref);
    }
  }
  return kept;
}

/** Cross-record checks and normalisation of one structurally valid record. */
function normalizeRecord(
  collection: Collection,
  r: Record<string, unknown>,
  path: string,
  reg: Registry,
  c: RecordCheck,
): unknown {
  let base = r;
  if (r.ids !== undefined || r.sameAs !== undefined) {
    const ids = normalizeIds(r.ids as ExternalIds | undefined, r.sameAs as string[] | undefined, path, c);
    base = { ...r, ...ids };
    if (!ids.sameAs) delete base.sameAs;
    if (!ids.ids) delete base.ids;
  }
  switch (collection) {
    case "venues":
      return normalizeVenue(base as unknown as Venue, path, reg, c);
    case "organizations":
    case "people":
      return base;
    case "works":
      return normalizeWork(base as unknown as Work, path, reg, c);
    case "productions":
      return normalizeProduction(base as unknown as Production, path, reg, c);
    case "series":
      return normalizeSeries(base as unknown as Series, path, reg, c);
    case "performances":
      return normalizePerformance(base as unknown as Performance, path, reg, c);
  }
}
