// The performance index's observatory counts: performances per month, region and discipline, as aggregateQuery's
// SPARQL gives them, tallied one matching performance at a time.

import { ADR } from "../../vocab.js";
import type { AggregateRow, Observatory } from "../aggregates.js";
import { DISCIPLINES } from "../aggregates.js";
import { cmp, placesOf, type Entry, type Place } from "./entry.js";

type Key = "month" | "region" | "discipline";
const GROUPINGS: readonly (readonly Key[])[] = [
  ["month"],
  ["region"],
  ["discipline"],
  ["month", "region", "discipline"],
];
const NO_DISCIPLINE = [undefined];

/** Counts for the four groupings; `add` each matching performance once, then read `result()`. */
export class ObservatoryTally {
  readonly #places: ReadonlyMap<string, Place>;
  readonly #counts = GROUPINGS.map(
    () => new Map<string, { row: Record<string, string>; n: number; sortKey: string[] }>(),
  );

  constructor(places: ReadonlyMap<string, Place>) {
    this.#places = places;
  }

  /** Counts `e`: its month, region and disciplines are read once, for the four groupings. */
  add(e: Entry): void {
    const month = e.startLex.slice(0, 7);
    let region: string | undefined;
    for (const p of placesOf(this.#places, e)) if (region === undefined && p.regions.length) region = p.regions[0];
    const found = [...new Set(e.genres.filter((g) => g.startsWith(`${ADR}K6-`)).map((g) => `${g.slice(0, -2)}00`))];
    const disciplines: readonly (string | undefined)[] = found.length ? found : NO_DISCIPLINE;
    GROUPINGS.forEach((keys, gi) => {
      const map = this.#counts[gi]!;
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
  }

  /** The rows of each grouping, in the order of their values. */
  result(): Observatory {
    const rows = this.#counts.map((map) =>
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
