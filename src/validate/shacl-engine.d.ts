// The part of shacl-engine's Validator.js (untyped JavaScript) that Vivant calls: narrow hand-written types.
// Imported through ./shacl-core.ts only.

declare module "shacl-engine/Validator.js" {
  import type { DatasetCore, Quad, Term, Literal } from "@rdfjs/types";

  interface EnginePtr {
    readonly term: Term;
    readonly terms: Term[];
  }

  interface EngineStep {
    readonly quantifier: "one" | "oneOrMore" | "zeroOrMore" | "zeroOrOne";
    readonly start: "subject" | "object";
    readonly end: "subject" | "object";
    readonly predicates: Term[];
  }

  interface EngineShape {
    readonly ptr: EnginePtr;
    readonly path: EngineStep[] | null;
    readonly shapeValidator: { readonly compiled: unknown[] };
  }

  interface EngineResult {
    readonly focusNode: EnginePtr;
    readonly path: EngineStep[] | null | undefined;
    readonly value: EnginePtr | undefined;
    readonly severity: Term;
    readonly constraintComponent: Term;
    readonly shape: EngineShape;
    readonly message: Literal[];
  }

  interface EngineReport {
    readonly conforms: boolean;
    readonly results: EngineResult[];
  }

  interface ValidatorOptions {
    factory: unknown;
    debug?: boolean;
    details?: boolean;
    coverage?: boolean;
    trace?: boolean;
  }

  export default class Validator {
    constructor(dataset: DatasetCore<Quad, Quad>, options: ValidatorOptions);
    readonly shapes: Map<unknown, EngineShape> & { values(): IterableIterator<EngineShape> };
    shape(ptr: unknown): EngineShape | null;
    readonly shapesPtr: { node(terms: Term[]): unknown };
    validate(
      data: { dataset: DatasetCore<Quad, Quad>; terms?: Iterable<Term> },
      shapes?: { terms: Term[] }[],
    ): Promise<EngineReport>;
  }
}
