// Putting the nodes' answers together: the pages merged in start order (one performance two nodes hold shown once,
// each node's position for the next page), the facet counts taken graph by graph from the first node holding the
// graph, and a fetch failure worded as the node's report.

import type { FetchFailure } from "../harvest/fetch.js";
import { tx } from "../i18n.js";
import { startTimes } from "../query/filter.js";
import type { PerformanceNode } from "../query/performances.js";
import type { FederatedPerformance, NodeReport } from "./federation.js";
import type { GraphFacets, NodePage, NodePosition } from "./federation-check.js";

/** One node's answer, or why its part is missing. */
export type Part<T> = { ok: true; value: T; ms: number } | { ok: false; report: NodeReport };

/** A performance's place in the merged order: its start's instant (or its local date and time read as UTC), then its IRI. */
function orderKey(p: PerformanceNode): number {
  const s = p.startDate;
  const lexical =
    typeof s === "string"
      ? s
      : typeof s === "object" && s !== null && typeof (s as { "@value"?: unknown })["@value"] === "string"
        ? (s as { "@value": string })["@value"]
        : undefined;
  const t = lexical !== undefined ? startTimes(lexical) : undefined;
  return t ? t.key : Number.POSITIVE_INFINITY;
}

const before = (a: PerformanceNode, b: PerformanceNode): boolean => {
  const ka = orderKey(a);
  const kb = orderKey(b);
  return ka < kb || (ka === kb && a["@id"] < b["@id"]);
};

/** The pages' parts: each node's answer, a report of its failure, or "done" when it had nothing left to give. */
type PageParts = readonly (Part<NodePage> | "done")[];

/** Each answered node's remaining performances (past those shown already), merged by their heads, up to `limit`. */
export function mergePages(m: {
  parts: PageParts;
  sources: readonly string[];
  positions: ReadonlyMap<string, NodePosition>;
  limit: number;
}): { items: FederatedPerformance[]; heads: number[] } {
  const { parts, sources, positions, limit } = m;
  const queues = parts.map((p, i) =>
    p !== "done" && p.ok ? p.value.items.slice((positions.get(sources[i]!) ?? { skip: 0 }).skip) : [],
  );
  const heads = queues.map(() => 0);
  const items: FederatedPerformance[] = [];
  while (items.length < limit) {
    let best = -1;
    for (let i = 0; i < queues.length; i++)
      if (heads[i]! < queues[i]!.length && (best < 0 || before(queues[i]![heads[i]!]!, queues[best]![heads[best]!]!)))
        best = i;
    if (best < 0) break;
    const item = queues[best]![heads[best]!++]!;
    const also: string[] = [];
    for (let i = 0; i < queues.length; i++) {
      if (i !== best && heads[i]! < queues[i]!.length && queues[i]![heads[i]!]!["@id"] === item["@id"]) {
        heads[i]!++;
        also.push(sources[i]!);
      }
    }
    items.push({ ...item, source: sources[best]!, ...(also.length ? { alsoAt: also } : {}) });
  }
  return { items, heads };
}

/** Where each node is after this page (`heads`: how many of its answer were shown), and each node's report. */
export function nextPositions(m: {
  parts: PageParts;
  sources: readonly string[];
  positions: ReadonlyMap<string, NodePosition>;
  heads: readonly number[];
}): { next: Map<string, NodePosition>; reports: NodeReport[] } {
  const { parts, sources, positions, heads } = m;
  const next = new Map<string, NodePosition>();
  const reports: NodeReport[] = [];
  parts.forEach((p, i) => {
    const source = sources[i]!;
    const at = positions.get(source) ?? { skip: 0, done: false };
    if (p === "done") {
      next.set(source, at);
      reports.push({ node: source, status: "ok", ms: 0, items: 0 });
    } else if (!p.ok) {
      next.set(source, at);
      reports.push(p.report);
    } else {
      const shown = at.skip + heads[i]!;
      const all = p.value.items.length;
      next.set(
        source,
        shown < all
          ? { ...(at.cursor !== undefined ? { cursor: at.cursor } : {}), skip: shown, done: false }
          : p.value.next !== undefined
            ? { cursor: p.value.next, skip: 0, done: false }
            : { skip: 0, done: true },
      );
      reports.push({ node: source, status: "ok", ms: p.ms, items: heads[i]! });
    }
  });
  return { next, reports };
}

/** Each graph's counts from the first node that gave them; the others that hold it are named, not added. */
export function countGraphs(
  parts: readonly Part<readonly GraphFacets[]>[],
  sources: readonly string[],
): Map<string, { source: string; alsoAt: string[]; facets: GraphFacets["facets"] }> {
  const counted = new Map<string, { source: string; alsoAt: string[]; facets: GraphFacets["facets"] }>();
  parts.forEach((p, i) => {
    if (!p.ok) return;
    for (const g of p.value) {
      const seen = counted.get(g.graph);
      if (seen) seen.alsoAt.push(sources[i]!);
      else counted.set(g.graph, { source: sources[i]!, alsoAt: [], facets: g.facets });
    }
  });
  return counted;
}

export function failureReport(node: string, f: FetchFailure, ms: number, timeoutMs: number): NodeReport {
  switch (f.code) {
    case "timeout":
      return { node, status: "timeout", ms, message: tx("federation/timeout", { ms: timeoutMs }), detail: f.message };
    case "too-large":
      return { node, status: "too-large", ms, message: tx("federation/too-large"), detail: f.message };
    case "http-status":
      return {
        node,
        status: "http-error",
        ms,
        ...(f.status !== undefined ? { httpStatus: f.status } : {}),
        message: tx("federation/http-status", { status: f.status ?? "?" }),
        detail: f.message,
      };
    case "too-many-redirects":
      return { node, status: "http-error", ms, message: tx("federation/redirect"), detail: f.message };
    default:
      return {
        node,
        status: "unreachable",
        ms,
        message: tx("federation/unreachable", { code: f.code }),
        detail: f.message,
      };
  }
}
