// Shared by the import tests: fixture and corpus paths.

import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const IMPORT_FIXTURES = fileURLToPath(new URL("../../fixtures/import/", import.meta.url));
export const CORPORA = fileURLToPath(new URL("../../../shared/corpora/", import.meta.url));
export const HAS_CORPORA = existsSync(CORPORA);

export function fixtureText(name: string): string {
  return readFileSync(`${IMPORT_FIXTURES}${name}`, "utf8");
}
export function corpusJson(path: string): unknown {
  return JSON.parse(readFileSync(`${CORPORA}${path}`, "utf8"));
}
export function warnIfNoCorpora(what: string): void {
  if (!HAS_CORPORA) console.warn(`[vivant tests] ../shared/corpora not found: skipping ${what}`);
}
