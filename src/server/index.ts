// The SPARQL 1.1 Protocol and Graph Store Protocol server, with the typed discoverability API.

export { VivantServer, type ServerOptions } from "./app.js";
export { TokenTable, type TokenGrant, type TokenEntry } from "./auth.js";
export { QueryPool, QueryError, isQueryError, type PoolOptions, type PoolResult } from "./pool.js";
export { filterFromParams } from "./api.js";
export { negotiate, HttpError, isHttpError } from "./http-util.js";
