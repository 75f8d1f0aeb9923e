// The typed discoverability queries over HTTP: /api/performances (JSON-LD), its facets, and /api/stats.

import type { IncomingMessage, ServerResponse } from "node:http";
import { pageToJsonLd } from "../query/performances.js";
import { FACETS, type Facet } from "../query/aggregates.js";
import { checkFilter, inputError, TEXT_FILTER_KEYS, type PerformanceFilter } from "../query/filter.js";
import type { QueryBackend as QueryPool } from "./backend.js";
import { HttpError, negotiateLanguage, send, sendJson } from "./http-util.js";

/** Re-exported from their home (src/export/ical-feed.ts). */
export { feedItems, ICAL_MAX_EVENTS } from "../export/ical-feed.js";
import { tx } from "../i18n.js";

/** The parameters of /api/performances' question (`vivant export ical` takes the same, as options). */
export const FILTER_PARAMS = [
  "from",
  "to",
  "city",
  "region",
  "near",
  "genre",
  "type",
  "venue",
  "performer",
  "lang",
  "accessibility",
  "free",
  "maxPrice",
  "q",
  "tz",
] as const;

function one(params: URLSearchParams, name: string): string | undefined {
  const all = params.getAll(name);
  if (all.length > 1)
    throw new HttpError(400, "api/repeated-parameter", tx("api/repeated-parameter", { name, count: all.length }), {
      hint: tx("api/repeated-parameter.hint", { name }),
    });
  return all[0];
}

/** Query parameters → a filter; unknown parameters are refused so that a typo is not silently ignored. */
export function filterFromParams(params: URLSearchParams, extra: readonly string[] = []): PerformanceFilter {
  for (const k of params.keys()) {
    if (!(FILTER_PARAMS as readonly string[]).includes(k) && !extra.includes(k)) {
      throw new HttpError(400, "api/unknown-parameter", tx("api/unknown-parameter", { name: k }), {
        hint: tx("request/use-one-of", { list: [...FILTER_PARAMS, ...extra].join(", ") }),
      });
    }
  }
  const f: Record<string, unknown> = {};
  for (const k of TEXT_FILTER_KEYS) {
    const v = one(params, k);
    if (v !== undefined && v !== "") f[k] = v;
  }
  const tz = one(params, "tz");
  if (tz) f.timeZone = tz;
  const near = one(params, "near");
  if (near !== undefined) {
    const parts = near.split(",").map((s) => (s.trim() === "" ? NaN : Number(s.trim())));
    if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) {
      throw inputError(
        "api/bad-near",
        { en: `near=${near} is not lat,lon,km`, fr: `near=${near} n'est pas lat,lon,km` },
        {
          en: "e.g. near=45.7640,4.8357,10 (10 km around a point)",
          fr: "par ex. near=45.7640,4.8357,10 (10 km autour d'un point)",
        },
      );
    }
    f.near = { latitude: parts[0], longitude: parts[1], km: parts[2] };
  }
  const free = one(params, "free");
  if (free !== undefined) {
    if (free !== "true" && free !== "false") {
      throw inputError(
        "api/bad-free",
        { en: `free=${free} is not true or false`, fr: `free=${free} n'est ni true ni false` },
        { en: "free=true", fr: "free=true" },
      );
    }
    f.free = free === "true";
  }
  const maxPrice = one(params, "maxPrice");
  if (maxPrice !== undefined) {
    const n = Number(maxPrice);
    if (maxPrice.trim() === "" || !Number.isFinite(n)) {
      throw inputError(
        "api/bad-price",
        { en: `maxPrice=${maxPrice} is not a number`, fr: `maxPrice=${maxPrice} n'est pas un nombre` },
        { en: "maxPrice=20", fr: "maxPrice=20" },
      );
    }
    f.maxPrice = n;
  }
  // Ranges, tags, zones and IRIs: checked here, so that every route answers 400 whatever serves the question.
  checkFilter(f);
  return f;
}

/** One request to the typed questions, and the headers every answer carries. */
interface ApiRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly pool: QueryPool;
  readonly headers: Record<string, string>;
}

/** `/api/performances`: a page of the performances that match, as JSON-LD, with the next page's address. */
async function sendPerformances({ res, url, pool, headers }: ApiRequest): Promise<void> {
  const filter = filterFromParams(url.searchParams, ["limit", "cursor"]);
  const limitText = one(url.searchParams, "limit");
  const limit = limitText === undefined ? undefined : Number(limitText);
  const cursor = one(url.searchParams, "cursor");
  const page = await pool.page(filter, {
    ...(limit !== undefined ? { limit } : {}),
    ...(cursor ? { cursor } : {}),
  });
  const nextUrl = (c: string): string => {
    const u = new URL(url.href);
    u.searchParams.set("cursor", c);
    return u.pathname + u.search;
  };
  sendJson(res, 200, pageToJsonLd(page, nextUrl), "application/ld+json", headers);
}

/** `/api/performances.ics`: the performances that match as an iCalendar feed. */
async function sendCalendar({ req, res, url, pool, headers }: ApiRequest): Promise<void> {
  // The same question as /api/performances (every page of it), narrowed to a production or a series if asked.
  const filter = filterFromParams(url.searchParams, ["production", "series"]);
  const production = one(url.searchParams, "production") || undefined;
  const series = one(url.searchParams, "series") || undefined;
  const lang = negotiateLanguage(req.headers["accept-language"], ["en", "fr"] as const);
  // Written by a query worker (the HTTP thread only sends it): a feed of thousands of events takes a second.
  const { text: body, truncated } = await pool.ical(
    filter,
    { ...(production ? { production } : {}), ...(series ? { series } : {}) },
    { lang, name: "Vivant" },
  );
  send(res, 200, "text/calendar", body, {
    ...headers,
    "Content-Language": lang,
    "Content-Disposition": 'inline; filename="performances.ics"',
    ...(truncated ? { "X-Vivant-Truncated": "true" } : {}),
  });
}

/** `/api/performances/facets`: the counts of each facet asked for (every facet when none is), or of each graph apart. */
async function sendFacets({ res, url, pool, headers }: ApiRequest): Promise<void> {
  const filter = filterFromParams(url.searchParams, ["facet", "by"]);
  const asked = url.searchParams.getAll("facet");
  for (const a of asked)
    if (!(FACETS as readonly string[]).includes(a))
      throw new HttpError(400, "api/bad-facet", tx("api/bad-facet", { name: a }), {
        hint: tx("request/use-one-of", { list: FACETS.join(", ") }),
      });
  const by = one(url.searchParams, "by") ?? null;
  if (by !== null && by !== "graph")
    throw new HttpError(400, "api/bad-by", tx("api/bad-by", { value: by }), {
      hint: tx("request/use-one-of", { list: "graph" }),
    });
  const facets = asked.length ? (asked as Facet[]) : FACETS;
  sendJson(
    res,
    200,
    // by=graph: the counts of each named graph apart (what a federation needs to count a copied graph once).
    by === "graph" ? { graphs: await pool.facetsByGraph(filter, facets) } : await pool.facets(filter, facets),
    "application/json",
    headers,
  );
}

/** The typed questions: answered from the workers' performance index, then described with SPARQL. */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  pool: QueryPool,
  headers: Record<string, string>,
): Promise<boolean> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    if (
      ["/api/performances", "/api/performances.ics", "/api/performances/facets", "/api/stats"].includes(url.pathname)
    ) {
      throw new HttpError(405, "request/method", tx("request/method-here", { method: req.method }), {
        headers: { Allow: "GET, HEAD, OPTIONS" },
      });
    }
    return false;
  }
  const request: ApiRequest = { req, res, url, pool, headers };
  switch (url.pathname) {
    case "/api/performances":
      await sendPerformances(request);
      return true;
    case "/api/performances.ics":
      await sendCalendar(request);
      return true;
    case "/api/performances/facets":
      await sendFacets(request);
      return true;
    case "/api/stats": {
      sendJson(res, 200, await pool.observatory(filterFromParams(url.searchParams)), "application/json", headers);
      return true;
    }
    default:
      return false;
  }
}
