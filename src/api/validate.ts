// `vivant-ld/validate`: SHACL validation of records, JSON-LD and RDF with the core, google and artsdata profiles, and
// the report's formats.

export {
  PROFILES,
  PROFILE_SUMMARIES,
  isProfileName,
  createValidator,
  validateRecords,
  validateJsonLd,
  validateText,
  validateJson,
  validateInParallel,
  shaclConforms,
  reportToQuads,
  reportToTurtle,
  reportToJsonLd,
  reportToProblemJson,
  formatReportText,
  readValidationInput,
  DEFAULT_FORM,
  PROBLEM_JSON_MEDIA_TYPE,
  VALIDATION_PROBLEM_TYPE,
} from "../validate/index.js";
export type {
  ProfileName,
  Validator,
  ValidateOptions,
  ValidationIssue,
  ValidationReport,
  ValidationProblem,
  ProblemIssue,
  TextOptions,
  ValidationInput,
  InputNote,
  InputKind,
  RecordForm,
  RecordsOptions,
  ParallelOptions,
} from "../validate/index.js";
export type { ShapeCode } from "../codes.js";
