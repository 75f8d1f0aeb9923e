// publiq's UiTdatabank JSON (Flanders/Brussels) → records. The four calendar types become performances:
// single and multiple from their subEvents, periodic from its opening hours between its dates (closed
// days left out, adjusted days applied), permanent only within a window the caller gives.

import type { Problem } from "../errors.js";
import { Fixes } from "../harvest/fixes.js";
import { Ledger, SourceTally } from "../harvest/ledger.js";
import type { RecordRef } from "../mapping/types.js";
import type {
  AgeRange, Availability, EventType, Genre, LangMap, Offer, Organization, Performance, PostalAddress, Production, Status, StatusKind, Venue,
} from "../records/types.js";
import { compact, makePublisher, recordProblem, uniqueById, type ImportResult, type PublisherOptions } from "./types.js";
import { pushAll } from "../arrays.js";

export interface UitdatabankImportOptions {
  readonly publisher: PublisherOptions;
  /**
   * Dates between which the opening hours of `permanent` events are expanded into performances
   * (`YYYY-MM-DD`, both included). Without it a permanent event has no dates and is rejected.
   */
  readonly permanentWindow?: { readonly from: string; readonly to: string };
  /** Performances made at most from one periodic or permanent event. @default 1000 */
  readonly maxOccurrences?: number;
  /** Keep the fidelity ledger (what became of each property of each document). @default true */
  readonly ledger?: boolean;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/** `https://io.uitdatabank.be/events/85b0…` → `85b0…`. */
function uuidOf(doc: Json): string | undefined {
  const id = str(doc["@id"]) ?? str(doc.id);
  return id?.replace(/\/+$/, "").split("/").pop();
}

function kindOf(doc: Json): "event" | "place" | "organizer" | undefined {
  const id = str(doc["@id"]) ?? "";
  if (/\/events\//.test(id) || "calendarType" in doc && ("location" in doc || "subEvent" in doc)) return "event";
  if (/\/places\//.test(id)) return "place";
  if (/\/organizers\//.test(id)) return "organizer";
  return "calendarType" in doc ? "event" : undefined;
}

function langMap(v: unknown): LangMap | undefined {
  if (typeof v === "string") return undefined;
  if (!isObject(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, t] of Object.entries(v)) if (typeof t === "string" && t.trim() !== "" && /^[a-z]{2,3}$/.test(k)) out[k] = t.trim();
  return Object.keys(out).length ? out : undefined;
}

const STATUS: Readonly<Record<string, StatusKind>> = { Available: "scheduled", TemporarilyUnavailable: "postponed", Unavailable: "cancelled" };
const BOOKING: Readonly<Record<string, Availability>> = { Available: "InStock", Unavailable: "SoldOut" };
const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** UiTdatabank event-type and theme labels (nl, fr, en) → Vivant's event type and genre. Unknown labels give neither. */
const TERMS: Readonly<Record<string, { type?: EventType; genre?: Genre }>> = {
  concert: { type: "MusicEvent", genre: "music" }, muziek: { genre: "music" }, musique: { genre: "music" }, music: { genre: "music" },
  theatervoorstelling: { type: "TheaterEvent", genre: "theatre" }, "spectacle de théâtre": { type: "TheaterEvent", genre: "theatre" },
  theater: { type: "TheaterEvent", genre: "theatre" }, "théâtre": { type: "TheaterEvent", genre: "theatre" }, theatre: { type: "TheaterEvent", genre: "theatre" },
  dansvoorstelling: { type: "DanceEvent", genre: "dance" }, dans: { type: "DanceEvent", genre: "dance" }, danse: { type: "DanceEvent", genre: "dance" }, dance: { type: "DanceEvent", genre: "dance" },
  circus: { genre: "circus" }, cirque: { genre: "circus" }, opera: { type: "MusicEvent", genre: "opera" }, "opéra": { type: "MusicEvent", genre: "opera" },
  humor: { type: "ComedyEvent", genre: "comedy" }, humour: { type: "ComedyEvent", genre: "comedy" }, comedy: { type: "ComedyEvent", genre: "comedy" },
  "klassieke muziek": { type: "MusicEvent", genre: "classical" }, jazz: { type: "MusicEvent", genre: "jazz" }, "jazz en blues": { type: "MusicEvent", genre: "jazz" },
  "pop en rock": { type: "MusicEvent", genre: "rock" }, "wereldmuziek": { type: "MusicEvent", genre: "worldMusic" }, "mime en bewegingstheater": { type: "TheaterEvent", genre: "mime" },
  poppentheater: { type: "TheaterEvent", genre: "puppetry" }, "muziektheater": { type: "TheaterEvent", genre: "musicalTheatre" }, festival: { type: "Festival" },
};

function ageRange(v: unknown): AgeRange | undefined {
  const m = /^(\d*)-(\d*)$/.exec(str(v) ?? "");
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  return compact({ min: m[1] ? Number(m[1]) : undefined, max: m[2] ? Number(m[2]) : undefined });
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

interface Hours {
  readonly opens?: string;
  readonly closes?: string;
  readonly dayOfWeek: readonly string[];
}
function hoursOf(v: unknown): Hours[] {
  return Array.isArray(v) ? v.filter(isObject).map((h) => ({ opens: str(h.opens), closes: str(h.closes), dayOfWeek: Array.isArray(h.dayOfWeek) ? h.dayOfWeek.filter((d): d is string => typeof d === "string") : [] })) : [];
}
const hhmm = (t: string) => t.padStart(5, "0");

/** Occurrences of opening hours between two dates (included): local start and end times, no offset. */
export function expandOpeningHours(
  from: string,
  to: string,
  hours: readonly Hours[],
  closed: readonly { startDate: string; endDate: string }[] = [],
  adjusted: readonly { startDate: string; endDate: string; hours: readonly Hours[] }[] = [],
  max = 1000,
): { occurrences: { start: string; end?: string }[]; truncated: boolean } {
  const out: { start: string; end?: string }[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (closed.some((c) => c.startDate <= day && day <= c.endDate)) continue;
    const override = adjusted.find((a) => a.startDate <= day && day <= a.endDate);
    const dow = DAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]!;
    for (const h of override?.hours ?? hours) {
      if (!h.dayOfWeek.includes(dow) || h.opens === undefined) continue;
      if (out.length >= max) return { occurrences: out, truncated: true };
      out.push(compact({ start: `${day}T${hhmm(h.opens)}`, end: h.closes !== undefined ? `${day}T${hhmm(h.closes)}` : undefined }));
    }
  }
  return { occurrences: out, truncated: false };
}

/** The documents of a UiTdatabank export: one document, an array, or a search response (`member`). */
export function uitdatabankDocuments(input: unknown): Json[] {
  if (Array.isArray(input)) return input.flatMap(uitdatabankDocuments);
  if (!isObject(input)) return [];
  if (Array.isArray(input.member)) return input.member.filter(isObject);
  if (Array.isArray(input.examples) && input.title !== undefined) return input.examples.filter(isObject);
  return [input];
}

export function importUitdatabank(input: unknown, options: UitdatabankImportOptions): ImportResult {
  const docs = uitdatabankDocuments(input);
  const fixes = new Fixes();
  const problems: Problem[] = [];
  const rejected: RecordRef[] = [];
  const max = options.maxOccurrences ?? 1000;
  const placeDocs = new Map<string, Json>();
  const orgDocs = new Map<string, Json>();
  const collect = (d: unknown) => {
    if (!isObject(d)) return;
    const id = uuidOf(d);
    if (id === undefined) return;
    const kind = kindOf(d);
    // A full document (with a name) wins over a bare {"@id"} reference.
    if (kind === "place" && (d.name !== undefined || !placeDocs.has(id))) placeDocs.set(id, d);
    if (kind === "organizer" && (d.name !== undefined || !orgDocs.has(id))) orgDocs.set(id, d);
  };
  for (const d of docs) {
    collect(d);
    if (kindOf(d) === "event") {
      collect(d.location);
      collect(d.organizer);
    }
  }

  const venues = new Map<string, Venue>();
  const venueOf = (id: string): string | undefined => {
    if (venues.has(id)) return id;
    const d = placeDocs.get(id);
    const name = d && langMap(d.name);
    if (!d || !name) return undefined;
    const main = str(d.mainLanguage) ?? "nl";
    const addr = isObject(d.address) ? ((isObject(d.address[main]) ? d.address[main] : Object.values(d.address).find(isObject) ?? d.address) as Json) : undefined;
    const country = str(addr?.addressCountry)?.toUpperCase();
    const address: PostalAddress | undefined =
      addr && str(addr.addressLocality) && country && /^[A-Z]{2}$/.test(country)
        ? compact({ streetAddress: str(addr.streetAddress), postalCode: str(addr.postalCode), addressLocality: str(addr.addressLocality)!, addressCountry: country })
        : undefined;
    const geo = isObject(d.geo) && typeof d.geo.latitude === "number" && typeof d.geo.longitude === "number" ? { latitude: d.geo.latitude, longitude: d.geo.longitude } : undefined;
    venues.set(id, compact({
      id, name, description: langMap(d.description), address, geo,
      // Belgium keeps one time zone: local UiTdatabank times are resolved with it.
      timeZone: country === "BE" ? "Europe/Brussels" : undefined,
      sameAs: Array.isArray(d.sameAs) ? d.sameAs.filter((s): s is string => typeof s === "string" && /^https?:\/\//.test(s)) : undefined,
    }) as Venue);
    return id;
  };
  const organizations = new Map<string, Organization>();
  const organizerOf = (id: string): string | undefined => {
    if (organizations.has(id)) return id;
    const d = orgDocs.get(id);
    const name = d && (langMap(d.name) ?? (str(d.name) !== undefined ? { [str(d.mainLanguage) ?? "nl"]: str(d.name)! } : undefined));
    if (!d || !name) return undefined;
    organizations.set(id, compact({ id, name, description: langMap(d.description), url: str(d.url) }) as Organization);
    return id;
  };

  const productions = new Map<string, Production>();
  const performances: Performance[] = [];
  const unmapped = new Set<string>();
  const rejectedDocs = new Set<Json>();
  let events = 0;
  docs.forEach((d, index) => {
    if (kindOf(d) !== "event") return;
    events++;
    const path = `$[${index}]`;
    const id = uuidOf(d) ?? `event-${index + 1}`;
    const reject = (code: string, field: string, value: unknown, message: [string, string], expected: [string, string], hint: [string, string]) => {
      rejectedDocs.add(d);
      rejected.push({ entity: "performance", recordId: id, path });
      problems.push(recordProblem(code, "performance", id, `${path}.${field}`, value, message, expected, hint));
    };
    const name = langMap(d.name);
    if (!name) return reject("uitdatabank/missing-name", "name", d.name, ["event without a name", "événement sans nom"], ["a language map, e.g. {\"nl\": \"…\"}", "une table de langues, p. ex. {\"nl\": \"…\"}"], ["name the event", "nommer l'événement"]);
    const attendanceMode = (["offline", "online", "mixed"] as const).find((m) => m === d.attendanceMode);
    const onlineUrl = str(d.onlineUrl);
    const placeId = isObject(d.location) ? uuidOf(d.location) : undefined;
    const venue = placeId !== undefined ? venueOf(placeId) : undefined;
    if (venue === undefined && !(attendanceMode === "online" && onlineUrl)) {
      return reject("uitdatabank/unknown-place", "location", placeId, [
        placeId ? `place ${placeId} is only referenced: its document (name, address) is not in the input` : "event without a location",
        placeId ? `le lieu ${placeId} n'est que référencé : son document (nom, adresse) n'est pas dans l'entrée` : "événement sans lieu",
      ], ["the place document in the same input", "le document du lieu dans la même entrée"], ["add the places (GET /places/{id}) to the input", "ajouter les lieux (GET /places/{id}) à l'entrée"]);
    }
    // Type and genres from the taxonomy terms.
    let type: EventType | undefined;
    const genres = new Set<Genre>();
    for (const t of Array.isArray(d.terms) ? d.terms.filter(isObject) : []) {
      const label = str(t.label)?.toLowerCase();
      if (label === undefined) continue;
      const m = TERMS[label];
      if (!m) {
        unmapped.add(`${str(t.domain) ?? "term"}:${str(t.label)}`);
        continue;
      }
      type ??= m.type;
      if (m.genre) genres.add(m.genre);
    }
    const main = str(d.mainLanguage) ?? "nl";
    const production = isObject(d.production) ? d.production : undefined;
    const productionId = str(production?.id) ?? id;
    if (!productions.has(productionId)) {
      const images = [str(d.image), ...(Array.isArray(d.mediaObject) ? d.mediaObject.filter(isObject).map((m) => str(m.contentUrl)) : [])].filter((u): u is string => u !== undefined && /^https?:\/\//.test(u));
      productions.set(productionId, compact({
        id: productionId,
        name: production && str(production.title) ? { [main]: str(production.title)! } : name,
        description: langMap(d.description),
        images: [...new Set(images)],
        genres: [...genres],
        audienceAge: ageRange(d.typicalAgeRange),
      }) as Production);
    }
    const statusOf = (s: unknown): Status | undefined => {
      if (!isObject(s)) return undefined;
      const kind = STATUS[str(s.type) ?? ""];
      return kind && compact({ kind, reason: langMap(s.reason) });
    };
    const booking = (b: unknown): Availability | undefined => (isObject(b) ? BOOKING[str(b.type) ?? ""] : undefined);
    const bookingInfo = isObject(d.bookingInfo) ? d.bookingInfo : {};
    const offersWith = (availability: Availability | undefined): Offer[] =>
      (Array.isArray(d.priceInfo) ? d.priceInfo.filter(isObject) : []).filter((p) => typeof p.price === "number").map((p, i) =>
        compact({
          id: `${str(p.category) ?? "tariff"}-${i + 1}`,
          category: langMap(p.name),
          price: p.price as number,
          // UiTdatabank's schema: priceCurrency defaults to EUR (the only currency it supports).
          priceCurrency: str(p.priceCurrency) ?? "EUR",
          availability,
          validFrom: str(bookingInfo.availabilityStarts),
          url: str(bookingInfo.url),
        }) as Offer,
      );
    const common = {
      production: productionId,
      type,
      name,
      venue,
      onlineUrl,
      attendanceMode,
      organizers: isObject(d.organizer) && uuidOf(d.organizer) !== undefined && organizerOf(uuidOf(d.organizer)!) ? [{ organization: uuidOf(d.organizer)! }] : undefined,
      url: Array.isArray(d.sameAs) ? d.sameAs.find((s): s is string => typeof s === "string" && /^https?:\/\//.test(s)) : undefined,
    };
    const made: Performance[] = [];
    const calendar = str(d.calendarType);
    if (calendar === "single" || calendar === "multiple") {
      const subs = Array.isArray(d.subEvent) && d.subEvent.length ? d.subEvent.filter(isObject) : [{ startDate: d.startDate, endDate: d.endDate }];
      subs.forEach((s, i) => {
        const start = str(s.startDate);
        if (start === undefined) return;
        made.push(compact({
          ...common, id: subs.length === 1 ? id : `${id}-${typeof s.id === "number" ? s.id : i}`, startDate: start, endDate: str(s.endDate),
          status: statusOf(s.status) ?? statusOf(d.status), offers: offersWith(booking(s.bookingAvailability) ?? booking(d.bookingAvailability)),
        }) as Performance);
      });
    } else if (calendar === "periodic" || calendar === "permanent") {
      const hours = hoursOf(d.openingHours);
      const from = calendar === "periodic" ? str(d.startDate)?.slice(0, 10) : options.permanentWindow?.from;
      const to = calendar === "periodic" ? str(d.endDate)?.slice(0, 10) : options.permanentWindow?.to;
      if (from === undefined || to === undefined) {
        return reject(`uitdatabank/${calendar}-without-dates`, calendar === "periodic" ? "startDate" : "calendarType", calendar, [
          calendar === "permanent" ? "a permanent event has no dates: give a window to expand its opening hours" : "periodic event without start and end dates",
          calendar === "permanent" ? "un événement permanent n'a pas de dates : donner une fenêtre pour développer ses heures d'ouverture" : "événement périodique sans dates de début et de fin",
        ], ["dates to expand the opening hours between", "des dates entre lesquelles développer les heures d'ouverture"], [
          calendar === "permanent" ? "pass permanentWindow (CLI: --window 2026-09-01/2026-12-31)" : "give startDate and endDate",
          calendar === "permanent" ? "passer permanentWindow (CLI : --window 2026-09-01/2026-12-31)" : "donner startDate et endDate",
        ]);
      }
      if (hours.length === 0 && calendar === "periodic") {
        made.push(compact({ ...common, id, startDate: str(d.startDate)!, endDate: str(d.endDate), status: statusOf(d.status), offers: offersWith(booking(d.bookingAvailability)) }) as Performance);
      } else {
        const closed = (Array.isArray(d.openingHoursClosedDays) ? d.openingHoursClosedDays.filter(isObject) : []).map((c) => ({ startDate: str(c.startDate) ?? "", endDate: str(c.endDate) ?? str(c.startDate) ?? "" }));
        const adjusted = (Array.isArray(d.openingHoursAdjustedDays) ? d.openingHoursAdjustedDays.filter(isObject) : []).map((a) => ({ startDate: str(a.startDate) ?? "", endDate: str(a.endDate) ?? str(a.startDate) ?? "", hours: hoursOf(a.openingHours) }));
        const { occurrences, truncated } = expandOpeningHours(from, to, hours, closed, adjusted, max);
        if (truncated) {
          problems.push(recordProblem("uitdatabank/too-many-occurrences", "performance", id, `${path}.openingHours`, max, [
            `opening hours give more than ${max} performances: the first ${max} are kept`, `les heures d'ouverture donnent plus de ${max} représentations : les ${max} premières sont gardées`,
          ], [`at most ${max} occurrences`, `au plus ${max} occurrences`], ["narrow the dates or raise maxOccurrences", "resserrer les dates ou relever maxOccurrences"], "warning"));
        }
        for (const o of occurrences) {
          made.push(compact({ ...common, id: `${id}-${o.start.replace(/[-:]/g, "")}`, startDate: o.start, endDate: o.end, status: statusOf(d.status), offers: offersWith(booking(d.bookingAvailability)) }) as Performance);
        }
      }
    } else {
      return reject("uitdatabank/unknown-calendar-type", "calendarType", d.calendarType, [`calendarType ${JSON.stringify(d.calendarType)} is not one of single, multiple, periodic, permanent`, `calendarType ${JSON.stringify(d.calendarType)} n'est pas single, multiple, periodic ou permanent`], ["single, multiple, periodic or permanent", "single, multiple, periodic ou permanent"], ["fix the calendar type", "corriger le type de calendrier"]);
    }
    if (made.length === 0) {
      return reject("uitdatabank/no-dates", "subEvent", undefined, ["no date could be read from the calendar", "aucune date lisible dans le calendrier"], ["subEvent dates or opening hours", "des dates de subEvent ou des heures d'ouverture"], ["complete the calendar", "compléter le calendrier"]);
    }
    pushAll(performances, made);
  });
  for (const u of [...unmapped].sort()) {
    problems.push(recordProblem("uitdatabank/unmapped-term", "document", undefined, "$..terms", u, [`term ${u} has no Vivant type or genre: left out`, `le terme ${u} n'a ni type ni genre Vivant : écarté`], ["a performing-arts term (Concert, Theatervoorstelling…)", "un terme des arts vivants (Concert, Theatervoorstelling…)"], ["nothing to do unless it is a performing-arts term", "rien à faire sauf s'il s'agit d'un terme des arts vivants"], "info"));
  }
  const used = new Set(performances.map((p) => p.production));
  const ledger = new Ledger();
  if (options.ledger !== false) tallyDocuments(docs, rejectedDocs, placeDocs, venues, orgDocs, organizations).settle(ledger, undefined, (p) => p);
  return {
    document: {
      publisher: makePublisher(options.publisher),
      venues: uniqueById(venues.values()),
      organizations: uniqueById(organizations.values()),
      productions: uniqueById([...productions.values()].filter((p) => used.has(p.id))),
      performances: uniqueById(performances),
    },
    read: events,
    unit: "events",
    fixes,
    ledger,
    problems: [...problems, ...ledger.problems()],
    rejected,
  };
}

/** The properties of each kind of document the importer reads into records. */
const READ: Readonly<Record<"event" | "place" | "organizer", ReadonlySet<string>>> = {
  event: new Set([
    "@id", "@type", "@context", "id", "name", "location", "terms", "mainLanguage", "production", "description", "image", "mediaObject", "typicalAgeRange",
    "status", "bookingInfo", "priceInfo", "bookingAvailability", "organizer", "sameAs", "calendarType", "subEvent", "startDate", "endDate",
    "openingHours", "openingHoursClosedDays", "openingHoursAdjustedDays", "attendanceMode", "onlineUrl",
  ]),
  place: new Set(["@id", "@type", "@context", "id", "name", "mainLanguage", "address", "geo", "description", "sameAs"]),
  organizer: new Set(["@id", "@type", "@context", "id", "name", "mainLanguage", "description", "url"]),
};

/**
 * The ledger's account of a UiTdatabank input: node = document, property = `event.<key>`, `place.<key>`,
 * `organizer.<key>`. A rejected event's keys are not carried; a place or organizer no accepted event uses
 * is outside the programme.
 */
function tallyDocuments(
  docs: readonly Json[], rejectedDocs: ReadonlySet<Json>, placeDocs: ReadonlyMap<string, Json>, venues: ReadonlyMap<string, unknown>,
  orgDocs: ReadonlyMap<string, Json>, organizations: ReadonlyMap<string, unknown>,
): SourceTally {
  const tally = new SourceTally();
  const account = (node: string, kind: "event" | "place" | "organizer", d: Json, outcome: "carried" | "rejected" | "outside-programme") => {
    tally.seenObject(node, d, `${kind}.`);
    if (outcome !== "carried") return tally.reject(node, outcome);
    for (const k of Object.keys(d)) if (READ[kind].has(k)) tally.carry(node, `${kind}.${k}`);
  };
  docs.forEach((d, i) => {
    if (kindOf(d) === "event") account(`$[${i}]`, "event", d, rejectedDocs.has(d) ? "rejected" : "carried");
  });
  for (const [id, d] of placeDocs) account(`place ${id}`, "place", d, venues.has(id) ? "carried" : "outside-programme");
  for (const [id, d] of orgDocs) account(`organizer ${id}`, "organizer", d, organizations.has(id) ? "carried" : "outside-programme");
  return tally;
}
