// The files behind dumps: a graph file of the data directory read in pieces that end at a line break (its header
// and SHA-256 checked), those pieces turned into N-Quads or Turtle, and a file written atomically and durably from a
// stream of buffers (gzipped when asked), with its byte size and SHA-256.

import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { Parser, Writer } from "n3";
import { InputError, type Text } from "../errors.js";
import { tx, txBy } from "../i18n.js";
import { DEFAULT_PREFIXES } from "../rdf/io.js";
import { DurableWriteError, writeDurably } from "../store/durable.js";
import { StorageError, type FileHeader } from "../store/files.js";

/** Bytes of a graph file read at a time while dumping. */
const PIECE = 2 ** 20;

/** A graph file opened for reading: its header, then its N-Triples in pieces that end at a line break. */
export async function openGraph(
  path: string,
): Promise<{ header: FileHeader; pieces: () => AsyncGenerator<Buffer>; close: () => Promise<void> }> {
  const fh = await open(path, "r");
  try {
    const head = Buffer.alloc(1 << 16);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    const nl = head.subarray(0, bytesRead).indexOf(10);
    const magic = "# vivant-graph ";
    if (nl < 0 || head.subarray(0, magic.length).toString() !== magic)
      throw corrupt(path, tx("dump/corrupt.no-header"));
    const header = JSON.parse(head.subarray(magic.length, nl).toString("utf8")) as FileHeader;
    const start = nl + 1;
    const size = (await fh.stat()).size;
    if (header.format !== 1 || size !== start + header.plainBytes + header.bnodeBytes)
      throw corrupt(path, tx("dump/corrupt.size", { size }));
    async function* pieces(): AsyncGenerator<Buffer> {
      const hash = createHash("sha256");
      const end = size;
      let pos = start;
      let carry = Buffer.alloc(0);
      while (pos < end) {
        const buf = Buffer.alloc(Math.min(PIECE, end - pos));
        const { bytesRead: got } = await fh.read(buf, 0, buf.length, pos);
        if (got <= 0) throw corrupt(path, tx("dump/corrupt.truncated"));
        pos += got;
        const piece = buf.subarray(0, got);
        hash.update(piece);
        const all = carry.length ? Buffer.concat([carry, piece]) : piece;
        const cut = pos === end ? all.length : all.lastIndexOf(10) + 1;
        carry = Buffer.from(all.subarray(cut));
        if (cut > 0) yield all.subarray(0, cut);
      }
      // A file that changed under the reader, or was damaged, never becomes a dump.
      if (hash.digest("hex") !== header.sha256) throw corrupt(path, tx("dump/corrupt.sha256"));
    }
    return { header, pieces, close: () => fh.close() };
  } catch (e) {
    await fh.close();
    if (e instanceof SyntaxError) throw corrupt(path, tx("dump/corrupt.header"));
    throw e;
  }
}

function corrupt(path: string, why: Text): InputError {
  return new InputError(
    "dump/corrupt-graph-file",
    txBy("dump/corrupt-graph-file", (lang) => ({ path, why: why[lang] })),
    { hint: tx("dump/corrupt-graph-file.hint") },
  );
}

/** N-Triples lines → N-Quads lines in `graph` (each line `s p o .` becomes `s p o <graph> .`). */
export function* toNQuads(piece: Buffer, graph: string): Generator<Buffer> {
  const g = Buffer.from(` <${graph}> .\n`, "utf8");
  const out: Buffer[] = [];
  let from = 0;
  for (let nl = piece.indexOf(10); nl >= 0; nl = piece.indexOf(10, from)) {
    let end = nl;
    while (end > from && (piece[end - 1] === 32 || piece[end - 1] === 13 || piece[end - 1] === 9)) end--;
    if (end > from && piece[end - 1] === 46) {
      end--;
      while (end > from && (piece[end - 1] === 32 || piece[end - 1] === 9)) end--;
      out.push(piece.subarray(from, end), g);
    }
    from = nl + 1;
  }
  yield Buffer.concat(out);
}

/**
 * Writes `dir/name` atomically and durably (store/durable.ts) from a stream of buffers, gzipped when asked, and
 * returns its byte size and SHA-256: after this resolves the file is complete; before, the old file (or none).
 * Throws StorageError, or the source's own InputError (a corrupt graph file).
 */
export async function writeAtomically(
  dir: string,
  name: string,
  source: AsyncIterable<Buffer>,
  gzip: boolean,
  what = "dump",
): Promise<{ byteSize: number; sha256: string }> {
  const target = join(dir, name);
  try {
    const { byteSize, sha256 } = await writeDurably(target, source, { gzip, hash: true });
    return { byteSize, sha256: sha256! };
  } catch (e) {
    if (!(e instanceof DurableWriteError)) throw e;
    throw new StorageError(
      e.full ? "store/no-space" : "store/io",
      `cannot write ${what} ${target} (nothing published): ${(e.cause as Error).message}`,
      e.full ? 507 : 500,
      {
        hint: e.full ? "free space on the data directory's disk" : "check that the data directory is writable",
        cause: e.cause,
        ...(e.errno !== undefined ? { errno: e.errno } : {}),
      },
    );
  }
}

/** N-Triples pieces → Turtle with the usual prefixes, one piece at a time (an n3 Writer on a sink drained per piece). */
export async function* toTurtle(pieces: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let pending: string[] = [];
  const writer = new Writer(
    {
      write: (s: string, _e?: unknown, done?: () => void) => {
        pending.push(s);
        done?.();
        return true;
      },
      end: (done?: () => void) => done?.(),
    },
    { prefixes: { ...DEFAULT_PREFIXES } },
  );
  const drain = (): Buffer => {
    const b = Buffer.from(pending.join(""), "utf8");
    pending = [];
    return b;
  };
  for await (const piece of pieces) {
    for (const q of new Parser({ format: "application/n-triples" }).parse(piece.toString("utf8"))) writer.addQuad(q);
    yield drain();
  }
  await new Promise<void>((resolve) => writer.end(() => resolve()));
  yield drain();
}

/**
 * Writes `bytes` to `dir/name` atomically (temp file, fsync, rename, fsync of the folder); `what` names the file in
 * the StorageError (the change feed and the follower keep their state with it, not only dumps).
 */
export async function writeBytesAtomically(dir: string, name: string, bytes: Uint8Array, what = "file"): Promise<void> {
  await writeAtomically(
    dir,
    name,
    (async function* () {
      yield Buffer.from(bytes);
    })(),
    false,
    what,
  );
}

export async function writeJsonAtomically(dir: string, name: string, value: unknown): Promise<void> {
  await writeAtomically(
    dir,
    name,
    (async function* () {
      yield Buffer.from(`${JSON.stringify(value, null, 2)}\n`, "utf8");
    })(),
    false,
  );
}
