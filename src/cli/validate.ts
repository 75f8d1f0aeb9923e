// `vivant validate`: records, JSON-LD or RDF files against a SHACL profile; a report per file in text, JSON or Turtle.

import { resolve } from "node:path";
import { InputError, isInputError, messageOf, type Lang } from "../errors.js";
import {
  DEFAULT_FORM,
  PROFILE_SUMMARIES,
  PROFILES,
  reportToTurtle,
  validateJson,
  validateText,
  type ProfileName,
  type RecordForm,
  type ValidationReport,
} from "../validate/index.js";
import { t, tx } from "../i18n.js";
import { oneOf, parseOptions } from "./args.js";
import { EXIT, type CliIo, type Command } from "./io.js";
import { openOutput } from "./output.js";
import { REPORT_HELP, REPORT_HELP_FR, REPORT_OPTIONS, reportOptions } from "./report.js";
import { formatReportBounded, reportJsonChunks } from "../validate/summary.js";
import type { IngestInput, LoadFile } from "../ingest/index.js";
import { readInputFile } from "./input-file.js";

const HELP = `Usage: vivant validate <file…> [options]

Checks event data against a SHACL profile before it is published, and says which field of which record to fix.
Each file can be a record document (JSON with a "publisher"), JSON-LD (.jsonld, .json), Turtle (.ttl),
N-Triples (.nt), N-Quads (.nq) or TriG (.trig).

Options:
  --profile core|google|artsdata  the profile (default core):
${PROFILES.map((p) => `      ${p.padEnd(9)} ${PROFILE_SUMMARIES[p]}`).join("\n")}
  --lang en|fr                    language of the messages (default en)
  --format text|json|turtle       text: issues grouped by record and field (default);
                                  json: an array with one report object per file (messages in both languages);
                                  turtle: one SHACL sh:ValidationReport per file
  --form graph|embed              records only: validate the graph form, or the embed form that web pages
                                  carry (default: embed for google, graph otherwise)
${REPORT_HELP.replace(/^ {2}/gm, "  ")}
  --report FILE       write the full reports as JSON (the --format json array), whatever --format says

Exit codes: 0 every file conforms (warnings allowed); 1 some file has violations (or rejected records);
2 unusable input (malformed JSON, JSON-LD or Turtle: with its line and column; unknown profile or option).`;

/** The profiles' one-line summaries in French. */
const PROFILE_SUMMARIES_FR: Readonly<Record<ProfileName, string>> = {
  core: "prêt pour le graphe : propriétés obligatoires et recommandées, types de données, IRI, étiquettes de langue (Vivant)",
  google: "résultats enrichis Event de Google : propriétés obligatoires en violations, recommandées en avertissements",
  artsdata: "formes d'entrée d'Artsdata.ca v4.7 (figées, CC0 ; sa seule règle SHACL-SPARQL réécrite en SHACL Core)",
};

const HELP_FR = `Usage : vivant validate <fichier…> [options]

Vérifie des données d'événements avec un profil SHACL avant leur publication, et dit quel champ de quelle
fiche corriger. Chaque fichier peut être un document de fiches (JSON avec un « publisher »), du JSON-LD
(.jsonld, .json), du Turtle (.ttl), du N-Triples (.nt), du N-Quads (.nq) ou du TriG (.trig).

Options :
  --profile core|google|artsdata  le profil (core par défaut) :
${PROFILES.map((p) => `      ${p.padEnd(9)} ${PROFILE_SUMMARIES_FR[p]}`).join("\n")}
  --lang en|fr                    langue des messages (en par défaut)
  --format text|json|turtle       text : problèmes groupés par fiche et par champ (par défaut) ;
                                  json : un tableau d'un objet rapport par fichier (messages dans les deux langues) ;
                                  turtle : un sh:ValidationReport SHACL par fichier
  --form graph|embed              fiches seulement : valide la forme graphe, ou la forme embed que portent les
                                  pages web (par défaut : embed pour google, graph sinon)
${REPORT_HELP_FR}
  --report FICHIER    écrit les rapports complets en JSON (le tableau de --format json), quel que soit --format

Codes de sortie : 0 chaque fichier est conforme (avertissements permis) ; 1 un fichier a des violations (ou
des fiches rejetées) ; 2 entrée inutilisable (JSON, JSON-LD ou Turtle mal formé : avec sa ligne et sa colonne ;
profil ou option inconnus).`;

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** What one `vivant validate` command line asks for, besides its files. */
interface ValidateRun {
  readonly io: CliIo;
  readonly lang: Lang;
  readonly profile: ProfileName;
  readonly format: "text" | "json" | "turtle";
  readonly form: RecordForm;
  readonly shown: ReturnType<typeof reportOptions>;
  readonly reportFile: string | undefined;
}

type Validated = Awaited<ReturnType<typeof validateText>>;

export const validateCommand: Command = {
  name: "validate",
  summary: {
    en: "check records, JSON-LD or RDF against the core, google or artsdata SHACL profile",
    fr: "vérifier des fiches, du JSON-LD ou du RDF avec le profil SHACL core, google ou artsdata",
  },
  help: { en: HELP, fr: HELP_FR },
  async run(argv, io) {
    const { values, positionals, lang } = parseOptions(
      argv,
      {
        profile: { type: "string" },
        format: { type: "string" },
        form: { type: "string" },
        ...REPORT_OPTIONS,
        report: { type: "string" },
      },
      "validate",
    );
    const shown = reportOptions(values);
    const reportFile = typeof values.report === "string" ? values.report : undefined;
    const profile: ProfileName = oneOf(str(values.profile), PROFILES, "core", "--profile");
    const format = oneOf(str(values.format), ["text", "json", "turtle"] as const, "text", "--format");
    const form: RecordForm = oneOf(str(values.form), ["graph", "embed"] as const, DEFAULT_FORM[profile], "--form");
    if (positionals.length === 0)
      throw new InputError("cli/usage", tx("cli/need-files-validate"), {
        hint: tx("cli/example", { example: "vivant validate season.json --profile google" }),
      });
    const run: ValidateRun = { io, lang, profile, format, form, shown, reportFile };

    let exit: number = EXIT.ok;
    const json: unknown[] = [];
    for (const file of positionals) {
      const result = await validateFile(run, file);
      if (result === undefined) {
        exit = EXIT.unusable;
        continue;
      }
      const { input, report } = result;
      const rejected = (input.map?.problems ?? []).some((p) => p.severity === "violation");
      if ((!report.conforms || rejected) && exit === EXIT.ok) exit = EXIT.rejected;
      await writeFileReport(run, file, result, json);
    }
    if (format === "json") io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    if (reportFile !== undefined) await writeJsonReports(io, reportFile, json as ValidationReport[]);
    return exit;
  },
};

/** Reads and validates one file; undefined when it is unusable (said on stderr). */
async function validateFile(run: ValidateRun, file: string): Promise<Validated | undefined> {
  const { io, lang, profile, form } = run;
  const path = resolve(io.cwd, file);
  let read: IngestInput;
  try {
    // JSON is parsed as a stream: a record document of any size is never one string.
    read = await readInputFile(path, file);
  } catch (e) {
    if (isInputError(e)) {
      io.stderr.write(`vivant validate: ${messageOf(e, lang)}\n`);
    } else
      io.stderr.write(`vivant validate: ${t("cli/cannot-read-file", { file, reason: (e as Error).message }, lang)}\n`);
    return undefined;
  }
  try {
    return "json" in read
      ? await validateJson(read.json, file, profile, { form })
      : await validateText((read as LoadFile).text, file, profile, { form });
  } catch (e) {
    if (!isInputError(e)) throw e;
    io.stderr.write(`vivant validate: ${messageOf(e, lang)}\n`);
    for (const p of e.problems) io.stderr.write(`  ${p.path}: ${p.message[lang]}\n`);
    return undefined;
  }
}

/** One file's report in the asked format (text and Turtle written now, JSON kept in `json` for the end). */
async function writeFileReport(run: ValidateRun, file: string, result: Validated, json: unknown[]): Promise<void> {
  const { io, lang, format, reportFile } = run;
  const { input, report } = result;
  const problems = input.map?.problems ?? [];
  if (format === "text") {
    const source = input.kind === "records" ? t("cli/records-form", { file, form: input.form }, lang) : file;
    io.stdout.write(
      formatReportBounded(report, {
        lang,
        source,
        problems,
        notes: input.notes,
        rejected: input.map?.rejected.length ?? 0,
        ...run.shown,
        ...(reportFile !== undefined ? { reportFile } : {}),
      }),
    );
  }
  if (format === "json" || reportFile !== undefined) {
    json.push({
      file,
      input: input.kind,
      ...(input.form ? { form: input.form } : {}),
      notes: input.notes,
      problems,
      ...report,
    });
  }
  if (format === "turtle") {
    io.stdout.write(`# ${file}\n${await reportToTurtle(report)}\n`);
  }
}

/** --report: every file's report as one JSON array, streamed to the file. */
async function writeJsonReports(io: CliIo, reportFile: string, reports: readonly ValidationReport[]): Promise<void> {
  const out = openOutput(io, reportFile);
  try {
    let first = true;
    for (const r of reports) {
      await out.write(first ? "[\n" : ",\n");
      for (const chunk of reportJsonChunks(r)) await out.write(chunk);
      first = false;
    }
    await out.write(first ? "[]\n" : "\n]\n");
    await out.close();
  } catch (e) {
    await out.abort();
    throw e;
  }
}
