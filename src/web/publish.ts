// The publishing page (`/publish`): a publisher signs in with its token (kept in a server-side session, never in a
// URL or a log), uploads a season (records JSON, a CSV with its column-mapping file, or RDF), sees the core
// profile's report, and only on confirmation
// replaces its graph, through the Graph Store's own write path. Every form carries the session's CSRF token.

import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError } from "../server/http-util.js";
import type { TokenGrant, TokenTable } from "../server/auth.js";
import type { LoadFile, PreparedGraph } from "../store/load.js";
import type { GraphInfo } from "../store/types.js";
import { readPageForm, type FormFile, type PageForm } from "./form.js";
import { InputError, isVivantError, messageOf, type Problem } from "../errors.js";
import { t, tx } from "../i18n.js";
import { importCsvWithMappingText } from "../import/csv.js";
import { html, type Html } from "./html.js";
import type { UiLang } from "./i18n.js";
import {
  clientKey,
  sameSecret,
  SESSION_MS,
  setCookie,
  type PublishSessions,
  type Session,
} from "./publish-sessions.js";
import {
  csrfField,
  dashboard,
  errorText,
  problemList,
  render,
  reportBlock,
  sendPublishPage,
  signInForm,
  WORDS,
} from "./publish-page.js";

// The old path of the sessions and the page's helpers (the same-as page and the tests import them from here).
export {
  clientKey,
  PublishSessions,
  sameSecret,
  SIGN_IN_ADDRESSES,
  SIGN_IN_FAILURES,
  SIGN_IN_WINDOW_MS,
  SignInLimiter,
} from "./publish-sessions.js";
export { csrfField, sendPublishPage } from "./publish-page.js";

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

/** A form posted to one of `/publish`'s actions, read, with the language it asks for. */
interface PostedForm {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly sessions: PublishSessions;
  readonly ctx: PublishContext;
  readonly form: PageForm;
  readonly lang: UiLang;
}

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
  const posted: PostedForm = { req, res, url, sessions, ctx, form, lang: formLang };
  switch (url.pathname) {
    case "/publish/sign-in":
      signIn(posted);
      return true;
    case "/publish/sign-out":
    case "/publish/check":
    case "/publish/confirm": {
      if (!session || !sameSecret(form.fields.csrf, session.csrf)) {
        sendPublishPage(res, 403, render(formLang, url, signInForm(formLang, WORDS[formLang].expired)));
        return true;
      }
      if (url.pathname === "/publish/sign-out") signOut(posted, session);
      else if (url.pathname === "/publish/check") await checkUpload(posted, session);
      else await confirmUpload(posted, session);
      return true;
    }
    default:
      return false;
  }
}

/** The signed-in page with `extra` above the upload form. */
function sendDashboard(posted: PostedForm, session: Session, status: number, extra: Html): void {
  const { res, url, ctx, lang } = posted;
  sendPublishPage(res, status, render(lang, url, dashboard(ctx, session, lang, extra)));
}

/** `/publish/sign-in`: a known token opens a session, unless the client failed too often lately. */
function signIn(posted: PostedForm): void {
  const { req, res, url, sessions, ctx, form, lang } = posted;
  // The client's address as the connection gives it (behind a proxy, every client is the proxy: see README).
  const client = clientKey(req.socket.remoteAddress);
  const wait = sessions.signIns.retryAfter(client);
  if (wait > 0) {
    sendPublishPage(
      res,
      429,
      render(lang, url, signInForm(lang, t("publish/too-many-attempts", { seconds: wait }, lang))),
      { "Retry-After": String(wait) },
    );
    return;
  }
  const grant = ctx.tokens.grantOf(`Bearer ${form.fields.token ?? ""}`);
  if (!grant) {
    sessions.signIns.fail(client);
    sendPublishPage(res, 401, render(lang, url, signInForm(lang, WORDS[lang].badToken)));
    return;
  }
  const s = sessions.open(grant);
  res.writeHead(303, {
    Location: `/publish?ui=${lang}`,
    "Set-Cookie": setCookie(s.id, SESSION_MS / 1000),
    "Cache-Control": "no-store",
  });
  res.end();
}

/** `/publish/sign-out`: the session is closed and its cookie cleared. */
function signOut(posted: PostedForm, session: Session): void {
  const { res, sessions, lang } = posted;
  sessions.close(session);
  res.writeHead(303, {
    Location: `/publish?ui=${lang}`,
    "Set-Cookie": setCookie("", 0),
    "Cache-Control": "no-store",
  });
  res.end();
}

/** `/publish/check`: the upload validated as a write would be, kept as the session's pending upload when it conforms. */
async function checkUpload(posted: PostedForm, session: Session): Promise<void> {
  const { ctx, form, lang } = posted;
  const W = WORDS[lang];
  if (form.fileTooLarge || !form.file || form.file.text.trim() === "") {
    sendDashboard(
      posted,
      session,
      form.fileTooLarge ? 413 : 400,
      html`<p class="problem" role="alert">${form.fileTooLarge ? t("form/file-too-large", { limit: ctx.maxBytes }, lang) : W.noFile}</p>`,
    );
    return;
  }
  const file = form.file;
  const licence = form.fields.licence?.trim() || undefined;
  const fail = (status: number, message: string, more: Html | string = ""): void =>
    sendDashboard(
      posted,
      session,
      status,
      html`<section aria-labelledby="report"><h2 id="report">${file.name}</h2><p class="problem" role="alert">${message}</p>${more}</section>`,
    );
  if (form.tooManyFiles) return fail(400, t("check/too-many-files", {}, lang));
  const upload = readUpload(posted, file, fail);
  if (!upload) return;
  const { files, csv } = upload;
  let prepared: PreparedGraph;
  try {
    prepared = await ctx.prepare(files, session.grant, licence);
  } catch (e) {
    return fail(422, errorText(e, lang), csv);
  }
  session.pending = prepared.ok
    ? { id: randomBytes(12).toString("base64url"), files, ...(licence !== undefined ? { licence } : {}) }
    : undefined;
  const confirm = session.pending
    ? html`<form method="post" action="/publish/confirm" enctype="multipart/form-data">${csrfField(session)}<input type="hidden" name="ui" value="${lang}"><input type="hidden" name="pending" value="${session.pending.id}"><button type="submit">${W.confirm}</button></form>`
    : "";
  sendDashboard(
    posted,
    session,
    prepared.ok ? 200 : 422,
    html`<section aria-labelledby="report"><h2 id="report">${file.name}</h2>${reportBlock(prepared, lang)}${csv}${confirm}</section>`,
  );
}

/**
 * The upload's files and the report of its CSV rows (empty for another file); undefined when it cannot be published
 * (`fail` has then sent the page).
 */
function readUpload(
  posted: PostedForm,
  file: FormFile,
  fail: (status: number, message: string, more?: Html | string) => void,
): { files: LoadFile[]; csv: Html | string } | undefined {
  const { form, lang } = posted;
  let csv: Html | string = "";
  try {
    const upload = uploadedFiles(file, form.files.mapping);
    if (upload.csv) {
      const { read, rejected, problems } = upload.csv;
      csv = html`<h3>${WORDS[lang].csvProblems}</h3><p>${t("check/csv-rows", { read, rejected }, lang)}</p>${problemList(problems, lang)}`;
      // Rows left out would be a partial season: nothing is published until each row is read.
      if (rejected > 0) {
        fail(422, t("publish/csv-rejected", { read, rejected }, lang), csv);
        return undefined;
      }
    }
    return { files: upload.files, csv };
  } catch (e) {
    fail(422, isVivantError(e) ? messageOf(e, lang) : (e as Error).message);
    return undefined;
  }
}

/** `/publish/confirm`: the pending upload of this session, written through the Graph Store's own path. */
async function confirmUpload(posted: PostedForm, session: Session): Promise<void> {
  const { ctx, form, lang } = posted;
  const W = WORDS[lang];
  const pending = session.pending;
  if (!pending || pending.id !== form.fields.pending) {
    sendDashboard(posted, session, 409, html`<p class="problem" role="alert">${W.expired}</p>`);
    return;
  }
  session.pending = undefined;
  try {
    const r = await ctx.publish(pending.files, session.grant, pending.licence);
    const extra = r.info
      ? html`<p class="ok" role="status">${W.published(r.info.triples)}</p>`
      : html`<p class="problem" role="alert">${W.refused}</p>${reportBlock(r.prepared, lang)}`;
    sendDashboard(posted, session, r.info ? 200 : 422, extra);
  } catch (e) {
    sendDashboard(
      posted,
      session,
      (e as { status?: number }).status ?? 500,
      html`<p class="problem" role="alert">${W.refused} ${errorText(e, lang)}</p>`,
    );
  }
}
