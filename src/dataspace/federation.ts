// Federated search without a hub: the typed questions (a page of performances, facet counts) asked live of a
// configured list of Vivant nodes (and of the node itself), side by side, each within a time limit and a size cap;
// the pages merged in start order (each performance labelled with the node it came from, one held by two nodes shown
// once), the facet counts summed graph by graph (a graph two nodes hold, its publisher's and a follower's copy, counted
// once: from the first node in the list that holds it), and every node that did not answer in time, answered an error or answered data of
// the wrong shape listed by name: a partial answer says so. Only configured node URLs are ever contacted (nothing of
// the request chooses where), no redirect is followed, and a node is sent its own configured token only, never the
// caller's. The answers' shapes are checked in ./federation-check.ts.

import { InputError, type Text } from "../errors.js";
import { tx } from "../i18n.js";
import { PoliteFetcher } from "../harvest/fetch.js";
import type { Facet, FacetCounts, GraphFacetCounts } from "../query/aggregates.js";
import type { PerformanceFilter } from "../query/filter.js";
import type { PerformanceNode, PerformancePage } from "../query/performances.js";
import { countGraphs, failureReport, mergePages, nextPositions, type Part } from "./federation-answers.js";
import {
  checkFacetNames,
  checkFacetsByGraph,
  checkPage,
  decodeFederatedCursor,
  encodeFederatedCursor,
  filterToParams,
  InvalidAnswer,
  mergeFacets,
  MAX_FEDERATED_LIMIT,
  type GraphFacets,
  type NodePage,
  type NodePosition,
} from "./federation-check.js";

export { MAX_FEDERATED_LIMIT } from "./federation-check.js";

/** A node searched: its base URL (where its `/api/performances` is) and, if it shared graphs with you, your read token there. */
export interface FederatedNode {
  /** e.g. `https://data.theatre-x.example/` (http or https, no query, no user name or password). */
  readonly url: string;
  /** Sent as `Authorization: Bearer` to this node only. */
  readonly token?: string | undefined;
}

/** The node itself, answered in-process (the server's query workers): no HTTP. */
export interface LocalSource {
  /** Its public base URL: the label of its performances. */
  readonly url: string;
  page(filter: PerformanceFilter, options: { limit: number; cursor?: string }): Promise<PerformancePage>;
  /** Facet counts of the matching performances, each named graph apart. */
  facetsByGraph(filter: PerformanceFilter, facets: readonly Facet[]): Promise<readonly GraphFacetCounts[]>;
}

export interface FederationOptions {
  /** The other nodes (base URLs, or `{ url, token }`). */
  readonly nodes: readonly (string | FederatedNode)[];
  /**
   * Time a node has to answer, in ms (waiting for a connection included); past it the node is listed as failed.
   * @default 3000
   */
  readonly timeoutMs?: number;
  /**
   * Largest answer read from one node, in bytes; past it the node is listed as failed.
   * @default 8388608 (8 MiB)
   */
  readonly maxBytes?: number;
  /** Contact loopback and private addresses (nodes on one machine or an intranet). @default false */
  readonly allowPrivate?: boolean;
  /** The node answering itself, searched beside the others. */
  readonly local?: LocalSource;
}

/** How one node answered: `ok`, or why its part is missing. */
export interface NodeReport {
  readonly node: string;
  readonly status: "ok" | "timeout" | "unreachable" | "http-error" | "too-large" | "invalid";
  /** Milliseconds until it answered or was given up. */
  readonly ms: number;
  /** Performances (or facet values) it gave. */
  readonly items?: number;
  /** HTTP status, for `http-error`. */
  readonly httpStatus?: number;
  /** What went wrong, in English and French. */
  readonly message?: Text;
  /** The technical detail (the fetcher's or the checker's words). */
  readonly detail?: string;
}

/** A performance of a federated page, with the node it came from (and others that hold it too). */
export type FederatedPerformance = PerformanceNode & { readonly source: string; readonly alsoAt?: readonly string[] };

export interface FederatedAnswer {
  /** Every node asked, in the configured order (the node itself first). */
  readonly nodes: readonly NodeReport[];
  /** The nodes whose part is missing (did not answer in time, answered an error or invalid data). */
  readonly failed: readonly NodeReport[];
  /** Some node's part is missing. */
  readonly partial: boolean;
}

export interface FederatedPage extends FederatedAnswer {
  readonly items: readonly FederatedPerformance[];
  /** The federated cursor of the next page. */
  readonly next?: string;
}

/** A named graph counted in federated facets: the node whose counts were taken, and the others that hold it too. */
export interface FederatedGraph {
  readonly graph: string;
  readonly source: string;
  readonly alsoAt?: readonly string[];
}

export interface FederatedFacets extends FederatedAnswer {
  /**
   * Counts summed over the nodes that answered, graph by graph: a graph held by several nodes (a follower's copy
   * beside its publisher's node) is counted once, from the first of them in the list (the node itself first).
   */
  readonly facets: FacetCounts;
  /** Every graph counted, in code point order, with where its counts came from. */
  readonly graphs: readonly FederatedGraph[];
}

/** The configured nodes, checked: http(s) base URLs ending with `/`, no query, fragment or credentials, each once. */
export function federatedNodes(list: readonly (string | FederatedNode)[]): FederatedNode[] {
  const out: FederatedNode[] = [];
  for (const entry of list) {
    const node = typeof entry === "string" ? { url: entry } : entry;
    let u: URL | undefined;
    try {
      u = new URL(node.url);
    } catch {
      u = undefined;
    }
    if (!u || (u.protocol !== "http:" && u.protocol !== "https:") || u.username || u.password || u.search || u.hash) {
      throw new InputError("federation/bad-node", tx("federation/bad-node", { url: node.url }), {
        hint: tx("federation/bad-node.hint"),
      });
    }
    if (!u.pathname.endsWith("/")) u.pathname += "/";
    if (node.token !== undefined && !/^[\x21-\x7e]{16,512}$/.test(node.token)) {
      throw new InputError("federation/bad-token", tx("federation/bad-token", { url: u.href }), {
        hint: tx("federation/bad-token.hint"),
      });
    }
    if (out.some((n) => n.url === u.href))
      throw new InputError("federation/duplicate-node", tx("federation/duplicate-node", { url: u.href }), {
        hint: tx("federation/bad-node.hint"),
      });
    out.push({ url: u.href, ...(node.token !== undefined ? { token: node.token } : {}) });
  }
  return out;
}

const limitOf = (limit: number | undefined): number => {
  const l = limit ?? 20;
  if (!Number.isInteger(l) || l < 1 || l > MAX_FEDERATED_LIMIT)
    throw new InputError(
      "federation/bad-limit",
      tx("federation/bad-limit", { value: JSON.stringify(limit), max: MAX_FEDERATED_LIMIT }),
      { hint: tx("federation/bad-limit.hint", { max: MAX_FEDERATED_LIMIT }) },
    );
  return l;
};

/** Fans the typed questions out to the configured nodes. Close it to release its connections. */
export class Federation {
  readonly nodes: readonly FederatedNode[];
  readonly timeoutMs: number;
  readonly #local: LocalSource | undefined;
  readonly #fetcher: PoliteFetcher;

  constructor(options: FederationOptions) {
    this.nodes = federatedNodes(options.nodes);
    this.timeoutMs = options.timeoutMs ?? 3000;
    if (!Number.isInteger(this.timeoutMs) || this.timeoutMs < 1)
      throw new InputError(
        "federation/bad-timeout",
        tx("federation/bad-timeout", { value: String(options.timeoutMs) }),
        { hint: tx("federation/bad-timeout.hint") },
      );
    this.#local = options.local;
    this.#fetcher = new PoliteFetcher({
      userAgent: "VivantFederation/0.1 (+https://vivant.dev/federation)",
      timeoutMs: this.timeoutMs,
      maxBytes: options.maxBytes ?? 8 * 2 ** 20,
      // Nothing but the configured URL: no redirect (it could lead anywhere), no retry, no robots.txt (the node invites it).
      maxRedirects: 0,
      maxRetries: 0,
      robots: false,
      perHostDelayMs: 0,
      perHostConcurrency: 32,
      allowPrivate: options.allowPrivate ?? false,
    });
  }

  /** Every source's label, the node itself first. */
  get sources(): string[] {
    return [...(this.#local ? [this.#local.url] : []), ...this.nodes.map((n) => n.url)];
  }

  async close(): Promise<void> {
    await this.#fetcher.close();
  }

  /** One node's JSON answer at `path?params`, within the time limit; a failure as its report. */
  async #get(node: FederatedNode, path: string, params: URLSearchParams): Promise<Part<unknown>> {
    const t0 = performance.now();
    const url = new URL(path, node.url);
    url.search = params.toString();
    let timer: NodeJS.Timeout | undefined;
    // The fetcher's clock starts with the request; this one also covers the wait for a connection.
    const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), this.timeoutMs)));
    const got = await Promise.race([
      this.#fetcher.get(url.href, "application/ld+json, application/json;q=0.9", {
        headers: node.token ? { authorization: `Bearer ${node.token}` } : {},
      }),
      late,
    ]).finally(() => clearTimeout(timer));
    const ms = performance.now() - t0;
    if (got === "late")
      return {
        ok: false,
        report: { node: node.url, status: "timeout", ms, message: tx("federation/timeout", { ms: this.timeoutMs }) },
      };
    if (!got.ok) return { ok: false, report: failureReport(node.url, got, ms, this.timeoutMs) };
    try {
      return { ok: true, value: JSON.parse(got.body) as unknown, ms };
    } catch (e) {
      return {
        ok: false,
        report: {
          node: node.url,
          status: "invalid",
          ms,
          message: tx("federation/invalid-json"),
          detail: (e as Error).message,
        },
      };
    }
  }

  /** The local source's answer within the same time limit. */
  async #localPart<T>(run: () => Promise<T>): Promise<Part<T>> {
    const t0 = performance.now();
    const url = this.#local!.url;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), this.timeoutMs)));
    try {
      const got = await Promise.race([run(), late]);
      if (got === "late")
        return {
          ok: false,
          report: {
            node: url,
            status: "timeout",
            ms: performance.now() - t0,
            message: tx("federation/timeout", { ms: this.timeoutMs }),
          },
        };
      return { ok: true, value: got, ms: performance.now() - t0 };
    } catch (e) {
      return {
        ok: false,
        report: {
          node: url,
          status: "http-error",
          ms: performance.now() - t0,
          message: tx("federation/local-failed"),
          detail: (e as Error).message,
        },
      };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One merged page of performances matching `filter` over every node, in start order; `cursor` is the previous
   * page's `next`. A node that fails is listed in `failed` and its position kept for the next page.
   */
  async performances(
    filter: PerformanceFilter,
    options: { readonly limit?: number; readonly cursor?: string } = {},
  ): Promise<FederatedPage> {
    const limit = limitOf(options.limit);
    const sources = this.sources;
    const positions =
      options.cursor !== undefined ? decodeFederatedCursor(options.cursor, sources) : new Map<string, NodePosition>();
    const params = filterToParams(filter);
    const parts = await Promise.all(
      sources.map(async (source, i): Promise<Part<NodePage> | "done"> => {
        const at = positions.get(source) ?? { skip: 0, done: false };
        if (at.done) return "done";
        const asked = at.skip + limit;
        if (this.#local && i === 0) {
          const got = await this.#localPart(() =>
            this.#local!.page(filter, { limit: asked, ...(at.cursor !== undefined ? { cursor: at.cursor } : {}) }),
          );
          return got.ok
            ? {
                ok: true,
                value: { items: got.value.items, ...(got.value.next !== undefined ? { next: got.value.next } : {}) },
                ms: got.ms,
              }
            : got;
        }
        const node = this.nodes[this.#local ? i - 1 : i]!;
        const p = new URLSearchParams(params);
        p.set("limit", String(asked));
        if (at.cursor !== undefined) p.set("cursor", at.cursor);
        const got = await this.#get(node, "api/performances", p);
        if (!got.ok) return got;
        try {
          return { ok: true, value: checkPage(got.value, asked, node.url), ms: got.ms };
        } catch (e) {
          if (!(e instanceof InvalidAnswer)) throw e;
          return {
            ok: false,
            report: { node: node.url, status: "invalid", ms: got.ms, message: e.text, detail: e.message },
          };
        }
      }),
    );
    const { items, heads } = mergePages({ parts, sources, positions, limit });
    const { next, reports } = nextPositions({ parts, sources, positions, heads });
    const more = parts.some((p, i) => p !== "done" && p.ok && !next.get(sources[i]!)!.done);
    const failed = reports.filter((r) => r.status !== "ok");
    return {
      items,
      ...(more ? { next: encodeFederatedCursor(next) } : {}),
      nodes: reports,
      failed,
      partial: failed.length > 0,
    };
  }

  /** Facet counts for `filter` summed over every node that answered, each graph once (`facets`: all when empty). */
  async facets(filter: PerformanceFilter, facets: readonly string[] = []): Promise<FederatedFacets> {
    const asked = checkFacetNames(facets);
    const params = filterToParams(filter);
    for (const f of asked) params.append("facet", f);
    params.set("by", "graph");
    const sources = this.sources;
    const parts = await Promise.all(
      sources.map(async (source, i): Promise<Part<readonly GraphFacets[]>> => {
        if (this.#local && i === 0) return this.#localPart(() => this.#local!.facetsByGraph(filter, asked));
        const node = this.nodes[this.#local ? i - 1 : i]!;
        const got = await this.#get(node, "api/performances/facets", params);
        if (!got.ok) return got;
        try {
          return { ok: true, value: checkFacetsByGraph(got.value, asked), ms: got.ms };
        } catch (e) {
          if (!(e instanceof InvalidAnswer)) throw e;
          return {
            ok: false,
            report: { node: source, status: "invalid", ms: got.ms, message: e.text, detail: e.message },
          };
        }
      }),
    );
    const reports = parts.map((p, i): NodeReport =>
      p.ok
        ? {
            node: sources[i]!,
            status: "ok",
            ms: p.ms,
            items: p.value.reduce((n, g) => n + asked.reduce((m, f) => m + (g.facets[f]?.length ?? 0), 0), 0),
          }
        : p.report,
    );
    const failed = reports.filter((r) => r.status !== "ok");
    const counted = countGraphs(parts, sources);
    const graphs = [...counted.keys()].sort();
    return {
      facets: mergeFacets(
        graphs.map((g) => counted.get(g)!.facets),
        asked,
      ),
      graphs: graphs.map((graph) => {
        const { source, alsoAt } = counted.get(graph)!;
        return { graph, source, ...(alsoAt.length ? { alsoAt } : {}) };
      }),
      nodes: reports,
      failed,
      partial: failed.length > 0,
    };
  }
}
