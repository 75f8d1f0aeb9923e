// The follower's reading of a node's change feed: the collection's head (where a copy made now starts following),
// the walk over the pages from the last position seen, each page checked (./feed.ts writes them), and the local
// copy rebuilt entity by entity from the activities read.

import type { Quad } from "@rdfjs/types";
import { Parser } from "n3";
import type { FetchFailure, FetchedBody } from "../harvest/fetch.js";
import { readGraphFileSync } from "../store/files.js";
import type { GraphWriter } from "../store/writer.js";
import { diffEntities } from "./entities.js";
import type { FollowReason, FullCopyReason } from "./follow-types.js";
import type { FeedPosition } from "./follow-state.js";

export const ACCEPT_FEED = "application/activity+json, application/ld+json;q=0.9, application/json;q=0.8";

/** A GET of a feed URL for one catalog (its token, its ETag when given). */
export type FeedGet = (url: string, etag?: string) => Promise<FetchedBody | FetchFailure>;

export const fetchFailed = (f: FetchFailure): FollowReason => ({
  code: "fetch",
  detail: f.message,
  failure: f.code,
  ...(f.status !== undefined ? { status: f.status } : {}),
});

export interface Activity {
  readonly type: "Create" | "Update" | "Delete";
  readonly object: string;
  readonly content?: string;
  readonly version?: number;
}
interface FeedPage {
  readonly startIndex: number;
  readonly items: readonly Activity[];
  readonly next?: string;
}

export function readJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]*$/;

/** A feed page as the follower needs it, or what is wrong with it. */
function readPage(text: string): FeedPage | string {
  const p = readJson(text) as { startIndex?: unknown; orderedItems?: unknown; next?: unknown } | undefined;
  if (!p || typeof p !== "object") return "not JSON";
  if (typeof p.startIndex !== "number" || !Number.isSafeInteger(p.startIndex) || p.startIndex < 0)
    return "no startIndex";
  if (!Array.isArray(p.orderedItems)) return "no orderedItems";
  const items: Activity[] = [];
  for (const [i, raw] of p.orderedItems.entries()) {
    const a = raw as { type?: unknown; object?: { id?: unknown; content?: unknown }; "vivant:version"?: unknown };
    const type = a?.type;
    const id = a?.object?.id;
    if ((type !== "Create" && type !== "Update" && type !== "Delete") || typeof id !== "string" || !ABSOLUTE.test(id))
      return `item ${i}: not a Create, Update or Delete of an entity IRI`;
    if (type !== "Delete" && typeof a.object?.content !== "string")
      return `item ${i}: a ${type} without its N-Triples content`;
    const version = typeof a["vivant:version"] === "number" ? a["vivant:version"] : undefined;
    items.push({
      type,
      object: id,
      ...(type !== "Delete" ? { content: a.object!.content as string } : {}),
      ...(version !== undefined ? { version } : {}),
    });
  }
  return { startIndex: p.startIndex, items, ...(typeof p.next === "string" ? { next: p.next } : {}) };
}

/** The local copy of a graph as entities (IRI → N-Triples of the entity and the blank nodes it reaches). */
function localEntities(writer: GraphWriter, graph: string): Map<string, string> {
  const parts: Buffer[] = [];
  readGraphFileSync(writer.graphFile(graph), {
    header: () => undefined,
    plain: (b) => void parts.push(Buffer.from(b)),
    bnodes: (b) => void parts.push(Buffer.from(b)),
  });
  const quads = new Parser({ format: "application/n-triples" }).parse(Buffer.concat(parts).toString("utf8"));
  return new Map(diffEntities(quads, undefined).created.map((e) => [e.iri, e.ntriples]));
}

/** Reads the feed's collection and its last page: where a copy made now starts following from. */
export async function feedHead(
  get: FeedGet,
  feedUrl: string,
): Promise<{ position: FeedPosition; bytes: number; unreachable: number } | { failure: FollowReason; bytes: number }> {
  const c = await get(feedUrl);
  if (!c.ok) return { failure: fetchFailed(c), bytes: 0 };
  const coll = readJson(c.body) as { last?: unknown; "vivant:unreachableBlankNodes"?: unknown } | undefined;
  if (!coll || typeof coll.last !== "string")
    return { failure: { code: "invalid-feed", detail: `${feedUrl}: no "last" page` }, bytes: c.receivedBytes };
  const p = await get(coll.last);
  if (!p.ok) return { failure: fetchFailed(p), bytes: c.receivedBytes };
  const page = readPage(p.body);
  if (typeof page === "string")
    return {
      failure: { code: "invalid-feed", detail: `${coll.last}: ${page}` },
      bytes: c.receivedBytes + p.receivedBytes,
    };
  const unreachable =
    typeof coll["vivant:unreachableBlankNodes"] === "number" ? coll["vivant:unreachableBlankNodes"] : 0;
  return {
    position: {
      url: feedUrl,
      page: coll.last,
      nextSeq: page.startIndex + page.items.length,
      ...(c.etag ? { etag: c.etag } : {}),
    },
    bytes: c.receivedBytes + p.receivedBytes,
    unreachable,
  };
}

/** What a walk over the pages found: a reason to copy whole, a failure, or the activities after the position. */
export type PageWalk = { bytes: number } & (
  { full: FullCopyReason } | { failure: FollowReason } | { activities: Activity[]; lastUrl: string; nextSeq: number }
);

/** Walks the pages from the one holding the next activity, at most `maxPages`; `check` runs before each request. */
export async function walkPages(w: {
  get: FeedGet;
  check: () => void;
  pos: FeedPosition;
  maxPages: number;
}): Promise<PageWalk> {
  const { get, pos } = w;
  let bytes = 0;
  const activities: Activity[] = [];
  let url: string | undefined = pos.page;
  let page: FeedPage | undefined;
  let lastUrl = pos.page;
  for (let n = 0; url !== undefined && n < w.maxPages; n++) {
    w.check();
    const p = await get(url);
    if (!p.ok && (p.status === 410 || p.status === 404))
      return { full: p.status === 410 ? "compacted" : "reset", bytes };
    if (!p.ok) return { failure: fetchFailed(p), bytes };
    bytes += p.receivedBytes;
    const read = readPage(p.body);
    if (typeof read === "string") return { failure: { code: "invalid-feed", detail: `${url}: ${read}` }, bytes };
    page = read;
    lastUrl = url;
    if (n === 0 && page.startIndex + page.items.length < pos.nextSeq) return { full: "reset", bytes };
    page.items.forEach((a, i) => {
      if (page!.startIndex + i >= pos.nextSeq) activities.push(a);
    });
    url = page.next;
  }
  const nextSeq = page ? page.startIndex + page.items.length : pos.nextSeq;
  return { activities, lastUrl, nextSeq, bytes };
}

/** The local copy as entities, each activity replacing or removing one, back into quads (or the activity at fault). */
export function replay(
  writer: GraphWriter,
  graph: string,
  activities: readonly Activity[],
): { quads: Quad[] } | { failure: FollowReason } {
  const entities = localEntities(writer, graph);
  for (const a of activities) {
    if (a.type === "Delete") entities.delete(a.object);
    else entities.set(a.object, a.content!);
  }
  const quads: Quad[] = [];
  for (const [iri, nt] of entities) {
    let qs: Quad[];
    try {
      // One parser per entity: its blank nodes are its own.
      qs = new Parser({ format: "application/n-triples" }).parse(nt);
    } catch (e) {
      return { failure: { code: "invalid-feed", detail: `${iri}: ${(e as Error).message}` } };
    }
    if (qs.some((q) => q.subject.termType !== "BlankNode" && q.subject.value !== iri))
      return { failure: { code: "invalid-feed", detail: `${iri}: the activity's triples describe another entity` } };
    for (const q of qs) quads.push(q);
  }
  return { quads };
}
