// The performance index's facet table (every performance's distinct values of each facet as small integers) and
// the counts it gives, listed as facetQuery's SPARQL lists them.

import { SCHEMA } from "../../vocab.js";
import type { Facet, FacetCounts } from "../aggregates.js";
import { FACETS } from "../aggregates.js";
import { cmp, placesOf, type Entry, type Place } from "./entry.js";

const S = SCHEMA;

/**
 * Each facet's values (FACETS order) numbered, and each performance's distinct values as those numbers: for facet
 * `k`, the performance at position `i` of the sorted list has `values[k][offsets[k][i] … offsets[k][i + 1] - 1]`.
 */
export interface FacetTable {
  readonly names: readonly string[][];
  readonly offsets: readonly Int32Array[];
  readonly values: readonly Int32Array[];
}

/** Every performance's distinct values of each facet as small integers. */
export function facetTableOf(sorted: readonly Entry[], places: ReadonlyMap<string, Place>): FacetTable {
  const n = sorted.length;
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
  sorted.forEach((e, i) => {
    const at = placesOf(places, e);
    add(
      k("type"),
      i,
      e.types.map((t) => (t.startsWith(S) ? t.slice(S.length) : t)),
    );
    add(k("genre"), i, e.genres);
    add(
      k("city"),
      i,
      at.flatMap((p) => p.cities),
    );
    add(
      k("region"),
      i,
      at.flatMap((p) => p.regions),
    );
    add(k("venue"), i, e.topVenues);
    add(k("language"), i, e.langs);
    add(k("accessibility"), i, [...e.features, ...at.flatMap((p) => p.amenities)]);
    add(k("free"), i, e.statedFree);
  });
  return { names, offsets, values: lists.map((l) => Int32Array.from(l)) };
}

/**
 * The counts of the facets `wanted` (positions in FACETS; `counts[w]` per value of facet `wanted[w]`) as lists of
 * the values counted, most counted first, then in code point order.
 */
export function listCounts(table: FacetTable, wanted: readonly number[], counts: readonly Int32Array[]): FacetCounts {
  const out: Record<string, { value: string; count: number }[]> = {};
  wanted.forEach((k, w) => {
    const names = table.names[k]!;
    const c = counts[w]!;
    const list: { value: string; count: number }[] = [];
    for (let v = 0; v < c.length; v++) if (c[v]! > 0) list.push({ value: names[v]!, count: c[v]! });
    out[FACETS[k]!] = list.sort((a, b) => b.count - a.count || cmp(a.value, b.value));
  });
  return out as unknown as FacetCounts;
}
