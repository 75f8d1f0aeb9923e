// A validation worker thread: compiles its profile once, receives the encoded graph once (shared memory, no
// copy), then validates the batches of focus nodes the main thread sends (see parallel.ts and wire.ts).

import { parentPort, workerData } from "node:worker_threads";
import { GraphSlicer, targetGroups } from "./partition.js";
import type { ProfileName } from "./profiles.js";
import { createValidator } from "./validator.js";
import { TermDecoder, validateBatch, type WireBatch, type WireGraph } from "./wire.js";

const { profile } = workerData as { profile: ProfileName };
const ready = createValidator(profile).then((v) => ({
  compiled: v.shapes.compiled,
  groups: targetGroups(v.shapes.compiled.declarations),
}));
let graph: { slicer: GraphSlicer; decoder: TermDecoder } | undefined;

parentPort!.on("message", (message: WireBatch | { graph: WireGraph }) => {
  if ("graph" in message) {
    const g = message.graph;
    graph = { slicer: new GraphSlicer(g.terms, g.offsets, g.pairs, g.reach), decoder: new TermDecoder(g.terms) };
    return;
  }
  const batch = message;
  void (async () => {
    try {
      const { compiled, groups } = await ready;
      parentPort!.postMessage({
        id: batch.id,
        issues: await validateBatch(compiled, groups, graph!.slicer, graph!.decoder, batch),
      });
    } catch (e) {
      parentPort!.postMessage({ id: batch.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  })();
});
