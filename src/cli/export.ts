// `vivant export ical`: the performances of a data directory matching a typed question, as an iCalendar feed
// (the same feed as the server's /api/performances.ics, from the same question and the same code);
// `vivant export capdata`: one publisher's graph in the CapData Culture model (src/cli/export-capdata.ts).

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { InputError } from "../errors.js";
import { PerformanceIndex } from "../query/perf-index.js";
import { FILTER_PARAMS, filterFromParams } from "../server/api.js";
import { GraphStore } from "../store/graph-store.js";
import { icalFeed } from "../export/ical-feed.js";
import { langFromArgv, parseOptions } from "./args.js";
import { EXIT, type Command } from "./io.js";
import { plural, t, tx } from "../i18n.js";
import { runExportCapData } from "./export-capdata.js";

/**
 * The question's options: /api/performances' parameters (FILTER_PARAMS, one list for both) in the CLI's
 * kebab-case, plus production and series. `--lang` is every command's language of messages, so the language of
 * the performances is `--in-language` (the API's `lang`).
 */
const OPTION_OF: Partial<Record<(typeof FILTER_PARAMS)[number], string>> = {
  maxPrice: "max-price",
  lang: "in-language",
};
const FILTERS: readonly (readonly [option: string, param: string])[] = [
  ...FILTER_PARAMS.map((p) => [OPTION_OF[p] ?? p, p] as const),
  ["production", "production"],
  ["series", "series"],
];

const HELP = `Usage: vivant export ical --data DIR [question options] [-o FILE]
       vivant export capdata --data DIR [--publisher ID] [-o FILE] [--capdata-namespace IRI] [--capdata-publisher IRI]

Writes the performances of a data directory that match a typed question as an iCalendar (RFC 5545) feed: the
same feed as GET /api/performances.ics on a server of that directory, with the same options as its parameters.

Options:
  --data DIR            data directory (read only; a running server's directory may be read)
  -o, --output FILE     write the feed there (default: standard output)
  --from, --to DATE     date range (YYYY-MM-DD or a date-time)
  --city, --region, --near LAT,LON,KM, --genre, --type, --venue IRI, --performer IRI,
  --accessibility, --free true|false, --max-price N, --q WORDS, --tz ZONE
  --in-language TAG     performances in this language (BCP 47: fr also matches fr-CA; the API's lang)
  --production IRI      only the performances of this production
  --series IRI          only the performances of this series (festival, cycle)
  --lang en|fr          language of the texts picked and of the feed's sentences

export capdata writes one publisher's graph in the CapData Culture model as RDF/XML (the same file as
\`GET /.well-known/capdata-export.rdf?publisher=ID\`): French texts only, dates in UTC, what the model has no
place for (prices, tickets, halls, accessibility…) left out and listed on standard error.
  --publisher ID        the publisher (its id, its dataset id in /dumps/, or its graph IRI); needed
                        when the directory holds several graphs
  --capdata-namespace IRI  the ontology's namespace (default: a PROVISIONAL one, the real one being
                        unpublished: https://vivant.dev/ns/capdata-provisional#)
  --capdata-publisher IRI  the publishing organisation's IRI on the CapData platform (default: the
                        graph's own publisher node)
`;

const HELP_FR = `Usage : vivant export ical --data DOSSIER [options de la question] [-o FICHIER]
        vivant export capdata --data DOSSIER [--publisher ID] [-o FICHIER] [--capdata-namespace IRI] [--capdata-publisher IRI]

Écrit les représentations d'un dossier de données qui répondent à une question typée en flux iCalendar
(RFC 5545) : le même flux que GET /api/performances.ics sur un serveur de ce dossier, avec les mêmes options
que ses paramètres.

Options :
  --data DOSSIER        dossier de données (lu seulement ; le dossier d'un serveur lancé peut être lu)
  -o, --output FICHIER  écrit le flux dans FICHIER (par défaut : la sortie standard)
  --from, --to DATE     période (AAAA-MM-JJ ou une date-heure)
  --city, --region, --near LAT,LON,KM, --genre, --type, --venue IRI, --performer IRI,
  --accessibility, --free true|false, --max-price N, --q MOTS, --tz FUSEAU
  --in-language TAG     représentations dans cette langue (BCP 47 : fr couvre aussi fr-CA ; lang de l'API)
  --production IRI      seulement les représentations de cette production
  --series IRI          seulement les représentations de cette série (festival, cycle)
  --lang en|fr          langue des textes choisis et des phrases du flux

export capdata écrit le graphe d'un éditeur dans le modèle CapData Culture, en RDF/XML (le même fichier que
\`GET /.well-known/capdata-export.rdf?publisher=ID\`) : textes en français seulement, dates en UTC, ce que le
modèle ne prévoit pas (tarifs, billetterie, salles, accessibilité…) laissé de côté et listé sur la sortie
d'erreur.
  --publisher ID        l'éditeur (son identifiant, celui de son jeu dans /dumps/, ou l'IRI de son
                        graphe) ; nécessaire quand le dossier contient plusieurs graphes
  --capdata-namespace IRI  l'espace de noms de l'ontologie (par défaut : un espace PROVISOIRE, le vrai
                        n'étant pas publié : https://vivant.dev/ns/capdata-provisional#)
  --capdata-publisher IRI  l'IRI de l'organisme éditeur sur la plateforme CapData (par défaut : le nœud
                        éditeur du graphe)
`;

export const exportCommand: Command = {
  name: "export",
  summary: {
    en: "export performances as an iCalendar feed (vivant export ical), or a publisher's graph in the CapData Culture model (vivant export capdata)",
    fr: "exporter des représentations en flux iCalendar (vivant export ical), ou le graphe d'un éditeur dans le modèle CapData Culture (vivant export capdata)",
  },
  help: { en: HELP, fr: HELP_FR },
  async run(argv, io) {
    const options = Object.fromEntries(FILTERS.map(([o]) => [o, { type: "string" as const }]));
    const capdata = {
      publisher: { type: "string" as const },
      "capdata-namespace": { type: "string" as const },
      "capdata-publisher": { type: "string" as const },
    };
    const { values, positionals, lang } = parseOptions(
      argv,
      { ...options, ...capdata, data: { type: "string" }, output: { type: "string", short: "o" } },
      "export",
    );
    if (positionals[0] === "capdata" && positionals.length === 1) {
      if (typeof values.data !== "string")
        throw new InputError("cli/usage", tx("export/needs-data"), {
          hint: tx("cli/example", { example: "vivant export capdata --data ./data --publisher ID" }),
        });
      const str = (k: string): string | undefined => (typeof values[k] === "string" ? values[k] : undefined);
      return runExportCapData(
        {
          data: values.data,
          ...(str("publisher") !== undefined ? { publisher: str("publisher")! } : {}),
          ...(str("output") !== undefined ? { output: str("output")! } : {}),
          ...(str("capdata-namespace") !== undefined ? { namespace: str("capdata-namespace")! } : {}),
          ...(str("capdata-publisher") !== undefined ? { publisherIri: str("capdata-publisher")! } : {}),
        },
        io,
        lang,
      );
    }
    if (positionals[0] !== "ical" || positionals.length !== 1) {
      throw new InputError(
        "cli/usage",
        positionals[0] === undefined
          ? tx("export/what")
          : tx("export/cannot", { what: JSON.stringify(positionals.join(" ")) }),
        { hint: tx("cli/example", { example: "vivant export ical --data ./data" }) },
      );
    }
    if (typeof values.data !== "string")
      throw new InputError("cli/usage", tx("export/needs-data"), {
        hint: tx("cli/example", { example: "vivant export ical --data ./data" }),
      });
    const params = new URLSearchParams();
    for (const [o, p] of FILTERS) if (typeof values[o] === "string") params.set(p, values[o]);
    const filter = filterFromParams(params, ["production", "series"]);
    const store = await GraphStore.open({ dataDir: resolve(io.cwd, values.data), readOnly: true });
    try {
      const index = PerformanceIndex.build(
        (q) => store.selectSync(q),
        (q) => store.selectRowsSync(q),
      );
      const source = {
        page: async (f: typeof filter, p: { limit?: number; cursor?: string }) => index.page(f, p),
        select: (q: string) => store.select(q),
      };
      const production = params.get("production") || undefined;
      const series = params.get("series") || undefined;
      const { text, events, truncated } = await icalFeed(
        source,
        filter,
        { ...(production ? { production } : {}), ...(series ? { series } : {}) },
        { lang: langFromArgv(argv), name: "Vivant" },
      );
      if (typeof values.output === "string") writeFileSync(resolve(io.cwd, values.output), text);
      else io.stdout.write(text);
      io.stderr.write(
        `${plural(t("export/count", { count: events }, lang), events, lang)}${truncated ? t("export/truncated", {}, lang) : ""}\n`,
      );
      return EXIT.ok;
    } finally {
      await store.close();
    }
  },
};
