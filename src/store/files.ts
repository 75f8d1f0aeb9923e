// The store's durability: one file per publisher graph in the data directory, replaced atomically
// (temp file + fsync + rename + fsync of the directory), checked by size and SHA-256 when read back.
//
// File layout (N-Triples with a header comment, so `tail -n +2 file` is plain N-Triples):
//   # vivant-graph {"format":1,"graphIri":…,"meta":…,"plainBytes":…,"bnodeBytes":…,"triples":…,"sha256":…}
//   <plain triples: chunks, each loadable on its own>
//   <triples with blank nodes: loaded in one call>

import { tx, txBy } from "../i18n.js";
import { createHash, randomBytes } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync, rmSync } from "node:fs";
import { link, mkdir, open, readdir, rename, rm, unlink, writeFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  InputError,
  isErrorNamed,
  UsageError,
  type Message,
  type Text,
  type Warn,
  type ProblemCode,
  type ErrorCopy,
} from "../errors.js";
import type { GraphInfo } from "./types.js";
import type { EncodedNTriples, NTriplesGraph } from "./ntriples.js";
import { DurableWriteError, fsyncDir, isDurableTemp, writeDurably } from "./durable.js";

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

/** A failed write of the data directory; `status` is the HTTP status the server answers with. */
export class StorageError extends UsageError {
  /** 507 when the disk or the quota is full (ENOSPC, EDQUOT), 500 otherwise. */
  readonly status: number;
  /** The system error code (ENOSPC, EIO, EFBIG…), when known. */
  readonly errno?: string;
  constructor(
    code: ProblemCode,
    message: Message,
    status: number,
    options: { hint?: Message; cause?: unknown; errno?: string },
  ) {
    super(code, message, options);
    this.name = "StorageError";
    this.status = status;
    if (options.errno !== undefined) this.errno = options.errno;
  }
}

/** True for a `StorageError`, or a plain copy of one (see `isErrorNamed`). */
export function isStorageError(e: unknown): e is ErrorCopy<StorageError> {
  return e instanceof StorageError || isErrorNamed(e, "StorageError");
}

function storageError(message: Text, cause: unknown): StorageError {
  const errno = (cause as NodeJS.ErrnoException | undefined)?.code;
  const full = errno === "ENOSPC" || errno === "EDQUOT";
  const reason = (cause as Error).message;
  return new StorageError(
    full ? "store/no-space" : "store/io",
    { en: `${message.en}: ${reason}`, fr: `${message.fr} : « ${reason} »` },
    full ? 507 : 500,
    {
      hint: full ? tx("store/no-space.hint") : tx("store/io.hint"),
      cause,
      ...(errno !== undefined ? { errno } : {}),
    },
  );
}

const ioError = storageError;

/** Lock files of a data directory: `lock.<generation>` (and `lock`, generation 0, of older versions). */
const LOCK_NAME = /^lock(?:\.([1-9][0-9]{0,15}))?$/;
const LOCK_CANDIDATE = /^\.lock-(\d+)-[0-9a-f]+$/;

async function lockFiles(dataDir: string): Promise<{ gen: number; path: string }[]> {
  const out: { gen: number; path: string }[] = [];
  for (const name of await readdir(dataDir)) {
    const m = LOCK_NAME.exec(name);
    if (m) out.push({ gen: m[1] === undefined ? 0 : Number(m[1]), path: join(dataDir, name) });
  }
  return out.sort((a, b) => b.gen - a.gen);
}

/** The pid in a lock file; 0 when unreadable (a lock of a crashed older version); undefined when the file is gone. */
async function lockPid(path: string): Promise<number | undefined> {
  try {
    return Number((await readFile(path, "utf8")).trim()) || 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

const heldBy = (pid: number | undefined): boolean =>
  pid !== undefined && pid !== 0 && (pid === process.pid || isAlive(pid));

/**
 * An exclusive lock on a data directory for writers (one process writes a data directory at a time).
 * A lock left by a dead process is taken over atomically: each taker links its own complete lock file as the next
 * generation (`lock.<n+1>`, an exclusive create), and holds the lock only if, after that, no higher generation
 * exists and every lower one is a dead process's. Two processes racing on a stale lock never both hold it.
 */
export async function lockDataDir(dataDir: string): Promise<() => void> {
  const candidate = join(dataDir, `.lock-${process.pid}-${randomBytes(6).toString("hex")}`);
  try {
    await writeFile(candidate, `${process.pid}\n`, { flag: "wx" });
  } catch (e) {
    throw ioError(tx("store/locked", { dir: dataDir }), e);
  }
  try {
    for (let attempt = 0; attempt < 20; attempt++) {
      const top = (await lockFiles(dataDir))[0];
      if (top) {
        const pid = await lockPid(top.path);
        if (pid === undefined) continue; // released meanwhile: look again
        if (heldBy(pid)) throw locked(dataDir, pid);
      }
      const gen = (top?.gen ?? 0) + 1;
      const mine = join(dataDir, `lock.${gen}`);
      try {
        await link(candidate, mine);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EEXIST") continue; // another process took this generation
        throw ioError(tx("store/locked", { dir: dataDir }), e);
      }
      // Holding: no later generation, and every earlier one a dead process's (its file may be gone).
      let holds = true;
      for (const l of await lockFiles(dataDir)) {
        if (l.gen > gen || (l.gen < gen && heldBy(await lockPid(l.path)))) holds = false;
      }
      if (!holds) {
        await rm(mine, { force: true });
        continue;
      }
      for (const l of await lockFiles(dataDir)) if (l.gen < gen) await rm(l.path, { force: true });
      await removeDeadCandidates(dataDir);
      return () => rmSync(mine, { force: true });
    }
    throw new UsageError("store/locked", tx("store/locked", { dir: dataDir }), { hint: tx("store/locked.hint") });
  } finally {
    await rm(candidate, { force: true });
  }
}

/** Lock candidates left by processes that died before linking them. */
async function removeDeadCandidates(dataDir: string): Promise<void> {
  for (const name of await readdir(dataDir)) {
    const m = LOCK_CANDIDATE.exec(name);
    if (m && Number(m[1]) !== process.pid && !isAlive(Number(m[1]))) await rm(join(dataDir, name), { force: true });
  }
}

function locked(dataDir: string, pid: number): UsageError {
  return new UsageError("store/locked", tx("store/in-use", { dir: dataDir, pid }), { hint: pidHint(pid) });
}

function pidHint(pid: number): Text {
  return pid === process.pid ? tx("store/in-use.same-process") : tx("store/in-use.hint");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
