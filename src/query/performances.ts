// Typed discoverability queries: upcoming performances matching a filter, a page at a time (keyset cursor),
// described as JSON-LD; facet counts; observatory aggregates. They run on any SelectSource (a GraphStore in
// this thread, or the server's worker pool), so the library and HTTP answers are the same queries.

import { tx } from "../i18n.js";
import type { Term } from "@rdfjs/types";
import { InputError } from "../errors.js";
import type { Bindings, SelectResult, SelectSource } from "../store/types.js";
import { SCHEMA } from "../vocab.js";
import {
  filterBlock,
  iri,
  msLiteral,
  ORDER_BIND,
  PREFIXES,
  startTimes,
  str,
  type PerformanceFilter,
} from "./filter.js";

export interface PageOptions {
  /**
   * Performances per page (1–500).
   * @default 20
   */
  readonly limit?: number;
  /** The `next` cursor of the previous page. */
  readonly cursor?: string;
}

/** One performance as JSON-LD (schema.org terms, `@vocab` http://schema.org/). */
export type PerformanceNode = Readonly<Record<string, unknown>> & { readonly "@id": string };

/** One page of performances: the JSON-LD nodes and the cursor of the next page. */
export interface PerformancePage {
  readonly items: readonly PerformanceNode[];
  /** Cursor of the next page; absent on the last page. */
  readonly next?: string;
}

const XSD_NS = "http://www.w3.org/2001/XMLSchema#";

export const JSONLD_CONTEXT = {
  "@vocab": SCHEMA,
  xsd: "http://www.w3.org/2001/XMLSchema#",
  startDate: { "@type": "xsd:dateTime" },
  endDate: { "@type": "xsd:dateTime" },
  eventStatus: { "@type": "@vocab" },
  eventAttendanceMode: { "@type": "@vocab" },
  genre: { "@type": "@id" },
  url: { "@type": "@id" },
  image: { "@type": "@id" },
  startTimeZone: "https://vivant.dev/ns#startTimeZone",
  next: { "@id": "https://vivant.dev/ns#next", "@type": "@id" },
} as const;

export interface Cursor {
  readonly start: string;
  readonly startType: string;
  readonly id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.start, c.startType, c.id]), "utf8").toString("base64url");
}

export function decodeCursor(text: string): Cursor {
  try {
    const [start, startType, id] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as [
      string,
      string,
      string,
    ];
    if (typeof start === "string" && typeof startType === "string" && typeof id === "string")
      return { start, startType, id };
  } catch {
    // reported below
  }
  throw badCursor();
}

function badCursor(): InputError {
  return new InputError("query/bad-cursor", tx("query/bad-cursor"), { hint: tx("query/bad-cursor.hint") });
}

export function limitOf(options: PageOptions): number {
  const limit = options.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new InputError("query/bad-limit", tx("query/bad-limit", { value: JSON.stringify(options.limit) }), {
      hint: tx("query/bad-limit.hint"),
    });
  }
  return limit;
}

/**
 * The SPARQL of one page of matching performances: ?e, ?start and ?zone (the venue's zone, or ""), in start order
 * (`?ord`: the instant, or a local start's date and time read as UTC), one more than `limit` to know if a page follows.
 */
export function performancesQuery(filter: PerformanceFilter, options: PageOptions = {}): string {
  const limit = limitOf(options);
  const after = options.cursor !== undefined ? decodeCursor(options.cursor) : undefined;
  let cursorFilter = "";
  if (after) {
    iri(after.startType, "cursor");
    const t = startTimes(after.start);
    if (!t) throw badCursor();
    const ord = msLiteral(t.key, false);
    cursorFilter = `\n  FILTER(?ord > ${ord} || (?ord = ${ord} && STR(?e) > ${str(after.id)}))`;
  }
  return `${PREFIXES}SELECT ?e ?start ?zone WHERE {\n  ${filterBlock(filter, { times: true })}\n  ${ORDER_BIND}${cursorFilter}\n}\nORDER BY ?ord ?e\nLIMIT ${limit + 1}`;
}

/**
 * What a page says of a performance whose start has no offset: `startTimeZone`, the zone its local time was read
 * in (its venue's), or `"unknown"` (compared by its date and time as written). Nothing for a start with an offset.
 */
export function withStartZone(node: PerformanceNode, start: string, zone: string | undefined): PerformanceNode {
  const t = startTimes(start);
  if (!t || t.hasOffset) return node;
  return { ...node, startTimeZone: zone ?? "unknown" };
}

/** A literal as JSON-LD: numbers and booleans native, language-tagged strings as value objects, the rest as strings. */
function value(t: Term): unknown {
  if (t.termType !== "Literal") return t.value;
  const dt = t.datatype.value;
  if (t.language) return { "@value": t.value, "@language": t.language };
  if (dt.endsWith("#boolean")) return t.value === "true";
  if (/#(integer|decimal|double|float|int|long)$/.test(dt)) return Number(t.value);
  return t.value;
}

function local(t: Term): string {
  return t.value.startsWith(SCHEMA) ? t.value.slice(SCHEMA.length) : t.value;
}

function push(node: Record<string, unknown>, key: string, v: unknown): void {
  const prev = node[key];
  if (prev === undefined) node[key] = v;
  else if (Array.isArray(prev)) {
    if (!prev.some((p) => JSON.stringify(p) === JSON.stringify(v))) prev.push(v);
  } else if (JSON.stringify(prev) !== JSON.stringify(v)) node[key] = [prev, v];
}

const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
/** Links followed from a performance to describe it (its place, its stream, offers, performers, production). */
const FOLLOW = new Set(
  [
    "location",
    "potentialAction",
    "containedInPlace",
    "address",
    "geo",
    "offers",
    "priceSpecification",
    "performer",
    "workPerformed",
  ].map((p) => `${SCHEMA}${p}`),
);
/** Values that are schema.org enumeration members: written as their local name. */
const VOCAB = new Set(["eventStatus", "eventAttendanceMode", "availability"].map((p) => `${SCHEMA}${p}`));
/** What a linked node keeps (all of its schema.org properties otherwise). */
const KEEP: Readonly<Record<string, ReadonlySet<string>>> = {
  workPerformed: new Set(["name", "genre"]),
};
const SKIP = new Set(
  ["subEvent", "superEvent", "containsPlace", "sameAs", "organizer", "description"].map((p) => `${SCHEMA}${p}`),
);

/**
 * Paths from a performance to the nodes that describe it (its hall and venue, their address and geo, a mixed
 * performance's WatchAction and the VirtualLocation of its stream, offers, performers).
 */
const DESCRIBE_PATHS = [
  "(schema:location|schema:potentialAction|schema:offers|schema:performer)",
  "schema:potentialAction/schema:location",
  "schema:location/schema:containedInPlace",
  "schema:location/(schema:address|schema:geo)",
  "schema:location/schema:containedInPlace/(schema:address|schema:geo)",
  "schema:offers/schema:priceSpecification",
  "schema:performer/schema:performer",
];

/**
 * The SPARQL that reads what a page shows about each performance, in one query: every triple of the performances
 * and of the nodes on DESCRIBE_PATHS (blank nodes included), and the name and genres of the production.
 * Each branch starts from the VALUES, which Oxigraph then evaluates as lookups.
 */
export function describeQuery(ids: readonly string[]): string {
  const list = ids.map((id) => iri(id, "performance")).join(" ");
  const values = `VALUES ?e { ${list} }`;
  const branches = [
    // The performances' own triples: ?s from the VALUES itself (a BIND(?e AS ?s) made Oxigraph ~2× slower at 1M triples).
    `{ VALUES ?s { ${list} } ?s ?p ?o }`,
    ...DESCRIBE_PATHS.map((path) => `{ ${values} ?e ${path} ?s . ?s ?p ?o }`),
    `{ ${values} ?e schema:workPerformed ?s . ?s ?p ?o FILTER(?p = schema:name || ?p = schema:genre) }`,
  ];
  return `${PREFIXES}SELECT DISTINCT ?s ?p ?o WHERE {\n  ${branches.join("\n  UNION ")}\n}`;
}

/** Each performance as a JSON-LD node with its place, offers and performers (one SPARQL query for the page). */
export async function describePerformances(source: SelectSource, ids: readonly string[]): Promise<PerformanceNode[]> {
  return nodesFromRows(ids, (await source.select(describeQuery(ids))).bindings);
}

/** Synchronous `describePerformances` (in the thread that owns the store). */
export function describePerformancesSync(
  select: (query: string) => SelectResult,
  ids: readonly string[],
): PerformanceNode[] {
  return nodesFromRows(ids, select(describeQuery(ids)).bindings);
}

function nodesFromRows(ids: readonly string[], rows: readonly Bindings[]): PerformanceNode[] {
  const triples = new Map<string, { p: string; o: Term }[]>();
  for (const b of rows) {
    const s = b.s!.termType === "BlankNode" ? `_:${b.s!.value}` : b.s!.value;
    let list = triples.get(s);
    if (!list) triples.set(s, (list = []));
    list.push({ p: b.p!.value, o: b.o! });
  }
  const node = (id: string, via: string | undefined, depth: number): Record<string, unknown> => {
    // Blank nodes are written without an @id: their labels mean nothing outside one answer.
    const out: Record<string, unknown> = id.startsWith("_:") ? {} : { "@id": id };
    const keep = via ? KEEP[via] : undefined;
    for (const { p, o } of triples.get(id) ?? []) {
      if (SKIP.has(p)) continue;
      if (p === RDF_TYPE) {
        push(out, "@type", local(o));
        continue;
      }
      const key = p.startsWith(SCHEMA) ? p.slice(SCHEMA.length) : p;
      if (keep && !keep.has(key)) continue;
      let v: unknown;
      // The context types startDate and endDate xsd:dateTime: an end day (xsd:date) says its own type.
      if (
        o.termType === "Literal" &&
        (key === "endDate" || key === "startDate") &&
        o.datatype.value === `${XSD_NS}date`
      )
        v = { "@value": o.value, "@type": "xsd:date" };
      else if (o.termType === "Literal") v = value(o);
      else if (VOCAB.has(p)) v = local(o);
      else if (FOLLOW.has(p) && depth < 4 && triples.has(o.termType === "BlankNode" ? `_:${o.value}` : o.value))
        v = node(o.termType === "BlankNode" ? `_:${o.value}` : o.value, key, depth + 1);
      else if (FOLLOW.has(p) && o.termType === "NamedNode") v = { "@id": o.value };
      else if (o.termType === "BlankNode")
        v = triples.has(`_:${o.value}`) && depth < 4 ? node(`_:${o.value}`, key, depth + 1) : {};
      else v = o.value;
      push(out, key, v);
    }
    return out;
  };
  return ids.map((id) => node(id, undefined, 0) as PerformanceNode);
}

/**
 * Upcoming performances matching `filter`, in start order, a page at a time.
 * @example
 * ```ts
 * import { findPerformances, GraphStore, type PerformanceFilter } from "vivant-ld";
 *
 * const store = await GraphStore.open({ dataDir: "./vivant-data", readOnly: true });
 * const filter: PerformanceFilter = { from: "2026-11-21", to: "2026-11-22", city: "Nantes", maxPrice: 20 };
 * const page = await findPerformances(store, filter, { limit: 50 });
 * for (const p of page.items) console.log(p["@id"], p.startDate, p.name); // JSON-LD nodes, schema.org terms
 * if (page.next) console.log((await findPerformances(store, filter, { limit: 50, cursor: page.next })).items.length);
 * await store.close();
 * ```
 */
export async function findPerformances(
  source: SelectSource,
  filter: PerformanceFilter,
  options: PageOptions = {},
): Promise<PerformancePage> {
  const limit = limitOf(options);
  const r = await source.select(performancesQuery(filter, options));
  const rows = r.bindings.slice(0, limit);
  const ids = rows.map((b) => b.e!.value);
  const described = ids.length ? await describePerformances(source, ids) : [];
  const items = described.map((n, i) => withStartZone(n, rows[i]!.start!.value, rows[i]!.zone?.value || undefined));
  const last = rows.at(-1);
  const next =
    r.bindings.length > limit && last
      ? encodeCursor({
          start: last.start!.value,
          startType: last.start!.termType === "Literal" ? last.start!.datatype.value : "",
          id: last.e!.value,
        })
      : undefined;
  return { items, ...(next !== undefined ? { next } : {}) };
}

/** A page as a JSON-LD document: `@graph` of performances, and `next` (the URL of the next page) when there is one. */
export function pageToJsonLd(page: PerformancePage, nextUrl?: (cursor: string) => string): Record<string, unknown> {
  return {
    "@context": JSONLD_CONTEXT,
    "@graph": page.items,
    ...(page.next !== undefined ? { next: nextUrl ? nextUrl(page.next) : page.next } : {}),
  };
}
