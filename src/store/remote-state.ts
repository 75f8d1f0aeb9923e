// Vivant's state records in the remote store: the catalog's pointer (every publisher graph with its physical graph),
// written as one INSERT DATA per switch, read back at open; and the clean-up of what no state points to.

import { randomUUID } from "node:crypto";
import type { Warn } from "../errors.js";
import { tx } from "../i18n.js";
import { catalogQuads } from "./catalog.js";
import { quadsToNTriples } from "./ntriples.js";
import type { RemoteClient } from "./remote-client.js";
import type { GraphInfo } from "./types.js";

/** The graph of Vivant's state records in the remote store (the catalog's pointers). */
export const STATE_GRAPH = "urn:vivant:internal:state";
const STATE = "https://vivant.dev/ns/state#";
export const CATALOG_PREFIX = "urn:vivant:catalog:";

/** One moment of the catalog: every publisher graph with its physical graph, and the catalog's physical graph. */
export interface State {
  readonly seq: number;
  readonly catalog: string;
  readonly graphs: readonly { readonly info: GraphInfo; readonly physical: string }[];
}

/** The state records in the store: the latest one, and how many there are. */
export async function readStates(client: RemoteClient): Promise<{ best: State | undefined; records: number }> {
  const rows = await client.select(
    `SELECT ?seq ?json FROM <${STATE_GRAPH}> WHERE { ?s <${STATE}seq> ?seq ; <${STATE}json> ?json }`,
  );
  let best: State | undefined;
  for (const b of rows.bindings) {
    const seq = Number(b.seq!.value);
    if (best === undefined || seq > best.seq) best = { ...(JSON.parse(b.json!.value) as Omit<State, "seq">), seq };
  }
  return { best, records: rows.bindings.length };
}

/** Writes the catalog of `graphs` under a new name and a new state record after `seq` pointing to it (the switch). */
export async function commitState(client: RemoteClient, seq: number, graphs: State["graphs"]): Promise<State> {
  const catalog = `${CATALOG_PREFIX}${randomUUID()}`;
  const cat = quadsToNTriples(catalogQuads(graphs.map((g) => g.info)), "c");
  for (const c of [...cat.chunks, cat.bnodeChunk]) if (c) await client.post(catalog, c);
  const next = seq + 1;
  const json = JSON.stringify({ catalog, graphs });
  const s = `urn:vivant:state:${next}`;
  await client.update(
    `INSERT DATA { GRAPH <${STATE_GRAPH}> { <${s}> <${STATE}seq> ${next} ; <${STATE}json> ${JSON.stringify(json)} } }`,
  );
  return { seq: next, catalog, graphs };
}

/** The update that deletes the state records older than `seq`. */
export function olderStatesDeletion(seq: number): string {
  return `DELETE { GRAPH <${STATE_GRAPH}> { ?s ?p ?o } } WHERE { GRAPH <${STATE_GRAPH}> { ?s <${STATE}seq> ?seq ; ?p ?o FILTER(?seq < ${seq}) } }`;
}

/** Drops the physical graphs `state` does not point to: left by a write interrupted before its switch, or a drop not done. */
export async function dropOrphans(client: RemoteClient, state: State, onWarning: Warn | undefined): Promise<void> {
  const listed = await client.select(
    `SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "urn:vivant:")) }`,
  );
  const live = new Set([state.catalog, ...state.graphs.map((g) => g.physical), STATE_GRAPH]);
  const orphans = listed.bindings.map((b) => b.g!.value).filter((g) => !live.has(g));
  for (const g of orphans) await client.update(`DROP SILENT GRAPH <${g}>`);
  if (orphans.length) {
    const text = tx("store/orphans-dropped", { count: orphans.length });
    onWarning?.(text.en, text);
  }
}
