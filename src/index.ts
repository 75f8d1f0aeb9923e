// Vivant's front door: the names most programs need, each documented. Every area has its own entry point with the
// rest (package.json "exports"): vivant-ld/records, /mapping, /rdf, /validate, /store, /ingest, /query, /server,
// /harvest, /import, /export and /dataspace (the files of src/api/).

// --- errors and problem codes ---
export {
  VivantError,
  InputError,
  UsageError,
  isVivantError,
  isInputError,
  isUsageError,
  isErrorNamed,
  messageOf,
  formatProblem,
  LANGS,
} from "./errors.js";
export type { Problem, Severity, Lang, Text, VivantErrorName, ErrorCopy } from "./errors.js";
export { PROBLEM_CODES, isProblemCode } from "./codes.js";
export type { ProblemCode } from "./codes.js";

// --- records and mapping ---
export type { RecordDocument, Publisher, Venue, Production, Performance, Offer } from "./records/types.js";
export { parseRecords, mapRecords, toEmbeds, embedScript } from "./mapping/index.js";
export type { ParseResult, MapResult } from "./mapping/types.js";

// --- validation ---
export { validateRecords, validateJsonLd, validateText, createValidator, PROFILES } from "./validate/index.js";
export type { ProfileName, Validator, ValidationReport, ValidationIssue } from "./validate/index.js";

// --- the store, ingest and the typed questions ---
export { GraphStore, RemoteStore } from "./store/index.js";
export { StorageError, isStorageError } from "./store/index.js";
export type { GraphInfo, GraphMeta as GraphStoreMeta } from "./store/index.js";
export { ingest } from "./ingest/index.js";
export { findPerformances } from "./query/index.js";
export type { PerformanceFilter, PerformancePage } from "./query/index.js";

// --- the server ---
export { VivantServer } from "./server/index.js";
export type { ServerOptions } from "./server/index.js";
