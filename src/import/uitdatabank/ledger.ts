// The fidelity ledger of a UiTdatabank import: which properties of each event, place and organizer document (and
// which nested properties of the objects it reads) became part of a record, counted per document as its outcome is
// known.

import type { Ledger } from "../../harvest/ledger.js";
import { DocumentTally } from "../documentTally.js";
import { isObject, str, type Json } from "./json.js";
import { READ } from "./merge.js";

/** The keys that identify a document: carried as the record's id and kind, never merged. */
const IDENTITY = ["@id", "@type", "@context", "id"];
/** The properties of each kind of document the importer reads into records (the ledger's account). */
const LEDGER_READ: Readonly<Record<"event" | "place" | "organizer", ReadonlySet<string>>> = {
  event: new Set([...IDENTITY, ...READ.event]),
  place: new Set([...IDENTITY, ...READ.place]),
  organizer: new Set([...IDENTITY, ...READ.organizer]),
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
export class UitdatabankTally {
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
