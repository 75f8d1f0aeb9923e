// `vivant harvest <url|sitemap.xml…> --publisher ID`: fetch pages politely, keep their programme,
// write it as N-Quads and/or load it (validated, as `vivant load` does) into the publisher's graph,
// report per URL and in a summary.

import { resolve } from "node:path";
import { InputError, warningIn } from "../errors.js";
import { harvest } from "../harvest/harvest.js";
import { openGraphTarget, publisherGraph } from "../ingest/index.js";
import { publisherGraphIri } from "../mapping/iri.js";
import type { GraphInfo } from "../store/types.js";
import { t, tx } from "../i18n.js";
import { parseHarvestArgs, type HarvestRun } from "./harvest/options.js";
import { writeHarvestOutcome, type HarvestTarget } from "./harvest/outcome.js";
import { REPORT_HELP, REPORT_HELP_FR } from "./report.js";
import { progressOn, type Command } from "./io.js";

// `vivant import` prints and reports its load the same way.
export { loadSummary, writeLoadOutcome } from "./harvest/outcome.js";

const HELP = `Usage: vivant harvest <url|sitemap.xml>… --publisher ID [options]

Fetches venue pages (or every page of a sitemap), extracts their <script type="application/ld+json">
blocks, repairs the markup (each fix counted), keeps events, places, organizations, people and offers
with their provenance (prov:wasDerivedFrom the page; the page vivant:fetchedAt the fetch time).

With --data, the harvest is validated with the core profile and, only when it has no violation,
replaces the publisher's graph whole in the data directory (the one \`vivant serve --data\` serves);
with violations nothing is written and the report is printed, as \`vivant load\` does.

Options:
  --publisher ID          whose graph the harvest fills (required)
  --data DIR              validate, then replace the publisher's graph in the data directory DIR
  --store URL             the same in a remote SPARQL + Graph Store Protocol store (\`vivant serve --store\`)
  --load                  (with --data) the same; kept for older scripts
  --base-iri IRI          the publisher's base IRI; its graph is IRI + "graph" (default: the
                          publisher's current graph, else https://vivant.dev/publishers/ID/graph)
  --licence KEY|IRI       licence of the harvested data (default: the publisher's current graph's,
                          else none declared)
  --namespace IRI         (repeatable) a namespace the publisher's graph may describe besides its
                          base IRI; the origins of the URLs given are always registered (a graph
                          speaks only about its own resources: pages keep their own IRIs)
  -o, --output FILE       write the harvested graph as N-Quads (atomically), valid or not
  --report FILE           write every failure and problem as JSON
  --timeout MS            per URL: redirects, retries, body and sitemap reading included (default 15000)
  --max-bytes N           largest page read (default 5242880)
  --max-redirects N       (default 5)
  --delay MS              least time between two requests to one host (default 1000)
  --host-concurrency N    requests in flight to one host (default 2)
  --concurrency N         pages in flight overall (default 8)
  --max-pages N           (default 10000)
  --no-robots             do not read robots.txt (only for your own sites)
  --allow-private         also fetch loopback, private (10/8, 172.16/12, 192.168/16), link-local,
                          unique-local (fc00::/7) and other non-public addresses: your own intranet.
                          Without it such URLs, redirects to them and names resolving to them fail
                          with private-address
  --retries N             retries of a 429 or 503 answer, after its Retry-After, within --timeout
                          (default 2)
  --lang en|fr            language of messages (default en; --messages: old spelling)
${REPORT_HELP}

Exit codes: 0 every URL harvested (and loaded); 1 some URLs failed or blocks were rejected (the
rest is written), or the harvest has violations (nothing loaded); 2 unusable input (no URL, bad
option, a data directory in use, nothing harvested).`;

const HELP_FR = `Usage : vivant harvest <url|sitemap.xml>… --publisher ID [options]

Récupère des pages de lieux (ou chaque page d'un plan de site), en extrait les blocs
<script type="application/ld+json">, répare le balisage (chaque correction comptée), garde événements,
lieux, organisations, personnes et offres avec leur provenance (prov:wasDerivedFrom la page ; la page
vivant:fetchedAt l'heure de la récupération).

Avec --data, la moisson est validée avec le profil core et, seulement sans aucune violation, remplace
en entier le graphe de l'éditeur dans le dossier de données (celui que sert \`vivant serve --data\`) ;
avec des violations rien n'est écrit et le rapport est affiché, comme le fait \`vivant load\`.

Options :
  --publisher ID          l'éditeur dont la moisson remplit le graphe (obligatoire)
  --data DOSSIER          valide, puis remplace le graphe de l'éditeur dans le dossier de données DOSSIER
  --store URL             la même chose dans un stock distant SPARQL + Graph Store Protocol (\`vivant serve --store\`)
  --load                  (avec --data) la même chose ; gardé pour les anciens scripts
  --base-iri IRI          l'IRI de base de l'éditeur ; son graphe est IRI + « graph » (par défaut : le
                          graphe actuel de l'éditeur, sinon https://vivant.dev/publishers/ID/graph)
  --licence CLÉ|IRI       licence des données moissonnées (par défaut : celle du graphe actuel de
                          l'éditeur, sinon aucune déclarée)
  --namespace IRI         (répétable) un espace de noms que le graphe de l'éditeur peut décrire en plus de
                          son IRI de base ; les origines des URL données sont toujours enregistrées (un
                          graphe ne parle que de ses propres ressources : les pages gardent leurs IRI)
  -o, --output FICHIER    écrit le graphe moissonné en N-Quads (de façon atomique), valide ou non
  --report FICHIER        écrit chaque échec et chaque problème en JSON
  --timeout MS            par URL : redirections, nouvelles tentatives, lecture du corps et du plan de site
                          comprises (15000 par défaut)
  --max-bytes N           plus grande page lue (5242880 par défaut)
  --max-redirects N       (5 par défaut)
  --delay MS              délai minimal entre deux requêtes à un même hôte (1000 par défaut)
  --host-concurrency N    requêtes en cours vers un même hôte (2 par défaut)
  --concurrency N         pages en cours en tout (8 par défaut)
  --max-pages N           (10000 par défaut)
  --no-robots             ne lit pas robots.txt (seulement pour vos propres sites)
  --allow-private         récupère aussi les adresses de bouclage, privées (10/8, 172.16/12, 192.168/16),
                          lien-local, unique-local (fc00::/7) et autres adresses non publiques : votre
                          intranet. Sans elle, ces URL, les redirections vers elles et les noms qui s'y
                          résolvent échouent en private-address
  --retries N             nouvelles tentatives après un 429 ou un 503, après son Retry-After, dans le
                          --timeout (2 par défaut)
  --lang en|fr            langue des messages (en par défaut ; --messages : ancienne graphie)
${REPORT_HELP_FR}

Codes de sortie : 0 chaque URL moissonnée (et chargée) ; 1 des URL en échec ou des blocs rejetés (le reste
est écrit), ou la moisson a des violations (rien de chargé) ; 2 entrée inutilisable (aucune URL, option
fausse, dossier de données pris, rien de moissonné).`;

export const harvestCommand: Command = {
  name: "harvest",
  summary: {
    en: "harvest schema.org JSON-LD from venue pages and sitemaps into a publisher's graph",
    fr: "moissonner le JSON-LD schema.org des pages de lieux et des plans de site dans le graphe d'un éditeur",
  },
  help: { en: HELP, fr: HELP_FR },
  async run(argv, io) {
    const run = parseHarvestArgs(argv);
    const { lang } = run;
    const dataDir = run.data !== undefined ? resolve(io.cwd, run.data) : undefined;
    // Lock first: a harvest into a directory a server is using must fail before the fetching, not after.
    const writer = await openGraphTarget(dataDir, run.store, (w, text) =>
      io.stderr.write(`${t("cli/warning", { detail: warningIn(w, text, lang) }, lang)}\n`),
    );
    try {
      const { known, graphIri } = harvestGraph(run, writer);
      const progress = progressOn(io, "unit/urls", lang);
      const result = await harvest(run.urls, {
        policy: run.policy,
        ...(run.concurrency !== undefined ? { concurrency: run.concurrency } : {}),
        ...(run.maxPages !== undefined ? { maxPages: run.maxPages } : {}),
        onProgress: (p) =>
          progress.update(p.done, p.total, {
            [t("counter/entities", {}, lang)]: p.entities,
            [t("counter/failed", {}, lang)]: p.failures,
          }),
      });
      progress.done();
      return await writeHarvestOutcome({ run, io, result, writer, known, graphIri });
    } finally {
      await writer?.close();
    }
  },
};

/**
 * The graph the harvest replaces, and the publisher's current one. One graph per publisher: without --base-iri a
 * publisher that has a graph keeps it; with one, it must be that graph.
 */
function harvestGraph(
  run: HarvestRun,
  writer: HarvestTarget | undefined,
): { known: GraphInfo | undefined; graphIri: string } {
  const { id, baseIri } = run;
  const known = writer ? publisherGraph(writer, id) : undefined;
  const graphIri = baseIri === undefined && known ? known.graphIri : publisherGraphIri(run.publisher);
  if (known && known.graphIri !== graphIri) {
    throw new InputError(
      "load/publisher-graph-mismatch",
      tx("load/publisher-graph-mismatch", { publisher: id, graph: known.graphIri, asked: graphIri }),
      {
        hint: tx("load/publisher-graph-mismatch.harvest-hint", { graph: known.graphIri }),
      },
    );
  }
  return { known, graphIri };
}
