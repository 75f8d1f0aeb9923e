// The typed record model: what a ticketing system, a CMS or a venue hands to Vivant.
// Plain JSON in, cross-referenced by local ids; `parseRecords` turns unknown JSON into these types.

import type {
  AccessibilityFeature,
  VenueType,
  OrganizationType,
  WorkType,
  Genre,
  EventType,
  Availability,
  StatusKind,
  AttendanceMode,
  SeriesKind,
} from "./vocabularies.js";

export {
  ACCESSIBILITY_FEATURES,
  type AccessibilityFeature,
  VENUE_TYPES,
  type VenueType,
  ORGANIZATION_TYPES,
  type OrganizationType,
  WORK_TYPES,
  type WorkType,
  GENRES,
  type Genre,
  EVENT_TYPES,
  type EventType,
  AVAILABILITIES,
  type Availability,
  STATUS_KINDS,
  type StatusKind,
  ATTENDANCE_MODES,
  type AttendanceMode,
  SERIES_KINDS,
  type SeriesKind,
} from "./vocabularies.js";

/** BCP 47 language tag → text, e.g. `{ "fr": "La Traviata", "en": "La Traviata" }`. */
export type LangMap = Readonly<Record<string, string>>;

/** A local id, unique within its collection in one document (e.g. `"p-12"`). */
export type LocalId = string;

/**
 * External identifiers. Each becomes a full IRI in `sameAs` (SIRET becomes an `identifier`).
 * @example { "wikidata": "Q193599", "isni": "0000 0001 2141 6468" }
 */
export interface ExternalIds {
  /** Wikidata item id, `Q…` (or its full entity IRI). */
  readonly wikidata?: string | undefined;
  /** ISNI, 16 characters, spaces allowed: `0000 0001 2141 6468`. */
  readonly isni?: string | undefined;
  /** BnF ARK, `ark:/12148/cb…` (or the catalogue.bnf.fr / data.bnf.fr IRI). */
  readonly bnf?: string | undefined;
  /** Artsdata id, `K…-…` (or its full kg.artsdata.ca IRI). */
  readonly artsdata?: string | undefined;
  /** French company id (14 digits). Emitted as a schema:identifier PropertyValue, not sameAs. */
  readonly siret?: string | undefined;
}

/** Licences a publisher can declare for its graph, or any licence IRI. */
export type LicenceKey = "etalab-2.0" | "cc0-1.0" | "cc-by-4.0" | "cc-by-sa-4.0" | "odbl-1.0";

/** Who publishes the document: its id, name, base IRI (every IRI of its records is minted under it) and licence. */
export interface Publisher {
  readonly id: LocalId;
  readonly name: LangMap;
  /** Every IRI of this publisher is minted under this base. Must be http(s) and end with `/` or `#`. */
  readonly baseIri: string;
  /** A known key (`etalab-2.0`, `cc0-1.0`, `cc-by-4.0`, `cc-by-sa-4.0`, `odbl-1.0`) or a licence IRI. */
  readonly licence: LicenceKey | (string & {});
  readonly url?: string | undefined;
}

export interface PostalAddress {
  readonly streetAddress?: string | undefined;
  readonly postalCode?: string | undefined;
  readonly addressLocality: string;
  readonly addressRegion?: string | undefined;
  /** ISO 3166-1 alpha-2, e.g. `FR`. */
  readonly addressCountry: string;
}

export interface Geo {
  readonly latitude: number;
  readonly longitude: number;
}

export interface Hall {
  /** Unique across every hall of the document (performances name a hall by this id alone). */
  readonly id: LocalId;
  readonly name: LangMap;
  readonly maximumAttendeeCapacity?: number | undefined;
  readonly accessibility?: readonly AccessibilityFeature[] | undefined;
}

/** A place where performances happen, with its address, coordinates, halls, accessibility and time zone. */
export interface Venue {
  readonly id: LocalId;
  /** @default "Place" */
  readonly type?: VenueType | undefined;
  /** Required unless the venue has an address (a place known by its address only is accepted, with a warning). */
  readonly name?: LangMap | undefined;
  readonly description?: LangMap | undefined;
  readonly address?: PostalAddress | undefined;
  /**
   * An address written as one text (`"1 rue X, 69001 Lyon"`), kept as written when the source gives no
   * structured one: it cannot be searched by city or postal code (a warning says so). Ignored when `address` is given.
   */
  readonly addressText?: string | undefined;
  readonly geo?: Geo | undefined;
  /** IANA time zone of the venue, e.g. `Europe/Paris`. Local performance times are resolved with it. */
  readonly timeZone?: string | undefined;
  readonly maximumAttendeeCapacity?: number | undefined;
  readonly halls?: readonly Hall[] | undefined;
  readonly accessibility?: readonly AccessibilityFeature[] | undefined;
  readonly url?: string | undefined;
  readonly telephone?: string | undefined;
  readonly ids?: ExternalIds | undefined;
  /** Further full IRIs for `sameAs`. */
  readonly sameAs?: readonly string[] | undefined;
}

export interface Organization {
  readonly id: LocalId;
  /** @default "Organization" */
  readonly type?: OrganizationType | undefined;
  readonly name: LangMap;
  readonly description?: LangMap | undefined;
  readonly url?: string | undefined;
  readonly ids?: ExternalIds | undefined;
  readonly sameAs?: readonly string[] | undefined;
}

export interface Person {
  readonly id: LocalId;
  /** A person's name is not translated: a plain string. */
  readonly name: string;
  readonly url?: string | undefined;
  readonly ids?: ExternalIds | undefined;
  readonly sameAs?: readonly string[] | undefined;
}

/**
 * A reference to an organization or a person of the same document, or an agent of unknown kind known only
 * by its name (`{ "name": "Alex Roy" }`: the source does not say whether it is a person or a group).
 */
export interface AgentRef {
  readonly person?: LocalId | undefined;
  readonly organization?: LocalId | undefined;
  /** An agent of unknown kind: its name only. Emitted as a named node with no type; the embed leaves it out. */
  readonly name?: string | undefined;
}

/** A performer (or a contributor) in a role: `schema:PerformanceRole`. */
export interface Role extends AgentRef {
  /** e.g. `{ "fr": "soprano" }`, `{ "fr": "mise en scène" }`. */
  readonly roleName?: LangMap | undefined;
  /** The character played, e.g. `{ "fr": "Violetta Valéry" }`. */
  readonly characterName?: LangMap | undefined;
}

/** An œuvre: the work a production stages. */
export interface Work {
  readonly id: LocalId;
  /** @default "CreativeWork" */
  readonly type?: WorkType | undefined;
  readonly name: LangMap;
  readonly description?: LangMap | undefined;
  /** Person or organization local ids. */
  readonly composers?: readonly AgentRef[] | undefined;
  readonly authors?: readonly AgentRef[] | undefined;
  /** Librettists and lyricists (`schema:lyricist`). */
  readonly librettists?: readonly AgentRef[] | undefined;
  /** A year (`1853`) or a date (`1853-03-06`). */
  readonly dateCreated?: string | undefined;
  /** BCP 47 tags. */
  readonly inLanguage?: readonly string[] | undefined;
  readonly ids?: ExternalIds | undefined;
  readonly sameAs?: readonly string[] | undefined;
}

/** Audience age: either bound may be missing. */
export interface AgeRange {
  readonly min?: number | undefined;
  readonly max?: number | undefined;
}

/** A production (spectacle): what a run of performances shows. */
export interface Production {
  readonly id: LocalId;
  readonly name: LangMap;
  readonly description?: LangMap | undefined;
  /** Absolute http(s) image URLs. Never defaulted. */
  readonly images?: readonly string[] | undefined;
  readonly url?: string | undefined;
  /** The works (œuvres) it stages. */
  readonly works?: readonly LocalId[] | undefined;
  readonly producers?: readonly AgentRef[] | undefined;
  readonly directors?: readonly AgentRef[] | undefined;
  readonly cast?: readonly Role[] | undefined;
  /** ISO 8601 duration, e.g. `PT2H30M`. */
  readonly duration?: string | undefined;
  readonly genres?: readonly Genre[] | undefined;
  readonly audienceAge?: AgeRange | undefined;
  /** Languages spoken or sung (BCP 47). */
  readonly inLanguage?: readonly string[] | undefined;
  /** Languages of the surtitles (BCP 47). */
  readonly surtitles?: readonly string[] | undefined;
  readonly ids?: ExternalIds | undefined;
  readonly sameAs?: readonly string[] | undefined;
}

/** A tariff (tarif). A price is never invented: leave `price` out when unknown. */
export interface Offer {
  /** Local id within the performance; defaults to the position in the list. */
  readonly id?: LocalId | undefined;
  /** e.g. `{ "fr": "plein tarif" }`, `{ "fr": "tarif réduit" }`, `{ "fr": "moins de 26 ans" }`. */
  readonly category?: LangMap | undefined;
  readonly price?: number | undefined;
  /** For a range of prices (several seat categories in one offer). */
  readonly minPrice?: number | undefined;
  readonly maxPrice?: number | undefined;
  /** ISO 4217, e.g. `EUR`. Required whenever a price is given. */
  readonly priceCurrency?: string | undefined;
  readonly availability?: Availability | undefined;
  /** When sales open: ISO 8601 date-time with an offset, or a local one resolved with the venue's zone. */
  readonly validFrom?: string | undefined;
  readonly url?: string | undefined;
}

export interface Status {
  readonly kind: StatusKind;
  /** Required with `rescheduled`; forbidden otherwise. */
  readonly previousStartDate?: string | undefined;
  readonly reason?: LangMap | undefined;
}

/** A performance (représentation): one dated event. */
export interface Performance {
  readonly id: LocalId;
  /** The production performed (`workPerformed`). */
  readonly production: LocalId;
  /** @default "TheaterEvent" for theatre genres, else "Event" — see the mapper's documentation. */
  readonly type?: EventType | undefined;
  /** Defaults to the production's name. */
  readonly name?: LangMap | undefined;
  readonly description?: LangMap | undefined;
  /**
   * Local date-time (`2026-11-20T20:00`), resolved with the venue's `timeZone`,
   * or a date-time with an offset (`2026-11-20T20:00:00+01:00`). With neither zone nor offset it keeps none.
   */
  readonly startDate: string;
  readonly endDate?: string | undefined;
  readonly doorTime?: string | undefined;
  /** ISO 8601 duration; defaults to the production's. */
  readonly duration?: string | undefined;
  /** Required unless `attendanceMode` is `online`. */
  readonly venue?: LocalId | undefined;
  /** A hall of that venue. */
  readonly hall?: LocalId | undefined;
  /** Required when `attendanceMode` is `online` or `mixed`. */
  readonly onlineUrl?: string | undefined;
  /** @default "offline" */
  readonly attendanceMode?: AttendanceMode | undefined;
  /** Unknown status: leave out (no status is guessed). */
  readonly status?: Status | undefined;
  readonly offers?: readonly Offer[] | undefined;
  /** True only when the publisher states it. */
  readonly free?: boolean | undefined;
  readonly performers?: readonly Role[] | undefined;
  readonly organizers?: readonly AgentRef[] | undefined;
  readonly inLanguage?: readonly string[] | undefined;
  readonly surtitles?: readonly string[] | undefined;
  readonly accessibility?: readonly AccessibilityFeature[] | undefined;
  /** Series (season, festival, tour) it belongs to: `superEvent`. */
  readonly series?: readonly LocalId[] | undefined;
  readonly url?: string | undefined;
  readonly images?: readonly string[] | undefined;
  readonly audienceAge?: AgeRange | undefined;
  /** Overrides the venue's zone (e.g. an online event). */
  readonly timeZone?: string | undefined;
}

/** A season, festival or tour: `EventSeries` / `Festival` with `subEvent`. */
export interface Series {
  readonly id: LocalId;
  readonly kind: SeriesKind;
  readonly name: LangMap;
  readonly description?: LangMap | undefined;
  /** Dates (`2026-09-01`) or date-times. */
  readonly startDate?: string | undefined;
  readonly endDate?: string | undefined;
  readonly organizers?: readonly AgentRef[] | undefined;
  readonly venue?: LocalId | undefined;
  readonly url?: string | undefined;
  readonly images?: readonly string[] | undefined;
}

/** One publisher's programme: the unit Vivant maps, validates and loads. */
export interface RecordDocument {
  readonly publisher: Publisher;
  readonly venues?: readonly Venue[] | undefined;
  readonly organizations?: readonly Organization[] | undefined;
  readonly people?: readonly Person[] | undefined;
  readonly works?: readonly Work[] | undefined;
  readonly productions?: readonly Production[] | undefined;
  readonly performances?: readonly Performance[] | undefined;
  readonly series?: readonly Series[] | undefined;
}

/** The collections of a document, in the order they are parsed and mapped. */
export const COLLECTIONS = [
  "venues",
  "organizations",
  "people",
  "works",
  "productions",
  "series",
  "performances",
] as const;
export type Collection = (typeof COLLECTIONS)[number];

/** The singular entity name used in messages and IRIs for each collection. */
export const ENTITY_OF: Readonly<Record<Collection | "publisher", string>> = {
  publisher: "publisher",
  venues: "venue",
  organizations: "organization",
  people: "person",
  works: "work",
  productions: "production",
  series: "series",
  performances: "performance",
};
