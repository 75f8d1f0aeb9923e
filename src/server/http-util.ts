// Small HTTP helpers over node:http: content negotiation, bounded bodies, problem+json answers, CORS.

import type { IncomingMessage, ServerResponse } from "node:http";
import Negotiator from "negotiator";
import { isInputError, isVivantError, type VivantError } from "../errors.js";

export const PROBLEM_JSON = "application/problem+json";
/** Base of the `type` IRIs of the problems this server answers with. */
export const PROBLEM_BASE = "https://vivant.dev/problems/";

/** An RFC 9457 problem, with Vivant's code, hint and position when known. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code?: string;
  readonly hint?: string;
  readonly line?: number;
  readonly column?: number;
  readonly [extra: string]: unknown;
}

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly hint?: string;
  readonly headers: Readonly<Record<string, string>>;
  constructor(status: number, code: string, message: string, options: { hint?: string; headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    if (options.hint !== undefined) this.hint = options.hint;
    this.headers = options.headers ?? {};
  }
}

const TITLES: Readonly<Record<number, string>> = {
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
  413: "Content Too Large", 415: "Unsupported Media Type", 422: "Unprocessable Content", 500: "Internal Server Error", 503: "Service Unavailable",
};

export function sendProblem(res: ServerResponse, status: number, code: string, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): void {
  const body: Problem = { type: `${PROBLEM_BASE}${code}`, title: TITLES[status] ?? "Error", status, detail, code, ...extra };
  send(res, status, PROBLEM_JSON, JSON.stringify(body), headers);
}

/** Maps anything thrown by a handler to a problem answer. */
export function sendError(res: ServerResponse, e: unknown): void {
  if (e instanceof HttpError) {
    sendProblem(res, e.status, e.code, e.message, e.hint !== undefined ? { hint: e.hint } : {}, e.headers);
    return;
  }
  const status = (e as { status?: number }).status;
  if (isVivantError(e)) {
    const v = e as VivantError & { line?: number; column?: number };
    const extra: Record<string, unknown> = {};
    if (v.hint !== undefined) extra.hint = v.hint;
    if (v.line !== undefined) extra.line = v.line;
    if (v.column !== undefined) extra.column = v.column;
    // The hint is its own member of the problem: keep it out of the detail.
    const detail = v.hint !== undefined && v.message.endsWith(` (${v.hint})`) ? v.message.slice(0, -(v.hint.length + 3)) : v.message;
    sendProblem(res, typeof status === "number" ? status : isInputError(e) ? 400 : 500, v.code, detail, extra);
    return;
  }
  sendProblem(res, 500, "internal", e instanceof Error ? e.message : String(e));
}

export function send(res: ServerResponse, status: number, contentType: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.writeHead(status, {
    "Content-Type": /^(text\/|application\/(json|ld\+json|problem\+json|sparql-results\+json|n-triples|n-quads|trig|sparql-results\+xml|rdf\+xml))/.test(contentType) && !contentType.includes("charset")
      ? `${contentType}; charset=utf-8`
      : contentType,
    "Content-Length": String(bytes.byteLength),
    ...headers,
  });
  res.end(res.req.method === "HEAD" ? undefined : bytes);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, contentType = "application/json", headers: Record<string, string> = {}): void {
  send(res, status, contentType, JSON.stringify(value), headers);
}

/** Reads a request body up to `limit` bytes; 413 beyond (checked on Content-Length first, then while reading). */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw tooLarge(limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, "request/too-large", `the request body is larger than ${limit} bytes`, {
    hint: "split the data (one publisher graph per request) or ask the operator to raise --max-body",
  });
}

/** The media type of a request, lower-cased, without parameters. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * The best of `offers` (first = preferred by the server) for an Accept header, or undefined (406), chosen by
 * `negotiator` (q-values, then specificity, then the client's order, then the server's). `aliases` are other names
 * clients use for an offer (e.g. `application/json` for SPARQL JSON results); a missing or blank header accepts anything.
 */
export function negotiate(accept: string | undefined, offers: readonly string[], aliases: Readonly<Record<string, string>> = {}): string | undefined {
  const header = accept === undefined || !accept.trim() ? "*/*" : accept;
  const names = [...offers, ...Object.keys(aliases).filter((a) => !offers.includes(a))];
  const best = new Negotiator({ headers: { accept: header } }).mediaType(names);
  return best === undefined ? undefined : offers.includes(best) ? best : aliases[best];
}

/** The preferred of `languages` for an Accept-Language header (`negotiator`); the first when none matches. */
export function negotiateLanguage<L extends string>(header: string | undefined, languages: readonly L[]): L {
  return (new Negotiator({ headers: { "accept-language": header ?? "" } }).language([...languages]) as L | undefined) ?? languages[0]!;
}

/** CORS: any origin may read; writes still need a bearer token (no cookies are used). */
export function corsHeaders(origin: string): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": "Content-Type, Content-Length, Location, Link",
    Vary: "Accept, Origin",
  };
}

export function preflight(res: ServerResponse, origin: string, methods: string): void {
  res.writeHead(204, {
    ...corsHeaders(origin),
    "Access-Control-Allow-Methods": methods,
    "Access-Control-Allow-Headers": "Accept, Authorization, Content-Type",
    "Access-Control-Max-Age": "86400",
    Allow: methods,
  });
  res.end();
}
