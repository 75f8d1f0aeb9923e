// One import run for the fidelity ledger's cost, in its own process (`node dist/bench/ledger-child.js CORPUS MODE N
// [DOCS]`): CORPUS artsdata or festivals; MODE on, off (the ledger) or none (everything but the import: the baseline
// subtracted from instruction counts); N imports in a row; DOCS the documents (or rows) of each input file used.
// Run under `valgrind --tool=callgrind` by import.bench.ts: instruction counts do not depend on the machine's load.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { importArtsdata } from "../src/import/artsdata.js";
import { importFestivals } from "../src/import/festivals.js";
import { schemaVocabulary } from "../src/harvest/vocabulary.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CORPORA = `${ROOT}../shared/corpora/`;
export const ARTSDATA_DIR = `${CORPORA}artsdata-planet-scenesfrancophones/output/`;
export const FESTIVALS_CSV = `${CORPORA}fr-festivals-culture-gouv/festivals-global-festivals-_-pl.csv`;

const [corpus, mode, nText, docsText] = process.argv.slice(2);
const n = Number(nText ?? 1);
const docs = docsText === undefined ? Infinity : Number(docsText);
schemaVocabulary();
let records = 0;
if (corpus === "artsdata") {
  const inputs = ["events", "places", "presenters", "artists"].map((f) => (JSON.parse(readFileSync(`${ARTSDATA_DIR}${f}.jsonld`, "utf8")) as unknown[]).slice(0, docs));
  for (let i = 0; i < n && mode !== "none"; i++) {
    const r = await importArtsdata(inputs, { publisher: { id: "scenes-francophones" }, defaultLanguage: "fr", ledger: mode === "on" });
    records = ["venues", "organizations", "people", "productions", "performances"].reduce((t, c) => t + ((r.document as unknown as Record<string, unknown[]>)[c]?.length ?? 0), 0);
  }
} else if (corpus === "festivals") {
  const all = readFileSync(FESTIVALS_CSV, "utf8");
  const text = Number.isFinite(docs) ? all.split("\n").slice(0, docs + 1).join("\n") : all;
  for (let i = 0; i < n && mode !== "none"; i++) records = importFestivals(text, { ledger: mode === "on" }).read;
} else throw new Error(`unknown corpus ${corpus}`);
process.stdout.write(`${JSON.stringify({ corpus, mode, n, records })}\n`);
