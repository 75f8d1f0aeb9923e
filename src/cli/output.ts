// Where a command writes a large output: stdout, or a file written atomically (a temporary file renamed into place
// once complete, removed on failure). Every write waits for the stream to drain, so output of any size is held one
// chunk at a time, never joined into one string.

import { createWriteStream, type WriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { once } from "node:events";
import { resolve } from "node:path";
import { InputError } from "../errors.js";
import { tx } from "../i18n.js";
import { DurableWriteError, writeDurably } from "../store/durable.js";
import type { CliIo } from "./io.js";

/** A destination for streamed text. */
export interface Output {
  /** Writes a chunk, waiting for the stream to drain when its buffer is full. */
  write(chunk: string): Promise<void>;
  /** Ends the output: a file is flushed and renamed into place. */
  close(): Promise<void>;
  /** Gives up: a file's temporary copy is removed and the target left as it was. */
  abort(): Promise<void>;
}

async function writeDrained(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, "drain");
}

/** Opens stdout (no path) or `path` (resolved against the working directory) for a streamed output. */
export function openOutput(io: CliIo, path: string | undefined): Output {
  if (path === undefined) {
    return { write: (c) => writeDrained(io.stdout, c), close: async () => undefined, abort: async () => undefined };
  }
  const target = resolve(io.cwd, path);
  const tmp = `${target}.${process.pid}.tmp`;
  let file: WriteStream | undefined;
  let failed: InputError | undefined;
  let errored: Promise<never> = new Promise(() => undefined);
  const stream = (): WriteStream => {
    if (!file) {
      const f = createWriteStream(tmp);
      errored = new Promise<never>((_, reject) => {
        f.on("error", (e) => {
          failed ??= new InputError("io/write", tx("io/write", { path: target, detail: e.message }), {
            hint: tx("io/write.hint"),
            cause: e,
          });
          reject(failed);
        });
      });
      errored.catch(() => undefined);
      file = f;
    }
    return file;
  };
  return {
    async write(chunk) {
      if (failed) throw failed;
      const f = stream();
      try {
        await Promise.race([writeDrained(f, chunk), errored]);
      } catch (e) {
        throw failed ?? e;
      }
    },
    async close() {
      const f = stream();
      try {
        await Promise.race([new Promise<void>((res) => f.end(() => res())), errored]);
      } catch (e) {
        throw failed ?? e;
      }
      if (failed) throw failed;
      await rename(tmp, target).catch((e: Error) => {
        throw new InputError("io/write", tx("io/write", { path: target, detail: e.message }), {
          hint: tx("io/write.hint"),
          cause: e,
        });
      });
    },
    async abort() {
      file?.destroy();
      await rm(tmp, { force: true });
    },
  };
}

/**
 * Writes a whole output file atomically (store/durable.ts: temp file, checked writes, fsync, rename): a reader
 * sees the old file or the new one, and a failure leaves no temp file. Throws InputError `io/write`.
 */
export async function writeOutputFile(target: string, text: string): Promise<void> {
  try {
    await writeDurably(target, [Buffer.from(text, "utf8")]);
  } catch (e) {
    const cause = e instanceof DurableWriteError ? e.cause : e;
    throw new InputError("io/write", tx("io/write", { path: target, detail: (cause as Error).message }), {
      hint: tx("io/write.hint"),
      cause,
    });
  }
}
