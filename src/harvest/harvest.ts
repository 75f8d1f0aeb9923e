// `harvest(urls)`: pages and sitemaps → one publisher's programme as quads, with provenance per page.
// Each failure is reported for its URL and the harvest goes on; a page counts only when it was read whole.

import type { Quad } from "@rdfjs/types";
import type { Problem } from "../errors.js";
import { keptClassOf, KEPT_CLASSES, type KeptClass } from "./entities.js";
import { PoliteFetcher, type FetchedBody, type FetchErrorCode, type FetchPolicy, type Resolver } from "./fetch.js";
import { Fixes } from "./fixes.js";
import { Ledger } from "./ledger.js";
import { QuadIndex } from "./graph.js";
import { processHtml, processJsonLd, type PageResult } from "./page.js";
import { consolidate } from "./places.js";
import { parseSitemap } from "./sitemap.js";
import { schemaVocabulary } from "./vocabulary.js";

export type PageFailureCode =
  FetchErrorCode | "not-html" | "no-json-ld" | "invalid-sitemap" | "invalid-sitemap-entry" | "too-many-pages";

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
  const run = new HarvestRun(options);
  for (const u of urls) run.enqueue(u);
  await run.crawl();
  return run.result();
}

/** One harvest: the queue of URLs, the pages read so far, and what failed. */
class HarvestRun {
  readonly #options: HarvestOptions;
  readonly #fetcher: PoliteFetcher;
  readonly #fixes = new Fixes();
  readonly #ledger = new Ledger();
  readonly #maxPages: number;
  readonly #queue: string[] = [];
  readonly #seen = new Set<string>();
  readonly #results: PageResult[] = [];
  readonly #pages: HarvestedPage[] = [];
  readonly #failures: PageFailure[] = [];
  #done = 0;
  #sitemaps = 0;
  #entities = 0;
  #started = 0;

  constructor(options: HarvestOptions) {
    this.#options = options;
    this.#fetcher = new PoliteFetcher(options.policy, options.fetch, options.resolver);
    this.#maxPages = options.maxPages ?? 10_000;
  }

  enqueue(u: string): void {
    const key = u.replace(/#.*$/, "");
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.#queue.push(key);
  }

  /** Runs the workers until the queue is empty and no sitemap being read can add to it. */
  async crawl(): Promise<void> {
    const concurrency = Math.max(1, this.#options.concurrency ?? 8);
    try {
      await Promise.all(Array.from({ length: concurrency }, () => this.#worker()));
    } finally {
      await this.#fetcher.close();
    }
  }

  async #worker(): Promise<void> {
    for (;;) {
      const url = this.#queue.shift();
      if (url === undefined) {
        // Another worker may still be reading a sitemap that adds URLs.
        if (this.#started > this.#done) {
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        return;
      }
      if (this.#started >= this.#maxPages) {
        this.#failures.push({
          url,
          code: "too-many-pages",
          message: `not fetched: the ${this.#maxPages}-page limit was reached`,
        });
        continue;
      }
      this.#started++;
      try {
        await this.#visit(url);
      } finally {
        this.#done++;
        this.#options.onProgress?.({
          done: this.#done,
          total: this.#seen.size,
          entities: this.#entities,
          failures: this.#failures.length,
          url,
        });
      }
    }
  }

  async #visit(url: string): Promise<void> {
    const got = await this.#fetcher.get(url);
    if (!got.ok) {
      this.#failures.push({
        url,
        code: got.code,
        message: got.message,
        ...(got.status !== undefined ? { status: got.status } : {}),
      });
      return;
    }
    const looksXml =
      XML_TYPES.has(got.mediaType) ||
      got.mediaType.endsWith("+xml") ||
      (got.mediaType === "" && SNIFF_XML.test(got.body));
    if (looksXml || (/\.xml(\.gz)?(\?|$)/.test(url) && !HTML_TYPES.has(got.mediaType))) this.#sitemap(url, got);
    else await this.#page(url, got);
  }

  #sitemap(url: string, got: FetchedBody): void {
    // Reading the sitemap counts inside the URL's --timeout, as its download does.
    const sitemap = parseSitemap(got.body, { base: got.finalUrl.replace(/#.*$/, ""), deadline: got.deadline });
    if (!sitemap) {
      this.#failures.push({
        url,
        code: "invalid-sitemap",
        message: `${got.mediaType || "XML"} body that is neither <urlset> nor <sitemapindex>`,
      });
      return;
    }
    for (const bad of sitemap.invalid) {
      this.#failures.push({
        url,
        code: "invalid-sitemap-entry",
        message: `<loc> number ${bad.entry} skipped: ${bad.reason}: ${JSON.stringify(bad.text)}`,
      });
    }
    if (sitemap.timedOut) {
      this.#failures.push({
        url,
        code: "timeout",
        message: `sitemap not read whole within the ${this.#fetcher.policy.timeoutMs} ms timeout: ${sitemap.locations.length} locations read, the rest skipped`,
      });
    }
    this.#sitemaps++;
    for (const loc of sitemap.locations) this.enqueue(loc);
  }

  async #page(url: string, got: FetchedBody): Promise<void> {
    const finalUrl = got.finalUrl.replace(/#.*$/, "");
    const input = {
      url: finalUrl,
      fetchedAt: got.fetchedAt,
      fixes: this.#fixes,
      ...(this.#options.ledger === false ? {} : { ledger: this.#ledger }),
    };
    let page: PageResult;
    if (HTML_TYPES.has(got.mediaType) || (got.mediaType === "" && /^\s*</.test(got.body)))
      page = await processHtml(got.body, input);
    else if (JSONLD_TYPES.has(got.mediaType)) page = await processJsonLd(got.body, input);
    else {
      this.#failures.push({
        url,
        code: "not-html",
        message: `${got.mediaType || "untyped"} body: neither HTML nor JSON-LD`,
      });
      return;
    }
    if (page.blocks === 0)
      this.#failures.push({
        url,
        code: "no-json-ld",
        message: 'no <script type="application/ld+json"> block in the page',
      });
    this.#results.push(page);
    this.#entities += KEPT_CLASSES.reduce((t, c) => t + page.counts[c], 0);
    this.#pages.push({ url, finalUrl, fetchedAt: page.fetchedAt, blocks: page.blocks, entities: page.counts });
  }

  /** Pages finish in any order: sorted, so that the graph and the reports do not depend on timing. */
  result(): HarvestResult {
    const byUrl = (a: { url: string }, b: { url: string }): number => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
    const results = this.#results.sort(byUrl);
    const { quads } = consolidate(
      results.flatMap((r) => r.quads),
      this.#fixes,
    );
    const dropped = new Map<string, number>();
    for (const r of results) for (const [t, n] of r.dropped) dropped.set(t, (dropped.get(t) ?? 0) + n);
    return {
      quads,
      pages: this.#pages.sort(byUrl),
      failures: this.#failures.sort(byUrl),
      entities: countEntities(quads),
      fixes: this.#fixes,
      ledger: this.#ledger,
      problems: [...results.flatMap((r) => r.problems), ...this.#ledger.problems()],
      dropped,
      sitemaps: this.#sitemaps,
    };
  }
}
