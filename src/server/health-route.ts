// /health: the query workers' state (503 while one is being replaced), the public graphs' size, the files moved
// aside as unreadable, the queries' statistics and the write queue.

import { readdir } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { join } from "node:path";
import type { GraphInfo } from "../store/types.js";
import type { QueryBackend } from "./backend.js";
import { sendJson } from "./http-util.js";

/** What /health reports on. */
export interface HealthContext {
  readonly pool: QueryBackend;
  /** The data directory, absent with a remote store. */
  readonly dataDir: string | undefined;
  readonly publicGraphs: () => GraphInfo[];
  readonly writeQueue: () => unknown;
}

/** Files of the data directory moved aside as unreadable (`quarantine/`), newest last. */
async function quarantined(dataDir: string | undefined): Promise<string[]> {
  if (dataDir === undefined) return [];
  try {
    return (await readdir(join(dataDir, "quarantine"))).sort();
  } catch {
    return [];
  }
}

export async function handleHealth(res: ServerResponse, c: HealthContext): Promise<void> {
  // Not ok (503) while a worker is being replaced: the other workers answer meanwhile, with fewer hands.
  const pool = c.pool.health();
  sendJson(res, pool.status === "ok" ? 200 : 503, {
    status: pool.status,
    workers: pool.workers,
    queued: pool.queued,
    graphs: c.publicGraphs().length,
    triples: c.publicGraphs().reduce((n, g) => n + g.triples, 0),
    quarantined: await quarantined(c.dataDir),
    ...(pool.lastFailure ? { lastFailure: pool.lastFailure } : {}),
    ...(pool.warnings.length ? { warnings: pool.warnings } : {}),
    queries: c.pool.stats,
    writes: c.writeQueue(),
  });
}
