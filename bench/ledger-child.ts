// One import run for the fidelity ledger's cost, in its own process (`node dist/bench/ledger-child.js IMPORTER MODE N
// [SIZE]`): IMPORTER artsdata, festivals, uitdatabank or capdata; MODE on, off (the ledger) or none (everything but
// the import: the baseline subtracted from instruction counts); N imports in a row; SIZE the documents of each file
// (artsdata), the rows (festivals), the copies of publiq's examples (uitdatabank) or the generated performances
// (capdata).
// Run under `valgrind --tool=callgrind` by import.bench.ts: instruction counts do not depend on the machine's load.

import { importArtsdata } from "../src/import/artsdata.js";
import { importFestivals } from "../src/import/festivals.js";
import { importUitdatabank } from "../src/import/uitdatabank.js";
import { importCapData } from "../src/import/capdata.js";
import { schemaVocabulary } from "../src/harvest/vocabulary.js";
import { artsdataInput, capdataInput, festivalsInput, uitdatabankInput } from "./import-inputs.js";

const [importer, mode, nText, sizeText] = process.argv.slice(2);
const n = Number(nText ?? 1);
const size = sizeText === undefined ? Infinity : Number(sizeText);
schemaVocabulary();
let read = 0;
if (importer === "artsdata") {
  const inputs = artsdataInput(size);
  for (let i = 0; i < n && mode !== "none"; i++)
    read = (
      await importArtsdata(inputs, {
        publisher: { id: "scenes-francophones" },
        defaultLanguage: "fr",
        ledger: mode === "on",
      })
    ).read;
} else if (importer === "festivals") {
  const text = festivalsInput(size);
  for (let i = 0; i < n && mode !== "none"; i++) read = importFestivals(text, { ledger: mode === "on" }).read;
} else if (importer === "uitdatabank") {
  const input = uitdatabankInput(Number.isFinite(size) ? size : 250);
  for (let i = 0; i < n && mode !== "none"; i++)
    read = importUitdatabank(input, {
      publisher: { id: "uit" },
      permanentWindow: { from: "2026-01-01", to: "2026-12-31" },
      ledger: mode === "on",
    }).read;
} else if (importer === "capdata") {
  const text = capdataInput(Number.isFinite(size) ? size : 3000);
  for (let i = 0; i < n && mode !== "none"; i++)
    read = importCapData(text, { publisher: { id: "capdata" }, country: "FR", ledger: mode === "on" }).read;
} else throw new Error(`unknown importer ${importer}`);
process.stdout.write(`${JSON.stringify({ importer, mode, n, read })}\n`);
