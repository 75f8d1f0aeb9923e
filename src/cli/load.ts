// `vivant load`: records (mapped) or RDF/JSON-LD (parsed) → validated with the core profile → the publisher's
// graph replaced in a data directory. With violations nothing is written and the report is shown.

import { readdir, stat } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { InputError, type Lang, warningIn } from "../errors.js";
import { formatFromPath } from "../rdf/io.js";
import { ingest, openGraphTarget, type IngestInput, type LoadOutcome } from "../ingest/index.js";
import { readInputFile } from "./input-file.js";
import { formatReportBounded, reportJsonChunks } from "../validate/summary.js";
import { plural, t, tx } from "../i18n.js";
import { parseOptions, type Parsed } from "./args.js";
import { openOutput } from "./output.js";
import { REPORT_HELP, REPORT_HELP_FR, REPORT_OPTIONS, reportOptions } from "./report.js";
import { EXIT, nothingWritten, progressOn, type CliIo, type Command } from "./io.js";

/** Where `vivant load` and `vivant serve --data` keep graphs unless told otherwise. */
export const DEFAULT_DATA_DIR = "vivant-data";

const HELP = `Usage: vivant load <file|folder> [--publisher ID] [options]

Maps records (a Vivant record document) or parses RDF (.ttl .nt .nq .trig, JSON-LD .jsonld/.json),
validates the result with the core profile and replaces the publisher's graph in the data directory.
A folder loads all its files (recursively) into that one graph. With any violation nothing is written
and the report is printed.

Options:
  --publisher ID      the publisher (required for RDF; checked against the records' publisher)
  --data DIR          data directory (default ./${DEFAULT_DATA_DIR}; the one \`vivant serve --data\` serves)
  --store URL         write into a remote SPARQL + Graph Store Protocol store instead (\`vivant serve --store\`)
  --graph IRI         graph of RDF input (default: the publisher's current graph)
  --licence KEY|IRI   licence of RDF input (etalab-2.0, cc0-1.0, cc-by-4.0, cc-by-sa-4.0, odbl-1.0 or an IRI)
  --title TEXT        title of the graph in the catalog
  --namespace IRI     (repeatable) a namespace the publisher's graph may describe besides its base IRI
                      (the graph IRI without its final "graph"); default: the ones it registered before
  --lang en|fr        language of the report and messages (default en; --messages: old spelling)
${REPORT_HELP}
  --report FILE       write the full report as JSON (every issue and record problem, both languages)

A running server locks its data directory: send data to it with the Graph Store Protocol instead
(curl -X PUT … /graph-store?graph=…, see the README).

Exit codes: 0 loaded; 1 rejected (violations, nothing written); 2 unusable input.`;

const HELP_FR = `Usage : vivant load <fichier|dossier> [--publisher ID] [options]

Traduit des fiches (un document de fiches Vivant) ou lit du RDF (.ttl .nt .nq .trig, JSON-LD .jsonld/.json),
valide le résultat avec le profil core et remplace le graphe de l'éditeur dans le dossier de données.
Un dossier charge tous ses fichiers (récursivement) dans ce seul graphe. À la moindre violation rien
n'est écrit et le rapport est affiché.

Options :
  --publisher ID      l'éditeur (obligatoire pour du RDF ; comparé à l'éditeur des fiches)
  --data DOSSIER      dossier de données (./${DEFAULT_DATA_DIR} par défaut ; celui que sert \`vivant serve --data\`)
  --store URL         écrit plutôt dans un stock distant SPARQL + Graph Store Protocol (\`vivant serve --store\`)
  --graph IRI         graphe d'une entrée RDF (par défaut : le graphe actuel de l'éditeur)
  --licence CLÉ|IRI   licence d'une entrée RDF (etalab-2.0, cc0-1.0, cc-by-4.0, cc-by-sa-4.0, odbl-1.0 ou une IRI)
  --title TEXTE       titre du graphe dans le catalogue
  --namespace IRI     (répétable) un espace de noms que le graphe de l'éditeur peut décrire en plus de son
                      IRI de base (l'IRI du graphe sans son « graph » final) ; par défaut : ceux déjà enregistrés
  --lang en|fr        langue du rapport et des messages (en par défaut ; --messages : ancienne graphie)
${REPORT_HELP_FR}
  --report FICHIER    écrit le rapport complet en JSON (chaque problème et chaque problème de fiche, dans les deux langues)

Un serveur lancé verrouille son dossier de données : envoyez-lui les données par le Graph Store Protocol
(curl -X PUT … /graph-store?graph=…, voir le README).

Codes de sortie : 0 chargé ; 1 refusé (violations, rien d'écrit) ; 2 entrée inutilisable.`;

const EXTENSIONS = new Set([".json", ".jsonld", ".ttl", ".nt", ".nq", ".trig"]);

async function collect(path: string, out: string[]): Promise<void> {
  const s = await stat(path).catch((e: Error) => {
    throw new InputError("io/read", tx("io/read", { path, reason: e.message }), { hint: tx("io/read.hint") });
  });
  if (s.isDirectory()) {
    for (const name of (await readdir(path)).sort()) {
      if (name.startsWith(".")) continue;
      const child = join(path, name);
      const cs = await stat(child);
      if (cs.isDirectory()) await collect(child, out);
      else if (EXTENSIONS.has(name.slice(name.lastIndexOf(".")).toLowerCase())) out.push(child);
    }
  } else out.push(path);
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Where `vivant load` writes (--data or --store). */
type LoadTarget = NonNullable<Awaited<ReturnType<typeof openGraphTarget>>>;

export const loadCommand: Command = {
  name: "load",
  summary: {
    en: "validate records or RDF and replace a publisher's graph in the data directory",
    fr: "valider des fiches ou du RDF et remplacer le graphe d'un éditeur dans le dossier de données",
  },
  help: { en: HELP, fr: HELP_FR },
  async run(argv, io: CliIo) {
    const { values, positionals, lang } = parseOptions(
      argv,
      {
        publisher: { type: "string" },
        data: { type: "string" },
        store: { type: "string" },
        graph: { type: "string" },
        licence: { type: "string" },
        title: { type: "string" },
        namespace: { type: "string", multiple: true },
        ...REPORT_OPTIONS,
        report: { type: "string" },
      },
      "load",
    );
    const shown = reportOptions(values);
    const reportFile = typeof values.report === "string" ? values.report : undefined;
    if (positionals.length !== 1)
      throw new InputError("cli/usage", tx("cli/need-one-load"), {
        hint: tx("cli/example", { example: "vivant load season.json --publisher my-venue" }),
      });
    const root = resolve(io.cwd, positionals[0]!);
    const files = await readInputs(root, positionals[0]!, io, lang);

    const dataDir = resolve(io.cwd, str(values.data) ?? DEFAULT_DATA_DIR);
    // Lock first: a load into a directory a server is using must fail before the work, not after.
    const writer = (await openGraphTarget(
      str(values.store) === undefined ? dataDir : undefined,
      str(values.store),
      (w, text) => io.stderr.write(`${t("cli/warning", { detail: warningIn(w, text, lang) }, lang)}\n`),
    ))!;
    try {
      const source = files.length === 1 ? files[0]!.source : relative(io.cwd, root) || root;
      const { prepared, written: info } = await ingestFiles({ files, values, source, writer, io, lang });
      if (reportFile !== undefined)
        await writeJsonReport(io, reportFile, { source, prepared, written: info !== undefined });
      if (!info) {
        io.stdout.write(
          `${formatReportBounded(prepared.report, {
            lang,
            source,
            problems: prepared.recordProblems,
            notes: prepared.notes,
            ...shown,
            ...(reportFile !== undefined ? { reportFile } : {}),
          })}\n`,
        );
        io.stderr.write(`vivant load: ${nothingWritten(prepared, lang)}\n`);
        return EXIT.rejected;
      }
      io.stdout.write(
        `${t("cli/loaded", { triples: info.triples, graph: info.graphIri, publisher: info.publisherId, version: info.version, licence: info.licenceIri, dir: writer.where }, lang)}\n`,
      );
      return EXIT.ok;
    } finally {
      await writer.close();
    }
  },
};

/** Every input file under `root` (`given` on the command line), read; says how many and how large. */
async function readInputs(root: string, given: string, io: CliIo, lang: Lang): Promise<IngestInput[]> {
  const paths: string[] = [];
  await collect(root, paths);
  if (!paths.length)
    throw new InputError("load/no-input", tx("load/no-input-in", { path: given }), {
      hint: tx("load/no-input.hint", { extensions: [...EXTENSIONS].join(", ") }),
    });
  const files: IngestInput[] = [];
  let bytes = 0;
  for (const p of paths) {
    const source = relative(io.cwd, p) || p;
    bytes += (await stat(p)).size;
    const input = await readInputFile(p, source);
    if (!formatFromPath(p) && !("json" in input))
      io.stderr.write(`${t("cli/note-unknown-extension", { file: relative(io.cwd, p) }, lang)}\n`);
    files.push(input);
  }
  io.stderr.write(
    `${plural(t("cli/reading-files", { count: files.length, size: (bytes / 2 ** 20).toFixed(1) }, lang), files.length, lang)}\n`,
  );
  return files;
}

/** Validates the files as one graph with a progress line and, without violations, writes it to `writer`. */
async function ingestFiles(step: {
  files: readonly IngestInput[];
  values: Parsed["values"];
  source: string;
  writer: LoadTarget;
  io: CliIo;
  lang: Lang;
}): Promise<LoadOutcome> {
  const { values, io, lang } = step;
  const progress = progressOn(io, "unit/nodes-validated", lang);
  const publisher = str(values.publisher);
  return ingest(
    step.files,
    {
      ...(publisher !== undefined ? { publisherId: publisher } : {}),
      ...(str(values.graph) !== undefined ? { graphIri: str(values.graph)! } : {}),
      ...(str(values.licence) !== undefined ? { licence: str(values.licence)! } : {}),
      ...(str(values.title) !== undefined ? { title: str(values.title)! } : {}),
      ...(Array.isArray(values.namespace)
        ? { namespaces: values.namespace.filter((v): v is string => typeof v === "string") }
        : {}),
      source: step.source,
    },
    step.writer,
    {
      onValidate: (done, total) => progress.update(done, total),
      onPrepared: (p) => {
        progress.done();
        if (p.ok)
          io.stderr.write(
            `${plural(t("cli/validated-writing", { triples: p.size, warnings: p.report.warnings, graph: p.graphIri }, lang), p.report.warnings, lang)}\n`,
          );
      },
    },
  );
}

/** --report: the whole report as JSON, streamed to the file (left as it was when writing fails). */
async function writeJsonReport(
  io: CliIo,
  reportFile: string,
  load: { source: string; prepared: LoadOutcome["prepared"]; written: boolean },
): Promise<void> {
  const { prepared } = load;
  const out = openOutput(io, reportFile);
  const extra = {
    source: load.source,
    graphIri: prepared.graphIri,
    written: load.written,
    notes: prepared.notes,
    problems: prepared.recordProblems,
  };
  try {
    for (const chunk of reportJsonChunks(prepared.report, extra)) await out.write(chunk);
    await out.write("\n");
    await out.close();
  } catch (e) {
    await out.abort();
    throw e;
  }
}
