// Vivant's public API, listed name by name. Each area keeps its own block.

// --- errors ---
export { VivantError, InputError, UsageError, isVivantError, isInputError, isUsageError, formatProblem, LANGS } from "./errors.js";
export type { Problem, Severity, Lang, Text } from "./errors.js";

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
export { parseRecords, mapRecords, toQuads, toGraph, toEmbed, toEmbeds, embedScript } from "./mapping/index.js";
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

// --- store ---

// --- server ---

// --- harvest & import ---
