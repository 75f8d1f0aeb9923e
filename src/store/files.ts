// The store's durability: one file per publisher graph in the data directory, replaced atomically
// (temp file + fsync + rename + fsync of the directory), checked by size and SHA-256 when read back.
//
// File layout (N-Triples with a header comment, so `tail -n +2 file` is plain N-Triples):
//   # vivant-graph {"format":1,"graphIri":…,"meta":…,"plainBytes":…,"bnodeBytes":…,"triples":…,"sha256":…}
//   <plain triples: chunks, each loadable on its own>
//   <triples with blank nodes: loaded in one call>

import { createHash, randomBytes } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync, rmSync } from "node:fs";
import { mkdir, open, readdir, rename, rm, unlink, writeFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError, UsageError } from "../errors.js";
import type { GraphInfo } from "./types.js";
import type { NTriplesGraph } from "./ntriples.js";

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

async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Creates the data directory layout and removes temp files left by a crash (never renamed, so never acknowledged). */
export async function prepareDataDir(dataDir: string): Promise<void> {
  await mkdir(graphsDir(dataDir), { recursive: true });
  for (const name of await readdir(graphsDir(dataDir))) {
    if (name.startsWith(".tmp-")) await rm(join(graphsDir(dataDir), name), { force: true });
  }
}

/**
 * Writes one graph file atomically: after this resolves, a crash leaves the new file; before, the old one.
 * Never a mix: the new content is complete and fsynced before the rename that publishes it.
 */
export async function writeGraphFile(dataDir: string, info: GraphInfo, nt: NTriplesGraph): Promise<void> {
  const hash = createHash("sha256");
  let plainBytes = 0;
  const buffers: Buffer[] = [];
  for (const c of nt.chunks) {
    const b = Buffer.from(c, "utf8");
    plainBytes += b.length;
    hash.update(b);
    buffers.push(b);
  }
  const bnodes = Buffer.from(nt.bnodeChunk, "utf8");
  hash.update(bnodes);
  const header: FileHeader = { format: 1, info, plainBytes, bnodeBytes: bnodes.length, sha256: hash.digest("hex") };
  const dir = graphsDir(dataDir);
  const target = join(dir, graphFileName(info.graphIri));
  const temp = join(dir, `.tmp-${randomBytes(6).toString("hex")}-${process.pid}`);
  const fh = await open(temp, "wx");
  try {
    await fh.writev([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, "utf8"), ...buffers, bnodes]);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw ioError(`cannot write graph file ${temp}`, e);
  }
  await fh.close();
  try {
    await rename(temp, target);
    await fsyncDir(dir);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw ioError(`cannot publish graph file ${target}`, e);
  }
}

/** Removes a graph file; the removal is durable when this resolves. Returns whether it existed. */
export async function removeGraphFile(dataDir: string, graphIri: string): Promise<boolean> {
  try {
    await unlink(join(graphsDir(dataDir), graphFileName(graphIri)));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw ioError(`cannot remove the file of graph ${graphIri}`, e);
  }
  await fsyncDir(graphsDir(dataDir));
  return true;
}

/** Paths of every graph file in the data directory. */
export async function listGraphFiles(dataDir: string): Promise<string[]> {
  const names = await readdir(graphsDir(dataDir));
  return names.filter((n) => n.endsWith(".nt") && !n.startsWith(".")).sort().map((n) => join(graphsDir(dataDir), n));
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
    if (!head.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC)) || nl < 0) throw corrupt(path, "no vivant-graph header");
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
  return new InputError("store/corrupt-file", `graph file ${path} is unusable: ${why}`, {
    hint: "it is moved to the quarantine folder of the data directory; load the publisher's data again",
  });
}

function ioError(message: string, cause: unknown): UsageError {
  return new UsageError("store/io", `${message}: ${(cause as Error).message}`, {
    hint: "check that the data directory is writable and the disk is not full", cause,
  });
}

/**
 * An exclusive lock on a data directory for writers (one process writes a data directory at a time).
 * A lock left by a dead process is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<() => void> {
  const path = join(dataDir, "lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: "wx" });
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw ioError(`cannot lock ${dataDir}`, e);
      const pid = Number((await readFile(path, "utf8").catch(() => "")).trim());
      if (pid && (pid === process.pid || isAlive(pid))) {
        throw new UsageError("store/locked", `data directory ${dataDir} is in use by process ${pid}`, {
          hint: pidHint(pid),
        });
      }
      await rm(path, { force: true });
    }
  }
  throw new UsageError("store/locked", `cannot lock data directory ${dataDir}`, { hint: "remove its lock file if no Vivant process uses it" });
}

function pidHint(pid: number): string {
  return pid === process.pid
    ? "close the other GraphStore of this process on that directory first"
    : "stop that process, or send the data to its server with the Graph Store Protocol (PUT ?graph=)";
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
