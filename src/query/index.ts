// Typed discoverability queries over a store or an endpoint: performances by date, place, genre, venue,
// performer, language, accessibility, price and text; facet counts; observatory aggregates.

export { filterBlock, type PerformanceFilter, type Near } from "./filter.js";
export {
  findPerformances,
  performancesQuery,
  describePerformances,
  describeQuery,
  pageToJsonLd,
  JSONLD_CONTEXT,
  encodeCursor,
  decodeCursor,
  type PageOptions,
  type PerformanceNode,
  type PerformancePage,
} from "./performances.js";
export {
  performanceFacets,
  performanceFacetsByGraph,
  facetQuery,
  facetQueryByGraph,
  observatory,
  aggregateQuery,
  FACETS,
  DISCIPLINES,
  type Facet,
  type FacetCounts,
  type GraphFacetCounts,
  type Dimension,
  type AggregateRow,
  type Observatory,
} from "./aggregates.js";
export { PerformanceIndex, type SelectSync, type SelectRowsSync } from "./perf-index.js";
