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
import { ACCESSIBILITY_LABELS, GENRE_LABELS, label, UI, type UiLang } from "./i18n.js";
import { nodes, performanceItem, textIn } from "./performance-item.js";

// The old path of the list item and its text helpers (the entity page imports them from here).
export { performanceItem, textIn, wallClock } from "./performance-item.js";

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
/** Collators made once (making one costs more than sorting a page's options with it). */
const COLLATOR: Readonly<Record<UiLang, Intl.Collator>> = { fr: new Intl.Collator("fr"), en: new Intl.Collator("en") };

/** The venues offered in the search form's list: the most frequent for the search (a city's search lists its own). */
export const VENUE_OPTIONS = 100;
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

/** What the search found; no results (and the error) when its parameters are not understood. */
interface Found {
  readonly results?: PerformancePage | undefined;
  readonly facets?: FacetCounts | undefined;
  readonly failed?: readonly NodeReport[] | undefined;
  readonly asked: number;
  /** The SPARQL that answers it (a federated search has none). */
  readonly sparql: string;
  readonly error?: string;
}

/** The page's search, a page of 20 at the cursor. */
async function runSearch(ctx: DiscoveryContext, params: URLSearchParams): Promise<Found> {
  try {
    const filterParams = new URLSearchParams(params);
    filterParams.delete("cursor");
    const filter = filterFromParams(filterParams);
    const cursor = params.get("cursor") ?? undefined;
    const options = { limit: 20, ...(cursor ? { cursor } : {}) };
    const sparql = ctx.federated ? "" : performancesQuery(filter, options);
    const found = await search(ctx, filter, options);
    return { results: found.results, facets: found.facets, failed: found.failed, asked: found.asked ?? 0, sparql };
  } catch (e) {
    return { asked: 0, sparql: "", error: (e as Error).message };
  }
}

/** The venues' names (for the facet and the select) and the select's options, the asked venue among them. */
async function venueChoices(
  ctx: DiscoveryContext,
  found: Found,
  asked: string,
): Promise<{ venues: Map<string, string>; options: (readonly [string, string])[] }> {
  const { lang } = ctx;
  // The facet's order: the venues with the most matching performances first.
  const venueIris = found.facets ? found.facets.venue.slice(0, VENUE_OPTIONS).map((f) => f.value) : [];
  const venues = await venueNames(ctx.pool, venueIris, lang).catch(() => new Map<string, string>());
  if (ctx.federated && found.results)
    for (const [iri, name] of placeNames(found.results.items, lang)) if (!venues.has(iri)) venues.set(iri, name);
  const options = venueIris
    .map((iri) => [iri, venues.get(iri) ?? UI[lang].online] as const)
    .sort((a, b) => COLLATOR[lang].compare(a[1], b[1]));
  if (asked && !venueIris.includes(asked)) options.push([asked, asked]);
  return { venues, options };
}

/** The search form, filled with the page's parameters. */
function searchForm(
  ctx: DiscoveryContext,
  v: (k: string) => string,
  facets: FacetCounts | undefined,
  venueOptions: readonly (readonly [string, string])[],
): Html {
  const { lang } = ctx;
  const t = UI[lang];
  const genreOptions = GENRES.map((g) => [g, label(GENRE_LABELS, g, lang)] as const).sort((a, b) =>
    COLLATOR[lang].compare(a[1], b[1]),
  );
  const accessOptions = ACCESSIBILITY_FEATURES.map((a) => [a, label(ACCESSIBILITY_LABELS, a, lang)] as const);
  const here = ctx.federated ? "/federation" : "/";
  return html`<form class="search" method="get" action="${here}" role="search" aria-label="${t.searchLabel}">
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
}

/** The facet counts beside the results, each value a link that narrows the search (or plain text). */
function facetBlock(
  facets: FacetCounts | undefined,
  url: URL,
  lang: UiLang,
  venues: ReadonlyMap<string, string>,
): Html | string {
  const t = UI[lang];
  return facets
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
}

/** The link to the same search on the other scope (this node or the network), when this node searches others. */
function scopeLink(ctx: DiscoveryContext, params: URLSearchParams): Html | string {
  const { lang } = ctx;
  const t = UI[lang];
  const otherScope = new URLSearchParams(params);
  otherScope.delete("cursor");
  otherScope.set("ui", lang);
  return ctx.federation
    ? html`<p class="scope"><a href="${ctx.federated ? "/" : "/federation"}?${otherScope.toString()}">${ctx.federated ? t.networkLocal : t.networkLink(ctx.federation.sources.length)}</a></p>`
    : "";
}

/** The results (with the network's notice, the pages and the same search as JSON-LD, iCalendar and SPARQL), or the error. */
function resultBlock(ctx: DiscoveryContext, params: URLSearchParams, found: Found): Html {
  const { lang, url } = ctx;
  const t = UI[lang];
  const { results, failed, asked, sparql, error } = found;
  const apiQuery = new URLSearchParams(params);
  const jsonLink = `/api/${ctx.federated ? "federation/" : ""}performances${apiQuery.size ? `?${apiQuery.toString()}` : ""}`;
  // The calendar is the whole search (every page): no cursor.
  const icalQuery = new URLSearchParams(apiQuery);
  icalQuery.delete("cursor");
  const icalLink = `/api/performances.ics${icalQuery.size ? `?${icalQuery.toString()}` : ""}`;
  return results
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
}

/** The discovery page as HTML, and its status (400 when the search's parameters are not understood). */
export async function discoveryPage(
  _req: IncomingMessage,
  ctx: DiscoveryContext,
): Promise<{ status: number; body: string }> {
  const { lang, url } = ctx;
  const t = UI[lang];
  const params = apiParams(url);
  const v = (k: string): string => params.get(k) ?? "";
  const found = await runSearch(ctx, params);
  const { venues, options } = await venueChoices(ctx, found, v("venue"));
  const title = ctx.federated ? t.networkTitle : t.title;
  const main = html`<h1>${title}</h1>
${searchForm(ctx, v, found.facets, options)}
${scopeLink(ctx, params)}
<div class="layout">${resultBlock(ctx, params, found)}${facetBlock(found.facets, url, lang, venues)}</div>`;
  return { status: found.results ? 200 : 400, body: page({ lang, title, url, current: "discover" }, main) };
}

/** A federated performance's node (and the others holding it), for its list item. */
function sourceOf(p: PerformanceNode): { source?: string; alsoAt?: readonly string[] } {
  const source = typeof p.source === "string" ? p.source : undefined;
  const also = Array.isArray(p.alsoAt) ? (p.alsoAt as unknown[]).filter((a): a is string => typeof a === "string") : [];
  return source === undefined ? {} : { source, ...(also.length ? { alsoAt: also } : {}) };
}
