// `vivant-ld/records`: the record model (the JSON a publisher writes), its enumerations and its JSON Schema.

export type {
  LangMap, LocalId, ExternalIds, LicenceKey, Publisher, PostalAddress, Geo, AccessibilityFeature, VenueType, Hall, Venue,
  OrganizationType, Organization, Person, AgentRef, Role, WorkType, Work, Genre, AgeRange, Production, EventType,
  Availability, Offer, StatusKind, Status, AttendanceMode, Performance, SeriesKind, Series, RecordDocument, Collection,
} from "../records/types.js";
export {
  ACCESSIBILITY_FEATURES, VENUE_TYPES, ORGANIZATION_TYPES, WORK_TYPES, GENRES, EVENT_TYPES, AVAILABILITIES, STATUS_KINDS,
  ATTENDANCE_MODES, SERIES_KINDS, COLLECTIONS,
} from "../records/types.js";
export { recordsJsonSchema } from "../records/jsonSchema.js";
export { parseRecords } from "../mapping/index.js";
export type { ParseResult, RecordRef } from "../mapping/types.js";
