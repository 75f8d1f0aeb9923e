// A remote store's options (`--store`): the SPARQL and Graph Store endpoints, time limit, connections.

import { UsageError, type Warn } from "../errors.js";
import { tx } from "../i18n.js";
import type { QueryLimits } from "./sparql-limits.js";

export interface RemoteStoreOptions {
  /**
   * The store's SPARQL 1.1 Protocol endpoint (queries and updates).
   * @example "http://127.0.0.1:8890/sparql"
   */
  readonly endpoint: string;
  /**
   * Its Graph Store Protocol endpoint (graph loads, `?graph=`).
   * @default the endpoint's origin + `/sparql-graph-crud` (Virtuoso's)
   */
  readonly graphStore?: string;
  /**
   * Time limit of one request to the store, in ms.
   * @default 60000
   */
  readonly timeoutMs?: number;
  /** Queries deeper or larger than these are refused before the store sees them. */
  readonly queryLimits?: QueryLimits;
  /** Called when something found at open was repaired (e.g. physical graphs of an interrupted write dropped). */
  readonly onWarning?: Warn;
  /**
   * Concurrent connections to the store.
   * @default 16
   */
  readonly connections?: number;
}

/** Parses a `--store` value: an http(s) URL of a SPARQL endpoint, optionally `…#gsp=<Graph Store URL>`. */
export function parseStoreUrl(value: string): RemoteStoreOptions {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError("store/bad-url", tx("store/bad-url", { value: JSON.stringify(value) }), {
      hint: tx("store/bad-url.hint"),
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError("store/bad-url", tx("store/bad-scheme", { value }), { hint: tx("store/bad-url.hint") });
  }
  const gsp = new URLSearchParams(url.hash.slice(1)).get("gsp");
  url.hash = "";
  return { endpoint: url.href, ...(gsp ? { graphStore: gsp } : {}) };
}
