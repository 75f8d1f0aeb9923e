// The server's write path: every change of a graph (Graph Store PUT, POST, DELETE, the publishing page, `load`,
// `replaceGraph`, `deleteGraph`) runs in one serialised section, one at a time in arrival order, then the query
// workers are told and the graph's change feed is appended. It owns the write lane and the change feeds.

import type { Quad } from "@rdfjs/types";
import { Parser } from "n3";
import { datasetId } from "../dataspace/catalog.js";
import { removeDumps } from "../dataspace/dumps.js";
import { diffEntities, type EntityChange } from "../dataspace/entities.js";
import { ChangeFeeds, type FeedOptions } from "../dataspace/feed.js";
import { messageOf, textOf, type Text } from "../errors.js";
import { txBy } from "../i18n.js";
import {
  ingest,
  prepareGraph,
  type LoadFile,
  type LoadTarget,
  type PreparedGraph,
  type PrepareOptions,
} from "../ingest/index.js";
import type { GraphInfo, GraphMeta } from "../store/types.js";
import type { TokenGrant } from "./auth.js";
import type { QueryBackend, WriteBackend } from "./backend.js";
import { graphText } from "./graph-read.js";
import { HttpError } from "./http-util.js";
import { WriteLane, type PreparedWrite, type WriteInput } from "./write-lane.js";

/** What the write path writes to and tells: the backends, the local directory (feeds, dumps) and the log. */
export interface WritePathContext {
  readonly writer: WriteBackend;
  readonly pool: QueryBackend;
  /** Where change feeds and dumps are kept (src/server/app.ts `localDir`). */
  readonly localDir: string;
  readonly feed: FeedOptions;
  readonly warn: (text: Text) => void;
}

/** A Graph Store write's outcome: the prepared write, the graph written (when valid) and whether it is new. */
export interface GspWritten {
  readonly prepared: PreparedWrite;
  readonly info?: GraphInfo;
  readonly created: boolean;
}

/** The store's own ownership rule (a registered namespace inside another publisher's): refused like the input's (422). */
function ownershipAs422(e: unknown): never {
  const code = (e as { code?: unknown }).code;
  if (code === "store/foreign-subjects" || code === "store/namespace-taken") {
    // Both languages when the error carries them (a VivantError), else its English message.
    const v = e as Error & { text?: Text; hint?: string; hintText?: Text };
    const hint = v.hintText ?? v.hint;
    const message =
      v.text ??
      (v.hint !== undefined && v.message.endsWith(` (${v.hint})`)
        ? v.message.slice(0, -(v.hint.length + 3))
        : v.message);
    throw new HttpError(422, code, message, hint !== undefined ? { hint } : {});
  }
  throw e;
}

/** The serialised write section of one server, with its write lane and change feeds. */
export class WritePath {
  readonly #c: WritePathContext;
  #writes: Promise<unknown> = Promise.resolve();
  #waiting = 0;
  /** Graph changes the query workers have all taken in (counted after each reload resolves). */
  #reloads = 0;
  readonly #lane = new WriteLane();
  #feeds: ChangeFeeds | undefined;

  constructor(context: WritePathContext) {
    this.#c = context;
  }

  /** Writes waiting for the write path. */
  get waiting(): number {
    return this.#waiting;
  }

  /**
   * Changes whenever a graph is written or removed, and again once every worker answers with it (what the
   * reconciliation index is kept for: an index read between the write and the reload is not kept past it).
   */
  graphsKey(): string {
    return `${this.#reloads}\n${this.#c.writer
      .graphs()
      .map((g) => `${g.graphIri} ${g.version}`)
      .join("\n")}`;
  }

  /** The graphs' change feeds (DIR/feeds/). */
  get feeds(): ChangeFeeds {
    return (this.#feeds ??= new ChangeFeeds(this.#c.localDir, this.#c.feed));
  }

  /**
   * Runs `fn` inside the serialised section, one at a time in arrival order, so that a POST's read of the current
   * graph, its merge, validation and replace see no other write in between.
   */
  serialised<T>(fn: () => Promise<T>): Promise<T> {
    this.#waiting++;
    const body = async (): Promise<T> => {
      this.#waiting--;
      return fn();
    };
    const run = this.#writes.then(body, body);
    this.#writes = run.catch(() => undefined);
    return run;
  }

  /** The end of the writes queued so far (what closing waits for). */
  get settled(): Promise<unknown> {
    return this.#writes;
  }

  /** Holds the write path: resolves, once the writes before it are done, to a function that lets writes go on again. */
  pause(): Promise<() => void> {
    return new Promise((held) => {
      void this.serialised(() => new Promise<void>((release) => held(() => release())));
    });
  }

  /** Replaces a graph without validating it; resolves once it is on disk and every worker answers with it. */
  replaceGraph(graphIri: string, quads: Iterable<Quad>, meta: GraphMeta): Promise<GraphInfo> {
    return this.serialised(() => this.#replace(graphIri, quads, meta));
  }

  deleteGraph(graphIri: string): Promise<boolean> {
    return this.serialised(async () => {
      const { writer, pool, localDir, warn } = this.#c;
      const before = writer.graph(graphIri);
      const existed = await writer.deleteGraph(graphIri);
      await pool.reload(graphIri);
      this.#reloads++;
      if (before) await removeDumps(localDir, before).catch((e: unknown) => warn(textOf(e)));
      if (before)
        await this.feeds
          .recordDelete(before)
          .catch((e: unknown) =>
            warn(txBy("server/feed-not-updated", (lang) => ({ graph: graphIri, detail: messageOf(e, lang) }))),
          );
      return existed;
    });
  }

  /** Prepares (reads, maps, validates) and, only when valid, replaces the graph; `info` is set when it was written. */
  load(
    files: readonly LoadFile[],
    target: LoadTarget,
    options: PrepareOptions = {},
  ): Promise<{ prepared: PreparedGraph; info?: GraphInfo }> {
    return this.serialised(async () => {
      const into = {
        graphs: () => this.#c.writer.graphs(),
        replaceGraph: (g: string, q: Iterable<Quad>, m: GraphMeta) => this.#replace(g, q, m),
      };
      const { prepared, written } = await ingest(files, target, into, options);
      return written ? { prepared, info: written } : { prepared };
    });
  }

  /** Where a publisher's write goes, as the Graph Store and the publishing page both write it. */
  target(grant: TokenGrant, licence: string | undefined): LoadTarget {
    const l = licence ?? this.#c.writer.graph(grant.graphIri)?.licence ?? grant.licence;
    return {
      publisherId: grant.publisherId,
      graphIri: grant.graphIri,
      ...(l !== undefined ? { licence: l } : {}),
      source: "Graph Store Protocol",
      // The tokens file is the authority on a publisher's namespaces: what it says now, not what a graph once registered.
      namespaces: grant.namespaces ?? [],
    };
  }

  /** The publishing page's dry run: the same reading and validation as a write, nothing written. */
  prepare(files: LoadFile[], grant: TokenGrant, licence: string | undefined): Promise<PreparedGraph> {
    return prepareGraph(files, this.target(grant, licence), {
      known: (id) => this.#c.writer.graphs().find((g) => g.publisherId === id),
    });
  }

  /**
   * A Graph Store write of a publisher's graph (and the publishing page's confirmation): PUT replaces it with the body, POST merges the body into it. The
   * current graph is read from its file (the truth) inside the serialised section, so concurrent POSTs never lose one another.
   */
  write(
    files: readonly WriteInput[],
    grant: TokenGrant,
    licence: string | undefined,
    merge: boolean,
  ): Promise<GspWritten> {
    return this.serialised(async () => {
      const { writer, pool } = this.#c;
      const existing = writer.graph(grant.graphIri);
      // Read, merged, mapped, validated, checked (ownership), serialised and encoded in the write thread; here only
      // the bytes are written and the query workers told, so a large upload never stalls the routing of queries.
      const previousDigests = await this.feeds.digests(grant);
      const { prepared, content, change } = await this.#lane
        .prepare({
          files,
          target: this.target(grant, licence),
          graphs: writer.graphs(),
          version: (existing?.version ?? 0) + 1,
          ...(previousDigests ? { previousDigests } : {}),
          ...(merge && existing ? await writer.mergeSource(grant.graphIri) : {}),
        })
        .catch(ownershipAs422);
      if (!prepared.ok || !content) return { prepared, created: false };
      const info = await writer.replaceEncoded(prepared.graphIri, content, prepared.meta);
      await pool.reload(prepared.graphIri);
      this.#reloads++;
      await this.#recordChange(info, change);
      return { prepared, info, created: !existing };
    });
  }

  /**
   * A graph written before the feeds existed (or whose feed was removed) gets one on first request: a Create of each
   * entity of its current version, inside the serialised section (no write in between).
   */
  async ensureFeed(id: string): Promise<void> {
    const { writer } = this.#c;
    const g = writer.graphs().find((x) => datasetId(x) === id);
    if (!g || (await this.feeds.state(id))?.graph === g.graphIri) return;
    await this.serialised(async () => {
      const info = writer.graph(g.graphIri);
      if (!info || (await this.feeds.state(id))?.graph === g.graphIri) return;
      const quads = new Parser({ format: "application/n-triples" }).parse(await graphText(writer, g.graphIri));
      await this.#recordChange(info, diffEntities(quads, undefined));
    });
  }

  /** Ends the write thread. */
  close(): Promise<void> {
    return this.#lane.close();
  }

  /** Inside the serialised section: writes the file, then waits until every worker answers with it. */
  async #replace(graphIri: string, quads: Iterable<Quad>, meta: GraphMeta): Promise<GraphInfo> {
    const list = [...quads];
    const info = await this.#c.writer.replaceGraph(graphIri, list, meta);
    await this.#c.pool.reload(graphIri);
    this.#reloads++;
    await this.#recordChange(info, diffEntities(list, await this.feeds.digests(info)));
    return info;
  }

  /**
   * Inside the serialised section, after a write is acknowledged on disk: appends its changes to the graph's feed. A
   * failure is logged; the feed's state is then unchanged, so the next write's diff carries these changes too.
   */
  async #recordChange(info: GraphInfo | undefined, change: EntityChange | undefined): Promise<void> {
    if (!info || !change) return;
    await this.feeds
      .record(info, change)
      .catch((e: unknown) =>
        this.#c.warn(txBy("server/feed-not-updated", (lang) => ({ graph: info.graphIri, detail: messageOf(e, lang) }))),
      );
  }
}
