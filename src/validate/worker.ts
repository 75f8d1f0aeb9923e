// A validation worker thread: compiles its profile once, then validates the batches the main thread sends, each
// with its own quads and terms (see parallel.ts and wire.ts): nothing of the graph outlives its batch here.

import { parentPort, workerData } from "node:worker_threads";
import { targetGroups } from "./partition.js";
import type { ProfileName } from "./profiles.js";
import { createValidator } from "./validator.js";
import { validateBatch, type WireBatch } from "./wire.js";

const { profile } = workerData as { profile: ProfileName };
const ready = createValidator(profile).then((v) => ({
  compiled: v.shapes.compiled,
  groups: targetGroups(v.shapes.compiled.declarations),
}));

parentPort!.on("message", (batch: WireBatch) => {
  void (async () => {
    try {
      const { compiled, groups } = await ready;
      parentPort!.postMessage({
        id: batch.id,
        issues: await validateBatch(compiled, groups, batch),
      });
    } catch (e) {
      parentPort!.postMessage({ id: batch.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  })();
});
