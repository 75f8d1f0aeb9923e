// `vivant-ld/store`: the graph store (embedded Oxigraph, durable in a data directory, or a remote SPARQL store), its
// writer, its query limits and its errors.

export {
  GraphStore,
  RemoteStore,
  RemoteStoreError,
  isRemoteStoreError,
  parseStoreUrl,
  CATALOG_GRAPH,
  catalogQuads,
} from "../store/index.js";
export {
  SparqlSyntaxError,
  isSparqlSyntaxError,
  StoreBrokenError,
  isStoreBrokenError,
  operationKind,
} from "../store/index.js";
export {
  StorageError,
  isStorageError,
  measureQuery,
  checkQueryLimits,
  QueryTooComplexError,
  isQueryTooComplexError,
  DEFAULT_QUERY_LIMITS,
} from "../store/index.js";
export type { QueryLimits, QueryShape, RemoteStoreOptions } from "../store/index.js";
export type {
  OpenOptions,
  ReplaceOptions,
  GraphMeta,
  GraphMeta as GraphStoreMeta,
  GraphInfo,
  QueryForm,
  QueryOptions,
  Bindings,
  SelectResult,
  FormattedResult,
  ProgressListener,
  SelectSource,
} from "../store/index.js";
export { GraphWriter } from "../store/writer.js";
