// The inputs of the import benchmark, shared by import.bench.ts and ledger-child.ts: the Scènes francophones
// dump (artsdata JSON-LD), the Ministry's festivals CSV, a UiTdatabank export made of publiq's own example
// documents (../shared/corpora/uitdatabank-json-schemas), copied with fresh ids until it has enough documents, and
// a CapData Culture RDF/XML export of a generated season (no corpus needed).

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { uitdatabankDocuments } from "../src/import/uitdatabank.js";
import { capdataRdfXml, graphToCapData } from "../src/export/capdata.js";
import { mapRecords } from "../src/mapping/index.js";
import { generateSeason } from "./generate.js";

// Compiled to dist/bench/: the repository root is two folders up.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CORPORA = `${ROOT}../shared/corpora/`;
export const ARTSDATA_DIR = `${CORPORA}artsdata-planet-scenesfrancophones/output/`;
export const FESTIVALS_CSV = `${CORPORA}fr-festivals-culture-gouv/festivals-global-festivals-_-pl.csv`;
export const UITDATABANK_DIR = `${CORPORA}uitdatabank-json-schemas/`;

export const IMPORTERS = ["artsdata", "festivals", "uitdatabank", "capdata"] as const;
export type Importer = (typeof IMPORTERS)[number];

export function available(importer: Importer): boolean {
  if (importer === "capdata") return true;
  return existsSync(
    importer === "artsdata" ? ARTSDATA_DIR : importer === "festivals" ? FESTIVALS_CSV : UITDATABANK_DIR,
  );
}

/** The four files of the dump, each cut to its first `docs` documents. */
export function artsdataInput(docs = Infinity): unknown[][] {
  return ["events", "places", "presenters", "artists"].map((f) =>
    (JSON.parse(readFileSync(`${ARTSDATA_DIR}${f}.jsonld`, "utf8")) as unknown[]).slice(0, docs),
  );
}

/** The CSV, cut to its header and first `rows` rows. */
export function festivalsInput(rows = Infinity): string {
  const all = readFileSync(FESTIVALS_CSV, "utf8");
  return Number.isFinite(rows)
    ? all
        .split("\n")
        .slice(0, rows + 1)
        .join("\n")
    : all;
}

const UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-)[0-9a-f]{12}/g;

/**
 * publiq's example documents (events, places, organizers of every `*-example.json`), copied `copies` times; each
 * copy's UUIDs get the copy's number in their last group, so that copies are distinct documents whose references
 * still resolve (no merging, which the real exports do not need either).
 */
export function uitdatabankInput(copies: number): unknown[] {
  const files = readdirSync(UITDATABANK_DIR)
    .filter((f) => f.endsWith("example.json"))
    .sort();
  const text = JSON.stringify(
    files.flatMap((f) => uitdatabankDocuments(JSON.parse(readFileSync(`${UITDATABANK_DIR}${f}`, "utf8")))),
  );
  const out: unknown[] = [];
  for (let c = 0; c < copies; c++) {
    const tag = c.toString(16).padStart(12, "0");
    out.push(...(JSON.parse(text.replace(UUID, (_m, head: string) => head + tag)) as unknown[]));
  }
  return out;
}

/** A generated season of `performances` performances (and its venues, productions, people…), as Vivant exports it to CapData. */
export function capdataInput(performances: number): string {
  const mapped = mapRecords(generateSeason(performances, { publisherId: "capdata" }), { origins: false });
  return capdataRdfXml(graphToCapData(mapped.quads, { graphIri: mapped.graphIri }));
}
