// `vivant import <artsdata|uitdatabank|csv|festivals> <file…>`: peers' feeds and exports → a record
// document (-o) and a rejection report, optionally mapped, validated and loaded into the store (as `vivant load`).
// This entry point parses the options and opens the target; import/read.ts reads each kind's input,
// import/outcome.ts writes what came of it.

import { resolve } from "node:path";
import { InputError, warningIn } from "../errors.js";
import { openGraphTarget } from "../ingest/index.js";
import { REPORT_HELP, REPORT_HELP_FR, REPORT_OPTIONS } from "./report.js";
import { t, tx } from "../i18n.js";
import { oneOf, parseOptions } from "./args.js";
import { progressOn, type Command } from "./io.js";
import { writeOutcome } from "./import/outcome.js";
import { KINDS, readImport, str as s, type ImportRun } from "./import/read.js";

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
    const run: ImportRun = { io, values, lang, kind, files };

    // Lock first: an import into a directory a server is using must fail before the work, not after.
    const writer = await openGraphTarget(dataDir, store, (w, text) =>
      io.stderr.write(`${t("cli/warning", { detail: warningIn(w, text, lang) }, lang)}\n`),
    );
    try {
      const progress = progressOn(
        io,
        kind === "artsdata" ? "unit/documents" : kind === "uitdatabank" ? "unit/events" : "unit/rows",
        lang,
      );
      return await writeOutcome(run, await readImport(run, progress), writer);
    } finally {
      await writer?.close();
    }
  },
};
