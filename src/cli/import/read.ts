// `vivant import`'s input side: the options a run shares, the publisher they describe, and one reader per kind
// that checks its own options, reads its files and runs its importer (with a progress line where it has one).

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { InputError, type Lang } from "../../errors.js";
import { importArtsdata } from "../../import/artsdata.js";
import { importCapData } from "../../import/capdata.js";
import { importCsv, parseCsvMapping } from "../../import/csv.js";
import { FESTIVALS_PUBLISHER, importFestivals } from "../../import/festivals.js";
import type { ImportResult, PublisherOptions } from "../../import/types.js";
import { importUitdatabank } from "../../import/uitdatabank.js";
import type { Progress } from "../../harvest/progress.js";
import { tx } from "../../i18n.js";
import { readJsonFile } from "../../rdf/json-file.js";
import type { Parsed } from "../args.js";
import type { CliIo } from "../io.js";

export const KINDS = ["artsdata", "uitdatabank", "csv", "festivals", "capdata"] as const;
export type ImportKind = (typeof KINDS)[number];

/** One `vivant import` run: what its parts share in place of the variables a closure would capture. */
export interface ImportRun {
  readonly io: CliIo;
  readonly values: Parsed["values"];
  readonly lang: Lang;
  readonly kind: ImportKind;
  readonly files: readonly string[];
}

/** A string option's value (undefined when absent). */
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

async function readText(cwd: string, file: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), "utf8");
  } catch (e) {
    throw new InputError("io/read", tx("io/read", { path: file, reason: (e as Error).message }), {
      hint: tx("io/read.hint"),
    });
  }
}

/** A JSON input file, read as a stream (an export of any size). */
function readJson(cwd: string, file: string): Promise<unknown> {
  return readJsonFile(resolve(cwd, file), file, "io/not-json");
}

/** The publisher the options describe (`fallback` when --publisher names it or is absent); throws without an id. */
function publisherOf(run: ImportRun, fallback?: PublisherOptions): PublisherOptions {
  const { values } = run;
  const id = str(values.publisher) ?? fallback?.id;
  if (!id)
    throw new InputError("cli/usage", tx("cli/need-publisher"), {
      hint: tx("cli/example", { example: "vivant import … --publisher gtq" }),
    });
  const name = str(values.name);
  return {
    ...(fallback && fallback.id === id ? fallback : {}),
    id,
    ...(name ? { name: { und: name } } : {}),
    ...(str(values["base-iri"]) ? { baseIri: str(values["base-iri"])! } : {}),
    ...(str(values.licence) ? { licence: str(values.licence)! } : {}),
  };
}

/** Throws unless the kind was given one file. */
function oneFile(run: ImportRun, example: string): string {
  if (run.files.length !== 1)
    throw new InputError("cli/usage", tx("cli/reads-one-file", { kind: run.kind }), {
      hint: tx("cli/example", { example }),
    });
  return run.files[0]!;
}

/** Reads the run's files with its kind's importer. */
export async function readImport(run: ImportRun, progress: Progress): Promise<ImportResult> {
  const onProgress = (done: number, total: number) => progress.update(done, total);
  const { io, values, files } = run;
  if (run.kind === "capdata") return readCapdata(run);
  let result: ImportResult;
  if (run.kind === "artsdata") {
    const inputs: unknown[] = [];
    for (const f of files) inputs.push(await readJson(io.cwd, f));
    result = await importArtsdata(inputs, {
      publisher: publisherOf(run),
      ...(str(values["default-lang"]) ? { defaultLanguage: str(values["default-lang"])! } : {}),
      onProgress,
    });
  } else if (run.kind === "uitdatabank") result = await readUitdatabank(run, onProgress);
  else if (run.kind === "csv") result = await readCsvExport(run, onProgress);
  else {
    const file = oneFile(run, "vivant import festivals festivals.csv");
    result = importFestivals(await readText(io.cwd, file), {
      publisher: publisherOf(run, FESTIVALS_PUBLISHER),
      onProgress,
    });
  }
  progress.done();
  return result;
}

type OnProgress = (done: number, total: number) => void;

async function readUitdatabank(run: ImportRun, onProgress: OnProgress): Promise<ImportResult> {
  const inputs: unknown[] = [];
  for (const f of run.files) inputs.push(await readJson(run.io.cwd, f));
  const w = str(run.values.window);
  const m = w === undefined ? undefined : /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(w);
  if (w !== undefined && !m)
    throw new InputError("cli/bad-option", tx("cli/bad-window", { value: w }), {
      hint: tx("cli/example", { example: "--window 2026-09-01/2026-12-31" }),
    });
  return importUitdatabank(inputs, {
    publisher: publisherOf(run),
    ...(m ? { permanentWindow: { from: m[1]!, to: m[2]! } } : {}),
    onProgress,
  });
}

async function readCsvExport(run: ImportRun, onProgress: OnProgress): Promise<ImportResult> {
  const { io, values } = run;
  const mapPath = str(values.map);
  if (!mapPath)
    throw new InputError("cli/usage", tx("cli/csv-needs-map"), {
      hint: tx("cli/see-file", { file: "fixtures/import/mapping.json" }),
    });
  const mapping = parseCsvMapping(await readJson(io.cwd, mapPath));
  const file = oneFile(run, "vivant import csv export.csv --map mapping.json");
  return importCsv(await readText(io.cwd, file), {
    mapping,
    ...(str(values.publisher) ? { publisher: publisherOf(run, mapping.publisher) } : {}),
    onProgress,
  });
}

/** A CapData export (its importer takes no progress callback: no progress line). */
async function readCapdata(run: ImportRun): Promise<ImportResult> {
  const { io, values } = run;
  const file = oneFile(run, "vivant import capdata capdata-export.rdf --publisher opera --country FR");
  const country = str(values.country);
  if (country !== undefined && !/^[A-Z]{2}$/.test(country))
    throw new InputError(
      "cli/bad-option",
      tx("cli/not-one-of", { option: "--country", value: country, allowed: "ISO 3166-1 alpha-2 (FR, BE, CH…)" }),
      { hint: tx("cli/not-one-of.hint", { option: "--country", example: "FR" }) },
    );
  return importCapData(await readText(io.cwd, file), {
    publisher: publisherOf(run),
    ...(str(values["capdata-namespace"]) ? { namespace: str(values["capdata-namespace"])! } : {}),
    ...(country ? { country } : {}),
  });
}
