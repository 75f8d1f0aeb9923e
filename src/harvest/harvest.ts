// `harvest(urls)`: pages and sitemaps → one publisher's programme as quads, with provenance per page.
// Each failure is reported for its URL and the harvest goes on; a page counts only when it was read whole.

import type { Quad } from "@rdfjs/types";
import type { Problem } from "../errors.js";
import { keptClassOf, KEPT_CLASSES, type KeptClass } from "./entities.js";
import { PoliteFetcher, type FetchErrorCode, type FetchPolicy, type Resolver } from "./fetch.js";
import { Fixes } from "./fixes.js";
import { Ledger } from "./ledger.js";
import { QuadIndex } from "./graph.js";
import { processHtml, processJsonLd, type PageResult } from "./page.js";
import { consolidate } from "./places.js";
import { parseSitemap } from "./sitemap.js";
import { schemaVocabulary } from "./vocabulary.js";

export type PageFailureCode = FetchErrorCode | "not-html" | "no-json-ld" | "invalid-sitemap" | "invalid-sitemap-entry" | "too-many-pages";

export interface PageFailure {
  readonly url: string;
  readonly code: PageFailureCode;
  readonly message: string;
  readonly status?: number;
}

export interface HarvestedPage {
  readonly url: string;
  /** After redirects: the URL recorded as provenance. */
  readonly finalUrl: string;
  readonly fetchedAt: string;
  readonly blocks: number;
  readonly entities: Readonly<Record<KeptClass, number>>;
}

export interface HarvestProgress {
  /** Pages and sitemaps fetched so far (ok or failed). */
  readonly done: number;
  /** Known so far (grows as sitemaps are read). */
  readonly total: number;
  readonly entities: number;
  readonly failures: number;
  readonly url: string;
}

export interface HarvestOptions {
  /** Politeness settings of the fetcher (robots, per-host limits, timeout, size and redirect limits). */
  readonly policy?: Partial<FetchPolicy>;
  /** Pages fetched at once across hosts (each host also has its own limit). @default 8 */
  readonly concurrency?: number;
  /** Pages harvested at most, sitemaps included; the rest is reported as `too-many-pages`. @default 10000 */
  readonly maxPages?: number;
  /** Called after each fetched URL. */
  readonly onProgress?: (p: HarvestProgress) => void;
  /**
   * Replaces the HTTP client (tests, proxies). It is given a `dispatcher` whose connections check each
   * resolved address; a client that ignores it leaves only IP-literal hosts checked.
   */
  readonly fetch?: typeof globalThis.fetch;
  /** Replaces DNS resolution (tests): the addresses it gives are checked as the system's would be. */
  readonly resolver?: Resolver;
  /** Keep the fidelity ledger (what became of each property). @default true */
  readonly ledger?: boolean;
}

export interface HarvestResult {
  /** Every kept node with provenance, duplicate places merged: ready for the publisher's graph. */
  readonly quads: Quad[];
  readonly pages: HarvestedPage[];
  readonly failures: PageFailure[];
  /** Entities in `quads`, by class (after merging). */
  readonly entities: Readonly<Record<KeptClass, number>>;
  readonly fixes: Fixes;
  /** Per property of the pages' nodes: seen, carried, repaired, not carried (empty with `ledger: false`). */
  readonly ledger: Ledger;
  /** Block-level problems (invalid JSON, JSON-LD that does not expand) and unrepaired values. */
  readonly problems: Problem[];
  /** Nodes dropped as page furniture, by type. */
  readonly dropped: ReadonlyMap<string, number>;
  /** Sitemaps read. */
  readonly sitemaps: number;
}

const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);
const JSONLD_TYPES = new Set(["application/ld+json", "application/json"]);
const XML_TYPES = new Set(["application/xml", "text/xml"]);
/** An untyped body (a decompressed `.gz`, no Content-Type) that starts as XML or as a sitemap. */
const SNIFF_XML = /^\s*<(?:\?xml|(?:[\w-]{1,64}:)?(?:urlset|sitemapindex)[\s>])/;

/** Counts the kept entities of a set of quads by class. */
export function countEntities(quads: readonly Quad[]): Record<KeptClass, number> {
  const vocab = schemaVocabulary();
  const index = new QuadIndex(quads);
  const counts = Object.fromEntries(KEPT_CLASSES.map((c) => [c, 0])) as Record<KeptClass, number>;
  for (const s of index.subjects) {
    const c = keptClassOf(index.types(s), vocab);
    if (c) counts[c]++;
  }
  return counts;
}

/** Harvests pages and sitemaps (`…/sitemap.xml`, or any URL that answers with a sitemap). */
export async function harvest(urls: readonly string[], options: HarvestOptions = {}): Promise<HarvestResult> {
  const fetcher = new PoliteFetcher(options.policy, options.fetch, options.resolver);
  const fixes = new Fixes();
  const ledger = new Ledger();
  const maxPages = options.maxPages ?? 10_000;
  const queue: string[] = [];
  const seen = new Set<string>();
  const enqueue = (u: string) => {
    const key = u.replace(/#.*$/, "");
    if (seen.has(key)) return;
    seen.add(key);
    queue.push(key);
  };
  urls.forEach(enqueue);

  const results: PageResult[] = [];
  const pages: HarvestedPage[] = [];
  const failures: PageFailure[] = [];
  let done = 0;
  let sitemaps = 0;
  let entities = 0;
  let started = 0;

  const work = async (url: string): Promise<void> => {
    const got = await fetcher.get(url);
    if (!got.ok) {
      failures.push({ url, code: got.code, message: got.message, ...(got.status !== undefined ? { status: got.status } : {}) });
      return;
    }
    const finalUrl = got.finalUrl.replace(/#.*$/, "");
    const looksXml = XML_TYPES.has(got.mediaType) || got.mediaType.endsWith("+xml") || (got.mediaType === "" && SNIFF_XML.test(got.body));
    if (looksXml || (/\.xml(\.gz)?(\?|$)/.test(url) && !HTML_TYPES.has(got.mediaType))) {
      // Reading the sitemap counts inside the URL's --timeout, as its download does.
      const sitemap = parseSitemap(got.body, { base: finalUrl, deadline: got.deadline });
      if (!sitemap) {
        failures.push({ url, code: "invalid-sitemap", message: `${got.mediaType || "XML"} body that is neither <urlset> nor <sitemapindex>` });
        return;
      }
      for (const bad of sitemap.invalid) {
        failures.push({ url, code: "invalid-sitemap-entry", message: `<loc> number ${bad.entry} skipped: ${bad.reason}: ${JSON.stringify(bad.text)}` });
      }
      if (sitemap.timedOut) {
        failures.push({ url, code: "timeout", message: `sitemap not read whole within the ${fetcher.policy.timeoutMs} ms timeout: ${sitemap.locations.length} locations read, the rest skipped` });
      }
      sitemaps++;
      sitemap.locations.forEach(enqueue);
      return;
    }
    const input = { url: finalUrl, fetchedAt: got.fetchedAt, fixes, ...(options.ledger === false ? {} : { ledger }) };
    let page: PageResult;
    if (HTML_TYPES.has(got.mediaType) || (got.mediaType === "" && /^\s*</.test(got.body))) page = await processHtml(got.body, input);
    else if (JSONLD_TYPES.has(got.mediaType)) page = await processJsonLd(got.body, input);
    else {
      failures.push({ url, code: "not-html", message: `${got.mediaType || "untyped"} body: neither HTML nor JSON-LD` });
      return;
    }
    if (page.blocks === 0) failures.push({ url, code: "no-json-ld", message: "no <script type=\"application/ld+json\"> block in the page" });
    results.push(page);
    const n = KEPT_CLASSES.reduce((t, c) => t + page.counts[c], 0);
    entities += n;
    pages.push({ url, finalUrl, fetchedAt: page.fetchedAt, blocks: page.blocks, entities: page.counts });
  };

  const concurrency = Math.max(1, options.concurrency ?? 8);
  const workers = Array.from({ length: concurrency }, async () => {
    for (;;) {
      const url = queue.shift();
      if (url === undefined) {
        // Another worker may still be reading a sitemap that adds URLs.
        if (started > done) {
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        return;
      }
      if (started >= maxPages) {
        failures.push({ url, code: "too-many-pages", message: `not fetched: the ${maxPages}-page limit was reached` });
        continue;
      }
      started++;
      try {
        await work(url);
      } finally {
        done++;
        options.onProgress?.({ done, total: seen.size, entities, failures: failures.length, url });
      }
    }
  });
  try {
    await Promise.all(workers);
  } finally {
    await fetcher.close();
  }

  // Pages finish in any order: sort so that the graph and the reports do not depend on timing.
  results.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  pages.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  failures.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const { quads } = consolidate(results.flatMap((r) => r.quads), fixes);
  const dropped = new Map<string, number>();
  for (const r of results) for (const [t, n] of r.dropped) dropped.set(t, (dropped.get(t) ?? 0) + n);
  return {
    quads,
    pages,
    failures,
    entities: countEntities(quads),
    fixes,
    ledger,
    problems: [...results.flatMap((r) => r.problems), ...ledger.problems()],
    dropped,
    sitemaps,
  };
}
