// The SHACL engine behind every profile: shacl-engine, compiled once per shapes graph and reused for every
// validation. Only this module imports shacl-engine; everything else sees plain results.

import { Validator as Engine } from "shacl-engine";
import type { Quad, Term } from "@rdfjs/types";
import { IndexedDataset, factory, termKey } from "./dataset.js";
import { stepsToPathText, type PathStep } from "./paths.js";
import type { MessageLiteral } from "./messages.js";
import { compactIri } from "./messages.js";
import { SH } from "../vocab.js";

/** One result as the engine found it, before it becomes a ValidationIssue. */
export interface RawResult {
  readonly focusNode: Term;
  /** Path text (see paths.ts); absent for node-level results. */
  readonly path?: string;
  readonly value?: Term;
  readonly severity: Term;
  /** Constraint component IRI. */
  readonly constraint: string;
  readonly shape: Term;
}

/** What a shape says about its own issues: code, messages, parameters for default messages. */
export interface ShapeInfo {
  /** Stable code, e.g. `core/event-start-date-required` or `artsdata/start-date/min-count` (component added later). */
  readonly codeBase: string;
  /** Whether the shape carries more than one constraint component (then codes get the component appended). */
  readonly multiComponent: boolean;
  readonly messages: readonly MessageLiteral[];
  readonly params: Readonly<Record<string, string>>;
}

/** Constraint parameters, one per component (the first parameter of multi-parameter components). */
const COMPONENT_PARAMETERS = [
  "class", "datatype", "nodeKind", "minCount", "maxCount", "minExclusive", "minInclusive", "maxExclusive", "maxInclusive",
  "minLength", "maxLength", "pattern", "languageIn", "uniqueLang", "equals", "disjoint", "lessThan", "lessThanOrEquals",
  "not", "and", "or", "xone", "node", "qualifiedValueShape", "closed", "hasValue", "in",
] as const;

const SH_MESSAGE = `${SH}message`;

/** `EventStartDateRequired` → `event-start-date-required`; `NEQSh` → `neq`. */
export function kebab(localName: string): string {
  return localName
    .replace(/(Sh|Shape)$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
}

/** A validator for one shapes graph, compiled once. */
export class CompiledShapes {
  readonly shapes: IndexedDataset;
  private readonly engine: Engine;
  private readonly infos = new Map<string, ShapeInfo>();

  /**
   * @param shapeQuads the shapes graph (with the class hierarchy, which shacl-engine reads from here only)
   * @param codePrefix first segment of issue codes, e.g. the profile name
   */
  constructor(shapeQuads: Iterable<Quad>, readonly codePrefix: string) {
    this.shapes = new IndexedDataset(shapeQuads);
    this.engine = new Engine(this.shapes, { factory });
    this.compileAll();
  }

  /** Compiles every shape now (shacl-engine compiles lazily): errors surface here, and no run pays for it. */
  private compileAll(): void {
    let seen = -1;
    while (seen !== this.engine.shapes.size) {
      seen = this.engine.shapes.size;
      for (const shape of [...this.engine.shapes.values()]) void shape.shapeValidator.compiled;
    }
  }

  /**
   * Validates `data`. Without `targets`, each shape's targets are resolved in `data` (standard SHACL);
   * with them, only the given shapes are run on the given focus nodes (targets resolved by the caller).
   */
  async run(data: IndexedDataset, targets?: readonly { readonly shape: Term; readonly focus: readonly Term[] }[]): Promise<RawResult[]> {
    const results: RawResult[] = [];
    const collect = (report: Awaited<ReturnType<Engine["validate"]>>): void => {
      for (const r of report.results) {
        const path = r.path ? stepsToPathText(r.path as readonly PathStep[]) : undefined;
        results.push({
          focusNode: r.focusNode.term,
          ...(path !== undefined ? { path } : {}),
          ...(r.value !== undefined && r.value.terms.length > 0 ? { value: r.value.terms[0]! } : {}),
          severity: r.severity,
          constraint: r.constraintComponent.value,
          shape: r.shape.ptr.term,
        });
      }
    };
    if (!targets) {
      collect(await this.engine.validate({ dataset: data }));
    } else {
      for (const t of targets) {
        if (t.focus.length === 0) continue;
        collect(await this.engine.validate({ dataset: data, terms: t.focus }, [{ terms: [t.shape] }]));
      }
    }
    return results;
  }

  /** Code, messages and parameters of a shape (cached). */
  shapeInfo(shape: Term): ShapeInfo {
    const key = termKey(shape);
    let info = this.infos.get(key);
    if (info) return info;
    const out = (p: string): Term[] => this.shapes.find(shape, factory.namedNode(p), null, null).map((q) => q.object);
    const messages = out(SH_MESSAGE)
      .filter((t) => t.termType === "Literal")
      .map((t) => ({ value: t.value, language: (t as { language: string }).language }));
    const params: Record<string, string> = {};
    let components = 0;
    for (const name of COMPONENT_PARAMETERS) {
      const value = out(`${SH}${name}`)[0];
      if (!value) continue;
      components++;
      params[name] = value.termType === "NamedNode" ? compactIri(value.value) : value.value;
    }
    const local = shape.termType === "NamedNode" ? shape.value.replace(/^.*[#/]/, "") : "";
    info = {
      codeBase: local ? `${this.codePrefix}/${kebab(local)}` : this.codePrefix,
      multiComponent: components > 1 || !local,
      messages,
      params,
    };
    this.infos.set(key, info);
    return info;
  }

  /** Every shape node of the graph that declares a target, with its target declarations. */
  targetDeclarations(): TargetDeclaration[] {
    const decls = new Map<string, { shape: Term; classes: Term[]; nodes: Term[]; subjectsOf: Term[]; objectsOf: Term[] }>();
    const get = (shape: Term) => {
      const key = termKey(shape);
      let d = decls.get(key);
      if (!d) decls.set(key, (d = { shape, classes: [], nodes: [], subjectsOf: [], objectsOf: [] }));
      return d;
    };
    const each = (p: string, f: (shape: Term, o: Term) => void) => {
      for (const q of this.shapes.find(null, factory.namedNode(p), null, null)) f(q.subject, q.object);
    };
    each(`${SH}targetClass`, (s, o) => get(s).classes.push(o));
    each(`${SH}targetNode`, (s, o) => get(s).nodes.push(o));
    each(`${SH}targetSubjectsOf`, (s, o) => get(s).subjectsOf.push(o));
    each(`${SH}targetObjectsOf`, (s, o) => get(s).objectsOf.push(o));
    // Implicit class targets: a node shape that is also an rdfs:Class targets its instances.
    const rdfType = factory.namedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    for (const q of this.shapes.find(null, rdfType, factory.namedNode(`${SH}NodeShape`), null)) {
      const isClass = this.shapes.find(q.subject, rdfType, null, null).some((t) => t.object.value === "http://www.w3.org/2000/01/rdf-schema#Class");
      if (isClass) get(q.subject).classes.push(q.subject);
    }
    return [...decls.values()].map((d) => ({ ...d, classes: d.classes.flatMap((c) => this.subClassesOf(c)) }));
  }

  /** A class and all its subclasses, as the shapes graph declares them (rdfs:subClassOf*). */
  subClassesOf(cls: Term): Term[] {
    const subClassOf = factory.namedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf");
    const found = new Map<string, Term>([[termKey(cls), cls]]);
    const queue = [cls];
    while (queue.length) {
      const c = queue.pop()!;
      for (const q of this.shapes.find(null, subClassOf, c, null)) {
        const k = termKey(q.subject);
        if (!found.has(k)) {
          found.set(k, q.subject);
          queue.push(q.subject);
        }
      }
    }
    return [...found.values()];
  }

  /** Whether any shape traverses a path backwards or declares object targets (then partitions must see in-edges). */
  usesInverseEdges(): boolean {
    return this.shapes.find(null, factory.namedNode(`${SH}inversePath`), null, null).length > 0;
  }
}

export interface TargetDeclaration {
  readonly shape: Term;
  /** Target classes, subclasses included. */
  readonly classes: readonly Term[];
  readonly nodes: readonly Term[];
  readonly subjectsOf: readonly Term[];
  readonly objectsOf: readonly Term[];
}
