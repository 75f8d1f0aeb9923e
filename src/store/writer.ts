// The write side of a data directory without any store in memory: the server's main thread keeps the
// files (the truth) and the catalog's facts, while its query workers hold the replicas.

import { join } from "node:path";
import type { Quad } from "@rdfjs/types";
import { InputError, type Warn } from "../errors.js";
import { txBy } from "../i18n.js";
import {
  graphFileName,
  graphsDir,
  listGraphFiles,
  lockDataDir,
  prepareDataDir,
  quarantine,
  readGraphFileSync,
  removeGraphFile,
  writeEncodedGraphFile,
  writeGraphFile,
  type EncodedGraph,
} from "./files.js";
import { checkReplace, graphInfo, GraphSet, serialiseGraph } from "./graph-set.js";
import { checkIri } from "./ntriples.js";
import type { GraphInfo, GraphMeta } from "./types.js";

/** Writes graph files in a data directory it locks; one write at a time, in call order. */
export class GraphWriter {
  readonly dataDir: string;
  readonly #set = new GraphSet();
  #unlock: (() => void) | undefined;

  private constructor(dataDir: string) {
    this.dataDir = dataDir;
  }

  /** Opens (and locks) a data directory, checking every file: unusable ones are moved to `quarantine/`. */
  static async open(dataDir: string, onWarning?: Warn): Promise<GraphWriter> {
    const w = new GraphWriter(dataDir);
    await prepareDataDir(dataDir);
    w.#unlock = await lockDataDir(dataDir);
    try {
      for (const path of await listGraphFiles(dataDir, onWarning)) {
        try {
          const h = readGraphFileSync(path, {
            header: () => undefined,
            plain: () => undefined,
            bnodes: () => undefined,
          });
          w.#set.set(h.info);
        } catch (e) {
          if (!(e instanceof InputError) || e.code !== "store/corrupt-file") throw e;
          const to = await quarantine(dataDir, path);
          const text = txBy("store/corrupt-moved", (lang) => ({ detail: e.messageIn(lang), to }));
          onWarning?.(text.en, text);
        }
      }
    } catch (e) {
      await w.close();
      throw e;
    }
    return w;
  }

  graphs(): GraphInfo[] {
    return this.#set.list();
  }

  graph(graphIri: string): GraphInfo | undefined {
    return this.#set.get(graphIri);
  }

  /** Path of a graph's file (present when `graph(graphIri)` is). */
  graphFile(graphIri: string): string {
    return join(graphsDir(this.dataDir), graphFileName(graphIri));
  }

  /** Where the graphs are written (for messages): the data directory. */
  get where(): string {
    return this.dataDir;
  }

  /** Where a merge reads the graph's current content: its file. */
  async mergeSource(graphIri: string): Promise<{ mergeFrom: string }> {
    return { mergeFrom: this.graphFile(graphIri) };
  }

  /** Writes a graph's new version durably; resolves with its catalog facts once it is on disk. */
  replaceGraph(graphIri: string, quads: Iterable<Quad>, meta: GraphMeta): Promise<GraphInfo> {
    checkReplace(graphIri, meta);
    return this.#set.serialised(async () => {
      const { nt, info } = this.#set.prepare(graphIri, quads, meta, serialiseGraph);
      await writeGraphFile(this.dataDir, info, nt);
      this.#set.set(info);
      return info;
    });
  }

  /**
   * `replaceGraph` for a graph serialised, checked (`checkOwnership` against `graphs()`) and encoded elsewhere: the
   * server's write thread does that work, and this thread only writes the bytes.
   */
  replaceEncoded(graphIri: string, content: EncodedGraph, meta: GraphMeta): Promise<GraphInfo> {
    checkReplace(graphIri, meta);
    return this.#set.serialised(async () => {
      const info = graphInfo(graphIri, meta, content.triples, this.#set.get(graphIri));
      await writeEncodedGraphFile(this.dataDir, info, content);
      this.#set.set(info);
      return info;
    });
  }

  /** Removes a graph's file durably; resolves to whether it existed. */
  deleteGraph(graphIri: string): Promise<boolean> {
    checkIri(graphIri, "graph");
    return this.#set.serialised(async () => {
      const existed = await removeGraphFile(this.dataDir, graphIri);
      this.#set.delete(graphIri);
      return existed;
    });
  }

  /** Waits for pending writes and releases the lock. */
  async close(): Promise<void> {
    await this.#set.idle();
    const unlock = this.#unlock;
    this.#unlock = undefined;
    unlock?.();
  }
}
