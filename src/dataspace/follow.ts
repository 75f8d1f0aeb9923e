// `vivant follow`: the aggregator's side of the data space. For each node's catalog (./follow-catalog.ts), each
// dataset whose ODRL policy permits the follower's use is replicated into the same named graph of the follower's
// data directory: the first time (or when the feed says the follower is too far behind: compacted, reset) by a full
// copy through Graph Store GET, then through the change feed from the last position seen (./follow-state.ts), each
// activity replacing or removing one entity. Whatever replaces the local copy is validated with the core profile
// first (src/ingest/), and written whole; the position is saved after the graph. Every request goes through the
// PoliteFetcher (address policy, per-request timeout, size cap); nodes are followed side by side, so one that is
// down, slow or serving invalid data is reported and the others go on. What a run is asked and reports is typed in
// ./follow-types.ts; reading the change feed is ./follow-feed.ts.

import type { Quad } from "@rdfjs/types";
import { Parser } from "n3";
import { isVivantError } from "../errors.js";
import { PoliteFetcher, type FetchFailure, type FetchPolicy, type FetchedBody } from "../harvest/fetch.js";
import { ingest } from "../ingest/index.js";
import { graphBase } from "../store/ownership.js";
import { ACCEPT_FEED, feedHead, fetchFailed, readJson, replay, walkPages, type FeedGet } from "./follow-feed.js";
import { checkPolicy, parseCatalog, type RemoteDataset } from "./follow-catalog.js";
import {
  readFollowState,
  stateKey,
  StateWriter,
  type FeedPosition,
  type FollowedDataset,
  type FollowState,
} from "./follow-state.js";
import type { DatasetOutcome, FollowOptions, FollowReason, FullCopyReason, NodeOutcome } from "./follow-types.js";
import { createHash } from "node:crypto";

export type { DatasetOutcome, FollowOptions, FollowReason, FullCopyReason, NodeOutcome } from "./follow-types.js";

/** The follower's defaults: requests spaced by nothing (nodes invite it), 64 MiB bodies, robots.txt not read (the catalog is the invitation). */
export const FOLLOW_FETCH_POLICY: Partial<FetchPolicy> = {
  userAgent: "VivantFollower/0.1 (+https://vivant.dev/follow)",
  perHostDelayMs: 0,
  robots: false,
  maxBytes: 64 * 1024 * 1024,
};

class Aborted extends Error {}

/** One follow round over every node. Never throws for a node's fault: each is in the outcome. */
export async function followOnce(options: FollowOptions): Promise<NodeOutcome[]> {
  const fetcher = new PoliteFetcher({ ...FOLLOW_FETCH_POLICY, ...options.policy });
  const state = await readFollowState(options.writer.dataDir);
  const run = new FollowRun(options, fetcher, state);
  try {
    return await Promise.all(options.catalogs.map((c) => run.node(c)));
  } finally {
    await fetcher.close();
  }
}

type Got = FetchedBody | FetchFailure;

class FollowRun {
  readonly #o: FollowOptions;
  readonly #fetcher: PoliteFetcher;
  readonly #state: { datasets: Record<string, FollowedDataset> };
  readonly #saver: StateWriter;

  constructor(options: FollowOptions, fetcher: PoliteFetcher, state: FollowState) {
    this.#o = options;
    this.#fetcher = fetcher;
    this.#state = { datasets: { ...state.datasets } };
    this.#saver = new StateWriter(options.writer.dataDir);
  }

  #token(url: string): string | undefined {
    const t = this.#o.tokens;
    if (!t) return undefined;
    const u = new URL(url);
    return t.get(url) ?? t.get(u.origin) ?? t.get(`${u.origin}/`);
  }

  #get(url: string, accept: string, catalog: string, etag?: string): Promise<Got> {
    const token = this.#token(catalog);
    const headers: Record<string, string> = {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(etag ? { "if-none-match": etag } : {}),
    };
    // Only to the node's own origin: a catalog pointing elsewhere never receives its token.
    const sameOrigin = new URL(url).origin === new URL(catalog).origin;
    return this.#fetcher.get(url, accept, { headers: sameOrigin ? headers : etag ? { "if-none-match": etag } : {} });
  }

  async node(catalog: string): Promise<NodeOutcome> {
    const got = await this.#get(catalog, "text/turtle", catalog);
    if (!got.ok) return { catalog, failure: fetchFailed(got), datasets: [], bytes: 0 };
    let datasets: RemoteDataset[];
    try {
      datasets = parseCatalog(got.body, got.finalUrl);
    } catch (e) {
      return {
        catalog,
        failure: { code: "invalid-rdf", detail: (e as Error).message },
        datasets: [],
        bytes: got.receivedBytes,
      };
    }
    const out: DatasetOutcome[] = [];
    for (const d of datasets) {
      if (this.#o.signal?.aborted) break;
      const outcome = await this.#dataset(catalog, d).catch((e: unknown) => {
        if (e instanceof Aborted) return undefined;
        return {
          catalog,
          graph: d.graph,
          status: "failed" as const,
          reason: { code: "rejected" as const, detail: isVivantError(e) ? e.message : String(e) },
          activities: 0,
          bytes: 0,
        };
      });
      if (!outcome) break;
      out.push(outcome);
      this.#o.onDataset?.(outcome);
    }
    return { catalog, datasets: out, bytes: got.receivedBytes + out.reduce((n, d) => n + d.bytes, 0) };
  }

  async #dataset(catalog: string, d: RemoteDataset): Promise<DatasetOutcome> {
    const key = stateKey(catalog, d.graph);
    const known = this.#state.datasets[key];
    const base = {
      catalog,
      graph: d.graph,
      ...(d.title !== undefined ? { title: d.title } : {}),
      ...(d.accessRights === "RESTRICTED" ? { restricted: true as const } : {}),
    };
    const licenceChanged =
      known && d.licence !== undefined && known.licence !== d.licence
        ? { licenceChanged: { from: known.licence, to: d.licence } }
        : {};
    const refused = (reason: FollowReason): DatasetOutcome => ({
      ...base,
      status: "refused",
      reason,
      activities: 0,
      bytes: 0,
      ...licenceChanged,
    });
    const readable = d.graphStore !== undefined;
    const policy = checkPolicy(d, this.#o.use, readable);
    if (policy)
      return refused(
        policy.kind === "no-policy"
          ? { code: "policy-none" }
          : {
              code: policy.kind === "prohibited" ? "policy-prohibited" : "policy-not-permitted",
              action: policy.action,
            },
      );
    if (!readable) return refused({ code: "not-readable" });
    if (d.licence === undefined) return refused({ code: "no-licence" });
    const local = this.#o.writer.graph(d.graph);
    // A new licence comes with no change of entity: the copy is made again under it.
    let full: FullCopyReason | undefined = !known
      ? "first"
      : !d.feed || !known.feed
        ? "no-feed"
        : !local
          ? "local-missing"
          : licenceChanged.licenceChanged
            ? "licence-changed"
            : undefined;
    let bytes = 0;
    if (full === undefined) {
      const inc = await this.#incremental(d, known!);
      bytes += inc.bytes;
      if ("full" in inc) full = inc.full;
      else return { ...base, ...inc.outcome, bytes, ...licenceChanged };
    }
    const copy = await this.#fullCopy(catalog, d, full);
    return { ...base, ...copy, bytes: bytes + copy.bytes, ...licenceChanged };
  }

  /** GETs of feed URLs on behalf of `catalog`. */
  #feedGet(catalog: string): FeedGet {
    return (url, etag) => this.#get(url, ACCEPT_FEED, catalog, etag);
  }

  async #fullCopy(
    catalog: string,
    d: RemoteDataset,
    why: FullCopyReason,
  ): Promise<Omit<DatasetOutcome, "catalog" | "graph">> {
    let bytes = 0;
    const failed = (reason: FollowReason): Omit<DatasetOutcome, "catalog" | "graph"> => ({
      status: "failed",
      reason,
      activities: 0,
      bytes,
    });
    // The position first: changes made while the copy is read are then applied again next time (harmless), never missed.
    let position: FeedPosition | undefined;
    if (d.feed) {
      const head = await feedHead(this.#feedGet(catalog), d.feed);
      bytes += head.bytes;
      if ("failure" in head) return failed(head.failure);
      position = head.position;
    }
    this.#check();
    const got = await this.#get(d.graphStore!, "application/n-triples", catalog);
    if (!got.ok) return failed(fetchFailed(got));
    bytes += got.receivedBytes;
    let quads: Quad[];
    try {
      quads = new Parser({ format: "application/n-triples" }).parse(got.body);
    } catch (e) {
      return failed({ code: "invalid-rdf", detail: (e as Error).message });
    }
    const written = await this.#write(catalog, d, quads, position);
    if ("reason" in written) return failed(written.reason);
    return {
      status: "copied",
      fullCopy: why,
      activities: 0,
      bytes,
      triples: written.triples,
      ...(d.version !== undefined ? { version: d.version } : {}),
    };
  }

  async #incremental(
    d: RemoteDataset,
    known: FollowedDataset,
  ): Promise<
    { full: FullCopyReason; bytes: number } | { outcome: Omit<DatasetOutcome, "catalog" | "graph">; bytes: number }
  > {
    let bytes = 0;
    const pos = known.feed!;
    const done = (o: Omit<DatasetOutcome, "catalog" | "graph" | "bytes">) => ({ outcome: { ...o, bytes }, bytes });
    const failed = (reason: FollowReason) => done({ status: "failed", reason, activities: 0 });
    if (pos.url !== d.feed) return { full: "reset", bytes };
    const c = await this.#feedGet(known.catalog)(pos.url, pos.etag);
    if (!c.ok && c.status === 304)
      return done({
        status: "unchanged",
        activities: 0,
        ...(known.version !== undefined ? { version: known.version } : {}),
      });
    if (!c.ok) return failed(fetchFailed(c));
    bytes += c.receivedBytes;
    const coll = readJson(c.body) as { "vivant:unreachableBlankNodes"?: unknown } | undefined;
    if (!coll) return failed({ code: "invalid-feed", detail: `${pos.url}: not JSON` });
    if (typeof coll["vivant:unreachableBlankNodes"] === "number" && coll["vivant:unreachableBlankNodes"] > 0)
      return { full: "unreachable-blank-nodes", bytes };
    const walk = await walkPages({
      get: this.#feedGet(known.catalog),
      check: () => this.#check(),
      pos,
      maxPages: this.#o.maxPages ?? 10_000,
    });
    bytes += walk.bytes;
    if ("full" in walk) return { full: walk.full, bytes };
    if ("failure" in walk) return failed(walk.failure);
    const { activities } = walk;
    const position: FeedPosition = {
      url: pos.url,
      page: walk.lastUrl,
      nextSeq: walk.nextSeq,
      ...(c.etag ? { etag: c.etag } : {}),
    };
    if (activities.length === 0) {
      await this.#remember(known.catalog, d, { ...known, feed: position, fetchedAt: new Date().toISOString() });
      return done({
        status: "unchanged",
        activities: 0,
        ...(known.version !== undefined ? { version: known.version } : {}),
      });
    }
    const replayed = replay(this.#o.writer, d.graph, activities);
    if ("failure" in replayed) return failed(replayed.failure);
    const { quads } = replayed;
    const version = activities.at(-1)!.version ?? d.version;
    const written = await this.#write(
      known.catalog,
      { ...d, ...(version !== undefined ? { version } : {}) },
      quads,
      position,
    );
    if ("reason" in written) return failed(written.reason);
    return done({
      status: "updated",
      activities: activities.length,
      triples: written.triples,
      ...(version !== undefined ? { version } : {}),
    });
  }

  /** Validates with the core profile and, only when the graph conforms, replaces the local copy; then saves the position. */
  async #write(
    catalog: string,
    d: RemoteDataset,
    quads: Quad[],
    feed: FeedPosition | undefined,
  ): Promise<{ triples: number } | { reason: FollowReason }> {
    this.#check();
    if (quads.length === 0) return { reason: { code: "invalid-rdf", detail: "the graph is empty" } };
    const publisherId = d.publisherId ?? `f-${createHash("sha256").update(d.graph).digest("hex").slice(0, 16)}`;
    const ownBase = graphBase(d.graph);
    const { prepared, written } = await ingest(
      [{ quads, source: d.graphStore ?? d.iri }],
      {
        publisherId,
        graphIri: d.graph,
        licence: d.licence!,
        ...(d.title !== undefined ? { title: d.title } : {}),
        namespaces: d.namespaces.filter((ns) => ns !== ownBase),
        source: d.graphStore ?? d.iri,
      },
      this.#o.writer,
    );
    if (!written) return { reason: { code: "invalid-profile", violations: prepared.report.violations } };
    await this.#remember(catalog, d, {
      catalog,
      dataset: d.iri,
      graph: d.graph,
      publisherId,
      licence: d.licence!,
      fetchedAt: written.modified,
      localVersion: written.version,
      ...(d.version !== undefined ? { version: d.version } : {}),
      ...(feed ? { feed } : {}),
    });
    return { triples: written.triples };
  }

  async #remember(catalog: string, d: RemoteDataset, entry: FollowedDataset): Promise<void> {
    this.#state.datasets[stateKey(catalog, d.graph)] = entry;
    await this.#saver.save({ format: 1, datasets: this.#state.datasets });
  }

  #check(): void {
    if (this.#o.signal?.aborted) throw new Aborted();
  }
}
