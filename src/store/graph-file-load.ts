// Loading a graph file into the embedded store under the ownership rule: statements about other graphs' resources
// left out and reported, the files found clean remembered (not scanned again), and the clean-up of the other graphs
// when a graph's namespaces grow.

import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import type { Warn } from "../errors.js";
import { pluralText, tx } from "../i18n.js";
import { readGraphFileSync, type FileHeader } from "./files.js";
import type { GraphSet } from "./graph-set.js";
import { foreignLines, listIris, namespacesOf, Ownership } from "./ownership.js";
import type { OxStore } from "./oxigraph.js";
import type { GraphInfo } from "./types.js";

/** What a file's load reads and changes: the store's Oxigraph, its graph set, its memo of clean files. */
export interface FileLoadContext {
  readonly ox: OxStore;
  readonly set: GraphSet;
  /** Graph files found clean of other graphs' resources: path → the check's key. */
  readonly checked: Map<string, string>;
  /** Who owns what among the graphs held (or being opened) and `info`. */
  readonly ownership: (info: GraphInfo) => Ownership;
  /** Called when a file is scanned for the ownership rule. */
  readonly onScan: () => void;
  readonly onWarning: Warn | undefined;
}

/**
 * A file written before the ownership rule may hold statements about other publishers' resources: they are not
 * loaded (the file keeps them until its publisher replaces the graph) and are reported.
 */
function ownLines(graph: string, bytes: Uint8Array, ownership: Ownership, dropped: Set<string>): Uint8Array {
  const { kept, subjects } = foreignLines(bytes, graph, ownership);
  for (const s of subjects) dropped.add(s);
  return kept;
}

/** Reports the subjects of `graph` left out because another graph owns them. */
export function reportDropped(onWarning: Warn | undefined, graph: string, dropped: ReadonlySet<string>): void {
  if (dropped.size) {
    const text = tx("store/foreign-dropped", { graph, count: dropped.size, list: listIris([...dropped]) });
    const said = pluralText(text, dropped.size);
    onWarning?.(said.en, said);
  }
}

/**
 * After a graph's namespaces changed (a new graph, a namespace registered): statements of the other graphs about
 * resources now owned by it are removed from memory (files written before the ownership rule may hold some).
 */
export function reapplyOwnership(
  c: Pick<FileLoadContext, "ox" | "set" | "onWarning">,
  graphIri: string,
  before: GraphInfo | undefined,
): void {
  const after = c.set.get(graphIri);
  if (after === undefined) return;
  const added = namespacesOf(after).filter((ns) => before === undefined || !namespacesOf(before).includes(ns));
  if (!added.length) return;
  const ownership = new Ownership(c.set.values());
  for (const other of c.set.values()) {
    if (other.graphIri === graphIri) continue;
    const foreign = new Set<string>();
    for (const ns of added) {
      const q = `SELECT DISTINCT ?s WHERE { GRAPH <${other.graphIri}> { ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), ${JSON.stringify(ns)})) } }`;
      for (const b of c.ox.select(q, {}).bindings)
        if (ownership.isForeign(other.graphIri, b.s!.value)) foreign.add(b.s!.value);
    }
    if (foreign.size) {
      c.ox.dropSubjects(other.graphIri, foreign);
      reportDropped(c.onWarning, other.graphIri, foreign);
    }
  }
}

/** Swaps one graph for a file's content, synchronously: no query runs in between. */
export function installGraphFile(c: FileLoadContext, path: string, onTriples?: (n: number) => void): FileHeader {
  let graph = "";
  let loadedBytes = 0;
  let header: FileHeader | undefined;
  let ownership: Ownership | undefined;
  let key = "";
  let scan = true;
  const dropped = new Set<string>();
  const before = fileKey(path);
  const own = (bytes: Uint8Array): Uint8Array => (scan ? ownLines(graph, bytes, ownership!, dropped) : bytes);
  try {
    const h = readGraphFileSync(path, {
      header: (h) => {
        header = h;
        graph = h.info.graphIri;
        ownership = c.ownership(h.info);
        key = `${before}|${createHash("sha256").update(ownership.othersOf(graph).sort().join("\n")).digest("base64url")}`;
        scan = c.checked.get(path) !== key;
        if (scan) c.onScan();
        c.ox.dropGraph(graph);
      },
      plain: (bytes) => {
        c.ox.loadNTriples(graph, own(bytes));
        loadedBytes += bytes.length;
        onTriples?.(
          Math.round((header!.info.triples * loadedBytes) / Math.max(1, header!.plainBytes + header!.bnodeBytes)),
        );
      },
      bnodes: (bytes) => c.ox.loadNTriples(graph, own(bytes)),
    });
    c.set.set(h.info);
    reportDropped(c.onWarning, graph, dropped);
    // Kept only when the file did not change while it was read, and held nothing foreign.
    if (scan && !dropped.size && before !== "" && fileKey(path) === before) c.checked.set(path, key);
    else if (dropped.size) c.checked.delete(path);
    return h;
  } catch (e) {
    if (graph) {
      c.ox.dropGraph(graph);
      c.set.delete(graph);
    }
    throw e;
  }
}

/** A file's identity and version: device, inode, size, modification time (empty when it cannot be read). */
function fileKey(path: string): string {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}`;
  } catch {
    return "";
  }
}
