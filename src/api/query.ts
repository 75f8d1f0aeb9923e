// `vivant-ld/query`: the typed questions (performances by place, date, price…, facets, the observatory) over a store
// or the in-memory performance index.

export {
  findPerformances,
  performancesQuery,
  describePerformances,
  describeQuery,
  pageToJsonLd,
  performanceFacets,
  performanceFacetsByGraph,
  facetQuery,
  facetQueryByGraph,
  observatory,
  aggregateQuery,
  FACETS,
  DISCIPLINES,
  PerformanceIndex,
} from "../query/index.js";
export type {
  PerformanceFilter,
  Near,
  PageOptions,
  PerformanceNode,
  PerformancePage,
  Facet,
  FacetCounts,
  GraphFacetCounts,
  Dimension,
  AggregateRow,
  Observatory,
  SelectSync,
  SelectRowsSync,
} from "../query/index.js";
