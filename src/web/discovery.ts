// The discovery page (`/`): upcoming performances searched with the typed API's filter, facet counts beside the
// results, a page at a time, and links to the same search as JSON-LD and as the SPARQL that answers it.
// A plain GET form: it works without JavaScript.

import type { IncomingMessage } from "node:http";
import { FACETS, type Facet, type FacetCounts } from "../query/aggregates.js";
import type { PerformanceFilter } from "../query/filter.js";
import { performancesQuery, type PerformanceNode, type PerformancePage } from "../query/performances.js";
import { ACCESSIBILITY_FEATURES, GENRES, type Genre } from "../records/types.js";
import { genreIri } from "../mapping/terms.js";
import { SCHEMA } from "../vocab.js";
import { filterFromParams } from "../server/api.js";
import type { QueryBackend as QueryPool } from "../server/backend.js";
import { html, Html, page } from "./html.js";
import type { Federation, NodeReport } from "../dataspace/federation.js";
import { pageOf } from "./entity.js";
import { ACCESSIBILITY_LABELS, GENRE_LABELS, label, UI, type UiLang } from "./i18n.js";

/** The search form's fields: the typed API's parameter names, so a search URL maps one to one onto `/api/performances`. */
const FORM_PARAMS = [
  "from",
  "to",
  "city",
  "near",
  "genre",
  "venue",
  "performer",
  "lang",
  "accessibility",
  "free",
  "maxPrice",
  "q",
] as const;
const PAGE_PARAMS = ["cursor"] as const;

const GENRE_BY_IRI: ReadonlyMap<string, Genre> = new Map(GENRES.map((g) => [genreIri(g), g]));

/** A text value of a described node in the interface language (language maps, value objects and lists). */
export function textIn(value: unknown, lang: UiLang): string | undefined {
  const all = (Array.isArray(value) ? value : value === undefined ? [] : [value]) as unknown[];
  const tagged = all.map((v) =>
    typeof v === "object" && v !== null && "@value" in v
      ? { text: String(v["@value"]), lang: String((v as { "@language"?: string })["@language"] ?? "") }
      : { text: String(v), lang: "" },
  );
  return (
    tagged.find((t) => t.lang.toLowerCase().split("-")[0] === lang) ??
    tagged.find((t) => t.lang === "") ??
    tagged[0]
  )?.text;
}

type Node = Readonly<Record<string, unknown>>;

/** The nodes of a described property (one or a list; literals left out). */
function nodes(value: unknown): readonly Node[] {
  const all = Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value];
  return all.filter((v): v is Node => typeof v === "object" && v !== null && !("@value" in v));
}

function first(value: unknown): Node | undefined {
  return nodes(value)[0];
}

/** Formatters and collators made once (making one costs more than formatting a page's dates with it). */
const DATE_FORMAT: Readonly<Record<UiLang, Intl.DateTimeFormat>> = {
  fr: new Intl.DateTimeFormat("fr-FR", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }),
  en: new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }),
};
const COLLATOR: Readonly<Record<UiLang, Intl.Collator>> = { fr: new Intl.Collator("fr"), en: new Intl.Collator("en") };
const moneyFormats = new Map<string, (n: number) => string>();

/** A price formatter; a currency code Intl does not know (it comes from the data) is written after the number. */
function moneyFormat(lang: UiLang, currency: string): (n: number) => string {
  const key = `${lang} ${currency}`;
  let f = moneyFormats.get(key);
  if (f === undefined) {
    const locale = lang === "fr" ? "fr-FR" : "en-GB";
    try {
      const nf = new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 2 });
      f = (n) => nf.format(n);
    } catch {
      const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
      f = (n) => `${nf.format(n)} ${currency}`;
    }
    // Currencies come from the data: the cache stays small whatever is published.
    if (moneyFormats.size < 64) moneyFormats.set(key, f);
  }
  return f;
}

/** The venues offered in the search form's list: the most frequent for the search (a city's search lists its own). */
export const VENUE_OPTIONS = 100;

/** "2026-11-20T20:00:00+01:00" → the date and time as written (the venue's own wall clock), in the page's language. */
export function wallClock(dateTime: string, lang: UiLang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(dateTime);
  if (!m) return dateTime;
  const [, y, mo, d, h, mi] = m;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const date = DATE_FORMAT[lang].format(day);
  return h === undefined ? date : `${date}, ${h}:${mi}`;
}

function priceText(p: PerformanceNode, lang: UiLang): string | undefined {
  const t = UI[lang];
  const prices: number[] = [];
  let currency = "EUR";
  for (const o of nodes(p.offers)) {
    if (typeof o.priceCurrency === "string") currency = o.priceCurrency;
    if (typeof o.price === "number") prices.push(o.price);
    for (const s of nodes(o.priceSpecification)) {
      for (const k of ["price", "minPrice", "maxPrice"]) if (typeof s[k] === "number") prices.push(s[k]);
      if (typeof s.priceCurrency === "string") currency = s.priceCurrency;
    }
  }
  if (prices.length === 0) return p.isAccessibleForFree === true ? t.freeEntry : undefined;
  const fmt = moneyFormat(lang, currency);
  const lo = Math.min(...prices);
  const hi = Math.max(...prices);
  if (hi === 0) return t.freeEntry;
  return lo === hi ? fmt(lo) : `${fmt(lo)} – ${fmt(hi)}`;
}

const STATUS: Readonly<Record<string, keyof (typeof UI)["fr"]["status"]>> = {
  EventCancelled: "cancelled",
  EventPostponed: "postponed",
  EventRescheduled: "rescheduled",
  EventMovedOnline: "movedOnline",
};

/**
 * One performance as a list item; its name links to its page unless `link` is false (on that page itself). With a
 * `source` (a federated search's node), the item says where it came from and links to its page on that node.
 */
export function performanceItem(
  p: PerformanceNode,
  lang: UiLang,
  options: {
    readonly link?: boolean;
    readonly base?: string;
    readonly heading?: 2 | 3;
    readonly source?: string;
    readonly alsoAt?: readonly string[];
  } = {},
): Html {
  const t = UI[lang];
  const place = first(p.location);
  const venue = place ? (first(place.containedInPlace) ?? place) : undefined;
  const city = venue ? textIn(first(venue.address)?.addressLocality, lang) : undefined;
  const name = textIn(p.name, lang) ?? textIn(first(p.workPerformed)?.name, lang) ?? p["@id"];
  const status = typeof p.eventStatus === "string" ? STATUS[p.eventStatus] : undefined;
  const previous = typeof p.previousStartDate === "string" ? p.previousStartDate : undefined;
  const price = priceText(p, lang);
  const start = typeof p.startDate === "string" ? p.startDate : "";
  const remote = options.source !== undefined && options.source !== options.base ? options.source : undefined;
  const href =
    remote === undefined
      ? pageOf(p["@id"], options.base ?? "", lang)
      : p["@id"].startsWith(remote)
        ? p["@id"]
        : `${remote}resource?ui=${lang}&iri=${encodeURIComponent(p["@id"])}`;
  const title = options.link === false ? html`${name}` : html`<a href="${href}">${name}</a>`;
  return html`<li class="performance${status === "cancelled" ? " cancelled" : ""}" data-iri="${p["@id"]}">
${options.heading === 2 ? html`<h2>${title}</h2>` : html`<h3>${title}</h3>`}
<p class="when"><time datetime="${start}">${wallClock(start, lang)}</time>${status ? html` <strong class="status">${t.status[status]}</strong>` : ""}${previous ? html` <span class="previous">(${t.previously} <time datetime="${previous}">${wallClock(previous, lang)}</time>)</span>` : ""}</p>
<p class="where">${[venue ? textIn(venue.name, lang) : undefined, place && place !== venue ? textIn(place.name, lang) : undefined, city].filter(Boolean).join(" · ") || t.online}</p>
${price ? html`<p class="price">${t.price} ${price}</p>` : ""}
${options.source !== undefined ? html`<p class="source">${t.fromNode} <a href="${options.source}">${options.source}</a>${options.alsoAt?.length ? html` (${t.alsoAt} ${options.alsoAt.map((a, i) => html`${i ? ", " : ""}<a href="${a}">${a}</a>`)})` : ""}</p>` : ""}
</li>`;
}

/** Names of the IRIs shown in the venue facet and select, from the worker's index (kept until the next graph change). */
async function venueNames(pool: QueryPool, iris: readonly string[], lang: UiLang): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (iris.length === 0) return names;
  for (const [v, values] of Object.entries(await pool.names(iris)))
    if (values.length) names.set(v, textIn(values, lang) ?? v);
  return names;
}

function facetValueLabel(facet: Facet, value: string, lang: UiLang, venues: ReadonlyMap<string, string>): string {
  const t = UI[lang];
  switch (facet) {
    case "genre": {
      const g = GENRE_BY_IRI.get(value);
      return g ? label(GENRE_LABELS, g, lang) : value;
    }
    case "accessibility":
      return label(ACCESSIBILITY_LABELS, value.startsWith(SCHEMA) ? value.slice(SCHEMA.length) : value, lang);
    case "venue":
      // A place without a name in the data is a performance's stream (a VirtualLocation).
      return venues.get(value) ?? t.online;
    case "free":
      return value === "true" ? t.yes : t.no;
    default:
      return value.startsWith(SCHEMA) ? value.slice(SCHEMA.length) : value;
  }
}

/** The filter parameter a facet value sets (undefined: the facet is shown, not a link). */
function facetParam(facet: Facet, value: string): [string, string] | undefined {
  switch (facet) {
    case "genre": {
      const g = GENRE_BY_IRI.get(value);
      return ["genre", g ?? value];
    }
    case "accessibility":
      return ["accessibility", value.startsWith(SCHEMA) ? value.slice(SCHEMA.length) : value];
    case "language":
      return ["lang", value];
    case "free":
      return value === "true" ? ["free", "true"] : undefined;
    case "type":
      return undefined;
    default:
      return [facet, value];
  }
}

function withParam(url: URL, name: string, value: string | undefined): string {
  const u = new URL(url.href);
  u.searchParams.delete("cursor");
  if (value === undefined) u.searchParams.delete(name);
  else u.searchParams.set(name, value);
  return u.pathname + u.search;
}

/** The search parameters of the page URL that the typed API understands (empty fields left out). */
export function apiParams(url: URL): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of [...FORM_PARAMS, ...PAGE_PARAMS]) {
    const v = url.searchParams.get(k);
    if (v !== null && v.trim() !== "") out.set(k, v.trim());
  }
  return out;
}

function input(name: string, labelText: string, value: string, attrs: Html = new Html("")): Html {
  return html`<div class="field"><label for="f-${name}">${labelText}</label><input id="f-${name}" name="${name}" value="${value}" ${attrs}></div>`;
}

function select(
  name: string,
  labelText: string,
  value: string,
  options: readonly (readonly [string, string])[],
  lang: UiLang,
  hint?: string,
): Html {
  return html`<div class="field"><label for="f-${name}">${labelText}</label>${hint !== undefined ? html`<small id="f-${name}-hint" class="hint">${hint}</small>` : ""}<select id="f-${name}" name="${name}"${hint !== undefined ? html` aria-describedby="f-${name}-hint"` : ""}>
<option value="">${UI[lang].any}</option>
${options.map(([v, l]) => html`<option value="${v}"${v === value ? new Html(" selected") : ""}>${l}</option>`)}
</select></div>`;
}

export interface DiscoveryContext {
  readonly pool: QueryPool;
  /** The server's base URL: IRIs under it are linked as they are, others through `/resource?iri=`. */
  readonly base: string;
  readonly lang: UiLang;
  readonly url: URL;
  /** The other nodes this one searches (`vivant serve --federate`): the page links to the network's search. */
  readonly federation?: Federation;
  /** The network's search (`/federation`): every node asked, results labelled with their node, failures listed. */
  readonly federated?: boolean;
}

/** Names of the places the performances of a page are at (a federated page's venues are not in this node's index). */
function placeNames(items: readonly PerformanceNode[], lang: UiLang): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of items) {
    for (const place of nodes(p.location)) {
      for (const n of [place, ...nodes(place.containedInPlace)]) {
        const name = textIn(n.name, lang);
        if (typeof n["@id"] === "string" && name !== undefined) out.set(n["@id"], name);
      }
    }
  }
  return out;
}

/** The search itself: this node's workers, or every node of the federation. */
async function search(
  ctx: DiscoveryContext,
  filter: PerformanceFilter,
  options: { limit: number; cursor?: string },
): Promise<{ results: PerformancePage; facets: FacetCounts; failed?: readonly NodeReport[]; asked?: number }> {
  if (ctx.federated && ctx.federation) {
    const [p, f] = await Promise.all([
      ctx.federation.performances(filter, options),
      ctx.federation.facets(filter, FACETS),
    ]);
    const failed = [...p.failed, ...f.failed.filter((x) => !p.failed.some((y) => y.node === x.node))];
    return {
      results: { items: p.items, ...(p.next !== undefined ? { next: p.next } : {}) },
      facets: f.facets,
      failed,
      asked: p.nodes.length,
    };
  }
  const [results, facets] = await Promise.all([ctx.pool.page(filter, options), ctx.pool.facets(filter, FACETS)]);
  return { results, facets };
}

/** What a federated page says of the nodes asked: how many answered, and each one missing with why. */
function networkNotice(failed: readonly NodeReport[], asked: number, lang: UiLang): Html {
  const t = UI[lang];
  return html`<div class="network${failed.length ? " partial" : ""}" role="status"><p>${t.networkAsked(asked - failed.length, asked)}</p>
${failed.length ? html`<p><strong>${t.networkPartial}</strong></p><ul class="failed-nodes">${failed.map((f) => html`<li data-node="${f.node}"><a href="${f.node}">${f.node}</a> — ${f.message?.[lang] ?? f.status}</li>`)}</ul>` : ""}</div>`;
}

/** The discovery page as HTML, and its status (400 when the search's parameters are not understood). */
export async function discoveryPage(
  _req: IncomingMessage,
  ctx: DiscoveryContext,
): Promise<{ status: number; body: string }> {
  const { pool, lang, url } = ctx;
  const t = UI[lang];
  const params = apiParams(url);
  const v = (k: string): string => params.get(k) ?? "";
  let filter: PerformanceFilter | undefined;
  let error: string | undefined;
  let results: PerformancePage | undefined;
  let facets: FacetCounts | undefined;
  let failed: readonly NodeReport[] | undefined;
  let asked = 0;
  let sparql = "";
  try {
    const filterParams = new URLSearchParams(params);
    filterParams.delete("cursor");
    filter = filterFromParams(filterParams);
    const cursor = params.get("cursor") ?? undefined;
    const options = { limit: 20, ...(cursor ? { cursor } : {}) };
    if (!ctx.federated) sparql = performancesQuery(filter, options);
    const found = await search(ctx, filter, options);
    ({ results, facets } = found);
    failed = found.failed;
    asked = found.asked ?? 0;
  } catch (e) {
    error = (e as Error).message;
  }
  // The facet's order: the venues with the most matching performances first.
  const venueIris = facets ? facets.venue.slice(0, VENUE_OPTIONS).map((f) => f.value) : [];
  const venues = await venueNames(pool, venueIris, lang).catch(() => new Map<string, string>());
  if (ctx.federated && results)
    for (const [iri, name] of placeNames(results.items, lang)) if (!venues.has(iri)) venues.set(iri, name);
  const genreOptions = GENRES.map((g) => [g, label(GENRE_LABELS, g, lang)] as const).sort((a, b) =>
    COLLATOR[lang].compare(a[1], b[1]),
  );
  const accessOptions = ACCESSIBILITY_FEATURES.map((a) => [a, label(ACCESSIBILITY_LABELS, a, lang)] as const);
  const venueOptions = venueIris
    .map((iri) => [iri, venues.get(iri) ?? t.online] as const)
    .sort((a, b) => COLLATOR[lang].compare(a[1], b[1]));
  if (v("venue") && !venueIris.includes(v("venue"))) venueOptions.push([v("venue"), v("venue")]);

  const here = ctx.federated ? "/federation" : "/";
  const form = html`<form class="search" method="get" action="${here}" role="search" aria-label="${t.searchLabel}">
<input type="hidden" name="ui" value="${lang}">
${input("q", t.q, v("q"), new Html('type="search"'))}
${input("from", t.from, v("from"), new Html('type="date"'))}
${input("to", t.to, v("to"), new Html('type="date"'))}
${input("city", t.city, v("city"))}
${input("near", t.near, v("near"), html`placeholder="${t.nearHint}" inputmode="decimal"`)}
${select("genre", t.genre, v("genre"), genreOptions, lang)}
${select("venue", t.venue, v("venue"), venueOptions, lang, facets && facets.venue.length > VENUE_OPTIONS ? t.venueHint(VENUE_OPTIONS) : undefined)}
${input("performer", t.performer, v("performer"), new Html('type="url"'))}
${input("lang", t.language, v("lang"), new Html('placeholder="fr"'))}
${select("accessibility", t.accessibility, v("accessibility"), accessOptions, lang)}
${input("maxPrice", t.maxPrice, v("maxPrice"), new Html('type="number" min="0" step="any"'))}
<div class="field check"><input id="f-free" type="checkbox" name="free" value="true"${v("free") === "true" ? new Html(" checked") : ""}><label for="f-free">${t.free}</label></div>
<div class="actions"><button type="submit">${t.search}</button> <a href="${here}?ui=${lang}">${t.reset}</a></div>
</form>`;

  const apiQuery = new URLSearchParams(params);
  const jsonLink = `/api/${ctx.federated ? "federation/" : ""}performances${apiQuery.size ? `?${apiQuery.toString()}` : ""}`;
  const otherScope = new URLSearchParams(apiQuery);
  otherScope.delete("cursor");
  otherScope.set("ui", lang);
  const scopeLink = ctx.federation
    ? html`<p class="scope"><a href="${ctx.federated ? "/" : "/federation"}?${otherScope.toString()}">${ctx.federated ? t.networkLocal : t.networkLink(ctx.federation.sources.length)}</a></p>`
    : "";
  // The calendar is the whole search (every page): no cursor.
  const icalQuery = new URLSearchParams(apiQuery);
  icalQuery.delete("cursor");
  const icalLink = `/api/performances.ics${icalQuery.size ? `?${icalQuery.toString()}` : ""}`;
  const facetBlock = facets
    ? html`<aside class="facets" aria-label="${t.refine}"><h2>${t.refine}</h2>
${(["genre", "city", "venue", "accessibility", "language", "free"] as const)
  .filter((f) => facets[f].length > 0)
  .map(
    (f) => html`<section><h3>${t.facetNames[f]}</h3><ul>
${facets[f].slice(0, 12).map((c) => {
  const param = facetParam(f, c.value);
  const text = facetValueLabel(f, c.value, lang, venues);
  return html`<li>${param ? html`<a href="${withParam(url, param[0], param[1])}">${text}</a>` : text} <span class="count">${c.count}</span></li>`;
})}
</ul></section>`,
  )}
</aside>`
    : "";

  const resultBlock = results
    ? html`<section class="results" aria-labelledby="results-title">
<h2 id="results-title">${t.results(results.items.length, results.next !== undefined)}</h2>
${ctx.federated ? networkNotice(failed ?? [], asked, lang) : ""}
<ol class="performances">${results.items.map((p) => performanceItem(p, lang, { base: ctx.base, ...(ctx.federated ? sourceOf(p) : {}) }))}</ol>
<nav class="pages" aria-label="${t.pagination}">${params.get("cursor") ? html`<a href="${withParam(url, "cursor", undefined)}">${t.first}</a> ` : ""}${results.next ? html`<a rel="next" href="${withParam(url, "cursor", results.next)}">${t.next}</a>` : ""}</nav>
${
  ctx.federated
    ? html`<p class="links"><a href="${jsonLink}" type="application/ld+json">${t.asJsonLd}</a></p>`
    : html`<p class="links"><a href="${jsonLink}" type="application/ld+json">${t.asJsonLd}</a>, <a href="${icalLink}" type="text/calendar">${t.asIcal}</a></p>
<details><summary>${t.asSparql}</summary><pre><code>${sparql}</code></pre><p><a href="/sparql?query=${encodeURIComponent(sparql)}">${t.runSparql}</a></p></details>`
}
</section>`
    : html`<section class="results"><h2>${t.error}</h2><p class="problem" role="alert">${error ?? ""}</p></section>`;

  const title = ctx.federated ? t.networkTitle : t.title;
  const main = html`<h1>${title}</h1>
${form}
${scopeLink}
<div class="layout">${resultBlock}${facetBlock}</div>`;
  return { status: results ? 200 : 400, body: page({ lang, title, url, current: "discover" }, main) };
}

/** A federated performance's node (and the others holding it), for its list item. */
function sourceOf(p: PerformanceNode): { source?: string; alsoAt?: readonly string[] } {
  const source = typeof p.source === "string" ? p.source : undefined;
  const also = Array.isArray(p.alsoAt) ? (p.alsoAt as unknown[]).filter((a): a is string => typeof a === "string") : [];
  return source === undefined ? {} : { source, ...(also.length ? { alsoAt: also } : {}) };
}
