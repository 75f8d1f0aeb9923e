// The change feed of each publisher graph: an append-only log of Activity Streams 2.0 Create / Update / Delete of
// entities, computed at each write from the diff of the graph's versions (src/dataspace/entities.ts), kept in pages
// of a fixed size under DIR/feeds/<id>/. A full page never changes again (its URL and ETag are stable); the last one
// grows until full. Each page, then the feed's state (the digests the next diff starts from), is written
// atomically: after a crash between the two, the next write repeats some changes (at least once, never lost).
// Retention: the newest `retainPages` pages are kept; older ones are removed (compaction), and a follower that
// asks for one gets 410 and starts again from a dump.

import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { GraphInfo } from "../store/types.js";
import { datasetId } from "./catalog.js";
import type { EntityChange } from "./entities.js";
import { writeBytesAtomically } from "./dump-io.js";

/** Activities per page. */
export const PAGE_SIZE = 100;
/** Pages kept per feed (older ones are compacted away). */
export const DEFAULT_RETAIN_PAGES = 10_000;

export type ActivityType = "Create" | "Update" | "Delete";

/** One activity as stored. */
export interface StoredActivity {
  /** Its position in the feed, from 0, never reused. */
  readonly seq: number;
  readonly type: ActivityType;
  /** The entity's IRI. */
  readonly object: string;
  /** The entity's triples after the change (Create, Update), in N-Triples. */
  readonly ntriples?: string;
  /** When the write happened (the graph's dct:modified). */
  readonly published: string;
  /** The graph version the change made. */
  readonly version: number;
}

export interface FeedState {
  readonly graph: string;
  readonly id: string;
  /** Seq of the next activity. */
  readonly nextSeq: number;
  /** The oldest page kept. */
  readonly firstPage: number;
  readonly version: number;
  readonly updated: string;
  /** The last version's entity digests (absent after a delete). */
  readonly digests: Record<string, string>;
  readonly unreachableBlankNodes: number;
}

export interface FeedOptions {
  /** @default PAGE_SIZE */
  readonly pageSize?: number;
  /** @default DEFAULT_RETAIN_PAGES */
  readonly retainPages?: number;
}

export function feedsDir(dataDir: string): string {
  return join(dataDir, "feeds");
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class ChangeFeeds {
  readonly #dataDir: string;
  readonly #pageSize: number;
  readonly #retain: number;
  readonly #states = new Map<string, FeedState | null>();
  #chain: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string, options: FeedOptions = {}) {
    this.#dataDir = dataDir;
    this.#pageSize = Math.max(1, options.pageSize ?? PAGE_SIZE);
    this.#retain = Math.max(1, options.retainPages ?? DEFAULT_RETAIN_PAGES);
  }

  get pageSize(): number {
    return this.#pageSize;
  }

  /** A feed's state (by dataset id), or undefined when the graph never had one. */
  async state(id: string): Promise<FeedState | undefined> {
    if (!SAFE_ID.test(id)) return undefined;
    if (this.#states.has(id)) return this.#states.get(id) ?? undefined;
    let s: FeedState | null;
    try {
      s = JSON.parse(await readFile(join(feedsDir(this.#dataDir), id, "state.json"), "utf8")) as FeedState;
    } catch {
      s = null;
    }
    this.#states.set(id, s);
    return s ?? undefined;
  }

  /** The digests the next diff of a graph starts from (undefined: every entity is new). */
  async digests(info: Pick<GraphInfo, "graphIri" | "publisherId">): Promise<Map<string, string> | undefined> {
    const s = await this.state(datasetId(info));
    return s && s.graph === info.graphIri ? new Map(Object.entries(s.digests)) : undefined;
  }

  /** The activities of page `n`, or undefined when there is no such page; "compacted" when it was removed. */
  async page(id: string, n: number): Promise<StoredActivity[] | "compacted" | undefined> {
    const s = await this.state(id);
    if (!s || !Number.isSafeInteger(n) || n < 0) return undefined;
    const last = this.lastPage(s);
    if (n > last) return undefined;
    if (n < s.firstPage) return "compacted";
    try {
      return JSON.parse(
        await readFile(join(feedsDir(this.#dataDir), id, `page-${n}.json`), "utf8"),
      ) as StoredActivity[];
    } catch {
      return n === last && s.nextSeq === last * this.#pageSize ? [] : undefined;
    }
  }

  /** The page the next activity goes to (the last page). */
  lastPage(s: FeedState): number {
    return Math.max(s.firstPage, Math.floor(Math.max(0, s.nextSeq - 1) / this.#pageSize));
  }

  /** Appends a write's changes to its graph's feed. */
  record(info: GraphInfo, change: EntityChange): Promise<void> {
    const activities = [
      ...change.created.map((e) => ({ type: "Create" as const, object: e.iri, ntriples: e.ntriples })),
      ...change.updated.map((e) => ({ type: "Update" as const, object: e.iri, ntriples: e.ntriples })),
      ...change.deleted.map((iri) => ({ type: "Delete" as const, object: iri })),
    ];
    return this.#append(info, activities, Object.fromEntries(change.digests), change.unreachableBlankNodes);
  }

  /** Appends the Delete of every entity of a deleted graph. */
  async recordDelete(info: GraphInfo): Promise<void> {
    const before = await this.digests(info);
    const now = new Date().toISOString();
    await this.#append(
      { ...info, modified: now, version: info.version + 1 },
      [...(before?.keys() ?? [])].sort().map((iri) => ({ type: "Delete" as const, object: iri })),
      {},
      0,
    );
  }

  #append(
    info: GraphInfo,
    activities: { type: ActivityType; object: string; ntriples?: string }[],
    digests: Record<string, string>,
    unreachable: number,
  ): Promise<void> {
    const run = this.#chain.then(async () => {
      const id = datasetId(info);
      const dir = join(feedsDir(this.#dataDir), id);
      await mkdir(dir, { recursive: true });
      const prev = await this.state(id);
      const base: FeedState =
        prev && prev.graph === info.graphIri
          ? prev
          : {
              graph: info.graphIri,
              id,
              nextSeq: prev?.nextSeq ?? 0,
              firstPage: prev?.firstPage ?? 0,
              version: 0,
              updated: info.modified,
              digests: {},
              unreachableBlankNodes: 0,
            };
      let seq = base.nextSeq;
      // Group the new activities by page: the last page's items first, then new pages.
      const pages = new Map<number, StoredActivity[]>();
      for (const a of activities) {
        const n = Math.floor(seq / this.#pageSize);
        if (!pages.has(n)) {
          const existing =
            seq % this.#pageSize === 0 ? [] : (((await this.page(id, n)) as StoredActivity[] | undefined) ?? []);
          pages.set(n, [...(Array.isArray(existing) ? existing : [])]);
        }
        pages.get(n)!.push({ seq, ...a, published: info.modified, version: info.version });
        seq++;
      }
      for (const [n, items] of [...pages].sort((x, y) => x[0] - y[0])) {
        await writeBytesAtomically(dir, `page-${n}.json`, Buffer.from(JSON.stringify(items), "utf8"));
      }
      const last = Math.floor(Math.max(0, seq - 1) / this.#pageSize);
      const firstPage = Math.max(base.firstPage, last - this.#retain + 1);
      const state: FeedState = {
        graph: info.graphIri,
        id,
        nextSeq: seq,
        firstPage,
        version: info.version,
        updated: info.modified,
        digests,
        unreachableBlankNodes: unreachable,
      };
      await writeBytesAtomically(dir, "state.json", Buffer.from(JSON.stringify(state), "utf8"));
      this.#states.set(id, state);
      // Compaction: pages older than the retained ones go (after the state no longer lists them).
      for (let n = base.firstPage; n < firstPage; n++) await rm(join(dir, `page-${n}.json`), { force: true });
    });
    this.#chain = run.catch(() => undefined);
    return run;
  }
}
