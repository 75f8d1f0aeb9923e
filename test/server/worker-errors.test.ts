// An error that crosses a worker thread arrives as a plain copy: it has the fields of its class (name, code, text),
// not its methods. The guards recognise it, and every caller reads it with messageOf, never with a method it lacks
// (the CLI once died with "e.messageIn is not a function" when the copy arrived before the worker's own report).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { InputError, isInputError, isVivantError, messageOf, VivantError } from "../../src/errors.js";
import { QueryPool } from "../../src/server/pool.js";

const dir = mkdtempSync(join(tmpdir(), "vivant-worker-errors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a worker thread's "error" event carries for an InputError thrown in the thread. */
function copyFromThread(): Promise<unknown> {
  const code = `
    class InputError extends Error {
      constructor() {
        super("not a data directory (run vivant load)");
        this.name = "InputError";
        this.code = "store/not-a-data-dir";
        this.text = { en: "not a data directory", fr: "ce n'est pas un dossier de données" };
        this.hintText = { en: "run vivant load", fr: "lancez vivant load" };
      }
    }
    throw new InputError();`;
  return new Promise((done) => new Worker(code, { eval: true }).once("error", done));
}

describe("an error copied from a worker thread", () => {
  it("passes the guards, has no methods, and is read with messageOf in each language", async () => {
    const copy = await copyFromThread();
    expect(copy instanceof InputError).toBe(false);
    expect(isVivantError(copy)).toBe(true);
    expect(isInputError(copy)).toBe(true);
    expect((copy as { messageIn?: unknown }).messageIn).toBeUndefined();
    expect(messageOf(copy, "en")).toBe("not a data directory (run vivant load)");
    expect(messageOf(copy, "fr")).toBe("ce n'est pas un dossier de données (lancez vivant load)");
  });

  it("makes a query pool's start fail with a Vivant error instance, in both languages", async () => {
    const empty = mkdtempSync(join(dir, "empty-"));
    // Several starts: the thread's uncaught error and its "fatal" message arrive in either order.
    for (let i = 0; i < 4; i++) {
      const failure = await QueryPool.start({
        dataDir: join(empty, "missing"),
        workers: 1,
        timeoutMs: 10_000,
        unionDefaultGraph: true,
        maxResultBytes: 2 ** 20,
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(VivantError);
      const e = failure as VivantError;
      expect(e.code).toBe("server/worker-failed");
      expect(e.messageIn("en")).not.toBe(e.messageIn("fr"));
      expect(e.messageIn("fr")).not.toContain("undefined");
    }
  }, 60_000);
});
