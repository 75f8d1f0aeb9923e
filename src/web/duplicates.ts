// The duplicates page (`/duplicates`): the probable duplicates across the public graphs (as `vivant duplicates`
// finds them), with their scores and features, never merged; each pair links to its confirmation on the publishing
// page (`/publish/same-as`), where a signed-in publisher adds `schema:sameAs` to its own entity, in its own graph
// (src/server/same-as.ts: the same checks and write as `POST /duplicates/confirm`), with the session's CSRF token.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { DuplicatePair, DuplicateReport } from "../reconcile/duplicates.js";
import type { Family } from "../reconcile/vocabulary.js";
import type { TokenGrant } from "../server/auth.js";
import { HttpError } from "../server/http-util.js";
import { readConfirmation, type Confirmation } from "../server/same-as.js";
import { readPageForm } from "./form.js";
import { html, Html, page } from "./html.js";
import type { UiLang } from "./i18n.js";
import { csrfField, sameSecret, sendPublishPage, type PublishSessions } from "./publish.js";
import type { Session } from "./publish-sessions.js";

/** Pairs shown at most on one page (how many more is said). */
const MAX_SHOWN = 200;
const FAMILIES: readonly Family[] = ["venue", "performance", "person", "organization", "work", "production"];

/** The probable duplicates of the public graphs, and how many entities they were looked for among. */
export type DuplicatesSource = (lang: UiLang) => Promise<DuplicateReport & { readonly entities: number }>;

const WORDS = {
  fr: {
    title: "Doublons probables",
    intro:
      "Entités de graphes d'éditeurs différents qui sont probablement les mêmes, les plus probables d'abord. Rien n'est fusionné : un éditeur d'accord confirme « sameAs » dans son propre graphe.",
    filter: "Filtrer",
    family: "Famille",
    all: "toutes",
    minScore: "Score minimal (50 à 100)",
    show: "Afficher",
    score: "Score",
    first: "Entité",
    second: "Entité probablement identique",
    features: "Critères",
    confirm: "Confirmer",
    confirmIn: (g: string) => `dans le graphe ${g}`,
    none: "Aucun doublon probable à ce score.",
    summary: (shown: number, pairs: number, entities: number, compared: number, skipped: number) =>
      `${shown} paire${shown > 1 ? "s" : ""} affichée${shown > 1 ? "s" : ""} sur ${pairs}, parmi ${entities} entités ; ${compared} comparaisons${skipped ? `, ${skipped} non faites (limite atteinte)` : ""}.`,
    families: {
      venue: "lieu",
      performance: "représentation",
      person: "personne",
      organization: "structure",
      work: "œuvre",
      production: "spectacle",
    } as Record<Family, string>,
    sameAsTitle: "Confirmer un doublon",
    signInFirst: "Connectez-vous avec votre jeton d'éditeur pour confirmer, puis revenez à cette page.",
    signIn: "Se connecter",
    ask: (p: string) => `Ajouter à votre graphe (éditeur « ${p} ») :`,
    yours: "Votre entité",
    other: "est la même que",
    add: "Ajouter sameAs à mon graphe",
    added: "Ajouté à votre graphe.",
    already: "Votre graphe le dit déjà.",
    rejected: "Refusé : le graphe ne passerait plus le profil core ; rien n'a été écrit.",
    expired: "La session a expiré ou le formulaire n'est plus valable : reconnectez-vous.",
    back: "Retour aux doublons",
  },
  en: {
    title: "Probable duplicates",
    intro:
      'Entities of different publishers\' graphs that are probably the same, most likely first. Nothing is merged: a publisher that agrees confirms "sameAs" in its own graph.',
    filter: "Filter",
    family: "Family",
    all: "all",
    minScore: "Minimum score (50 to 100)",
    show: "Show",
    score: "Score",
    first: "Entity",
    second: "Probably the same entity",
    features: "Features",
    confirm: "Confirm",
    confirmIn: (g: string) => `in graph ${g}`,
    none: "No probable duplicate at this score.",
    summary: (shown: number, pairs: number, entities: number, compared: number, skipped: number) =>
      `${shown} pair${shown === 1 ? "" : "s"} shown of ${pairs}, among ${entities} entities; ${compared} comparisons${skipped ? `, ${skipped} not made (limit reached)` : ""}.`,
    families: {
      venue: "venue",
      performance: "performance",
      person: "person",
      organization: "organization",
      work: "work",
      production: "production",
    } as Record<Family, string>,
    sameAsTitle: "Confirm a duplicate",
    signInFirst: "Sign in with your publisher token to confirm, then come back to this page.",
    signIn: "Sign in",
    ask: (p: string) => `Add to your graph (publisher "${p}"):`,
    yours: "Your entity",
    other: "is the same as",
    add: "Add sameAs to my graph",
    added: "Added to your graph.",
    already: "Your graph says so already.",
    rejected: "Refused: the graph would no longer pass the core profile; nothing was written.",
    expired: "The session expired or the form is no longer valid: sign in again.",
    back: "Back to the duplicates",
  },
} as const;

/** The lowest score the page lists (pairs under it are not kept by the server). */
export const MIN_LISTED = 50;

/** `?min=` as a score from 50 to 100 (70 when absent or not a number). */
function minScoreOf(url: URL): number {
  const raw = url.searchParams.get("min");
  const n = raw === null || !/^\d{1,3}$/.test(raw) ? 70 : Number(raw);
  return Math.max(MIN_LISTED, Math.min(100, n));
}

function confirmLink(own: DuplicatePair["a"], other: DuplicatePair["a"], lang: UiLang): Html {
  const href = `/publish/same-as?ui=${lang}&entity=${encodeURIComponent(own.id)}&sameAs=${encodeURIComponent(other.id)}`;
  return html`<a href="${href}">${WORDS[lang].confirm} <span class="note">${WORDS[lang].confirmIn(own.graphs.join(", "))}</span></a>`;
}

function entityCell(e: DuplicatePair["a"]): Html {
  return html`<a href="/resource?iri=${encodeURIComponent(e.id)}">${e.name}</a><br><code>${e.id}</code><br><span class="note">${e.graphs.join(", ")}</span>`;
}

function pairRow(p: DuplicatePair, lang: UiLang): Html {
  const w = WORDS[lang];
  return html`<tr><td>${p.score.toFixed(1)}</td><td>${w.families[p.family]}</td><td>${entityCell(p.a)}</td><td>${entityCell(p.b)}</td>
<td><ul>${p.features.map((f) => html`<li>${f.name} : ${String(f.value)}</li>`)}</ul></td>
<td><ul><li>${confirmLink(p.a, p.b, lang)}</li><li>${confirmLink(p.b, p.a, lang)}</li></ul></td></tr>`;
}

/** The page: a filter (family, minimum score), then the pairs as a table. */
export async function duplicatesPage(ctx: {
  source: DuplicatesSource;
  lang: UiLang;
  url: URL;
}): Promise<{ status: number; body: string }> {
  const { lang, url } = ctx;
  const w = WORDS[lang];
  const report = await ctx.source(lang);
  const min = minScoreOf(url);
  const family = url.searchParams.get("family") ?? "";
  const pairs = report.pairs.filter((p) => p.score >= min && (family === "" || p.family === family));
  const shown = pairs.slice(0, MAX_SHOWN);
  const options = [
    html`<option value=""${family === "" ? new Html(" selected") : ""}>${w.all}</option>`,
    ...FAMILIES.map(
      (f) => html`<option value="${f}"${family === f ? new Html(" selected") : ""}>${w.families[f]}</option>`,
    ),
  ];
  const main = html`<h1>${w.title}</h1><p>${w.intro}</p>
<form class="filters" method="get" action="/duplicates" aria-label="${w.filter}"><input type="hidden" name="ui" value="${lang}">
<div class="field"><label for="d-family">${w.family}</label><select id="d-family" name="family">${options}</select></div>
<div class="field"><label for="d-min">${w.minScore}</label><input id="d-min" name="min" type="number" min="${MIN_LISTED}" max="100" value="${min}"></div>
<div class="actions"><button type="submit">${w.show}</button></div></form>
<p role="status">${w.summary(shown.length, pairs.length, report.entities, report.compared, report.skipped)}</p>
${
  shown.length
    ? html`<table><caption>${w.title}</caption><thead><tr><th scope="col">${w.score}</th><th scope="col">${w.family}</th><th scope="col">${w.first}</th><th scope="col">${w.second}</th><th scope="col">${w.features}</th><th scope="col">${w.confirm}</th></tr></thead>
<tbody>${shown.map((p) => pairRow(p, lang))}</tbody></table>`
    : html`<p>${w.none}</p>`
}`;
  return { status: 200, body: page({ lang, title: w.title, url, current: "duplicates" }, main) };
}

export interface SameAsPageContext {
  readonly sessions: PublishSessions;
  readonly confirm: (grant: TokenGrant, entity: string, sameAs: string) => Promise<Confirmation>;
}

function sameAsPage(lang: UiLang, url: URL, main: Html): string {
  return page(
    { lang, title: WORDS[lang].sameAsTitle, url, current: "publish" },
    html`<h1>${WORDS[lang].sameAsTitle}</h1>${main}<p><a href="/duplicates?ui=${lang}">${WORDS[lang].back}</a></p>`,
  );
}

function problemOf(e: unknown, lang: UiLang): { status: number; text: string } {
  if (e instanceof HttpError) return { status: e.status, text: e.text[lang] };
  throw e;
}

/** A request to `/publish/same-as`, with its session (if signed in). */
interface SameAsRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly lang: UiLang;
  readonly session: Session | undefined;
}

/** `GET /publish/same-as`: the confirmation form of the asked pair (or how to sign in first). */
function sendSameAsForm({ res, url, lang, session }: SameAsRequest): void {
  const w = WORDS[lang];
  if (!session) {
    sendPublishPage(
      res,
      200,
      sameAsPage(lang, url, html`<p>${w.signInFirst}</p><p><a href="/publish?ui=${lang}">${w.signIn}</a></p>`),
    );
    return;
  }
  let pair: { entity: string; sameAs: string };
  try {
    pair = readConfirmation({
      entity: url.searchParams.get("entity") ?? undefined,
      sameAs: url.searchParams.get("sameAs") ?? undefined,
    });
  } catch (e) {
    const p = problemOf(e, lang);
    sendPublishPage(res, p.status, sameAsPage(lang, url, html`<p class="problem" role="alert">${p.text}</p>`));
    return;
  }
  sendPublishPage(
    res,
    200,
    sameAsPage(
      lang,
      url,
      html`<p>${w.ask(session.grant.publisherId)}</p>
<form method="post" action="/publish/same-as">${csrfField(session)}<input type="hidden" name="ui" value="${lang}">
<input type="hidden" name="entity" value="${pair.entity}"><input type="hidden" name="sameAs" value="${pair.sameAs}">
<dl><dt>${w.yours}</dt><dd><code>${pair.entity}</code></dd><dt>${w.other}</dt><dd><code>${pair.sameAs}</code></dd></dl>
<div class="actions"><button type="submit">${w.add}</button></div></form>`,
    ),
  );
}

/** `POST /publish/same-as`: with the session's CSRF token, the sameAs confirmed in the publisher's graph. */
async function confirmSameAsForm(
  { req, res, url, lang, session }: SameAsRequest,
  ctx: SameAsPageContext,
): Promise<void> {
  let fields: Record<string, string | undefined>;
  try {
    fields = (await readPageForm(req, { fileSize: 1, fieldSize: 8 * 1024 })).fields;
  } catch {
    fields = {};
  }
  const formLang: UiLang = fields.ui === "en" ? "en" : fields.ui === "fr" ? "fr" : lang;
  const W = WORDS[formLang];
  if (!session || !sameSecret(fields.csrf, session.csrf)) {
    sendPublishPage(
      res,
      403,
      sameAsPage(
        formLang,
        url,
        html`<p class="problem" role="alert">${W.expired}</p><p><a href="/publish?ui=${formLang}">${W.signIn}</a></p>`,
      ),
    );
    return;
  }
  try {
    const { entity, sameAs } = readConfirmation({ entity: fields.entity, sameAs: fields.sameAs });
    const done = await ctx.confirm(session.grant, entity, sameAs);
    const text = done.status === "added" ? W.added : done.status === "already" ? W.already : W.rejected;
    sendPublishPage(
      res,
      done.status === "rejected" ? 422 : 200,
      sameAsPage(
        formLang,
        url,
        html`<p class="${done.status === "rejected" ? "problem" : "ok"}" role="status">${text}</p>${done.status === "rejected" ? "" : html`<p><code>${entity}</code> schema:sameAs <code>${sameAs}</code></p>`}`,
      ),
    );
  } catch (e) {
    const p = problemOf(e, formLang);
    sendPublishPage(res, p.status, sameAsPage(formLang, url, html`<p class="problem" role="alert">${p.text}</p>`));
  }
}

/** `/publish/same-as`: GET shows the confirmation form (signed in), POST (with the session's CSRF token) writes it. */
export async function handleSameAsPage(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  lang: UiLang,
  ctx: SameAsPageContext,
): Promise<boolean> {
  if (url.pathname !== "/publish/same-as") return false;
  const session = ctx.sessions.of(req);
  if (req.method === "GET" || req.method === "HEAD") {
    sendSameAsForm({ req, res, url, lang, session });
    return true;
  }
  if (req.method !== "POST") return false;
  await confirmSameAsForm({ req, res, url, lang, session }, ctx);
  return true;
}
