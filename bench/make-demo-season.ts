// Writes fixtures/demo-season.json from bench/demo-season.ts: `npm run build && node dist/bench/make-demo-season.js`.

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildDemoSeason } from "./demo-season.js";

// Compiled to dist/bench/, so the repository root is two levels up.
const target = fileURLToPath(new URL("../../fixtures/demo-season.json", import.meta.url));
const doc = buildDemoSeason();
writeFileSync(target, `${JSON.stringify(doc, null, 2)}\n`);
console.log(
  `wrote ${target}: ${doc.performances?.length ?? 0} performances, ${doc.productions?.length ?? 0} productions, ${doc.venues?.length ?? 0} venues`,
);
