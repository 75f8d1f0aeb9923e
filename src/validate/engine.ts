// The SHACL engine behind every profile: shacl-engine, compiled once per shapes graph and reused for every
// validation. Only this module (and baseline.ts, the plain run it is measured against) uses shacl-engine,
// through shacl-core.ts; everything else sees plain results.

import { Validator as Engine } from "./shacl-core.js";
import type { Quad, Term } from "@rdfjs/types";
import { termKey } from "../rdf/terms.js";
import { IndexedDataset, ValuesView, factory } from "./dataset.js";
import {
  resolveTargets,
  silenceOf,
  splitNodeShapes,
  targetDeclarations,
  valueCount,
  type Silence,
  type TargetDeclaration,
} from "./plan.js";
import { CheckCompiler, type NodeCheck } from "./precheck.js";
import { stepsToPathText } from "./paths.js";
import type { MessageLiteral } from "./messages.js";
import { compactIri } from "./messages.js";
import { SH, SHACL_CORE_PARAMETERS, VIVANT } from "../vocab.js";

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
  /** For node-level constraints about one property (`vivant:aboutProperty`): that property's IRI. */
  readonly about?: string;
}

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

export interface RunOptions {
  /**
   * Skip the focus nodes on which a shape surely finds nothing (value counts, compiled checks); `false` sends
   * every focus node to the engine (to test those skips).
   * @default true
   */
  readonly skip?: boolean;
}

/** A validator for one shapes graph, compiled once. */
export class CompiledShapes {
  /** The shapes graph as written (messages, codes and parameters are read from it). */
  readonly shapes: IndexedDataset;
  /** What runs, on which targets (node shapes split into their property shapes: see plan.ts). */
  readonly declarations: readonly TargetDeclaration[];
  private readonly silences = new Map<string, Silence | undefined>();
  /** Per declared shape, a compiled test that it finds nothing on a node (see precheck.ts); null: always ask the engine. */
  private readonly checks = new Map<string, NodeCheck | null>();
  /** Whether any shape walks a path backwards (then values are never split: see `run`). */
  private readonly inverse: boolean;
  private readonly engine: Engine;
  private readonly infos = new Map<string, ShapeInfo>();

  /**
   * @param shapeQuads the shapes graph (with the class hierarchy, which shacl-engine reads from here only)
   * @param codePrefix first segment of issue codes, e.g. the profile name
   */
  constructor(
    shapeQuads: Iterable<Quad>,
    readonly codePrefix: string,
  ) {
    const quads = [...shapeQuads];
    this.shapes = new IndexedDataset(quads);
    const split = splitNodeShapes(quads, this.shapes, targetDeclarations(this.shapes));
    this.declarations = split.declarations;
    const runnable = new IndexedDataset(split.quads);
    const compiler = new CheckCompiler(runnable);
    for (const d of this.declarations) {
      this.silences.set(termKey(d.shape), silenceOf(runnable, d.shape));
      this.checks.set(termKey(d.shape), compiler.check(d.shape));
    }
    this.inverse = runnable.find(null, factory.namedNode(`${SH}inversePath`), null, null).length > 0;
    this.engine = new Engine(runnable, { factory });
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
   * Validates `data`: each declared shape on its focus nodes, resolved in `data` unless `targets` gives them
   * (the partitioned runner resolves them once for the whole graph). Focus nodes on which a property shape cannot
   * find anything (see plan.ts) are not sent to the engine.
   */
  async run(
    data: IndexedDataset,
    targets?: readonly { readonly shape: Term; readonly focus: readonly Term[] }[],
    options: RunOptions = {},
  ): Promise<RawResult[]> {
    const results: RawResult[] = [];
    // The engine keeps per-run bookkeeping for every (shape, focus node): short runs keep it small.
    const CHUNK = 1000;
    const VALUE_SLICE = 500;
    // shacl-engine ignores an empty data graph (even for sh:targetNode): so does this.
    if (data.size === 0) return results;
    const work =
      targets ??
      resolveTargets(data, this.declarations).map((focus, i) => ({ shape: this.declarations[i]!.shape, focus }));
    for (const t of work) {
      const skip = options.skip ?? true;
      const silence = skip ? this.silences.get(termKey(t.shape)) : undefined;
      const check = skip ? this.checks.get(termKey(t.shape)) : undefined;
      // Only the focus nodes on which the shape may find something go to the engine.
      const focus =
        silence || check
          ? t.focus.filter((f) => {
              if (silence) {
                const n = valueCount(data, f, silence.predicates);
                if (n >= silence.min && n <= silence.max) return false;
              }
              return !check || check(f, data) !== true;
            })
          : t.focus;
      const collect = (report: Awaited<ReturnType<Engine["validate"]>>): void => {
        for (const r of report.results) {
          const path = r.path ? stepsToPathText(r.path) : undefined;
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
      let batch: Term[] = [];
      const flush = async (): Promise<void> => {
        if (batch.length) collect(await this.engine.validate({ dataset: data, terms: batch }, [{ terms: [t.shape] }]));
        batch = [];
      };
      for (const f of focus) {
        // shacl-engine's property validation is quadratic in the number of values of one focus node (a season
        // with 100k subEvents). When each value is checked by itself, big value sets are run a slice at a time.
        if (silence?.perValue && silence.predicates.length === 1 && !this.inverse) {
          const values = silence.predicates.flatMap((p) => data.find(f, factory.namedNode(p), null, null));
          if (values.length > VALUE_SLICE) {
            for (let i = 0; i < values.length; i += VALUE_SLICE) {
              const view = new ValuesView(data, f, silence.predicates, values.slice(i, i + VALUE_SLICE));
              collect(await this.engine.validate({ dataset: view, terms: [f] }, [{ terms: [t.shape] }]));
            }
            continue;
          }
        }
        batch.push(f);
        if (batch.length >= CHUNK) await flush();
      }
      await flush();
    }
    return results;
  }

  /** The compiled check of a declared shape (see precheck.ts), or null when the engine always decides. */
  checkOf(shape: Term): NodeCheck | null {
    return this.checks.get(termKey(shape)) ?? null;
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
    for (const name of SHACL_CORE_PARAMETERS) {
      const value = out(`${SH}${name}`)[0];
      if (!value) continue;
      components++;
      params[name] = value.termType === "NamedNode" ? compactIri(value.value) : value.value;
    }
    const about = out(`${VIVANT}aboutProperty`)[0];
    const local = shape.termType === "NamedNode" ? shape.value.replace(/^.*[#/]/, "") : "";
    info = {
      codeBase: local ? `${this.codePrefix}/${kebab(local)}` : this.codePrefix,
      multiComponent: components > 1 || !local,
      messages,
      params,
      ...(about ? { about: about.value } : {}),
    };
    this.infos.set(key, info);
    return info;
  }
}

export type { TargetDeclaration };
