// What a federated search accepts from a node (./federation.ts): the shape of a page of `/api/performances` and of
// `/api/performances/facets`, checked before anything is merged (a node answering anything else is reported as
// failed, never trusted, never a crash); the filter as the query string sent to every node (only validated values);
// and the federated cursor (each node's own cursor and how many of its page were shown), read back with bounds.

import { InputError, type Text } from "../errors.js";
import { tx } from "../i18n.js";
import { FACETS, type Facet, type FacetCounts } from "../query/aggregates.js";
import { TEXT_FILTER_KEYS, type PerformanceFilter } from "../query/filter.js";
import type { PerformanceNode } from "../query/performances.js";

/** Why a node's answer was not used. */
export class InvalidAnswer extends Error {
  readonly text: Text;
  constructor(text: Text) {
    super(text.en);
    this.text = text;
  }
}

const invalid = (what: string): InvalidAnswer => new InvalidAnswer(tx("federation/invalid-shape", { what }));

/** Longest node cursor carried (a Vivant node's is under 300 characters). */
export const MAX_NODE_CURSOR = 2048;
/** Most performances a federated page asks for. */
export const MAX_FEDERATED_LIMIT = 250;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The filter as query parameters, each value one the filter holds (so only checked values reach a node). */
export function filterToParams(filter: PerformanceFilter): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of TEXT_FILTER_KEYS) {
    const v = filter[k];
    if (v !== undefined) p.set(k, v);
  }
  if (filter.timeZone !== undefined) p.set("tz", filter.timeZone);
  if (filter.near) p.set("near", `${filter.near.latitude},${filter.near.longitude},${filter.near.km}`);
  if (filter.free !== undefined) p.set("free", String(filter.free));
  if (filter.maxPrice !== undefined) p.set("maxPrice", String(filter.maxPrice));
  return p;
}

/** A page of `/api/performances` as the node sent it: its performances and its own `next` cursor. */
export interface NodePage {
  readonly items: readonly PerformanceNode[];
  readonly next?: string;
}

/**
 * Reads a node's `/api/performances` answer: an object with `@graph`, a list of at most `asked` objects each with a
 * string `@id`, and `next` (absent, or a URL whose `cursor` parameter is the node's cursor).
 */
export function checkPage(json: unknown, asked: number, base: string): NodePage {
  if (!isObject(json)) throw invalid("{}");
  const graph = json["@graph"];
  if (!Array.isArray(graph)) throw invalid("@graph");
  if (graph.length > asked) throw new InvalidAnswer(tx("federation/invalid-count", { count: graph.length, asked }));
  graph.forEach((item: unknown, i) => {
    if (!isObject(item) || typeof item["@id"] !== "string" || item["@id"] === "") throw invalid(`@graph[${i}].@id`);
    const start = item.startDate;
    if (start !== undefined && typeof start !== "string" && !(isObject(start) && typeof start["@value"] === "string"))
      throw invalid(`@graph[${i}].startDate`);
  });
  const next = json.next;
  if (next === undefined) return { items: graph as PerformanceNode[] };
  if (typeof next !== "string") throw invalid("next");
  let cursor: string | null;
  try {
    cursor = new URL(next, base).searchParams.get("cursor");
  } catch {
    cursor = null;
  }
  if (cursor === null || cursor === "" || cursor.length > MAX_NODE_CURSOR) throw invalid("next?cursor=");
  if (graph.length === 0) throw invalid("@graph[0]");
  return { items: graph as PerformanceNode[], next: cursor };
}

/** Reads a node's `/api/performances/facets` answer: the facets asked, each a list of `{ value, count }`. */
export function checkFacets(
  json: unknown,
  asked: readonly Facet[],
): Partial<Record<Facet, { value: string; count: number }[]>> {
  if (!isObject(json)) throw invalid("{}");
  const out: Partial<Record<Facet, { value: string; count: number }[]>> = {};
  for (const f of asked) {
    const list = json[f];
    if (!Array.isArray(list)) throw invalid(f);
    out[f] = list.map((c: unknown, i) => {
      if (
        !isObject(c) ||
        typeof c.value !== "string" ||
        typeof c.count !== "number" ||
        !Number.isSafeInteger(c.count) ||
        c.count < 0
      )
        throw invalid(`${f}[${i}].value, ${f}[${i}].count`);
      return { value: c.value, count: c.count };
    });
  }
  return out;
}

/** One graph's facet counts as a node gives them (`by=graph`). */
export interface GraphFacets {
  readonly graph: string;
  readonly facets: Partial<Record<Facet, readonly { value: string; count: number }[]>>;
}

/** A node's `/api/performances/facets?by=graph` answer, checked: `{ graphs: [{ graph, facets }] }`, each graph once. */
export function checkFacetsByGraph(json: unknown, asked: readonly Facet[]): GraphFacets[] {
  if (!isObject(json) || !Array.isArray(json.graphs)) throw invalid("graphs");
  const seen = new Set<string>();
  return json.graphs.map((g: unknown, i) => {
    if (!isObject(g) || typeof g.graph !== "string" || seen.has(g.graph)) throw invalid(`graphs[${i}].graph`);
    seen.add(g.graph);
    return { graph: g.graph, facets: checkFacets(g.facets, asked) };
  });
}

/** Sums facet counts of several nodes: value → total, most frequent first, then by value. */
export function mergeFacets(
  parts: readonly Partial<Record<Facet, readonly { value: string; count: number }[]>>[],
  asked: readonly Facet[],
): FacetCounts {
  const out: Record<string, { value: string; count: number }[]> = {};
  for (const f of asked) {
    const sums = new Map<string, number>();
    for (const p of parts) for (const c of p[f] ?? []) sums.set(c.value, (sums.get(c.value) ?? 0) + c.count);
    out[f] = [...sums]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }
  return out as unknown as FacetCounts;
}

/** Where a federated search stands in one node: the node's cursor (none: its first page), how many of that page were shown, whether it has no more. */
export interface NodePosition {
  readonly cursor?: string;
  readonly skip: number;
  readonly done: boolean;
}

export function encodeFederatedCursor(positions: ReadonlyMap<string, NodePosition>): string {
  const n: Record<string, [string | null, number, 0 | 1]> = {};
  for (const [url, p] of positions) n[url] = [p.cursor ?? null, p.skip, p.done ? 1 : 0];
  return Buffer.from(JSON.stringify({ v: 1, n }), "utf8").toString("base64url");
}

const badCursor = (): InputError =>
  new InputError("federation/bad-cursor", tx("federation/bad-cursor"), { hint: tx("query/bad-cursor.hint") });

/** A federated cursor back into positions, for the configured nodes only (any other key is ignored). */
export function decodeFederatedCursor(text: string, nodes: readonly string[]): Map<string, NodePosition> {
  if (text.length > 64 * 1024) throw badCursor();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!isObject(json) || json.v !== 1 || !isObject(json.n)) throw badCursor();
  const out = new Map<string, NodePosition>();
  for (const url of nodes) {
    if (!Object.hasOwn(json.n, url)) continue;
    const e = json.n[url];
    if (!Array.isArray(e) || e.length !== 3) throw badCursor();
    const [cursor, skip, done] = e as unknown[];
    if (!(cursor === null || (typeof cursor === "string" && cursor !== "" && cursor.length <= MAX_NODE_CURSOR)))
      throw badCursor();
    if (typeof skip !== "number" || !Number.isInteger(skip) || skip < 0 || skip >= MAX_FEDERATED_LIMIT)
      throw badCursor();
    if (done !== 0 && done !== 1) throw badCursor();
    out.set(url, { ...(cursor !== null ? { cursor } : {}), skip, done: done === 1 });
  }
  return out;
}

/** The facets named, checked (a name outside FACETS is refused). */
export function checkFacetNames(names: readonly string[]): Facet[] {
  for (const a of names)
    if (!(FACETS as readonly string[]).includes(a))
      throw new InputError("api/bad-facet", tx("api/bad-facet", { name: a }), {
        hint: tx("request/use-one-of", { list: FACETS.join(", ") }),
      });
  return names.length ? (names as Facet[]) : [...FACETS];
}
