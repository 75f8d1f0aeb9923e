// Request bodies of Graph Store writes are spooled to a file in the data directory's `spool/` folder while they
// are read, not kept in memory: a write waits its turn (writes are serialised) as a file, and the write thread
// reads it when its turn comes. The limit is checked on Content-Length first (413 before any byte is read), then
// on every chunk (413 as soon as it is passed; the partial file is removed).

import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { tx } from "../i18n.js";
import { HttpError } from "./http-util.js";

/** A request body on disk: its path and size. `remove()` deletes it (idempotent). */
export interface SpooledBody {
  readonly path: string;
  readonly bytes: number;
  remove(): Promise<void>;
}

/** The 413 problem of a body past `limit` bytes (`option` names the setting that raises it). */
export function bodyTooLarge(limit: number, option = "--max-body"): HttpError {
  // The rest of the body is read and dropped by Node after the answer (not kept), so that the client sees the 413.
  return new HttpError(413, "request/too-large", tx("http/too-large", { limit }), {
    hint: tx(option === "--max-write" ? "http/too-large.write-hint" : "http/too-large.hint"),
  });
}

/** The spool folder of a data directory (emptied when the server starts and stops). */
export function spoolDir(dataDir: string): string {
  return join(dataDir, "spool");
}

/** Empties (and creates) the spool folder: bodies of a previous run are never replayed. */
export async function resetSpool(dataDir: string): Promise<void> {
  await rm(spoolDir(dataDir), { recursive: true, force: true });
  await mkdir(spoolDir(dataDir), { recursive: true });
}

/** What the spool holds now: bodies being read or waiting their turn (for `/health`). */
export class SpoolStats {
  waiting = 0;
  bytes = 0;
}

/**
 * Streams a request body into a new file of `dir`, at most `limit` bytes; 413 (`request/too-large`) when the
 * Content-Length or the bytes read pass it, before the rest is read. The file is removed on any failure.
 */
export async function spoolBody(
  req: IncomingMessage,
  limit: number,
  dir: string,
  stats?: SpoolStats,
  option?: string,
): Promise<SpooledBody> {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (declared > limit) throw bodyTooLarge(limit, option);
  const path = join(dir, `${Date.now().toString(36)}-${randomBytes(6).toString("hex")}.body`);
  const out = createWriteStream(path, { flags: "wx" });
  let size = 0;
  let counted = false;
  const remove = async (): Promise<void> => {
    if (counted) {
      counted = false;
      stats!.waiting--;
      stats!.bytes -= size;
    }
    await rm(path, { force: true });
  };
  if (stats) {
    stats.waiting++;
    counted = true;
  }
  // One listener for the file's errors (ENOSPC…), checked after each write and at the end.
  let failure: Error | undefined;
  const waiters = new Set<(e: Error) => void>();
  out.on("error", (e) => {
    failure = e;
    for (const w of waiters) w(e);
  });
  const settle = (register: (done: () => void) => void): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      const onError = (e: Error): void => reject(e);
      waiters.add(onError);
      register(() => {
        waiters.delete(onError);
        resolve();
      });
    });
  try {
    await settle((done) => out.once("open", done));
    for await (const chunk of req as AsyncIterable<Buffer>) {
      if (size + chunk.length > limit) {
        req.resume();
        throw bodyTooLarge(limit, option);
      }
      size += chunk.length;
      if (stats) stats.bytes += chunk.length;
      if (!out.write(chunk)) await settle((done) => out.once("drain", done));
      if (failure) throw failure;
    }
    await settle((done) => out.end(done));
    if (failure) throw failure;
  } catch (e) {
    out.destroy();
    await remove();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOSPC" || code === "EDQUOT") {
      throw new HttpError(
        507,
        "store/no-space",
        {
          en: "no space left to receive the request body; nothing was written",
          fr: "plus d'espace pour recevoir le corps de la requête ; rien n'a été écrit",
        },
        {
          hint: {
            en: "ask the operator to free space in the data directory",
            fr: "demandez à l'exploitant de libérer de l'espace dans le répertoire de données",
          },
        },
      );
    }
    throw e;
  }
  return { path, bytes: size, remove };
}
