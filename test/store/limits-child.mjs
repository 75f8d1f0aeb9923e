// Runs one query on a fresh Oxigraph store in this worker thread, then checks the store still answers.
// Posts { ok, error?, intact, ms }. Used by sparql-limits.test.ts: a broken WebAssembly instance stays in its thread.
import { parentPort, workerData } from "node:worker_threads";
import oxigraph from "oxigraph";

const store = new oxigraph.Store();
store.load("<http://x/a> <http://x/p> <http://x/b> .", { format: "application/n-triples" });
const t = performance.now();
let error;
try {
  store.query(workerData.query);
} catch (e) {
  error = `${e?.constructor?.name}: ${e?.message}`;
}
const ms = performance.now() - t;
let intact;
try {
  intact = store.query("ASK { ?s ?p ?o }") === true;
} catch {
  intact = false;
}
parentPort.postMessage({ error, intact, ms });
