// The closed lists a record's fields take their values from (accessibility features, venue, organization, work
// and event types, genres, availabilities, statuses, attendance modes, series kinds), each with its union type.

/** The controlled list of accessibility features French venues publish. */
export const ACCESSIBILITY_FEATURES = [
  "audioDescription",
  "surtitles",
  "signLanguage",
  "relaxedPerformance",
  "wheelchairAccessible",
  "hearingLoop",
] as const;
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];

export const VENUE_TYPES = [
  "Place",
  "PerformingArtsTheater",
  "MusicVenue",
  "EventVenue",
  "StadiumOrArena",
  "Park",
] as const;
export type VenueType = (typeof VENUE_TYPES)[number];

export const ORGANIZATION_TYPES = [
  "Organization",
  "PerformingGroup",
  "TheaterGroup",
  "DanceGroup",
  "MusicGroup",
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const WORK_TYPES = ["CreativeWork", "MusicComposition", "Play", "Book", "Movie"] as const;
export type WorkType = (typeof WORK_TYPES)[number];

/**
 * Genres, each mapped to an Artsdata SKOS genre concept (`http://kg.artsdata.ca/resource/K6-…`).
 * The list is closed so that aggregators can facet on it.
 */
export const GENRES = [
  "theatre",
  "dance",
  "ballet",
  "contemporaryDance",
  "modernDance",
  "culturalDance",
  "music",
  "classical",
  "country",
  "folk",
  "jazz",
  "blues",
  "newMusic",
  "popular",
  "worldMusic",
  "chanson",
  "instrumental",
  "alternative",
  "electronic",
  "metal",
  "rap",
  "rhythmAndBlues",
  "rock",
  "musicoDramatic",
  "musicalTheatre",
  "opera",
  "spoken",
  "storytelling",
  "poetry",
  "slam",
  "spokenWord",
  "performingArt",
  "circus",
  "comedy",
  "variety",
  "puppetry",
  "mime",
  "magic",
] as const;
export type Genre = (typeof GENRES)[number];

/** schema.org Event subtypes a performance can take. */
export const EVENT_TYPES = [
  "Event",
  "TheaterEvent",
  "DanceEvent",
  "MusicEvent",
  "ComedyEvent",
  "ChildrensEvent",
  "Festival",
  "LiteraryEvent",
  "ScreeningEvent",
  "SocialEvent",
  "EducationEvent",
  "VisualArtsEvent",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const AVAILABILITIES = [
  "InStock",
  "SoldOut",
  "LimitedAvailability",
  "PreOrder",
  "PreSale",
  "OutOfStock",
  "Discontinued",
  "OnlineOnly",
] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export const STATUS_KINDS = ["scheduled", "cancelled", "postponed", "rescheduled", "movedOnline"] as const;
export type StatusKind = (typeof STATUS_KINDS)[number];

export const ATTENDANCE_MODES = ["offline", "online", "mixed"] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

export const SERIES_KINDS = ["season", "festival", "tour", "series"] as const;
export type SeriesKind = (typeof SERIES_KINDS)[number];
