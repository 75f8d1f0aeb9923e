// Lowers the scheduling priority of the calling thread (Linux: a thread's nice value is its own, and the threads it
// starts inherit it), so that bulk work (preparing a large write, validating it) yields the CPU to the query
// workers and the main thread on a busy machine. Elsewhere, or when not allowed, nothing changes.

import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/** Nice value of the write thread: a third of a query worker's CPU share when both are busy (19 is the lowest). */
export const WRITE_THREAD_NICE = 5;

/** Sets this thread's nice value to `nice` (higher is lower priority); returns whether it was applied. */
export function lowerThreadPriority(nice = WRITE_THREAD_NICE): boolean {
  if (process.platform !== "linux") return false;
  try {
    // "/proc/thread-self" → "<pid>/task/<tid>": setpriority on a thread id changes that thread only.
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
