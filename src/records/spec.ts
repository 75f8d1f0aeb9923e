// One declarative description of the record model. The runtime parser (parse.ts) and the published
// JSON Schema (jsonSchema.ts) are both derived from it, so they cannot disagree.

import {
  ACCESSIBILITY_FEATURES,
  ATTENDANCE_MODES,
  AVAILABILITIES,
  EVENT_TYPES,
  GENRES,
  ORGANIZATION_TYPES,
  SERIES_KINDS,
  STATUS_KINDS,
  VENUE_TYPES,
  WORK_TYPES,
  type Collection,
} from "./types.js";

/** String formats checked beyond "is a string". */
export type Format =
  | "localId"
  | "iri"
  | "baseIri"
  | "dateTime"
  | "dateOrDateTime"
  | "yearOrDate"
  | "duration"
  | "lang"
  | "currency"
  | "country"
  | "timeZone"
  | "text"
  | "licence";

export type Spec =
  | { readonly t: "string"; readonly format?: Format }
  | {
      readonly t: "number";
      readonly min?: number;
      readonly exclusiveMin?: boolean;
      readonly max?: number;
      readonly integer?: boolean;
    }
  | { readonly t: "boolean" }
  | { readonly t: "enum"; readonly values: readonly string[] }
  | { readonly t: "langmap" }
  | { readonly t: "array"; readonly of: Spec }
  | {
      readonly t: "object";
      readonly def: string;
      readonly fields: Readonly<Record<string, Field>>;
      readonly oneOf?: readonly string[];
    }
  | { readonly t: "ref"; readonly to: Collection | "halls" };

export type Field = Spec & { readonly required?: boolean; readonly doc: string };

const str = (format: Format | undefined, doc: string, required = false): Field =>
  format ? { t: "string", format, doc, required } : { t: "string", doc, required };
const langmap = (doc: string, required = false): Field => ({ t: "langmap", doc, required });
const ref = (to: Collection | "halls", doc: string, required = false): Field => ({ t: "ref", to, doc, required });
const arr = (of: Spec, doc: string): Field => ({ t: "array", of, doc });
const enm = (values: readonly string[], doc: string, required = false): Field => ({ t: "enum", values, doc, required });
const num = (
  doc: string,
  opts: { min?: number; exclusiveMin?: boolean; max?: number; integer?: boolean } = {},
): Field => ({ t: "number", doc, ...opts });

const ids: Field = {
  t: "object",
  def: "ExternalIds",
  doc: "External identifiers, each emitted as a full IRI in sameAs (SIRET as an identifier).",
  fields: {
    wikidata: str(undefined, "Wikidata item id (Q…) or entity IRI."),
    isni: str(undefined, "ISNI, 16 characters, spaces allowed."),
    bnf: str(undefined, "BnF ARK (ark:/12148/…) or its catalogue.bnf.fr / data.bnf.fr IRI."),
    artsdata: str(undefined, "Artsdata id (K…-…) or its kg.artsdata.ca IRI."),
    siret: str(undefined, "French SIRET, 14 digits."),
  },
};
const sameAs = arr({ t: "string", format: "iri" }, "Further full IRIs for sameAs.");
const agentRef: Spec = {
  t: "object",
  def: "AgentRef",
  oneOf: ["person", "organization", "name"],
  fields: {
    person: ref("people", "Local id of a person."),
    organization: ref("organizations", "Local id of an organization."),
    name: str("text", "An agent of unknown kind, known only by its name (the source does not say person or group)."),
  },
};
const role: Spec = {
  t: "object",
  def: "Role",
  oneOf: ["person", "organization", "name"],
  fields: {
    person: ref("people", "Local id of a person."),
    organization: ref("organizations", "Local id of an organization."),
    name: str("text", "An agent of unknown kind, known only by its name (the source does not say person or group)."),
    roleName: langmap('The role, e.g. {"fr": "soprano"}.'),
    characterName: langmap("The character played."),
  },
};
const accessibility = arr({ t: "enum", values: ACCESSIBILITY_FEATURES }, "Accessibility features (controlled list).");
const langs = (doc: string): Field => arr({ t: "string", format: "lang" }, doc);
const images = arr({ t: "string", format: "iri" }, "Absolute http(s) image URLs.");
const ageRange: Field = {
  t: "object",
  def: "AgeRange",
  doc: "Audience age; either bound may be missing.",
  fields: {
    min: num("Minimum age in years.", { min: 0, integer: true, max: 120 }),
    max: num("Maximum age in years.", { min: 0, integer: true, max: 120 }),
  },
};

export const PUBLISHER: Spec & { t: "object" } = {
  t: "object",
  def: "Publisher",
  fields: {
    id: str("localId", "Local id of the publisher.", true),
    name: langmap("Name, as a language map.", true),
    baseIri: str("baseIri", "Base under which every IRI is minted: http(s), ending with / or #.", true),
    licence: str("licence", "etalab-2.0, cc0-1.0, cc-by-4.0, cc-by-sa-4.0, odbl-1.0, or a licence IRI.", true),
    url: str("iri", "Web site."),
  },
};

const address: Field = {
  t: "object",
  def: "PostalAddress",
  doc: "Postal address.",
  fields: {
    streetAddress: str("text", "Street and number."),
    postalCode: str("text", "Postal code, as a string (keeps leading zeros)."),
    addressLocality: str("text", "City.", true),
    addressRegion: str("text", "Region."),
    addressCountry: str("country", "ISO 3166-1 alpha-2 country code, e.g. FR.", true),
  },
};

const hall: Spec = {
  t: "object",
  def: "Hall",
  fields: {
    id: str("localId", "Local id of the hall, unique across the document's halls.", true),
    name: langmap("Name.", true),
    maximumAttendeeCapacity: num("Seats.", { min: 0, exclusiveMin: true, integer: true }),
    accessibility,
  },
};

const offer: Spec = {
  t: "object",
  def: "Offer",
  fields: {
    id: str("localId", "Local id within the performance; defaults to the position."),
    category: langmap('Tariff name, e.g. {"fr": "tarif réduit"}.'),
    price: num("Price; never guessed: leave out when unknown.", { min: 0 }),
    minPrice: num("Lowest price of a range.", { min: 0 }),
    maxPrice: num("Highest price of a range.", { min: 0 }),
    priceCurrency: str("currency", "ISO 4217 code, e.g. EUR. Required with any price."),
    availability: enm(AVAILABILITIES, "Availability."),
    validFrom: str("dateOrDateTime", "When sales open."),
    url: str("iri", "Ticketing page."),
  },
};

const status: Field = {
  t: "object",
  def: "Status",
  doc: "Status change; leave out when unknown.",
  fields: {
    kind: enm(STATUS_KINDS, "scheduled, cancelled, postponed, rescheduled or movedOnline.", true),
    previousStartDate: str("dateOrDateTime", "Former start, required with rescheduled."),
    reason: langmap("Why, as a language map."),
  },
};

/** The collections of a record document and the shape of their records. */
export const COLLECTION_SPECS: Readonly<Record<Collection, Spec & { t: "object" }>> = {
  venues: {
    t: "object",
    def: "Venue",
    fields: {
      id: str("localId", "Local id.", true),
      type: enm(VENUE_TYPES, "schema.org Place type. Default Place."),
      name: langmap("Name. Required unless the venue has an address (then a warning)."),
      description: langmap("Description."),
      address,
      addressText: str("text", "An address written as one text, kept as written when no structured address is known."),
      geo: {
        t: "object",
        def: "Geo",
        doc: "WGS 84 coordinates.",
        fields: {
          latitude: { ...num("Latitude.", { min: -90, max: 90 }), required: true },
          longitude: { ...num("Longitude.", { min: -180, max: 180 }), required: true },
        },
      },
      timeZone: str("timeZone", "IANA time zone, e.g. Europe/Paris."),
      maximumAttendeeCapacity: num("Seats.", { min: 0, exclusiveMin: true, integer: true }),
      halls: arr(hall, "Halls (salles) inside the venue."),
      accessibility,
      url: str("iri", "Web site."),
      telephone: str("text", "Telephone."),
      ids,
      sameAs,
    },
  },
  organizations: {
    t: "object",
    def: "Organization",
    fields: {
      id: str("localId", "Local id.", true),
      type: enm(ORGANIZATION_TYPES, "Organization or a performing group type. Default Organization."),
      name: langmap("Name.", true),
      description: langmap("Description."),
      url: str("iri", "Web site."),
      ids,
      sameAs,
    },
  },
  people: {
    t: "object",
    def: "Person",
    fields: {
      id: str("localId", "Local id.", true),
      name: str("text", "Name (not translated).", true),
      url: str("iri", "Web site."),
      ids,
      sameAs,
    },
  },
  works: {
    t: "object",
    def: "Work",
    fields: {
      id: str("localId", "Local id.", true),
      type: enm(WORK_TYPES, "CreativeWork subtype. Default CreativeWork."),
      name: langmap("Title.", true),
      description: langmap("Description."),
      composers: arr(agentRef, "Composers."),
      authors: arr(agentRef, "Authors."),
      librettists: arr(agentRef, "Librettists and lyricists."),
      dateCreated: str("yearOrDate", "Year (1853) or date (1853-03-06)."),
      inLanguage: langs("Languages (BCP 47)."),
      ids,
      sameAs,
    },
  },
  productions: {
    t: "object",
    def: "Production",
    fields: {
      id: str("localId", "Local id.", true),
      name: langmap("Title.", true),
      description: langmap("Description."),
      images,
      url: str("iri", "Web page."),
      works: arr({ t: "ref", to: "works" }, "Works staged (local ids)."),
      producers: arr(agentRef, "Producers."),
      directors: arr(agentRef, "Directors."),
      cast: arr(role, "Cast and creative team, with roles."),
      duration: str("duration", "ISO 8601 duration, e.g. PT2H30M."),
      genres: arr({ t: "enum", values: GENRES }, "Genres (controlled list, mapped to Artsdata concepts)."),
      audienceAge: ageRange,
      inLanguage: langs("Languages spoken or sung."),
      surtitles: langs("Surtitle languages."),
      ids,
      sameAs,
    },
  },
  series: {
    t: "object",
    def: "Series",
    fields: {
      id: str("localId", "Local id.", true),
      kind: enm(SERIES_KINDS, "season, festival, tour or series.", true),
      name: langmap("Name.", true),
      description: langmap("Description."),
      startDate: str("dateOrDateTime", "First day."),
      endDate: str("dateOrDateTime", "Last day."),
      organizers: arr(agentRef, "Organizers."),
      venue: ref("venues", "Main venue."),
      url: str("iri", "Web page."),
      images,
    },
  },
  performances: {
    t: "object",
    def: "Performance",
    fields: {
      id: str("localId", "Local id.", true),
      production: ref("productions", "The production performed.", true),
      type: enm(EVENT_TYPES, "schema.org Event subtype. Default from the production's genres, else Event."),
      name: langmap("Name; defaults to the production's."),
      description: langmap("Description."),
      startDate: str("dateTime", "Local date-time (resolved with the venue's time zone) or with an offset.", true),
      endDate: str(
        "dateOrDateTime",
        "End: same forms as startDate, or the last day (YYYY-MM-DD) when only the day is known.",
      ),
      doorTime: str("dateTime", "Doors open."),
      duration: str("duration", "ISO 8601 duration; defaults to the production's."),
      venue: ref("venues", "Venue; required unless online."),
      hall: ref("halls", "Hall of that venue."),
      onlineUrl: str("iri", "Stream URL; required when online or mixed."),
      attendanceMode: enm(ATTENDANCE_MODES, "offline, online or mixed. Left out when not given."),
      status,
      offers: arr(offer, "Tariffs."),
      free: { t: "boolean", doc: "True only when the publisher states it." },
      performers: arr(role, "Performers, with roles."),
      organizers: arr(agentRef, "Organizers."),
      inLanguage: langs("Languages."),
      surtitles: langs("Surtitle languages."),
      accessibility,
      series: arr({ t: "ref", to: "series" }, "Series it belongs to (superEvent)."),
      url: str("iri", "Event page."),
      images,
      audienceAge: ageRange,
      timeZone: str("timeZone", "Overrides the venue's time zone."),
    },
  },
};
