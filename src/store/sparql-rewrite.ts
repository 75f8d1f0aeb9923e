// A query for a remote store, rewritten so that it reads exactly the dataset Vivant's catalog points to: each
// publisher graph lives in the remote store under a versioned physical name (see remote.ts), so the query's
// graphs are mapped to those names (FROM, GRAPH <iri>), `GRAPH ?g` binds ?g to the publisher's graph IRI through
// a VALUES table, and the union default graph is the list of current physical graphs (never the remote store's
// own system graphs). Parsed and written back with sparqljs.

import sparqljs from "sparqljs";
import type { SparqlQuery, Pattern, IriTerm } from "sparqljs";
import { DataFactory } from "n3";
import { InputError, UsageError } from "../errors.js";
import { tx } from "../i18n.js";
import type { QueryForm, QueryOptions } from "./types.js";

const { Parser, Generator } = sparqljs as unknown as {
  Parser: new (o?: object) => { parse(q: string): SparqlQuery };
  Generator: new (o?: object) => { stringify(q: SparqlQuery): string };
};
const { namedNode, variable } = DataFactory;

/** A graph IRI no store holds: what a query's graph not in its dataset is mapped to (it matches nothing). */
export const NO_GRAPH = "urn:vivant:internal:no-graph";

/** The logical → physical graph names of one moment of the catalog. */
export interface DatasetView {
  /** Logical graph IRI (a publisher graph, the catalog) → the physical graph holding it now. */
  readonly physical: ReadonlyMap<string, string>;
}

export interface RewrittenQuery {
  readonly form: QueryForm;
  readonly text: string;
  /** The physical graphs this query reads (kept until it ends: see RemoteStore's drops). */
  readonly reads: readonly string[];
}

/** IRI prefixes of Virtuoso's built-in SQL functions: never reachable through Vivant. */
const REFUSED_FUNCTIONS = ["bif:", "sql:", "http://www.openlinksw.com/"];

/**
 * Rewrites `query` for `view`. The dataset is, in order of precedence: `options` (SPARQL Protocol parameters), the
 * query's FROM / FROM NAMED, else the union of every graph as default graph (unless `unionDefaultGraph` is false)
 * and every graph as named graph. Refuses SERVICE and the remote store's own functions.
 */
export function rewriteQuery(query: string, view: DatasetView, options: QueryOptions = {}): RewrittenQuery {
  const parsed = parseQuery(query, options);
  const phys = (iri: string): string => physicalOf(view, iri);
  const { defaults, named } = datasetOf(parsed, view, options);
  const defaultPhys = defaults.map(phys).filter((g) => g !== NO_GRAPH);
  const namedPhys = named.map(phys).filter((g) => g !== NO_GRAPH);
  // FROM NAMED too: Virtuoso 7.2 evaluates GRAPH <g> { … } to one empty solution when g is not a named graph of the
  // query's dataset (SPARQL: no solution), so a graph outside the dataset becomes FILTER(false) below.
  parsed.from = {
    default: (defaultPhys.length ? defaultPhys : [NO_GRAPH]).map((g) => namedNode(g) as IriTerm),
    named: namedPhys.map((g) => namedNode(g) as IriTerm),
  };
  let rewritten = { ...(mapGraphs(parsed, view, named) as SparqlQuery), from: parsed.from } as SparqlQuery;
  const form = parsed.queryType.toLowerCase() as QueryForm;
  if (form === "ask") rewritten = askAsSelect(rewritten);
  const reads = [...new Set([...defaultPhys, ...namedPhys])];
  return { form, text: new Generator().stringify(rewritten), reads };
}

/** `query` parsed; throws InputError `sparql/syntax` (with its line when known), or UsageError for an update. */
function parseQuery(query: string, options: QueryOptions): SparqlQuery & { type: "query" } {
  let parsed: SparqlQuery;
  try {
    parsed = new Parser({ ...(options.baseIri !== undefined ? { baseIRI: options.baseIri } : {}) }).parse(query);
  } catch (e) {
    const m = /line (\d+)/.exec((e as Error).message);
    throw Object.assign(
      new InputError("sparql/syntax", tx("sparql/syntax", { detail: (e as Error).message.split("\n")[0] }), {
        hint: tx("sparql/evaluation.hint"),
        cause: e,
      }),
      m ? { line: Number(m[1]) } : {},
    );
  }
  if (parsed.type !== "query") {
    throw new UsageError("sparql/update-refused", tx("store/update-refused"), {
      hint: tx("store/update-refused.hint"),
    });
  }
  return parsed;
}

/** The graph IRIs of the query's dataset: from `options`, else from the query's FROM / FROM NAMED, else every graph. */
function datasetOf(
  parsed: SparqlQuery & { type: "query" },
  view: DatasetView,
  options: QueryOptions,
): { defaults: string[]; named: string[] } {
  const all = [...view.physical.keys()];
  const explicit = options.defaultGraphs !== undefined || options.namedGraphs !== undefined;
  let defaults: string[];
  let named: string[];
  if (explicit) {
    defaults = [...new Set(options.defaultGraphs ?? [])];
    named = [...new Set(options.namedGraphs ?? [])];
  } else if (parsed.from && (parsed.from.default.length || parsed.from.named.length)) {
    defaults = [...new Set(parsed.from.default.map((t) => t.value))];
    named = [...new Set(parsed.from.named.map((t) => t.value))];
  } else {
    defaults = (options.unionDefaultGraph ?? true) ? all : [];
    named = all;
  }
  return { defaults, named };
}

/** The physical graph holding `iri` now, or NO_GRAPH. */
function physicalOf(view: DatasetView, iri: string): string {
  return view.physical.get(iri) ?? NO_GRAPH;
}

/** A pattern that matches nothing. */
function nothing(): Pattern {
  return {
    type: "filter",
    expression: {
      termType: "Literal",
      value: "false",
      language: "",
      datatype: namedNode("http://www.w3.org/2001/XMLSchema#boolean"),
    } as never,
  };
}

/**
 * The query's patterns with their graphs mapped to the physical ones of `view` (a graph outside the dataset's
 * `named` graphs matches nothing); throws UsageError for SERVICE and the remote store's own functions.
 */
function mapGraphs(parsed: SparqlQuery, view: DatasetView, named: readonly string[]): unknown {
  const namedSet = new Set(named);
  const phys = (iri: string): string => physicalOf(view, iri);
  let n = 0;
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== "object") return node;
    // Terms (sparqljs's Wildcard among them) are kept as they are.
    if ("termType" in node) return node;
    const o = node as Record<string, unknown>;
    if (o.type === "service")
      throw new UsageError("sparql/service-refused", tx("sparql/service-refused"), {
        hint: tx("sparql/service-refused.hint"),
      });
    if (o.type === "functionCall" || o.type === "operation") {
      const f = (o.function as { value?: string } | undefined)?.value ?? "";
      if (REFUSED_FUNCTIONS.some((p) => f.startsWith(p)))
        throw new UsageError("sparql/function-refused", tx("sparql/function-refused", { name: f }), {
          hint: tx("sparql/function-refused.hint"),
        });
    }
    if (o.type === "graph") {
      const name = o.name as { termType: string; value: string };
      const patterns = visit(o.patterns) as Pattern[];
      if (name.termType === "NamedNode") {
        const p = namedSet.has(name.value) ? phys(name.value) : NO_GRAPH;
        return p === NO_GRAPH
          ? { type: "group", patterns: [nothing()] }
          : { type: "graph", name: namedNode(p), patterns };
      }
      // GRAPH ?g { P } → { GRAPH ?vivant_gN { P } VALUES (?vivant_gN ?g) { (physical logical)… } }: ?g is the
      // publisher's graph IRI, inside and outside, and only the dataset's named graphs are read.
      const inner = variable(`vivant_g${n++}`);
      const rows = named
        .filter((g) => view.physical.has(g))
        .map((g) => ({ [`?${inner.value}`]: namedNode(view.physical.get(g)!), [`?${name.value}`]: namedNode(g) }));
      const table: Pattern = rows.length ? { type: "values", values: rows } : nothing();
      return { type: "group", patterns: [{ type: "graph", name: inner, patterns }, table] };
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) out[k] = k === "from" ? o[k] : visit(o[k]);
    return out;
  };
  return visit(parsed);
}

/**
 * Virtuoso 7.2 answers ASK FROM <a> { GRAPH <b> { … } } true when SELECT finds nothing: an ASK is sent as
 * SELECT (1 AS ?vivant_ask) … LIMIT 1, and is true when a row comes back (README, differences).
 */
function askAsSelect(rewritten: SparqlQuery): SparqlQuery {
  return {
    ...rewritten,
    queryType: "SELECT",
    limit: 1,
    variables: [
      {
        expression: {
          termType: "Literal",
          value: "1",
          language: "",
          datatype: namedNode("http://www.w3.org/2001/XMLSchema#integer"),
        },
        variable: variable("vivant_ask"),
      },
    ],
  } as unknown as SparqlQuery;
}
