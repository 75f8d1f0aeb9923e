// The store's durability: one file per publisher graph in the data directory, replaced atomically
// (temp file + fsync + rename + fsync of the directory), checked by size and SHA-256 when read back.
//
// File layout (N-Triples with a header comment, so `tail -n +2 file` is plain N-Triples):
//   # vivant-graph {"format":1,"graphIri":…,"meta":…,"plainBytes":…,"bnodeBytes":…,"triples":…,"sha256":…}
//   <plain triples: chunks, each loadable on its own>
//   <triples with blank nodes: loaded in one call>

import { tx, txBy } from "../i18n.js";
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { mkdir, open, readdir, rename, rm, unlink } from "node:fs/promises";
import { join } from "node:path";
import { InputError, type Warn } from "../errors.js";
import type { GraphInfo } from "./types.js";
import type { EncodedNTriples, NTriplesGraph } from "./ntriples.js";
import { DurableWriteError, fsyncDir, isDurableTemp, writeDurably } from "./durable.js";
import { storageError } from "./storage-error.js";

export { isStorageError, StorageError } from "./storage-error.js";
export { lockDataDir } from "./data-dir-lock.js";

const MAGIC = "# vivant-graph ";
const GRAPHS = "graphs";
const QUARANTINE = "quarantine";
/** Bytes read per load call when a file is read back (about 100k triples). */
const READ_CHUNK = 12 * 2 ** 20;

export interface FileHeader {
  readonly format: 1;
  readonly info: GraphInfo;
  readonly plainBytes: number;
  readonly bnodeBytes: number;
  readonly sha256: string;
}

/** File name of a graph: a hash of its IRI, so any IRI gives a safe, fixed-length name. */
export function graphFileName(graphIri: string): string {
  return `${createHash("sha256").update(graphIri).digest("hex").slice(0, 40)}.nt`;
}

export function graphsDir(dataDir: string): string {
  return join(dataDir, GRAPHS);
}

/** Creates the data directory layout and removes temp files left by a crash (never renamed, so never acknowledged). */
export async function prepareDataDir(dataDir: string): Promise<void> {
  await mkdir(graphsDir(dataDir), { recursive: true });
  for (const name of await readdir(graphsDir(dataDir))) {
    if (isDurableTemp(name)) await rm(join(graphsDir(dataDir), name), { force: true });
  }
}

/**
 * Writes one graph file atomically: after this resolves, a crash leaves the new file; before, the old one.
 * Never a mix: the new content is complete (every write checked) and fsynced before the rename that publishes it.
 * On any failure before the rename the old file stays as it was, the temp file is removed and a StorageError is
 * thrown (`store/no-space`, status 507, when the disk or quota is full; `store/io`, status 500, otherwise).
 */
export async function writeGraphFile(
  dataDir: string,
  info: GraphInfo,
  nt: NTriplesGraph | EncodedNTriples,
): Promise<void> {
  return writeEncodedGraphFile(dataDir, info, encodeGraph(nt));
}

/** A graph's file content, ready to write: the UTF-8 bytes of its two parts and their SHA-256. */
export interface EncodedGraph {
  readonly chunks: readonly Uint8Array[];
  readonly bnodes: Uint8Array;
  readonly plainBytes: number;
  readonly sha256: string;
  readonly triples: number;
}

/** Encodes and hashes a serialised graph (a thread that prepares writes does it, so the writing thread only writes). */
export function encodeGraph(nt: NTriplesGraph | EncodedNTriples): EncodedGraph {
  const hash = createHash("sha256");
  let plainBytes = 0;
  const chunks: Buffer[] = [];
  for (const c of nt.chunks) {
    // Encoded chunks are taken as they are (not copied).
    const b = typeof c === "string" ? Buffer.from(c, "utf8") : c;
    plainBytes += b.length;
    hash.update(b);
    chunks.push(b);
  }
  const bnodes = typeof nt.bnodeChunk === "string" ? Buffer.from(nt.bnodeChunk, "utf8") : nt.bnodeChunk;
  hash.update(bnodes);
  return { chunks, bnodes, plainBytes, sha256: hash.digest("hex"), triples: nt.triples };
}

/** `writeGraphFile` for content encoded already (see `encodeGraph`). */
export async function writeEncodedGraphFile(dataDir: string, info: GraphInfo, content: EncodedGraph): Promise<void> {
  const { chunks: buffers, bnodes, plainBytes } = content;
  const header: FileHeader = { format: 1, info, plainBytes, bnodeBytes: bnodes.length, sha256: content.sha256 };
  const target = join(graphsDir(dataDir), graphFileName(info.graphIri));
  const head = Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, "utf8");
  try {
    await writeDurably(target, [head, ...buffers, bnodes]);
  } catch (e) {
    if (!(e instanceof DurableWriteError)) throw e;
    const message =
      e.stage === "write"
        ? tx("store/write-failed", { graph: info.graphIri, temp: e.temp, target })
        : e.stage === "publish"
          ? tx("store/publish-failed", { target })
          : tx("store/sync-failed", { target });
    throw storageError(message, e.cause);
  }
}

/** Removes a graph file; the removal is durable when this resolves. Returns whether it existed. */
export async function removeGraphFile(dataDir: string, graphIri: string): Promise<boolean> {
  try {
    await unlink(join(graphsDir(dataDir), graphFileName(graphIri)));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw ioError(tx("store/remove-failed", { graph: graphIri }), e);
  }
  await fsyncDir(graphsDir(dataDir));
  return true;
}

/**
 * Paths of every graph file in the data directory. An entry named like a graph file that is not a regular file
 * (a folder named `x.nt`, a link, a device) is reported through `onSkip` and left alone, never read.
 */
export async function listGraphFiles(dataDir: string, onSkip?: Warn): Promise<string[]> {
  const entries = await readdir(graphsDir(dataDir), { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries) {
    if (!e.name.endsWith(".nt") || e.name.startsWith(".")) continue;
    const path = join(graphsDir(dataDir), e.name);
    if (e.isFile()) out.push(path);
    else {
      const kind = tx(
        e.isDirectory() ? "store/kind-directory" : e.isSymbolicLink() ? "store/kind-link" : "store/kind-other",
      );
      const text = txBy("store/not-a-graph-file", (lang) => ({ path, kind: kind[lang], dir: graphsDir(dataDir) }));
      onSkip?.(text.en, text);
    }
  }
  return out.sort();
}

/** Moves an unreadable file aside (it is kept for inspection, never loaded). */
export async function quarantine(dataDir: string, path: string): Promise<string> {
  const dir = join(dataDir, QUARANTINE);
  await mkdir(dir, { recursive: true });
  const to = join(dir, `${Date.now()}-${path.split("/").pop()}`);
  await rename(path, to);
  return to;
}

/** What a reader does with the pieces of a graph file. */
export interface GraphFileSink {
  header(h: FileHeader): void;
  /** A piece of plain N-Triples ending at a line break. */
  plain(bytes: Uint8Array): void;
  bnodes(bytes: Uint8Array): void;
}

/** A graph file's triples as N-Triples text (checked as `readGraphFileSync` checks it). */
export function graphFileText(path: string): string {
  const parts: Buffer[] = [];
  readGraphFileSync(path, {
    header: () => undefined,
    plain: (b) => void parts.push(Buffer.from(b)),
    bnodes: (b) => void parts.push(Buffer.from(b)),
  });
  return Buffer.concat(parts).toString("utf8");
}

/**
 * Reads a graph file synchronously (so that a replica swaps a graph without any query in between),
 * piece by piece, checking its size and SHA-256. Throws InputError `store/corrupt-file` when it does not match.
 */
export function readGraphFileSync(path: string, sink: GraphFileSink): FileHeader {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, 1 << 16));
    readSync(fd, head, 0, head.length, 0);
    const nl = head.indexOf(10);
    if (!head.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC)) || nl < 0)
      throw corrupt(path, "no vivant-graph header");
    let header: FileHeader;
    try {
      header = JSON.parse(head.subarray(MAGIC.length, nl).toString("utf8")) as FileHeader;
    } catch {
      throw corrupt(path, "unreadable header");
    }
    const bodyStart = nl + 1;
    if (header.format !== 1 || size !== bodyStart + header.plainBytes + header.bnodeBytes) {
      throw corrupt(path, `size ${size} does not match its header`);
    }
    sink.header(header);
    const hash = createHash("sha256");
    const buffer = Buffer.alloc(Math.min(READ_CHUNK, Math.max(header.plainBytes, 1)));
    let pos = bodyStart;
    let carry = 0;
    const plainEnd = bodyStart + header.plainBytes;
    while (pos < plainEnd) {
      const want = Math.min(buffer.length - carry, plainEnd - pos);
      const got = readSync(fd, buffer, carry, want, pos);
      if (got <= 0) throw corrupt(path, "unexpected end of file");
      pos += got;
      const filled = carry + got;
      hash.update(buffer.subarray(carry, filled));
      const cut = pos === plainEnd ? filled : buffer.lastIndexOf(10, filled - 1) + 1;
      if (cut <= 0) {
        if (filled === buffer.length) throw corrupt(path, "a line longer than the read buffer");
        carry = filled;
        continue;
      }
      sink.plain(buffer.subarray(0, cut));
      buffer.copy(buffer, 0, cut, filled);
      carry = filled - cut;
    }
    if (header.bnodeBytes) {
      const b = Buffer.alloc(header.bnodeBytes);
      if (readSync(fd, b, 0, b.length, plainEnd) !== b.length) throw corrupt(path, "unexpected end of file");
      hash.update(b);
      sink.bnodes(b);
    }
    if (hash.digest("hex") !== header.sha256) throw corrupt(path, "SHA-256 mismatch");
    return header;
  } finally {
    closeSync(fd);
  }
}

/** The header alone (for listings), or undefined when the file is not a graph file. */
export async function readGraphHeader(path: string): Promise<FileHeader | undefined> {
  const fh = await open(path, "r");
  try {
    const head = Buffer.alloc(1 << 16);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    const text = head.subarray(0, bytesRead).toString("utf8");
    const nl = text.indexOf("\n");
    if (!text.startsWith(MAGIC) || nl < 0) return undefined;
    return JSON.parse(text.slice(MAGIC.length, nl)) as FileHeader;
  } catch {
    return undefined;
  } finally {
    await fh.close();
  }
}

function corrupt(path: string, why: string): InputError {
  return new InputError("store/corrupt-file", tx("store/corrupt-file", { path, reason: why }), {
    hint: tx("store/corrupt-file.hint"),
  });
}

const ioError = storageError;
