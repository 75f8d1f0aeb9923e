// Builds the Problems that harvest and the importers report (bilingual, with a stable code).

import type { Problem, Severity } from "../errors.js";

/** A problem as its builder takes it: a `Problem` whose severity defaults to a violation. */
export type ProblemSpec = Omit<Problem, "severity"> & { readonly severity?: Severity };

export function problem(spec: ProblemSpec): Problem {
  return {
    code: spec.code,
    severity: spec.severity ?? "violation",
    entity: spec.entity,
    ...(spec.recordId !== undefined ? { recordId: spec.recordId } : {}),
    path: spec.path,
    ...(spec.value !== undefined ? { value: spec.value } : {}),
    expected: spec.expected,
    message: spec.message,
    hint: spec.hint,
  };
}

/** Counts problems by code, most frequent first. */
export function countByCode(problems: readonly Problem[], severity?: Severity): [string, number][] {
  const counts = new Map<string, number>();
  for (const p of problems)
    if (severity === undefined || p.severity === severity) counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
