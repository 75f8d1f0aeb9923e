// The write thread: reads, maps or parses, validates, serialises and encodes a Graph Store write off the main
// thread, which then only writes the bytes and tells the query workers. A large upload therefore never stalls the
// routing of queries, and its memory is this thread's (released when the thread is replaced after a failure).

import { readFileSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import { isVivantError } from "../errors.js";
import { encodeGraph, readGraphFileSync } from "../store/files.js";
import { prepareGraph } from "../ingest/prepare.js";
import { diffEntities } from "../dataspace/entities.js";
import { checkOwnership, serialiseGraph } from "../store/graph-set.js";
import type { LoadFile } from "../store/load.js";
import { decodeBody, HttpError } from "./http-util.js";
import { lowerThreadPriority } from "./priority.js";
import type { WriteInput, WriteJob, WriteReply } from "./write-lane.js";

const port = parentPort!;
// Preparing a write is bulk work: the query workers and the main thread come first on a busy machine (Linux).
lowerThreadPriority();

/** A spooled body read and decoded here (400/415 for bytes its charset cannot read), else the text as given. */
function loadInput(f: WriteInput): LoadFile {
  if (!("spool" in f)) return f;
  return { text: decodeBody(readFileSync(f.spool), f.contentType), source: f.source, format: f.format };
}

function readGraphText(path: string): string {
  const parts: Uint8Array[] = [];
  readGraphFileSync(path, {
    header: () => undefined,
    plain: (b) => void parts.push(Buffer.from(b)),
    bnodes: (b) => void parts.push(b),
  });
  return Buffer.concat(parts).toString("utf8");
}

async function run(job: WriteJob): Promise<{ reply: WriteReply; transfer: ArrayBuffer[] }> {
  const inputs = job.files.map(loadInput);
  const current = job.mergeText ?? (job.mergeFrom !== undefined ? readGraphText(job.mergeFrom) : undefined);
  const files =
    current !== undefined
      ? [{ text: current, source: "current graph", format: "ntriples" as const }, ...inputs]
      : inputs;
  const {
    quads,
    data: _data,
    ...prepared
  } = await prepareGraph(files, job.target, { known: (id) => job.graphs.find((g) => g.publisherId === id) });
  if (!prepared.ok) return { reply: { id: job.id, prepared }, transfer: [] };
  const nt = serialiseGraph(quads, job.version);
  checkOwnership(prepared.graphIri, prepared.meta, nt, job.graphs);
  const content = encodeGraph(nt);
  const change = diffEntities(quads, job.previousDigests);
  // Moved, not copied, to the main thread: only buffers that own their memory (small ones share Node's pool).
  const transfer = [...content.chunks, content.bnodes]
    .filter((b) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength)
    .map((b) => b.buffer as ArrayBuffer);
  return { reply: { id: job.id, prepared, content, change }, transfer: [...new Set(transfer)] };
}

port.on("message", (job: WriteJob) => {
  run(job).then(
    ({ reply, transfer }) => port.postMessage(reply, transfer),
    (e: unknown) => {
      const v = e as Error & { code?: string; hint?: string; line?: number; column?: number; status?: number };
      const bare =
        v.hint !== undefined && v.message.endsWith(` (${v.hint})`)
          ? v.message.slice(0, -(v.hint.length + 3))
          : (v.message ?? String(e));
      // Both languages kept: the main thread answers in the request's language.
      const texts = isVivantError(e) || e instanceof HttpError;
      const message = texts ? (e as HttpError).text : bare;
      const hint = texts && (e as HttpError).hintText ? (e as HttpError).hintText : v.hint;
      port.postMessage({
        id: job.id,
        error: {
          kind: isVivantError(e) ? v.name : e instanceof HttpError ? "HttpError" : "Error",
          code: texts ? (e as HttpError).code : "internal",
          message,
          ...(hint !== undefined ? { hint } : {}),
          ...(v.line !== undefined ? { line: v.line } : {}),
          ...(v.column !== undefined ? { column: v.column } : {}),
          ...(typeof v.status === "number" ? { status: v.status } : {}),
        },
      } satisfies WriteReply);
    },
  );
});
