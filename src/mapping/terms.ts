// Controlled values → IRIs: genres and event types as Artsdata SKOS concepts, schema.org enumerations, licences.

import type { AttendanceMode, EventType, Genre, LicenceKey, SeriesKind, StatusKind } from "../records/types.js";
import { ADR, SCHEMA } from "../vocab.js";

/** Artsdata genre concepts (ontologies/artsdata/skos-genres.ttl). */
export const GENRE_CONCEPT: Readonly<Record<Genre, string>> = {
  theatre: "K6-100",
  dance: "K6-200",
  ballet: "K6-201",
  contemporaryDance: "K6-202",
  modernDance: "K6-203",
  culturalDance: "K6-204",
  music: "K6-300",
  classical: "K6-301",
  country: "K6-302",
  folk: "K6-303",
  jazz: "K6-304",
  blues: "K6-305",
  newMusic: "K6-306",
  popular: "K6-307",
  worldMusic: "K6-308",
  chanson: "K6-309",
  instrumental: "K6-310",
  alternative: "K6-311",
  electronic: "K6-312",
  metal: "K6-313",
  rap: "K6-314",
  rhythmAndBlues: "K6-315",
  rock: "K6-316",
  musicoDramatic: "K6-400",
  musicalTheatre: "K6-401",
  opera: "K6-402",
  spoken: "K6-500",
  storytelling: "K6-501",
  poetry: "K6-502",
  slam: "K6-503",
  spokenWord: "K6-504",
  performingArt: "K6-900",
  circus: "K6-901",
  comedy: "K6-902",
  variety: "K6-903",
  puppetry: "K6-904",
  mime: "K6-905",
  magic: "K6-906",
};

export function genreIri(g: Genre): string {
  return `${ADR}${GENRE_CONCEPT[g]}`;
}

/** The Event subtype a production's genre implies (genres absent here imply none: Event). */
const EVENT_TYPE_OF_GENRE: Readonly<Partial<Record<Genre, EventType>>> = {
  theatre: "TheaterEvent",
  spoken: "TheaterEvent",
  storytelling: "TheaterEvent",
  poetry: "TheaterEvent",
  slam: "TheaterEvent",
  spokenWord: "TheaterEvent",
  puppetry: "TheaterEvent",
  mime: "TheaterEvent",
  dance: "DanceEvent",
  ballet: "DanceEvent",
  contemporaryDance: "DanceEvent",
  modernDance: "DanceEvent",
  culturalDance: "DanceEvent",
  music: "MusicEvent",
  classical: "MusicEvent",
  country: "MusicEvent",
  folk: "MusicEvent",
  jazz: "MusicEvent",
  blues: "MusicEvent",
  newMusic: "MusicEvent",
  popular: "MusicEvent",
  worldMusic: "MusicEvent",
  chanson: "MusicEvent",
  instrumental: "MusicEvent",
  alternative: "MusicEvent",
  electronic: "MusicEvent",
  metal: "MusicEvent",
  rap: "MusicEvent",
  rhythmAndBlues: "MusicEvent",
  rock: "MusicEvent",
  opera: "MusicEvent",
  musicoDramatic: "MusicEvent",
  comedy: "ComedyEvent",
};

/** The Event subtype stated, or derived from the production's first genre (stated data, not a guess); else Event. */
export function eventTypeOf(stated: EventType | undefined, genres: readonly Genre[] | undefined): EventType {
  if (stated) return stated;
  const g = genres?.[0];
  if (g === undefined) return "Event";
  return EVENT_TYPE_OF_GENRE[g] ?? "Event";
}

/** Artsdata event-type concept (v4.0 collection) for the event type, refined by genre where Artsdata has one. */
const BY_EVENT_TYPE: Partial<Record<EventType, string>> = {
  TheaterEvent: `${ADR}TheatrePerformance`,
  DanceEvent: `${ADR}DancePerformance`,
  MusicEvent: `${ADR}MusicPerformance`,
  ComedyEvent: `${ADR}ComedyPerformance`,
  ChildrensEvent: `${ADR}ChildrensEvent`,
  Festival: `${ADR}Festival`,
  ScreeningEvent: `${ADR}ScreeningEvent`,
  SocialEvent: `${ADR}SocialEvent`,
};

/** Genres that name an Artsdata event type of their own, first match wins. */
const BY_GENRE: readonly (readonly [Genre, string])[] = [
  ["opera", `${ADR}OperaPerformance`],
  ["musicalTheatre", `${ADR}MusicalTheatrePerformance`],
  ["circus", `${ADR}CircusPerformance`],
  ["storytelling", `${ADR}StorytellingPerformance`],
];

export function artsdataEventType(type: EventType, genres: readonly Genre[] | undefined): string | undefined {
  if (genres !== undefined) for (const [g, iri] of BY_GENRE) if (genres.includes(g)) return iri;
  return BY_EVENT_TYPE[type];
}

export const STATUS_IRI: Readonly<Record<StatusKind, string>> = {
  scheduled: `${SCHEMA}EventScheduled`,
  cancelled: `${SCHEMA}EventCancelled`,
  postponed: `${SCHEMA}EventPostponed`,
  rescheduled: `${SCHEMA}EventRescheduled`,
  movedOnline: `${SCHEMA}EventMovedOnline`,
};

export const ATTENDANCE_IRI: Readonly<Record<AttendanceMode, string>> = {
  offline: `${SCHEMA}OfflineEventAttendanceMode`,
  online: `${SCHEMA}OnlineEventAttendanceMode`,
  mixed: `${SCHEMA}MixedEventAttendanceMode`,
};

export const SERIES_TYPE: Readonly<Record<SeriesKind, string>> = {
  season: "EventSeries",
  festival: "Festival",
  tour: "EventSeries",
  series: "EventSeries",
};

export const LICENCE_IRI: Readonly<Record<LicenceKey, string>> = {
  "etalab-2.0": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
  "cc0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
  "cc-by-4.0": "https://creativecommons.org/licenses/by/4.0/",
  "cc-by-sa-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
  "odbl-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
};

/** A licence key or IRI → its IRI. */
export function licenceIri(licence: string): string {
  return (LICENCE_IRI as Record<string, string>)[licence] ?? licence;
}

/** schema.org typicalAgeRange text: `6-12`, `6-`, `-12`. */
export function ageRangeText(a: { min?: number | undefined; max?: number | undefined }): string | undefined {
  if (a.min === undefined && a.max === undefined) return undefined;
  return `${a.min ?? ""}-${a.max ?? ""}`;
}
