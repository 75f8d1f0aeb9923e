// What the pages (src/web/) are given by the server: the publishing page's sessions and write path, the checker's
// fetcher (made on first use), and the probable duplicates, found once per set of graph versions and language.

import type { Federation } from "../dataspace/federation.js";
import type { Lang } from "../errors.js";
import type { FetchPolicy } from "../harvest/fetch.js";
import { findDuplicates, type DuplicateReport } from "../reconcile/duplicates.js";
import type { GraphInfo } from "../store/types.js";
import { CheckFetcher } from "../web/check.js";
import { MIN_LISTED } from "../web/duplicates.js";
import type { WebContext } from "../web/index.js";
import { PublishSessions } from "../web/publish.js";
import type { TokenTable } from "./auth.js";
import type { QueryBackend } from "./backend.js";
import type { ReconcileIndexes } from "./reconcile-route.js";
import { confirmSameAs, type SameAsContext } from "./same-as.js";
import type { WritePath } from "./write-path.js";

/** The parts of the server the pages use. */
export interface PagesContext {
  readonly pool: QueryBackend;
  /** The address the server listens on. */
  readonly url: string;
  readonly tokens: TokenTable;
  readonly publicGraphs: () => GraphInfo[];
  readonly federation: () => Federation | undefined;
  /** Largest upload of the publishing page, in bytes. */
  readonly maxUploadBytes: number;
  readonly writes: WritePath;
  readonly reconcile: ReconcileIndexes;
  readonly sameAs: SameAsContext;
  readonly checkFetch: Partial<FetchPolicy> | undefined;
}

type Duplicates = DuplicateReport & { entities: number };

/** The pages' state kept by one server between requests. */
export class Pages {
  readonly #c: PagesContext;
  readonly #sessions = new PublishSessions();
  #checkFetcher: CheckFetcher | undefined;
  #duplicatesCache: { key: string; value: Promise<Duplicates> } | undefined;

  constructor(context: PagesContext) {
    this.#c = context;
  }

  /** The context of one request's page (the checker's fetcher is made on the first). */
  context(): WebContext {
    const c = this.#c;
    this.#checkFetcher ??= new CheckFetcher(c.checkFetch);
    const federation = c.federation();
    return {
      pool: c.pool,
      base: c.url,
      graphs: () => c.publicGraphs(),
      sessions: this.#sessions,
      fetcher: this.#checkFetcher,
      ...(federation ? { federation } : {}),
      publish: {
        tokens: c.tokens,
        graphs: () => c.publicGraphs(),
        maxBytes: c.maxUploadBytes,
        prepare: (f, g, l) => c.writes.prepare(f, g, l),
        // The publishing page's confirmation: the same serialised write path as a Graph Store PUT (write thread, fsync).
        publish: (f, g, l) => c.writes.write(f, g, l, false),
      },
      duplicates: (lang) => this.#duplicates(lang),
      confirmSameAs: (g, e, s) => confirmSameAs(c.sameAs, g, e, s),
    };
  }

  /** Ends the checker's fetcher, when one was made. */
  async close(): Promise<void> {
    await this.#checkFetcher?.close();
  }

  /** The probable duplicates of the public graphs, found once per set of graph versions (and language of the features). */
  #duplicates(lang: Lang): Promise<Duplicates> {
    const { writes, reconcile, pool } = this.#c;
    const key = `${lang} ${writes.graphsKey()}`;
    if (this.#duplicatesCache?.key !== key) {
      const value = reconcile
        .get(pool, writes.graphsKey())
        .then((index) => ({ ...findDuplicates(index, { minScore: MIN_LISTED, lang }), entities: index.size.entities }));
      this.#duplicatesCache = { key, value };
      value.catch(() => {
        if (this.#duplicatesCache?.value === value) this.#duplicatesCache = undefined;
      });
    }
    return this.#duplicatesCache.value;
  }
}
