// `vivant export ical`: the performances of a data directory matching a typed question, as an iCalendar feed
// (the same feed as the server's /api/performances.ics, from the same question and the same code).

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { InputError } from "../errors.js";
import { performancesToIcal } from "../export/ical.js";
import { PerformanceIndex } from "../query/perf-index.js";
import { filterFromParams } from "../server/api.js";
import { GraphStore } from "../store/graph-store.js";
import { feedItems } from "../server/api.js";
import { langFromArgv, parseOptions } from "./args.js";
import { EXIT, type Command } from "./io.js";
import { plural, t, tx } from "../i18n.js";

/** The question's options, named as /api/performances' parameters (max-price for maxPrice). */
const FILTERS = ["from", "to", "city", "region", "near", "genre", "type", "venue", "performer", "accessibility", "free", "max-price", "q", "tz", "production", "series"] as const;

const HELP = `Usage: vivant export ical --data DIR [question options] [-o FILE]

Writes the performances of a data directory that match a typed question as an iCalendar (RFC 5545) feed: the
same feed as GET /api/performances.ics on a server of that directory, with the same options as its parameters.

Options:
  --data DIR            data directory (read only; a running server's directory may be read)
  -o, --output FILE     write the feed there (default: standard output)
  --from, --to DATE     date range (YYYY-MM-DD or a date-time)
  --city, --region, --near LAT,LON,KM, --genre, --type, --venue IRI, --performer IRI,
  --accessibility, --free true|false, --max-price N, --q WORDS, --tz ZONE
  --production IRI      only the performances of this production
  --series IRI          only the performances of this series (festival, cycle)
  --lang en|fr          language of the texts picked and of the feed's sentences
`;

const HELP_FR = `Usage : vivant export ical --data DOSSIER [options de la question] [-o FICHIER]

Écrit les représentations d'un dossier de données qui répondent à une question typée en flux iCalendar
(RFC 5545) : le même flux que GET /api/performances.ics sur un serveur de ce dossier, avec les mêmes options
que ses paramètres.

Options :
  --data DOSSIER        dossier de données (lu seulement ; le dossier d'un serveur lancé peut être lu)
  -o, --output FICHIER  écrit le flux dans FICHIER (par défaut : la sortie standard)
  --from, --to DATE     période (AAAA-MM-JJ ou une date-heure)
  --city, --region, --near LAT,LON,KM, --genre, --type, --venue IRI, --performer IRI,
  --accessibility, --free true|false, --max-price N, --q MOTS, --tz FUSEAU
  --production IRI      seulement les représentations de cette production
  --series IRI          seulement les représentations de cette série (festival, cycle)
  --lang en|fr          langue des textes choisis et des phrases du flux
`;

export const exportCommand: Command = {
  name: "export",
  summary: { en: "export performances as an iCalendar feed (vivant export ical)", fr: "exporter des représentations en flux iCalendar (vivant export ical)" },
  help: { en: HELP, fr: HELP_FR },
  async run(argv, io) {
    const options = Object.fromEntries(FILTERS.map((f) => [f, { type: "string" as const }]));
    const { values, positionals, lang } = parseOptions(argv, { ...options, data: { type: "string" }, output: { type: "string", short: "o" } }, "export");
    if (positionals[0] !== "ical" || positionals.length !== 1) {
      throw new InputError("cli/usage", positionals[0] === undefined ? tx("export/what") : tx("export/cannot", { what: JSON.stringify(positionals.join(" ")) }), { hint: tx("cli/example", { example: "vivant export ical --data ./data" }) });
    }
    if (typeof values.data !== "string") throw new InputError("cli/usage", tx("export/needs-data"), { hint: tx("cli/example", { example: "vivant export ical --data ./data" }) });
    const params = new URLSearchParams();
    for (const f of FILTERS) if (typeof values[f] === "string") params.set(f === "max-price" ? "maxPrice" : f, values[f]);
    const filter = filterFromParams(params, ["production", "series"]);
    const store = await GraphStore.open({ dataDir: resolve(io.cwd, values.data), readOnly: true });
    try {
      const index = PerformanceIndex.build((q) => store.selectSync(q), (q) => store.selectRowsSync(q));
      const source = { page: async (f: typeof filter, p: { limit?: number; cursor?: string }) => index.page(f, p), select: (q: string) => store.select(q) };
      const production = params.get("production") || undefined;
      const series = params.get("series") || undefined;
      const { items, truncated } = await feedItems(source, filter, { ...(production ? { production } : {}), ...(series ? { series } : {}) });
      const text = performancesToIcal(items, { lang: langFromArgv(argv), name: "Vivant", ...(filter.timeZone ? { timeZone: filter.timeZone } : {}) });
      if (typeof values.output === "string") writeFileSync(resolve(io.cwd, values.output), text);
      else io.stdout.write(text);
      io.stderr.write(`${plural(t("export/count", { count: items.length }, lang), items.length, lang)}${truncated ? t("export/truncated", {}, lang) : ""}\n`);
      return EXIT.ok;
    } finally {
      await store.close();
    }
  },
};
