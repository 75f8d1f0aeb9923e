// The graph store: one named graph per publisher over embedded Oxigraph, durable in a data directory.

export { GraphStore, type OpenOptions, type ReplaceOptions } from "./graph-store.js";
export { RemoteStore, RemoteStoreError, isRemoteStoreError, parseStoreUrl, type RemoteStoreOptions } from "./remote.js";
export { CATALOG_GRAPH, catalogQuads } from "./catalog.js";
export {
  SparqlSyntaxError,
  isSparqlSyntaxError,
  StoreBrokenError,
  isStoreBrokenError,
  parseSparqlJson,
  RESULTS_MEDIA_TYPES,
  GRAPH_MEDIA_TYPES,
} from "./oxigraph.js";
export { parseSparqlTsv } from "./tsv.js";
export { StorageError, isStorageError } from "./files.js";
export {
  measureQuery,
  checkQueryLimits,
  QueryTooComplexError,
  isQueryTooComplexError,
  DEFAULT_QUERY_LIMITS,
  type QueryLimits,
  type QueryShape,
} from "./sparql-limits.js";
export { operationKind, errorPosition, type OperationKind } from "./sparql-text.js";
export { quadsToNTriples, termToNTriples, isValidLanguageTag, CHUNK_TRIPLES, type NTriplesGraph } from "./ntriples.js";
export type {
  GraphMeta,
  GraphInfo,
  QueryForm,
  QueryOptions,
  Bindings,
  SelectResult,
  FormattedResult,
  ProgressListener,
  SelectSource,
} from "./types.js";
