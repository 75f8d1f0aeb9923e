// Test side of bench/virtuoso.ts: a private Virtuoso per test file. Without Virtuoso the file skips with a visible
// message; in CI (CI set, as .ci/run does) it fails instead: .ci/run installs Debian's virtuoso-opensource.

import { afterAll, beforeAll } from "vitest";
import { startVirtuoso, virtuosoInstalled, VIRTUOSO_BIN, type VirtuosoInstance } from "../../bench/virtuoso.js";

export const virtuosoAvailable = virtuosoInstalled();

/** Call at the top of a test file: throws in CI without Virtuoso, warns and returns false locally. */
export function requireVirtuoso(file: string): boolean {
  if (!virtuosoAvailable && process.env.CI)
    throw new Error(`Virtuoso is not installed at ${VIRTUOSO_BIN}: .ci/run installs Debian's virtuoso-opensource`);
  if (!virtuosoAvailable)
    console.warn(`${file} skipped: no Virtuoso at ${VIRTUOSO_BIN} (apt-get install virtuoso-opensource)`);
  return virtuosoAvailable;
}

/** Starts a Virtuoso before the file's tests and stops it after; `get()` gives the running instance. */
export function useVirtuoso(): { get(): VirtuosoInstance } {
  let v: VirtuosoInstance | undefined;
  beforeAll(async () => {
    if (virtuosoAvailable) v = await startVirtuoso();
  }, 120_000);
  afterAll(async () => {
    await v?.stop();
  });
  return {
    get() {
      if (!v) throw new Error("Virtuoso did not start");
      return v;
    },
  };
}
