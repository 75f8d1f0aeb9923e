// A page per entity (`/resource?iri=…`, and the IRI itself when this server serves it): HTML for people, and the
// same URL as JSON-LD, Turtle or N-Triples for machines (content negotiation, `Vary: Accept`). A performance page
// embeds its own schema.org JSON-LD, says its status (cancelled, rescheduled with the previous date), prices and
// accessibility, and every page names the publisher and licence of the graphs that describe the entity.

import type { IncomingMessage } from "node:http";
import Negotiator from "negotiator";
import { JSONLD_CONTEXT, type PerformanceNode } from "../query/performances.js";
import type { QueryBackend as QueryPool } from "../server/backend.js";
import type { GraphInfo } from "../store/types.js";
import { SCHEMA } from "../vocab.js";
import { performanceItem, textIn } from "./discovery.js";
import { html, Html, page } from "./html.js";
import { ACCESSIBILITY_LABELS, label, UI, type UiLang } from "./i18n.js";

/** What an entity URL can be answered in; the first is what a client that states no preference gets. */
export const ENTITY_TYPES = ["text/html", "text/turtle", "application/ld+json", "application/n-triples"] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];
const FORMAT_NAMES: Readonly<Record<string, EntityType>> = {
  html: "text/html",
  turtle: "text/turtle",
  ttl: "text/turtle",
  jsonld: "application/ld+json",
  ntriples: "application/n-triples",
  nt: "application/n-triples",
};

/** `format=` when given (html, turtle, jsonld, ntriples), else the client's `Accept`; undefined: nothing acceptable. */
export function entityType(req: IncomingMessage, url: URL): EntityType | undefined {
  const named = url.searchParams.get("format");
  if (named && FORMAT_NAMES[named]) return FORMAT_NAMES[named];
  const aliases: Record<string, EntityType> = {
    "application/json": "application/ld+json",
    "application/xhtml+xml": "text/html",
  };
  const best = new Negotiator(req).mediaType([...ENTITY_TYPES, ...Object.keys(aliases)]);
  return best === undefined ? undefined : ((aliases[best] ?? best) as EntityType);
}

/** An IRI that can be written between `<` and `>` in SPARQL (absolute, no space or forbidden character). */
export function isQueryableIri(iri: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>"{}|\\^`]*$/.test(iri) && iri.length <= 4096;
}

const WORDS = {
  fr: {
    property: "Propriété",
    value: "Valeur",
    publisher: "Publié par",
    licence: "Licence",
    modified: "Modifié le",
    graph: "Graphe",
    formats: "Ces données en",
    notFound: "Rien n'est connu de cette ressource ici.",
    about: "Description",
    accessibility: "Accessibilité",
    unnamed: "Ressource sans nom",
  },
  en: {
    property: "Property",
    value: "Value",
    publisher: "Published by",
    licence: "Licence",
    modified: "Modified",
    graph: "Graph",
    formats: "This data as",
    notFound: "Nothing is known of this resource here.",
    about: "Description",
    accessibility: "Accessibility",
    unnamed: "Unnamed resource",
  },
} as const;

interface Row {
  readonly p: string;
  readonly o: {
    readonly type: string;
    readonly value: string;
    readonly "xml:lang"?: string;
    readonly datatype?: string;
  };
  readonly g: string;
}

async function statements(pool: QueryPool, iri: string): Promise<Row[]> {
  const r = await pool.query(
    `SELECT ?p ?o ?g WHERE { GRAPH ?g { <${iri}> ?p ?o } } ORDER BY ?p ?o`,
    "application/sparql-results+json",
    "text/turtle",
  );
  const json = JSON.parse(new TextDecoder().decode(r.body)) as { results: { bindings: Record<string, Row["o"]>[] } };
  return json.results.bindings.map((b) => ({ p: b.p!.value, o: b.o!, g: b.g!.value }));
}

function localName(iri: string): string {
  if (iri.startsWith(SCHEMA)) return iri.slice(SCHEMA.length);
  const m = /[#/]([^#/]+)$/.exec(iri);
  return m ? m[1]! : iri;
}

/** Where an IRI's page is: the IRI itself when this server serves it, else `/resource?iri=`. */
export function pageOf(iri: string, base: string, lang: UiLang): string {
  return base !== "" && iri.startsWith(base) ? iri : `/resource?ui=${lang}&iri=${encodeURIComponent(iri)}`;
}

function valueCell(o: Row["o"], base: string, lang: UiLang): Html {
  if (o.type === "uri")
    return html`<a href="${pageOf(o.value, base, lang)}">${o.value.startsWith(SCHEMA) ? localName(o.value) : o.value}</a>`;
  if (o.type === "bnode") return html`<span class="bnode">[…]</span>`;
  return html`${o.value}${o["xml:lang"] ? html` <span class="lang-tag">@${o["xml:lang"]}</span>` : ""}`;
}

export interface EntityContext {
  readonly pool: QueryPool;
  readonly lang: UiLang;
  readonly url: URL;
  readonly iri: string;
  /** The server's own base URL (e.g. `http://127.0.0.1:3030/`). */
  readonly base: string;
  readonly graphs: () => readonly GraphInfo[];
}

/** The entity in a machine format (DESCRIBE of the IRI), or undefined when the store knows nothing of it. */
export async function entityData(
  ctx: EntityContext,
  type: Exclude<EntityType, "text/html">,
): Promise<Uint8Array | undefined> {
  const known = await ctx.pool.query(
    `ASK { { <${ctx.iri}> ?p ?o } UNION { GRAPH ?g { <${ctx.iri}> ?p ?o } } }`,
    "application/sparql-results+json",
    "text/turtle",
  );
  if (!(JSON.parse(new TextDecoder().decode(known.body)) as { boolean: boolean }).boolean) return undefined;
  return (await ctx.pool.query(`DESCRIBE <${ctx.iri}>`, "application/sparql-results+json", type)).body;
}

/** The entity's page; 404 when nothing is known of it. */
export async function entityPage(ctx: EntityContext): Promise<{ status: number; body: string }> {
  const { pool, lang, iri, base } = ctx;
  const t = UI[lang];
  const w = WORDS[lang];
  const rows = await statements(pool, iri);
  if (rows.length === 0) {
    return {
      status: 404,
      body: page(
        { lang, title: iri, url: ctx.url },
        html`<h1>${iri}</h1><p class="problem" role="alert">${w.notFound}</p>`,
      ),
    };
  }
  const names = rows
    .filter((r) => r.p === `${SCHEMA}name`)
    .map((r) => (r.o["xml:lang"] ? { "@value": r.o.value, "@language": r.o["xml:lang"] } : r.o.value));
  const types = rows
    .filter((r) => r.p === "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    .map((r) => localName(r.o.value));
  const isPerformance =
    rows.some((r) => r.p === `${SCHEMA}workPerformed`) && rows.some((r) => r.p === `${SCHEMA}startDate`);
  let performance: PerformanceNode | undefined;
  if (isPerformance) [performance] = await pool.describe([iri]);
  const title = textIn(names, lang) ?? (performance ? textIn(performance.name, lang) : undefined) ?? w.unnamed;
  const graphInfo = new Map(ctx.graphs().map((g) => [g.graphIri, g]));
  const sources = [...new Set(rows.map((r) => r.g))].map(
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- needed: without it the union loses GraphInfo's optional members (tsc says so)
    (g) => graphInfo.get(g) ?? ({ graphIri: g } as Partial<GraphInfo> & { graphIri: string }),
  );
  const features = rows
    .filter((r) => r.p === `${SCHEMA}accessibilityFeature`)
    .map((r) => label(ACCESSIBILITY_LABELS, localName(r.o.value), lang));
  const formatLink = (f: string, name: string): Html => html`<a href="${entityUrl(ctx, f)}">${name}</a>`;
  const embedded = performance
    ? new Html(JSON.stringify({ "@context": JSONLD_CONTEXT, ...performance }).replace(/</g, "\\u003c"))
    : undefined;
  const main = html`<p class="kind">${types.join(", ")}</p>
<h1>${title}</h1>
<p class="iri"><code>${iri}</code></p>
${performance ? html`<ol class="performances single">${performanceItem(performance, lang, { link: false, heading: 2 })}</ol>` : ""}
${features.length ? html`<p><strong>${w.accessibility} :</strong> ${features.join(", ")}</p>` : ""}
<section aria-labelledby="sources-title"><h2 id="sources-title">${w.graph}</h2><ul>
${sources.map((g) => html`<li>${w.publisher} <strong>${g.publisherId ?? g.graphIri}</strong>${g.licenceIri ? html` · ${w.licence} <a href="${g.licenceIri}">${g.licenceIri}</a>` : ""}${g.modified ? html` · ${w.modified} <time datetime="${g.modified}">${g.modified.slice(0, 10)}</time>` : ""}</li>`)}
</ul></section>
<section aria-labelledby="about-title"><h2 id="about-title">${w.about}</h2>
<div class="table-wrap"><table class="statements"><thead><tr><th scope="col">${w.property}</th><th scope="col">${w.value}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row"><a href="${r.p}">${localName(r.p)}</a></th><td>${valueCell(r.o, base, lang)}</td></tr>`)}</tbody></table></div>
</section>
<p class="links">${w.formats} ${formatLink("jsonld", "JSON-LD")}, ${formatLink("turtle", "Turtle")}, ${formatLink("ntriples", "N-Triples")}</p>
<p><a href="/?ui=${lang}">${t.discover}</a></p>`;
  const head = html`${embedded ? html`<script type="application/ld+json">${embedded}</script>` : ""}
<link rel="alternate" type="application/ld+json" href="${entityUrl(ctx, "jsonld")}">
<link rel="alternate" type="text/turtle" href="${entityUrl(ctx, "turtle")}">`;
  return { status: 200, body: page({ lang, title, url: ctx.url, head }, main) };
}

function entityUrl(ctx: EntityContext, format: string): string {
  const u =
    ctx.base !== "" && ctx.iri.startsWith(ctx.base)
      ? new URL(ctx.iri)
      : new URL(`/resource?iri=${encodeURIComponent(ctx.iri)}`, ctx.base);
  u.searchParams.set("format", format);
  return u.pathname + u.search;
}
