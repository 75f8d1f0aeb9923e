// A query worker: holds a read-only replica of the store (loaded from the data directory) and answers
// one message at a time, so a graph swap (reload) never interleaves with a query.

import { tx } from "../i18n.js";
import { parentPort, workerData } from "node:worker_threads";
import { isVivantError, textOf, type Text } from "../errors.js";
import { isStoreBrokenError } from "../store/oxigraph.js";
import { GraphStore } from "../store/graph-store.js";
import { PerformanceIndex } from "../query/perf-index.js";
import { icalFeed, type FeedSource } from "../export/ical-feed.js";
import { capdataOfNTriples } from "../export/capdata-source.js";
import { graphFileText } from "../store/files.js";
import type { FromWorker, IndexRequest, ToWorker, WorkerConfig, WorkerError } from "./protocol.js";

const config = workerData as WorkerConfig;
const port = parentPort!;
const post = (m: FromWorker, transfer?: ArrayBuffer[]): void => port.postMessage(m, transfer ?? []);
const encoder = new TextEncoder();

function toError(e: unknown): WorkerError {
  if (isStoreBrokenError(e) || store?.broken) {
    return {
      code: "query/worker-failed",
      message: tx("query/worker-failed", { reason: e instanceof Error ? e.message : String(e) }),
      hint: tx("query/worker-failed.hint"),
      client: false,
      status: 500,
      broken: true,
    };
  }
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

/**
 * Answers a failure; when the store is damaged (a WebAssembly trap), the worker ends right after, so that no
 * later message is answered by a store whose memory is unusable: the pool replaces it from the data directory.
 */
function fail(id: number, e: unknown, extra: Partial<WorkerError> = {}): void {
  const error = { ...toError(e), ...extra };
  if (error.broken) {
    post({ type: "error", id, error: { ...error, client: false, status: 500 } });
    port.close();
    process.exit(70);
  }
  post({ type: "error", id, error });
}

const warnings: Text[] = [];
let store: GraphStore | undefined;
// Files the other workers already checked for the ownership rule are not scanned again (the pool keeps the list).
const checked = new Map<string, string>(config.ownershipChecked ?? []);
try {
  store = await GraphStore.open({
    dataDir: config.dataDir,
    readOnly: true,
    onWarning: (_w, text) => warnings.push(text),
    ownershipChecked: checked,
    ...(config.exclude ? { exclude: config.exclude } : {}),
    ...(config.queryLimits ? { queryLimits: config.queryLimits } : {}),
  });
} catch (e) {
  post({
    type: "fatal",
    message: e instanceof Error ? e.message : String(e),
    text: textOf(e),
  });
  throw e;
}

// Files scanned for the ownership rule since the last message that told the pool.
let reportedScans = 0;
const scansSinceLast = (): number => {
  const n = (store?.ownershipScans ?? 0) - reportedScans;
  reportedScans += n;
  return n;
};

// The typed questions' index, rebuilt with each graph change (before any other message is read).
const opened = store;
const buildIndex = (): PerformanceIndex =>
  PerformanceIndex.build(
    (q) => opened.selectSync(q),
    (q) => opened.selectRowsSync(q),
  );
let index = buildIndex();

/** The typed question's iCalendar feed, from the index and the store. */
function answerIcal(m: Extract<IndexRequest, { op: "ical" }>): void {
  // The index and the store answer synchronously, so every await of the feed resolves at once, in microtasks:
  // the feed is written before the next message (a reload, say) is read.
  const source: FeedSource = {
    page: (f, p) => Promise.resolve(index.page(f, p)),
    select: (q) => Promise.resolve(opened.selectSync(q)),
  };
  icalFeed(source, m.filter, m.within, m.options).then(
    (value) => post({ type: "value", id: m.id, value }),
    (e: unknown) => fail(m.id, e, isStoreBrokenError(e) || opened.broken ? {} : { client: isVivantError(e) }),
  );
}

/** A graph's CapData Culture export, from its file. */
function answerCapdata(m: Extract<IndexRequest, { op: "capdata" }>): void {
  try {
    post({
      type: "value",
      id: m.id,
      value: capdataOfNTriples(graphFileText(m.file), { graphIri: m.graphIri, namespace: m.namespace }),
    });
  } catch (e) {
    fail(m.id, e, { client: false });
  }
}

/** The other typed questions, from the index. */
function answerIndex(m: Exclude<IndexRequest, { op: "ical" | "capdata" }>): void {
  try {
    const value =
      m.op === "find"
        ? index.find(m.filter, m.page)
        : m.op === "page"
          ? index.page(m.filter, m.page)
          : m.op === "facets"
            ? index.facets(m.filter, m.facets)
            : m.op === "facetsByGraph"
              ? index.facetsByGraph(m.filter, m.facets)
              : m.op === "describe"
                ? index.describe(m.ids)
                : m.op === "names"
                  ? index.names(m.iris)
                  : index.observatory(m.filter);
    // (m.op is "observatory" here: "ical" and "capdata" are answered apart.)
    post({ type: "value", id: m.id, value });
  } catch (e) {
    fail(m.id, e, isStoreBrokenError(e) || opened.broken ? {} : { client: isVivantError(e) });
  }
}

/** Swaps one graph for its file's content and rebuilds the index. */
function reload(m: Extract<ToWorker, { type: "reload" }>): void {
  try {
    for (const [path, key] of m.ownershipChecked) checked.set(path, key);
    opened.reloadGraph(m.graphIri);
    index = buildIndex();
    post({ type: "reloaded", id: m.id, ownershipChecked: [...checked], ownershipScans: scansSinceLast() });
  } catch (e) {
    // A replica that could not take a write would answer with stale data: it ends, and is replaced.
    fail(m.id, e, { broken: true });
  }
}

/** A SPARQL query, its answer serialised and encoded here. */
function answerQuery(m: Extract<ToWorker, { type: "query" }>): void {
  try {
    const r = opened.queryFormattedSync(m.query, m.results, m.graph, {
      unionDefaultGraph: config.unionDefaultGraph,
      ...m.options,
    });
    // Encoded here and transferred (not copied) to the main thread, which writes the bytes as they are.
    const body = encoder.encode(r.body);
    if (body.byteLength > config.maxResultBytes) {
      post({
        type: "error",
        id: m.id,
        error: {
          code: "query/result-too-large",
          message: tx("query/result-too-large", { bytes: body.byteLength, limit: config.maxResultBytes }),
          hint: tx("query/result-too-large.hint"),
          client: true,
          status: 422,
        },
      });
      return;
    }
    post({ type: "result", id: m.id, result: { form: r.form, mediaType: r.mediaType }, body }, [body.buffer]);
  } catch (e) {
    fail(m.id, e);
  }
}

port.on("message", (m: ToWorker) => {
  if (m.type === "index" && m.op === "ical") answerIcal(m);
  else if (m.type === "index" && m.op === "capdata") answerCapdata(m);
  else if (m.type === "index") answerIndex(m);
  else if (m.type === "reload") reload(m);
  else answerQuery(m);
});

post({
  type: "ready",
  graphs: opened.graphs().length,
  triples: opened.size,
  warnings,
  ownershipChecked: [...checked],
  ownershipScans: scansSinceLast(),
});
