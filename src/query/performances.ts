// Typed discoverability queries: upcoming performances matching a filter, a page at a time (keyset cursor),
// described as JSON-LD; facet counts; observatory aggregates. They run on any SelectSource (a GraphStore in
// this thread, or the server's worker pool), so the library and HTTP answers are the same queries.

import type { Term } from "@rdfjs/types";
import { InputError } from "../errors.js";
import type { SelectSource, Bindings } from "../store/types.js";
import { SCHEMA } from "../vocab.js";
import { filterBlock, iri, PREFIXES, str, VENUE_OF_E, type PerformanceFilter } from "./filter.js";

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

export interface PerformancePage {
  readonly items: readonly PerformanceNode[];
  /** Cursor of the next page; absent on the last page. */
  readonly next?: string;
}

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
  next: { "@id": "https://vivant.dev/ns#next", "@type": "@id" },
} as const;

interface Cursor {
  readonly start: string;
  readonly startType: string;
  readonly id: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.start, c.startType, c.id]), "utf8").toString("base64url");
}

function decodeCursor(text: string): Cursor {
  try {
    const [start, startType, id] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as [string, string, string];
    if (typeof start === "string" && typeof startType === "string" && typeof id === "string") return { start, startType, id };
  } catch {
    // reported below
  }
  throw new InputError("query/bad-cursor", "the cursor is not one this server gave", { hint: "use the `next` value of the previous page, unchanged" });
}

function limitOf(options: PageOptions): number {
  const limit = options.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new InputError("query/bad-limit", `limit ${JSON.stringify(options.limit)} is not between 1 and 500`, { hint: "ask for at most 500 performances a page and follow `next`" });
  }
  return limit;
}

/** The SPARQL of one page of matching performances: ?e and ?start, in start order, one more than `limit` to know if a page follows. */
export function performancesQuery(filter: PerformanceFilter, options: PageOptions = {}): string {
  const limit = limitOf(options);
  const after = options.cursor !== undefined ? decodeCursor(options.cursor) : undefined;
  const cursorFilter = after
    ? `\n  FILTER(?start > ${str(after.start)}^^${iri(after.startType, "cursor")} || (?start = ${str(after.start)}^^${iri(after.startType, "cursor")} && STR(?e) > ${str(after.id)}))`
    : "";
  return `${PREFIXES}SELECT ?e ?start WHERE {\n  ${filterBlock(filter)}${cursorFilter}\n}\nORDER BY ?start ?e\nLIMIT ${limit + 1}`;
}

/** The SPARQL that reads what a page shows about each performance: one row per (performance, key, value). */
export function detailsQuery(ids: readonly string[]): string {
  const values = ids.map((id) => iri(id, "performance")).join(" ");
  const direct: readonly [string, string][] = [
    ["type", "a"], ["name", "schema:name"], ["startDate", "schema:startDate"], ["endDate", "schema:endDate"], ["duration", "schema:duration"],
    ["eventStatus", "schema:eventStatus"], ["eventAttendanceMode", "schema:eventAttendanceMode"], ["inLanguage", "schema:inLanguage"],
    ["accessibilityFeature", "schema:accessibilityFeature"], ["isAccessibleForFree", "schema:isAccessibleForFree"], ["url", "schema:url"],
    ["image", "schema:image"], ["typicalAgeRange", "schema:typicalAgeRange"], ["location", "schema:location"],
    ["genre", "schema:workPerformed/schema:genre"], ["workPerformed", "schema:workPerformed"],
  ];
  const branches = direct.map(([k, p]) => `{ ?e ${p} ?v BIND(${str(k)} AS ?k) }`);
  branches.push(
    `{ ?e schema:location ?s . ?s schema:name ?v BIND("location.name" AS ?k) }`,
    `{ ?e schema:location ?s . ?s schema:containedInPlace ?v BIND("location.containedInPlace" AS ?k) }`,
    `{ ?e schema:location/schema:containedInPlace ?s . ?s schema:name ?v BIND("venue.name" AS ?k) }`,
    `{ ${VENUE_OF_E} ?venue schema:address ?a . ?a schema:addressLocality ?v BIND("address.addressLocality" AS ?k) BIND(?venue AS ?s) }`,
    `{ ${VENUE_OF_E} ?venue schema:address ?a . ?a schema:addressRegion ?v BIND("address.addressRegion" AS ?k) BIND(?venue AS ?s) }`,
    `{ ${VENUE_OF_E} ?venue schema:address ?a . ?a schema:postalCode ?v BIND("address.postalCode" AS ?k) BIND(?venue AS ?s) }`,
    `{ ${VENUE_OF_E} ?venue schema:geo ?g . ?g schema:latitude ?v BIND("geo.latitude" AS ?k) BIND(?venue AS ?s) }`,
    `{ ${VENUE_OF_E} ?venue schema:geo ?g . ?g schema:longitude ?v BIND("geo.longitude" AS ?k) BIND(?venue AS ?s) }`,
    `{ ?e schema:offers ?s . ?s schema:price ?v BIND("offer.price" AS ?k) }`,
    `{ ?e schema:offers ?s . ?s schema:priceSpecification/schema:minPrice ?v BIND("offer.minPrice" AS ?k) }`,
    `{ ?e schema:offers ?s . ?s schema:priceSpecification/schema:maxPrice ?v BIND("offer.maxPrice" AS ?k) }`,
    `{ ?e schema:offers ?s . ?s schema:priceCurrency ?v BIND("offer.priceCurrency" AS ?k) }`,
    `{ ?e schema:offers ?s . ?s schema:name ?v BIND("offer.name" AS ?k) }`,
    `{ ?e schema:offers ?s . ?s schema:availability ?v BIND("offer.availability" AS ?k) }`,
    `{ ?e schema:performer/schema:performer ?s . ?s schema:name ?v BIND("performer.name" AS ?k) }`,
    `{ ?e schema:performer ?s . ?s schema:name ?v BIND("performer.name" AS ?k) }`,
  );
  return `${PREFIXES}SELECT ?e ?k ?s ?v WHERE {\n  VALUES ?e { ${values} }\n  ${branches.join("\n  UNION ")}\n}`;
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

/** Rows of `detailsQuery` → one JSON-LD node per performance, in the order of `ids`. */
export function buildNodes(ids: readonly string[], rows: readonly Bindings[]): PerformanceNode[] {
  const nodes = new Map<string, Record<string, unknown>>(ids.map((id) => [id, { "@id": id }]));
  const sub = new Map<string, Record<string, unknown>>();
  const child = (owner: Record<string, unknown>, key: string, id: string): Record<string, unknown> => {
    const k = `${owner["@id"] as string} ${key} ${id}`;
    let n = sub.get(k);
    if (!n) {
      n = { "@id": id };
      sub.set(k, n);
      push(owner, key, n);
    }
    return n;
  };
  for (const r of rows) {
    const node = nodes.get(r.e!.value);
    if (!node) continue;
    const k = r.k!.value;
    const v = r.v!;
    const s = r.s?.value;
    switch (k) {
      case "type":
        push(node, "@type", local(v));
        break;
      case "eventStatus":
      case "eventAttendanceMode":
        push(node, k, local(v));
        break;
      case "location": {
        child(node, "location", v.value);
        break;
      }
      case "workPerformed":
        if (!node.workPerformed) node.workPerformed = { "@id": v.value };
        break;
      case "location.name":
        push(child(node, "location", s!), "name", value(v));
        break;
      case "location.containedInPlace":
        child(child(node, "location", s!), "containedInPlace", v.value);
        break;
      case "venue.name":
        for (const loc of asArray(node.location)) {
          const c = asArray(loc.containedInPlace).find((x) => x["@id"] === s);
          if (c) push(c, "name", value(v));
        }
        break;
      default: {
        const [head, tail] = k.split(".") as [string, string | undefined];
        if (tail === undefined) {
          push(node, head, v.termType === "Literal" ? value(v) : v.value);
          break;
        }
        if (head === "address" || head === "geo") {
          const place = placeNode(node, s!);
          if (!place) break;
          const holder = (place[head] ??= { "@type": head === "address" ? "PostalAddress" : "GeoCoordinates" }) as Record<string, unknown>;
          holder[tail] = value(v);
        } else if (head === "offer") {
          const offer = child(node, "offers", s!);
          offer["@type"] = "Offer";
          push(offer, tail === "availability" ? tail : tail, tail === "availability" ? local(v) : value(v));
        } else if (head === "performer") {
          const p = child(node, "performer", s!);
          push(p, "name", value(v));
        }
      }
    }
  }
  return ids.map((id) => nodes.get(id) as PerformanceNode);
}

function asArray(v: unknown): Record<string, unknown>[] {
  return v === undefined ? [] : Array.isArray(v) ? (v as Record<string, unknown>[]) : [v as Record<string, unknown>];
}

/** The place node (the location itself, or the venue containing it) with this IRI. */
function placeNode(node: Record<string, unknown>, id: string): Record<string, unknown> | undefined {
  for (const loc of asArray(node.location)) {
    if (loc["@id"] === id) return loc;
    const up = asArray(loc.containedInPlace).find((x) => x["@id"] === id);
    if (up) return up;
  }
  return undefined;
}

/**
 * Upcoming performances matching `filter`, in start order, a page at a time.
 * @example
 * const page = await findPerformances(store, { from: "2026-11-21", to: "2026-11-22", city: "Nantes", maxPrice: 20 });
 * for (const p of page.items) console.log(p.startDate, p.name);
 */
export async function findPerformances(source: SelectSource, filter: PerformanceFilter, options: PageOptions = {}): Promise<PerformancePage> {
  const limit = limitOf(options);
  const r = await source.select(performancesQuery(filter, options));
  const rows = r.bindings.slice(0, limit);
  const ids = rows.map((b) => b.e!.value);
  const items = ids.length ? buildNodes(ids, (await source.select(detailsQuery(ids))).bindings) : [];
  const last = rows.at(-1);
  const next =
    r.bindings.length > limit && last
      ? encodeCursor({ start: last.start!.value, startType: last.start!.termType === "Literal" ? last.start!.datatype.value : "", id: last.e!.value })
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
