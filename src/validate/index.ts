// Validation: SHACL profiles compiled once, run on records (through the mapper), JSON-LD documents, RDF files
// or a store's graph, with reports as typed data in English and French.

import type { Lang } from "../errors.js";
import { mapRecords } from "../mapping/index.js";
import type { MapResult } from "../mapping/types.js";
import {
  DEFAULT_FORM,
  embedFormQuads,
  jsonLdInput,
  readAsSchemaOrg,
  readJsonValue,
  readValidationInput,
  type InputNote,
  type RecordForm,
  type ValidationInput,
} from "./input.js";
import type { ProfileName } from "./profiles.js";
import type { ValidationReport } from "./types.js";
import { buildReport, createValidator, type Validator } from "./validator.js";
import { PARALLEL_FROM, validateInParallel } from "./parallel.js";
import type { Quad } from "@rdfjs/types";
import type { Origins } from "../mapping/types.js";

async function validateAny(validator: Validator, quads: Quad[], origins?: Origins): Promise<ValidationReport> {
  if (quads.length >= PARALLEL_FROM) return validateInParallel(quads, validator.profile, origins ? { origins } : {});
  return validator.validate(quads, origins ? { origins } : {});
}

export { PROFILES, PROFILE_SUMMARIES, isProfileName, type ProfileName } from "./profiles.js";
export { createValidator, type Validator, type ValidateOptions } from "./validator.js";
export type { ValidationIssue, ValidationReport } from "./types.js";
export { shaclConforms } from "./types.js";
export {
  reportToQuads,
  reportToTurtle,
  reportToJsonLd,
  reportToProblemJson,
  PROBLEM_JSON_MEDIA_TYPE,
  VALIDATION_PROBLEM_TYPE,
  type ValidationProblem,
  type ProblemIssue,
} from "./formats.js";
export { formatReportText, type TextOptions } from "./text.js";
export {
  readValidationInput,
  DEFAULT_FORM,
  type ValidationInput,
  type InputNote,
  type InputKind,
  type RecordForm,
} from "./input.js";
export { validateInParallel, PARALLEL_FROM, type ParallelOptions } from "./parallel.js";

export interface RecordsOptions {
  /**
   * `graph`: the mapper's quads (what a store loads); `embed`: one Event per performance as web pages carry it.
   * @default "embed" for the google profile, "graph" otherwise
   */
  readonly form?: RecordForm;
}

/**
 * Maps a record document and validates the result. Each issue names the record (`entity`, `recordId`) and the
 * input field (`field`, a JSON path) behind the offending triple (in the embed form, nodes without an IRI, such
 * as offers, name their record only). The records' own problems (bad dates, unknown references…) are in
 * `map.problems`; when the publisher itself is unusable nothing is mapped and the report is empty.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { formatProblem, validateRecords } from "vivant-ld";
 *
 * const { map, report } = await validateRecords(JSON.parse(readFileSync("season.json", "utf8")), "google");
 * for (const p of map.problems) console.error(formatProblem(p));
 * for (const i of report.issues) console.log(i.severity, i.code, i.recordId, i.field, i.message.fr);
 * console.log(report.conforms, report.violations, report.warnings);
 * ```
 */
export async function validateRecords(
  input: unknown,
  profile: ProfileName,
  options: RecordsOptions = {},
): Promise<{ map: MapResult; report: ValidationReport; notes: InputNote[] }> {
  const validator = await createValidator(profile);
  const map = mapRecords(input);
  if (!map.document) return { map, report: buildReport(profile, []), notes: [] };
  if ((options.form ?? DEFAULT_FORM[profile]) === "embed") {
    const embed = await embedFormQuads(map.document);
    return { map, report: await validateAny(validator, embed.quads, map.origins), notes: embed.notes };
  }
  return { map, report: await validateAny(validator, map.quads, map.origins), notes: [] };
}

/**
 * Validates a JSON-LD document (any context the static loader serves, e.g. a page's embedded event).
 * Consumer readings (https schema.org IRIs, schema:Date datatypes) are applied and returned as notes.
 * Throws InputError when the document cannot be expanded.
 * @example
 * ```ts
 * import { validateJsonLd } from "vivant-ld";
 *
 * const event = {
 *   "@context": "https://schema.org",
 *   "@type": "TheaterEvent",
 *   name: "Tosca",
 *   startDate: "2026-11-21T20:00:00+01:00",
 * };
 * const { report, notes } = await validateJsonLd(event, "google"); // no location: a violation for Google
 * for (const n of notes) console.log(n.message.en); // how it was read, e.g. schema:DateTime as xsd:dateTime
 * for (const i of report.issues) console.log(i.severity, i.code, i.path, i.message.en);
 * ```
 */
export async function validateJsonLd(
  document: unknown,
  profile: ProfileName,
): Promise<{ report: ValidationReport; notes: InputNote[] }> {
  const validator = await createValidator(profile);
  const expanded = await jsonLdInput(document);
  const read = readAsSchemaOrg(expanded.quads);
  return { report: await validateAny(validator, read.quads), notes: [...expanded.notes, ...read.notes] };
}

/**
 * Validates a file's text: a record document (mapped, in `options.form`), JSON-LD, Turtle, N-Triples, N-Quads or
 * TriG (from `source`'s extension, else sniffed). Throws InputError with a line and column when the text is unusable.
 */
export async function validateText(
  text: string,
  source: string,
  profile: ProfileName,
  options: RecordsOptions = {},
): Promise<{ input: ValidationInput; report: ValidationReport }> {
  const validator = await createValidator(profile);
  const input = await readValidationInput(text, source, { form: options.form ?? DEFAULT_FORM[profile] });
  return { input, report: await validateAny(validator, input.quads, input.origins) };
}

/**
 * Validates parsed JSON (a file read as a stream, see `readJsonFile`): a record document (mapped, in `options.form`)
 * or JSON-LD, told apart as `validateText` does. Throws InputError when it is unusable.
 */
export async function validateJson(
  json: unknown,
  source: string,
  profile: ProfileName,
  options: RecordsOptions = {},
): Promise<{ input: ValidationInput; report: ValidationReport }> {
  const validator = await createValidator(profile);
  const input = await readJsonValue(json, source, { form: options.form ?? DEFAULT_FORM[profile] });
  return { input, report: await validateAny(validator, input.quads, input.origins) };
}

/** The languages reports are written in. */
export const REPORT_LANGS: readonly Lang[] = ["en", "fr"];
