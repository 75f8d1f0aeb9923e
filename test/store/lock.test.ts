// The data directory's lock: a stale lock (its process killed) is taken over by exactly one of several processes
// racing for it, every round; a live lock is never taken over.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const CHILD = fileURLToPath(new URL("./lock-child.ts", import.meta.url));
const TS = new URL("../../src/server/dev/ts-register.mjs", import.meta.url).href;
const dir = mkdtempSync(join(tmpdir(), "vivant-lock-"));
const children: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** A child and a reader of its next output line. */
function child(mode: "hold" | "contend"): { proc: ChildProcessWithoutNullStreams; next: () => Promise<string> } {
  const proc = spawn(process.execPath, ["--import", TS, CHILD, mode, dir]);
  children.push(proc);
  const lines: string[] = [];
  const waiters: ((l: string) => void)[] = [];
  let buffer = "";
  let stderr = "";
  proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  proc.stdout.on("data", (d: Buffer) => {
    buffer += d.toString();
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const w = waiters.shift();
      if (w) w(line);
      else lines.push(line);
    }
  });
  proc.on("exit", (code, signal) => {
    for (const w of waiters.splice(0)) w(`exit ${code ?? signal} ${stderr}`);
  });
  return { proc, next: () => (lines.length ? Promise.resolve(lines.shift()!) : new Promise((r) => waiters.push(r))) };
}

describe("the data directory lock", () => {
  it("lets exactly one of four processes take over a stale lock, in each of 8 rounds", async () => {
    const contenders = Array.from({ length: 4 }, () => child("contend"));
    expect(await Promise.all(contenders.map((c) => c.next()))).toEqual(Array(4).fill("ready"));
    const winners: number[] = [];
    for (let round = 0; round < 8; round++) {
      // A process takes the lock and is killed: its lock is stale.
      const holder = child("hold");
      expect(await holder.next()).toBe("held");
      holder.proc.kill("SIGKILL");
      await new Promise((r) => holder.proc.once("exit", r));
      for (const c of contenders) c.proc.stdin.write("go\n");
      const answers = await Promise.all(contenders.map((c) => c.next()));
      const got = answers.flatMap((a, i) => (a === "got" ? [i] : []));
      expect(got, `round ${round}: ${answers.join(", ")}`).toHaveLength(1);
      expect(answers.filter((a) => a !== "got")).toEqual(Array(3).fill("locked store/locked"));
      winners.push(got[0]!);
      // While the winner lives, nobody else gets the lock.
      const again = contenders.filter((_, i) => i !== got[0]);
      for (const c of again) c.proc.stdin.write("go\n");
      expect(await Promise.all(again.map((c) => c.next()))).toEqual(Array(3).fill("locked store/locked"));
      contenders[got[0]!]!.proc.stdin.write("release\n");
      expect(await contenders[got[0]!]!.next()).toBe("released");
    }
    console.log(`stale-lock winners per round: ${winners.join(" ")}`);
  });
});
