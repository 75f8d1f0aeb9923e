// The files `vivant load` and `vivant validate` read: JSON parsed as a stream (a record document or JSON-LD of any
// size, never one string), RDF text read whole.

import { open, readFile } from "node:fs/promises";
import type { IngestInput } from "../ingest/index.js";
import { formatFromPath } from "../rdf/io.js";
import { readJsonFile } from "../rdf/json-file.js";

/** The first characters of a file, to tell JSON from Turtle when its name does not say. */
async function headOf(path: string): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

/**
 * One file as ingest reads it: JSON (by its name, or its first characters when the name says nothing) parsed as a
 * stream, whatever its size; RDF text whole (Turtle, N-Triples, N-Quads, TriG).
 */
export async function readInputFile(path: string, source: string): Promise<IngestInput> {
  const format = formatFromPath(path);
  const head = format === undefined ? await headOf(path) : "";
  const json = format === "jsonld" || (format === undefined && /^\uFEFF*\s*[[{]/.test(head));
  if (json) return { json: await readJsonFile(path, source), source };
  return { text: await readFile(path, "utf8"), source };
}
