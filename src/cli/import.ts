// `vivant import <artsdata|uitdatabank|csv|festivals> <file…>`: peers' feeds and exports → a record
// document (-o) and a rejection report, optionally mapped, validated and loaded into the store (as `vivant load`).

import { readFile, writeFile } from "node:fs/promises";
import { writeOutputFile } from "./output.js";
import { resolve } from "node:path";
import { InputError, formatProblem, warningIn } from "../errors.js";
import { countByCode } from "../harvest/problems.js";
import { formatSummary, Progress } from "../harvest/progress.js";
import { loadValidated, openGraphTarget, prepareGraph } from "../ingest/index.js";
import { importArtsdata } from "../import/artsdata.js";
import { importCsv, parseCsvMapping } from "../import/csv.js";
import { FESTIVALS_PUBLISHER, importFestivals } from "../import/festivals.js";
import { importCapData } from "../import/capdata.js";
import type { ImportResult, PublisherOptions } from "../import/types.js";
import { importUitdatabank } from "../import/uitdatabank.js";
import { readJsonFile } from "../rdf/json-file.js";
import { formatReportBounded } from "../validate/summary.js";
import { REPORT_HELP, REPORT_HELP_FR, REPORT_OPTIONS, reportOptions } from "./report.js";
import { COLLECTIONS } from "../records/types.js";
import { plural, t, tx } from "../i18n.js";
import { oneOf, parseOptions } from "./args.js";
import { loadSummary, writeLoadOutcome } from "./harvest.js";
import { EXIT, type Command } from "./io.js";

const KINDS = ["artsdata", "uitdatabank", "csv", "festivals", "capdata"] as const;

const HELP = `Usage: vivant import <artsdata|uitdatabank|csv|festivals|capdata> <file…> [options]

Reads a peer's feed or an export into Vivant's record model, repairing what real data gets wrong
(each fix counted) and listing every rejected record with its reason.

  artsdata     Artsdata-style JSON-LD dumps (GTQ, NAC, Scènes francophones…); several files allowed
  uitdatabank  UiTdatabank JSON: event, place and organizer documents, or a search response
  csv          a ticketing export, read through a column-mapping file (--map)
  festivals    the Ministère de la Culture's "Liste des festivals en France" CSV
  capdata      a CapData Culture export in RDF/XML (an opera house's capdata-export.rdf)

Options:
  --map FILE            csv: the column-mapping file (see fixtures/import/mapping.json)
  --publisher ID        publisher id (csv: overrides the mapping's; festivals: default festivals-culture-gouv)
  --base-iri IRI        publisher base IRI (default https://vivant.dev/publishers/ID/)
  --licence KEY|IRI     licence of the data (default: none declared; festivals: etalab-2.0)
  --name TEXT           publisher name
  --default-lang TAG    artsdata: language of untagged texts (default und; was --lang before 0.2.0)
  --window FROM/TO      uitdatabank: dates to expand permanent events' opening hours (2026-09-01/2026-12-31)
  --capdata-namespace IRI  capdata: the ontology's namespace in the file (default: the PROVISIONAL one
                        Vivant's export writes, https://vivant.dev/ns/capdata-provisional#)
  --country CODE        capdata: ISO country of the addresses (the model has none; without it an address
                        is kept as one text, no country is guessed)
  -o, --output FILE     write the record document (default: stdout)
  --report FILE         write fixes, problems and rejections as JSON (default: OUTPUT.report.json with -o)
  --load --data DIR     map the records, validate them with the core profile and, only when there is
                        no violation, replace the publisher's graph in the data directory DIR (the one
                        \`vivant serve --data\` serves); otherwise nothing is written and the report is
                        printed, as \`vivant load\` does. --data DIR alone does the same.
  --store URL           the same into a remote SPARQL + Graph Store Protocol store (\`vivant serve --store\`)
  --lang en|fr          language of messages (default en; --messages: old spelling)
${REPORT_HELP}

Exit codes: 0 everything imported (and loaded); 1 some records rejected (listed; the others are
written), or the records have violations (nothing loaded); 2 unusable input (unreadable file,
not JSON/CSV, bad mapping file, a data directory in use, nothing to load).`;

const HELP_FR = `Usage : vivant import <artsdata|uitdatabank|csv|festivals|capdata> <fichier…> [options]

Lit le flux d'un pair ou un export dans le modèle de fiches de Vivant, en réparant ce que les données
réelles ont de faux (chaque correction comptée) et en listant chaque fiche rejetée avec sa raison.

  artsdata     vidages JSON-LD à la Artsdata (GTQ, CNA, Scènes francophones…) ; plusieurs fichiers permis
  uitdatabank  JSON UiTdatabank : documents d'événements, de lieux et d'organisateurs, ou une réponse de recherche
  csv          un export de billetterie, lu au travers d'un fichier de correspondance des colonnes (--map)
  festivals    le CSV « Liste des festivals en France » du ministère de la Culture
  capdata      un export CapData Culture en RDF/XML (le capdata-export.rdf d'une maison d'opéra)

Options :
  --map FICHIER         csv : le fichier de correspondance des colonnes (voir fixtures/import/mapping.json)
  --publisher ID        identifiant de l'éditeur (csv : remplace celui du fichier ; festivals : festivals-culture-gouv par défaut)
  --base-iri IRI        IRI de base de l'éditeur (https://vivant.dev/publishers/ID/ par défaut)
  --licence CLÉ|IRI     licence des données (par défaut : aucune déclarée ; festivals : etalab-2.0)
  --name TEXTE          nom de l'éditeur
  --default-lang TAG    artsdata : langue des textes sans étiquette (und par défaut ; s'appelait --lang avant la 0.2.0)
  --window DU/AU        uitdatabank : dates où déplier les horaires des événements permanents (2026-09-01/2026-12-31)
  --capdata-namespace IRI  capdata : l'espace de noms de l'ontologie dans le fichier (par défaut : celui,
                        PROVISOIRE, qu'écrit l'export de Vivant, https://vivant.dev/ns/capdata-provisional#)
  --country CODE        capdata : pays ISO des adresses (le modèle n'en a pas ; sans lui une adresse reste
                        un seul texte, aucun pays n'est deviné)
  -o, --output FICHIER  écrit le document de fiches (par défaut : la sortie standard)
  --report FICHIER      écrit corrections, problèmes et rejets en JSON (par défaut : SORTIE.report.json avec -o)
  --load --data DOSSIER traduit les fiches, les valide avec le profil core et, seulement sans aucune
                        violation, remplace le graphe de l'éditeur dans le dossier de données DOSSIER (celui
                        que sert \`vivant serve --data\`) ; sinon rien n'est écrit et le rapport est affiché,
                        comme le fait \`vivant load\`. --data DOSSIER seul fait de même.
  --store URL           la même chose dans un stock distant SPARQL + Graph Store Protocol (\`vivant serve --store\`)
  --lang en|fr          langue des messages (en par défaut ; --messages : ancienne graphie)
${REPORT_HELP_FR}

Codes de sortie : 0 tout importé (et chargé) ; 1 des fiches rejetées (listées ; les autres sont
écrites), ou les fiches ont des violations (rien de chargé) ; 2 entrée inutilisable (fichier illisible,
pas du JSON/CSV, fichier de correspondance faux, dossier de données pris, rien à charger).`;

async function readText(cwd: string, file: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), "utf8");
  } catch (e) {
    throw new InputError("io/read", tx("io/read", { path: file, reason: (e as Error).message }), {
      hint: tx("io/read.hint"),
    });
  }
}

/** A JSON input file, read as a stream (an export of any size). */
function readJson(cwd: string, file: string): Promise<unknown> {
  return readJsonFile(resolve(cwd, file), file, "io/not-json");
}

export const importCommand: Command = {
  name: "import",
  summary: {
    en: "import Artsdata dumps, UiTdatabank JSON, ticketing CSV, the festivals CSV or a CapData Culture export as records",
    fr: "importer des vidages Artsdata, du JSON UiTdatabank, un CSV de billetterie, le CSV des festivals ou un export CapData Culture en fiches",
  },
  help: { en: HELP, fr: HELP_FR },
  async run(argv, io) {
    const { values, positionals, lang } = parseOptions(
      argv,
      {
        map: { type: "string" },
        publisher: { type: "string" },
        "base-iri": { type: "string" },
        licence: { type: "string" },
        name: { type: "string" },
        "default-lang": { type: "string" },
        window: { type: "string" },
        "capdata-namespace": { type: "string" },
        country: { type: "string" },
        output: { type: "string", short: "o" },
        report: { type: "string" },
        load: { type: "boolean" },
        data: { type: "string" },
        store: { type: "string" },
        ...REPORT_OPTIONS,
      },
      "import",
      { langRenamed: "--default-lang" },
    );
    const s = (v: unknown) => (typeof v === "string" ? v : undefined);
    const [kindArg, ...files] = positionals;
    const kind = oneOf(kindArg, KINDS, "artsdata", "<kind>");
    if (kindArg === undefined || files.length === 0)
      throw new InputError("cli/usage", tx("cli/need-kind-and-file"), {
        hint: tx("cli/example", { example: "vivant import festivals festivals.csv -o festivals.json" }),
      });
    const data = s(values.data);
    const store = s(values.store);
    if (values.load && data === undefined && store === undefined)
      throw new InputError("cli/usage", tx("cli/load-needs-data"), {
        hint: tx("cli/example", { example: "vivant import … --load --data ./data" }),
      });
    const dataDir = data !== undefined ? resolve(io.cwd, data) : undefined;
    const publisherOf = (fallback?: PublisherOptions): PublisherOptions => {
      const id = s(values.publisher) ?? fallback?.id;
      if (!id)
        throw new InputError("cli/usage", tx("cli/need-publisher"), {
          hint: tx("cli/example", { example: "vivant import … --publisher gtq" }),
        });
      const name = s(values.name);
      return {
        ...(fallback && fallback.id === id ? fallback : {}),
        id,
        ...(name ? { name: { und: name } } : {}),
        ...(s(values["base-iri"]) ? { baseIri: s(values["base-iri"])! } : {}),
        ...(s(values.licence) ? { licence: s(values.licence)! } : {}),
      };
    };

    // Lock first: an import into a directory a server is using must fail before the work, not after.
    const writer = await openGraphTarget(dataDir, store, (w, text) =>
      io.stderr.write(`${t("cli/warning", { detail: warningIn(w, text, lang) }, lang)}\n`),
    );
    try {
      const progress = new Progress({
        stream: io.stderr,
        isTTY: io.isTTY,
        unit: t(
          kind === "artsdata" ? "unit/documents" : kind === "uitdatabank" ? "unit/events" : "unit/rows",
          {},
          lang,
        ),
        lang,
      });
      let result: ImportResult;
      if (kind === "artsdata") {
        const inputs: unknown[] = [];
        for (const f of files) inputs.push(await readJson(io.cwd, f));
        result = await importArtsdata(inputs, {
          publisher: publisherOf(),
          ...(s(values["default-lang"]) ? { defaultLanguage: s(values["default-lang"])! } : {}),
          onProgress: (done, total) => progress.update(done, total),
        });
        progress.done();
      } else if (kind === "uitdatabank") {
        const inputs: unknown[] = [];
        for (const f of files) inputs.push(await readJson(io.cwd, f));
        const w = s(values.window);
        const m = w === undefined ? undefined : /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(w);
        if (w !== undefined && !m)
          throw new InputError("cli/bad-option", tx("cli/bad-window", { value: w }), {
            hint: tx("cli/example", { example: "--window 2026-09-01/2026-12-31" }),
          });
        result = importUitdatabank(inputs, {
          publisher: publisherOf(),
          ...(m ? { permanentWindow: { from: m[1]!, to: m[2]! } } : {}),
          onProgress: (done, total) => progress.update(done, total),
        });
        progress.done();
      } else if (kind === "csv") {
        const mapPath = s(values.map);
        if (!mapPath)
          throw new InputError("cli/usage", tx("cli/csv-needs-map"), {
            hint: tx("cli/see-file", { file: "fixtures/import/mapping.json" }),
          });
        const mapping = parseCsvMapping(await readJson(io.cwd, mapPath));
        if (files.length !== 1)
          throw new InputError("cli/usage", tx("cli/reads-one-file", { kind: "csv" }), {
            hint: tx("cli/example", { example: "vivant import csv export.csv --map mapping.json" }),
          });
        result = importCsv(await readText(io.cwd, files[0]!), {
          mapping,
          ...(s(values.publisher) ? { publisher: publisherOf(mapping.publisher) } : {}),
          onProgress: (done, total) => progress.update(done, total),
        });
        progress.done();
      } else if (kind === "capdata") {
        if (files.length !== 1)
          throw new InputError("cli/usage", tx("cli/reads-one-file", { kind: "capdata" }), {
            hint: tx("cli/example", {
              example: "vivant import capdata capdata-export.rdf --publisher opera --country FR",
            }),
          });
        const country = s(values.country);
        if (country !== undefined && !/^[A-Z]{2}$/.test(country))
          throw new InputError(
            "cli/bad-option",
            tx("cli/not-one-of", { option: "--country", value: country, allowed: "ISO 3166-1 alpha-2 (FR, BE, CH…)" }),
            { hint: tx("cli/not-one-of.hint", { option: "--country", example: "FR" }) },
          );
        result = importCapData(await readText(io.cwd, files[0]!), {
          publisher: publisherOf(),
          ...(s(values["capdata-namespace"]) ? { namespace: s(values["capdata-namespace"])! } : {}),
          ...(country ? { country } : {}),
        });
      } else {
        if (files.length !== 1)
          throw new InputError("cli/usage", tx("cli/reads-one-file", { kind: "festivals" }), {
            hint: tx("cli/example", { example: "vivant import festivals festivals.csv" }),
          });
        result = importFestivals(await readText(io.cwd, files[0]!), {
          publisher: publisherOf(FESTIVALS_PUBLISHER),
          onProgress: (done, total) => progress.update(done, total),
        });
        progress.done();
      }

      for (const p of result.problems) if (p.severity !== "info") io.stderr.write(`${formatProblem(p, lang)}\n`);
      const out = `${JSON.stringify(result.document, null, 2)}\n`;
      const output = s(values.output);
      if (output !== undefined) {
        const target = resolve(io.cwd, output);
        await writeOutputFile(target, out);
      } else if (!writer) io.stdout.write(out);
      const reportPath = s(values.report) ?? (output !== undefined ? `${output}.report.json` : undefined);
      const writeReport = (load?: Record<string, unknown>) =>
        writeFile(
          resolve(io.cwd, reportPath!),
          `${JSON.stringify(
            {
              read: result.read,
              unit: result.unit,
              fixes: result.fixes.toJSON(),
              ledger: result.ledger.toJSON(),
              ...(result.repairedCells ? { repairedCells: result.repairedCells } : {}),
              rejected: result.rejected,
              rejectionsByReason: Object.fromEntries(countByCode(result.problems, "violation")),
              problems: result.problems,
              ...(load ? { load } : {}),
            },
            null,
            2,
          )}\n`,
        );
      // Written before the load too: a load that throws (unusable input) still leaves the import's own report.
      if (reportPath !== undefined) await writeReport();
      const entities = Object.fromEntries(COLLECTIONS.map((c) => [c, (result.document[c] ?? []).length]));
      let loadExit: number = EXIT.ok;
      // Input read but nothing in it is a record (raw JSON given to the JSON-LD importer, say): said, not silent.
      if (!writer && result.read > 0 && Object.values(entities).every((n) => n === 0)) {
        io.stderr.write(`vivant import: ${t("cli/import-no-entities", { read: result.read }, lang)}\n`);
      }
      if (writer && Object.values(entities).every((n) => n === 0)) {
        io.stderr.write(`vivant import: ${t("cli/import-nothing-to-load", {}, lang)}\n`);
        loadExit = EXIT.unusable;
      } else if (writer) {
        const validating = new Progress({
          stream: io.stderr,
          isTTY: io.isTTY,
          unit: t("unit/nodes-validated", {}, lang),
          lang,
        });
        const outcome = await loadValidated(
          writer,
          { records: result.document },
          {
            publisherId: result.document.publisher.id,
            source: files.join(" "),
            onValidate: (done, total) => validating.update(done, total),
          },
        );
        validating.done();
        loadExit = writeLoadOutcome(io, "import", outcome, lang, writer.where, reportOptions(values));
        if (reportPath !== undefined) await writeReport(loadSummary(outcome));
      }
      // Without --load, the records still go through load's own checks (the same prepareGraph: mapping, record
      // checks, core profile, ownership of subjects), so that an import that exits 0 always loads.
      let checkExit: number = EXIT.ok;
      if (!writer && Object.values(entities).some((n) => n > 0)) {
        const prepared = await prepareGraph([{ records: result.document, source: files.join(" ") }], {
          publisherId: result.document.publisher.id,
          source: files.join(" "),
        });
        if (!prepared.ok) {
          io.stderr.write(
            `${formatReportBounded(prepared.report, { lang, source: files.join(" "), problems: prepared.recordProblems, notes: prepared.notes, ...reportOptions(values) })}\n`,
          );
          const records = prepared.recordProblems.some((p) => p.severity === "violation")
            ? t("cli/and-rejected-records", {}, lang)
            : "";
          io.stderr.write(
            `vivant import: ${plural(t("cli/import-would-refuse", { violations: prepared.report.violations, records }, lang), prepared.report.violations, lang)}\n`,
          );
          checkExit = EXIT.rejected;
        }
        if (reportPath !== undefined) {
          await writeReport({
            checked: true,
            violations: prepared.report.violations,
            warnings: prepared.report.warnings,
            refused: [
              ...prepared.recordProblems
                .filter((p) => p.severity === "violation")
                .map((p) => ({ code: p.code, path: p.path, recordId: p.recordId })),
              ...prepared.report.issues
                .filter((i) => i.severity === "violation")
                .map((i) => ({ code: i.code, path: i.field, recordId: i.recordId })),
            ],
          });
        }
      }
      io.stderr.write(
        `${formatSummary(
          {
            read: [[t(`summary/read.${result.unit}`, {}, lang), result.read]],
            entities,
            fixes: result.fixes,
            rejections: countByCode(result.problems, "violation"),
            ledger: result.ledger,
          },
          lang,
        )}\n`,
      );
      return Math.max(loadExit, checkExit, result.rejected.length > 0 ? EXIT.rejected : EXIT.ok);
    } finally {
      await writer?.close();
    }
  },
};
