// Shared by the harvest tests: fixture paths, the corpora folder and small quad queries.

import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Quad } from "@rdfjs/types";

export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
export const PIPELINE_FIXTURES = `${FIXTURES}artsdata-pipeline-action/`;
/** `../shared/corpora` from the repository root. */
export const CORPORA = fileURLToPath(new URL("../../../shared/corpora/", import.meta.url));
export const HAS_CORPORA = existsSync(CORPORA);

export const SCHEMA = "http://schema.org/";
export const PAGE = "https://venue.example/events/page";
export const FETCHED_AT = "2026-01-15T10:00:00.000Z";

export function pipelineFixture(name: string): string {
  return readFileSync(`${PIPELINE_FIXTURES}${name}.jsonld`, "utf8");
}

export function objects(quads: readonly Quad[], subject: string | undefined, predicate: string): Quad["object"][] {
  return quads
    .filter((q) => (subject === undefined || q.subject.value === subject) && q.predicate.value === predicate)
    .map((q) => q.object);
}

export function subjectsOfType(quads: readonly Quad[], type: string): string[] {
  return [
    ...new Set(
      quads
        .filter(
          (q) =>
            q.predicate.value === "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" &&
            q.object.value === `${SCHEMA}${type}`,
        )
        .map((q) => q.subject.value),
    ),
  ];
}

/** Logs once which corpus-based tests are skipped, so a run without ../shared/corpora says so. */
export function warnIfNoCorpora(what: string): void {
  if (!HAS_CORPORA) console.warn(`[vivant tests] ../shared/corpora not found: skipping ${what}`);
}
