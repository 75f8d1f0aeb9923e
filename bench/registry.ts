// The benchmark modules `npm run bench` runs, in order. Each area adds its own line.

import type { BenchModule } from "./harness.js";
import { importBench } from "./import.bench.js";
import { ingestBench } from "./ingest.bench.js";
import { mapBench } from "./map.bench.js";
import { validateBench } from "./validate.bench.js";
import { storeBench } from "./store.bench.js";
import { webBench } from "./web.bench.js";
import { writesBench } from "./writes.bench.js";
import { reuseBench } from "./reuse.bench.js";
import { followBench } from "./follow.bench.js";
import { federationBench } from "./federation.bench.js";
import { reconcileBench } from "./reconcile.bench.js";

export const BENCHES: readonly BenchModule[] = [
  mapBench,
  importBench,
  validateBench,
  storeBench,
  webBench,
  writesBench,
  ingestBench,
  reuseBench,
  followBench,
  federationBench,
  reconcileBench,
];
