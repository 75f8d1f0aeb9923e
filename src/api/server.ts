// `vivant-ld/server`: the SPARQL and Graph Store Protocol server with the typed API and the pages, its tokens and its
// query pool.

export {
  VivantServer,
  TokenTable,
  QueryPool,
  QueryError,
  isQueryError,
  HttpError,
  isHttpError,
} from "../server/index.js";
export type { ServerOptions, TokenGrant, TokenEntry, PoolOptions, PoolResult } from "../server/index.js";
