// publiq's UiTdatabank JSON (Flanders/Brussels) → records. The four calendar types become performances:
// single and multiple from their subEvents, periodic from its opening hours between its dates (closed
// days left out, adjusted days applied), permanent only within a window the caller gives.

import type { Problem, ProblemCode } from "../errors.js";
import { Fixes } from "../harvest/fixes.js";
import { Ledger } from "../harvest/ledger.js";
import { DocumentTally } from "./documentTally.js";
import type { RecordRef } from "../mapping/types.js";
import type {
  AgeRange,
  Availability,
  EventType,
  Genre,
  LangMap,
  Offer,
  Organization,
  OrganizationType,
  Performance,
  Person,
  PostalAddress,
  Production,
  Role,
  Status,
  StatusKind,
  Venue,
} from "../records/types.js";
import { slug } from "./csvFile.js";
import { endAfterMidnight } from "../records/time.js";
import {
  compact,
  makePublisher,
  recordProblem,
  uniqueById,
  type ImportResult,
  type PublisherOptions,
} from "./types.js";
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
  /** Called as events are read (every 500, and at the end): how many so far, of how many in all. */
  readonly onProgress?: (eventsRead: number, total: number) => void;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/** `https://io.uitdatabank.be/events/85b0…` → `85b0…`. */
function uuidOf(doc: Json): string | undefined {
  const id = str(doc["@id"]) ?? str(doc.id);
  return id?.replace(/\/+$/, "").split("/").pop();
}

// publiq's schemas accept both spellings (`/event/` and `/events/`, `/place/` and `/places/`, `/organizer/`
// and `/organizers/`: event-@id.json, place-@id.json, organizer-@id.json); its own documents use both.
const EVENT_IRI = /\/events?\/[^/]+\/?$/;
const PLACE_IRI = /\/places?\/[^/]+\/?$/;
const ORGANIZER_IRI = /\/organizers?\/[^/]+\/?$/;

function kindOf(doc: Json): "event" | "place" | "organizer" | undefined {
  const id = str(doc["@id"]) ?? "";
  if (EVENT_IRI.test(id) || ("calendarType" in doc && ("location" in doc || "subEvent" in doc))) return "event";
  if (PLACE_IRI.test(id)) return "place";
  if (ORGANIZER_IRI.test(id)) return "organizer";
  return "calendarType" in doc ? "event" : undefined;
}

const isBareReference = (d: Json): boolean =>
  Object.keys(d).every((k) => k === "@id" || k === "@type" || k === "@context");

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (
    typeof a !== "object" ||
    typeof b !== "object" ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  )
    return false;
  if (Array.isArray(a))
    return a.length === (b as unknown[]).length && a.every((v, i) => sameJson(v, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson((a as Json)[k], (b as Json)[k]))
  );
}

/**
 * Documents that share an id (one export split in pages, a place embedded in each event and also given
 * whole) are merged field by field: a field only one of them gives is kept, equal fields once. When two
 * give different values, the one `modified` later wins (an info says so); with no such order the field
 * is a conflict: a violation names the field and both values, and the record is rejected rather than
 * one version picked.
 */
export function mergeDocuments(
  docs: readonly { doc: Json; index: number; embedded?: boolean }[],
  read?: ReadonlySet<string>,
): {
  doc: Json;
  from: ReadonlyMap<string, number>;
  conflicts: { field: string; values: unknown[]; indexes: number[] }[];
  superseded: { field: string; kept: number; dropped: number }[];
} {
  const out: Json = {};
  const from = new Map<string, number>();
  const conflicts: { field: string; values: unknown[]; indexes: number[] }[] = [];
  const superseded: { field: string; kept: number; dropped: number }[] = [];
  const modified = (d: Json): number | undefined => {
    const m = str(d.modified);
    return m !== undefined && !Number.isNaN(Date.parse(m)) ? Date.parse(m) : undefined;
  };
  // Whole documents first, then the copies embedded in events, which only fill fields the documents leave out.
  const ordered = [...docs.filter((d) => !d.embedded), ...docs.filter((d) => d.embedded)];
  for (const { doc, index, embedded } of ordered) {
    for (const [k, v] of Object.entries(doc)) {
      if (!(k in out)) {
        out[k] = v;
        from.set(k, index);
        continue;
      }
      if (sameJson(out[k], v) || k === "modified") continue;
      // A copy embedded in an event is a snapshot: the document itself wins over it, and a field
      // Vivant does not read cannot conflict.
      if (embedded || (read !== undefined && !read.has(k))) continue;
      const prevIndex = from.get(k)!;
      const prev = docs.find((d) => d.index === prevIndex)!.doc;
      const [mPrev, mThis] = [modified(prev), modified(doc)];
      if (mPrev !== undefined && mThis !== undefined && mPrev !== mThis) {
        if (mThis > mPrev) {
          out[k] = v;
          from.set(k, index);
          superseded.push({ field: k, kept: index, dropped: prevIndex });
        } else superseded.push({ field: k, kept: prevIndex, dropped: index });
        continue;
      }
      const c = conflicts.find((x) => x.field === k);
      if (c) {
        c.values.push(v);
        c.indexes.push(index);
      } else conflicts.push({ field: k, values: [out[k], v], indexes: [prevIndex, index] });
    }
  }
  const latest = ordered
    .filter((d) => !d.embedded || ordered.every((x) => x.embedded))
    .map((d) => str(d.doc.modified))
    .filter((m): m is string => m !== undefined)
    .sort()
    .at(-1);
  if (latest !== undefined) out.modified = latest;
  // Built key by key, `out` has gone to V8's slow (dictionary) properties past a dozen keys: every later read of it
  // (and each for…in of the ledger) pays a hash look-up or a fresh key list. A copy has fast properties, same order.
  return { doc: { ...out }, from, conflicts, superseded };
}

/** The fields this importer reads, per kind: only they can conflict between two versions of a document. */
const READ: Readonly<Record<"event" | "place" | "organizer", ReadonlySet<string>>> = {
  event: new Set([
    "name",
    "description",
    "location",
    "organizer",
    "calendarType",
    "subEvent",
    "startDate",
    "endDate",
    "openingHours",
    "openingHoursClosedDays",
    "openingHoursAdjustedDays",
    "status",
    "bookingAvailability",
    "bookingInfo",
    "priceInfo",
    "terms",
    "production",
    "image",
    "mediaObject",
    "typicalAgeRange",
    "attendanceMode",
    "onlineUrl",
    "sameAs",
    "mainLanguage",
    "performer",
  ]),
  place: new Set(["name", "description", "address", "geo", "sameAs", "mainLanguage"]),
  organizer: new Set(["name", "description", "url", "mainLanguage"]),
};

/** schema.org agent types UiTdatabank performers may carry, and what Vivant records them as. */
const GROUP_TYPES = new Set(["PerformingGroup", "TheaterGroup", "DanceGroup", "MusicGroup"]);

function langMap(v: unknown): LangMap | undefined {
  if (typeof v === "string") return undefined;
  if (!isObject(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, t] of Object.entries(v))
    if (typeof t === "string" && t.trim() !== "" && /^[a-z]{2,3}$/.test(k)) out[k] = t.trim();
  return Object.keys(out).length ? out : undefined;
}

const STATUS: Readonly<Record<string, StatusKind>> = {
  Available: "scheduled",
  TemporarilyUnavailable: "postponed",
  Unavailable: "cancelled",
};
const BOOKING: Readonly<Record<string, Availability>> = { Available: "InStock", Unavailable: "SoldOut" };
const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** UiTdatabank event-type and theme labels (nl, fr, en) → Vivant's event type and genre. Unknown labels give neither. */
const TERMS: Readonly<Record<string, { type?: EventType; genre?: Genre }>> = {
  concert: { type: "MusicEvent", genre: "music" },
  muziek: { genre: "music" },
  musique: { genre: "music" },
  music: { genre: "music" },
  theatervoorstelling: { type: "TheaterEvent", genre: "theatre" },
  "spectacle de théâtre": { type: "TheaterEvent", genre: "theatre" },
  theater: { type: "TheaterEvent", genre: "theatre" },
  théâtre: { type: "TheaterEvent", genre: "theatre" },
  theatre: { type: "TheaterEvent", genre: "theatre" },
  dansvoorstelling: { type: "DanceEvent", genre: "dance" },
  dans: { type: "DanceEvent", genre: "dance" },
  danse: { type: "DanceEvent", genre: "dance" },
  dance: { type: "DanceEvent", genre: "dance" },
  circus: { genre: "circus" },
  cirque: { genre: "circus" },
  opera: { type: "MusicEvent", genre: "opera" },
  opéra: { type: "MusicEvent", genre: "opera" },
  humor: { type: "ComedyEvent", genre: "comedy" },
  humour: { type: "ComedyEvent", genre: "comedy" },
  comedy: { type: "ComedyEvent", genre: "comedy" },
  "klassieke muziek": { type: "MusicEvent", genre: "classical" },
  jazz: { type: "MusicEvent", genre: "jazz" },
  "jazz en blues": { type: "MusicEvent", genre: "jazz" },
  "pop en rock": { type: "MusicEvent", genre: "rock" },
  wereldmuziek: { type: "MusicEvent", genre: "worldMusic" },
  "mime en bewegingstheater": { type: "TheaterEvent", genre: "mime" },
  poppentheater: { type: "TheaterEvent", genre: "puppetry" },
  muziektheater: { type: "TheaterEvent", genre: "musicalTheatre" },
  festival: { type: "Festival" },
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
  readonly opens?: string | undefined;
  readonly closes?: string | undefined;
  readonly dayOfWeek: readonly string[];
}
function hoursOf(v: unknown): Hours[] {
  return Array.isArray(v)
    ? v.filter(isObject).map((h) => ({
        opens: str(h.opens),
        closes: str(h.closes),
        dayOfWeek: Array.isArray(h.dayOfWeek) ? h.dayOfWeek.filter((d): d is string => typeof d === "string") : [],
      }))
    : [];
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
): { occurrences: { start: string; end?: string | undefined }[]; truncated: boolean; overnight: number } {
  const out: { start: string; end?: string | undefined }[] = [];
  let overnight = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (closed.some((c) => c.startDate <= day && day <= c.endDate)) continue;
    const override = adjusted.find((a) => a.startDate <= day && day <= a.endDate);
    const dow = DAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]!;
    for (const h of override?.hours ?? hours) {
      if (!h.dayOfWeek.includes(dow) || h.opens === undefined) continue;
      if (out.length >= max) return { occurrences: out, truncated: true, overnight };
      // Hours past midnight (opens 20:00, closes 02:00) close the next day.
      const start = `${day}T${hhmm(h.opens)}`;
      let end = h.closes !== undefined ? `${day}T${hhmm(h.closes)}` : undefined;
      const moved = end !== undefined ? endAfterMidnight(start, end) : undefined;
      if (moved !== undefined) {
        end = moved;
        overnight++;
      }
      out.push(compact({ start, end }));
    }
  }
  return { occurrences: out, truncated: false, overnight };
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
  // Documents grouped by kind and id, embedded places and organizers included, then merged.
  const groups = new Map<
    string,
    {
      kind: "event" | "place" | "organizer";
      id: string;
      parts: { doc: Json; index: number; path: string; embedded: boolean }[];
      /** The input's event documents of this id (only when the ledger is kept: they are counted with its outcome). */
      events: Json[] | undefined;
    }
  >();
  /** Groups document `d`; returns its group, or undefined when it is not one of an event, place or organizer. */
  const collect = (d: unknown, index: number, path: string) => {
    if (!isObject(d)) return;
    const kind = kindOf(d);
    // An event without an id (publiq's write examples) stays one event of its own.
    const id = uuidOf(d) ?? (kind === "event" && path === `$[${index}]` ? `event-${index + 1}` : undefined);
    if (id === undefined || kind === undefined) return undefined;
    const key = `${kind} ${id}`;
    let g = groups.get(key);
    // `events` set from the start: one shape of group whether the ledger is kept or not.
    if (!g) groups.set(key, (g = { kind, id, parts: [], events: undefined }));
    // A bare {"@id"} reference adds nothing to merge.
    if (!isBareReference(d) || g.parts.length === 0)
      g.parts.push({ doc: d, index, path, embedded: path !== `$[${index}]` });
    if (g.parts.length > 1 && isBareReference(g.parts[0]!.doc)) g.parts.shift();
    return g;
  };
  // The ledger's account: each event's documents, counted once its record is made or rejected (all carried, or all
  // rejected with the merged event), then the merged places and organizers.
  const tally = options.ledger === false ? undefined : new UitdatabankTally();
  docs.forEach((d, index) => {
    const g = collect(d, index, `$[${index}]`);
    if (kindOf(d) === "event") {
      if (tally && g) (g.events ??= []).push(d);
      collect(d.location, index, `$[${index}].location`);
      collect(d.organizer, index, `$[${index}].organizer`);
    }
  });
  const placeDocs = new Map<string, Json>();
  const orgDocs = new Map<string, Json>();
  const eventDocs: {
    doc: Json;
    path: string;
    id: string;
    fieldPaths: ReadonlyMap<string, string>;
    events: readonly Json[] | undefined;
  }[] = [];
  const conflicted = new Set<string>();
  for (const g of groups.values()) {
    const { doc, from, conflicts, superseded } =
      g.parts.length === 1
        ? { doc: g.parts[0]!.doc, from: new Map<string, number>(), conflicts: [], superseded: [] }
        : mergeDocuments(g.parts, READ[g.kind]);
    const entity = g.kind === "event" ? "performance" : g.kind === "place" ? "venue" : "organization";
    const pathOf = (i: number) => g.parts.find((p) => p.index === i)?.path ?? `$[${i}]`;
    for (const c of conflicts) {
      conflicted.add(`${g.kind} ${g.id}`);
      problems.push(
        recordProblem(
          "uitdatabank/conflicting-documents",
          entity,
          g.id,
          `${pathOf(c.indexes[1]!)}.${c.field}`,
          c.values,
          [
            `${g.kind} ${g.id} is given ${c.indexes.length} times with different ${c.field} (at ${c.indexes.map(pathOf).join(", ")}), and no later "modified" date says which is current`,
            `${g.kind} ${g.id} est donné ${c.indexes.length} fois avec des ${c.field} différents (en ${c.indexes.map(pathOf).join(", ")}), sans date « modified » plus récente pour dire lequel est à jour`,
          ],
          ["one value per field for one id", "une valeur par champ pour un même id"],
          [
            "keep one version of the document, or give each its modified date",
            "garder une version du document, ou donner à chacune sa date modified",
          ],
        ),
      );
    }
    for (const x of superseded) {
      problems.push(
        recordProblem(
          "uitdatabank/superseded-field",
          entity,
          g.id,
          `${pathOf(x.dropped)}.${x.field}`,
          undefined,
          [
            `${g.kind} ${g.id}: ${x.field} at ${pathOf(x.dropped)} is replaced by the later-modified document at ${pathOf(x.kept)}`,
            `${g.kind} ${g.id} : ${x.field} en ${pathOf(x.dropped)} est remplacé par le document modifié plus tard en ${pathOf(x.kept)}`,
          ],
          ["the latest version of each field", "la dernière version de chaque champ"],
          ["nothing to do", "rien à faire"],
          "info",
        ),
      );
    }
    if (g.kind === "place") placeDocs.set(g.id, doc);
    else if (g.kind === "organizer") orgDocs.set(g.id, doc);
    else
      eventDocs.push({
        doc,
        path: g.parts[0]!.path,
        id: g.id,
        fieldPaths: new Map([...from].map(([f, i]) => [f, pathOf(i)])),
        events: g.events,
      });
  }

  const venues = new Map<string, Venue>();
  const venueOf = (id: string): string | undefined => {
    if (venues.has(id)) return id;
    const d = placeDocs.get(id);
    const name = d && langMap(d.name);
    if (!d) return undefined;
    const main = str(d.mainLanguage) ?? "nl";
    const addr = isObject(d.address)
      ? isObject(d.address[main])
        ? d.address[main]
        : (Object.values(d.address).find(isObject) ?? d.address)
      : undefined;
    const country = str(addr?.addressCountry)?.toUpperCase();
    const address: PostalAddress | undefined =
      addr && str(addr.addressLocality) && country && /^[A-Z]{2}$/.test(country)
        ? compact({
            streetAddress: str(addr.streetAddress),
            postalCode: str(addr.postalCode),
            addressLocality: str(addr.addressLocality)!,
            addressCountry: country,
          })
        : undefined;
    // A place with an address but no name is accepted with a warning (the core profile asks one or the other).
    if (!name && !address) return undefined;
    if (!name) {
      problems.push(
        recordProblem(
          "uitdatabank/place-without-name",
          "venue",
          id,
          "$..location.name",
          undefined,
          [`place ${id} has an address but no name: accepted`, `le lieu ${id} a une adresse mais pas de nom : accepté`],
          ["a name language map", "une table de langues pour le nom"],
          ["name the place in UiTdatabank", "nommer le lieu dans UiTdatabank"],
          "warning",
        ),
      );
    }
    const geo =
      isObject(d.geo) && typeof d.geo.latitude === "number" && typeof d.geo.longitude === "number"
        ? { latitude: d.geo.latitude, longitude: d.geo.longitude }
        : undefined;
    venues.set(
      id,
      compact({
        id,
        name,
        description: langMap(d.description),
        address,
        geo,
        // Belgium keeps one time zone: local UiTdatabank times are resolved with it.
        timeZone: country === "BE" ? "Europe/Brussels" : undefined,
        sameAs: Array.isArray(d.sameAs)
          ? d.sameAs.filter((s): s is string => typeof s === "string" && /^https?:\/\//.test(s))
          : undefined,
      }),
    );
    return id;
  };
  const organizations = new Map<string, Organization>();
  const organizerOf = (id: string): string | undefined => {
    if (organizations.has(id)) return id;
    const d = orgDocs.get(id);
    const name =
      d &&
      (langMap(d.name) ?? (str(d.name) !== undefined ? { [str(d.mainLanguage) ?? "nl"]: str(d.name)! } : undefined));
    if (!d || !name) return undefined;
    organizations.set(id, compact({ id, name, description: langMap(d.description), url: str(d.url) }));
    return id;
  };

  // Performers: UiTdatabank gives them by name (a string, or a node with a name and maybe a type).
  const people = new Map<string, Person>();
  const performersOf = (d: Json, eventId: string, path: (field: string) => string): Role[] => {
    const raw = d.performer;
    if (raw === undefined) return [];
    const items = Array.isArray(raw) ? raw : [raw];
    const out: Role[] = [];
    items.forEach((item, i) => {
      const at = Array.isArray(raw) ? `${path("performer")}[${i}]` : path("performer");
      const node = isObject(item) ? item : undefined;
      const name =
        typeof item === "string"
          ? str(item)
          : node && (str(node.name) ?? (langMap(node.name) && Object.values(langMap(node.name)!)[0]));
      const type = node && str(node["@type"]);
      if (name === undefined) {
        problems.push(
          recordProblem(
            "uitdatabank/invalid-performer",
            "performance",
            eventId,
            at,
            item,
            ["a performer without a name: left out", "un interprète sans nom : écarté"],
            [
              'a name, e.g. "Kommil Foo" or {"name": "Kommil Foo"}',
              'un nom, p. ex. « Kommil Foo » ou {"name": "Kommil Foo"}',
            ],
            ["give the performer's name", "donner le nom de l'interprète"],
            "warning",
          ),
        );
        return;
      }
      const key = `performer-${slug(name) || i}`;
      if (type === "Person") {
        if (!people.has(key))
          people.set(
            key,
            compact({
              id: key,
              name,
              url: node && str(node.url),
              sameAs:
                node && Array.isArray(node.sameAs)
                  ? node.sameAs.filter((x): x is string => typeof x === "string" && /^https?:\/\//.test(x))
                  : undefined,
            }),
          );
        out.push({ person: key });
      } else if (type !== undefined && (GROUP_TYPES.has(type) || type === "Organization")) {
        if (!organizations.has(key))
          organizations.set(
            key,
            compact({
              id: key,
              type: type as OrganizationType,
              name: { [str(d.mainLanguage) ?? "nl"]: name },
              url: node && str(node.url),
            }),
          );
        out.push({ organization: key });
      } else {
        // Neither a person nor a group is said: Vivant records no kind it would have to invent.
        problems.push(
          recordProblem(
            "uitdatabank/performer-kind-unknown",
            "performance",
            eventId,
            at,
            name,
            [
              `performer "${name}" is not carried: the document does not say whether it is a person or a group`,
              `l'interprète « ${name} » n'est pas repris : le document ne dit pas s'il s'agit d'une personne ou d'un groupe`,
            ],
            [
              'a performer with "@type": "Person" or "PerformingGroup" (MusicGroup, TheaterGroup, DanceGroup)',
              'un interprète avec "@type" : "Person" ou "PerformingGroup" (MusicGroup, TheaterGroup, DanceGroup)',
            ],
            ["add the performer's @type at the source", "ajouter le @type de l'interprète à la source"],
            "warning",
          ),
        );
      }
    });
    return out;
  };

  const productions = new Map<string, Production>();
  const performances: Performance[] = [];
  const unmapped = new Set<string>();
  /** The ids of the events rejected (merged from several documents or not). */
  const rejectedEvents = new Set<string>();
  let events = 0;
  const readEvent = ({ doc: d, path, id, fieldPaths }: (typeof eventDocs)[number]): void => {
    if (options.onProgress && events > 0 && events % 500 === 0) options.onProgress(events, eventDocs.length);
    events++;
    // Where a field was read: a merged event's fields come from several documents.
    const at = (field: string) => `${fieldPaths.get(field.split(/[.[]/)[0]!) ?? path}.${field}`;
    const reject = (
      code: ProblemCode,
      field: string,
      value: unknown,
      message: [string, string],
      expected: [string, string],
      hint: [string, string],
    ) => {
      rejectedEvents.add(id);
      rejected.push({ entity: "performance", recordId: id, path });
      problems.push(recordProblem(code, "performance", id, at(field), value, message, expected, hint));
    };
    // A conflict (reported field by field above) rejects the event, and the events of a conflicted place or organizer.
    const refConflict = (
      [
        ["location", "place"],
        ["organizer", "organizer"],
      ] as const
    ).find(([f, k]) => isObject(d[f]) && conflicted.has(`${k} ${uuidOf(d[f])}`));
    if (conflicted.has(`event ${id}`) || refConflict) {
      rejectedEvents.add(id);
      rejected.push({ entity: "performance", recordId: id, path });
      if (refConflict && !conflicted.has(`event ${id}`)) {
        const refId = uuidOf(d[refConflict[0]] as Json);
        problems.push(
          recordProblem(
            "uitdatabank/conflicting-documents",
            "performance",
            id,
            `${path}.${refConflict[0]}`,
            refId,
            [
              `its ${refConflict[1]} ${refId} is given several times with conflicting fields (reported above)`,
              `son ${refConflict[1] === "place" ? "lieu" : "organisateur"} ${refId} est donné plusieurs fois avec des champs en conflit (signalés plus haut)`,
            ],
            ["one version of the document", "une version du document"],
            ["keep one version of that document", "garder une version de ce document"],
          ),
        );
      }
      return;
    }
    const name = langMap(d.name);
    if (!name)
      return reject(
        "uitdatabank/missing-name",
        "name",
        d.name,
        ["event without a name", "événement sans nom"],
        ['a language map, e.g. {"nl": "…"}', 'une table de langues, p. ex. {"nl": "…"}'],
        ["name the event", "nommer l'événement"],
      );
    const attendanceMode = (["offline", "online", "mixed"] as const).find((m) => m === d.attendanceMode);
    const onlineUrl = str(d.onlineUrl);
    const placeId = isObject(d.location) ? uuidOf(d.location) : undefined;
    const venue = placeId !== undefined ? venueOf(placeId) : undefined;
    if (venue === undefined && !(attendanceMode === "online" && onlineUrl)) {
      return reject(
        "uitdatabank/unknown-place",
        "location",
        placeId,
        [
          placeId
            ? `place ${placeId} is only referenced: its document (name, address) is not in the input`
            : "event without a location",
          placeId
            ? `le lieu ${placeId} n'est que référencé : son document (nom, adresse) n'est pas dans l'entrée`
            : "événement sans lieu",
        ],
        ["the place document in the same input", "le document du lieu dans la même entrée"],
        ["add the places (GET /places/{id}) to the input", "ajouter les lieux (GET /places/{id}) à l'entrée"],
      );
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
      const images = [
        str(d.image),
        ...(Array.isArray(d.mediaObject) ? d.mediaObject.filter(isObject).map((m) => str(m.contentUrl)) : []),
      ].filter((u): u is string => u !== undefined && /^https?:\/\//.test(u));
      productions.set(
        productionId,
        compact({
          id: productionId,
          name: production && str(production.title) ? { [main]: str(production.title)! } : name,
          description: langMap(d.description),
          images: [...new Set(images)],
          genres: [...genres],
          audienceAge: ageRange(d.typicalAgeRange),
        }),
      );
    }
    const statusOf = (s: unknown): Status | undefined => {
      if (!isObject(s)) return undefined;
      const kind = STATUS[str(s.type) ?? ""];
      return kind && compact({ kind, reason: langMap(s.reason) });
    };
    const booking = (b: unknown): Availability | undefined => (isObject(b) ? BOOKING[str(b.type) ?? ""] : undefined);
    const bookingInfo = isObject(d.bookingInfo) ? d.bookingInfo : {};
    const offersWith = (availability: Availability | undefined): Offer[] =>
      (Array.isArray(d.priceInfo) ? d.priceInfo.filter(isObject) : [])
        .filter((p) => typeof p.price === "number")
        .map(
          (p, i) =>
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
      performers: performersOf(d, id, at),
      organizers:
        isObject(d.organizer) && uuidOf(d.organizer) !== undefined && organizerOf(uuidOf(d.organizer)!)
          ? [{ organization: uuidOf(d.organizer)! }]
          : undefined,
      url: Array.isArray(d.sameAs)
        ? d.sameAs.find((s): s is string => typeof s === "string" && /^https?:\/\//.test(s))
        : undefined,
    };
    const made: Performance[] = [];
    const calendar = str(d.calendarType);
    if (calendar === "single" || calendar === "multiple") {
      const subs =
        Array.isArray(d.subEvent) && d.subEvent.length
          ? d.subEvent.filter(isObject)
          : [{ startDate: d.startDate, endDate: d.endDate }];
      subs.forEach((s, i) => {
        const start = str(s.startDate);
        if (start === undefined) return;
        let endDate = str(s.endDate);
        const moved = endDate !== undefined ? endAfterMidnight(start, endDate) : undefined;
        if (moved !== undefined) {
          endDate = moved;
          fixes.add("end-after-midnight");
        }
        made.push(
          compact({
            ...common,
            id: subs.length === 1 ? id : `${id}-${typeof s.id === "number" ? s.id : i}`,
            startDate: start,
            endDate,
            status: statusOf(s.status) ?? statusOf(d.status),
            offers: offersWith(booking(s.bookingAvailability) ?? booking(d.bookingAvailability)),
          }),
        );
      });
    } else if (calendar === "periodic" || calendar === "permanent") {
      const hours = hoursOf(d.openingHours);
      const from = calendar === "periodic" ? str(d.startDate)?.slice(0, 10) : options.permanentWindow?.from;
      const to = calendar === "periodic" ? str(d.endDate)?.slice(0, 10) : options.permanentWindow?.to;
      if (from === undefined || to === undefined) {
        return reject(
          `uitdatabank/${calendar}-without-dates`,
          calendar === "periodic" ? "startDate" : "calendarType",
          calendar,
          [
            calendar === "permanent"
              ? "a permanent event has no dates: give a window to expand its opening hours"
              : "periodic event without start and end dates",
            calendar === "permanent"
              ? "un événement permanent n'a pas de dates : donner une fenêtre pour développer ses heures d'ouverture"
              : "événement périodique sans dates de début et de fin",
          ],
          ["dates to expand the opening hours between", "des dates entre lesquelles développer les heures d'ouverture"],
          [
            calendar === "permanent"
              ? "pass permanentWindow (CLI: --window 2026-09-01/2026-12-31)"
              : "give startDate and endDate",
            calendar === "permanent"
              ? "passer permanentWindow (CLI : --window 2026-09-01/2026-12-31)"
              : "donner startDate et endDate",
          ],
        );
      }
      if (hours.length === 0 && calendar === "periodic") {
        made.push(
          compact({
            ...common,
            id,
            startDate: str(d.startDate)!,
            endDate: str(d.endDate),
            status: statusOf(d.status),
            offers: offersWith(booking(d.bookingAvailability)),
          }),
        );
      } else {
        const closed = (Array.isArray(d.openingHoursClosedDays) ? d.openingHoursClosedDays.filter(isObject) : []).map(
          (c) => ({ startDate: str(c.startDate) ?? "", endDate: str(c.endDate) ?? str(c.startDate) ?? "" }),
        );
        const adjusted = (
          Array.isArray(d.openingHoursAdjustedDays) ? d.openingHoursAdjustedDays.filter(isObject) : []
        ).map((a) => ({
          startDate: str(a.startDate) ?? "",
          endDate: str(a.endDate) ?? str(a.startDate) ?? "",
          hours: hoursOf(a.openingHours),
        }));
        const { occurrences, truncated, overnight } = expandOpeningHours(from, to, hours, closed, adjusted, max);
        if (overnight) fixes.add("end-after-midnight", overnight);
        if (truncated) {
          problems.push(
            recordProblem(
              "uitdatabank/too-many-occurrences",
              "performance",
              id,
              at("openingHours"),
              max,
              [
                `opening hours give more than ${max} performances: the first ${max} are kept`,
                `les heures d'ouverture donnent plus de ${max} représentations : les ${max} premières sont gardées`,
              ],
              [`at most ${max} occurrences`, `au plus ${max} occurrences`],
              ["narrow the dates or raise maxOccurrences", "resserrer les dates ou relever maxOccurrences"],
              "warning",
            ),
          );
        }
        for (const o of occurrences) {
          made.push(
            compact({
              ...common,
              id: `${id}-${o.start.replace(/[-:]/g, "")}`,
              startDate: o.start,
              endDate: o.end,
              status: statusOf(d.status),
              offers: offersWith(booking(d.bookingAvailability)),
            }),
          );
        }
      }
    } else {
      return reject(
        "uitdatabank/unknown-calendar-type",
        "calendarType",
        d.calendarType,
        [
          `calendarType ${JSON.stringify(d.calendarType)} is not one of single, multiple, periodic, permanent`,
          `calendarType ${JSON.stringify(d.calendarType)} n'est pas single, multiple, periodic ou permanent`,
        ],
        ["single, multiple, periodic or permanent", "single, multiple, periodic ou permanent"],
        ["fix the calendar type", "corriger le type de calendrier"],
      );
    }
    if (made.length === 0) {
      return reject(
        "uitdatabank/no-dates",
        "subEvent",
        undefined,
        ["no date could be read from the calendar", "aucune date lisible dans le calendrier"],
        ["subEvent dates or opening hours", "des dates de subEvent ou des heures d'ouverture"],
        ["complete the calendar", "compléter le calendrier"],
      );
    }
    pushAll(performances, made);
  };
  eventDocs.forEach((e) => {
    readEvent(e);
    // Counted now, while the event's documents are still in the processor's caches.
    if (tally && e.events) tally.events(e.events, rejectedEvents.has(e.id));
  });
  options.onProgress?.(events, eventDocs.length);
  for (const u of [...unmapped].sort()) {
    problems.push(
      recordProblem(
        "uitdatabank/unmapped-term",
        "document",
        undefined,
        "$..terms",
        u,
        [`term ${u} has no Vivant type or genre: left out`, `le terme ${u} n'a ni type ni genre Vivant : écarté`],
        [
          "a performing-arts term (Concert, Theatervoorstelling…)",
          "un terme des arts vivants (Concert, Theatervoorstelling…)",
        ],
        [
          "nothing to do unless it is a performing-arts term",
          "rien à faire sauf s'il s'agit d'un terme des arts vivants",
        ],
        "info",
      ),
    );
  }
  const used = new Set(performances.map((p) => p.production));
  const ledger = new Ledger();
  tally?.settle(ledger, placeDocs, venues, orgDocs, organizations);
  return {
    document: {
      publisher: makePublisher(options.publisher),
      venues: uniqueById(venues.values()),
      organizations: uniqueById(organizations.values()),
      people: uniqueById(people.values()),
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

/** The properties of each kind of document the importer reads into records (the ledger's account). */
const LEDGER_READ: Readonly<Record<"event" | "place" | "organizer", ReadonlySet<string>>> = {
  event: new Set([
    "@id",
    "@type",
    "@context",
    "id",
    "name",
    "location",
    "terms",
    "mainLanguage",
    "production",
    "description",
    "image",
    "mediaObject",
    "typicalAgeRange",
    "status",
    "bookingInfo",
    "priceInfo",
    "bookingAvailability",
    "organizer",
    "sameAs",
    "calendarType",
    "subEvent",
    "startDate",
    "endDate",
    "openingHours",
    "openingHoursClosedDays",
    "openingHoursAdjustedDays",
    "attendanceMode",
    "onlineUrl",
    "performer",
  ]),
  place: new Set(["@id", "@type", "@context", "id", "name", "mainLanguage", "address", "geo", "description", "sameAs"]),
  organizer: new Set(["@id", "@type", "@context", "id", "name", "mainLanguage", "description", "url"]),
};

/**
 * What the importer reads inside a property whose value is an object (or a list of objects): the ledger counts those
 * nested properties (`event.priceInfo.price`, `event.subEvent.status.type`…) instead of the property as a whole. A
 * property absent here is counted whole (a text, a language map, a reference to a place or organizer document, which
 * is accounted as its own node).
 */
interface NestedRead {
  readonly read: ReadonlySet<string>;
  readonly nested?: Readonly<Record<string, NestedRead>>;
}
const TYPED: NestedRead = { read: new Set(["type"]) };
const STATUS_READ: NestedRead = { read: new Set(["type", "reason"]) };
const HOURS_READ: NestedRead = { read: new Set(["opens", "closes", "dayOfWeek"]) };
const LEDGER_NESTED: Readonly<Record<"event" | "place" | "organizer", Readonly<Record<string, NestedRead>>>> = {
  event: {
    priceInfo: { read: new Set(["category", "name", "price", "priceCurrency"]) },
    bookingInfo: { read: new Set(["url", "availabilityStarts"]) },
    subEvent: {
      read: new Set(["startDate", "endDate", "status", "bookingAvailability"]),
      nested: { status: STATUS_READ, bookingAvailability: TYPED },
    },
    status: STATUS_READ,
    bookingAvailability: TYPED,
    mediaObject: { read: new Set(["contentUrl"]) },
    terms: { read: new Set(["id", "label", "domain"]) },
    performer: { read: new Set(["name", "@type", "url", "sameAs"]) },
    production: { read: new Set(["id", "title"]) },
    openingHours: HOURS_READ,
    openingHoursClosedDays: { read: new Set(["startDate", "endDate"]) },
    openingHoursAdjustedDays: {
      read: new Set(["startDate", "endDate", "openingHours"]),
      nested: { openingHours: HOURS_READ },
    },
  },
  place: { geo: { read: new Set(["latitude", "longitude"]) } },
  organizer: {},
};
/** An address's fields (per language: the importer reads the main language's, or the first). */
const ADDRESS_READ = new Set(["streetAddress", "postalCode", "addressLocality", "addressCountry"]);

const empty = (v: unknown): boolean =>
  v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/** One key under a prefix: its ledger property's number, whether the importer reads it, the keys read inside it. */
interface KeyEntry {
  readonly key: string;
  readonly id: number;
  readonly read: boolean;
  readonly nested: Keys | undefined;
  /** The entry of the key that followed this one the last time (documents of one kind list their keys alike). */
  next: KeyEntry | undefined;
}

/**
 * The ledger's properties under one prefix (`event.`, `event.subEvent.`…), each numbered once per import: counting
 * a value is one map lookup (its key), not a new concatenation and a look-up per value.
 */
class Keys {
  readonly #entries = new Map<string, KeyEntry>();
  readonly #under = new Map<string, Keys>();
  /** The entry of the first key counted the last time. */
  first: KeyEntry | undefined = undefined;
  constructor(
    readonly tally: DocumentTally,
    readonly prefix: string,
    readonly spec: NestedRead,
  ) {}

  entry(k: string): KeyEntry {
    let e = this.#entries.get(k);
    if (e === undefined) {
      const sub = this.spec.nested?.[k];
      this.#entries.set(
        k,
        (e = {
          key: k,
          id: this.tally.id(this.prefix + k),
          read: this.spec.read.has(k),
          nested: sub && new Keys(this.tally, `${this.prefix}${k}.`, sub),
          next: undefined,
        }),
      );
    }
    return e;
  }

  /** The keys under `prefix + k + "."`, read as `spec` says. */
  under(k: string, spec: NestedRead): Keys {
    let c = this.#under.get(k);
    if (c === undefined) this.#under.set(k, (c = new Keys(this.tally, `${this.prefix}${k}.`, spec)));
    return c;
  }
}

/**
 * Counts (and, when `carry`, carries) the properties of `value` under `keys`, going into the nested ones it reads;
 * `skip` names a key left for the caller.
 */
function tallyNested(tally: DocumentTally, value: Json, keys: Keys, carry: boolean, skip?: string): void {
  let prev: KeyEntry | undefined;
  // for…in, not Object.keys: V8 walks the object's cached key list instead of copying it into a new array.
  for (const k in value) {
    const v = value[k];
    // What `empty` tests, inline and cheapest first (the comparisons before the type test).
    if (v === undefined || v === null || v === "" || k === skip) continue;
    const list = Array.isArray(v);
    if (list && v.length === 0) continue;
    // The entry of the key that followed the previous one last time is tried first (keys are interned strings: one
    // comparison of references): documents list their keys in much the same order, so a look-up is rarely needed.
    let e = prev === undefined ? keys.first : prev.next;
    if (e === undefined || e.key !== k) {
      e = keys.entry(k);
      if (prev === undefined) keys.first = e;
      else prev.next = e;
    }
    prev = e;
    const carried = carry && e.read;
    if (e.nested !== undefined && typeof v === "object") {
      if (!list) {
        tallyNested(tally, v as Json, e.nested, carried);
        continue;
      }
      // A list counts its objects' properties; a list of no object is counted whole.
      let objects = false;
      for (let i = 0; i < v.length; i++) {
        const o: unknown = v[i];
        if (isObject(o)) {
          objects = true;
          tallyNested(tally, o, e.nested, carried);
        }
      }
      if (objects) continue;
    }
    tally.seen(e.id, carried);
  }
}

const ADDRESS_SPEC: NestedRead = { read: ADDRESS_READ };

/**
 * The ledger's account of a UiTdatabank input: node = document, property = `event.<key>`, `place.<key>`,
 * `organizer.<key>`, and the nested properties the importer reads inside objects (`event.priceInfo.price`,
 * `place.address.nl.streetAddress`…). Each event's input documents are counted as soon as its record is made or
 * rejected (a rejected event's properties are not carried), then the merged place and organizer documents (one no
 * accepted event uses is outside the programme).
 */
class UitdatabankTally {
  readonly tally = new DocumentTally();
  readonly #root = {
    event: new Keys(this.tally, "event.", { read: LEDGER_READ.event, nested: LEDGER_NESTED.event }),
    place: new Keys(this.tally, "place.", { read: LEDGER_READ.place, nested: LEDGER_NESTED.place }),
    organizer: new Keys(this.tally, "organizer.", { read: LEDGER_READ.organizer, nested: LEDGER_NESTED.organizer }),
  };
  readonly #address = this.#root.place.under("address", ADDRESS_SPEC);

  /** The input's documents of one event, all rejected with it or all counted as marked. */
  events(docs: readonly Json[], rejected: boolean): void {
    for (const d of docs) {
      this.tally.node(rejected ? "rejected" : undefined);
      tallyNested(this.tally, d, this.#root.event, true);
    }
  }

  #account(kind: "place" | "organizer", d: Json, carried: boolean): void {
    this.tally.node(carried ? undefined : "outside-programme");
    const byLang = kind === "place" ? d.address : undefined;
    if (!isObject(byLang)) return tallyNested(this.tally, d, this.#root[kind], carried);
    tallyNested(this.tally, d, this.#root.place, carried, "address");
    // By language ({"nl": {…}}) or one address: only the one the importer reads (main language, else the first) is carried.
    let readLang: string | undefined;
    for (const lang in byLang) if (readLang === undefined && isObject(byLang[lang])) readLang = lang;
    if (readLang === undefined) return tallyNested(this.tally, byLang, this.#address, carried);
    const main = str(d.mainLanguage) ?? "nl";
    if (isObject(byLang[main])) readLang = main;
    for (const lang in byLang) {
      const a = byLang[lang];
      if (isObject(a))
        tallyNested(this.tally, a, this.#address.under(lang, ADDRESS_SPEC), carried && lang === readLang);
      else if (!empty(a)) this.tally.seen(this.#address.entry(lang).id, false);
    }
  }

  /** The merged places and organizers (carried when a record was made of them), after the events. */
  settle(
    ledger: Ledger,
    placeDocs: ReadonlyMap<string, Json>,
    venues: ReadonlyMap<string, unknown>,
    orgDocs: ReadonlyMap<string, Json>,
    organizations: ReadonlyMap<string, unknown>,
  ): Ledger {
    placeDocs.forEach((d, id) => this.#account("place", d, venues.has(id)));
    orgDocs.forEach((d, id) => this.#account("organizer", d, organizations.has(id)));
    return this.tally.settle(ledger);
  }
}
