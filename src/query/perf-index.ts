// An in-memory index of the performances of a store, for the typed questions: sorted by start instant so a
// page is a binary search and a short scan (Oxigraph has no range index: ORDER BY over every performance costs
// ~0.5 s at 1M triples). Built from the store with plain SPARQL, answers exactly as the SPARQL of filter.ts
// (the HTTP tests compare both), and rebuilt whenever a graph changes.

import { InputError } from "../errors.js";
import { tx } from "../i18n.js";
import type { Bindings, SelectResult } from "../store/types.js";
import { ADR, SCHEMA } from "../vocab.js";
import type { AggregateRow, Facet, FacetCounts, GraphFacetCounts, Observatory } from "./aggregates.js";
import { DISCIPLINES, FACETS } from "./aggregates.js";
import {
  boundInZone,
  boundOf,
  checkFilter,
  genreOf,
  passes,
  startTimes,
  typeOf,
  KM_PER_DEGREE,
  type Bound,
  type PerformanceFilter,
  type StartTimes,
} from "./filter.js";
import { zoneOfCountries } from "./zones.js";
import { eventClasses, isValidStart, SUBCLASS_OF } from "./events.js";
import {
  decodeCursor,
  describePerformancesSync,
  encodeCursor,
  limitOf,
  withStartZone,
  type PageOptions,
  type PerformanceNode,
  type PerformancePage,
} from "./performances.js";

/** Descriptions kept per index (a graph change builds a new index, so none is ever stale). */
const DESCRIPTION_CACHE = 50_000;
/** Facet and observatory answers kept per index (each a few KB: a value and a count per genre, city, venue, month…). */
const FACET_CACHE = 256;

/**
 * Each facet's values (FACETS order) numbered, and each performance's distinct values as those numbers: for facet
 * `k`, the performance at position `i` of the sorted list has `values[k][offsets[k][i] … offsets[k][i + 1] - 1]`.
 */
interface FacetTable {
  readonly names: readonly string[][];
  readonly offsets: readonly Int32Array[];
  readonly values: readonly Int32Array[];
}

/** A name as JSON-LD gives it: a plain string, or a string with its language. */
export type NameValue = string | { readonly "@value": string; readonly "@language": string };

/** A synchronous SELECT (the index is built where the store lives, between two queries). */
export type SelectSync = (query: string) => SelectResult;
/** A synchronous SELECT whose rows are read one at a time (e.g. `GraphStore.selectRowsSync`). */
export type SelectRowsSync = (query: string) => Iterable<Bindings>;

interface Place {
  cities: string[];
  regions: string[];
  /** The same, lower-cased (the filters compare case-insensitively). */
  citiesLc: string[];
  regionsLc: string[];
  geos: [number, number][];
  /** Names of amenity features whose value is true. */
  amenities: string[];
  /** Its address's addressCountry values (undefined: a blank node, which names no country). */
  countries: (string | undefined)[];
}

interface Entry {
  readonly id: string;
  /** The named graph that describes it (the ownership rule gives each resource one; of several, the first in order). */
  graph: string;
  readonly startLex: string;
  readonly startType: string;
  /** The start's instant (when it has an offset), its wall time and its sort key (see filter.ts). */
  readonly t: StartTimes;
  /** The venue's time zone (from the countries of its location and the places containing it), when there is one. */
  zone: string | undefined;
  /** The location and the places containing it (not a stream's VirtualLocation): where the zone is read. */
  zonePlaces: string[];
  types: string[];
  genres: string[];
  /** The location and the places containing it. */
  venues: string[];
  /** Facet venue: the location when it is in no other place, else the places containing it. */
  topVenues: string[];
  locations: string[];
  langs: string[];
  features: string[];
  statedFree: string[];
  prices: number[];
  zeroPrice: boolean;
  performers: string[];
  texts: string[];
}

type Posting = "venue" | "performer" | "genre" | "type";

/** The empty lists every entry starts with and shares while it has no such values (lists are never changed in place). */
const NONE: string[] = [];
const NO_PRICES: number[] = [];

const P = `PREFIX schema: <${SCHEMA}>\n`;
const S = SCHEMA;

function num(t: { value: string } | undefined): number {
  return t === undefined ? NaN : Number(t.value);
}

/** SPARQL's codepoint order for strings. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function addTo<T>(list: T[], v: T): void {
  if (!list.includes(v)) list.push(v);
}

/** `list` with `v` added unless it is there already (see `plus`). */
function put<T>(list: readonly T[], v: T): T[] {
  return list.includes(v) ? (list as T[]) : plus(list, v);
}

/**
 * `list` with `v` at the end, as a new array of exactly that length. An entry's lists are built this way: a pushed
 * array keeps room for 17 items, and the build's garbage (the shorter lists replaced) stays small.
 */
function plus<T>(list: readonly T[], v: T): T[] {
  const n = list.length;
  const out = new Array<T>(n + 1);
  for (let i = 0; i < n; i++) out[i] = list[i]!;
  out[n] = v;
  return out;
}

export class PerformanceIndex {
  readonly #sorted: Entry[];
  readonly #places: Map<string, Place>;
  readonly #select: SelectSync;
  readonly #described = new Map<string, PerformanceNode>();
  readonly #names = new Map<string, readonly NameValue[]>();
  /** Facet answers by question (JSON of the filter and facets), least recently used first. */
  readonly #facetCache = new Map<string, FacetCounts>();
  /** Facet answers per graph by question, least recently used first. */
  readonly #byGraphCache = new Map<string, readonly GraphFacetCounts[]>();
  /** Observatory answers by filter (JSON), least recently used first. */
  readonly #observatoryCache = new Map<string, Observatory>();
  #facets: FacetTable | undefined;
  /** Positions in #sorted (ascending) of the performances with each venue, performer, genre and type. */
  readonly #postings: Readonly<Record<Posting, ReadonlyMap<string, Int32Array>>>;

  private constructor(sorted: Entry[], places: Map<string, Place>, select: SelectSync) {
    this.#sorted = sorted;
    this.#places = places;
    this.#select = select;
    const lists: Record<Posting, Map<string, number[]>> = {
      venue: new Map(),
      performer: new Map(),
      genre: new Map(),
      type: new Map(),
    };
    const add = (m: Map<string, number[]>, values: readonly string[], i: number): void => {
      for (const v of values) {
        const l = m.get(v);
        if (l === undefined) m.set(v, [i]);
        else if (l[l.length - 1] !== i) l.push(i);
      }
    };
    sorted.forEach((e, i) => {
      add(lists.venue, e.venues, i);
      add(lists.performer, e.performers, i);
      add(lists.genre, e.genres, i);
      add(lists.type, e.types, i);
    });
    const packed = (m: Map<string, number[]>): Map<string, Int32Array> =>
      new Map([...m].map(([k, l]) => [k, Int32Array.from(l)]));
    this.#postings = {
      venue: packed(lists.venue),
      performer: packed(lists.performer),
      genre: packed(lists.genre),
      type: packed(lists.type),
    };
  }

  /** Drops the descriptions kept so far (they are rebuilt on demand). */
  forgetDescriptions(): void {
    this.#described.clear();
  }

  /**
   * A page of matching performances described as JSON-LD: `find`, then one SPARQL query for the performances not
   * described since the index was built (descriptions are kept until the next graph change).
   */
  page(filter: PerformanceFilter, options: PageOptions = {}): PerformancePage {
    const { found, next } = this.#find(filter, options);
    const ids = found.map((e) => e.id);
    const missing = ids.filter((id) => !this.#described.has(id));
    if (missing.length) {
      const nodes = describePerformancesSync(this.#select, missing);
      missing.forEach((id, i) => {
        if (this.#described.size >= DESCRIPTION_CACHE) this.#described.delete(this.#described.keys().next().value!);
        this.#described.set(id, nodes[i]!);
      });
    }
    return {
      items: found.map((e) => withStartZone(this.#described.get(e.id)!, e.startLex, e.zone)),
      ...(next !== undefined ? { next } : {}),
    };
  }

  /**
   * These performances described as JSON-LD (as on a performance's page), in the order given: one SPARQL query for
   * those not described since the index was built. An IRI the store knows nothing of gets a node with its `@id` only.
   */
  describe(ids: readonly string[]): PerformanceNode[] {
    const missing = [...new Set(ids.filter((id) => !this.#described.has(id)))];
    if (missing.length) {
      const nodes = describePerformancesSync(this.#select, missing);
      missing.forEach((id, i) => {
        if (this.#described.size >= DESCRIPTION_CACHE) this.#described.delete(this.#described.keys().next().value!);
        this.#described.set(id, nodes[i]!);
      });
    }
    return ids.map((id) => this.#described.get(id) ?? { "@id": id });
  }

  /**
   * The `schema:name` values of these IRIs (e.g. the venues of a facet), as JSON-LD values (a string, or a value
   * with its language); one SPARQL query for the IRIs not asked for since the index was built. IRIs that cannot be
   * written in SPARQL, and IRIs without a name, get an empty list.
   */
  names(iris: readonly string[]): Record<string, readonly NameValue[]> {
    const missing = [...new Set(iris.filter((i) => !this.#names.has(i) && /^[^\s<>"{}|\\^`]+$/.test(i)))];
    if (missing.length) {
      const found = new Map<string, NameValue[]>(missing.map((i) => [i, []]));
      const r = this.#select(
        `SELECT ?v ?name WHERE { VALUES ?v { ${missing.map((i) => `<${i}>`).join(" ")} } ?v <${S}name> ?name }`,
      );
      for (const b of r.bindings) {
        const n = b.name!;
        found
          .get(b.v!.value)
          ?.push(n.termType === "Literal" && n.language ? { "@value": n.value, "@language": n.language } : n.value);
      }
      for (const [i, list] of found) {
        if (this.#names.size >= DESCRIPTION_CACHE) this.#names.delete(this.#names.keys().next().value!);
        this.#names.set(i, list);
      }
    }
    const out: Record<string, readonly NameValue[]> = {};
    for (const i of iris) out[i] = this.#names.get(i) ?? [];
    return out;
  }

  get size(): number {
    return this.#sorted.length;
  }

  /**
   * Reads every performance of the store's default graph (the union of all graphs) with a few SELECTs. `select`
   * also describes pages later; `rows`, when given, runs the build's scans (a store's `selectRowsSync` keeps the
   * process from growing to hold whole answers).
   */
  static build(select: SelectSync, rows: SelectRowsSync = (q) => select(q).bindings): PerformanceIndex {
    const entries = new Map<string, Entry>();
    // One copy of each string kept: the same venue, genre or production text comes back on thousands of rows, and
    // a string cut from an answer's text would keep that whole text alive.
    const strings = new Map<string, string>();
    const intern = (s: string): string => {
      let v = strings.get(s);
      if (v === undefined) {
        v = Buffer.from(s, "utf8").toString("utf8");
        strings.set(v, v);
      }
      return v;
    };
    // The productions performed, each with its performances: their genres, languages, cast and texts are read once
    // per production, not once per performance (at 10M triples that is 2M rows fewer to write and read).
    const works = new Map<string, Entry[]>();
    for (const b of rows(
      `${P}SELECT ?e ?start ?work WHERE { ?e schema:workPerformed ?work ; schema:startDate ?start }`,
    )) {
      const start = b.start!;
      // A start that is not a valid date never reaches the typed API (see events.ts).
      if (!isValidStart(start)) continue;
      let e = entries.get(b.e!.value);
      if (!e) {
        const t = startTimes(start.value)!;
        const id = intern(b.e!.value);
        e = {
          id,
          graph: "",
          startLex: intern(start.value),
          startType: start.termType === "Literal" ? intern(start.datatype.value) : "",
          t,
          zone: undefined,
          zonePlaces: NONE,
          types: NONE,
          genres: NONE,
          venues: NONE,
          topVenues: NONE,
          locations: NONE,
          langs: NONE,
          features: NONE,
          statedFree: NONE,
          prices: NO_PRICES,
          zeroPrice: false,
          performers: NONE,
          texts: NONE,
        };
        entries.set(id, e);
      }
      const w = b.work!.termType === "BlankNode" ? `_:${b.work!.value}` : b.work!.value;
      const list = works.get(w);
      if (list === undefined) works.set(w, [e]);
      else if (!list.includes(e)) list.push(e);
    }
    const each = (q: string, fn: (e: Entry, b: Bindings) => void): void => {
      for (const b of rows(q)) {
        const e = entries.get(b.e!.value);
        if (e) fn(e, b);
      }
    };
    /** Rows whose ?work is a production performed: `fn` for each of its performances. */
    const eachOfWork = (q: string, fn: (e: Entry, b: Bindings) => void): void => {
      for (const b of rows(q)) {
        const w = b.work!;
        for (const e of works.get(w.termType === "BlankNode" ? `_:${w.value}` : w.value) ?? []) fn(e, b);
      }
    };
    const perf = "?e schema:workPerformed ?work . ";
    each(`${P}SELECT ?e ?g WHERE { GRAPH ?g { ?e schema:startDate ?start } }`, (e, b) => {
      const g = b.g!.value;
      if (e.graph === "" || cmp(g, e.graph) < 0) e.graph = intern(g);
    });
    each(`${P}SELECT ?e ?t WHERE { ${perf}?e a ?t }`, (e, b) => (e.types = put(e.types, intern(b.t!.value))));
    eachOfWork(
      `${P}SELECT DISTINCT ?work ?g WHERE { ${perf}?work schema:genre ?g }`,
      (e, b) => (e.genres = put(e.genres, intern(b.g!.value))),
    );
    const upOf = new Map<string, string[]>();
    each(
      `${P}SELECT ?e ?l ?up WHERE { ${perf}?e schema:location ?l OPTIONAL { ?l schema:containedInPlace ?up } }`,
      (e, b) => {
        const l = intern(b.l!.value);
        e.locations = put(e.locations, l);
        e.venues = put(e.venues, l);
        e.zonePlaces = put(e.zonePlaces, l);
        if (b.up) {
          const up = intern(b.up.value);
          e.venues = put(e.venues, up);
          e.zonePlaces = put(e.zonePlaces, up);
          const ups = upOf.get(l);
          if (ups) addTo(ups, up);
          else upOf.set(l, [up]);
        }
      },
    );
    // A mixed performance's stream (a WatchAction's VirtualLocation in the graph form): a location, as filter.ts counts it.
    each(
      `${P}SELECT ?e ?l WHERE { ${perf}?e schema:potentialAction ?a . ?a a schema:WatchAction ; schema:location ?l }`,
      (e, b) => {
        const l = intern(b.l!.value);
        e.locations = put(e.locations, l);
        e.venues = put(e.venues, l);
      },
    );
    for (const e of entries.values()) {
      // The facet's "venue", per location: the places containing it, or the location itself when it is in none.
      for (const l of e.locations) for (const v of upOf.get(l) ?? [l]) e.topVenues = put(e.topVenues, v);
    }
    each(
      `${P}SELECT ?e ?l WHERE { ${perf}?e schema:inLanguage ?l }`,
      (e, b) => (e.langs = put(e.langs, intern(b.l!.value))),
    );
    eachOfWork(
      `${P}SELECT DISTINCT ?work ?l WHERE { ${perf}?work schema:inLanguage ?l }`,
      (e, b) => (e.langs = put(e.langs, intern(b.l!.value))),
    );
    each(
      `${P}SELECT ?e ?f WHERE { ${perf}?e schema:accessibilityFeature ?f }`,
      (e, b) => (e.features = put(e.features, intern(b.f!.value))),
    );
    each(
      `${P}SELECT ?e ?v WHERE { ${perf}?e schema:isAccessibleForFree ?v }`,
      (e, b) => (e.statedFree = put(e.statedFree, intern(b.v!.value))),
    );
    each(
      `${P}SELECT ?e ?p ?kind WHERE { ${perf}?e schema:offers ?o . { ?o schema:price ?p BIND("price" AS ?kind) } UNION { ?o schema:priceSpecification/schema:minPrice ?p BIND("min" AS ?kind) } }`,
      (e, b) => {
        const p = num(b.p);
        if (Number.isNaN(p)) return;
        e.prices = plus(e.prices, p);
        if (b.kind!.value === "price" && p === 0) e.zeroPrice = true;
      },
    );
    each(
      `${P}SELECT ?e ?p WHERE { { ${perf}?e schema:performer ?p } UNION { ${perf}?e schema:performer/schema:performer ?p } }`,
      (e, b) => (e.performers = put(e.performers, intern(b.p!.value))),
    );
    eachOfWork(
      `${P}SELECT DISTINCT ?work ?p WHERE { ${perf}?work schema:contributor/schema:contributor ?p }`,
      (e, b) => (e.performers = put(e.performers, intern(b.p!.value))),
    );
    each(
      `${P}SELECT ?e ?t WHERE { ${perf}?e schema:name|schema:description ?t }`,
      (e, b) => (e.texts = plus(e.texts, intern(b.t!.value.toLowerCase()))),
    );
    eachOfWork(
      `${P}SELECT DISTINCT ?work ?t WHERE { ${perf}?work schema:name|schema:description ?t }`,
      (e, b) => (e.texts = plus(e.texts, intern(b.t!.value.toLowerCase()))),
    );

    const places = new Map<string, Place>();
    const place = (id: string): Place => {
      let p = places.get(id);
      if (!p)
        places.set(
          intern(id),
          (p = { cities: [], regions: [], citiesLc: [], regionsLc: [], geos: [], amenities: [], countries: [] }),
        );
      return p;
    };
    // Every place's city, region, point and amenities, whether or not a performance is there: only the places a
    // performance is at are ever looked up. (Going through the performances made the join 100× slower at 1M triples.)
    for (const b of rows(`${P}SELECT ?v ?c WHERE { ?v schema:address/schema:addressLocality ?c }`)) {
      const p = place(b.v!.value);
      addTo(p.cities, intern(b.c!.value));
      addTo(p.citiesLc, intern(b.c!.value.toLowerCase()));
    }
    for (const b of rows(`${P}SELECT ?v ?r WHERE { ?v schema:address/schema:addressRegion ?r }`)) {
      const p = place(b.v!.value);
      addTo(p.regions, intern(b.r!.value));
      addTo(p.regionsLc, intern(b.r!.value.toLowerCase()));
    }
    for (const b of rows(
      `${P}SELECT ?v ?lat ?lon WHERE { ?v schema:geo ?g . ?g schema:latitude ?lat ; schema:longitude ?lon }`,
    )) {
      const lat = num(b.lat);
      const lon = num(b.lon);
      if (Number.isFinite(lat) && Number.isFinite(lon)) place(b.v!.value).geos.push([lat, lon]);
    }
    for (const b of rows(
      `${P}SELECT ?v ?n WHERE { ?v schema:amenityFeature ?f . ?f schema:name ?n ; schema:value true }`,
    ))
      addTo(place(b.v!.value).amenities, intern(b.n!.value));
    // Every (place, address, country) row counts, as the SPARQL's COUNT(DISTINCT zone) sees them.
    for (const b of rows(`${P}SELECT ?v ?c WHERE { ?v schema:address/schema:addressCountry ?c }`))
      place(b.v!.value).countries.push(b.c!.termType === "BlankNode" ? undefined : intern(b.c!.value));
    for (const e of entries.values()) {
      const countries: (string | undefined)[] = [];
      for (const v of e.zonePlaces) for (const c of places.get(v)?.countries ?? []) countries.push(c);
      e.zone = countries.length ? zoneOfCountries(countries) : undefined;
    }

    // Only events: a node typed with an Event class, shipped or declared in the data (see events.ts).
    const declared: [string, string][] = [];
    for (const b of rows(`SELECT ?c ?d WHERE { ?c <${SUBCLASS_OF}> ?d FILTER(isIRI(?c) && isIRI(?d)) }`))
      declared.push([b.c!.value, b.d!.value]);
    const events = eventClasses(declared);
    const sorted = [...entries.values()].filter((e) => e.types.some((t) => events.has(t))).sort(order);
    return new PerformanceIndex(sorted, places, select);
  }

  #placesOf(e: Entry): Place[] {
    const out: Place[] = [];
    for (const v of e.venues) {
      const p = this.#places.get(v);
      if (p) out.push(p);
    }
    return out;
  }

  /** Whether a place of `e` (its location or a place containing it) passes `test`; no array is built (this runs per performance). */
  #somePlace(e: Entry, test: (p: Place) => boolean): boolean {
    for (const v of e.venues) {
      const p = this.#places.get(v);
      if (p !== undefined && test(p)) return true;
    }
    return false;
  }

  /** The test of filter.ts's filterBlock, in JavaScript. */
  #matcher(f: PerformanceFilter): (e: Entry) => boolean {
    checkFilter(f);
    const tests: ((e: Entry) => boolean)[] = [];
    const dated = (b: Bound, lower: boolean): ((e: Entry) => boolean) => {
      const inZone = new Map<string, number>();
      const at = (zone: string): number => {
        let v = inZone.get(zone);
        if (v === undefined) inZone.set(zone, (v = boundInZone(b, zone)));
        return v;
      };
      return (e) => passes(e.t, e.zone, b, at, lower);
    };
    if (f.from !== undefined) tests.push(dated(boundOf(f.from, f.timeZone, "from", false), true));
    if (f.to !== undefined) tests.push(dated(boundOf(f.to, f.timeZone, "to", true), false));
    if (f.type !== undefined) {
      const t = typeOf(f.type);
      tests.push((e) => e.types.includes(t));
    }
    if (f.genre !== undefined) {
      const g = genreOf(f.genre);
      tests.push((e) => e.genres.includes(g));
    }
    if (f.venue !== undefined) {
      const v = f.venue;
      tests.push((e) => e.venues.includes(v));
    }
    if (f.city !== undefined || f.region !== undefined) {
      const city = f.city?.toLowerCase();
      const region = f.region?.toLowerCase();
      tests.push((e) =>
        this.#somePlace(
          e,
          (p) =>
            (city === undefined || p.citiesLc.includes(city)) && (region === undefined || p.regionsLc.includes(region)),
        ),
      );
    }
    if (f.near !== undefined) {
      const { latitude, longitude, km } = f.near;
      const k = Math.cos((latitude * Math.PI) / 180);
      const r = km / KM_PER_DEGREE;
      const r2 = r * r;
      tests.push((e) =>
        this.#somePlace(e, (p) =>
          p.geos.some(([lat, lon]) => {
            const dLat = lat - latitude;
            const dLon = (lon - longitude) * k;
            return dLat * dLat + dLon * dLon <= r2;
          }),
        ),
      );
    }
    if (f.performer !== undefined) {
      const p = f.performer;
      tests.push((e) => e.performers.includes(p));
    }
    if (f.lang !== undefined) {
      const l = f.lang.toLowerCase();
      tests.push((e) => e.langs.some((x) => x.toLowerCase() === l || x.toLowerCase().startsWith(`${l}-`)));
    }
    if (f.accessibility !== undefined) {
      const a = f.accessibility;
      tests.push((e) => e.features.includes(a) || this.#somePlace(e, (p) => p.amenities.includes(a)));
    }
    const stated = (e: Entry): boolean => e.statedFree.some((v) => v === "true" || v === "1");
    const free = (e: Entry): boolean => stated(e) || (e.zeroPrice && !e.prices.some((p) => p > 0));
    if (f.free === true) tests.push(free);
    if (f.free === false) tests.push((e) => !free(e));
    if (f.maxPrice !== undefined) {
      const max = f.maxPrice;
      tests.push((e) => e.prices.some((p) => p <= max) || stated(e));
    }
    if (f.q !== undefined) {
      const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
      tests.push((e) => words.every((w) => e.texts.some((t) => t.includes(w))));
    }
    return (e) => tests.every((t) => t(e));
  }

  /**
   * Calls `visit` with the performances that may match `filter`, in start order, from position `from` on, until it
   * returns false. Only a superset is narrowed here (the matcher decides): the scan starts at the `from` instant
   * (binary search), stops at the `to` instant (the order is by instant), and walks the shortest posting list of
   * the venue, performer, genre or type asked for instead of every performance.
   */
  #scan(filter: PerformanceFilter, from: number, visit: (e: Entry, position: number) => boolean): void {
    let lo = from;
    // The sort key (an instant, or a local wall time read as UTC) is within 15 h of what a bound compares, whatever
    // the zone or offset: the scan starts that much before `from` and stops that much after `to`; the matcher decides.
    if (filter.from !== undefined)
      lo = Math.max(lo, lowerBound(this.#sorted, boundOf(filter.from, filter.timeZone, "from", false).ms - SLACK));
    const to = filter.to !== undefined ? boundOf(filter.to, filter.timeZone, "to", true).ms + SLACK : Infinity;
    let list: Int32Array | undefined;
    const narrow = (kind: Posting, key: string | undefined): void => {
      if (key === undefined) return;
      const l = this.#postings[kind].get(key) ?? EMPTY;
      if (list === undefined || l.length < list.length) list = l;
    };
    narrow("venue", filter.venue);
    narrow("performer", filter.performer);
    narrow("genre", filter.genre !== undefined ? genreOf(filter.genre) : undefined);
    narrow("type", filter.type !== undefined ? typeOf(filter.type) : undefined);
    const sorted = this.#sorted;
    if (list !== undefined) {
      for (let j = lowerBoundInt(list, lo); j < list.length; j++) {
        const i = list[j]!;
        const e = sorted[i]!;
        if (e.t.key >= to) return;
        if (!visit(e, i)) return;
      }
      return;
    }
    for (let i = lo; i < sorted.length; i++) {
      const e = sorted[i]!;
      if (e.t.key >= to) return;
      if (!visit(e, i)) return;
    }
  }

  /** One page of matching performance IRIs, in start order, and the cursor of the next page. */
  find(filter: PerformanceFilter, options: PageOptions = {}): { ids: string[]; next?: string } {
    const { found, next } = this.#find(filter, options);
    const ids = found.map((e) => e.id);
    return next !== undefined ? { ids, next } : { ids };
  }

  #find(filter: PerformanceFilter, options: PageOptions): { found: Entry[]; next?: string } {
    const limit = limitOf(options);
    const match = this.#matcher(filter);
    let from = 0;
    if (options.cursor !== undefined) {
      const c = decodeCursor(options.cursor);
      const t = startTimes(c.start);
      if (!t) throw new InputError("query/bad-cursor", tx("query/bad-cursor"), { hint: tx("query/bad-cursor.hint") });
      from = upperBound(this.#sorted, { t, id: c.id });
    }
    const ids: Entry[] = [];
    let last: Entry | undefined;
    let next: string | undefined;
    this.#scan(filter, from, (e) => {
      if (!match(e)) return true;
      if (ids.length === limit) {
        next = encodeCursor({ start: last!.startLex, startType: last!.startType, id: last!.id });
        return false;
      }
      ids.push(e);
      last = e;
      return true;
    });
    return next !== undefined ? { found: ids, next } : { found: ids };
  }

  /** Facet counts, as facetQuery's SPARQL gives them; the same question again is answered from a cache (the index is rebuilt, and the cache with it, on every graph change). */
  facets(filter: PerformanceFilter, facets: readonly Facet[] = FACETS): FacetCounts {
    return remembered(this.#facetCache, JSON.stringify([filter, facets]), () => this.#countFacets(filter, facets));
  }

  /**
   * The same counts for each named graph apart (graphs in code point order, each with at least one matching
   * performance): a federation that reaches one graph through two nodes (its publisher's and a follower's copy)
   * counts it once.
   */
  facetsByGraph(filter: PerformanceFilter, facets: readonly Facet[] = FACETS): readonly GraphFacetCounts[] {
    return remembered(this.#byGraphCache, JSON.stringify([filter, facets]), () => {
      const groups = new Map<string, number>();
      const counted = this.#countFacets(filter, facets, (e) => {
        let g = groups.get(e.graph);
        if (g === undefined) groups.set(e.graph, (g = groups.size));
        return g;
      });
      // A graph is listed when one of its matching performances has a value of an asked facet (as SPARQL gives it).
      return [...groups]
        .map(([graph, g]) => ({ graph, facets: counted[g]! }))
        .filter((x) => facets.some((f) => x.facets[f].length > 0))
        .sort((a, b) => cmp(a.graph, b.graph));
    });
  }

  /** Counts per facet value of the matching performances, in one group or in the groups `group` puts them in. */
  #countFacets(filter: PerformanceFilter, facets: readonly Facet[]): FacetCounts;
  #countFacets(filter: PerformanceFilter, facets: readonly Facet[], group: (e: Entry) => number): FacetCounts[];
  #countFacets(
    filter: PerformanceFilter,
    facets: readonly Facet[],
    group?: (e: Entry) => number,
  ): FacetCounts | FacetCounts[] {
    const match = this.#matcher(filter);
    const table = this.#facetTable();
    const wanted = facets.map((f) => FACETS.indexOf(f));
    const groups: Int32Array[][] = [];
    const countsOf = (g: number): Int32Array[] =>
      (groups[g] ??= wanted.map((k) => new Int32Array(table.names[k]!.length)));
    this.#scan(filter, 0, (e, i) => {
      if (!match(e)) return true;
      const counts = countsOf(group ? group(e) : 0);
      for (let w = 0; w < wanted.length; w++) {
        const k = wanted[w]!;
        const c = counts[w]!;
        const offsets = table.offsets[k]!;
        const values = table.values[k]!;
        for (let j = offsets[i]!, end = offsets[i + 1]!; j < end; j++) c[values[j]!]!++;
      }
      return true;
    });
    const listed = (counts: Int32Array[]): FacetCounts => {
      const out: Record<string, { value: string; count: number }[]> = {};
      wanted.forEach((k, w) => {
        const names = table.names[k]!;
        const c = counts[w]!;
        const list: { value: string; count: number }[] = [];
        for (let v = 0; v < c.length; v++) if (c[v]! > 0) list.push({ value: names[v]!, count: c[v]! });
        out[FACETS[k]!] = list.sort((a, b) => b.count - a.count || cmp(a.value, b.value));
      });
      return out as unknown as FacetCounts;
    };
    return group ? groups.map(listed) : listed(countsOf(0));
  }

  /** Every performance's distinct values of each facet as small integers; built on the first facet question. */
  #facetTable(): FacetTable {
    if (this.#facets !== undefined) return this.#facets;
    const n = this.#sorted.length;
    const names: string[][] = FACETS.map(() => []);
    const numbers: Map<string, number>[] = FACETS.map(() => new Map<string, number>());
    const offsets = FACETS.map(() => new Int32Array(n + 1));
    const lists: number[][] = FACETS.map(() => []);
    const seen = new Set<number>();
    const add = (k: number, i: number, values: Iterable<string>): void => {
      seen.clear();
      for (const v of values) {
        let id = numbers[k]!.get(v);
        if (id === undefined) {
          id = names[k]!.length;
          names[k]!.push(v);
          numbers[k]!.set(v, id);
        }
        if (!seen.has(id)) {
          seen.add(id);
          lists[k]!.push(id);
        }
      }
      offsets[k]![i + 1] = lists[k]!.length;
    };
    const k = (f: Facet): number => FACETS.indexOf(f);
    this.#sorted.forEach((e, i) => {
      const places = this.#placesOf(e);
      add(
        k("type"),
        i,
        e.types.map((t) => (t.startsWith(S) ? t.slice(S.length) : t)),
      );
      add(k("genre"), i, e.genres);
      add(
        k("city"),
        i,
        places.flatMap((p) => p.cities),
      );
      add(
        k("region"),
        i,
        places.flatMap((p) => p.regions),
      );
      add(k("venue"), i, e.topVenues);
      add(k("language"), i, e.langs);
      add(k("accessibility"), i, [...e.features, ...places.flatMap((p) => p.amenities)]);
      add(k("free"), i, e.statedFree);
    });
    return (this.#facets = { names, offsets, values: lists.map((l) => Int32Array.from(l)) });
  }

  /** Performances per month, region and discipline, as aggregateQuery's SPARQL gives them; the same question again is answered from a cache (as `facets`). */
  observatory(filter: PerformanceFilter): Observatory {
    return remembered(this.#observatoryCache, JSON.stringify(filter), () => this.#aggregate(filter));
  }

  #aggregate(filter: PerformanceFilter): Observatory {
    const match = this.#matcher(filter);
    type Key = "month" | "region" | "discipline";
    const groupings: readonly (readonly Key[])[] = [
      ["month"],
      ["region"],
      ["discipline"],
      ["month", "region", "discipline"],
    ];
    const counts = groupings.map(
      () => new Map<string, { row: Record<string, string>; n: number; sortKey: string[] }>(),
    );
    const NO_DISCIPLINE = [undefined];
    // One scan: each matching performance's month, region and disciplines are read once, for the four groupings.
    this.#scan(filter, 0, (e) => {
      if (!match(e)) return true;
      const month = e.startLex.slice(0, 7);
      let region: string | undefined;
      for (const p of this.#placesOf(e)) if (region === undefined && p.regions.length) region = p.regions[0];
      const found = [...new Set(e.genres.filter((g) => g.startsWith(`${ADR}K6-`)).map((g) => `${g.slice(0, -2)}00`))];
      const disciplines: readonly (string | undefined)[] = found.length ? found : NO_DISCIPLINE;
      groupings.forEach((keys, gi) => {
        const map = counts[gi]!;
        for (const d of keys.includes("discipline") ? disciplines : NO_DISCIPLINE) {
          const values = keys.map((k) => (k === "month" ? month : k === "region" ? region : d));
          const sortKey = values.map((v) => (v === undefined ? "" : `\u0001${v}`));
          const key = sortKey.join("\u0000");
          const c = map.get(key);
          // COUNT(DISTINCT ?e): a performance is visited once and its disciplines are distinct, so it counts once per group.
          if (c) {
            c.n++;
            continue;
          }
          const row: Record<string, string> = {};
          keys.forEach((k, ki) => {
            const v = values[ki];
            if (v !== undefined) row[k] = k === "discipline" ? (DISCIPLINES[v] ?? v) : v;
          });
          map.set(key, { row, n: 1, sortKey });
        }
      });
      return true;
    });
    const rows = counts.map((map) =>
      [...map.values()]
        .sort((a, b) => {
          for (let i = 0; i < a.sortKey.length; i++) {
            const c = cmp(a.sortKey[i]!, b.sortKey[i]!);
            if (c) return c;
          }
          return 0;
        })
        .map(({ row, n }): AggregateRow => ({ performances: n, ...row })),
    );
    return { byMonth: rows[0]!, byRegion: rows[1]!, byDiscipline: rows[2]!, cube: rows[3]! };
  }
}

/**
 * The answer kept in `cache` for `key`, else `compute()`'s, kept (at most FACET_CACHE answers: the least recently
 * used is dropped). Answers are never changed after they are made, so the same object is given to every caller.
 */
function remembered<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  const cached = cache.get(key);
  if (cached !== undefined) {
    // Most recently used last: the first key is the one dropped.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const value = compute();
  if (cache.size >= FACET_CACHE) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

/** SPARQL's ORDER BY ?ord ?e (performances.ts): the instant, or a local start's wall time read as UTC; then the IRI. */
function order(a: Pick<Entry, "t" | "id">, b: Pick<Entry, "t" | "id">): number {
  if (a.t.key !== b.t.key) return a.t.key - b.t.key;
  return cmp(a.id, b.id);
}

/** The most a sort key can differ from the instant or wall time a bound compares (offsets are within ±14:59). */
const SLACK = 15 * 3_600_000;

function lowerBound(sorted: readonly Entry[], key: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.t.key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const EMPTY = new Int32Array(0);

/** First index of `list` (ascending) whose value is ≥ `pos`. */
function lowerBoundInt(list: Int32Array, pos: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: readonly Entry[], after: Pick<Entry, "t" | "id">): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order(sorted[mid]!, after) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
