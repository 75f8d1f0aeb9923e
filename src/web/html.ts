// Server-rendered HTML: an escaping template tag, the page shell shared by every page (header, language switch,
// footer) and the interface language chosen from `?ui=`, then `Accept-Language` (French by default).

import type { IncomingMessage } from "node:http";
import Negotiator from "negotiator";
import { UI, type UiLang } from "./i18n.js";

/** Text already escaped (or markup made by `html`). */
export class Html {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false || part === true) return "";
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(String(part));
}

/** A template whose interpolated values are escaped, unless they are `Html` themselves (lists are joined). */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new Html(out);
}

export const UI_LANGS: readonly UiLang[] = ["fr", "en"];

/** The interface language: `?ui=fr|en` when given, else the best of `Accept-Language`, else French. */
export function uiLanguage(req: IncomingMessage, url: URL): UiLang {
  const asked = url.searchParams.get("ui");
  if (asked === "fr" || asked === "en") return asked;
  const best = new Negotiator(req).language([...UI_LANGS]);
  return best === "en" ? "en" : "fr";
}

/** The same URL in the other interface language (every other parameter kept). */
export function inLanguage(url: URL, lang: UiLang): string {
  const u = new URL(url.href);
  u.searchParams.set("ui", lang);
  return u.pathname + u.search;
}

export interface PageShell {
  readonly lang: UiLang;
  readonly title: string;
  readonly url: URL;
  /** Which header link is the current page. */
  readonly current?: "discover" | "stats" | "query" | "check" | "duplicates" | "publish";
  readonly head?: Html;
}

/** The whole document around a page's main content. */
export function page(shell: PageShell, main: Html): string {
  const t = UI[shell.lang];
  const other: UiLang = shell.lang === "fr" ? "en" : "fr";
  const nav = (key: NonNullable<PageShell["current"]>, href: string, label: string): Html =>
    html`<a href="${href}"${shell.current === key ? new Html(' aria-current="page"') : ""}>${label}</a>`;
  const doc = html`<!doctype html>
<html lang="${shell.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${shell.title} · Vivant</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/vivant.css">
${shell.head}
</head>
<body>
<a class="skip" href="#main">${t.skip}</a>
<header class="site">
<a class="brand" href="/">Vivant</a>
<nav aria-label="${t.navLabel}">
${nav("discover", `/?ui=${shell.lang}`, t.discover)}
${nav("stats", `/stats?ui=${shell.lang}`, t.stats)}
${nav("query", `/query?ui=${shell.lang}`, t.sparql)}
${nav("check", `/check?ui=${shell.lang}`, t.check)}
${nav("duplicates", `/duplicates?ui=${shell.lang}`, t.duplicates)}
${nav("publish", `/publish?ui=${shell.lang}`, t.publish)}
<a href="/catalog">${t.catalog}</a>
</nav>
<a class="lang" href="${inLanguage(shell.url, other)}" hreflang="${other}" lang="${other}">${UI[other].switchTo}</a>
</header>
<main id="main">
${main}
</main>
<footer class="site"><p>${t.footer}</p></footer>
</body>
</html>
`;
  return doc.text;
}
