// The Vivant server: SPARQL 1.1 Protocol (read-only), Graph Store Protocol for publishers (validated writes,
// bearer tokens), typed discoverability queries, and the catalog. The main thread routes HTTP and owns the
// data directory; query workers hold replicas of the store.

import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import type { Quad } from "@rdfjs/types";
import { DataFactory, Parser } from "n3";
import { serializeRdf } from "../rdf/io.js";
import { compactJsonLd, quadsToJsonLd } from "../jsonld/convert.js";
import { CATALOG_PREFIXES, dcatCatalog, type DatasetCoverage } from "../dataspace/catalog.js";
import { datasetCoverage } from "../dataspace/coverage.js";
import { dumpAll, dumpGraph, readManifests, removeDumps } from "../dataspace/dumps.js";
import { handleDumps } from "./dumps-route.js";
import { handleCapData } from "./capdata-route.js";
import { capdataTerms } from "../export/capdata-terms.js";
import { ChangeFeeds, type FeedOptions } from "../dataspace/feed.js";
import { diffEntities, type EntityChange } from "../dataspace/entities.js";
import { handleFeed } from "./feed-route.js";
import { handleReconcile, ReconcileIndexes } from "./reconcile-route.js";
import { datasetId } from "../dataspace/catalog.js";
import { graphFileText } from "../store/files.js";
import { capdataOfNTriples } from "../export/capdata-source.js";
import { CATALOG_GRAPH } from "../store/catalog.js";
import {
  ingest,
  prepareGraph,
  type LoadFile,
  type LoadTarget,
  type PreparedGraph,
  type PrepareOptions,
} from "../ingest/index.js";
import type { GraphInfo, GraphMeta } from "../store/types.js";
import type { QueryLimits } from "../store/sparql-limits.js";
import { GraphWriter } from "../store/writer.js";
import { TokenTable, type TokenGrant } from "./auth.js";
import { handleApi } from "./api.js";
import { handleGsp } from "./gsp.js";
import { confirmSameAs, handleConfirmApi, type SameAsContext } from "./same-as.js";
import { findDuplicates, type DuplicateReport } from "../reconcile/duplicates.js";
import { MIN_LISTED } from "../web/duplicates.js";
import { InputError, isUsageError, messageOf, textOf, UsageError, type Lang, type Text } from "../errors.js";
import { t, tx, txBy } from "../i18n.js";
import { WriteLane, type PreparedWrite, type WriteInput } from "./write-lane.js";
import { resetSpool, spoolDir, SpoolStats } from "./spool.js";
import { corsHeaders, HttpError, negotiate, preflight, readBody, send, sendError, sendJson } from "./http-util.js";
import { loadMcp } from "./mcp-load.js";
import { QueryPool } from "./pool.js";
import type { QueryBackend, WriteBackend } from "./backend.js";
import { RemotePool } from "./remote-pool.js";
import { parseStoreUrl, RemoteStore, type RemoteStoreOptions } from "../store/remote.js";
import {
  chooseMediaType,
  GRAPH_ALIASES,
  GRAPH_FORMAT_NAMES,
  GRAPH_OFFERS,
  handleSparql,
  RESULTS_OFFERS,
} from "./sparql.js";
import { serializeTriples } from "../store/oxigraph.js";
import { handleWeb, type WebContext } from "../web/index.js";
import { CheckFetcher } from "../web/check.js";
import type { FetchPolicy } from "../harvest/fetch.js";
import { PublishSessions } from "../web/publish.js";
import { Federation, federatedNodes, type FederatedNode } from "../dataspace/federation.js";
import { handleFederation } from "./federation-route.js";

/** How `VivantServer.start` runs: data directory or remote store, port, workers, tokens, limits, language. */
export interface ServerOptions {
  /**
   * Data directory (created if missing; locked while the server runs). Without it a temporary directory is used
   * and removed at close: the data then lives as long as the server.
   */
  readonly dataDir?: string;
  /** @default "127.0.0.1" */
  readonly host?: string;
  /**
   * Port; 0 picks a free one.
   * @default 8733 (DEFAULT_PORT; not 3030, which is Fuseki's)
   */
  readonly port?: number;
  /**
   * Query worker threads; each holds a full replica of the data (memory × workers).
   * @default 2 (or 1 on a single CPU)
   */
  readonly workers?: number;
  /**
   * Time limit of a query, in ms (queueing included). Past it the query's worker is replaced.
   * @default 10000
   */
  readonly queryTimeoutMs?: number;
  /**
   * Time a SPARQL query that looks like a lookup may run in the fast lane, in ms; past it its worker is replaced
   * and the query runs again in the slow lane, within `queryTimeoutMs`.
   * @default 2000
   */
  readonly lookupTimeoutMs?: number;
  /**
   * Queries deeper or larger than these get 400 `sparql/too-complex` before any worker sees them.
   * @default { maxDepth: 200, maxTokens: 200000 }
   */
  readonly queryLimits?: QueryLimits;
  /**
   * Largest serialised answer sent, in bytes.
   * @default 67108864 (64 MiB)
   */
  readonly maxResultBytes?: number;
  /**
   * Largest request body (queries and graph uploads), in bytes.
   * @default 33554432 (32 MiB)
   */
  readonly maxBodyBytes?: number;
  /**
   * Largest body of a Graph Store write (PUT, POST) and of a publishing-page upload, in bytes: past it 413
   * `request/too-large`, answered on the Content-Length before the body is read (or as soon as the bytes read pass
   * it). Write bodies wait their turn spooled to the data directory's `spool/` folder, not in memory.
   * @default 8388608 (8 MiB: about 400,000 triples of Vivant records, 60,000 of N-Triples)
   */
  readonly maxWriteBytes?: number;
  /** Bearer tokens of the publishers allowed to write. @default none: the graph store is read-only */
  readonly tokens?: TokenTable;
  /**
   * `Access-Control-Allow-Origin` of every answer.
   * @default "*"
   */
  readonly corsOrigin?: string;
  /**
   * Queries without FROM or dataset parameters see the union of all graphs as their default graph.
   * @default true
   */
  readonly unionDefaultGraph?: boolean;
  /** Log lines (start, warnings). */
  readonly log?: (line: string) => void;
  /** Language of the log lines (`vivant serve --lang`). @default "en" */
  readonly lang?: Lang;
  /**
   * A remote SPARQL 1.1 Protocol + Graph Store Protocol store (e.g. Virtuoso) that holds the graphs instead of the
   * embedded store: its SPARQL endpoint URL (`#gsp=<Graph Store URL>` when not Virtuoso's `/sparql-graph-crud`).
   * `dataDir` and `workers` are then unused. See the README's "Backends".
   * @example "http://127.0.0.1:8890/sparql"
   */
  readonly store?: string | RemoteStoreOptions;
  /**
   * With a remote store: who answers the typed questions (`index`: Vivant's in-memory index, `sparql`: the store).
   * @default "index"
   */
  readonly typedQuestions?: "index" | "sparql";
  /** The change feeds' page size and retention (src/dataspace/feed.ts). */
  readonly feed?: FeedOptions;
  /**
   * How the checker page (`/check`) fetches a page given by its address: the harvest's PoliteFetcher policy
   * (robots.txt, per-host delay, limits). Loopback, private and other non-public addresses are refused unless
   * `allowPrivate` is true (`vivant serve --allow-private`: an intranet, or tests on 127.0.0.1).
   * @default { allowPrivate: false }
   */
  readonly checkFetch?: Partial<FetchPolicy>;
  /**
   * The CapData Culture ontology's namespace for /.well-known/capdata-export.rdf (`vivant serve --capdata-namespace`).
   * @default PROVISIONAL_CAPDATA_NAMESPACE (provisional: the ontology's own is unpublished)
   */
  readonly capdataNamespace?: string;
  /**
   * Federated search (`vivant serve --federate`): the other nodes `/api/federation/performances`, its facets and the
   * `/federation` page ask live, beside this node (src/dataspace/federation.ts). Only these URLs are contacted.
   */
  readonly federation?: ServerFederation;
}

/** The federation of a server: the other nodes, and the limits of each node's answer. */
export interface ServerFederation {
  /** Base URLs of the other nodes, or `{ url, token }` with your partner read token there (sent to that node only). */
  readonly nodes: readonly (string | FederatedNode)[];
  /** Time each node has to answer, in ms. @default 3000 */
  readonly timeoutMs?: number;
  /** Largest answer read from a node, in bytes. @default 8388608 */
  readonly maxBytes?: number;
  /** Contact loopback and private addresses (nodes on this machine or an intranet). @default false */
  readonly allowPrivate?: boolean;
}

const SD = "http://www.w3.org/ns/sparql-service-description#";
const FORMATS = "http://www.w3.org/ns/formats/";
const FORMAT_IRI: Readonly<Record<string, string>> = {
  "application/sparql-results+json": "SPARQL_Results_JSON",
  "application/sparql-results+xml": "SPARQL_Results_XML",
  "text/csv": "SPARQL_Results_CSV",
  "text/tab-separated-values": "SPARQL_Results_TSV",
  "text/turtle": "Turtle",
  "application/n-triples": "N-Triples",
  "application/n-quads": "N-Quads",
  "application/ld+json": "JSON-LD",
  "application/trig": "TriG",
  "application/rdf+xml": "RDF_XML",
};

/** Default of `ServerOptions.maxWriteBytes`. */
export const DEFAULT_MAX_WRITE_BYTES = 8 * 2 ** 20;

/** The port `vivant serve` and `VivantServer.start` listen on unless told (3030 is Apache Jena Fuseki's). */
export const DEFAULT_PORT = 8733;

/** A failure to listen, as a usage error that says what to change (not a stack trace). */
function listenError(e: NodeJS.ErrnoException, host: string, port: number): Error {
  switch (e.code) {
    case "EADDRINUSE":
      return new UsageError("serve/port-in-use", tx("serve/port-in-use", { port, host }), {
        hint: tx("serve/port-in-use.hint"),
        cause: e,
      });
    case "EACCES":
      return new UsageError("serve/no-permission", tx("serve/no-permission", { port, host }), {
        hint: tx("serve/no-permission.hint", { suggest: DEFAULT_PORT }),
        cause: e,
      });
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EADDRNOTAVAIL":
    case "EAI_NONAME":
    case "EINVAL":
      return new UsageError("serve/bad-host", tx("serve/bad-host", { host, reason: e.code }), {
        hint: tx("serve/bad-host.hint"),
        cause: e,
      });
    default:
      return e;
  }
}

/** A warning on the server's log, in its language. */
function logWarning(o: Pick<ServerOptions, "log" | "lang">, text: Text): void {
  const lang = o.lang ?? "en";
  o.log?.(t("server/warning", { detail: text[lang] }, lang));
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

/**
 * The HTTP server: SPARQL 1.1 Protocol and Graph Store Protocol, the typed API (`/api/performances`), the catalog,
 * dumps and change feeds, reconciliation and the pages, over one data directory (or a remote store).
 * @example
 * const server = await VivantServer.start({ dataDir: "./vivant-data", port: 0 });
 * console.log(server.url); // http://127.0.0.1:…/
 * await server.close();
 */
export class VivantServer {
  readonly #http: Server;
  readonly #o: ServerOptions;
  readonly pool: QueryBackend;
  readonly writer: WriteBackend;
  readonly tokens: TokenTable;
  readonly #tempDir: string | undefined;
  #writes: Promise<unknown> = Promise.resolve();
  readonly #lane = new WriteLane();
  #feeds: ChangeFeeds | undefined;
  readonly #spool = new SpoolStats();
  /** The other nodes searched live (`ServerOptions.federation`), when configured. */
  federation: Federation | undefined;
  /** e.g. `http://127.0.0.1:8733/` */
  readonly url: string;

  private constructor(
    http: Server,
    options: ServerOptions,
    pool: QueryBackend,
    writer: WriteBackend,
    tokens: TokenTable,
    tempDir: string | undefined,
    url: string,
  ) {
    this.#http = http;
    this.#o = options;
    this.pool = pool;
    this.writer = writer;
    this.tokens = tokens;
    this.#tempDir = tempDir;
    this.url = url;
  }

  /** Opens the data directory, starts the query workers (each loads the data), then listens. */
  static async start(options: ServerOptions = {}): Promise<VivantServer> {
    if (options.capdataNamespace !== undefined) capdataTerms(options.capdataNamespace); // refused at start, not at the first request
    if (options.federation) federatedNodes(options.federation.nodes); // a bad node URL or token: refused before anything starts
    const remote =
      options.store === undefined
        ? undefined
        : typeof options.store === "string"
          ? parseStoreUrl(options.store)
          : options.store;
    const tempDir = options.dataDir === undefined ? await mkdtemp(join(tmpdir(), "vivant-serve-")) : undefined;
    const dataDir = options.dataDir ?? tempDir!;
    let writer: WriteBackend | undefined;
    let pool: QueryBackend | undefined;
    try {
      if (remote) {
        // The remote store's SPARQL sees every graph it holds: a restricted graph there would be readable by anyone.
        if (options.tokens?.restrictedGraphs().size) {
          const list = [...options.tokens.restrictedGraphs().keys()].join(", ");
          throw new InputError(
            "server/remote-restricted",
            {
              en: `restricted graphs (share: in the tokens file) cannot be kept in a remote store: ${list}`,
              fr: `des graphes restreints (share: dans le fichier de jetons) ne peuvent pas être gardés dans un entrepôt distant : ${list}`,
            },
            {
              hint: {
                en: "serve restricted graphs from a data directory (--data DIR), or remove share: from their entries",
                fr: "servez les graphes restreints depuis un répertoire de données (--data DIR), ou retirez share: de leurs entrées",
              },
            },
          );
        }
        const store = await RemoteStore.open({
          ...remote,
          ...(options.queryLimits ? { queryLimits: options.queryLimits } : {}),
          onWarning: (_w, text) => logWarning(options, text),
        });
        writer = store;
        pool = await RemotePool.start({
          store,
          timeoutMs: options.queryTimeoutMs ?? 10_000,
          maxResultBytes: options.maxResultBytes ?? 64 * 2 ** 20,
          unionDefaultGraph: options.unionDefaultGraph ?? true,
          ...(options.queryLimits ? { queryLimits: options.queryLimits } : {}),
          ...(options.typedQuestions ? { typedQuestions: options.typedQuestions } : {}),
          ...(options.log ? { log: options.log } : {}),
          ...(options.lang ? { lang: options.lang } : {}),
        }).catch(async (e: unknown) => {
          await store.close();
          throw e;
        });
      } else writer = await GraphWriter.open(dataDir, (_w, text) => logWarning(options, text));
      // Spooled bodies and change feeds stay local (with a remote store: in --data DIR, else a temporary directory).
      await resetSpool(dataDir);
      pool ??= await QueryPool.start({
        dataDir,
        workers: options.workers ?? Math.max(1, Math.min(2, availableParallelism())),
        timeoutMs: options.queryTimeoutMs ?? 10_000,
        ...(options.lookupTimeoutMs !== undefined ? { lookupTimeoutMs: options.lookupTimeoutMs } : {}),
        ...(options.queryLimits ? { queryLimits: options.queryLimits } : {}),
        maxResultBytes: options.maxResultBytes ?? 64 * 2 ** 20,
        unionDefaultGraph: options.unionDefaultGraph ?? true,
        ...(options.log ? { log: options.log } : {}),
        ...(options.lang ? { lang: options.lang } : {}),
        // Restricted graphs are never loaded by the query workers: no query, typed question, aggregate or page sees them.
        ...(options.tokens?.restrictedGraphs().size ? { exclude: [...options.tokens.restrictedGraphs().keys()] } : {}),
      });
      const http = createServer();
      const port = options.port ?? DEFAULT_PORT;
      const hostName = options.host ?? "127.0.0.1";
      await new Promise<void>((resolve, reject) => {
        http.once("error", (e) => reject(listenError(e, hostName, port)));
        http.listen(port, hostName, () => resolve());
      });
      const address = http.address() as AddressInfo;
      const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
      const server = new VivantServer(
        http,
        options,
        pool,
        writer,
        options.tokens ?? new TokenTable(),
        tempDir,
        `http://${host}:${address.port}/`,
      );
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
      http.on("request", (req, res) => void server.#handle(req, res));
      return server;
    } catch (e) {
      await pool?.close();
      await writer?.close();
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
      throw e;
    }
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

  /** Whether the request's bearer may read a graph (src/server/auth.ts `canRead`). */
  #canRead(req: IncomingMessage, graphIri: string): boolean {
    return this.tokens.canRead(req.headers.authorization, graphIri);
  }

  /**
   * Replaces a graph without validating it (for trusted callers: tests, tools that validated already).
   * Resolves once it is on disk and every worker answers with it.
   */
  replaceGraph(graphIri: string, quads: Iterable<Quad>, meta: GraphMeta): Promise<GraphInfo> {
    return this.#serialised(() => this.#replace(graphIri, quads, meta));
  }

  deleteGraph(graphIri: string): Promise<boolean> {
    return this.#serialised(async () => {
      const before = this.writer.graph(graphIri);
      const existed = await this.writer.deleteGraph(graphIri);
      await this.pool.reload(graphIri);
      this.#reloads++;
      if (before) await removeDumps(this.#localDir, before).catch((e: unknown) => logWarning(this.#o, textOf(e)));
      if (before)
        await this.feeds.recordDelete(before).catch((e: unknown) =>
          logWarning(
            this.#o,
            txBy("server/feed-not-updated", (lang) => ({ graph: graphIri, detail: messageOf(e, lang) })),
          ),
        );
      return existed;
    });
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
    return this.#serialised(() => this.#prepareAndReplace(files, target, options));
  }

  /** Where a publisher's write goes, as the Graph Store and the publishing page both write it. */
  #gspTarget(grant: TokenGrant, licence: string | undefined): LoadTarget {
    const l = licence ?? this.writer.graph(grant.graphIri)?.licence ?? grant.licence;
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
  #gspPrepare(files: LoadFile[], grant: TokenGrant, licence: string | undefined): Promise<PreparedGraph> {
    return prepareGraph(files, this.#gspTarget(grant, licence), {
      known: (id) => this.writer.graphs().find((g) => g.publisherId === id),
    });
  }

  /** The publishing page's confirmation: the same serialised write path as a Graph Store PUT (write thread, fsync). */
  #gspLoad(
    files: LoadFile[],
    grant: TokenGrant,
    licence: string | undefined,
  ): Promise<{ prepared: PreparedWrite; info?: GraphInfo; created: boolean }> {
    return this.#gspWrite(files, grant, licence, false);
  }

  /**
   * The write path of the server: every change of a graph (GSP PUT, POST, DELETE; `load`, `replaceGraph`,
   * `deleteGraph`) runs inside this one serialised section, one at a time in arrival order, so that a POST's
   * read of the current graph, its merge, validation and replace see no other write in between.
   */
  #serialised<T>(fn: () => Promise<T>): Promise<T> {
    this.#waitingWrites++;
    const body = async (): Promise<T> => {
      this.#waitingWrites--;
      return fn();
    };
    const run = this.#writes.then(body, body);
    this.#writes = run.catch(() => undefined);
    return run;
  }

  /** The graphs' change feeds (DIR/feeds/). */
  get feeds(): ChangeFeeds {
    return (this.#feeds ??= new ChangeFeeds(this.#localDir, this.#o.feed ?? {}));
  }

  /**
   * Inside the serialised section, after a write is acknowledged on disk: appends its changes to the graph's feed. A
   * failure is logged; the feed's state is then unchanged, so the next write's diff carries these changes too.
   */
  async #recordChange(info: GraphInfo | undefined, change: EntityChange | undefined): Promise<void> {
    if (!info || !change) return;
    await this.feeds.record(info, change).catch((e: unknown) =>
      logWarning(
        this.#o,
        txBy("server/feed-not-updated", (lang) => ({ graph: info.graphIri, detail: messageOf(e, lang) })),
      ),
    );
  }

  /**
   * A graph written before the feeds existed (or whose feed was removed) gets one on first request: a Create of each
   * entity of its current version, inside the serialised section (no write in between).
   */
  async #ensureFeed(id: string): Promise<void> {
    const g = this.writer.graphs().find((x) => datasetId(x) === id);
    if (!g || (await this.feeds.state(id))?.graph === g.graphIri) return;
    await this.#serialised(async () => {
      const info = this.writer.graph(g.graphIri);
      if (!info || (await this.feeds.state(id))?.graph === g.graphIri) return;
      const quads = new Parser({ format: "application/n-triples" }).parse(await this.#graphText(g.graphIri));
      await this.#recordChange(info, diffEntities(quads, undefined));
    });
  }

  /** Where spooled bodies, change feeds and dumps are kept: the data directory (with a remote store: --data DIR, else a temporary one). */
  get #localDir(): string {
    return this.writer.dataDir ?? this.#o.dataDir ?? this.#tempDir!;
  }

  /** A graph's current content as N-Triples: read from its file, or from the remote store. */
  async #graphText(graphIri: string): Promise<string> {
    if (this.writer instanceof RemoteStore) return this.writer.graphNTriples(graphIri);
    return graphFileText((this.writer as GraphWriter).graphFile(graphIri));
  }

  /**
   * A graph's CapData Culture export (RDF/XML): written by a query worker from the graph's file (off the HTTP
   * thread, restricted graphs included: the worker reads the file, it does not query them); with a remote store,
   * here from its N-Triples.
   */
  #capdataExport(graphIri: string): Promise<string> {
    const namespace = this.#o.capdataNamespace;
    if (this.pool instanceof QueryPool && !(this.writer instanceof RemoteStore))
      return this.pool.capdata((this.writer as GraphWriter).graphFile(graphIri), graphIri, namespace);
    return this.#graphText(graphIri).then((nt) =>
      capdataOfNTriples(nt, { graphIri, ...(namespace !== undefined ? { namespace } : {}) }),
    );
  }

  /** What confirming a duplicate needs (src/server/same-as.ts): reads of the token's own graph, the Graph Store's merge. */
  readonly sameAs: SameAsContext = {
    describes: (g, e) => this.#graphHas(g, e, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
    says: (g, e, o) => this.#graphHas(g, e, "http://schema.org/sameAs", o),
    merge: (files, grant) => this.#gspWrite(files, grant, undefined, true),
  };

  /** Whether a graph has a triple `<s> <p> ?o` (with `o`, that object): a restricted graph, not in the query workers, from its file. */
  async #graphHas(graphIri: string, s: string, p: string, o?: string): Promise<boolean> {
    if (!this.writer.graph(graphIri)) return false;
    if (this.tokens.restrictedGraphs().has(graphIri)) {
      const quads = new Parser({ format: "application/n-triples" }).parse(await this.#graphText(graphIri));
      return quads.some(
        (q) => q.subject.value === s && q.predicate.value === p && (o === undefined || q.object.value === o),
      );
    }
    const filter = o === undefined ? "" : ` FILTER(?o = <${o}>)`;
    const r = await this.pool.select(`SELECT ?o WHERE { GRAPH <${graphIri}> { <${s}> <${p}> ?o${filter} } } LIMIT 1`, {
      unionDefaultGraph: false,
    });
    return r.bindings.length > 0;
  }

  #waitingWrites = 0;

  /**
   * Holds the write path: resolves, once the writes before it are done, to a function that lets writes go on again.
   * Meanwhile reads are answered and writes wait their turn (their bodies spooled to disk), e.g. for a consistent
   * copy of the data directory.
   */
  pauseWrites(): Promise<() => void> {
    return new Promise((held) => {
      void this.#serialised(() => new Promise<void>((release) => held(() => release())));
    });
  }

  /** Writes waiting for the write path, and the request bodies spooled to disk meanwhile (what `/health` reports). */
  get writeQueue(): { readonly waiting: number; readonly spooledBodies: number; readonly spooledBytes: number } {
    return { waiting: this.#waitingWrites, spooledBodies: this.#spool.waiting, spooledBytes: this.#spool.bytes };
  }

  /** Inside the serialised section: writes the file, then waits until every worker answers with it. */
  async #replace(graphIri: string, quads: Iterable<Quad>, meta: GraphMeta): Promise<GraphInfo> {
    const list = [...quads];
    const info = await this.writer.replaceGraph(graphIri, list, meta);
    await this.pool.reload(graphIri);
    this.#reloads++;
    await this.#recordChange(info, diffEntities(list, await this.feeds.digests(info)));
    return info;
  }

  /** Inside the serialised section: prepare (read, map, validate) and, only when valid, replace. */
  async #prepareAndReplace(
    files: readonly LoadFile[],
    target: LoadTarget,
    options: PrepareOptions = {},
  ): Promise<{ prepared: PreparedGraph; info?: GraphInfo }> {
    const into = {
      graphs: () => this.writer.graphs(),
      replaceGraph: (g: string, q: Iterable<Quad>, m: GraphMeta) => this.#replace(g, q, m),
    };
    const { prepared, written } = await ingest(files, target, into, options);
    return written ? { prepared, info: written } : { prepared };
  }

  /**
   * A Graph Store write of a publisher's graph (and the publishing page's confirmation): PUT replaces it with the body, POST merges the body into it. The
   * current graph is read from its file (the truth) inside the serialised section, so concurrent POSTs never lose one another.
   */
  #gspWrite(
    files: readonly WriteInput[],
    grant: TokenGrant,
    licence: string | undefined,
    merge: boolean,
  ): Promise<{ prepared: PreparedWrite; info?: GraphInfo; created: boolean }> {
    return this.#serialised(async () => {
      const existing = this.writer.graph(grant.graphIri);
      // Read, merged, mapped, validated, checked (ownership), serialised and encoded in the write thread; here only
      // the bytes are written and the query workers told, so a large upload never stalls the routing of queries.
      const previousDigests = await this.feeds.digests(grant);
      const { prepared, content, change } = await this.#lane
        .prepare({
          files,
          target: this.#gspTarget(grant, licence),
          graphs: this.writer.graphs(),
          version: (existing?.version ?? 0) + 1,
          ...(previousDigests ? { previousDigests } : {}),
          ...(merge && existing ? await this.writer.mergeSource(grant.graphIri) : {}),
        })
        .catch(ownershipAs422);
      if (!prepared.ok || !content) return { prepared, created: false };
      const info = await this.writer.replaceEncoded(prepared.graphIri, content, prepared.meta);
      await this.pool.reload(prepared.graphIri);
      this.#reloads++;
      await this.#recordChange(info, change);
      return { prepared, info, created: !existing };
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = this.#o.corsOrigin ?? "*";
    for (const [k, v] of Object.entries(corsHeaders(origin))) res.setHeader(k, v);
    try {
      const url = new URL(req.url ?? "/", this.url);
      if (req.method === "OPTIONS") {
        const posts =
          url.pathname === "/sparql" ||
          url.pathname === "/reconcile" ||
          url.pathname.startsWith("/reconcile/") ||
          url.pathname === "/duplicates/confirm";
        preflight(
          res,
          origin,
          url.pathname === "/graph-store"
            ? "GET, HEAD, PUT, POST, DELETE, OPTIONS"
            : posts
              ? "GET, HEAD, POST, OPTIONS"
              : "GET, HEAD, OPTIONS",
        );
        return;
      }
      const headers = {};
      switch (url.pathname) {
        case "/sparql":
          if (await handleWeb(req, res, url, this.#web)) return;
          await handleSparql(req, res, url, {
            pool: this.pool,
            maxBodyBytes: this.#maxBody,
            headers,
            describe: (q, s) => this.#describe(q, s),
          });
          return;
        case "/graph-store":
          if ((req.method === "GET" || req.method === "HEAD") && (await this.#restrictedGet(req, res, url))) return;
          await handleGsp(req, res, url, {
            pool: this.pool,
            tokens: this.tokens,
            maxBodyBytes: this.#maxBody,
            maxWriteBytes: this.#maxWrite,
            spool: this.#spoolOf,
            headers,
            graph: (g) => this.writer.graph(g),
            write: (f, g, l, m) => this.#gspWrite(f, g, l, m),
            remove: (g) => this.deleteGraph(g),
          });
          return;
        case "/duplicates/confirm":
          await handleConfirmApi(req, res, { ...this.sameAs, tokens: this.tokens, maxBodyBytes: this.#maxBody });
          return;
        case "/catalog":
          if (req.method !== "GET" && req.method !== "HEAD")
            throw new HttpError(405, "request/method", tx("request/catalog-read-only"), {
              headers: { Allow: "GET, HEAD, OPTIONS" },
            });
          await this.#catalog(req, res, url);
          return;
        case "/mcp":
          await this.#mcp(req, res);
          return;
        case "/health": {
          // Not ok (503) while a worker is being replaced: the other workers answer meanwhile, with fewer hands.
          const pool = this.pool.health();
          sendJson(res, pool.status === "ok" ? 200 : 503, {
            status: pool.status,
            workers: pool.workers,
            queued: pool.queued,
            graphs: this.publicGraphs().length,
            triples: this.publicGraphs().reduce((n, g) => n + g.triples, 0),
            quarantined: await this.#quarantined(),
            ...(pool.lastFailure ? { lastFailure: pool.lastFailure } : {}),
            ...(pool.warnings.length ? { warnings: pool.warnings } : {}),
            queries: this.pool.stats,
            writes: this.writeQueue,
          });
          return;
        }
        case "/":
          if (req.method !== "GET" && req.method !== "HEAD")
            throw new HttpError(405, "request/method", tx("request/method-here", { method: req.method }));
          if (await handleWeb(req, res, url, this.#web)) return;
          sendJson(res, 200, this.#index(), "application/json", { Vary: "Accept" });
          return;
        default:
          if (
            await handleReconcile(
              req,
              res,
              url,
              {
                source: this.pool,
                base: this.publicBase(req),
                version: this.#graphsKey(),
                maxBodyBytes: this.#maxBody,
              },
              this.#reconcile,
            )
          )
            return;
          if (await handleWeb(req, res, url, this.#web)) return;
          if (await handleFederation(req, res, url, this.federation)) return;
          if (url.pathname.startsWith("/api/") && (await handleApi(req, res, url, this.pool, headers))) return;
          if (url.pathname.startsWith("/feed/")) await this.#ensureFeed(url.pathname.split("/")[2] ?? "");
          // A deleted graph's feed stays readable: its last page says that every entity was deleted (a restricted one, to its readers).
          // A deleted graph's feed stays readable: its last page says that every entity was deleted.
          if (
            await handleFeed(req, res, url, {
              feeds: this.feeds,
              base: this.publicBase(req),
              readable: (g) => this.#canRead(req, g),
              private: (g) => this.tokens.restrictedGraphs().has(g),
            })
          )
            return;
          if (
            await handleCapData(req, res, url, {
              graphs: () => this.writer.graphs(),
              readable: (g) => this.#canRead(req, g),
              restricted: (g) => this.tokens.restrictedGraphs().has(g),
              export: (g) => this.#capdataExport(g),
              ...(this.#o.capdataNamespace !== undefined ? { namespace: this.#o.capdataNamespace } : {}),
            })
          )
            return;
          if (
            await handleDumps(req, res, url, {
              dataDir: this.#localDir,
              ensure: () => this.ensureDumps(),
              readable: (m) =>
                m.id === "all" || (this.writer.graph(m.graph) !== undefined && this.#canRead(req, m.graph)),
              private: (m) => this.tokens.restrictedGraphs().has(m.graph),
              base: this.publicBase(req),
            })
          )
            return;
          throw new HttpError(404, "request/not-found", tx("http/not-found", { path: url.pathname }), {
            hint: tx("http/not-found.hint"),
          });
      }
    } catch (e) {
      sendError(res, e);
    }
  }

  /** Model Context Protocol over streamable HTTP, stateless: a server and a transport per request, on the query pool. */
  async #mcp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let mcp: Awaited<ReturnType<typeof loadMcp>>;
    try {
      mcp = await loadMcp();
    } catch (e) {
      if (!isUsageError(e) || e.code !== "mcp/sdk-missing") throw e;
      throw new HttpError(501, "mcp/sdk-missing", e.text, { hint: e.hintText ?? e.text });
    }
    const { StreamableHTTPServerTransport, vivantMcpServer } = mcp;
    let body: unknown;
    if (req.method === "POST") {
      const text = await readBody(req, this.#maxBody);
      try {
        body = JSON.parse(text);
      } catch (e) {
        throw new HttpError(400, "mcp/json", tx("mcp/json", { detail: (e as Error).message }), {
          hint: tx("mcp/json.hint"),
        });
      }
    }
    const server = vivantMcpServer(this.pool);
    const transport = new StreamableHTTPServerTransport({ enableJsonResponse: true }); // no sessionIdGenerator: stateless;
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  readonly #reconcile = new ReconcileIndexes();

  /** Graph changes the query workers have all taken in (counted after each reload resolves). */
  #reloads = 0;

  /**
   * Changes whenever a graph is written or removed, and again once every worker answers with it (what the
   * reconciliation index is kept for: an index read between the write and the reload is not kept past it).
   */
  #graphsKey(): string {
    return `${this.#reloads}\n${this.writer
      .graphs()
      .map((g) => `${g.graphIri} ${g.version}`)
      .join("\n")}`;
  }

  readonly #sessions = new PublishSessions();
  #checkFetcher: CheckFetcher | undefined;

  get #web(): WebContext {
    this.#checkFetcher ??= new CheckFetcher(this.#o.checkFetch);
    return {
      pool: this.pool,
      base: this.url,
      graphs: () => this.publicGraphs(),
      sessions: this.#sessions,
      fetcher: this.#checkFetcher,
      ...(this.federation ? { federation: this.federation } : {}),
      publish: {
        tokens: this.tokens,
        graphs: () => this.publicGraphs(),
        maxBytes: Math.min(this.#maxBody, this.#maxWrite),
        prepare: (f, g, l) => this.#gspPrepare(f, g, l),
        publish: (f, g, l) => this.#gspLoad(f, g, l),
      },
      duplicates: (lang) => this.#duplicates(lang),
      confirmSameAs: (g, e, s) => confirmSameAs(this.sameAs, g, e, s),
    };
  }

  #duplicatesCache: { key: string; value: Promise<DuplicateReport & { entities: number }> } | undefined;

  /** The probable duplicates of the public graphs, found once per set of graph versions (and language of the features). */
  #duplicates(lang: Lang): Promise<DuplicateReport & { entities: number }> {
    const key = `${lang} ${this.#graphsKey()}`;
    if (this.#duplicatesCache?.key !== key) {
      const value = this.#reconcile
        .get(this.pool, this.#graphsKey())
        .then((index) => ({ ...findDuplicates(index, { minScore: MIN_LISTED, lang }), entities: index.size.entities }));
      this.#duplicatesCache = { key, value };
      value.catch(() => {
        if (this.#duplicatesCache?.value === value) this.#duplicatesCache = undefined;
      });
    }
    return this.#duplicatesCache.value;
  }

  /** Files of the data directory moved aside as unreadable (`quarantine/`), newest last. */
  async #quarantined(): Promise<string[]> {
    if (this.writer.dataDir === undefined) return [];
    try {
      return (await readdir(join(this.writer.dataDir, "quarantine"))).sort();
    } catch {
      return [];
    }
  }

  get #maxBody(): number {
    return this.#o.maxBodyBytes ?? 32 * 2 ** 20;
  }

  get #maxWrite(): number {
    return this.#o.maxWriteBytes ?? DEFAULT_MAX_WRITE_BYTES;
  }

  get #spoolOf(): { dir: string; stats: SpoolStats } {
    return { dir: spoolDir(this.#localDir), stats: this.#spool };
  }

  #index(): Record<string, unknown> {
    return {
      name: "Vivant: live-performance programming as linked open data",
      sparql: this.sparqlEndpoint,
      graphStore: `${this.graphStoreEndpoint}?graph={graph IRI}`,
      catalog: `${this.url}catalog`,
      reconcile: `${this.url}reconcile`,
      api: {
        performances: `${this.url}api/performances{?from,to,city,region,near,genre,type,venue,performer,lang,accessibility,free,maxPrice,q,tz,limit,cursor}`,
        calendar: `${this.url}api/performances.ics{?…filters,production,series}`,
        facets: `${this.url}api/performances/facets{?facet,…filters}`,
        stats: `${this.url}api/stats{?…filters}`,
        ...(this.federation
          ? {
              federation: {
                performances: `${this.url}api/federation/performances{?…filters,limit,cursor}`,
                facets: `${this.url}api/federation/performances/facets{?facet,…filters}`,
                page: `${this.url}federation`,
                nodes: this.federation.nodes.map((n) => n.url),
              },
            }
          : {}),
      },
      graphs: this.publicGraphs().map((g) => ({
        graph: g.graphIri,
        publisher: g.publisherId,
        licence: g.licenceIri,
        modified: g.modified,
        triples: g.triples,
      })),
    };
  }

  /**
   * The server's address as the client reached it: `X-Forwarded-Proto` and `X-Forwarded-Host` (first values) when a
   * proxy sets them, else the `Host` header, else the address it listens on. A malformed host is ignored.
   */
  publicBase(req: IncomingMessage): string {
    const first = (h: string | string[] | undefined): string | undefined =>
      (Array.isArray(h) ? h[0] : h)?.split(",")[0]?.trim() || undefined;
    const host = [first(req.headers["x-forwarded-host"]), req.headers.host].find(
      (h) => h !== undefined && /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(h),
    );
    if (host === undefined) return this.url;
    const proto = first(req.headers["x-forwarded-proto"])?.toLowerCase();
    return `${proto === "https" || proto === "http" ? proto : "http"}://${host}/`;
  }

  /** The SPARQL 1.1 Service Description of the endpoint (at `base`, default the address it listens on). */
  serviceDescription(base: string = this.url): Quad[] {
    const { namedNode: n, blankNode: b, literal, quad } = DataFactory;
    const out: Quad[] = [];
    const add = (s: Quad["subject"], p: string, o: Quad["object"]): void => void out.push(quad(s, n(p), o));
    const endpoint = `${base}sparql`;
    const service = n(`${endpoint}#service`);
    const type = n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    out.push(quad(service, type, n(`${SD}Service`)));
    add(service, `${SD}endpoint`, n(endpoint));
    // The node's DCAT-AP catalog (datasets, distributions, policies).
    add(service, "http://www.w3.org/2000/01/rdf-schema#seeAlso", n(`${base}catalog`));
    add(service, `${SD}supportedLanguage`, n(`${SD}SPARQL11Query`));
    for (const f of [...RESULTS_OFFERS, ...GRAPH_OFFERS])
      add(service, `${SD}resultFormat`, n(`${FORMATS}${FORMAT_IRI[f]}`));
    if (this.#o.unionDefaultGraph ?? true) add(service, `${SD}feature`, n(`${SD}UnionDefaultGraph`));
    const dataset = b("dataset");
    add(service, `${SD}defaultDataset`, dataset);
    add(dataset, type.value, n(`${SD}Dataset`));
    const dflt = b("default");
    add(dataset, `${SD}defaultGraph`, dflt);
    add(dflt, type.value, n(`${SD}Graph`));
    for (const g of [{ graphIri: CATALOG_GRAPH, triples: undefined as number | undefined }, ...this.publicGraphs()]) {
      const ng = b();
      add(dataset, `${SD}namedGraph`, ng);
      add(ng, type.value, n(`${SD}NamedGraph`));
      add(ng, `${SD}name`, n(g.graphIri));
      if (g.triples !== undefined) {
        const graph = b();
        add(ng, `${SD}graph`, graph);
        add(graph, type.value, n(`${SD}Graph`));
        add(
          graph,
          "http://rdfs.org/ns/void#triples",
          literal(String(g.triples), n("http://www.w3.org/2001/XMLSchema#integer")),
        );
      }
    }
    return out;
  }

  #coverage: { key: string; value: Promise<Map<string, DatasetCoverage>> } | undefined;

  /** The graphs' coverage (performances' dates, venues' regions), computed once per set of graph versions. */
  #coverageOf(graphs: readonly GraphInfo[]): Promise<Map<string, DatasetCoverage>> {
    const key = graphs.map((g) => `${g.graphIri} ${g.version}`).join("\n");
    if (this.#coverage?.key !== key) {
      const value = datasetCoverage(this.pool);
      this.#coverage = { key, value };
      value.catch(() => {
        if (this.#coverage?.value === value) this.#coverage = undefined;
      });
    }
    return this.#coverage.value;
  }

  #dumps: { key: string; value: Promise<void> } | undefined;

  /**
   * Makes the dumps of every graph's current version and of the whole server, once per set of versions (one job at
   * a time; a version dumped already is not written again). A failure (a full disk) is logged, never thrown.
   */
  ensureDumps(): Promise<void> {
    // Dumps are made from the data directory's graph files: none with a remote store (the catalog then lists none).
    if (!(this.writer instanceof GraphWriter)) return Promise.resolve();
    const graphs = this.writer.graphs();
    const key = graphs.map((g) => `${g.graphIri} ${g.version}`).join("\n");
    if (this.#dumps?.key === key) return this.#dumps.value;
    const previous = this.#dumps?.value ?? Promise.resolve();
    const dataDir = this.#localDir;
    const value = previous.then(async () => {
      try {
        for (const g of graphs) await dumpGraph(dataDir, g.graphIri);
        // The whole server's dump holds the public graphs only.
        const restricted = this.tokens.restrictedGraphs();
        await dumpAll(
          dataDir,
          (info) => !restricted.has(info.graphIri) && graphs.some((g) => g.graphIri === info.graphIri),
        );
      } catch (e) {
        logWarning(
          this.#o,
          txBy("server/dumps-not-made", (lang) => ({ detail: messageOf(e, lang) })),
        );
        if (this.#dumps?.value === value) this.#dumps = undefined;
      }
    });
    this.#dumps = { key, value };
    return value;
  }

  /** The node's DCAT-AP catalog (with ODRL policies) at its public address, in the negotiated format. */
  async catalogQuads(
    base: string = this.url,
    canRead: (graphIri: string) => boolean = (g) => !this.tokens.restrictedGraphs().has(g),
  ): Promise<Quad[]> {
    const graphs = this.writer.graphs();
    await this.ensureDumps();
    const dumps = new Map(
      (await readManifests(this.#localDir)).map((m) => [
        m.graph,
        m.files.filter((f) => f.version === m.files[0]?.version),
      ]),
    );
    const restricted = this.tokens.restrictedGraphs();
    return dcatCatalog({
      base,
      graphs,
      coverage: await this.#coverageOf(graphs),
      dumps,
      feeds: true,
      canRead,
      access: (g) => (restricted.has(g) ? { public: false, partners: restricted.get(g)! } : { public: true }),
    });
  }

  /**
   * Graph Store GET of a restricted graph (the query workers do not hold it): 404 to whoever may not read it (as for
   * a graph that does not exist), else the graph read from its file. False when the graph is not restricted.
   */
  async #restrictedGet(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const graphIri = url.searchParams.get("graph");
    if (
      graphIri === null ||
      url.searchParams.getAll("graph").length !== 1 ||
      !this.tokens.restrictedGraphs().has(graphIri)
    )
      return false;
    if (!this.#canRead(req, graphIri) || !this.writer.graph(graphIri))
      throw new HttpError(404, "gsp/no-graph", tx("gsp/no-graph", { graph: graphIri }), {
        hint: tx("gsp/no-graph.hint"),
      });
    const offers = [
      "application/n-triples",
      "text/turtle",
      "application/n-quads",
      "application/ld+json",
      "application/rdf+xml",
    ];
    const type = negotiate(req.headers.accept, offers, GRAPH_ALIASES);
    if (!type)
      throw new HttpError(406, "request/not-acceptable", tx("gsp/not-acceptable", { accept: req.headers.accept }), {
        hint: tx("request/accept-one-of", { list: offers.join(", ") }),
      });
    const text = await this.#graphText(graphIri);
    const quads = type === "application/n-triples" ? [] : new Parser({ format: "application/n-triples" }).parse(text);
    const body =
      type === "application/n-triples"
        ? text
        : type === "application/ld+json"
          ? JSON.stringify(await quadsToJsonLd(quads))
          : type === "application/rdf+xml"
            ? serializeTriples(quads, "application/rdf+xml")
            : type === "application/n-quads"
              ? await serializeRdf(
                  quads.map(
                    (q) => DataFactory.quad(q.subject, q.predicate, q.object, DataFactory.namedNode(graphIri)) as Quad,
                  ),
                  "nquads",
                )
              : await serializeRdf(quads, "turtle");
    send(res, 200, type, body, { "Cache-Control": "private, no-store", Vary: "Authorization, Accept" });
    return true;
  }

  async #catalog(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const offers = ["text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples"];
    const formats = [...url.searchParams.getAll("format"), ...url.searchParams.getAll("output")];
    const type = chooseMediaType(formats, req.headers.accept, offers, GRAPH_ALIASES, GRAPH_FORMAT_NAMES);
    if (!type)
      throw new HttpError(406, "request/not-acceptable", tx("catalog/not-acceptable"), {
        hint: tx("request/accept-one-of", { list: offers.join(", ") }),
        headers: { Vary: "Accept" },
      });
    const quads = await this.catalogQuads(this.publicBase(req), (g) => this.#canRead(req, g));
    const body =
      type === "application/ld+json"
        ? JSON.stringify(await compactJsonLd(await quadsToJsonLd(quads), { ...CATALOG_PREFIXES } as never))
        : type === "application/rdf+xml"
          ? serializeTriples(quads, "application/rdf+xml")
          : await serializeRdf(quads, type === "text/turtle" ? "turtle" : "ntriples", CATALOG_PREFIXES);
    send(res, 200, type, body, { Vary: "Accept" });
  }

  async #describe(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const offers = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"];
    const formats = [...url.searchParams.getAll("format"), ...url.searchParams.getAll("output")];
    const type = chooseMediaType(formats, req.headers.accept, offers, GRAPH_ALIASES, GRAPH_FORMAT_NAMES);
    if (!type)
      throw new HttpError(406, "request/not-acceptable", tx("sparql/description-not-acceptable"), {
        hint: tx("request/accept-one-of", { list: offers.join(", ") }),
      });
    const quads = this.serviceDescription(this.publicBase(req));
    const body =
      type === "application/ld+json"
        ? JSON.stringify(await quadsToJsonLd(quads))
        : type === "application/rdf+xml"
          ? serializeTriples(quads, "application/rdf+xml")
          : await serializeRdf(quads, type === "text/turtle" ? "turtle" : "ntriples", { sd: SD });
    send(res, 200, type, body);
  }

  /** Stops listening, ends the workers, releases the data directory (and removes a temporary one). */
  async close(): Promise<void> {
    this.#http.closeAllConnections?.();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
    await this.#writes;
    await this.#dumps?.value;
    await this.#checkFetcher?.close();
    await this.federation?.close();
    await this.#lane.close();
    await this.pool.close();
    await rm(spoolDir(this.#localDir), { recursive: true, force: true });
    await this.writer.close();
    if (this.#tempDir) await rm(this.#tempDir, { recursive: true, force: true });
  }
}
