// The publishing page (`/publish`): a publisher signs in with its token (kept in a server-side session, never in a
// URL or a log), uploads a season (records JSON, a CSV with its column-mapping file, or RDF), sees the core
// profile's report, and only on confirmation
// replaces its graph, through the Graph Store's own write path. Every form carries the session's CSRF token.

import { HttpError } from "../server/http-util.js";
import { randomBytes, timingSafeEqual } from "node:crypto";
import ipaddr from "ipaddr.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TokenGrant, TokenTable } from "../server/auth.js";
import type { LoadFile, PreparedGraph } from "../store/load.js";
import type { GraphInfo } from "../store/types.js";
import { readPageForm, type FormFile, type PageForm } from "./form.js";
import { InputError, isVivantError, messageOf, type Problem } from "../errors.js";
import { t, tx } from "../i18n.js";
import { importCsvWithMappingText } from "../import/csv.js";
import { html, Html, page } from "./html.js";
import type { UiLang } from "./i18n.js";

/** A session lasts this long without use. */
const SESSION_MS = 60 * 60 * 1000;
/** Sessions kept at once (the oldest goes first). */
const MAX_SESSIONS = 1000;
const COOKIE = "vivant_publish";

interface Pending {
  readonly id: string;
  readonly files: LoadFile[];
  readonly licence?: string;
}

interface Session {
  readonly id: string;
  readonly csrf: string;
  readonly grant: TokenGrant;
  lastUsed: number;
  pending?: Pending | undefined;
}

/** What the page needs from the server: the tokens, the graphs, a dry run and the real write. */
export interface PublishContext {
  readonly tokens: TokenTable;
  readonly graphs: () => readonly GraphInfo[];
  /** Validates as a write would, writes nothing. */
  readonly prepare: (files: LoadFile[], grant: TokenGrant, licence: string | undefined) => Promise<PreparedGraph>;
  /** The Graph Store's write: validates again and replaces the graph only when it conforms. */
  readonly publish: (
    files: LoadFile[],
    grant: TokenGrant,
    licence: string | undefined,
  ) => Promise<{ prepared: Omit<PreparedGraph, "quads">; info?: GraphInfo }>;
  /** Largest upload, in bytes. */
  readonly maxBytes: number;
}

const WORDS = {
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

/** Failed sign-ins an address may make within `SIGN_IN_WINDOW_MS` before it must wait. */
export const SIGN_IN_FAILURES = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Addresses remembered at once (the one remembered longest goes first): memory stays bounded whatever the traffic. */
export const SIGN_IN_ADDRESSES = 10_000;

/**
 * The client an attempt is counted against: its IPv4 address (an IPv4-mapped IPv6 address as IPv4), or the /64
 * network of an IPv6 address (one host usually holds a whole /64, and could otherwise take a new address per try).
 */
export function clientKey(address: string | undefined): string {
  if (address === undefined || !ipaddr.isValid(address)) return "unknown";
  const a = ipaddr.process(address);
  if (a.kind() === "ipv4") return a.toString();
  const parts = (a as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(":")}::/64`;
}

/**
 * Failed sign-ins per client: after `SIGN_IN_FAILURES` failures within `SIGN_IN_WINDOW_MS`, the client's attempts
 * are refused (right token or not) until the oldest failure leaves the window. At most `SIGN_IN_ADDRESSES` clients
 * are remembered, each with at most `SIGN_IN_FAILURES` times.
 */
export class SignInLimiter {
  readonly #failures = new Map<string, number[]>();
  readonly #now: () => number;
  readonly #max: number;
  readonly #window: number;
  readonly #addresses: number;

  constructor(
    options: {
      readonly now?: () => number;
      readonly failures?: number;
      readonly windowMs?: number;
      readonly addresses?: number;
    } = {},
  ) {
    this.#now = options.now ?? Date.now;
    this.#max = options.failures ?? SIGN_IN_FAILURES;
    this.#window = options.windowMs ?? SIGN_IN_WINDOW_MS;
    this.#addresses = options.addresses ?? SIGN_IN_ADDRESSES;
  }

  /** Seconds the client must wait before its next attempt, or 0 when it may try now. */
  retryAfter(key: string): number {
    const times = this.#recent(key);
    if (times.length < this.#max) return 0;
    return Math.max(1, Math.ceil((times[0]! + this.#window - this.#now()) / 1000));
  }

  /** Counts a failed attempt of the client. */
  fail(key: string): void {
    const times = this.#recent(key);
    times.push(this.#now());
    while (times.length > this.#max) times.shift();
    // Most recently failed last: the first key is the one forgotten when the table is full.
    this.#failures.delete(key);
    if (this.#failures.size >= this.#addresses) this.#failures.delete(this.#failures.keys().next().value!);
    this.#failures.set(key, times);
  }

  /** Clients remembered now. */
  get size(): number {
    return this.#failures.size;
  }

  #recent(key: string): number[] {
    const times = this.#failures.get(key);
    if (times === undefined) return [];
    const since = this.#now() - this.#window;
    while (times.length && times[0]! <= since) times.shift();
    if (times.length === 0) this.#failures.delete(key);
    return times;
  }
}

/** The sessions of one server (in memory: a restart signs everyone out, which is the safe side). */
export class PublishSessions {
  readonly #byId = new Map<string, Session>();
  /** Failed sign-ins per client address. */
  readonly signIns = new SignInLimiter();

  open(grant: TokenGrant): Session {
    this.#prune();
    if (this.#byId.size >= MAX_SESSIONS) this.#byId.delete(this.#byId.keys().next().value!);
    const s: Session = {
      id: randomBytes(24).toString("base64url"),
      csrf: randomBytes(24).toString("base64url"),
      grant,
      lastUsed: Date.now(),
    };
    this.#byId.set(s.id, s);
    return s;
  }

  of(req: IncomingMessage): Session | undefined {
    const id = cookie(req.headers.cookie, COOKIE);
    const s = id ? this.#byId.get(id) : undefined;
    if (!s) return undefined;
    if (Date.now() - s.lastUsed > SESSION_MS) {
      this.#byId.delete(s.id);
      return undefined;
    }
    s.lastUsed = Date.now();
    return s;
  }

  close(s: Session): void {
    this.#byId.delete(s.id);
  }

  #prune(): void {
    const now = Date.now();
    for (const [id, s] of this.#byId) if (now - s.lastUsed > SESSION_MS) this.#byId.delete(id);
  }
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}

export function sameSecret(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The session's CSRF token as a form's hidden field (every form of a signed-in page carries it). */
export function csrfField(s: Session): Html {
  return html`<input type="hidden" name="csrf" value="${s.csrf}">`;
}

function graphLine(g: GraphInfo | undefined, lang: UiLang): Html {
  const w = WORDS[lang];
  if (!g) return html`<p>${w.none}</p>`;
  return html`<p class="graph-line"><code>${g.graphIri}</code> · ${g.triples} ${w.triples}${g.licenceIri ? html` · ${w.licence} <a href="${g.licenceIri}">${g.licenceIri}</a>` : ""} · ${w.modified} <time datetime="${g.modified}">${g.modified.slice(0, 10)}</time></p>`;
}

function reportBlock(
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
function problemList(problems: readonly Problem[], lang: UiLang): Html | string {
  if (problems.length === 0) return "";
  const shown = problems.slice(0, 50);
  return html`<ul>${shown.map((r) => html`<li class="issue ${r.severity}"><code>${r.path}</code> — ${r.message[lang]} (${r.hint[lang]})</li>`)}</ul>${problems.length > shown.length ? html`<p>… ${problems.length - shown.length}</p>` : ""}`;
}

/**
 * The upload as the files the Graph Store's write takes: a CSV is imported with its column-mapping file by the
 * CLI's importer (as `vivant import csv`) into a records document; anything else is sent as it is.
 */
function uploadedFiles(
  file: FormFile,
  mapping: FormFile | undefined,
): { files: LoadFile[]; csv?: { read: number; rejected: number; problems: readonly Problem[] } } {
  const isCsv = /\.csv$/i.test(file.name);
  if (!isCsv && mapping !== undefined)
    throw new InputError("check/mapping-without-csv", tx("check/mapping-without-csv"));
  if (!isCsv) return { files: [{ text: file.text.replace(/^\uFEFF/, ""), source: file.name }] };
  if (mapping === undefined) throw new InputError("check/csv-needs-mapping", tx("check/csv-needs-mapping"));
  const imported = importCsvWithMappingText(file.text, mapping.text, mapping.name, { ledger: false });
  return {
    files: [{ text: JSON.stringify(imported.document), source: file.name.replace(/\.csv$/i, ".json") }],
    csv: {
      read: imported.read,
      rejected: imported.rejected.length,
      problems: imported.problems.filter((p) => p.severity !== "info"),
    },
  };
}

function render(lang: UiLang, url: URL, main: Html): string {
  return page({ lang, title: WORDS[lang].title, url, current: "publish" }, html`<h1>${WORDS[lang].title}</h1>${main}`);
}

/** An error's message in the page's language: Vivant's errors carry both (message and hint). */
function errorText(e: unknown, lang: UiLang): string {
  // An HttpError's hint is not shown here (the page says what to do): its detail alone.
  return e instanceof HttpError ? e.text[lang] : isVivantError(e) ? messageOf(e, lang) : (e as Error).message;
}

function signInForm(lang: UiLang, message?: string): Html {
  const w = WORDS[lang];
  return html`${message ? html`<p class="problem" role="alert">${message}</p>` : ""}
<form class="check" method="post" action="/publish/sign-in">
<input type="hidden" name="ui" value="${lang}">
<div class="field wide"><label for="p-token">${w.token}</label><input id="p-token" type="password" name="token" autocomplete="off" required aria-describedby="p-token-hint"><p id="p-token-hint" class="note">${w.tokenHint}</p></div>
<div class="actions"><button type="submit">${w.signIn}</button></div>
</form>`;
}

function dashboard(ctx: PublishContext, s: Session, lang: UiLang, extra: Html = new Html("")): Html {
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

const setCookie = (id: string, maxAge: number): string =>
  `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/publish; Max-Age=${maxAge}`;

/** `/publish` and its form actions; false when the path is not one of them. */
export async function handlePublish(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  lang: UiLang,
  sessions: PublishSessions,
  ctx: PublishContext,
): Promise<boolean> {
  if (!url.pathname.startsWith("/publish")) return false;
  const w = WORDS[lang];
  const session = sessions.of(req);
  if (req.method === "GET" || req.method === "HEAD") {
    if (url.pathname !== "/publish") return false;
    sendPublishPage(res, 200, render(lang, url, session ? dashboard(ctx, session, lang) : signInForm(lang)));
    return true;
  }
  if (req.method !== "POST") return false;
  let form: PageForm;
  try {
    form = await readPageForm(req, { fileSize: ctx.maxBytes, fieldSize: 64 * 1024 });
  } catch (e) {
    // A form whose bytes are not in its charset says so; any other unreadable form is an expired one.
    sendPublishPage(
      res,
      e instanceof HttpError ? e.status : 400,
      render(lang, url, signInForm(lang, e instanceof HttpError ? e.text[lang] : w.expired)),
    );
    return true;
  }
  const formLang: UiLang = form.fields.ui === "en" ? "en" : form.fields.ui === "fr" ? "fr" : lang;
  const W = WORDS[formLang];
  switch (url.pathname) {
    case "/publish/sign-in": {
      // The client's address as the connection gives it (behind a proxy, every client is the proxy: see README).
      const client = clientKey(req.socket.remoteAddress);
      const wait = sessions.signIns.retryAfter(client);
      if (wait > 0) {
        sendPublishPage(
          res,
          429,
          render(formLang, url, signInForm(formLang, t("publish/too-many-attempts", { seconds: wait }, formLang))),
          { "Retry-After": String(wait) },
        );
        return true;
      }
      const grant = ctx.tokens.grantOf(`Bearer ${form.fields.token ?? ""}`);
      if (!grant) {
        sessions.signIns.fail(client);
        sendPublishPage(res, 401, render(formLang, url, signInForm(formLang, W.badToken)));
        return true;
      }
      const s = sessions.open(grant);
      res.writeHead(303, {
        Location: `/publish?ui=${formLang}`,
        "Set-Cookie": setCookie(s.id, SESSION_MS / 1000),
        "Cache-Control": "no-store",
      });
      res.end();
      return true;
    }
    case "/publish/sign-out":
    case "/publish/check":
    case "/publish/confirm": {
      if (!session || !sameSecret(form.fields.csrf, session.csrf)) {
        sendPublishPage(res, 403, render(formLang, url, signInForm(formLang, W.expired)));
        return true;
      }
      if (url.pathname === "/publish/sign-out") {
        sessions.close(session);
        res.writeHead(303, {
          Location: `/publish?ui=${formLang}`,
          "Set-Cookie": setCookie("", 0),
          "Cache-Control": "no-store",
        });
        res.end();
        return true;
      }
      if (url.pathname === "/publish/check") {
        if (form.fileTooLarge || !form.file || form.file.text.trim() === "") {
          sendPublishPage(
            res,
            form.fileTooLarge ? 413 : 400,
            render(
              formLang,
              url,
              dashboard(
                ctx,
                session,
                formLang,
                html`<p class="problem" role="alert">${form.fileTooLarge ? t("form/file-too-large", { limit: ctx.maxBytes }, formLang) : W.noFile}</p>`,
              ),
            ),
          );
          return true;
        }
        const licence = form.fields.licence?.trim() || undefined;
        const fail = (status: number, message: string, more: Html | string = ""): true => {
          sendPublishPage(
            res,
            status,
            render(
              formLang,
              url,
              dashboard(
                ctx,
                session,
                formLang,
                html`<section aria-labelledby="report"><h2 id="report">${form.file!.name}</h2><p class="problem" role="alert">${message}</p>${more}</section>`,
              ),
            ),
          );
          return true;
        };
        if (form.tooManyFiles) return fail(400, t("check/too-many-files", {}, formLang));
        let files: LoadFile[];
        let csv: Html | string = "";
        try {
          const upload = uploadedFiles(form.file, form.files.mapping);
          files = upload.files;
          if (upload.csv) {
            const { read, rejected, problems } = upload.csv;
            csv = html`<h3>${W.csvProblems}</h3><p>${t("check/csv-rows", { read, rejected }, formLang)}</p>${problemList(problems, formLang)}`;
            // Rows left out would be a partial season: nothing is published until each row is read.
            if (rejected > 0) return fail(422, t("publish/csv-rejected", { read, rejected }, formLang), csv);
          }
        } catch (e) {
          return fail(422, isVivantError(e) ? messageOf(e, formLang) : (e as Error).message);
        }
        let prepared: PreparedGraph;
        try {
          prepared = await ctx.prepare(files, session.grant, licence);
        } catch (e) {
          return fail(422, errorText(e, formLang), csv);
        }
        session.pending = prepared.ok
          ? { id: randomBytes(12).toString("base64url"), files, ...(licence !== undefined ? { licence } : {}) }
          : undefined;
        const confirm = session.pending
          ? html`<form method="post" action="/publish/confirm" enctype="multipart/form-data">${csrfField(session)}<input type="hidden" name="ui" value="${formLang}"><input type="hidden" name="pending" value="${session.pending.id}"><button type="submit">${W.confirm}</button></form>`
          : "";
        sendPublishPage(
          res,
          prepared.ok ? 200 : 422,
          render(
            formLang,
            url,
            dashboard(
              ctx,
              session,
              formLang,
              html`<section aria-labelledby="report"><h2 id="report">${form.file.name}</h2>${reportBlock(prepared, formLang)}${csv}${confirm}</section>`,
            ),
          ),
        );
        return true;
      }
      // confirm: the pending upload of this session, written through the Graph Store's own path.
      const pending = session.pending;
      if (!pending || pending.id !== form.fields.pending) {
        sendPublishPage(
          res,
          409,
          render(
            formLang,
            url,
            dashboard(ctx, session, formLang, html`<p class="problem" role="alert">${W.expired}</p>`),
          ),
        );
        return true;
      }
      session.pending = undefined;
      try {
        const r = await ctx.publish(pending.files, session.grant, pending.licence);
        const extra = r.info
          ? html`<p class="ok" role="status">${W.published(r.info.triples)}</p>`
          : html`<p class="problem" role="alert">${W.refused}</p>${reportBlock(r.prepared, formLang)}`;
        sendPublishPage(res, r.info ? 200 : 422, render(formLang, url, dashboard(ctx, session, formLang, extra)));
      } catch (e) {
        sendPublishPage(
          res,
          (e as { status?: number }).status ?? 500,
          render(
            formLang,
            url,
            dashboard(
              ctx,
              session,
              formLang,
              html`<p class="problem" role="alert">${W.refused} ${errorText(e, formLang)}</p>`,
            ),
          ),
        );
      }
      return true;
    }
    default:
      return false;
  }
}
