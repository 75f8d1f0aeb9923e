// The writers' lock on a data directory: one process writes a data directory at a time, and a lock left by a dead
// process is taken over without two processes ever both holding it.

import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { link, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { UsageError, type Text } from "../errors.js";
import { tx } from "../i18n.js";
import { storageError as ioError } from "./storage-error.js";

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
