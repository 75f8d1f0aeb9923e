// How deep and how large a SPARQL query is, read in one linear pass over its tokens (no recursion, no regular
// expression that can backtrack), before any parser sees it.
//
// Why: Oxigraph's parser and evaluator recurse, and its WebAssembly build keeps that recursion in a fixed stack
// inside its linear memory. A 1.5 KB query nesting STR( 300 deep overflows it: the store traps with "memory access
// out of bounds" and every later call on it fails. No JavaScript SPARQL parser fits as the first gate (sparqljs
// overflows the JS stack near 5,000 levels and needs 4 to 37 s for 5,000 nested groups, on the main thread), so
// the gate is this scan; Oxigraph stays the parser that reports syntax errors.
//
// The depth is weighted by what each construct costs Oxigraph's stack, measured on Oxigraph 0.5 in a worker
// thread (test/store/sparql-limits.test.ts runs every construct at the limit): the store breaks at about 687
// nested groups, 1,576 nested parentheses, 234 nested function calls, 194 nested NOT EXISTS, 2,378 triple
// patterns or UNION branches in one group, 2,191 operators in one expression or FILTERs in one group, 819 BINDs
// or OPTIONALs in one group. Flat sequences count because Oxigraph turns them into left-deep trees: each element
// of a group adds to the depth of what follows it.

import { InputError, isErrorNamed, type ErrorCopy, type Text } from "../errors.js";
import { measure } from "./sparql-meter.js";

export interface QueryLimits {
  /**
   * Largest weighted depth: a nested group `{}` counts 1, a blank node `[]` or a parenthesis in a triple (a path
   * group, a collection) 2, a parenthesis in an expression 0.5, a function call 3, EXISTS 3 more; each element of a
   * sequence adds to the depth of what follows it: a FILTER, UNION branch or operator 0.3, a triple pattern, path
   * alternative `|`, BIND, OPTIONAL, MINUS, VALUES, GRAPH or sub-SELECT 1, a path step (`/`, `^`) 2. Oxigraph breaks
   * near 687.
   * @default 200
   */
  readonly maxDepth?: number;
  /**
   * Largest number of tokens (terms, keywords, punctuation).
   * @default 200000
   */
  readonly maxTokens?: number;
}

export const DEFAULT_QUERY_LIMITS: Required<QueryLimits> = { maxDepth: 200, maxTokens: 200_000 };

export interface QueryShape {
  /** Weighted depth reached (see `QueryLimits.maxDepth`), up to the point the scan stopped. */
  readonly depth: number;
  /** Tokens read (the scan stops one past `maxTokens`). */
  readonly tokens: number;
  /** Where the deepest point is (1-based). */
  readonly line: number;
  readonly column: number;
  /**
   * Whether the query looks like a lookup, safe for the fast lane: no sub-SELECT, no SERVICE, no `*` or `+`
   * property path, at most 16 triple blocks, and all triple blocks joined by shared variables (no cartesian
   * product). A guess from the text: the fast lane still has its own time budget.
   */
  readonly lookup: boolean;
}

/** Measures a query in one pass; stops early once past `maxTokens` or `maxDepth`. */
export function measureQuery(text: string, limits: QueryLimits = {}): QueryShape {
  return measure(
    text,
    limits.maxDepth ?? DEFAULT_QUERY_LIMITS.maxDepth,
    limits.maxTokens ?? DEFAULT_QUERY_LIMITS.maxTokens,
  );
}

/** A query refused before evaluation because it is deeper or larger than the limits. */
export class QueryTooComplexError extends InputError {
  readonly shape: QueryShape;
  constructor(shape: QueryShape, limits: Required<QueryLimits>) {
    const tooLong = shape.tokens > limits.maxTokens;
    const text: Text = tooLong
      ? {
          en: `the query has more than ${limits.maxTokens} tokens, more than this server evaluates`,
          fr: `la requête compte plus de ${limits.maxTokens} lexèmes, plus que ce serveur n'en évalue`,
        }
      : {
          en: `the query is nested too deeply: weighted depth ${shape.depth} at line ${shape.line}, column ${shape.column}, over the limit of ${limits.maxDepth}`,
          fr: `la requête est trop imbriquée : profondeur pondérée ${shape.depth} à la ligne ${shape.line}, colonne ${shape.column}, au-delà de la limite de ${limits.maxDepth}`,
        };
    const hint: Text = tooLong
      ? {
          en: "split the query, or move long lists of values into several queries",
          fr: "découpez la requête, ou répartissez les longues listes de valeurs sur plusieurs requêtes",
        }
      : {
          en: "flatten the nesting (fewer nested groups, sub-queries, EXISTS or function calls) or split the query",
          fr: "aplatissez l'imbrication (moins de groupes, sous-requêtes, EXISTS ou appels de fonction imbriqués) ou découpez la requête",
        };
    super("sparql/too-complex", text, { hint, ...(tooLong ? {} : { line: shape.line, column: shape.column }) });
    this.name = "QueryTooComplexError";
    this.shape = shape;
  }
}

/** True for a `QueryTooComplexError`, or a plain copy of one (see `isErrorNamed`). */
export function isQueryTooComplexError(e: unknown): e is ErrorCopy<QueryTooComplexError> {
  return e instanceof QueryTooComplexError || isErrorNamed(e, "QueryTooComplexError");
}

/** Measures the query and throws `QueryTooComplexError` (`sparql/too-complex`) when it is over a limit. */
export function checkQueryLimits(text: string, limits: QueryLimits = {}): QueryShape {
  const l: Required<QueryLimits> = {
    maxDepth: limits.maxDepth ?? DEFAULT_QUERY_LIMITS.maxDepth,
    maxTokens: limits.maxTokens ?? DEFAULT_QUERY_LIMITS.maxTokens,
  };
  const shape = measureQuery(text, l);
  if (shape.tokens > l.maxTokens || shape.depth > l.maxDepth) throw new QueryTooComplexError(shape, l);
  return shape;
}
