// Facet counts for a filter, and the observatory's aggregates (performances per month, region and discipline).

import type { SelectSource } from "../store/types.js";
import { ADR, SCHEMA } from "../vocab.js";
import { filterBlock, PREFIXES, streamOfE, VENUE_OF_E, type PerformanceFilter } from "./filter.js";

export const FACETS = ["type", "genre", "city", "region", "venue", "language", "accessibility", "free"] as const;
export type Facet = (typeof FACETS)[number];

/** Value → number of matching performances, most frequent first. */
export type FacetCounts = Readonly<Record<Facet, readonly { readonly value: string; readonly count: number }[]>>;

/** The facet counts of the matching performances one named graph describes. */
export interface GraphFacetCounts {
  readonly graph: string;
  readonly facets: FacetCounts;
}

const FACET_PATTERN: Readonly<Record<Facet, string>> = {
  type: "?e a ?value .",
  genre: "?work schema:genre ?value .",
  city: `${VENUE_OF_E} ?venue schema:address/schema:addressLocality ?value .`,
  region: `${VENUE_OF_E} ?venue schema:address/schema:addressRegion ?value .`,
  venue: `{ ?e schema:location ?value . FILTER NOT EXISTS { ?value schema:containedInPlace ?up } } UNION { ?e schema:location/schema:containedInPlace ?value } UNION { ${streamOfE("?value")} }`,
  language: "{ ?e schema:inLanguage ?value } UNION { ?work schema:inLanguage ?value }",
  accessibility: `{ ?e schema:accessibilityFeature ?value } UNION { ${VENUE_OF_E} ?venue schema:amenityFeature ?f . ?f schema:name ?value ; schema:value true } UNION { ?e schema:location/schema:amenityFeature ?f . ?f schema:name ?value ; schema:value true }`,
  free: "?e schema:isAccessibleForFree ?value .",
};

/** The SPARQL of one facet: how many matching performances have each value. */
export function facetQuery(filter: PerformanceFilter, facet: Facet): string {
  return `${PREFIXES}SELECT ?value (COUNT(DISTINCT ?e) AS ?count) WHERE {\n  ${filterBlock(filter)}\n  ${FACET_PATTERN[facet]}\n}\nGROUP BY ?value\nORDER BY DESC(?count) ?value`;
}

/** The SPARQL of one facet for each named graph apart: the graph that describes each performance's start. */
export function facetQueryByGraph(filter: PerformanceFilter, facet: Facet): string {
  return `${PREFIXES}SELECT ?graph ?value (COUNT(DISTINCT ?e) AS ?count) WHERE {\n  GRAPH ?graph { ?e schema:startDate ?graphStart }\n  ${filterBlock(filter)}\n  ${FACET_PATTERN[facet]}\n}\nGROUP BY ?graph ?value\nORDER BY ?graph DESC(?count) ?value`;
}

/** A facet value as the typed API gives it (a schema.org type without its namespace). */
function facetValue(f: Facet, value: string): string {
  return value.startsWith(SCHEMA) && f === "type" ? value.slice(SCHEMA.length) : value;
}

/** Counts per facet value among the performances matching `filter` (a performance counts once per value it has). */
export async function performanceFacets(
  source: SelectSource,
  filter: PerformanceFilter,
  facets: readonly Facet[] = FACETS,
): Promise<FacetCounts> {
  const answers = await Promise.all(facets.map((f) => source.select(facetQuery(filter, f))));
  const out: Record<string, { value: string; count: number }[]> = {};
  facets.forEach((f, i) => {
    out[f] = answers[i]!.bindings.map((b) => ({ value: facetValue(f, b.value!.value), count: Number(b.count!.value) }));
  });
  return out as unknown as FacetCounts;
}

/** `performanceFacets` for each named graph apart, graphs in code point order (as the index gives them). */
export async function performanceFacetsByGraph(
  source: SelectSource,
  filter: PerformanceFilter,
  facets: readonly Facet[] = FACETS,
): Promise<GraphFacetCounts[]> {
  const answers = await Promise.all(facets.map((f) => source.select(facetQueryByGraph(filter, f))));
  const graphs = new Map<string, Record<string, { value: string; count: number }[]>>();
  facets.forEach((f, i) => {
    for (const b of answers[i]!.bindings) {
      const g = b.graph!.value;
      let out = graphs.get(g);
      if (!out) graphs.set(g, (out = Object.fromEntries(facets.map((name) => [name, []]))));
      out[f]!.push({ value: facetValue(f, b.value!.value), count: Number(b.count!.value) });
    }
  });
  return [...graphs.keys()].sort().map((graph) => ({ graph, facets: graphs.get(graph) as unknown as FacetCounts }));
}

/** Disciplines: the top concepts of Artsdata's genre scheme (K6-100 theatre, K6-200 dance…). */
export const DISCIPLINES: Readonly<Record<string, string>> = {
  [`${ADR}K6-100`]: "theatre",
  [`${ADR}K6-200`]: "dance",
  [`${ADR}K6-300`]: "music",
  [`${ADR}K6-400`]: "musicoDramatic",
  [`${ADR}K6-500`]: "spoken",
  [`${ADR}K6-900`]: "performingArt",
};

export type Dimension = "month" | "region" | "discipline";

/** SPARQL binding ?month, ?region and ?discipline for a performance (unknowns stay unbound). */
const DIMENSION_PATTERN: Readonly<Record<Dimension, string>> = {
  month: "BIND(SUBSTR(STR(?start), 1, 7) AS ?month)",
  region: `OPTIONAL { SELECT ?e (SAMPLE(?r) AS ?region) WHERE { ?e schema:workPerformed ?w0 . ${VENUE_OF_E} ?venue schema:address/schema:addressRegion ?r } GROUP BY ?e }`,
  // K6-3xx → K6-300: the genre's top concept in Artsdata's numbering.
  discipline: `OPTIONAL { ?work schema:genre ?genre . FILTER(STRSTARTS(STR(?genre), "${ADR}K6-")) BIND(IRI(CONCAT(SUBSTR(STR(?genre), 1, STRLEN(STR(?genre)) - 2), "00")) AS ?discipline) }`,
};

/** The SPARQL of an aggregate: performances counted by the given dimensions. */
export function aggregateQuery(filter: PerformanceFilter, by: readonly Dimension[]): string {
  const vars = by.map((d) => `?${d}`).join(" ");
  return `${PREFIXES}SELECT ${vars} (COUNT(DISTINCT ?e) AS ?performances) WHERE {\n  ${filterBlock(filter)}\n  ${by.map((d) => DIMENSION_PATTERN[d]).join("\n  ")}\n}\nGROUP BY ${vars}\nORDER BY ${vars}`;
}

export interface AggregateRow {
  readonly month?: string;
  readonly region?: string;
  /** A discipline key (`music`, `dance`…) or the concept IRI when not a known top concept. */
  readonly discipline?: string;
  readonly performances: number;
}

export interface Observatory {
  readonly byMonth: readonly AggregateRow[];
  readonly byRegion: readonly AggregateRow[];
  readonly byDiscipline: readonly AggregateRow[];
  /** Every (month, region, discipline) with its count. */
  readonly cube: readonly AggregateRow[];
}

/**
 * Counts of matching performances per month (of their local start date), region (of the venue) and discipline
 * (top genre concept of the production; a production with genres in two disciplines counts in both).
 * Unknown region or discipline: the key is absent from the row.
 */
export async function observatory(source: SelectSource, filter: PerformanceFilter): Promise<Observatory> {
  const dims: readonly (readonly Dimension[])[] = [
    ["month"],
    ["region"],
    ["discipline"],
    ["month", "region", "discipline"],
  ];
  const answers = await Promise.all(dims.map((d) => source.select(aggregateQuery(filter, d))));
  const rows = answers.map((a) =>
    a.bindings.map((b) => {
      const row: Record<string, string | number> = { performances: Number(b.performances!.value) };
      if (b.month) row.month = b.month.value;
      if (b.region) row.region = b.region.value;
      if (b.discipline) row.discipline = DISCIPLINES[b.discipline.value] ?? b.discipline.value;
      return row as unknown as AggregateRow;
    }),
  );
  return { byMonth: rows[0]!, byRegion: rows[1]!, byDiscipline: rows[2]!, cube: rows[3]! };
}
