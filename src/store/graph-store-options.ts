// The options of the embedded GraphStore: opening it (data directory, replica, limits, shared ownership memo,
// excluded graphs) and replacing a graph.

import type { Warn } from "../errors.js";
import type { QueryLimits } from "./sparql-limits.js";
import type { ProgressListener } from "./types.js";

export interface OpenOptions {
  /**
   * Directory that keeps the graphs across restarts (created if missing). Without it the store lives in memory only.
   * @example "./data"
   */
  readonly dataDir?: string;
  /**
   * Open the data directory as a read-only replica: no lock is taken and nothing is written
   * (the server's query workers use this; `reloadGraph` picks up what the writer wrote).
   * @default false
   */
  readonly readOnly?: boolean;
  /** Called while the graphs of the data directory are loaded at open. */
  readonly onProgress?: ProgressListener;
  /** Called when a file of the data directory cannot be used (it is moved to `quarantine/`, or skipped when read-only). */
  readonly onWarning?: Warn;
  /**
   * Queries deeper or larger than these are refused with `sparql/too-complex` before Oxigraph sees them
   * (a deeper query could break the WebAssembly store: see `QueryLimits`).
   */
  readonly queryLimits?: QueryLimits;
  /**
   * Graph files already found to hold no statement about another graph's resources, shared between stores (the
   * server's query workers): file path → the check's key (the file's device, inode, size and modification time,
   * and a digest of the other graphs' namespaces). A file whose key matches is loaded without scanning it again;
   * the store adds the files it scans and finds clean. A file with such statements is scanned (and reported) each time.
   */
  readonly ownershipChecked?: Map<string, string>;
  /**
   * Graphs never loaded (and dropped on reload): the server's restricted graphs, so that no query, typed question,
   * aggregate or page answered from this store can see them. Their publishers' namespaces still count for ownership.
   */
  readonly exclude?: readonly string[];
}

export interface ReplaceOptions {
  /** Called after each batch of ~100k triples loaded. */
  readonly onProgress?: ProgressListener;
}
