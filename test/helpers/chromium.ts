// Debian's Chromium for the browser tests, driven by playwright-core (never a downloaded browser): where it is,
// whether it is there (outside CI a missing browser skips with a message; in CI it fails), and how it is started.

import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

export const CHROMIUM = process.env.VIVANT_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_AVAILABLE = existsSync(CHROMIUM);

/** Throws in CI when Chromium is missing; elsewhere warns that `file` is skipped. */
export function requireChromium(file: string): void {
  if (!CHROMIUM_AVAILABLE && process.env.CI)
    throw new Error(`Chromium is not installed at ${CHROMIUM}: .ci/run installs Debian's chromium package`);
  if (!CHROMIUM_AVAILABLE)
    console.warn(`${file} skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set VIVANT_CHROMIUM)`);
}

/** Headless Chromium without network side traffic (no updates, sync or QUIC probes). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
