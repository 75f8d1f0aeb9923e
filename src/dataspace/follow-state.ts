// A follower's memory, in its data directory: DIR/follow/state.json (per followed dataset: where it comes from, the
// licence and version copied, the change feed's position) and DIR/follow/provenance.jsonld (PROV-O: each local graph
// prov:wasDerivedFrom its source dataset, with the node, version and fetch time). Both are written atomically
// (write to a temporary file, fsync, rename), the state always after the graph it describes: after a crash between
// the two, the next run replays the feed from the older position, and replaying is harmless (each activity carries
// its entity's whole state), so nothing is lost and nothing is duplicated.

import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeBytesAtomically } from "./dump-io.js";

/** Where the follower is in a dataset's change feed. */
export interface FeedPosition {
  /** The feed collection's URL. */
  readonly url: string;
  /** The page holding the next activity. */
  readonly page: string;
  /** The position of the next activity (activities before it are in the local copy). */
  readonly nextSeq: number;
  /** The collection's ETag when last read (If-None-Match: a 304 says nothing changed). */
  readonly etag?: string;
}

/** What the follower knows of one followed dataset. */
export interface FollowedDataset {
  /** The catalog the dataset was found in. */
  readonly catalog: string;
  readonly dataset: string;
  readonly graph: string;
  readonly publisherId: string;
  readonly licence: string;
  /** The source's version when last copied or updated. */
  readonly version?: number;
  /** When the local copy was last brought up to date (ISO 8601). */
  readonly fetchedAt: string;
  /** The local graph's version after that. */
  readonly localVersion: number;
  readonly feed?: FeedPosition;
}

export interface FollowState {
  readonly format: 1;
  /** By key `catalog URL` + space + graph IRI. */
  readonly datasets: Record<string, FollowedDataset>;
}

export const followDir = (dataDir: string): string => join(dataDir, "follow");
export const stateKey = (catalog: string, graph: string): string => `${catalog} ${graph}`;

/** Reads the state (a fresh one when there is none). A state file that cannot be read is an error, never ignored. */
export async function readFollowState(dataDir: string): Promise<FollowState> {
  let text: string;
  try {
    text = await readFile(join(followDir(dataDir), "state.json"), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { format: 1, datasets: {} };
    throw e;
  }
  const s = JSON.parse(text) as FollowState;
  if (s.format !== 1 || typeof s.datasets !== "object" || s.datasets === null)
    throw new Error(`${join(followDir(dataDir), "state.json")}: not a follower state (format 1)`);
  return s;
}

/** The provenance of every followed graph, as PROV-O in JSON-LD. */
export function provenanceJsonLd(state: FollowState): Record<string, unknown> {
  return {
    "@context": {
      prov: "http://www.w3.org/ns/prov#",
      dcat: "http://www.w3.org/ns/dcat#",
      dct: "http://purl.org/dc/terms/",
      xsd: "http://www.w3.org/2001/XMLSchema#",
      vivant: "https://vivant.dev/ns#",
      derivedFrom: { "@id": "prov:wasDerivedFrom", "@type": "@id" },
      generatedAt: { "@id": "prov:generatedAtTime", "@type": "xsd:dateTime" },
      catalog: { "@id": "vivant:sourceCatalog", "@type": "@id" },
      licence: { "@id": "dct:license", "@type": "@id" },
      version: "dcat:version",
      sourceVersion: "vivant:sourceVersion",
    },
    "@graph": Object.values(state.datasets)
      .sort((a, b) => (a.graph < b.graph ? -1 : 1))
      .map((d) => ({
        "@id": d.graph,
        "@type": "prov:Entity",
        derivedFrom: d.dataset,
        catalog: d.catalog,
        generatedAt: d.fetchedAt,
        licence: d.licence,
        version: String(d.localVersion),
        ...(d.version !== undefined ? { sourceVersion: d.version } : {}),
      })),
  };
}

/** Saves the state and the provenance, atomically, one save at a time. */
export class StateWriter {
  readonly #dataDir: string;
  #chain: Promise<unknown> = Promise.resolve();
  constructor(dataDir: string) {
    this.#dataDir = dataDir;
  }

  save(state: FollowState): Promise<void> {
    const snapshot = JSON.stringify(state, null, 2);
    const prov = JSON.stringify(provenanceJsonLd(state), null, 2);
    const run = this.#chain.then(async () => {
      const dir = followDir(this.#dataDir);
      await mkdir(dir, { recursive: true });
      await writeBytesAtomically(dir, "state.json", Buffer.from(`${snapshot}\n`, "utf8"));
      await writeBytesAtomically(dir, "provenance.jsonld", Buffer.from(`${prov}\n`, "utf8"));
    });
    this.#chain = run.catch(() => undefined);
    return run;
  }
}
