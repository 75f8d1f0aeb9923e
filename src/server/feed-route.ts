// /feed/<id>: a graph's change feed as Activity Streams 2.0 (an OrderedCollection of OrderedCollectionPages), in the
// style of Linked Data Event Streams (ldes:EventStream, tree:Node pages). Full pages are immutable; every answer has
// an ETag and Last-Modified, and If-None-Match / If-Modified-Since give 304.

import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChangeFeeds, FeedState, StoredActivity } from "../dataspace/feed.js";
import { tx } from "../i18n.js";
import { HttpError, negotiate, send } from "./http-util.js";

export interface FeedContext {
  readonly feeds: ChangeFeeds;
  readonly base: string;
  /** Whether the caller may read this graph's feed. */
  readonly readable: (graphIri: string) => boolean;
  /** Whether a graph is restricted (its pages are then never kept by shared caches). */
  readonly private: (graphIri: string) => boolean;
}

export const FEED_CONTEXT = [
  "https://www.w3.org/ns/activitystreams",
  { ldes: "https://w3id.org/ldes#", tree: "https://w3id.org/tree#", vivant: "https://vivant.dev/ns#" },
] as const;

const notFound = (path: string): HttpError =>
  new HttpError(404, "feed/not-found", tx("feed/not-found", { path }), { hint: tx("feed/not-found.hint") });

function answer(
  req: IncomingMessage,
  res: ServerResponse,
  value: unknown,
  lastModified: string,
  immutable: boolean,
  restricted = false,
): void {
  const type =
    negotiate(req.headers.accept, ["application/activity+json", "application/ld+json", "application/json"], {}) ??
    "application/activity+json";
  const body = JSON.stringify(value);
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const headers = {
    ETag: etag,
    "Last-Modified": new Date(lastModified).toUTCString(),
    Vary: "Accept",
    "Cache-Control": `${restricted ? "private, " : immutable ? "public, " : ""}${immutable ? "max-age=31536000, immutable" : "no-cache"}`,
    ...(restricted ? { Vary: "Accept, Authorization" } : {}),
  };
  const inm = req.headers["if-none-match"];
  const ims = req.headers["if-modified-since"];
  const notModified =
    inm !== undefined
      ? inm
          .split(",")
          .map((s) => s.trim().replace(/^W\//, ""))
          .some((t) => t === etag || t === "*")
      : ims !== undefined &&
        !Number.isNaN(Date.parse(ims)) &&
        Math.floor(Date.parse(lastModified) / 1000) <= Math.floor(Date.parse(ims) / 1000);
  if (notModified) {
    res.writeHead(304, headers).end();
    return;
  }
  send(
    res,
    200,
    type === "application/ld+json" ? 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"' : type,
    body,
    headers,
  );
}

/** The addresses of a feed: its collection and its pages, the last one. */
interface FeedPages {
  readonly collection: string;
  readonly url: (n: number) => string;
  readonly last: number;
}

/** The feed itself: an OrderedCollection and ldes:EventStream pointing at its first and last pages. */
function collectionDoc(ctx: FeedContext, state: FeedState, pages: FeedPages): unknown {
  const { collection, url: pageUrl, last } = pages;
  return {
    "@context": FEED_CONTEXT,
    id: collection,
    type: ["OrderedCollection", "ldes:EventStream"],
    summary: `Changes of graph ${state.graph}: Create, Update and Delete of its entities, oldest first`,
    "vivant:graph": { id: state.graph },
    "vivant:version": state.version,
    totalItems: state.nextSeq - state.firstPage * ctx.feeds.pageSize,
    first: pageUrl(state.firstPage),
    last: pageUrl(last),
    "tree:view": { id: pageUrl(state.firstPage) },
    "ldes:timestampPath": { id: "https://www.w3.org/ns/activitystreams#published" },
    "ldes:versionOfPath": { id: "https://www.w3.org/ns/activitystreams#object" },
    "ldes:retentionPolicy": {
      type: "ldes:LatestVersionSubset",
      "vivant:pagesKept": "the newest pages; an older page answers 410: copy the dump again",
    },
    updated: state.updated,
    ...(state.unreachableBlankNodes ? { "vivant:unreachableBlankNodes": state.unreachableBlankNodes } : {}),
  };
}

/** Page `n` of the feed: an OrderedCollectionPage and tree:Node of its activities, linked to its neighbours. */
function pageDoc(
  ctx: FeedContext,
  state: FeedState,
  pages: FeedPages,
  n: number,
  items: readonly StoredActivity[],
): unknown {
  const { collection, url: pageUrl, last } = pages;
  const activity = (a: StoredActivity) => ({
    id: `${collection}#${a.seq}`,
    type: a.type,
    published: a.published,
    "vivant:version": a.version,
    object:
      a.type === "Delete"
        ? { id: a.object }
        : { id: a.object, content: a.ntriples, mediaType: "application/n-triples" },
  });
  return {
    "@context": FEED_CONTEXT,
    id: pageUrl(n),
    type: ["OrderedCollectionPage", "tree:Node"],
    partOf: collection,
    startIndex: n * ctx.feeds.pageSize,
    ...(n > state.firstPage ? { prev: pageUrl(n - 1) } : {}),
    ...(n < last
      ? { next: pageUrl(n + 1), "tree:relation": [{ type: "tree:Relation", "tree:node": { id: pageUrl(n + 1) } }] }
      : {}),
    orderedItems: items.map(activity),
  };
}

/** Answers a request under /feed; false when the path is not one of its. */
export async function handleFeed(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: FeedContext,
): Promise<boolean> {
  if (!url.pathname.startsWith("/feed/")) return false;
  if (req.method !== "GET" && req.method !== "HEAD")
    throw new HttpError(405, "request/method", tx("feed/read-only", { method: req.method }), {
      headers: { Allow: "GET, HEAD, OPTIONS" },
    });
  const [id, pageText, ...rest] = url.pathname.slice("/feed/".length).split("/");
  const state = id ? await ctx.feeds.state(id) : undefined;
  if (!state || !ctx.readable(state.graph) || rest.length) throw notFound(url.pathname);
  const collection = `${ctx.base}feed/${id}`;
  const pageUrl = (n: number): string => `${collection}/${n}`;
  const last = ctx.feeds.lastPage(state);
  const pages: FeedPages = { collection, url: pageUrl, last };
  if (pageText === undefined || pageText === "") {
    answer(req, res, collectionDoc(ctx, state, pages), state.updated, false, ctx.private(state.graph));
    return true;
  }
  if (!/^(0|[1-9][0-9]{0,15})$/.test(pageText)) throw notFound(url.pathname);
  const n = Number(pageText);
  const items = await ctx.feeds.page(id!, n);
  if (items === "compacted") {
    throw new HttpError(410, "feed/compacted", tx("feed/compacted", { page: n }), {
      hint: tx("feed/compacted.hint", { dump: `/dumps/${id}/latest.nq.gz`, last: pageUrl(last) }),
    });
  }
  if (!items) throw notFound(url.pathname);
  const full = items.length >= ctx.feeds.pageSize;
  answer(
    req,
    res,
    pageDoc(ctx, state, pages, n, items),
    items.at(-1)?.published ?? state.updated,
    full && n < last,
    ctx.private(state.graph),
  );
  return true;
}
