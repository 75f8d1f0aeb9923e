// What a server is started with: ServerOptions (and its federation part), the defaults quoted there, and the
// warnings written to the server's log in its language.

import type { Lang, Text } from "../errors.js";
import type { FeedOptions } from "../dataspace/feed.js";
import type { FederatedNode } from "../dataspace/federation.js";
import type { FetchPolicy } from "../harvest/fetch.js";
import { t } from "../i18n.js";
import type { QueryLimits } from "../store/sparql-limits.js";
import type { RemoteStoreOptions } from "../store/remote.js";
import type { TokenTable } from "./auth.js";

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

/** Default of `ServerOptions.maxWriteBytes`. */
export const DEFAULT_MAX_WRITE_BYTES = 8 * 2 ** 20;

/** The port `vivant serve` and `VivantServer.start` listen on unless told (3030 is Apache Jena Fuseki's). */
export const DEFAULT_PORT = 8733;

/** A warning on the server's log, in its language. */
export function logWarning(o: Pick<ServerOptions, "log" | "lang">, text: Text): void {
  const lang = o.lang ?? "en";
  o.log?.(t("server/warning", { detail: text[lang] }, lang));
}
