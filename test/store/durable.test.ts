// The one durable write (src/store/durable.ts): whole file or old file, never a temp file left, errors by stage.

import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DurableWriteError, isDurableTemp, writeDurably } from "../../src/store/durable.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "vivant-durable-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const temps = (): string[] => readdirSync(dir).filter((n) => isDurableTemp(n));

describe("writeDurably", () => {
  it("writes every buffer in order, replaces the old file, and reports size and SHA-256", async () => {
    const target = join(dir, "a.txt");
    writeFileSync(target, "old");
    const parts = ["é", "x".repeat(100_000), "fin\n"].map((s) => Buffer.from(s, "utf8"));
    const r = await writeDurably(target, parts, { hash: true });
    const bytes = readFileSync(target);
    expect(bytes.toString("utf8")).toBe(`é${"x".repeat(100_000)}fin\n`);
    expect(r.byteSize).toBe(bytes.length);
    expect(r.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(temps()).toEqual([]);
  });

  it("gzips a stream on the way; the size and hash are the compressed file's", async () => {
    const target = join(dir, "a.gz");
    const r = await writeDurably(
      target,
      (async function* () {
        for (let i = 0; i < 50; i++) yield Buffer.from(`line ${i}\n`);
      })(),
      { gzip: true, hash: true },
    );
    const bytes = readFileSync(target);
    expect(gunzipSync(bytes).toString("utf8").split("\n")).toHaveLength(51);
    expect(r.byteSize).toBe(bytes.length);
    expect(r.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("a source that fails mid-way: its own error, the old file unchanged, no temp file", async () => {
    const target = join(dir, "a.txt");
    writeFileSync(target, "old");
    const boom = new Error("source broke");
    await expect(
      writeDurably(
        target,
        (async function* () {
          yield Buffer.from("new part");
          throw boom;
        })(),
      ),
    ).rejects.toBe(boom);
    expect(readFileSync(target, "utf8")).toBe("old");
    expect(temps()).toEqual([]);
  });

  it("a folder that does not exist: DurableWriteError at stage write, with the system code", async () => {
    const e = await writeDurably(join(dir, "missing", "a.txt"), [Buffer.from("x")]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DurableWriteError);
    expect((e as DurableWriteError).stage).toBe("write");
    expect((e as DurableWriteError).errno).toBe("ENOENT");
    expect((e as DurableWriteError).full).toBe(false);
  });

  it("a rename that fails (the target is a non-empty folder): stage publish, the folder kept, no temp file", async () => {
    const target = join(dir, "taken");
    mkdirSync(target);
    writeFileSync(join(target, "inside"), "keep");
    const e = await writeDurably(target, [Buffer.from("x")]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DurableWriteError);
    expect((e as DurableWriteError).stage).toBe("publish");
    expect(readFileSync(join(target, "inside"), "utf8")).toBe("keep");
    expect(temps()).toEqual([]);
  });
});
