// /reconcile: the W3C Entity Reconciliation API (1.0 Community Group draft) over the store's public graphs, and
// the 0.2 form OpenRefine sends (`queries=` and `extend=` posted to /reconcile itself). The index it matches
// against is read through the server's query backend once per set of graph versions (restricted graphs are never
// in the query workers, so never matched).

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Lang } from "../errors.js";
import { tx, txBy } from "../i18n.js";
import { EntityIndex } from "../reconcile/entities.js";
import { Matcher } from "../reconcile/match.js";
import { PREVIEW_CSP, previewPage } from "../reconcile/preview.js";
import { checkQualifiers } from "../reconcile/qualifiers.js";
import { MAX_LIMIT, parseJson, readBatch, readExtension, readOldBatch } from "../reconcile/request.js";
import {
  extend,
  extendOld,
  manifest,
  proposeProperties,
  suggestEntities,
  suggestProperties,
  suggestTypes,
} from "../reconcile/service.js";
import type { SelectSource } from "../store/types.js";
import { HttpError, mediaTypeOf, readBody, requestLang, send, sendJson, strictParams } from "./http-util.js";

/** Largest reconciliation request body (a full batch of long queries is well under it). */
const MAX_BODY = 2 * 2 ** 20;

export interface ReconcileContext {
  readonly source: SelectSource;
  /** The server's public address (ends with `/`). */
  readonly base: string;
  /** Changes whenever a graph changes (graph IRIs and versions). */
  readonly version: string;
  readonly maxBodyBytes: number;
}

/** The index of the current graph versions, read once and shared by concurrent requests. */
export class ReconcileIndexes {
  #current: { key: string; value: Promise<EntityIndex> } | undefined;

  get(source: SelectSource, key: string): Promise<EntityIndex> {
    if (this.#current?.key !== key) {
      const value = EntityIndex.build(source);
      this.#current = { key, value };
      value.catch(() => {
        if (this.#current?.value === value) this.#current = undefined;
      });
    }
    return this.#current.value;
  }
}

const FORM = "application/x-www-form-urlencoded";

/** The body as JSON (application/json) or as the JSON of one form field (`field=`). */
async function bodyJson(req: IncomingMessage, limit: number, field: string): Promise<{ doc: unknown; form: boolean }> {
  const type = mediaTypeOf(req.headers["content-type"]);
  if (type !== FORM && type !== "application/json" && !type.endsWith("+json")) {
    throw new HttpError(
      415,
      "reconcile/media-type",
      tx("reconcile/media-type", { type: JSON.stringify(type || "(none)") }),
      { hint: tx("reconcile/media-type.hint", { field }) },
    );
  }
  const text = await readBody(req, limit);
  if (type !== FORM) return { doc: parseJson(text, { en: "body", fr: "corps de la requête" }), form: false };
  const value = strictParams(text).get(field);
  if (value === null)
    throw new HttpError(400, "reconcile/no-queries", tx("reconcile/no-queries", { field }), {
      hint: tx("reconcile/media-type.hint", { field }),
    });
  return {
    doc: parseJson(value, { en: `form field \`${field}\``, fr: `champ de formulaire \`${field}\`` }),
    form: true,
  };
}

function intParam(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) > max) {
    throw new HttpError(400, "reconcile/bad-parameter", tx("reconcile/bad-parameter", { name, expected: `0…${max}` }), {
      hint: tx("reconcile/bad-parameter.hint", { example: `${name}=10` }),
    });
  }
  return Number(raw);
}

function textParam(url: URL, name: string): string | undefined {
  const v = url.searchParams.get(name) ?? undefined;
  if (v !== undefined && v.length > 1000) {
    throw new HttpError(
      400,
      "reconcile/bad-parameter",
      txBy("reconcile/bad-parameter", (l) => ({
        name,
        expected: l === "fr" ? "≤ 1000 caractères" : "≤ 1000 characters",
      })),
      { hint: tx("reconcile/bad-parameter.hint", { example: `${name}=…` }) },
    );
  }
  return v;
}

function answer(res: ServerResponse, lang: Lang, value: unknown): void {
  sendJson(res, 200, value, "application/json", { "Content-Language": lang, Vary: "Accept-Language, Origin" });
}

function allow(req: IncomingMessage, path: string, methods: readonly string[]): void {
  if (!methods.includes(req.method ?? "")) {
    throw new HttpError(405, "request/method", tx("reconcile/method", { method: req.method ?? "?", path }), {
      headers: { Allow: [...methods, "OPTIONS"].join(", ") },
    });
  }
}

/** One request under /reconcile, with what every route needs. */
interface ReconcileRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly lang: Lang;
  /** The path without its trailing slashes. */
  readonly path: string;
  /** The index of the current graph versions. */
  readonly index: () => Promise<EntityIndex>;
  /** Largest request body, in bytes. */
  readonly limit: number;
}

/** `/reconcile`: the manifest, or a batch (0.2 in `queries=`, 1.0 as JSON or as the `queries` form field). */
async function answerService(r: ReconcileRequest, service: string): Promise<void> {
  const { req, res, url, lang, path, index, limit } = r;
  allow(req, path, ["GET", "HEAD", "POST"]);
  if (req.method !== "POST") {
    const queries = url.searchParams.get("queries");
    if (queries === null) answer(res, lang, manifest(service, lang));
    else
      answer(
        res,
        lang,
        matchOld(await index(), lang, parseJson(queries, { en: "parameter `queries`", fr: "paramètre `queries`" })),
      );
    return;
  }
  const type = mediaTypeOf(req.headers["content-type"]);
  if (type === FORM) return answerServiceForm(r);
  const { doc } = await bodyJson(req, limit, "queries");
  answer(res, lang, matchNew(await index(), lang, doc));
}

/** A form posted to `/reconcile` (as OpenRefine sends it): an `extend=` alone, else a batch in `queries=`. */
async function answerServiceForm({ req, res, lang, index, limit }: ReconcileRequest): Promise<void> {
  const params = strictParams(await readBody(req, limit));
  const ext = params.get("extend");
  if (ext !== null && params.get("queries") === null) {
    const q = readExtension(parseJson(ext, { en: "form field `extend`", fr: "champ de formulaire `extend`" }));
    answer(res, lang, extendOld(extend(await index(), q.ids, q.properties, lang)));
    return;
  }
  const queries = params.get("queries");
  if (queries === null)
    throw new HttpError(400, "reconcile/no-queries", tx("reconcile/no-queries", { field: "queries" }), {
      hint: tx("reconcile/old-batch.hint"),
    });
  const doc = parseJson(queries, { en: "form field `queries`", fr: "champ de formulaire `queries`" });
  const isNew = typeof doc === "object" && doc !== null && Array.isArray((doc as { queries?: unknown }).queries);
  answer(res, lang, isNew ? matchNew(await index(), lang, doc) : matchOld(await index(), lang, doc));
}

/** `/reconcile/suggest/{entity,property,type}`: the entities, properties or types whose names start with `prefix`. */
async function answerSuggest({ req, res, url, lang, path, index }: ReconcileRequest): Promise<void> {
  allow(req, path, ["GET", "HEAD"]);
  const type = textParam(url, "type");
  const o = {
    prefix: textParam(url, "prefix") ?? "",
    limit: intParam(url, "limit", 10, MAX_LIMIT),
    offset: intParam(url, "offset", 0, 100_000),
    ...(type !== undefined ? { type } : {}),
  };
  if (path.endsWith("/entity")) answer(res, lang, suggestEntities(await index(), o, lang));
  else if (path.endsWith("/property")) answer(res, lang, suggestProperties(o, lang));
  else answer(res, lang, suggestTypes(o, lang));
}

/** `/reconcile/preview?id=`: an entity's small HTML card. */
async function answerPreview({ req, res, url, lang, path, index }: ReconcileRequest): Promise<void> {
  allow(req, path, ["GET", "HEAD"]);
  const id = textParam(url, "id") ?? "";
  const page = previewPage(await index(), id, lang === "fr" ? "fr" : "en");
  if (page === undefined)
    throw new HttpError(
      404,
      "reconcile/no-entity",
      tx("reconcile/no-entity", { id: JSON.stringify(id.slice(0, 200)) }),
      {
        hint: tx("reconcile/no-entity.hint"),
      },
    );
  send(res, 200, "text/html; charset=utf-8", page, {
    "Content-Security-Policy": PREVIEW_CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Content-Language": lang,
  });
}

/** Answers a request under /reconcile; false when the path is not one of its. */
export async function handleReconcile(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: ReconcileContext,
  indexes: ReconcileIndexes,
): Promise<boolean> {
  if (url.pathname !== "/reconcile" && !url.pathname.startsWith("/reconcile/")) return false;
  const lang = requestLang(req);
  const service = `${ctx.base}reconcile`;
  const index = (): Promise<EntityIndex> => indexes.get(ctx.source, ctx.version);
  const limit = Math.min(ctx.maxBodyBytes, MAX_BODY);
  const path = url.pathname.replace(/\/+$/, "") || "/reconcile";
  const r: ReconcileRequest = { req, res, url, lang, path, index, limit };
  switch (path) {
    case "/reconcile":
      await answerService(r, service);
      return true;
    case "/reconcile/match": {
      allow(req, path, ["POST"]);
      const { doc } = await bodyJson(req, limit, "queries");
      const queries = readBatch(doc);
      answer(res, lang, matchAll(await index(), lang, queries));
      return true;
    }
    case "/reconcile/suggest/entity":
    case "/reconcile/suggest/property":
    case "/reconcile/suggest/type":
      await answerSuggest(r);
      return true;
    case "/reconcile/preview":
      await answerPreview(r);
      return true;
    case "/reconcile/extend": {
      allow(req, path, ["POST"]);
      const { doc } = await bodyJson(req, limit, "extend");
      const q = readExtension(doc);
      answer(res, lang, extend(await index(), q.ids, q.properties, lang));
      return true;
    }
    case "/reconcile/extend/propose": {
      allow(req, path, ["GET", "HEAD"]);
      const raw = url.searchParams.get("limit");
      answer(
        res,
        lang,
        proposeProperties(
          textParam(url, "type") ?? "",
          raw === null ? undefined : intParam(url, "limit", 10, 100),
          lang,
        ),
      );
      return true;
    }
    default:
      throw new HttpError(404, "request/not-found", tx("http/not-found", { path: url.pathname }), {
        hint: tx("http/not-found.hint"),
      });
  }
}

function matchAll(
  index: EntityIndex,
  lang: Lang,
  queries: ReturnType<typeof readBatch>,
): { results: { candidates: unknown[] }[] } {
  checkQualifiers(queries);
  const m = new Matcher(index, lang);
  return { results: queries.map((q) => ({ candidates: m.match(q) })) };
}

function matchNew(index: EntityIndex, lang: Lang, doc: unknown): { results: { candidates: unknown[] }[] } {
  return matchAll(index, lang, readBatch(doc));
}

/** A 0.2 batch's answer: `{"q0": {"result": [...]}}`, keys as sent (own properties, whatever their names). */
function matchOld(index: EntityIndex, lang: Lang, doc: unknown): Record<string, { result: unknown[] }> {
  const { keys, queries } = readOldBatch(doc);
  const m = new Matcher(index, lang);
  return Object.fromEntries(keys.map((k, i) => [k, { result: m.match(queries[i]!) }]));
}
