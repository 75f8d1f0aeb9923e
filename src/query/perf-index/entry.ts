// What the performance index holds per performance and per place, the list helpers its build uses, and the
// searches over its sorted list (start order, as SPARQL's ORDER BY gives it).

import type { StartTimes } from "../filter.js";

export interface Place {
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

export interface Entry {
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

export type Posting = "venue" | "performer" | "genre" | "type";

/** The empty lists every entry starts with and shares while it has no such values (lists are never changed in place). */
export const NONE: string[] = [];
export const NO_PRICES: number[] = [];

/** The entry of a performance with only its start known: every list empty (the build fills them). */
export function newEntry(id: string, graph: string, startLex: string, startType: string, t: StartTimes): Entry {
  return {
    id,
    graph,
    startLex,
    startType,
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
}

/** SPARQL's codepoint order for strings. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function addTo<T>(list: T[], v: T): void {
  if (!list.includes(v)) list.push(v);
}

/** `list` with `v` added unless it is there already (see `plus`). */
export function put<T>(list: readonly T[], v: T): T[] {
  return list.includes(v) ? (list as T[]) : plus(list, v);
}

/**
 * `list` with `v` at the end, as a new array of exactly that length. An entry's lists are built this way: a pushed
 * array keeps room for 17 items, and the build's garbage (the shorter lists replaced) stays small.
 */
export function plus<T>(list: readonly T[], v: T): T[] {
  const n = list.length;
  const out = new Array<T>(n + 1);
  for (let i = 0; i < n; i++) out[i] = list[i]!;
  out[n] = v;
  return out;
}

/** The places of `e` (its location and the places containing it) that the index knows. */
export function placesOf(places: ReadonlyMap<string, Place>, e: Entry): Place[] {
  const out: Place[] = [];
  for (const v of e.venues) {
    const p = places.get(v);
    if (p) out.push(p);
  }
  return out;
}

/** Whether a place of `e` (its location or a place containing it) passes `test`; no array is built (this runs per performance). */
export function somePlace(places: ReadonlyMap<string, Place>, e: Entry, test: (p: Place) => boolean): boolean {
  for (const v of e.venues) {
    const p = places.get(v);
    if (p !== undefined && test(p)) return true;
  }
  return false;
}

/** Positions in `sorted` (ascending) of the performances with each venue, performer, genre and type. */
export function postingsOf(sorted: readonly Entry[]): Record<Posting, ReadonlyMap<string, Int32Array>> {
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
  return {
    venue: packed(lists.venue),
    performer: packed(lists.performer),
    genre: packed(lists.genre),
    type: packed(lists.type),
  };
}

/** SPARQL's ORDER BY ?ord ?e (performances.ts): the instant, or a local start's wall time read as UTC; then the IRI. */
export function order(a: Pick<Entry, "t" | "id">, b: Pick<Entry, "t" | "id">): number {
  if (a.t.key !== b.t.key) return a.t.key - b.t.key;
  return cmp(a.id, b.id);
}

/** The most a sort key can differ from the instant or wall time a bound compares (offsets are within ±14:59). */
export const SLACK = 15 * 3_600_000;

export function lowerBound(sorted: readonly Entry[], key: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.t.key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const EMPTY = new Int32Array(0);

/** First index of `list` (ascending) whose value is ≥ `pos`. */
export function lowerBoundInt(list: Int32Array, pos: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function upperBound(sorted: readonly Entry[], after: Pick<Entry, "t" | "id">): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order(sorted[mid]!, after) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
