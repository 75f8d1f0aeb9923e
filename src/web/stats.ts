// The observatory page (`/stats`): performances per month as a bar chart drawn on the server (SVG, no script),
// and per region and discipline as tables, for the same filter as the discovery page and `/api/stats`.

import type { Observatory } from "../query/aggregates.js";
import { filterFromParams } from "../server/api.js";
import type { QueryBackend as QueryPool } from "../server/backend.js";
import { apiParams } from "./discovery.js";
import { html, Html, page } from "./html.js";
import { GENRE_LABELS, label, UI, type UiLang } from "./i18n.js";

/** An SVG bar chart of counts per month, with a text alternative (the table beside it has the same numbers). */
export function monthChart(rows: Observatory["byMonth"], lang: UiLang): Html {
  const t = UI[lang];
  const data = rows.filter((r) => r.month !== undefined);
  const max = Math.max(1, ...data.map((r) => r.performances));
  const barW = 36;
  const gap = 10;
  const h = 180;
  const width = Math.max(1, data.length) * (barW + gap) + gap;
  const bars = data.map((r, i) => {
    const bh = Math.round((r.performances / max) * (h - 40));
    const x = gap + i * (barW + gap);
    return html`<g><rect x="${x}" y="${h - 20 - bh}" width="${barW}" height="${bh}" class="bar"><title>${r.month}: ${r.performances}</title></rect>
<text x="${x + barW / 2}" y="${h - 24 - bh}" text-anchor="middle" class="value">${r.performances}</text>
<text x="${x + barW / 2}" y="${h - 5}" text-anchor="middle" class="axis">${r.month!.slice(2)}</text></g>`;
  });
  return html`<svg class="chart" role="img" aria-label="${t.chartLabel(data.length)}" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}" xmlns="http://www.w3.org/2000/svg">${bars}</svg>`;
}

function table(caption: string, head: string, rows: readonly (readonly [string, number])[], lang: UiLang): Html {
  const t = UI[lang];
  return html`<table><caption>${caption}</caption><thead><tr><th scope="col">${head}</th><th scope="col">${t.count}</th></tr></thead>
<tbody>${rows.map(([k, n]) => html`<tr><th scope="row">${k}</th><td>${n}</td></tr>`)}</tbody></table>`;
}

function statsQuery(url: URL): string {
  const params = apiParams(url);
  params.delete("cursor");
  return params.size ? `?${params.toString()}` : "";
}

export async function statsPage(ctx: {
  pool: QueryPool;
  lang: UiLang;
  url: URL;
}): Promise<{ status: number; body: string }> {
  const { pool, lang, url } = ctx;
  const t = UI[lang];
  let obs: Observatory | undefined;
  let error = "";
  try {
    const params = apiParams(url);
    params.delete("cursor");
    obs = await pool.observatory(filterFromParams(params));
  } catch (e) {
    error = (e as Error).message;
  }
  const main = obs
    ? html`<h1>${t.statsTitle}</h1>
<figure>${monthChart(obs.byMonth, lang)}<figcaption>${t.chartLabel(obs.byMonth.length)}</figcaption></figure>
<div class="tables">
${table(
  t.month,
  t.month,
  obs.byMonth.map((r) => [r.month ?? t.unknown, r.performances] as const),
  lang,
)}
${table(
  t.statsByRegion,
  t.region,
  obs.byRegion.map((r) => [r.region ?? t.unknown, r.performances] as const),
  lang,
)}
${table(
  t.statsByDiscipline,
  t.discipline,
  obs.byDiscipline.map(
    (r) => [r.discipline ? label(GENRE_LABELS, r.discipline, lang) : t.unknown, r.performances] as const,
  ),
  lang,
)}
</div>
<p class="links"><a href="/api/stats${statsQuery(url)}">JSON</a></p>`
    : html`<h1>${t.statsTitle}</h1><p class="problem" role="alert">${error}</p>`;
  return { status: obs ? 200 : 400, body: page({ lang, title: t.stats, url, current: "stats" }, main) };
}
