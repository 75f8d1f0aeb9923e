// Vivant's public API, listed name by name. Each area keeps its own block.

// --- errors ---
export { VivantError, InputError, UsageError, isVivantError, isInputError, isUsageError, isErrorNamed, formatProblem, messageOf, LANGS } from "./errors.js";
export type { Problem, Severity, Lang, Text, VivantErrorName } from "./errors.js";
export { PROBLEM_CODES, isProblemCode } from "./codes.js";
export type { ProblemCode, ShapeCode, JsonLdCode, CsvCellCode } from "./codes.js";

// --- records ---
export type {
  LangMap, LocalId, ExternalIds, LicenceKey, Publisher, PostalAddress, Geo, AccessibilityFeature, VenueType, Hall, Venue,
  OrganizationType, Organization, Person, AgentRef, Role, WorkType, Work, Genre, AgeRange, Production, EventType,
  Availability, Offer, StatusKind, Status, AttendanceMode, Performance, SeriesKind, Series, RecordDocument, Collection,
} from "./records/types.js";
export {
  ACCESSIBILITY_FEATURES, VENUE_TYPES, ORGANIZATION_TYPES, WORK_TYPES, GENRES, EVENT_TYPES, AVAILABILITIES, STATUS_KINDS,
  ATTENDANCE_MODES, SERIES_KINDS, COLLECTIONS,
} from "./records/types.js";

// --- mapping ---
export type { RecordRef, Origin, Origins, ParseResult, MapResult, JsonLdObject } from "./mapping/types.js";
export { entityIri, publisherGraphIri, publisherIri } from "./mapping/iri.js";
export { parseRecords, mapRecords, toQuads, toTriples, toGraph, toEmbed, toEmbeds, embedScript } from "./mapping/index.js";
export type { Triples, TripleCallback } from "./mapping/index.js";
export type { QuadsOptions, EmbedOptions } from "./mapping/index.js";
export { recordsJsonSchema } from "./records/jsonSchema.js";
export { GENRE_CONCEPT, licenceIri } from "./mapping/terms.js";

// --- jsonld & rdf ---
export { staticDocumentLoader, registerStaticDocument, SCHEMA_ORG_CONTEXT_URLS } from "./jsonld/loader.js";
export { jsonLdToQuads, expandJsonLd, quadsToJsonLd } from "./jsonld/convert.js";
export { VIVANT_CONTEXT } from "./jsonld/context.js";
export { parseRdf, serializeRdf, formatFromPath, formatFromMediaType, mediaTypeOf, RDF_FORMATS } from "./rdf/io.js";
export type { RdfFormat, ParseOptions } from "./rdf/io.js";

// --- validate ---
export {
  PROFILES, PROFILE_SUMMARIES, isProfileName, createValidator, validateRecords, validateJsonLd, validateText, validateJson, validateInParallel,
  shaclConforms, reportToQuads, reportToTurtle, reportToJsonLd, reportToProblemJson, formatReportText, readValidationInput,
  DEFAULT_FORM, PROBLEM_JSON_MEDIA_TYPE, VALIDATION_PROBLEM_TYPE,
} from "./validate/index.js";
export type {
  ProfileName, Validator, ValidateOptions, ValidationIssue, ValidationReport, ValidationProblem, ProblemIssue, TextOptions,
  ValidationInput, InputNote, InputKind, RecordForm, RecordsOptions, ParallelOptions,
} from "./validate/index.js";

// --- store ---
export { GraphStore, RemoteStore, parseStoreUrl, CATALOG_GRAPH, catalogQuads, SparqlSyntaxError, isSparqlSyntaxError, operationKind } from "./store/index.js";
export { StoreBrokenError, isStoreBrokenError, measureQuery, checkQueryLimits, QueryTooComplexError, isQueryTooComplexError, DEFAULT_QUERY_LIMITS } from "./store/index.js";
export { StorageError, isStorageError, RemoteStoreError, isRemoteStoreError } from "./store/index.js";
export type { QueryLimits, QueryShape } from "./store/index.js";
export { GraphWriter } from "./store/writer.js";
export { prepareGraph } from "./ingest/index.js";
export type { LoadFile, LoadTarget, PrepareOptions, PreparedGraph } from "./ingest/index.js";
export type {
  OpenOptions, ReplaceOptions, GraphMeta as GraphStoreMeta, GraphInfo, QueryForm, QueryOptions, Bindings, SelectResult, FormattedResult,
  ProgressListener, SelectSource,
} from "./store/index.js";
export {
  findPerformances, performancesQuery, describePerformances, describeQuery, pageToJsonLd, performanceFacets, facetQuery, observatory, aggregateQuery,
  FACETS, DISCIPLINES, PerformanceIndex,
} from "./query/index.js";
export type { PerformanceFilter, Near, PageOptions, PerformanceNode, PerformancePage, Facet, FacetCounts, Dimension, AggregateRow, Observatory, SelectSync, SelectRowsSync } from "./query/index.js";

// --- server ---
export { VivantServer, TokenTable, QueryPool, QueryError, isQueryError, HttpError, isHttpError } from "./server/index.js";
export type { ServerOptions, TokenGrant, TokenEntry, PoolOptions, PoolResult } from "./server/index.js";

// --- data space: federated search ---
export { Federation, federatedNodes, MAX_FEDERATED_LIMIT } from "./dataspace/federation.js";
export type { FederatedNode, FederationOptions, LocalSource, NodeReport, FederatedPerformance, FederatedAnswer, FederatedPage, FederatedFacets } from "./dataspace/federation.js";
export type { ServerFederation } from "./server/app.js";

// --- harvest & import ---
export { harvest, countEntities } from "./harvest/harvest.js";
export type { HarvestOptions, HarvestResult, HarvestProgress, HarvestedPage, PageFailure, PageFailureCode } from "./harvest/harvest.js";
export { PoliteFetcher, DEFAULT_FETCH_POLICY } from "./harvest/fetch.js";
export type { FetchPolicy, FetchOutcome, FetchErrorCode } from "./harvest/fetch.js";
export { processHtml, processJsonLd } from "./harvest/page.js";
export type { PageInput, PageResult } from "./harvest/page.js";
export { extractScripts, parseJsonBlock } from "./harvest/extract.js";
export { normalizeQuads, skolemIri, isniOf, wikidataIri } from "./harvest/normalize.js";
export type { NormalizeOptions, NormalizeResult } from "./harvest/normalize.js";
export { selectEntities, provenanceQuads, KEPT_CLASSES } from "./harvest/entities.js";
export type { KeptClass, Selection } from "./harvest/entities.js";
export { consolidate, mergeDuplicatePlaces } from "./harvest/places.js";
export { Fixes, FIX_KINDS, FIX_DESCRIPTIONS } from "./harvest/fixes.js";
export type { FixKind } from "./harvest/fixes.js";
export { parseSitemap } from "./harvest/sitemap.js";
export { Progress, formatSummary } from "./harvest/progress.js";
export { ingest, loadValidated, openDataDir, publisherGraph } from "./ingest/index.js";
export { readJsonFile } from "./rdf/json-file.js";
export type { GraphTarget, LoadInput, LoadRequest, LoadOutcome, IngestInput, IngestOptions, RecordsInput, QuadsInput, JsonInput } from "./ingest/index.js";
export { importArtsdata } from "./import/artsdata.js";
export type { ArtsdataImportOptions } from "./import/artsdata.js";
export { importUitdatabank, expandOpeningHours } from "./import/uitdatabank.js";
export type { UitdatabankImportOptions } from "./import/uitdatabank.js";
export { importCsv, parseCsvMapping, CSV_FIELDS } from "./import/csv.js";
export type { CsvMapping, CsvField, CsvImportOptions } from "./import/csv.js";
export { importFestivals, FESTIVALS_PUBLISHER } from "./import/festivals.js";
export type { FestivalsImportOptions } from "./import/festivals.js";
export { makePublisher, rejectionsByReason, NO_LICENCE_DECLARED } from "./import/types.js";
export { graphToCapData, capdataRdfXml } from "./export/capdata.js";
export { importCapData } from "./import/capdata.js";
export type { CapDataImportOptions } from "./import/capdata.js";
export type { CapDataExport, CapDataExportOptions, LeftOutRow, LeftOutReason } from "./export/capdata.js";
export { capdataTerms, PROVISIONAL_CAPDATA_NAMESPACE, CAPDATA_CLASSES, CAPDATA_PROPERTIES } from "./export/capdata-terms.js";
export type { CapDataTerms } from "./export/capdata-terms.js";
export type { ImportResult, PublisherOptions } from "./import/types.js";
