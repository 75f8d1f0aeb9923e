// The markup checker (`/check`): paste JSON-LD or a whole HTML page, give a page's address, or upload a records
// JSON, a CSV with its column-mapping file, or an RDF file; pick a profile; see the report grouped by node (or
// record) and field in the page's language, what to fix, the repairs Vivant applied, and the repaired JSON-LD to
// copy. Nothing is stored. A page is fetched only through the harvest's polite fetcher (robots.txt, per-host delay,
// size and time limits), which refuses non-public addresses unless the server allows them.

import type { IncomingMessage } from "node:http";
import type { Quad } from "@rdfjs/types";
import { InputError, isVivantError, messageOf, type Problem } from "../errors.js";
import { compactJsonLd, quadsToJsonLd } from "../jsonld/convert.js";
import { FIX_DESCRIPTIONS } from "../harvest/fixes.js";
import { Fixes } from "../harvest/fixes.js";
import { processHtml, processJsonLd } from "../harvest/page.js";
import { PoliteFetcher, type FetchOutcome, type FetchPolicy } from "../harvest/fetch.js";
import { importCsvWithMappingText } from "../import/csv.js";
import { t, tx, type MessageKey } from "../i18n.js";
import { HttpError } from "../server/http-util.js";
import { compactIri } from "../validate/messages.js";
import { recordProblems } from "../validate/input.js";
import {
  createValidator,
  isProfileName,
  PROFILES,
  validateText,
  type ProfileName,
  type ValidationIssue,
  type ValidationReport,
} from "../validate/index.js";
import { NotAFormError, readPageForm, type FormFile, type PageForm } from "./form.js";
import { html, Html, page } from "./html.js";
import type { UiLang } from "./i18n.js";

/** Largest text or file checked, in bytes. */
export const CHECK_MAX_BYTES = 5 * 2 ** 20;

const WORDS = {
  fr: {
    title: "Vérifier un balisage",
    intro:
      "Collez le JSON-LD d'une page, ou la page HTML entière, ou donnez l'adresse d'une page, ou envoyez un fichier de fiches (JSON), un CSV avec son fichier de correspondance des colonnes, ou un fichier RDF (Turtle, N-Triples, JSON-LD). Rien n'est conservé.",
    text: "JSON-LD ou page HTML",
    url: "Ou l'adresse d'une page publique",
    file: "Ou un fichier",
    mapping: "Correspondance des colonnes (JSON), pour un CSV",
    fetched: "Page lue :",
    profile: "Profil",
    profiles: {
      google: "google : résultats enrichis d'événements de Google",
      artsdata: "artsdata : modèle des arts de la scène d'Artsdata",
      core: "core : ce que Vivant exige pour publier",
    },
    check: "Vérifier",
    conforms: "Conforme au profil",
    fails: "Non conforme au profil",
    counts: (v: number, w: number) => `${v} violation${v > 1 ? "s" : ""}, ${w} avertissement${w > 1 ? "s" : ""}`,
    node: "Nœud",
    field: "Champ",
    itself: "(le nœud lui-même)",
    severity: { violation: "violation", warning: "avertissement", info: "info" },
    value: "valeur",
    repairs: "Réparations appliquées au balisage",
    noRepairs: "Aucune réparation n'a été nécessaire.",
    problems: "Problèmes de lecture",
    repaired: "JSON-LD réparé, à copier",
    empty: "Collez un balisage, donnez une adresse ou choisissez un fichier.",
    tooLarge: (n: number) => `Au plus ${n} Mio à la fois.`,
  },
  en: {
    title: "Check markup",
    intro:
      "Paste a page's JSON-LD, or the whole HTML page, or give a page's address, or upload a records file (JSON), a CSV with its column-mapping file, or an RDF file (Turtle, N-Triples, JSON-LD). Nothing is kept.",
    text: "JSON-LD or HTML page",
    url: "Or the address of a public page",
    file: "Or a file",
    mapping: "Column mapping (JSON), for a CSV",
    fetched: "Page read:",
    profile: "Profile",
    profiles: {
      google: "google: Google's Event rich results",
      artsdata: "artsdata: Artsdata's performing-arts model",
      core: "core: what Vivant requires to publish",
    },
    check: "Check",
    conforms: "Conforms to the profile",
    fails: "Does not conform to the profile",
    counts: (v: number, w: number) => `${v} violation${v === 1 ? "" : "s"}, ${w} warning${w === 1 ? "" : "s"}`,
    node: "Node",
    field: "Field",
    itself: "(the node itself)",
    severity: { violation: "violation", warning: "warning", info: "info" },
    value: "value",
    repairs: "Repairs applied to the markup",
    noRepairs: "No repair was needed.",
    problems: "Reading problems",
    repaired: "Repaired JSON-LD, to copy",
    empty: "Paste some markup, give an address or choose a file.",
    tooLarge: (n: number) => `At most ${n} MiB at a time.`,
  },
} as const;

export interface CheckInput {
  readonly text: string;
  /** The uploaded file's name, or undefined for pasted text. */
  readonly fileName?: string;
  /** The column-mapping file of a CSV upload (required with a `.csv` file, refused with anything else). */
  readonly mapping?: FormFile;
  /** The page's address when the text was fetched (relative IRIs of the markup resolve against it). */
  readonly pageUrl?: string;
  /** The fetched page's media type (`text/html`, `application/ld+json`…). */
  readonly mediaType?: string;
  readonly profile: ProfileName;
}

export interface CheckResult {
  readonly report: ValidationReport;
  readonly problems: readonly Problem[];
  readonly repairs: readonly (readonly [string, number])[];
  /** The data as checked, after repairs, as compact JSON-LD (markup input only). */
  readonly repaired?: unknown;
  /** A CSV's rows: read, and rejected (each rejected row's reasons are in `problems`). */
  readonly rows?: { readonly read: number; readonly rejected: number };
}

const looksLikeHtml = (text: string): boolean =>
  /^\s*(<!doctype html|<html|<head|<body|<script|<div|<meta|<!--)/i.test(text);

/** Checks pasted markup or an uploaded file: HTML and JSON-LD go through harvest's repairs, the rest as `vivant validate` reads it. */
export async function checkMarkup(input: CheckInput): Promise<CheckResult> {
  const text = input.text.replace(/^\uFEFF/, "");
  const trimmed = text.trimStart();
  const name = input.fileName ?? "";
  if (/\.csv$/i.test(name) || input.mapping !== undefined) {
    if (!/\.csv$/i.test(name)) throw new InputError("check/mapping-without-csv", tx("check/mapping-without-csv"));
    if (input.mapping === undefined) throw new InputError("check/csv-needs-mapping", tx("check/csv-needs-mapping"));
    // The CLI's importer, then the records as `vivant validate` reads them: rejected rows are reported, not checked.
    const imported = importCsvWithMappingText(text, input.mapping.text, input.mapping.name, { ledger: false });
    const { input: read, report } = await validateText(
      JSON.stringify(imported.document),
      name.replace(/\.csv$/i, ".json"),
      input.profile,
    );
    return {
      report,
      problems: [...imported.problems, ...recordProblems(read)],
      repairs: imported.fixes.entries(),
      rows: { read: imported.read, rejected: imported.rejected.length },
    };
  }
  const isRecords = trimmed.startsWith("{") && /"publisher"\s*:/.test(trimmed.slice(0, 4096));
  const fetchedHtml = input.mediaType === "text/html" || input.mediaType === "application/xhtml+xml";
  const isMarkup =
    fetchedHtml ||
    looksLikeHtml(text) ||
    (!isRecords && (trimmed.startsWith("{") || trimmed.startsWith("[")) && !/\.(ttl|nt|nq|trig)$/i.test(name));
  if (isMarkup) {
    const fixes = new Fixes();
    const at = {
      url: input.pageUrl ?? "https://check.vivant.invalid/page",
      fetchedAt: new Date().toISOString(),
      fixes,
    };
    const result = fetchedHtml || looksLikeHtml(text) ? await processHtml(text, at) : await processJsonLd(text, at);
    const quads: Quad[] = result.quads.filter((q) => !q.predicate.value.startsWith("http://www.w3.org/ns/prov#"));
    const report = await (await createValidator(input.profile)).validate(quads);
    return {
      report,
      problems: result.problems,
      repairs: fixes.entries(),
      ...(quads.length ? { repaired: await compactJsonLd(await quadsToJsonLd(quads)) } : {}),
    };
  }
  const { input: read, report } = await validateText(
    text,
    name || (isRecords ? "records.json" : "pasted.ttl"),
    input.profile,
  );
  return { report, problems: recordProblems(read), repairs: [] };
}

/** Reads the checker's form (multipart, as browsers send it with a file field), bounded in size. */
export async function readCheckForm(req: IncomingMessage): Promise<CheckForm> {
  let form: PageForm;
  try {
    form = await readPageForm(req, { fileSize: CHECK_MAX_BYTES, fieldSize: CHECK_MAX_BYTES });
  } catch (e) {
    if (e instanceof NotAFormError) throw new HttpError(415, "request/unsupported-media-type", tx("form/not-a-form"));
    if (e instanceof HttpError) throw e;
    throw new HttpError(400, "request/bad-form", tx("form/unreadable", { reason: (e as Error).message }));
  }
  if (form.fileTooLarge || form.fieldTooLarge)
    throw new HttpError(413, "request/too-large", tx("form/too-large", { limit: CHECK_MAX_BYTES }));
  const { fields, file } = form;
  const useFile = file !== undefined && file.text.trim() !== "";
  const mapping = form.files.mapping;
  const address = (fields.url ?? "").trim();
  return {
    text: useFile ? file.text : (fields.text ?? ""),
    ...(useFile ? { fileName: file.name } : {}),
    ...(mapping !== undefined && mapping.text.trim() !== "" ? { mapping } : {}),
    ...(address !== "" ? { url: address } : {}),
    profile: fields.profile ?? "google",
    ...(fields.ui !== undefined ? { ui: fields.ui } : {}),
    ...(form.tooManyFiles ? { tooManyFiles: true } : {}),
  };
}

/** What the checker's form sent. */
export interface CheckForm {
  readonly text: string;
  readonly fileName?: string;
  readonly mapping?: FormFile;
  /** A page's address to fetch and check (used when neither text nor file is given). */
  readonly url?: string;
  readonly profile: string;
  readonly ui?: string;
  /** More files than the form has were sent (they were not read): the check is refused, saying so. */
  readonly tooManyFiles?: boolean;
}

/** Checks made through one PoliteFetcher before it is replaced: its per-origin memory (robots.txt, delays) stays bounded. */
const CHECKS_PER_FETCHER = 200;

/**
 * The checker's access to the Web: the harvest's PoliteFetcher (robots.txt, a delay between two requests to a host,
 * size and time limits, non-public addresses refused unless `allowPrivate`), renewed every few hundred checks so
 * that what it remembers of the origins it saw stays bounded; closed with the server.
 */
export class CheckFetcher {
  readonly #policy: Partial<FetchPolicy>;
  #current: { fetcher: PoliteFetcher; uses: number; inFlight: number } | undefined;
  #closed = false;

  constructor(policy: Partial<FetchPolicy> = {}) {
    this.#policy = { maxBytes: CHECK_MAX_BYTES, ...policy };
  }

  /** Fetches one page (HTML, or JSON-LD); the outcome says why when it could not. */
  async get(url: string): Promise<FetchOutcome> {
    if (this.#closed) return { ok: false, url, code: "network", message: "the server is closing" };
    if (this.#current === undefined || this.#current.uses >= CHECKS_PER_FETCHER) {
      const old = this.#current;
      this.#current = { fetcher: new PoliteFetcher(this.#policy), uses: 0, inFlight: 0 };
      if (old && old.inFlight === 0) void old.fetcher.close();
    }
    const slot = this.#current;
    slot.uses++;
    slot.inFlight++;
    try {
      return await slot.fetcher.get(url, "text/html,application/xhtml+xml,application/ld+json;q=0.9,*/*;q=0.1");
    } finally {
      slot.inFlight--;
      // A replaced fetcher closes when its last page is in.
      if (slot !== this.#current && slot.inFlight === 0) void slot.fetcher.close();
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#current?.fetcher.close();
    this.#current = undefined;
  }
}

const FETCH_MESSAGES: Readonly<Record<string, MessageKey>> = {
  "private-address": "check/fetch/private-address",
  "robots-disallowed": "check/fetch/robots-disallowed",
  timeout: "check/fetch/timeout",
  "too-large": "check/fetch/too-large",
  "too-many-redirects": "check/fetch/too-many-redirects",
  "redirect-loop": "check/fetch/redirect-loop",
  "http-status": "check/fetch/http-status",
  network: "check/fetch/network",
  "invalid-url": "check/fetch/invalid-url",
};

function issueRows(issues: readonly ValidationIssue[], lang: UiLang): Html {
  const w = WORDS[lang];
  const groups = new Map<string, ValidationIssue[]>();
  for (const i of issues) {
    const key = i.recordId !== undefined ? `${i.entity ?? "record"} "${i.recordId}"` : i.focusNode;
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  }
  return html`${[...groups].map(
    ([node, list]) => html`<section class="issue-group"><h3>${w.node} <code>${node}</code></h3><ul>
${list.map((i) => html`<li class="issue ${i.severity}"><strong>${w.severity[i.severity]}</strong> · <span class="field">${i.field ?? (i.path ? compactIri(i.path.replace(/^<|>$/g, "")) : w.itself)}</span> — ${i.message[lang]}${i.value !== undefined ? html` <span class="value">(${w.value} <code>${i.value}</code>)</span>` : ""} <span class="code">${i.code}</span></li>`)}
</ul></section>`,
  )}`;
}

export interface CheckPageContext {
  readonly lang: UiLang;
  readonly url: URL;
  readonly form?: CheckForm;
  readonly error?: string;
  /** How a page is fetched when the form gives an address (without one, addresses are refused). */
  readonly fetcher?: CheckFetcher;
}

/** The page at `address` through the checker's fetcher, or the sentence saying why not (in `lang`). */
async function fetchPage(
  address: string,
  fetcher: CheckFetcher | undefined,
  lang: UiLang,
): Promise<{ text: string; url: string; mediaType: string } | { error: string }> {
  let parsed: URL | undefined;
  try {
    parsed = new URL(address);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:") || fetcher === undefined)
    return { error: t("check/url-invalid", { url: address }, lang) };
  const got = await fetcher.get(parsed.href);
  if (got.ok) return { text: got.body, url: got.finalUrl, mediaType: got.mediaType };
  const key = FETCH_MESSAGES[got.code] ?? "check/fetch/network";
  return {
    error: `${t(key, { url: parsed.href, status: got.status }, lang)} ${t("check/fetch.detail", { detail: got.message }, lang)}`,
  };
}

/** The checker's page: the form, and the result when a form was sent. */
export async function checkPage(ctx: CheckPageContext): Promise<{ status: number; body: string }> {
  const { lang, url } = ctx;
  const w = WORDS[lang];
  const profile: ProfileName = ctx.form && isProfileName(ctx.form.profile) ? ctx.form.profile : "google";
  let result: CheckResult | undefined;
  let error = ctx.error;
  let fetched: string | undefined;
  if (ctx.form && !error) {
    const f = ctx.form;
    let input: CheckInput | undefined;
    if (f.tooManyFiles) error = t("check/too-many-files", {}, lang);
    else if (f.text.trim() !== "" || f.fileName !== undefined || f.mapping !== undefined) {
      input = {
        text: f.text,
        profile,
        ...(f.fileName !== undefined ? { fileName: f.fileName } : {}),
        ...(f.mapping !== undefined ? { mapping: f.mapping } : {}),
      };
    } else if (f.url !== undefined) {
      const page = await fetchPage(f.url, ctx.fetcher, lang);
      if ("error" in page) error = page.error;
      else {
        fetched = page.url;
        input = { text: page.text, profile, pageUrl: page.url, mediaType: page.mediaType };
      }
    } else error = w.empty;
    if (input) {
      try {
        result = await checkMarkup(input);
      } catch (e) {
        error = isVivantError(e) ? messageOf(e, lang) : (e as Error).message;
      }
    }
  }
  const form = html`<form class="check" method="post" action="/check" enctype="multipart/form-data">
<input type="hidden" name="ui" value="${lang}">
<div class="field wide"><label for="c-text">${w.text}</label><textarea id="c-text" name="text" rows="12" spellcheck="false">${ctx.form?.fileName ? "" : (ctx.form?.text ?? "")}</textarea></div>
<div class="field wide"><label for="c-url">${w.url}</label><input id="c-url" type="url" name="url" inputmode="url" placeholder="https://" value="${ctx.form?.url ?? ""}"></div>
<div class="field"><label for="c-file">${w.file}</label><input id="c-file" type="file" name="file" accept=".json,.jsonld,.html,.htm,.ttl,.nt,.nq,.trig,.csv"></div>
<div class="field"><label for="c-mapping">${w.mapping}</label><input id="c-mapping" type="file" name="mapping" accept=".json"></div>
<fieldset class="field"><legend>${w.profile}</legend>
${PROFILES.map((p) => html`<div><input type="radio" id="c-${p}" name="profile" value="${p}"${p === profile ? new Html(" checked") : ""}><label for="c-${p}">${w.profiles[p]}</label></div>`)}
</fieldset>
<div class="actions"><button type="submit">${w.check}</button></div>
</form>`;
  const answer = result
    ? html`<section class="check-result" aria-labelledby="verdict"><h2 id="verdict" class="${result.report.conforms ? "ok" : "ko"}">${result.report.conforms ? w.conforms : w.fails} ${profile}</h2>
${fetched !== undefined ? html`<p>${w.fetched} <a href="${fetched}">${fetched}</a></p>` : ""}
<p>${w.counts(result.report.violations, result.report.warnings)}${result.rows ? html` · ${t("check/csv-rows", result.rows, lang)}` : ""}</p>
${issueRows(result.report.issues, lang)}
${result.problems.length ? html`<h2>${w.problems}</h2><ul>${result.problems.map((p) => html`<li class="issue ${p.severity}"><strong>${w.severity[p.severity]}</strong> · <span class="field">${p.path}</span> — ${p.message[lang]} (${p.hint[lang]})</li>`)}</ul>` : ""}
<h2>${w.repairs}</h2>
${result.repairs.length ? html`<ul>${result.repairs.map(([kind, n]) => html`<li>${(FIX_DESCRIPTIONS as Record<string, { en: string; fr: string }>)[kind]?.[lang] ?? kind} <span class="count">× ${n}</span></li>`)}</ul>` : html`<p>${w.noRepairs}</p>`}
${result.repaired !== undefined ? html`<h2><label for="c-repaired">${w.repaired}</label></h2><textarea id="c-repaired" readonly rows="14" spellcheck="false">${JSON.stringify(result.repaired, null, 2)}</textarea>` : ""}
</section>`
    : error
      ? html`<p class="problem" role="alert">${error}</p>`
      : "";
  const main = html`<h1>${w.title}</h1><p>${w.intro}</p>${form}${answer}`;
  return { status: error ? 400 : 200, body: page({ lang, title: w.title, url, current: "check" }, main) };
}
