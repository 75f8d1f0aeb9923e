// Entries and places of the performance index made by hand for its modules' tests.

import type { Entry, Place } from "../../../src/query/perf-index/entry.js";
import { newEntry } from "../../../src/query/perf-index/entry.js";

/** An entry starting at `startLex` (a UTC instant, its key the epoch), with the lists given. */
export function entry(id: string, startLex: string, lists: Partial<Entry> = {}): Entry {
  const epoch = Date.parse(startLex);
  return {
    ...newEntry(id, "http://x.example/graph", startLex, "http://www.w3.org/2001/XMLSchema#dateTime", {
      hasOffset: true,
      epoch,
      wallMs: epoch,
      key: epoch,
    }),
    ...lists,
  };
}

export function place(p: Partial<Place> = {}): Place {
  return { cities: [], regions: [], citiesLc: [], regionsLc: [], geos: [], amenities: [], countries: [], ...p };
}
