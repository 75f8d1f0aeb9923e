// Entries and places of the performance index made by hand for its modules' tests.

import type { Entry, Place } from "../../../src/query/perf-index/entry.js";
import { NONE, NO_PRICES } from "../../../src/query/perf-index/entry.js";

/** An entry starting at `startLex` (a UTC instant, its key the epoch), with the lists given. */
export function entry(id: string, startLex: string, lists: Partial<Entry> = {}): Entry {
  const epoch = Date.parse(startLex);
  return {
    id,
    graph: "http://x.example/graph",
    startLex,
    startType: "http://www.w3.org/2001/XMLSchema#dateTime",
    t: { hasOffset: true, epoch, wallMs: epoch, key: epoch },
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
    ...lists,
  };
}

export function place(p: Partial<Place> = {}): Place {
  return { cities: [], regions: [], citiesLc: [], regionsLc: [], geos: [], amenities: [], countries: [], ...p };
}
