// The plain library validator, used the way shacl-engine's README shows: a new Validator over the shapes, the
// whole graph in one RDF/JS dataset (n3's Store), one validate() call. The benchmark measures Vivant's path
// against it, and the tests check that both find exactly the same results.

import { Store, DataFactory } from "n3";
import { Validator as Engine } from "./shacl-core.js";
import type { Quad } from "@rdfjs/types";
import { termToNt } from "../rdf/ntriples.js";
import { nodeId } from "./issues.js";
import { stepsToPathText, type PathStep } from "./paths.js";
import type { ValidationIssue } from "./types.js";
import { SH } from "../vocab.js";

/** What identifies a SHACL result: focus node, path, component, shape, value and severity (as text). */
export function findingKey(r: {
  focusNode: string;
  path?: string | undefined;
  constraint: string;
  shape?: string | undefined;
  value?: string | undefined;
  severity: string;
}): string {
  return [r.focusNode, r.path ?? "", r.constraint, r.shape ?? "", r.value ?? "", r.severity].join("\u0000");
}

const SEVERITY_IRI = { violation: `${SH}Violation`, warning: `${SH}Warning`, info: `${SH}Info` } as const;

/** The finding key of a Vivant issue. */
export function issueFindingKey(i: ValidationIssue): string {
  return findingKey({ ...i, severity: i.severityIri ?? SEVERITY_IRI[i.severity] });
}

/** Runs the plain engine on the whole graph; returns one finding key per result. */
export async function plainEngineFindings(shapeQuads: readonly Quad[], dataQuads: readonly Quad[]): Promise<string[]> {
  const factory = { ...DataFactory, dataset: (quads?: Quad[]) => new Store(quads) };
  const validator = new Engine(new Store([...shapeQuads]), { factory });
  const report = await validator.validate({ dataset: new Store([...dataQuads]) });
  return report.results.map((r) =>
    findingKey({
      focusNode: nodeId(r.focusNode.term),
      ...(r.path ? { path: stepsToPathText(r.path as readonly PathStep[]) } : {}),
      constraint: r.constraintComponent.value,
      shape: nodeId(r.shape.ptr.term),
      ...(r.value !== undefined && r.value.terms.length > 0 ? { value: termToNt(r.value.terms[0]!) } : {}),
      severity: r.severity.value,
    }),
  );
}
