// The publishing page's HTML: its words in French and English, the sign-in form, the signed-in dashboard (the
// publisher's graph, the upload form, the catalogue), a check's report, and the headers every such page is sent with.

import type { ServerResponse } from "node:http";
import { HttpError } from "../server/http-util.js";
import type { PreparedGraph } from "../store/load.js";
import type { GraphInfo } from "../store/types.js";
import { isVivantError, messageOf, type Problem } from "../errors.js";
import { html, Html, page } from "./html.js";
import type { UiLang } from "./i18n.js";
import type { Session } from "./publish-sessions.js";

export const WORDS = {
  fr: {
    title: "Publier une saison",
    signIn: "Se connecter",
    token: "Jeton d'éditeur",
    tokenHint: "Le jeton que l'administrateur de ce serveur vous a remis. Il reste sur le serveur, dans votre session.",
    badToken: "Ce jeton n'est pas connu de ce serveur.",
    signedIn: (p: string) => `Connecté comme éditeur « ${p} ».`,
    signOut: "Se déconnecter",
    yourGraph: "Votre graphe",
    none: "Pas encore publié.",
    triples: "triplets",
    licence: "Licence",
    modified: "modifié le",
    upload: "Envoyer une saison",
    file: "Fichier de fiches (JSON), CSV ou RDF (Turtle, N-Triples, N-Quads, JSON-LD)",
    mapping: "Correspondance des colonnes (JSON), pour un CSV",
    csvProblems: "Lignes du CSV",
    licenceField: "Licence des données RDF (clé ou IRI, facultatif)",
    check: "Vérifier avant de publier",
    reportOk: (n: number) => `Conforme au profil core : ${n} triplets prêts à remplacer votre graphe.`,
    reportKo: (v: number) => `${v} violation${v > 1 ? "s" : ""} : rien ne peut être publié tant qu'elles restent.`,
    confirm: "Confirmer et remplacer mon graphe",
    published: (n: number) => `Publié : votre graphe a maintenant ${n} triplets.`,
    refused: "Refusé : rien n'a changé.",
    catalog: "Catalogue des graphes de ce serveur",
    publisher: "Éditeur",
    graph: "Graphe",
    expired: "La session a expiré ou le formulaire n'est plus valable : reconnectez-vous.",
    noFile: "Choisissez un fichier.",
    recordProblems: "Problèmes des fiches",
  },
  en: {
    title: "Publish a season",
    signIn: "Sign in",
    token: "Publisher token",
    tokenHint: "The token this server's administrator gave you. It stays on the server, in your session.",
    badToken: "This token is not known to this server.",
    signedIn: (p: string) => `Signed in as publisher "${p}".`,
    signOut: "Sign out",
    yourGraph: "Your graph",
    none: "Not published yet.",
    triples: "triples",
    licence: "Licence",
    modified: "modified",
    upload: "Upload a season",
    file: "Records file (JSON), CSV or RDF (Turtle, N-Triples, N-Quads, JSON-LD)",
    mapping: "Column mapping (JSON), for a CSV",
    csvProblems: "CSV rows",
    licenceField: "Licence of RDF data (key or IRI, optional)",
    check: "Check before publishing",
    reportOk: (n: number) => `Conforms to the core profile: ${n} triples ready to replace your graph.`,
    reportKo: (v: number) => `${v} violation${v === 1 ? "" : "s"}: nothing can be published while they remain.`,
    confirm: "Confirm and replace my graph",
    published: (n: number) => `Published: your graph now has ${n} triples.`,
    refused: "Refused: nothing changed.",
    catalog: "Catalog of this server's graphs",
    publisher: "Publisher",
    graph: "Graph",
    expired: "The session expired or the form is no longer valid: sign in again.",
    noFile: "Choose a file.",
    recordProblems: "Record problems",
  },
} as const;

/** The session's CSRF token as a form's hidden field (every form of a signed-in page carries it). */
export function csrfField(s: Session): Html {
  return html`<input type="hidden" name="csrf" value="${s.csrf}">`;
}

function graphLine(g: GraphInfo | undefined, lang: UiLang): Html {
  const w = WORDS[lang];
  if (!g) return html`<p>${w.none}</p>`;
  return html`<p class="graph-line"><code>${g.graphIri}</code> · ${g.triples} ${w.triples}${g.licenceIri ? html` · ${w.licence} <a href="${g.licenceIri}">${g.licenceIri}</a>` : ""} · ${w.modified} <time datetime="${g.modified}">${g.modified.slice(0, 10)}</time></p>`;
}

export function reportBlock(
  p: Omit<PreparedGraph, "quads"> & { readonly quads?: PreparedGraph["quads"] },
  lang: UiLang,
): Html {
  const w = WORDS[lang];
  const issues = p.report.issues.filter((i) => i.severity === "violation").slice(0, 50);
  return html`<p class="${p.ok ? "ok" : "problem"}" role="status">${p.ok ? w.reportOk(p.quads?.length ?? 0) : w.reportKo(p.report.violations + p.recordProblems.filter((r) => r.severity === "violation").length)}</p>
${issues.length ? html`<ul>${issues.map((i) => html`<li class="issue violation">${i.recordId !== undefined ? html`<code>${i.entity ?? ""} ${i.recordId}</code> ` : html`<code>${i.focusNode}</code> `}${i.field ?? i.path ?? ""} — ${i.message[lang]} <span class="code">${i.code}</span></li>`)}</ul>` : ""}
${p.recordProblems.length ? html`<h3>${w.recordProblems}</h3><ul>${p.recordProblems.slice(0, 50).map((r) => html`<li class="issue ${r.severity}"><code>${r.path}</code> — ${r.message[lang]} ${r.hint[lang]}</li>`)}</ul>` : ""}`;
}

/** Problems as a list (at most 50 shown, and how many more). */
export function problemList(problems: readonly Problem[], lang: UiLang): Html | string {
  if (problems.length === 0) return "";
  const shown = problems.slice(0, 50);
  return html`<ul>${shown.map((r) => html`<li class="issue ${r.severity}"><code>${r.path}</code> — ${r.message[lang]} (${r.hint[lang]})</li>`)}</ul>${problems.length > shown.length ? html`<p>… ${problems.length - shown.length}</p>` : ""}`;
}

export function render(lang: UiLang, url: URL, main: Html): string {
  return page({ lang, title: WORDS[lang].title, url, current: "publish" }, html`<h1>${WORDS[lang].title}</h1>${main}`);
}

/** An error's message in the page's language: Vivant's errors carry both (message and hint). */
export function errorText(e: unknown, lang: UiLang): string {
  // An HttpError's hint is not shown here (the page says what to do): its detail alone.
  return e instanceof HttpError ? e.text[lang] : isVivantError(e) ? messageOf(e, lang) : (e as Error).message;
}

export function signInForm(lang: UiLang, message?: string): Html {
  const w = WORDS[lang];
  return html`${message ? html`<p class="problem" role="alert">${message}</p>` : ""}
<form class="check" method="post" action="/publish/sign-in">
<input type="hidden" name="ui" value="${lang}">
<div class="field wide"><label for="p-token">${w.token}</label><input id="p-token" type="password" name="token" autocomplete="off" required aria-describedby="p-token-hint"><p id="p-token-hint" class="note">${w.tokenHint}</p></div>
<div class="actions"><button type="submit">${w.signIn}</button></div>
</form>`;
}

export function dashboard(
  ctx: { readonly graphs: () => readonly GraphInfo[] },
  s: Session,
  lang: UiLang,
  extra: Html = new Html(""),
): Html {
  const w = WORDS[lang];
  const mine = ctx.graphs().find((g) => g.graphIri === s.grant.graphIri);
  return html`<p>${w.signedIn(s.grant.publisherId)}</p>
<form method="post" action="/publish/sign-out">${csrfField(s)}<input type="hidden" name="ui" value="${lang}"><button type="submit">${w.signOut}</button></form>
<section aria-labelledby="mine"><h2 id="mine">${w.yourGraph}</h2>${graphLine(mine, lang)}</section>
${extra}
<section aria-labelledby="upload"><h2 id="upload">${w.upload}</h2>
<form class="check" method="post" action="/publish/check" enctype="multipart/form-data">${csrfField(s)}<input type="hidden" name="ui" value="${lang}">
<div class="field"><label for="p-file">${w.file}</label><input id="p-file" type="file" name="file" accept=".json,.jsonld,.ttl,.nt,.nq,.trig,.csv" required></div>
<div class="field"><label for="p-mapping">${w.mapping}</label><input id="p-mapping" type="file" name="mapping" accept=".json"></div>
<div class="field"><label for="p-licence">${w.licenceField}</label><input id="p-licence" name="licence"></div>
<div class="actions"><button type="submit">${w.check}</button></div>
</form></section>
<section aria-labelledby="catalog"><h2 id="catalog">${w.catalog}</h2>
<table><thead><tr><th scope="col">${w.publisher}</th><th scope="col">${w.graph}</th><th scope="col">${w.licence}</th><th scope="col">${w.triples}</th></tr></thead>
<tbody>${ctx.graphs().map((g) => html`<tr><td>${g.publisherId}</td><td><code>${g.graphIri}</code></td><td>${g.licenceIri ?? ""}</td><td>${g.triples}</td></tr>`)}</tbody></table>
<p><a href="/catalog">DCAT</a></p></section>`;
}

/** A publishing page: never cached, no script, forms to this server only. */
export function sendPublishPage(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "Content-Security-Policy":
      "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    Vary: "Cookie, Accept-Language",
    ...headers,
  });
  res.end(body);
}
