// The query page (`/query`, and `/sparql` opened in a browser): a plain form that the server answers with an HTML
// table (no JavaScript needed), enhanced by YASGUI (served from its npm package) against `/sparql`, with the
// README's questions and the observatory aggregates ready to run.

import { aggregateQuery } from "../query/aggregates.js";
import { performancesQuery } from "../query/performances.js";
import type { QueryBackend as QueryPool } from "../server/backend.js";
import { html, Html, page } from "./html.js";
import { type UiLang } from "./i18n.js";

export interface Example {
  readonly title: readonly [fr: string, en: string];
  readonly query: string;
}

/** The questions of the README as the SPARQL the typed API runs for them, and two plain SPARQL questions. */
export const EXAMPLES: readonly Example[] = [
  {
    title: ["Graphes et nombre de triplets par éditeur", "Graphs and their triple counts, one per publisher"],
    query:
      "SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } }\nGROUP BY ?graph\nORDER BY DESC(?triples)",
  },
  {
    title: ["Représentations à Nantes en novembre 2026", "Performances in Nantes in November 2026"],
    query: performancesQuery({ city: "Nantes", from: "2026-11-01", to: "2026-11-30" }, { limit: 20 }),
  },
  {
    title: [
      "Représentations surtitrées à 30 € ou moins (gratuites comprises)",
      "Surtitled performances at 30 € or less (free ones included)",
    ],
    query: performancesQuery({ accessibility: "surtitles", maxPrice: 30 }, { limit: 20 }),
  },
  {
    title: ["Représentations gratuites", "Free performances"],
    query: performancesQuery({ free: true }, { limit: 20 }),
  },
  {
    title: ["Noms et dates des représentations, avec leur lieu", "Names and dates of performances, with their venue"],
    query:
      'PREFIX schema: <http://schema.org/>\nSELECT ?start ?name ?venue WHERE {\n  ?e schema:workPerformed ?work ; schema:startDate ?start ; schema:location ?place .\n  ?work schema:name ?name .\n  ?place schema:name ?venue .\n  FILTER(LANG(?name) = "fr" && LANG(?venue) IN ("fr", ""))\n}\nORDER BY ?start\nLIMIT 50',
  },
  {
    title: ["Observatoire : représentations par mois et région", "Observatory: performances per month and region"],
    query: aggregateQuery({}, ["month", "region"]),
  },
  {
    title: ["Observatoire : représentations par discipline", "Observatory: performances per discipline"],
    query: aggregateQuery({}, ["discipline"]),
  },
];

const WORDS = {
  fr: {
    title: "Requêter en SPARQL",
    intro:
      "Écrivez une requête SPARQL 1.1 (lecture seule) sur toutes les données de ce serveur, ou partez d'un exemple.",
    examples: "Exemples",
    query: "Requête",
    run: "Exécuter",
    results: "Résultats",
    rows: (n: number, shown: number) =>
      n === shown ? `${n} ligne${n > 1 ? "s" : ""}` : `${shown} premières lignes sur ${n}`,
    yes: "Vrai",
    no: "Faux",
    download: "Télécharger le résultat en",
    failed: "La requête n'a pas abouti",
    // Names of YASGUI's own controls, which it leaves unnamed (given by the page's script).
    labels: {
      endpoint: "Point d'accès SPARQL",
      tabName: "Nom de l'onglet",
      rowsPerPage: "Lignes par page",
      editorScroll: "Requête (zone de défilement)",
    },
    machine:
      "Les programmes obtiennent les résultats en JSON, XML, CSV ou TSV (ou un graphe en Turtle, N-Triples, JSON-LD…) sur /sparql, selon l'en-tête Accept.",
  },
  en: {
    title: "Query with SPARQL",
    intro: "Write a SPARQL 1.1 query (read-only) over all the data of this server, or start from an example.",
    examples: "Examples",
    query: "Query",
    run: "Run",
    results: "Results",
    rows: (n: number, shown: number) => (n === shown ? `${n} row${n > 1 ? "s" : ""}` : `first ${shown} rows of ${n}`),
    yes: "True",
    no: "False",
    download: "Download the result as",
    failed: "The query failed",
    labels: {
      endpoint: "SPARQL endpoint",
      tabName: "Tab name",
      rowsPerPage: "Rows per page",
      editorScroll: "Query (scrolling area)",
    },
    machine:
      "Programs get the results as JSON, XML, CSV or TSV (or a graph as Turtle, N-Triples, JSON-LD…) from /sparql, by the Accept header.",
  },
} as const;

/** Rows shown in the server-rendered table (the downloads have them all). */
const SHOWN_ROWS = 500;

interface JsonResults {
  readonly head: { readonly vars?: readonly string[] };
  readonly boolean?: boolean;
  readonly results?: {
    readonly bindings: readonly Record<
      string,
      { readonly type: string; readonly value: string; readonly "xml:lang"?: string; readonly datatype?: string }
    >[];
  };
}

function cell(term: { type: string; value: string; "xml:lang"?: string } | undefined): Html {
  if (!term) return html``;
  if (term.type === "uri")
    return /^https?:\/\//.test(term.value) ? html`<a href="${term.value}">${term.value}</a>` : html`${term.value}`;
  if (term.type === "bnode") return html`_:${term.value}`;
  return html`${term.value}${term["xml:lang"] ? html` <span class="lang-tag">@${term["xml:lang"]}</span>` : ""}`;
}

async function answer(pool: QueryPool, query: string, lang: UiLang): Promise<{ ok: boolean; body: Html }> {
  const w = WORDS[lang];
  try {
    const r = await pool.query(query, "application/sparql-results+json", "text/turtle");
    const text = new TextDecoder().decode(r.body);
    const downloads = (kinds: readonly (readonly [string, string])[]): Html =>
      html`<p class="links">${w.download} ${kinds.map(([f, l], i) => html`${i ? ", " : ""}<a href="/sparql?query=${encodeURIComponent(query)}&amp;format=${f}" download>${l}</a>`)}</p>`;
    if (r.form === "construct" || r.form === "describe") {
      return {
        ok: true,
        body: html`<pre class="graph"><code>${text}</code></pre>${downloads([
          ["turtle", "Turtle"],
          ["ntriples", "N-Triples"],
          ["jsonld", "JSON-LD"],
          ["rdfxml", "RDF/XML"],
        ])}`,
      };
    }
    const json = JSON.parse(text) as JsonResults;
    if (json.boolean !== undefined)
      return { ok: true, body: html`<p class="boolean"><strong>${json.boolean ? w.yes : w.no}</strong></p>` };
    const vars = json.head.vars ?? [];
    const rows = json.results?.bindings ?? [];
    const shown = rows.slice(0, SHOWN_ROWS);
    return {
      ok: true,
      body: html`<p>${w.rows(rows.length, shown.length)}</p>
<div class="table-wrap"><table class="results"><thead><tr>${vars.map((v) => html`<th scope="col">?${v}</th>`)}</tr></thead>
<tbody>${shown.map((b) => html`<tr>${vars.map((v) => html`<td>${cell(b[v])}</td>`)}</tr>`)}</tbody></table></div>
${downloads([
  ["json", "JSON"],
  ["xml", "XML"],
  ["csv", "CSV"],
  ["tsv", "TSV"],
])}`,
    };
  } catch (e) {
    return { ok: false, body: html`<p class="problem" role="alert">${w.failed}: ${(e as Error).message}</p>` };
  }
}

export interface QueryPageContext {
  readonly pool: QueryPool;
  readonly lang: UiLang;
  readonly url: URL;
  /** The query to show (and run) in the page, if any. */
  readonly query?: string;
}

/** The query page; when a query is given, its answer as an HTML table under the form. */
export async function queryPage(ctx: QueryPageContext): Promise<{ status: number; body: string }> {
  const { lang, url } = ctx;
  const w = WORDS[lang];
  const query = ctx.query ?? "";
  const result = query.trim() ? await answer(ctx.pool, query, lang) : undefined;
  const config = JSON.stringify({
    endpoint: "/sparql",
    query: query || EXAMPLES[1]!.query,
    run: query.trim() !== "",
    labels: w.labels,
  });
  const main = html`<h1>${w.title}</h1>
<p>${w.intro}</p>
<div class="query-layout">
<section class="examples" aria-labelledby="examples-title"><h2 id="examples-title">${w.examples}</h2><ul>
${EXAMPLES.map((e) => html`<li><a class="example" href="/query?ui=${lang}&amp;query=${encodeURIComponent(e.query)}">${e.title[lang === "fr" ? 0 : 1]}</a></li>`)}
</ul></section>
<section class="editor">
<form id="query-form" method="get" action="/query">
<input type="hidden" name="ui" value="${lang}">
<label for="query-text">${w.query}</label>
<textarea id="query-text" name="query" rows="12" spellcheck="false">${query}</textarea>
<div class="actions"><button type="submit">${w.run}</button></div>
</form>
<div id="yasgui" hidden></div>
<script type="application/json" id="vivant-query-config">${new Html(config.replace(/</g, "\\u003c"))}</script>
</section>
</div>
${result ? html`<section class="answer" aria-labelledby="answer-title"><h2 id="answer-title">${w.results}</h2>${result.body}</section>` : ""}
<p class="note">${w.machine}</p>`;
  const head = html`<link rel="stylesheet" href="/assets/yasgui.min.css">
<script src="/assets/yasgui.min.js" defer></script>
<script src="/assets/query.js" defer></script>`;
  return {
    status: result && !result.ok ? 400 : 200,
    body: page({ lang, title: w.title, url, current: "query", head }, main),
  };
}

/** The script that turns the form into YASGUI (no network but this server: no prefix or vocabulary look-ups). */
export const QUERY_SCRIPT = `// Vivant's query page: YASGUI against this server's /sparql; the examples load into the editor.
(function () {
  var holder = document.getElementById("yasgui");
  var form = document.getElementById("query-form");
  var config = JSON.parse(document.getElementById("vivant-query-config").textContent);
  if (!holder || !form || typeof Yasgui === "undefined") return;
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  // Shown before YASGUI is made: CodeMirror measures its container when it starts.
  holder.hidden = false;
  form.hidden = true;
  var answer = document.querySelector("section.answer");
  if (answer) answer.hidden = true;
  var yasgui = new Yasgui(holder, {
    requestConfig: { endpoint: new URL(config.endpoint, location.href).href, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return []; } },
    persistenceId: null,
    populateFromUrl: false,
    yasqe: { value: config.query, autocompleters: ["variables"] },
    yasr: { prefixes: {} }
  });
  var tab = yasgui.getTab();
  var examples = document.querySelectorAll("a.example");
  for (var i = 0; i < examples.length; i++) {
    examples[i].addEventListener("click", function (event) {
      event.preventDefault();
      var yasqe = yasgui.getTab().getYasqe();
      // The example's query is its link's (the no-script form of the same example): not written twice in the page.
      yasqe.setValue(new URL(this.href).searchParams.get("query"));
      yasqe.query();
    });
  }
  // Names and roles YASGUI leaves out (WCAG 2.1: every field labelled, a tablist holds tabs only), applied again
  // whenever YASGUI redraws (results, tabs).
  var label = document.querySelector("label[for=query-text]");
  var name = label ? label.textContent : "SPARQL";
  var mend = function () {
    holder.querySelectorAll(".CodeMirror textarea:not([aria-label])").forEach(function (t) { t.setAttribute("aria-label", name); });
    holder.querySelectorAll("input.autocomplete:not([aria-label])").forEach(function (i) { i.setAttribute("aria-label", config.labels.endpoint); });
    holder.querySelectorAll(".tab input:not([aria-label])").forEach(function (i) { i.setAttribute("aria-label", config.labels.tabName); });
    holder.querySelectorAll("select.tableSizer:not([aria-label])").forEach(function (s) { s.setAttribute("aria-label", config.labels.rowsPerPage); });
    // A long query scrolls inside CodeMirror's scroller: a keyboard reaches it (WCAG 2.1.1) to scroll it with the arrows.
    holder.querySelectorAll(".CodeMirror-scroll:not([tabindex='0'])").forEach(function (s) { s.setAttribute("tabindex", "0"); s.setAttribute("role", "region"); s.setAttribute("aria-label", config.labels.editorScroll); });
    holder.querySelectorAll("[role=tablist] > [role=presentation]:not(.tab)").forEach(function (d) { d.parentNode.parentNode.insertBefore(d, d.parentNode.nextSibling); });
  };
  mend();
  new MutationObserver(mend).observe(holder, { childList: true, subtree: true });
  if (config.run) tab.getYasqe().query();
  document.documentElement.setAttribute("data-editor", "yasgui");
})();
`;
