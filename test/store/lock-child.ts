// Child process of the lock test. `hold DIR`: takes the lock, prints `held`, waits to be killed (its lock is then
// stale). `contend DIR`: on each `go` line of stdin tries the lock and prints `got` or `locked <code>`; on `release`
// releases a lock it holds and prints `released`.
import { createInterface } from "node:readline";
import { lockDataDir } from "../../src/store/files.js";

const [mode, dir] = process.argv.slice(2);
if (mode === "hold" && dir) {
  await lockDataDir(dir);
  process.stdout.write("held\n");
  setInterval(() => undefined, 1 << 30);
} else if (mode === "contend" && dir) {
  let unlock: (() => void) | undefined;
  process.stdout.write("ready\n");
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === "go") {
      try {
        unlock = await lockDataDir(dir);
        process.stdout.write("got\n");
      } catch (e) {
        process.stdout.write(`locked ${(e as { code?: string }).code}\n`);
      }
    } else if (line === "release") {
      unlock?.();
      unlock = undefined;
      process.stdout.write("released\n");
    }
  }
}
