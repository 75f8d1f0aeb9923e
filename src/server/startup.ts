// Start-up of a server: the options refused before anything starts, the data directory (or a temporary one), the
// write and query backends (the embedded store and its query workers, or a remote store), then the listening
// socket. When a step fails, what the steps before it opened is closed again and a temporary directory removed.

import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { federatedNodes } from "../dataspace/federation.js";
import { InputError, UsageError } from "../errors.js";
import { capdataTerms } from "../export/capdata-terms.js";
import { tx } from "../i18n.js";
import { parseStoreUrl, RemoteStore, type RemoteStoreOptions } from "../store/remote.js";
import { GraphWriter } from "../store/writer.js";
import type { QueryBackend, WriteBackend } from "./backend.js";
import { DEFAULT_PORT, logWarning, type ServerOptions } from "./options.js";
import { QueryPool, type PoolOptions } from "./pool.js";
import { RemotePool } from "./remote-pool.js";
import { resetSpool } from "./spool.js";

/** What start-up made: the listening HTTP server and its address, the backends, the temporary data directory. */
export interface Started {
  readonly http: Server;
  /** e.g. `http://127.0.0.1:8733/` */
  readonly url: string;
  readonly pool: QueryBackend;
  readonly writer: WriteBackend;
  /** The data directory made for this run (removed at close), when none was given. */
  readonly tempDir: string | undefined;
}

/**
 * Starts what a server runs on, then `build`s the server from it. A failure of any step (`build` included) closes
 * the backends opened so far and removes the temporary directory before it is thrown.
 */
export async function startServer<T>(options: ServerOptions, build: (started: Started) => T): Promise<T> {
  if (options.capdataNamespace !== undefined) capdataTerms(options.capdataNamespace); // refused at start, not at the first request
  if (options.federation) federatedNodes(options.federation.nodes); // a bad node URL or token: refused before anything starts
  const remote =
    options.store === undefined
      ? undefined
      : typeof options.store === "string"
        ? parseStoreUrl(options.store)
        : options.store;
  const tempDir = options.dataDir === undefined ? await mkdtemp(join(tmpdir(), "vivant-serve-")) : undefined;
  const dataDir = options.dataDir ?? tempDir!;
  const opened: { writer?: WriteBackend; pool?: QueryBackend } = {};
  try {
    const writer = (opened.writer = remote
      ? await openRemoteStore(options, remote)
      : await GraphWriter.open(dataDir, (_w, text) => logWarning(options, text)));
    if (writer instanceof RemoteStore) opened.pool = await startRemotePool(options, writer);
    // Spooled bodies and change feeds stay local (with a remote store: in --data DIR, else a temporary directory).
    await resetSpool(dataDir);
    const pool = (opened.pool ??= await QueryPool.start(localPoolOptions(options, dataDir)));
    const { http, url } = await listen(options);
    return build({ http, url, pool, writer, tempDir });
  } catch (e) {
    await opened.pool?.close();
    await opened.writer?.close();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    throw e;
  }
}

/** A remote store, once its graphs are known; refused when the tokens file restricts a graph. */
async function openRemoteStore(options: ServerOptions, remote: RemoteStoreOptions): Promise<RemoteStore> {
  // The remote store's SPARQL sees every graph it holds: a restricted graph there would be readable by anyone.
  if (options.tokens?.restrictedGraphs().size) {
    const list = [...options.tokens.restrictedGraphs().keys()].join(", ");
    throw new InputError(
      "server/remote-restricted",
      {
        en: `restricted graphs (share: in the tokens file) cannot be kept in a remote store: ${list}`,
        fr: `des graphes restreints (share: dans le fichier de jetons) ne peuvent pas être gardés dans un entrepôt distant : ${list}`,
      },
      {
        hint: {
          en: "serve restricted graphs from a data directory (--data DIR), or remove share: from their entries",
          fr: "servez les graphes restreints depuis un répertoire de données (--data DIR), ou retirez share: de leurs entrées",
        },
      },
    );
  }
  return RemoteStore.open({
    ...remote,
    ...(options.queryLimits ? { queryLimits: options.queryLimits } : {}),
    onWarning: (_w, text) => logWarning(options, text),
  });
}

/** The query side of a remote store (the store closed again when it does not start). */
function startRemotePool(options: ServerOptions, store: RemoteStore): Promise<RemotePool> {
  return RemotePool.start({
    store,
    timeoutMs: options.queryTimeoutMs ?? 10_000,
    maxResultBytes: options.maxResultBytes ?? 64 * 2 ** 20,
    unionDefaultGraph: options.unionDefaultGraph ?? true,
    ...(options.queryLimits ? { queryLimits: options.queryLimits } : {}),
    ...(options.typedQuestions ? { typedQuestions: options.typedQuestions } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.lang ? { lang: options.lang } : {}),
  }).catch(async (e: unknown) => {
    await store.close();
    throw e;
  });
}

/** The query workers over the data directory. */
function localPoolOptions(options: ServerOptions, dataDir: string): PoolOptions {
  return {
    dataDir,
    workers: options.workers ?? Math.max(1, Math.min(2, availableParallelism())),
    timeoutMs: options.queryTimeoutMs ?? 10_000,
    ...(options.lookupTimeoutMs !== undefined ? { lookupTimeoutMs: options.lookupTimeoutMs } : {}),
    ...(options.queryLimits ? { queryLimits: options.queryLimits } : {}),
    maxResultBytes: options.maxResultBytes ?? 64 * 2 ** 20,
    unionDefaultGraph: options.unionDefaultGraph ?? true,
    ...(options.log ? { log: options.log } : {}),
    ...(options.lang ? { lang: options.lang } : {}),
    // Restricted graphs are never loaded by the query workers: no query, typed question, aggregate or page sees them.
    ...(options.tokens?.restrictedGraphs().size ? { exclude: [...options.tokens.restrictedGraphs().keys()] } : {}),
  };
}

/** Listens on the options' host and port; a failure to listen is a usage error that says what to change. */
async function listen(options: ServerOptions): Promise<{ http: Server; url: string }> {
  const http = createServer();
  const port = options.port ?? DEFAULT_PORT;
  const hostName = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    http.once("error", (e) => reject(listenError(e, hostName, port)));
    http.listen(port, hostName, () => resolve());
  });
  const address = http.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return { http, url: `http://${host}:${address.port}/` };
}

/** A failure to listen, as a usage error that says what to change (not a stack trace). */
function listenError(e: NodeJS.ErrnoException, host: string, port: number): Error {
  switch (e.code) {
    case "EADDRINUSE":
      return new UsageError("serve/port-in-use", tx("serve/port-in-use", { port, host }), {
        hint: tx("serve/port-in-use.hint"),
        cause: e,
      });
    case "EACCES":
      return new UsageError("serve/no-permission", tx("serve/no-permission", { port, host }), {
        hint: tx("serve/no-permission.hint", { suggest: DEFAULT_PORT }),
        cause: e,
      });
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EADDRNOTAVAIL":
    case "EAI_NONAME":
    case "EINVAL":
      return new UsageError("serve/bad-host", tx("serve/bad-host", { host, reason: e.code }), {
        hint: tx("serve/bad-host.hint"),
        cause: e,
      });
    default:
      return e;
  }
}
