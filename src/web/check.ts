// The markup checker (`/check`): paste JSON-LD or a whole HTML page, or upload a records JSON or an RDF file; pick
// a profile; see the report grouped by node (or record) and field in the page's language, what to fix, the repairs
// Vivant applied to the markup, and the repaired JSON-LD to copy. Nothing is stored; nothing is fetched.

import type { IncomingMessage } from "node:http";
import type { Quad } from "@rdfjs/types";
import type { Problem } from "../errors.js";
import { compactJsonLd, quadsToJsonLd } from "../jsonld/convert.js";
import { FIX_DESCRIPTIONS } from "../harvest/fixes.js";
import { Fixes } from "../harvest/fixes.js";
import { processHtml, processJsonLd } from "../harvest/page.js";
import { HttpError } from "../server/http-util.js";
import { compactIri } from "../validate/messages.js";
import { recordProblems } from "../validate/input.js";
import { createValidator, isProfileName, PROFILES, validateText, type ProfileName, type ValidationIssue, type ValidationReport } from "../validate/index.js";
import { NotAFormError, readPageForm, type PageForm } from "./form.js";
import { html, Html, page } from "./html.js";
import type { UiLang } from "./i18n.js";

/** Largest text or file checked, in bytes. */
export const CHECK_MAX_BYTES = 5 * 2 ** 20;

const WORDS = {
  fr: {
    title: "Vérifier un balisage",
    intro: "Collez le JSON-LD d'une page, ou la page HTML entière, ou envoyez un fichier de fiches (JSON) ou RDF (Turtle, N-Triples, JSON-LD). Rien n'est conservé.",
    text: "JSON-LD ou page HTML",
    file: "Ou un fichier",
    profile: "Profil",
    profiles: { google: "google : résultats enrichis d'événements de Google", artsdata: "artsdata : modèle des arts de la scène d'Artsdata", core: "core : ce que Vivant exige pour publier" },
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
    empty: "Collez un balisage ou choisissez un fichier.",
    tooLarge: (n: number) => `Au plus ${n} Mio à la fois.`,
  },
  en: {
    title: "Check markup",
    intro: "Paste a page's JSON-LD, or the whole HTML page, or upload a records file (JSON) or an RDF file (Turtle, N-Triples, JSON-LD). Nothing is kept.",
    text: "JSON-LD or HTML page",
    file: "Or a file",
    profile: "Profile",
    profiles: { google: "google: Google's Event rich results", artsdata: "artsdata: Artsdata's performing-arts model", core: "core: what Vivant requires to publish" },
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
    empty: "Paste some markup or choose a file.",
    tooLarge: (n: number) => `At most ${n} MiB at a time.`,
  },
} as const;

export interface CheckInput {
  readonly text: string;
  /** The uploaded file's name, or undefined for pasted text. */
  readonly fileName?: string;
  readonly profile: ProfileName;
}

export interface CheckResult {
  readonly report: ValidationReport;
  readonly problems: readonly Problem[];
  readonly repairs: readonly (readonly [string, number])[];
  /** The data as checked, after repairs, as compact JSON-LD (markup input only). */
  readonly repaired?: unknown;
}

const looksLikeHtml = (text: string): boolean => /^\s*(<!doctype html|<html|<head|<body|<script|<div|<meta|<!--)/i.test(text);

/** Checks pasted markup or an uploaded file: HTML and JSON-LD go through harvest's repairs, the rest as `vivant validate` reads it. */
export async function checkMarkup(input: CheckInput): Promise<CheckResult> {
  const text = input.text.replace(/^\uFEFF/, "");
  const trimmed = text.trimStart();
  const name = input.fileName ?? "";
  const isRecords = trimmed.startsWith("{") && /"publisher"\s*:/.test(trimmed.slice(0, 4096));
  const isMarkup = looksLikeHtml(text) || (!isRecords && (trimmed.startsWith("{") || trimmed.startsWith("[")) && !/\.(ttl|nt|nq|trig)$/i.test(name));
  if (isMarkup) {
    const fixes = new Fixes();
    const at = { url: "https://check.vivant.invalid/page", fetchedAt: new Date().toISOString(), fixes };
    const result = looksLikeHtml(text) ? await processHtml(text, at) : await processJsonLd(text, at);
    const quads: Quad[] = result.quads.filter((q) => !q.predicate.value.startsWith("http://www.w3.org/ns/prov#"));
    const report = await (await createValidator(input.profile)).validate(quads);
    return {
      report,
      problems: result.problems,
      repairs: fixes.entries(),
      ...(quads.length ? { repaired: await compactJsonLd(await quadsToJsonLd(quads)) } : {}),
    };
  }
  const { input: read, report } = await validateText(text, name || (isRecords ? "records.json" : "pasted.ttl"), input.profile);
  return { report, problems: recordProblems(read), repairs: [] };
}

/** Reads the checker's form (multipart, as browsers send it with a file field), bounded in size. */
export async function readCheckForm(req: IncomingMessage): Promise<{ text: string; fileName?: string; profile: string; ui?: string }> {
  let form: PageForm;
  try {
    form = await readPageForm(req, { fileSize: CHECK_MAX_BYTES, fieldSize: CHECK_MAX_BYTES });
  } catch (e) {
    if (e instanceof NotAFormError) throw new HttpError(415, "request/unsupported-media-type", "send the checker's form as multipart/form-data or application/x-www-form-urlencoded");
    throw new HttpError(400, "request/bad-form", `the form could not be read: ${(e as Error).message}`);
  }
  if (form.fileTooLarge || form.fieldTooLarge) throw new HttpError(413, "request/too-large", `the checker takes at most ${CHECK_MAX_BYTES} bytes`);
  const { fields, file } = form;
  const useFile = file !== undefined && file.text.trim() !== "";
  return {
    text: useFile ? file.text : (fields.text ?? ""),
    ...(useFile ? { fileName: file.name } : {}),
    profile: fields.profile ?? "google",
    ...(fields.ui !== undefined ? { ui: fields.ui } : {}),
  };
}

function issueRows(issues: readonly ValidationIssue[], lang: UiLang): Html {
  const w = WORDS[lang];
  const groups = new Map<string, ValidationIssue[]>();
  for (const i of issues) {
    const key = i.recordId !== undefined ? `${i.entity ?? "record"} "${i.recordId}"` : i.focusNode;
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  }
  return html`${[...groups].map(([node, list]) => html`<section class="issue-group"><h3>${w.node} <code>${node}</code></h3><ul>
${list.map((i) => html`<li class="issue ${i.severity}"><strong>${w.severity[i.severity]}</strong> · <span class="field">${i.field ?? (i.path ? compactIri(i.path.replace(/^<|>$/g, "")) : w.itself)}</span> — ${i.message[lang]}${i.value !== undefined ? html` <span class="value">(${w.value} <code>${i.value}</code>)</span>` : ""} <span class="code">${i.code}</span></li>`)}
</ul></section>`)}`;
}

export interface CheckPageContext {
  readonly lang: UiLang;
  readonly url: URL;
  readonly form?: { readonly text: string; readonly fileName?: string; readonly profile: string };
  readonly error?: string;
}

/** The checker's page: the form, and the result when a form was sent. */
export async function checkPage(ctx: CheckPageContext): Promise<{ status: number; body: string }> {
  const { lang, url } = ctx;
  const w = WORDS[lang];
  const profile: ProfileName = ctx.form && isProfileName(ctx.form.profile) ? ctx.form.profile : "google";
  let result: CheckResult | undefined;
  let error = ctx.error;
  if (ctx.form && !error) {
    if (ctx.form.text.trim() === "") error = w.empty;
    else {
      try {
        result = await checkMarkup({ text: ctx.form.text, profile, ...(ctx.form.fileName !== undefined ? { fileName: ctx.form.fileName } : {}) });
      } catch (e) {
        error = (e as Error).message;
      }
    }
  }
  const form = html`<form class="check" method="post" action="/check" enctype="multipart/form-data">
<input type="hidden" name="ui" value="${lang}">
<div class="field wide"><label for="c-text">${w.text}</label><textarea id="c-text" name="text" rows="12" spellcheck="false">${ctx.form?.fileName ? "" : (ctx.form?.text ?? "")}</textarea></div>
<div class="field"><label for="c-file">${w.file}</label><input id="c-file" type="file" name="file" accept=".json,.jsonld,.html,.htm,.ttl,.nt,.nq,.trig"></div>
<fieldset class="field"><legend>${w.profile}</legend>
${PROFILES.map((p) => html`<div><input type="radio" id="c-${p}" name="profile" value="${p}"${p === profile ? new Html(" checked") : ""}><label for="c-${p}">${w.profiles[p]}</label></div>`)}
</fieldset>
<div class="actions"><button type="submit">${w.check}</button></div>
</form>`;
  const answer = result
    ? html`<section class="check-result" aria-labelledby="verdict"><h2 id="verdict" class="${result.report.conforms ? "ok" : "ko"}">${result.report.conforms ? w.conforms : w.fails} ${profile}</h2>
<p>${w.counts(result.report.violations, result.report.warnings)}</p>
${issueRows(result.report.issues, lang)}
${result.problems.length ? html`<h2>${w.problems}</h2><ul>${result.problems.map((p) => html`<li class="issue ${p.severity}"><strong>${w.severity[p.severity]}</strong> · <span class="field">${p.path}</span> — ${p.message[lang]} ${p.hint[lang]}</li>`)}</ul>` : ""}
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
