// The one place harvest and import reach the store and the validator, so that loading stays a thin
// seam: quads in, one publisher graph replaced whole, or an error that says what is missing.

import type { Quad } from "@rdfjs/types";
import { InputError } from "../errors.js";

/** What harvest and import need from a graph store. */
export interface GraphTarget {
  replaceGraph(graphIri: string, quads: readonly Quad[], meta: GraphMeta): unknown;
}

export interface GraphMeta {
  /** Licence key or IRI of the data. */
  readonly licence: string;
  /** When the data was taken, ISO 8601. */
  readonly modified: string;
  /** Where it came from: harvested page URLs or the imported file. */
  readonly source?: string;
  readonly publisherName?: string;
}

interface StoreModule {
  GraphStore: { open(options: { dataDir?: string }): Promise<GraphTarget & { close?(): unknown; free?(): unknown }> | (GraphTarget & { close?(): unknown; free?(): unknown }) };
}

/**
 * Replaces one publisher graph in the store kept in `dataDir`. The graph is written whole or not
 * at all (the store's replaceGraph), so a failed harvest never leaves half a graph.
 */
export async function loadGraph(dataDir: string, graphIri: string, quads: readonly Quad[], meta: GraphMeta): Promise<void> {
  // Resolved at run time: the store is another module of the package, absent from some builds.
  const specifier = "../store/index.js";
  let mod: Partial<StoreModule>;
  try {
    mod = (await import(specifier)) as Partial<StoreModule>;
  } catch (e) {
    throw new InputError("store/unavailable", `the graph store module cannot be loaded: ${(e as Error).message}`, {
      hint: "write the output with -o and load it with the store's own command", cause: e,
    });
  }
  if (!mod.GraphStore?.open) throw new InputError("store/unavailable", "the graph store module has no GraphStore.open", { hint: "write the output with -o instead" });
  const store = await mod.GraphStore.open({ dataDir });
  try {
    await store.replaceGraph(graphIri, quads, meta);
  } finally {
    await (store.close?.() ?? store.free?.());
  }
}
