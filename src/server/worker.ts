// A query worker: holds a read-only replica of the store (loaded from the data directory) and answers
// one message at a time, so a graph swap (reload) never interleaves with a query.

import { parentPort, workerData } from "node:worker_threads";
import { isVivantError } from "../errors.js";
import { GraphStore } from "../store/graph-store.js";
import { PerformanceIndex } from "../query/perf-index.js";
import type { FromWorker, ToWorker, WorkerConfig, WorkerError } from "./protocol.js";

const config = workerData as WorkerConfig;
const port = parentPort!;
const post = (m: FromWorker, transfer?: ArrayBuffer[]): void => port.postMessage(m, transfer ?? []);
const encoder = new TextEncoder();

function toError(e: unknown): WorkerError {
  if (isVivantError(e)) {
    const pos = e as { line?: number; column?: number };
    // The message and the hint apart, each in every language.
    return {
      code: e.code,
      message: e.text,
      ...(e.hintText !== undefined ? { hint: e.hintText } : {}),
      ...(pos.line !== undefined ? { line: pos.line } : {}),
      ...(pos.column !== undefined ? { column: pos.column } : {}),
      client: e.code.startsWith("sparql/"),
    };
  }
  return { code: "internal", message: e instanceof Error ? e.message : String(e), client: false };
}

const warnings: string[] = [];
let store: GraphStore;
try {
  store = await GraphStore.open({ dataDir: config.dataDir, readOnly: true, onWarning: (w) => warnings.push(w) });
} catch (e) {
  post({ type: "fatal", message: e instanceof Error ? e.message : String(e) });
  throw e;
}

// The typed questions' index, rebuilt with each graph change (before any other message is read).
const buildIndex = (): PerformanceIndex => PerformanceIndex.build((q) => store.selectSync(q), (q) => store.selectRowsSync(q));
let index = buildIndex();

port.on("message", (m: ToWorker) => {
  if (m.type === "index") {
    try {
      const value =
        m.op === "find" ? index.find(m.filter, m.page)
        : m.op === "page" ? index.page(m.filter, m.page)
        : m.op === "facets" ? index.facets(m.filter, m.facets)
        : index.observatory(m.filter);
      post({ type: "value", id: m.id, value });
    } catch (e) {
      post({ type: "error", id: m.id, error: { ...toError(e), client: isVivantError(e) } });
    }
    return;
  }
  if (m.type === "reload") {
    try {
      store.reloadGraph(m.graphIri);
      index = buildIndex();
      post({ type: "reloaded", id: m.id });
    } catch (e) {
      post({ type: "error", id: m.id, error: toError(e) });
    }
    return;
  }
  try {
    const r = store.queryFormattedSync(m.query, m.results, m.graph, { unionDefaultGraph: config.unionDefaultGraph, ...m.options });
    // Encoded here and transferred (not copied) to the main thread, which writes the bytes as they are.
    const body = encoder.encode(r.body);
    if (body.byteLength > config.maxResultBytes) {
      post({
        type: "error",
        id: m.id,
        error: {
          code: "query/result-too-large",
          message: `the answer is ${body.byteLength} bytes, more than this server sends (${config.maxResultBytes})`,
          hint: "add LIMIT and OFFSET, or narrow the query",
          client: true,
          status: 422,
        },
      });
      return;
    }
    post({ type: "result", id: m.id, result: { form: r.form, mediaType: r.mediaType }, body }, [body.buffer as ArrayBuffer]);
  } catch (e) {
    post({ type: "error", id: m.id, error: toError(e) });
  }
});

post({ type: "ready", graphs: store.graphs().length, triples: store.size, warnings });
