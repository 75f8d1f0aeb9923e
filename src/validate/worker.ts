// A validation worker thread: compiles its profile once, receives the graph's term dictionary once, then
// validates the batches the main thread sends (see parallel.ts and wire.ts).

import { parentPort, workerData } from "node:worker_threads";
import { targetGroups } from "./partition.js";
import type { ProfileName } from "./profiles.js";
import { createValidator } from "./validator.js";
import { TermDecoder, validateBatch, type WireBatch } from "./wire.js";

const { profile } = workerData as { profile: ProfileName };
const ready = createValidator(profile).then((v) => ({ compiled: v.shapes.compiled, groups: targetGroups(v.shapes.compiled.declarations) }));
let decoder: TermDecoder | undefined;

parentPort!.on("message", (message: WireBatch | { terms: string[] }) => {
  if ("terms" in message) {
    decoder = new TermDecoder(message.terms);
    return;
  }
  const batch = message;
  void (async () => {
    try {
      const { compiled, groups } = await ready;
      parentPort!.postMessage({ id: batch.id, issues: await validateBatch(compiled, groups, decoder!, batch) });
    } catch (e) {
      parentPort!.postMessage({ id: batch.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  })();
});
