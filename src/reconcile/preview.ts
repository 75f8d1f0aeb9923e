// The preview of an entity (GET /reconcile/preview?id=…): a small HTML page a reconciliation client shows in an
// iframe (the manifest's width and height). Every value is escaped; the page has no script, and its one style
// block is allowed by its hash in the Content-Security-Policy, so nothing else can run or load.

import { createHash } from "node:crypto";
import type { Lang } from "../errors.js";
import { html } from "../web/html.js";
import type { EntityIndex } from "./entities.js";
import { Matcher } from "./match.js";

const STYLE =
  "body{font:14px/1.4 system-ui,sans-serif;margin:8px;color:#111}h1{font-size:16px;margin:0 0 4px}p{margin:2px 0}ul{margin:4px 0;padding-left:18px}.t{color:#555}";

/** The Content-Security-Policy of the preview: no script, no fetch, the one style block; embeddable (OpenRefine frames it). */
export const PREVIEW_CSP = `default-src 'none'; style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'; img-src 'self' data:; base-uri 'none'; form-action 'none'`;

const LABELS = {
  en: { graphs: "Published in", sameAs: "Same as", id: "Identifier" },
  fr: { graphs: "Publié dans", sameAs: "Identique à", id: "Identifiant" },
} as const;

/** The preview page of one entity of the index (undefined when the index has no such entity). */
export function previewPage(index: EntityIndex, id: string, lang: Lang): string | undefined {
  const e = index.entities.get(id);
  if (!e) return undefined;
  const m = new Matcher(index, lang);
  const c = m.candidate(e, lang, { score: 0, match: false, features: [] });
  const l = LABELS[lang];
  const sameAs = (e.props.get("sameAs") ?? []).map((s) => s.value).slice(0, 10);
  const body = html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${c.name}</title><style>${STYLE}</style></head>
<body><h1${c.lang ? html` lang="${c.lang}"` : ""}>${c.name}</h1>
<p class="t">${c.type.map((t) => t.name).join(", ")}</p>
${c.description ? html`<p>${c.description}</p>` : ""}
<p class="t">${l.id}: ${e.id}</p>
${sameAs.length ? html`<p>${l.sameAs}:</p><ul>${sameAs.map((s) => html`<li>${s}</li>`)}</ul>` : ""}
<p class="t">${l.graphs}: ${e.graphs.join(", ")}</p>
</body></html>`;
  return body.text;
}
