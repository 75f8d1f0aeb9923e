// Engine results → ValidationIssues: stable codes, bilingual messages, N-Triples values, and the record and
// input field behind the focus node when the input was records (through the mapper's origins).

import type { Term } from "@rdfjs/types";
import type { Severity } from "../errors.js";
import type { Origin, Origins } from "../mapping/types.js";
import { SH } from "../vocab.js";
import type { IndexedDataset } from "./dataset.js";
import { termKey } from "./dataset.js";
import type { CompiledShapes, RawResult } from "./engine.js";
import { kebab } from "./engine.js";
import { componentName, compactIri, issueMessage } from "./messages.js";
import { simplePredicate } from "./paths.js";
import type { ValidationIssue } from "./types.js";

const SEVERITIES: Readonly<Record<string, Severity>> = {
  [`${SH}Violation`]: "violation",
  [`${SH}Warning`]: "warning",
  [`${SH}Info`]: "info",
};

/** N-Triples form of a term (escaped as N-Triples requires). */
export function termToNt(t: Term): string {
  switch (t.termType) {
    case "NamedNode":
      return `<${t.value}>`;
    case "BlankNode":
      return `_:${t.value}`;
    case "Literal": {
      const v = `"${t.value.replace(/[\\"\n\r]/g, (c) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r" })[c]!)}"`;
      if (t.language) return `${v}@${t.language}`;
      return t.datatype.value === "http://www.w3.org/2001/XMLSchema#string" ? v : `${v}^^<${t.datatype.value}>`;
    }
    default:
      return t.value;
  }
}

/** IRI, or `_:label` for a blank node. */
export function nodeId(t: Term): string {
  return t.termType === "BlankNode" ? `_:${t.value}` : t.value;
}

/** The origin of a node: its own, its owner's for `owner#fragment` IRIs, or the origin of the node that points to it. */
export function originOf(node: Term, origins: Origins, data?: IndexedDataset, depth = 0): Origin | undefined {
  if (node.termType === "NamedNode") {
    const own = origins.get(node.value);
    if (own) return own;
    const hash = node.value.indexOf("#");
    if (hash > 0) {
      const owner = origins.get(node.value.slice(0, hash));
      if (owner) return owner;
    }
  }
  if (node.termType === "BlankNode" && data && depth < 4) {
    for (const q of data.find(null, null, node, null)) {
      const o = originOf(q.subject, origins, data, depth + 1);
      if (o) return o;
    }
  }
  return undefined;
}

/** The issue code of a result: the shape's code, plus the component when the shape carries several. */
export function issueCode(shapes: CompiledShapes, r: RawResult): string {
  const info = shapes.shapeInfo(r.shape);
  return info.multiComponent ? `${info.codeBase}/${kebab(componentName(r.constraint))}` : info.codeBase;
}

export function toIssue(shapes: CompiledShapes, r: RawResult, origins?: Origins, data?: IndexedDataset): ValidationIssue {
  const info = shapes.shapeInfo(r.shape);
  const severity = SEVERITIES[r.severity.value];
  const params = { ...info.params, path: r.path !== undefined ? compactIri(r.path) : "" };
  const origin = origins ? originOf(r.focusNode, origins, data) : undefined;
  let field: string | undefined;
  if (origin) {
    const predicate = simplePredicate(r.path);
    field = (predicate !== undefined ? origin.fields.get(predicate) : undefined) ?? origin.path;
  }
  return {
    code: issueCode(shapes, r),
    severity: severity ?? "violation",
    focusNode: nodeId(r.focusNode),
    ...(r.path !== undefined ? { path: r.path } : {}),
    ...(r.value !== undefined ? { value: termToNt(r.value) } : {}),
    message: issueMessage(info.messages, r.constraint, params),
    constraint: r.constraint,
    shape: nodeId(r.shape),
    ...(severity === undefined ? { severityIri: r.severity.value } : {}),
    ...(origin ? { entity: origin.entity, recordId: origin.recordId, ...(field !== undefined ? { field } : {}) } : {}),
  };
}

/** The identity of an issue, for comparing two runs: focus, path, component, shape, value, severity. */
export function issueKey(i: ValidationIssue): string {
  return `${i.focusNode}\u0000${i.path ?? ""}\u0000${i.constraint}\u0000${i.shape ?? ""}\u0000${i.value ?? ""}\u0000${i.severityIri ?? i.severity}`;
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { violation: 0, warning: 1, info: 2 };

/**
 * Sorts issues the same way whatever the order the engine found them in. Identical issues are kept: SHACL reports
 * one result per (shape, focus node, constraint), and a shape with two sh:class values gives two equal-looking ones.
 */
export function normalizeIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return [...issues].sort(
    (a, b) =>
      cmp(a.recordId ?? "\uffff", b.recordId ?? "\uffff") ||
      cmp(a.focusNode, b.focusNode) ||
      cmp(a.field ?? a.path ?? "", b.field ?? b.path ?? "") ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      cmp(a.code, b.code) ||
      cmp(a.value ?? "", b.value ?? ""),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export { termKey };
