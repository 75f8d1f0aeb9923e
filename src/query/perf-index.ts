// An in-memory index of the performances of a store, for the typed questions: sorted by start instant so a
// page is a binary search and a short scan (Oxigraph has no range index: ORDER BY over every performance costs
// ~0.5 s at 1M triples). Built from the store with plain SPARQL, answers exactly as the SPARQL of filter.ts
// (the HTTP tests compare both), and rebuilt whenever a graph changes.

import { InputError } from "../errors.js";
import { tx } from "../i18n.js";
import type { Bindings, SelectResult } from "../store/types.js";
import { SCHEMA } from "../vocab.js";
import type { Facet, FacetCounts, GraphFacetCounts, Observatory } from "./aggregates.js";
import { FACETS } from "./aggregates.js";
import { boundOf, genreOf, startTimes, typeOf, type PerformanceFilter } from "./filter.js";
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
import { readIndex } from "./perf-index/build.js";
import {
  cmp,
  EMPTY,
  lowerBound,
  lowerBoundInt,
  postingsOf,
  SLACK,
  upperBound,
  type Entry,
  type Place,
  type Posting,
} from "./perf-index/entry.js";
import { facetTableOf, listCounts, type FacetTable } from "./perf-index/facets.js";
import { matcherOf } from "./perf-index/matcher.js";
import { ObservatoryTally } from "./perf-index/observatory.js";

/** Descriptions kept per index (a graph change builds a new index, so none is ever stale). */
const DESCRIPTION_CACHE = 50_000;
/** Facet and observatory answers kept per index (each a few KB: a value and a count per genre, city, venue, month…). */
const FACET_CACHE = 256;

/** A name as JSON-LD gives it: a plain string, or a string with its language. */
export type NameValue = string | { readonly "@value": string; readonly "@language": string };

/** A synchronous SELECT (the index is built where the store lives, between two queries). */
export type SelectSync = (query: string) => SelectResult;
/** A synchronous SELECT whose rows are read one at a time (e.g. `GraphStore.selectRowsSync`). */
export type SelectRowsSync = (query: string) => Iterable<Bindings>;

const S = SCHEMA;

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
    this.#postings = postingsOf(sorted);
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
    const { sorted, places } = readIndex(rows);
    return new PerformanceIndex(sorted, places, select);
  }

  #matcher(f: PerformanceFilter): (e: Entry) => boolean {
    return matcherOf(f, this.#places);
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
    const listed = (counts: Int32Array[]): FacetCounts => listCounts(table, wanted, counts);
    return group ? groups.map(listed) : listed(countsOf(0));
  }

  /** Every performance's distinct values of each facet as small integers; built on the first facet question. */
  #facetTable(): FacetTable {
    return (this.#facets ??= facetTableOf(this.#sorted, this.#places));
  }

  /** Performances per month, region and discipline, as aggregateQuery's SPARQL gives them; the same question again is answered from a cache (as `facets`). */
  observatory(filter: PerformanceFilter): Observatory {
    return remembered(this.#observatoryCache, JSON.stringify(filter), () => this.#aggregate(filter));
  }

  #aggregate(filter: PerformanceFilter): Observatory {
    const match = this.#matcher(filter);
    const tally = new ObservatoryTally(this.#places);
    // One scan: each matching performance's month, region and disciplines are read once, for the four groupings.
    this.#scan(filter, 0, (e) => {
      if (match(e)) tally.add(e);
      return true;
    });
    return tally.result();
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
