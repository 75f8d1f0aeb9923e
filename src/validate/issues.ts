// Engine results → ValidationIssues: stable codes, bilingual messages, N-Triples values, and the record and
// input field behind the focus node when the input was records (through the mapper's origins).

import type { Term } from "@rdfjs/types";
import type { Severity } from "../errors.js";
import type { Origin, Origins } from "../mapping/types.js";
import { termToNt } from "../rdf/ntriples.js";
import { RDF_TYPE, SH } from "../vocab.js";
import type { IndexedDataset } from "./dataset.js";
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

/** IRI, or `_:label` for a blank node. */
export function nodeId(t: Term): string {
  return t.termType === "BlankNode" ? `_:${t.value}` : t.value;
}

/**
 * The origin of a node: its own, its owner's for `owner#fragment` IRIs, or (for a blank node) the origin of the
 * node that points to it, in which case `exact` is false: the record is known, not the field.
 */
export function originOf(
  node: Term,
  origins: Origins,
  data?: IndexedDataset,
  depth = 0,
): { origin: Origin; exact: boolean } | undefined {
  if (node.termType === "NamedNode") {
    const own = origins.get(node.value);
    if (own) return { origin: own, exact: true };
    const hash = node.value.indexOf("#");
    if (hash > 0) {
      const owner = origins.get(node.value.slice(0, hash));
      if (owner) return { origin: owner, exact: true };
    }
  }
  if (node.termType === "BlankNode" && data && depth < 4) {
    for (const q of data.find(null, null, node, null)) {
      const o = originOf(q.subject, origins, data, depth + 1);
      if (o) return { origin: o.origin, exact: false };
    }
  }
  return undefined;
}

/** The record field that produces each schema.org property, for pointing at a field that is missing. */
const FIELD_OF: Readonly<Record<string, string>> = {
  name: "name",
  description: "description",
  startDate: "startDate",
  endDate: "endDate",
  doorTime: "doorTime",
  duration: "duration",
  location: "venue",
  offers: "offers",
  eventStatus: "status",
  eventAttendanceMode: "attendanceMode",
  previousStartDate: "status.previousStartDate",
  image: "images",
  organizer: "organizers",
  performer: "performers",
  url: "url",
  inLanguage: "inLanguage",
  workPerformed: "production",
  superEvent: "series",
  typicalAgeRange: "audienceAge",
  sameAs: "sameAs",
  address: "address",
  geo: "geo",
  maximumAttendeeCapacity: "maximumAttendeeCapacity",
  streetAddress: "streetAddress",
  postalCode: "postalCode",
  addressLocality: "addressLocality",
  addressRegion: "addressRegion",
  addressCountry: "addressCountry",
  latitude: "latitude",
  longitude: "longitude",
  price: "price",
  priceCurrency: "priceCurrency",
  availability: "availability",
  validFrom: "validFrom",
  isAccessibleForFree: "free",
  roleName: "roleName",
  characterName: "characterName",
  telephone: "telephone",
};

/**
 * The JSON path of the input field to fix: the field that produced the triple when there is one; for a missing
 * property, where that field would go in the record (or the record itself when the property has no field).
 */
export function inputField(origin: Origin, node: Term, predicate: string | undefined): string {
  if (predicate === undefined) return origin.path;
  const produced = origin.fields.get(predicate);
  if (produced !== undefined) return produced;
  // A node inside a record (address, offer…) starts where its rdf:type came from; a record, at its own path.
  const typeField = origin.fields.get("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
  const base =
    node.termType === "NamedNode" && node.value.includes("#") && typeField !== undefined ? typeField : origin.path;
  const name = predicate.startsWith("http://schema.org/") ? FIELD_OF[predicate.slice(18)] : undefined;
  return name !== undefined ? `${base}.${name}` : base;
}

/** The issue code of a result: the shape's code, plus the component when the shape carries several. */
export function issueCode(shapes: CompiledShapes, r: RawResult): string {
  const info = shapes.shapeInfo(r.shape);
  return info.multiComponent ? `${info.codeBase}/${kebab(componentName(r.constraint))}` : info.codeBase;
}

export function toIssue(
  shapes: CompiledShapes,
  r: RawResult,
  origins?: Origins,
  data?: IndexedDataset,
): ValidationIssue {
  const info = shapes.shapeInfo(r.shape);
  const severity = SEVERITIES[r.severity.value];
  const params = { ...info.params, path: r.path !== undefined ? compactIri(r.path) : "" };
  const issue: ValidationIssue = {
    code: issueCode(shapes, r),
    severity: severity ?? "violation",
    focusNode: nodeId(r.focusNode),
    ...(r.path !== undefined ? { path: r.path } : {}),
    ...(r.value !== undefined ? { value: termToNt(r.value) } : {}),
    message: issueMessage(info.messages, r.constraint, params),
    constraint: r.constraint,
    shape: nodeId(r.shape),
    ...(severity === undefined ? { severityIri: r.severity.value } : {}),
    ...(r.focusNode.termType === "BlankNode" && data ? reachedFrom(r.focusNode, data) : {}),
  };
  return origins ? withOrigin(issue, r.focusNode, info.about, origins, data) : issue;
}

/** The first node (preferably an IRI) that points to a blank node, and through which property. */
function reachedFrom(
  node: Term,
  data: IndexedDataset,
): { reachedFrom: { node: string; path: string } } | Record<string, never> {
  const incoming = data.find(null, null, node, null);
  const q = incoming.find((x) => x.subject.termType === "NamedNode") ?? incoming[0];
  return q ? { reachedFrom: { node: nodeId(q.subject), path: q.predicate.value } } : {};
}

/** Adds the record and input field behind an issue's focus node (unchanged when the node has no origin). */
export function withOrigin(
  issue: ValidationIssue,
  focus: Term,
  about: string | undefined,
  origins: Origins,
  data?: IndexedDataset,
): ValidationIssue {
  let found = originOf(focus, origins, data);
  // Without the data (batches validated elsewhere), a blank node's record is its referrer's.
  if (!found && issue.reachedFrom) {
    const via = originOf(
      issue.reachedFrom.node.startsWith("_:")
        ? ({ termType: "BlankNode", value: issue.reachedFrom.node.slice(2) } as Term)
        : ({ termType: "NamedNode", value: issue.reachedFrom.node } as Term),
      origins,
    );
    if (via) found = { origin: via.origin, exact: false };
  }
  if (!found) return issue;
  const { origin, exact } = found;
  const field = exact ? inputField(origin, focus, simplePredicate(issue.path) ?? about) : origin.path;
  return { ...issue, entity: origin.entity, recordId: origin.recordId, field };
}

/**
 * What `withOrigin` reads of the origins for these issues: the subjects whose origin can name their record (focus
 * nodes, referrers, and the records owning them) and, for each, the only fields it reads (an issue's predicate, or
 * its shape's `about`, and rdf:type). Origins made for these alone give every issue the same record and field.
 */
export function originFieldsRead(
  issues: readonly ValidationIssue[],
  about: (issue: ValidationIssue) => string | undefined,
): { subjects: Set<string>; predicates: Map<string, Set<string>> } {
  const subjects = new Set<string>();
  const predicates = new Map<string, Set<string>>();
  const add = (node: string, read: readonly string[]): void => {
    if (node.startsWith("_:")) return;
    const hash = node.indexOf("#");
    for (const s of hash > 0 ? [node, node.slice(0, hash)] : [node]) {
      subjects.add(s);
      let set = predicates.get(s);
      if (!set) predicates.set(s, (set = new Set()));
      for (const p of read) set.add(p);
    }
  };
  for (const i of issues) {
    const predicate = simplePredicate(i.path) ?? about(i);
    add(i.focusNode, predicate !== undefined ? [predicate, RDF_TYPE] : []);
    // A referrer's origin names the record only (its path), never a field.
    if (i.reachedFrom) add(i.reachedFrom.node, []);
  }
  return { subjects, predicates };
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
