// Validation reports as plain data: one issue per SHACL result, traced back to the record and field when known.

import type { Severity, Text } from "../errors.js";
import type { ProfileName } from "./profiles.js";

/** One thing a profile finds wrong (or worth improving) in the data. */
export interface ValidationIssue {
  /**
   * Stable code: `<profile>/<shape>` (e.g. `core/event-start-date-required`), with `/<component>` appended when the
   * shape carries several constraints (e.g. `artsdata/start-date/min-count`).
   */
  readonly code: string;
  readonly severity: Severity;
  /** IRI of the node the issue is about, or `_:label` for a blank node. */
  readonly focusNode: string;
  /** The property: its IRI for a simple path, SPARQL property-path syntax otherwise (`^<…>`, `<…>/<…>`). */
  readonly path?: string;
  /** The offending value as an N-Triples term: `<http://…>`, `_:b0`, `"2026-13-01"^^<…#dateTime>`, `"Salle"@fr`. */
  readonly value?: string;
  /** What is wrong and how to fix it, in each language. */
  readonly message: Text;
  /** SHACL constraint component IRI, e.g. `http://www.w3.org/ns/shacl#MinCountConstraintComponent`. */
  readonly constraint: string;
  /** IRI (or `_:label`) of the shape that found it. */
  readonly shape?: string;
  /** For a blank focus node: a node that points to it and the property it uses, to find it in the input. */
  readonly reachedFrom?: { readonly node: string; readonly path: string };
  /** When the severity is not sh:Violation, sh:Warning or sh:Info: its IRI (such issues count as violations). */
  readonly severityIri?: string;
  /** With records input: the entity (`performance`, `venue`…), its id, and the input field behind the triple. */
  readonly entity?: string;
  readonly recordId?: string;
  /** JSON path of the input field, e.g. `$.performances[3].startDate`; the record's path when no field produced it. */
  readonly field?: string;
}

/** The outcome of validating with one profile: whether it conforms, the counts, and every issue. */
export interface ValidationReport {
  readonly profile: ProfileName;
  /** No violation (warnings and infos allowed). SHACL's own sh:conforms is stricter: see `shaclConforms`. */
  readonly conforms: boolean;
  readonly violations: number;
  readonly warnings: number;
  readonly issues: ValidationIssue[];
}

/** SHACL's sh:conforms: true only when there is no result at all, whatever its severity. */
export function shaclConforms(report: Pick<ValidationReport, "issues">): boolean {
  return report.issues.length === 0;
}
