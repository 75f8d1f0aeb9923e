// The benchmark modules `npm run bench` runs, in order. Each area adds its own line.

import type { BenchModule } from "./harness.js";

export const BENCHES: readonly BenchModule[] = [];
