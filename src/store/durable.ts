// Durable, atomic file writes: the one home of "temp file beside the target, every write checked (short writes,
// ENOSPC, EIO), fsync, size checked, rename, fsync of the folder". After `writeDurably` resolves, a crash leaves the
// new file; before, the old one (or none): never a mix. On a failure before the rename the temp file is removed.
// Used by the graph files (store/files.ts), the dumps and the change feed (dataspace/), and the CLI's output files;
// each caller turns a `DurableWriteError` into its own error (StorageError, InputError) with its own words.

import { createHash, randomBytes, type Hash } from "node:crypto";
import { open, rename, unlink, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { VivantError } from "../errors.js";

/** Where a durable write failed: before the rename (`write`: nothing published), at it, or at the folder's fsync after it. */
export type DurableStage = "write" | "publish" | "sync";

/** A failed durable write; `cause` is the system error (its `code`: ENOSPC, EDQUOT, EIO…). */
export class DurableWriteError extends VivantError {
  override readonly cause: unknown;
  constructor(
    readonly stage: DurableStage,
    readonly target: string,
    readonly temp: string,
    cause: unknown,
  ) {
    const errno = (cause as NodeJS.ErrnoException | undefined)?.code;
    super(
      errno === "ENOSPC" || errno === "EDQUOT" ? "store/no-space" : "store/io",
      `${stage} of ${target} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = "DurableWriteError";
    this.cause = cause;
  }

  /** The system error code of the cause (`ENOSPC`…), if any. */
  get errno(): string | undefined {
    return (this.cause as NodeJS.ErrnoException | undefined)?.code;
  }

  /** True when the disk or the quota is full. */
  get full(): boolean {
    return this.errno === "ENOSPC" || this.errno === "EDQUOT";
  }
}

export interface DurableOptions {
  /** Gzip the bytes on the way (the size and hash are those of the file, compressed). */
  readonly gzip?: boolean;
  /** Compute the SHA-256 of the file's bytes (default false). */
  readonly hash?: boolean;
}

export interface DurableResult {
  /** Bytes in the file. */
  readonly byteSize: number;
  /** Hex SHA-256 of the file's bytes, when asked for. */
  readonly sha256: string | undefined;
}

/** Fsyncs a folder, so that a rename or an unlink inside it is durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Writes all of `b` at `position`, looping over short writes; a write that takes nothing is an error (EIO). */
async function writeAt(fh: FileHandle, b: Uint8Array, position: number): Promise<number> {
  let done = 0;
  while (done < b.length) {
    const { bytesWritten } = await fh.write(b, done, b.length - done, position + done);
    if (!(bytesWritten > 0))
      throw Object.assign(new Error(`short write: 0 of ${b.length - done} bytes written`), { code: "EIO" });
    done += bytesWritten;
  }
  return position + done;
}

/** Writes `source` into `fh` from position 0 (through gzip when asked); returns the bytes written. */
async function fill(
  fh: FileHandle,
  source: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  gzip: boolean,
  hash: Hash | undefined,
): Promise<number> {
  let position = 0;
  if (!gzip && Symbol.iterator in source) {
    for (const b of source) {
      position = await writeAt(fh, b, position);
      hash?.update(b);
    }
    return position;
  }
  const sink = new Writable({
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- Writable reports through done(), called on every path
    async write(chunk: Buffer, _enc, done) {
      try {
        position = await writeAt(fh, chunk, position);
        hash?.update(chunk);
        done();
      } catch (e) {
        done(e as Error);
      }
    },
  });
  if (gzip) await pipeline(Readable.from(source), createGzip(), sink);
  else await pipeline(Readable.from(source), sink);
  return position;
}

/**
 * Writes `target` atomically and durably from `source` (buffers, or a stream of them). Throws `DurableWriteError`
 * (stage `write`: nothing published, temp removed; `publish`: the rename failed, temp removed; `sync`: published
 * but the folder's fsync failed). An error thrown by `source` itself is rethrown as it is, after the cleanup.
 */
export async function writeDurably(
  target: string,
  source: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  options: DurableOptions = {},
): Promise<DurableResult> {
  const dir = dirname(target);
  const temp = join(dir, `.tmp-${randomBytes(6).toString("hex")}-${process.pid}`);
  const hash = options.hash ? createHash("sha256") : undefined;
  let fh: FileHandle | undefined;
  let byteSize: number;
  let sourceFailed = false;
  try {
    fh = await open(temp, "wx");
    const handle = fh;
    // A stream's own failure (an InputError from a corrupt graph file, say) is rethrown as it is.
    const watched =
      Symbol.iterator in source
        ? source
        : (async function* () {
            try {
              yield* source;
            } catch (e) {
              sourceFailed = true;
              throw e;
            }
          })();
    byteSize = await fill(handle, watched, options.gzip ?? false, hash);
    await handle.sync();
    const size = (await handle.stat()).size;
    if (size !== byteSize)
      throw Object.assign(new Error(`the file has ${size} bytes after writing ${byteSize}`), { code: "EIO" });
    fh = undefined;
    await handle.close();
  } catch (e) {
    await fh?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    if (sourceFailed) throw e;
    throw new DurableWriteError("write", target, temp, e);
  }
  try {
    await rename(temp, target);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw new DurableWriteError("publish", target, temp, e);
  }
  try {
    await fsyncDir(dir);
  } catch (e) {
    throw new DurableWriteError("sync", target, temp, e);
  }
  return { byteSize, sha256: hash?.digest("hex") };
}

/** True for the temp files `writeDurably` leaves only when the process dies mid-write (never renamed, never acknowledged). */
export function isDurableTemp(path: string): boolean {
  return basename(path).startsWith(".tmp-");
}
