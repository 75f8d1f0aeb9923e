// The Vivant server: SPARQL 1.1 Protocol (read-only), Graph Store Protocol for publishers (validated writes,
// bearer tokens), typed discoverability queries, and the catalog. The main thread routes HTTP and owns the
// data directory; query workers hold replicas of the store. This file holds the server's state and its public
// methods; each job is a module beside it: start-up (startup.ts), the route table (router.ts), the write path
// (write-path.ts), the catalog (catalog-route.ts), the pages' context (web-context.ts).

import { rm } from "node:fs/promises";
import type { IncomingMessage, Server } from "node:http";
import type { Quad } from "@rdfjs/types";
import type { ChangeFeeds } from "../dataspace/feed.js";
import type { Text } from "../errors.js";
import { Federation } from "../dataspace/federation.js";
import type { LoadFile, LoadTarget, PreparedGraph, PrepareOptions } from "../ingest/index.js";
import type { GraphInfo, GraphMeta } from "../store/types.js";
import { TokenTable } from "./auth.js";
import type { QueryBackend, WriteBackend } from "./backend.js";
import { Catalog } from "./catalog-route.js";
import { graphHas } from "./graph-read.js";
import { DEFAULT_MAX_WRITE_BYTES, logWarning, type ServerOptions } from "./options.js";
import { ReconcileIndexes } from "./reconcile-route.js";
import { handleRequest, type RouterContext } from "./router.js";
import type { SameAsContext } from "./same-as.js";
import { publicBase, serviceDescription } from "./service-route.js";
import { spoolDir, SpoolStats } from "./spool.js";
import { startServer, type Started } from "./startup.js";
import { Pages } from "./web-context.js";
import { WritePath } from "./write-path.js";

export { DEFAULT_MAX_WRITE_BYTES, DEFAULT_PORT, type ServerFederation, type ServerOptions } from "./options.js";

/**
 * The HTTP server: SPARQL 1.1 Protocol and Graph Store Protocol, the typed API (`/api/performances`), the catalog,
 * dumps and change feeds, reconciliation and the pages, over one data directory (or a remote store).
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { VivantServer } from "vivant-ld";
 *
 * const server = await VivantServer.start({ dataDir: "./vivant-data", port: 0 }); // port 0: a free port
 * console.log(server.url, server.sparqlEndpoint); // http://127.0.0.1:…/ and its sparql
 * // Validated with the core profile, written only when it conforms, then answered by every query worker.
 * const text = readFileSync("season.json", "utf8");
 * const { prepared, info } = await server.load([{ text, source: "season.json" }], {});
 * console.log(info ? `${info.triples} triples in ${info.graphIri}` : `${prepared.report.violations} violations`);
 * await server.close();
 * ```
 */
export class VivantServer {
  readonly #http: Server;
  readonly #o: ServerOptions;
  readonly pool: QueryBackend;
  readonly writer: WriteBackend;
  readonly tokens: TokenTable;
  readonly #tempDir: string | undefined;
  /** Where spooled bodies, change feeds and dumps are kept: the data directory (with a remote store: --data DIR, else a temporary one). */
  readonly #localDir: string;
  readonly #spool = new SpoolStats();
  readonly #writes: WritePath;
  readonly #catalog: Catalog;
  readonly #pages: Pages;
  readonly #routes: RouterContext;
  /** The other nodes searched live (`ServerOptions.federation`), when configured. */
  federation: Federation | undefined;
  /** e.g. `http://127.0.0.1:8733/` */
  readonly url: string;

  private constructor(started: Started, options: ServerOptions) {
    this.#http = started.http;
    this.#o = options;
    this.pool = started.pool;
    this.writer = started.writer;
    this.tokens = options.tokens ?? new TokenTable();
    this.#tempDir = started.tempDir;
    this.url = started.url;
    this.#localDir = this.writer.dataDir ?? options.dataDir ?? this.#tempDir!;
    const warn = (text: Text): void => logWarning(options, text);
    const { pool, writer, tokens } = this;
    this.#writes = new WritePath({ writer, pool, localDir: this.#localDir, feed: options.feed ?? {}, warn });
    this.#catalog = new Catalog({ writer, pool, tokens, localDir: this.#localDir, warn });
    const maxBodyBytes = options.maxBodyBytes ?? 32 * 2 ** 20;
    const maxWriteBytes = options.maxWriteBytes ?? DEFAULT_MAX_WRITE_BYTES;
    const reconcile = new ReconcileIndexes();
    this.#pages = new Pages({
      pool,
      url: this.url,
      tokens,
      writes: this.#writes,
      reconcile,
      sameAs: this.sameAs,
      publicGraphs: () => this.publicGraphs(),
      federation: () => this.federation,
      maxUploadBytes: Math.min(maxBodyBytes, maxWriteBytes),
      checkFetch: options.checkFetch,
    });
    this.#routes = {
      url: this.url,
      corsOrigin: options.corsOrigin ?? "*",
      unionDefaultGraph: options.unionDefaultGraph ?? true,
      capdataNamespace: options.capdataNamespace,
      maxBodyBytes,
      maxWriteBytes,
      pool,
      writer,
      tokens,
      federation: () => this.federation,
      localDir: this.#localDir,
      spool: { dir: spoolDir(this.#localDir), stats: this.#spool },
      writes: this.#writes,
      catalog: this.#catalog,
      reconcile,
      sameAs: this.sameAs,
      web: () => this.#pages.context(),
      publicGraphs: () => this.publicGraphs(),
      writeQueue: () => this.writeQueue,
    };
  }

  /** Opens the data directory, starts the query workers (each loads the data), then listens. */
  static async start(options: ServerOptions = {}): Promise<VivantServer> {
    return startServer(options, (started) => {
      const server = new VivantServer(started, options);
      if (options.federation) {
        server.federation = new Federation({
          ...options.federation,
          local: {
            url: server.url,
            page: (f, o) => server.pool.page(f, o),
            facetsByGraph: (f, fs) => server.pool.facetsByGraph(f, fs),
          },
        });
      }
      started.http.on("request", (req, res) => void handleRequest(req, res, server.#routes));
      return server;
    });
  }

  /** The SPARQL query endpoint. */
  get sparqlEndpoint(): string {
    return `${this.url}sparql`;
  }

  get graphStoreEndpoint(): string {
    return `${this.url}graph-store`;
  }

  graphs(): GraphInfo[] {
    return this.writer.graphs();
  }

  /** The graphs everyone may read (all but the restricted ones). */
  publicGraphs(): GraphInfo[] {
    const restricted = this.tokens.restrictedGraphs();
    return this.writer.graphs().filter((g) => !restricted.has(g.graphIri));
  }

  /**
   * Replaces a graph without validating it (for trusted callers: tests, tools that validated already).
   * Resolves once it is on disk and every worker answers with it.
   */
  replaceGraph(graphIri: string, quads: Iterable<Quad>, meta: GraphMeta): Promise<GraphInfo> {
    return this.#writes.replaceGraph(graphIri, quads, meta);
  }

  deleteGraph(graphIri: string): Promise<boolean> {
    return this.#writes.deleteGraph(graphIri);
  }

  /**
   * Maps or parses the inputs, validates them with the core profile and, only when valid, replaces the graph.
   * `info` is set when the graph was written.
   */
  load(
    files: readonly LoadFile[],
    target: LoadTarget,
    options: PrepareOptions = {},
  ): Promise<{ prepared: PreparedGraph; info?: GraphInfo }> {
    return this.#writes.load(files, target, options);
  }

  /** The graphs' change feeds (DIR/feeds/). */
  get feeds(): ChangeFeeds {
    return this.#writes.feeds;
  }

  /** What confirming a duplicate needs (src/server/same-as.ts): reads of the token's own graph, the Graph Store's merge. */
  readonly sameAs: SameAsContext = {
    describes: (g, e) => graphHas(this, g, e, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
    says: (g, e, o) => graphHas(this, g, e, "http://schema.org/sameAs", o),
    merge: (files, grant) => this.#writes.write(files, grant, undefined, true),
  };

  /**
   * Holds the write path: resolves, once the writes before it are done, to a function that lets writes go on again.
   * Meanwhile reads are answered and writes wait their turn (their bodies spooled to disk), e.g. for a consistent
   * copy of the data directory.
   */
  pauseWrites(): Promise<() => void> {
    return this.#writes.pause();
  }

  /** Writes waiting for the write path, and the request bodies spooled to disk meanwhile (what `/health` reports). */
  get writeQueue(): { readonly waiting: number; readonly spooledBodies: number; readonly spooledBytes: number } {
    return { waiting: this.#writes.waiting, spooledBodies: this.#spool.waiting, spooledBytes: this.#spool.bytes };
  }

  /**
   * The server's address as the client reached it: `X-Forwarded-Proto` and `X-Forwarded-Host` (first values) when a
   * proxy sets them, else the `Host` header, else the address it listens on. A malformed host is ignored.
   */
  publicBase(req: IncomingMessage): string {
    return publicBase(req, this.url);
  }

  /** The SPARQL 1.1 Service Description of the endpoint (at `base`, default the address it listens on). */
  serviceDescription(base: string = this.url): Quad[] {
    return serviceDescription(base, this.#o.unionDefaultGraph ?? true, this.publicGraphs());
  }

  /**
   * Makes the dumps of every graph's current version and of the whole server, once per set of versions (one job at
   * a time; a version dumped already is not written again). A failure (a full disk) is logged, never thrown.
   */
  ensureDumps(): Promise<void> {
    return this.#catalog.ensureDumps();
  }

  /** The node's DCAT-AP catalog (with ODRL policies) at its public address, in the negotiated format. */
  catalogQuads(
    base: string = this.url,
    canRead: (graphIri: string) => boolean = (g) => !this.tokens.restrictedGraphs().has(g),
  ): Promise<Quad[]> {
    return this.#catalog.quads(base, canRead);
  }

  /** Stops listening, ends the workers, releases the data directory (and removes a temporary one). */
  async close(): Promise<void> {
    this.#http.closeAllConnections?.();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
    await this.#writes.settled;
    await this.#catalog.dumping;
    await this.#pages.close();
    await this.federation?.close();
    await this.#writes.close();
    await this.pool.close();
    await rm(spoolDir(this.#localDir), { recursive: true, force: true });
    await this.writer.close();
    if (this.#tempDir) await rm(this.#tempDir, { recursive: true, force: true });
  }
}
