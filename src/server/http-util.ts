// Small HTTP helpers over node:http: content negotiation, bounded bodies, problem+json answers, CORS.

import type { IncomingMessage, ServerResponse } from "node:http";
import { TextDecoder } from "node:util";
import Negotiator from "negotiator";
import {
  isErrorNamed,
  isInputError,
  isVivantError,
  VivantError,
  type Lang,
  type Message,
  type Text,
  type ProblemCode,
  type ErrorCopy,
} from "../errors.js";
import { CATALOGUE, langOf, t, tx, txt, type MessageKey } from "../i18n.js";

export const PROBLEM_JSON = "application/problem+json";
/** Base of the `type` IRIs of the problems this server answers with. */
export const PROBLEM_BASE = "https://vivant.dev/problems/";

/** An RFC 9457 problem, with Vivant's code, hint and position when known. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code?: ProblemCode;
  readonly hint?: string;
  readonly line?: number;
  readonly column?: number;
  readonly [extra: string]: unknown;
}

/**
 * An HTTP answer other than success, thrown by a route: its status, code, detail and hint (in each language) and
 * the headers to send. Unlike its family, its `message` is the English detail alone (the hint is sent apart).
 */
export class HttpError extends VivantError {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    status: number,
    code: ProblemCode,
    message: Message,
    options: { hint?: Message | undefined; headers?: Record<string, string> | undefined } = {},
  ) {
    super(code, message, options.hint !== undefined ? { hint: options.hint } : {});
    this.name = "HttpError";
    this.message = this.text.en;
    this.status = status;
    this.headers = options.headers ?? {};
  }
}

/** True for an `HttpError`, or a plain copy of one (see `isErrorNamed`). */
export function isHttpError(e: unknown): e is ErrorCopy<HttpError> {
  return e instanceof HttpError || isErrorNamed(e, "HttpError");
}

/** The language a request's problem documents are written in (its Accept-Language; English by default). */
export function requestLang(req: IncomingMessage | undefined): Lang {
  return langOf(req?.headers["accept-language"]);
}

function title(status: number, lang: Lang): string {
  const key = `http/${status}`;
  return key in CATALOGUE ? t(key as MessageKey, {}, lang) : t("http/error", {}, lang);
}

/**
 * Answers with an RFC 9457 problem document in the request's language (Accept-Language): `detail` and a `hint`
 * given as `Text` (see `tx` in src/i18n.ts) are picked in that language; plain strings are sent as they are.
 */
export function sendProblem(
  res: ServerResponse,
  status: number,
  code: ProblemCode,
  detail: Message,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): void {
  const lang = requestLang(res.req);
  const pick = (v: unknown): unknown =>
    v !== null && typeof v === "object" && "en" in v && "fr" in v && typeof (v as Text).en === "string"
      ? (v as Text)[lang]
      : v;
  const localised = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, k === "hint" ? pick(v) : v]));
  const body: Problem = {
    type: `${PROBLEM_BASE}${code}`,
    title: title(status, lang),
    status,
    detail: pick(detail) as string,
    code,
    ...localised,
  };
  send(res, status, PROBLEM_JSON, JSON.stringify(body), { "Content-Language": lang, ...headers });
}

/** Maps anything thrown by a handler to a problem answer, in the request's language. */
export function sendError(res: ServerResponse, e: unknown): void {
  if (e instanceof HttpError) {
    sendProblem(res, e.status, e.code, e.text, e.hintText !== undefined ? { hint: e.hintText } : {}, e.headers);
    return;
  }
  const status = (e as { status?: number }).status;
  if (isVivantError(e)) {
    const v = e as VivantError & { line?: number; column?: number };
    const extra: Record<string, unknown> = {};
    if (v.hintText !== undefined) extra.hint = v.hintText;
    if (v.line !== undefined) extra.line = v.line;
    if (v.column !== undefined) extra.column = v.column;
    sendProblem(res, typeof status === "number" ? status : isInputError(e) ? 400 : 500, v.code, v.text, extra);
    return;
  }
  sendProblem(res, 500, "internal", tx("http/internal", { detail: e instanceof Error ? e.message : String(e) }));
}

export function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.writeHead(status, {
    "Content-Type":
      /^(text\/|application\/(json|ld\+json|problem\+json|sparql-results\+json|n-triples|n-quads|trig|sparql-results\+xml|rdf\+xml))/.test(
        contentType,
      ) && !contentType.includes("charset")
        ? `${contentType}; charset=utf-8`
        : contentType,
    "Content-Length": String(bytes.byteLength),
    ...headers,
  });
  res.end(res.req.method === "HEAD" ? undefined : bytes);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  contentType = "application/json",
  headers: Record<string, string> = {},
): void {
  send(res, status, contentType, JSON.stringify(value), headers);
}

/**
 * Reads a request body up to `limit` bytes; 413 beyond (checked on Content-Length first, then while reading).
 * The text is decoded in the Content-Type's `charset` (UTF-8 when none is given): an unknown charset is 415,
 * bytes that are not valid in it 400, never replaced by U+FFFD. A UTF-8 byte-order mark is dropped.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return decodeBody(await readBytes(req, limit), req.headers["content-type"]);
}

/** The `charset` parameter of a Content-Type header, lower-cased, if any. */
export function charsetOf(header: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(header ?? "");
  return m ? (m[1] ?? m[2] ?? "").trim().toLowerCase() : undefined;
}

/**
 * Decodes a body in the Content-Type's charset (see readBody). `what` names it in the errors (default: the request
 * body; e.g. a multipart part).
 */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined, what?: Text): string {
  const subject = what ?? { en: "the request body", fr: "le corps de la requête" };
  const decoder = bodyDecoder(contentType, what);
  try {
    return decoder.decode(bytes);
  } catch {
    const at = decoder.encoding === "utf-8" ? firstInvalidUtf8(bytes) : undefined;
    // (Only UTF-8 and UTF-16 decoders can meet invalid bytes; single-byte charsets map every byte.)
    const where = at !== undefined ? { en: ` (byte ${at})`, fr: ` (octet ${at})` } : { en: "", fr: "" };
    throw new HttpError(
      400,
      "request/encoding",
      {
        en: `${subject.en} is not valid ${decoder.encoding.toUpperCase()}${where.en}`,
        fr: `${subject.fr} n'est pas de l'${decoder.encoding.toUpperCase()} valide${where.fr}`,
      },
      {
        hint: txt({
          en: 'send the body in UTF-8, or name its charset in Content-Type (e.g. "text/turtle; charset=iso-8859-1")',
          fr: "envoyez le corps en UTF-8, ou nommez son jeu de caractères dans Content-Type (par exemple « text/turtle; charset=iso-8859-1 »)",
        }),
      },
    );
  }
}

/** A fatal decoder for the Content-Type's charset (UTF-8 when none is given); 415 for a charset it cannot read. */
export function bodyDecoder(contentType: string | undefined, what?: Text): TextDecoder {
  const charset = charsetOf(contentType) ?? "utf-8";
  try {
    return new TextDecoder(charset, { fatal: true });
  } catch {
    throw new HttpError(
      415,
      "request/charset",
      {
        en: `cannot read ${what ? what.en : "a body"} in charset ${JSON.stringify(charset)}`,
        fr: `impossible de lire ${what ? what.fr : "un corps"} dans le jeu de caractères ${JSON.stringify(charset)}`,
      },
      {
        hint: txt({
          en: "send UTF-8 (charset=utf-8, or no charset), or another charset of the WHATWG Encoding Standard such as iso-8859-1",
          fr: "envoyez de l'UTF-8 (charset=utf-8, ou aucun charset), ou un autre jeu de caractères du WHATWG Encoding Standard, par exemple iso-8859-1",
        }),
      },
    );
  }
}

/**
 * Parses `application/x-www-form-urlencoded` text (a body or a URL's query) like URLSearchParams, but refuses with
 * 400 a percent-encoded value that is not UTF-8 instead of turning its bytes into U+FFFD.
 */
export function strictParams(text: string): URLSearchParams {
  if (/%[89a-f][0-9a-f]/i.test(text)) {
    for (const part of text.split("&")) {
      const bytes: number[] = [];
      const raw = part.replace(/\+/g, " ");
      for (let i = 0; i < raw.length; i++) {
        const hex = raw[i] === "%" ? /^[0-9a-f]{2}$/i.exec(raw.slice(i + 1, i + 3))?.[0] : undefined;
        if (hex !== undefined) {
          bytes.push(parseInt(hex, 16));
          i += 2;
        } else {
          for (const b of Buffer.from(raw[i]!, "utf8")) bytes.push(b);
        }
      }
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bytes));
      } catch {
        const name = part.split("=")[0]!;
        throw new HttpError(
          400,
          "request/encoding",
          txt(
            {
              en: "the parameter {name} is percent-encoded bytes that are not UTF-8",
              fr: "le paramètre {name} encode en pourcentage des octets qui ne sont pas de l'UTF-8",
            },
            { name: JSON.stringify(name.slice(0, 60)) },
          ),
          {
            hint: txt({
              en: "percent-encode the UTF-8 bytes of the text (encodeURIComponent does)",
              fr: "encodez en pourcentage les octets UTF-8 du texte (comme encodeURIComponent)",
            }),
          },
        );
      }
    }
  }
  return new URLSearchParams(text);
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // The longest prefix with no invalid byte, by bisection (in stream mode a sequence cut at the end is not an error).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  // Every byte read: the text ends inside a sequence, which starts at the last lead byte.
  if (lo === bytes.length) for (let i = bytes.length - 1; i >= 0; i--) if ((bytes[i]! & 0xc0) !== 0x80) return i;
  return lo;
}

export async function readBytes(req: IncomingMessage, limit: number): Promise<Uint8Array> {
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
  return Buffer.concat(chunks);
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, "request/too-large", tx("http/too-large", { limit }), { hint: tx("http/too-large.hint") });
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
export function negotiate(
  accept: string | undefined,
  offers: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): string | undefined {
  const header = accept === undefined || !accept.trim() ? "*/*" : accept;
  const names = [...offers, ...Object.keys(aliases).filter((a) => !offers.includes(a))];
  const best = new Negotiator({ headers: { accept: header } }).mediaType(names);
  return best === undefined ? undefined : offers.includes(best) ? best : aliases[best];
}

/** The preferred of `languages` for an Accept-Language header (`negotiator`); the first when none matches. */
export function negotiateLanguage<L extends string>(header: string | undefined, languages: readonly L[]): L {
  return (
    (new Negotiator({ headers: { "accept-language": header ?? "" } }).language([...languages]) as L | undefined) ??
    languages[0]!
  );
}

/** CORS: any origin may read; writes still need a bearer token (no cookies are used). */
export function corsHeaders(origin: string): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": "Content-Type, Content-Length, Location, Link",
    Vary: "Accept, Accept-Language, Origin",
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
