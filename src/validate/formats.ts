// A ValidationReport in standard forms: a SHACL sh:ValidationReport (RDF quads, Turtle, JSON-LD) with Vivant's
// extensions (vivant:code, vivant:recordId, vivant:field…), and an RFC 7807 application/problem+json document.

import type { Quad, Quad_Object, Quad_Subject, Term } from "@rdfjs/types";
import { DataFactory } from "n3";
import type { Lang } from "../errors.js";
import { serializeRdf } from "../rdf/io.js";
import { SCHEMA, SH, VIVANT, XSD } from "../vocab.js";
import { parsePathText, pathTextToRdf } from "./paths.js";
import { shaclConforms, type ValidationIssue, type ValidationReport } from "./types.js";
import { pushAll } from "../arrays.js";

const { namedNode, blankNode, literal, quad } = DataFactory;

const SEVERITY_IRI = { violation: `${SH}Violation`, warning: `${SH}Warning`, info: `${SH}Info` } as const;

/** Parses one N-Triples term (the form of `ValidationIssue.value`). */
export function ntToTerm(nt: string): Quad_Object {
  if (nt.startsWith("<") && nt.endsWith(">")) return namedNode(nt.slice(1, -1));
  if (nt.startsWith("_:")) return blankNode(`d_${nt.slice(2)}`);
  const m = /^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?$/s.exec(nt);
  if (!m) throw new Error(`not an N-Triples term: ${nt}`);
  const value = m[1]!.replace(/\\(.)/g, (_, c: string) => ({ n: "\n", r: "\r", t: "\t" })[c] ?? c);
  return m[2] ? literal(value, m[2]) : literal(value, m[3] ? namedNode(m[3]) : undefined);
}

/** An issue's node id (`IRI` or `_:label`) as a term; data blank nodes get a `d_` prefix so they never clash with the report's own. */
function nodeTerm(id: string): Quad_Subject & Quad_Object {
  return id.startsWith("_:") ? blankNode(`d_${id.slice(2)}`) : namedNode(id);
}

/** The report as RDF: one sh:ValidationReport, one sh:ValidationResult per issue. */
export function reportToQuads(report: ValidationReport): Quad[] {
  let n = 0;
  const fresh = () => blankNode(`vr${n++}`);
  const sh = (l: string) => namedNode(`${SH}${l}`);
  const rdfType = namedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
  const root = fresh();
  const quads: Quad[] = [
    quad(root, rdfType, sh("ValidationReport")),
    quad(root, sh("conforms"), literal(String(shaclConforms(report)), namedNode(`${XSD}boolean`))),
    quad(root, namedNode(`${VIVANT}profile`), literal(report.profile)),
  ];
  for (const i of report.issues) {
    const r = fresh();
    const add = (p: Term, o: Quad_Object) => quads.push(quad(r, p as never, o));
    quads.push(quad(root, sh("result"), r));
    add(rdfType, sh("ValidationResult"));
    add(sh("focusNode"), nodeTerm(i.focusNode));
    add(sh("resultSeverity"), namedNode(i.severityIri ?? SEVERITY_IRI[i.severity]));
    add(sh("sourceConstraintComponent"), namedNode(i.constraint));
    if (i.shape !== undefined) add(sh("sourceShape"), nodeTerm(i.shape));
    if (i.path !== undefined) {
      const path = pathTextToRdf(i.path, fresh);
      add(sh("resultPath"), path.node);
      pushAll(quads, path.quads);
    }
    if (i.value !== undefined) add(sh("value"), ntToTerm(i.value));
    add(sh("resultMessage"), literal(i.message.en, "en"));
    add(sh("resultMessage"), literal(i.message.fr, "fr"));
    add(namedNode(`${VIVANT}code`), literal(i.code));
    if (i.entity !== undefined) add(namedNode(`${VIVANT}entity`), literal(i.entity));
    if (i.recordId !== undefined) add(namedNode(`${VIVANT}recordId`), literal(i.recordId));
    if (i.field !== undefined) add(namedNode(`${VIVANT}field`), literal(i.field));
  }
  return quads;
}

/** The report as Turtle (`text/turtle`). */
export function reportToTurtle(report: ValidationReport): Promise<string> {
  return serializeRdf(reportToQuads(report), "turtle", { sh: SH, xsd: XSD, schema: SCHEMA, vivant: VIVANT });
}

type JsonLdNode = Record<string, unknown>;

function termToJsonLd(t: Quad_Object): JsonLdNode {
  if (t.termType === "Literal") {
    if (t.language) return { "@value": t.value, "@language": t.language };
    return t.datatype.value === `${XSD}string`
      ? { "@value": t.value }
      : { "@value": t.value, "@type": t.datatype.value };
  }
  return { "@id": t.termType === "BlankNode" ? `_:${t.value}` : t.value };
}

function pathToJsonLd(text: string): JsonLdNode {
  const step = (s: ReturnType<typeof parsePathText>[number]): JsonLdNode => {
    let node: JsonLdNode =
      s.predicates.length === 1
        ? { "@id": s.predicates[0] }
        : { "sh:alternativePath": { "@list": s.predicates.map((p) => ({ "@id": p })) } };
    if (s.inverse) node = { "sh:inversePath": node };
    if (s.quantifier !== "one") node = { [`sh:${s.quantifier}Path`]: node };
    return node;
  };
  const steps = parsePathText(text);
  return steps.length === 1 ? step(steps[0]!) : { "@list": steps.map(step) };
}

/** The report as a JSON-LD document (`application/ld+json`), the same graph as `reportToQuads`. */
export function reportToJsonLd(report: ValidationReport): JsonLdNode {
  const node = (id: string): JsonLdNode => ({ "@id": id.startsWith("_:") ? `_:d_${id.slice(2)}` : id });
  return {
    "@context": { sh: SH, xsd: XSD, vivant: VIVANT },
    "@type": "sh:ValidationReport",
    "sh:conforms": shaclConforms(report),
    "vivant:profile": report.profile,
    "sh:result": report.issues.map((i: ValidationIssue) => ({
      "@type": "sh:ValidationResult",
      "sh:focusNode": node(i.focusNode),
      "sh:resultSeverity": { "@id": i.severityIri ?? SEVERITY_IRI[i.severity] },
      "sh:sourceConstraintComponent": { "@id": i.constraint },
      ...(i.shape !== undefined ? { "sh:sourceShape": node(i.shape) } : {}),
      ...(i.path !== undefined ? { "sh:resultPath": pathToJsonLd(i.path) } : {}),
      ...(i.value !== undefined ? { "sh:value": termToJsonLd(ntToTerm(i.value)) } : {}),
      "sh:resultMessage": [
        { "@value": i.message.en, "@language": "en" },
        { "@value": i.message.fr, "@language": "fr" },
      ],
      "vivant:code": i.code,
      ...(i.entity !== undefined ? { "vivant:entity": i.entity } : {}),
      ...(i.recordId !== undefined ? { "vivant:recordId": i.recordId } : {}),
      ...(i.field !== undefined ? { "vivant:field": i.field } : {}),
    })),
  };
}

/** RFC 7807 media type of `reportToProblemJson`. */
export const PROBLEM_JSON_MEDIA_TYPE = "application/problem+json";

/** The problem type of a report with violations. */
export const VALIDATION_PROBLEM_TYPE = "https://vivant.dev/problems/validation";

/** One issue in a problem document: the message in the requested language only. */
export interface ProblemIssue extends Omit<ValidationIssue, "message"> {
  readonly message: string;
}

/** An RFC 7807 problem document with the issues as an extension member. */
export interface ValidationProblem {
  readonly type: string;
  readonly title: string;
  /** 422 when the data has violations; 200 when it conforms (warnings only), for a caller that sends it anyway. */
  readonly status: 422 | 200;
  readonly detail: string;
  readonly instance?: string;
  readonly profile: string;
  readonly conforms: boolean;
  readonly violations: number;
  readonly warnings: number;
  readonly issues: ProblemIssue[];
}

/**
 * The report as an RFC 7807 `application/problem+json` object, in one language.
 * @param instance URI of this occurrence (e.g. the request path)
 * @example res.writeHead(422, { "content-type": PROBLEM_JSON_MEDIA_TYPE }).end(JSON.stringify(reportToProblemJson(report, "fr")))
 */
export function reportToProblemJson(report: ValidationReport, lang: Lang = "en", instance?: string): ValidationProblem {
  const fr = lang === "fr";
  const counts = fr
    ? `${report.violations} violation${report.violations > 1 ? "s" : ""}, ${report.warnings} avertissement${report.warnings > 1 ? "s" : ""}`
    : `${report.violations} violation${report.violations === 1 ? "" : "s"}, ${report.warnings} warning${report.warnings === 1 ? "" : "s"}`;
  return {
    type: VALIDATION_PROBLEM_TYPE,
    title: report.conforms
      ? fr
        ? `Les données respectent le profil ${report.profile}`
        : `The data conforms to the ${report.profile} profile`
      : fr
        ? `Les données ne respectent pas le profil ${report.profile}`
        : `The data does not conform to the ${report.profile} profile`,
    status: report.conforms ? 200 : 422,
    detail: fr ? `${counts} (profil ${report.profile}).` : `${counts} (profile ${report.profile}).`,
    ...(instance !== undefined ? { instance } : {}),
    profile: report.profile,
    conforms: report.conforms,
    violations: report.violations,
    warnings: report.warnings,
    issues: report.issues.map((i) => ({ ...i, message: i.message[lang] })),
  };
}
