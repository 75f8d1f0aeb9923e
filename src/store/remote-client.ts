// The HTTP side of RemoteStore: one connection pool to the store, SPARQL Protocol queries and updates, Graph Store
// Protocol loads, and the errors a store that cannot be reached or fails maps to.

import { Agent, request, type Dispatcher } from "undici";
import { InputError, isErrorNamed, UsageError, type ErrorCopy, type Message, type ProblemCode } from "../errors.js";
import { tx } from "../i18n.js";
import type { RemoteStoreOptions } from "./remote-options.js";
import { parseResultsJson } from "./remote-terms.js";
import type { SelectResult } from "./types.js";

/** The error of a store that cannot be reached or fails: 503 / 502 for the server. */
export class RemoteStoreError extends UsageError {
  readonly status: number;
  constructor(code: ProblemCode, message: Message, status: number, options: { hint?: Message; cause?: unknown } = {}) {
    super(code, message, options);
    this.name = "RemoteStoreError";
    this.status = status;
  }
}

/** A storage error of the remote store as the server's write path reports it. */
export function isRemoteStoreError(e: unknown): e is ErrorCopy<RemoteStoreError> {
  return e instanceof RemoteStoreError || isErrorNamed(e, "RemoteStoreError");
}

/** Requests to one remote store, over its own connections. */
export class RemoteClient {
  readonly #o: RemoteStoreOptions;
  readonly #agent: Agent;
  readonly #gsp: string;
  #closed = false;

  constructor(o: RemoteStoreOptions) {
    this.#o = o;
    this.#agent = new Agent({ connections: o.connections ?? 16, keepAliveTimeout: 2_000, keepAliveMaxTimeout: 5_000 });
    this.#gsp = o.graphStore ?? new URL("/sparql-graph-crud", o.endpoint).href;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Refuses every later request and closes the connections. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#agent.close();
  }

  async #http(
    url: string,
    init: { method: "GET" | "POST" | "PUT" | "DELETE"; body?: string | Uint8Array; headers: Record<string, string> },
  ): Promise<{ status: number; text: string; headers: Dispatcher.ResponseData["headers"] }> {
    if (this.#closed)
      throw new UsageError("store/closed", tx("store/closed"), { hint: tx("store/remote-closed.hint") });
    const timeout = this.#o.timeoutMs ?? 60_000;
    let r: Dispatcher.ResponseData;
    try {
      const send = (): Promise<Dispatcher.ResponseData> =>
        request(url, {
          method: init.method,
          headers: init.headers,
          ...(init.body !== undefined ? { body: init.body } : {}),
          dispatcher: this.#agent,
          headersTimeout: timeout,
          bodyTimeout: timeout,
        });
      // A kept-alive connection the store closed meanwhile: sent again once on a new one. Every request Vivant sends
      // is safe to repeat (queries, DROP, INSERT DATA of a state record, a POST of triples into a new graph, whose
      // triple count is checked before the switch).
      r = await send().catch((e: { code?: string }) => {
        if (e.code === "EPIPE" || e.code === "ECONNRESET" || e.code === "UND_ERR_SOCKET") return send();
        throw e;
      });
    } catch (e) {
      const code = (e as { code?: string }).code ?? "";
      if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
        throw new RemoteStoreError("query/timeout", tx("store/remote-timeout", { url, ms: timeout }), 503, {
          hint: tx("store/remote-timeout.hint"),
          cause: e,
        });
      }
      throw new RemoteStoreError(
        "store/unavailable",
        tx("store/unreachable", { url, reason: `${(e as Error).message}${code ? ` (${code})` : ""}` }),
        503,
        { hint: tx("store/unreachable.hint"), cause: e },
      );
    }
    const text = await r.body.text();
    return { status: r.statusCode, text, headers: r.headers };
  }

  /** A SPARQL Protocol POST (a query or an update); the answer's text, or the error the store's status maps to. */
  async sparql(body: URLSearchParams, accept: string): Promise<string> {
    const r = await this.#http(this.#o.endpoint, {
      method: "POST",
      body: body.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", accept },
    });
    if (r.status >= 200 && r.status < 300) return r.text;
    const first = r.text.split("\n")[0]!.slice(0, 300);
    if (r.status === 400 && body.has("query"))
      throw new InputError("sparql/evaluation", tx("store/remote-refused-query", { detail: first }), {
        hint: tx("sparql/evaluation.hint"),
      });
    throw new RemoteStoreError(
      "store/remote-failed",
      tx("store/remote-status", { status: r.status, detail: first }),
      502,
      { hint: tx("store/remote-log.hint") },
    );
  }

  /** Runs a SPARQL Update on the store (Vivant's own writes only). */
  async update(update: string): Promise<void> {
    await this.sparql(new URLSearchParams({ update }), "*/*");
  }

  /** A SELECT on the physical graphs as written (no rewrite), read from SPARQL JSON results. */
  async select(query: string): Promise<SelectResult> {
    const text = await this.sparql(new URLSearchParams({ query }), "application/sparql-results+json");
    return parseResultsJson(text);
  }

  /** Graph Store Protocol POST of N-Triples into a physical graph. */
  async post(physical: string, nt: string | Uint8Array): Promise<void> {
    const url = `${this.#gsp}?graph=${encodeURIComponent(physical)}`;
    const r = await this.#http(url, { method: "POST", body: nt, headers: { "content-type": "application/n-triples" } });
    if (r.status < 200 || r.status >= 300) {
      throw new RemoteStoreError(
        "store/remote-failed",
        tx("store/remote-refused-load", { status: r.status, detail: r.text.split("\n")[0]!.slice(0, 300) }),
        502,
        { hint: tx("store/remote-log.hint") },
      );
    }
  }
}
