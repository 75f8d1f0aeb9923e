// The iCalendar feed of a typed question: every page of it (at most ICAL_MAX_EVENTS), narrowed to one production or
// one series when asked, written by performancesToIcal. One home for the three callers: the server's query workers
// (so that a feed of thousands of events is written off the HTTP thread), the remote store's pool and
// `vivant export ical`.

import type { SelectResult } from "../store/types.js";
import { iri, PREFIXES, type PerformanceFilter } from "../query/filter.js";
import type { PageOptions, PerformanceNode, PerformancePage } from "../query/performances.js";
import { performancesToIcal } from "./ical.js";
import type { IcalOptions } from "./ical-options.js";

/** Most events in one iCalendar feed; past it the feed says so (`X-Vivant-Truncated: true`) and ends. */
export const ICAL_MAX_EVENTS = 5000;

/** Where a feed reads its performances: the typed question's pages, and SPARQL for the production or series. */
export interface FeedSource {
  page(filter: PerformanceFilter, page: PageOptions): Promise<PerformancePage>;
  select(query: string): Promise<SelectResult>;
}

/** Narrows a feed to one production (`schema:workPerformed`) or one series (`schema:superEvent`). */
export interface FeedWithin {
  readonly production?: string;
  readonly series?: string;
}

/** A written feed: its text, how many events it has, and whether ICAL_MAX_EVENTS cut it. */
export interface IcalFeed {
  readonly text: string;
  readonly events: number;
  readonly truncated: boolean;
}

/**
 * The performances of an iCalendar feed: every page of the typed question (at most ICAL_MAX_EVENTS), narrowed to one
 * production or one series when asked.
 */
export async function feedItems(
  source: FeedSource,
  filter: PerformanceFilter,
  within: FeedWithin = {},
): Promise<{ items: PerformanceNode[]; truncated: boolean }> {
  let keep: Set<string> | undefined;
  for (const [field, property] of [
    ["production", "workPerformed"],
    ["series", "superEvent"],
  ] as const) {
    const value = within[field];
    if (value === undefined) continue;
    const r = await source.select(`${PREFIXES}SELECT DISTINCT ?e WHERE { ?e schema:${property} ${iri(value, field)} }`);
    const ids = new Set(r.bindings.map((b) => b.e!.value));
    keep = keep ? new Set([...keep].filter((id) => ids.has(id))) : ids;
  }
  const items: PerformanceNode[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await source.page(filter, { limit: 500, ...(cursor ? { cursor } : {}) });
    for (const n of page.items) {
      if (keep && !keep.has(n["@id"])) continue;
      if (items.length === ICAL_MAX_EVENTS) return { items, truncated: true };
      items.push(n);
    }
    if (page.next === undefined) break;
    cursor = page.next;
  }
  return { items, truncated: false };
}

/** The feed of a typed question as iCalendar text (see feedItems and performancesToIcal). */
export async function icalFeed(
  source: FeedSource,
  filter: PerformanceFilter,
  within: FeedWithin,
  options: IcalOptions,
): Promise<IcalFeed> {
  const { items, truncated } = await feedItems(source, filter, within);
  return {
    text: performancesToIcal(items, {
      ...options,
      ...(filter.timeZone && !options.timeZone ? { timeZone: filter.timeZone } : {}),
    }),
    events: items.length,
    truncated,
  };
}
