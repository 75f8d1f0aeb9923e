// `vivant harvest <url|sitemap.xml…> --publisher ID`: fetch pages politely, keep their programme,
// write it as N-Quads and/or load it (validated, as `vivant load` does) into the publisher's graph,
// report per URL and in a summary.

import { writeFile } from "node:fs/promises";
import { writeOutputFile } from "./output.js";
import { resolve } from "node:path";
import { InputError, formatProblem, type Lang, warningIn } from "../errors.js";
import { harvest, type PageFailure } from "../harvest/harvest.js";
import { loadValidated, openGraphTarget, publisherGraph, type LoadOutcome } from "../ingest/index.js";
import { countByCode } from "../harvest/problems.js";
import { formatSummary, Progress } from "../harvest/progress.js";
import { makePublisher } from "../import/types.js";
import { publisherGraphIri } from "../mapping/iri.js";
import { checkNamespace } from "../store/ownership.js";
import { serializeRdf } from "../rdf/io.js";
import { formatReportBounded, type SummaryOptions } from "../validate/summary.js";
import { plural, t, tx } from "../i18n.js";
import { parseOptions } from "./args.js";
import { REPORT_HELP, REPORT_HELP_FR, REPORT_OPTIONS, reportOptions } from "./report.js";
import { EXIT, nothingWritten, type CliIo, type Command } from "./io.js";

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

const int = (v: unknown, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new InputError(
      "cli/bad-option",
      tx("cli/not-whole-number-plain", { option: name, value: typeof v === "string" ? v : JSON.stringify(v) }),
      { hint: tx("cli/example", { example: `${name} 1000` }) },
    );
  return n;
};

/**
 * The namespaces a harvest registers: `--namespace` values (else the graph's registered ones), and the origin of
 * every URL given (the site harvested is the publisher's own; a page of another site is refused when loading).
 */
export function harvestNamespaces(
  urls: readonly string[],
  given: unknown,
  registered: readonly string[] | undefined,
): string[] {
  const out = Array.isArray(given) ? given.filter((v): v is string => typeof v === "string") : [...(registered ?? [])];
  out.forEach((ns, i) => checkNamespace(ns, `--namespace ${out.length > 1 ? `#${i + 1}` : ""}`.trim()));
  for (const u of urls) {
    let origin: string | undefined;
    try {
      origin = `${new URL(u).origin}/`;
    } catch {
      origin = undefined; // the harvest reports the URL
    }
    if (origin !== undefined && origin !== "null/" && !out.includes(origin)) out.push(origin);
  }
  return out;
}

export const harvestCommand: Command = {
  name: "harvest",
  summary: {
    en: "harvest schema.org JSON-LD from venue pages and sitemaps into a publisher's graph",
    fr: "moissonner le JSON-LD schema.org des pages de lieux et des plans de site dans le graphe d'un éditeur",
  },
  help: { en: HELP, fr: HELP_FR },
  async run(argv, io) {
    const { values, positionals, lang } = parseOptions(
      argv,
      {
        publisher: { type: "string" },
        "base-iri": { type: "string" },
        licence: { type: "string" },
        output: { type: "string", short: "o" },
        ...REPORT_OPTIONS,
        load: { type: "boolean" },
        data: { type: "string" },
        store: { type: "string" },
        report: { type: "string" },
        timeout: { type: "string" },
        "max-bytes": { type: "string" },
        "max-redirects": { type: "string" },
        delay: { type: "string" },
        "host-concurrency": { type: "string" },
        concurrency: { type: "string" },
        "max-pages": { type: "string" },
        "no-robots": { type: "boolean" },
        "allow-private": { type: "boolean" },
        retries: { type: "string" },
        namespace: { type: "string", multiple: true },
      },
      "harvest",
    );
    const s = (v: unknown) => (typeof v === "string" ? v : undefined);
    if (positionals.length === 0)
      throw new InputError("cli/usage", tx("cli/need-urls"), {
        hint: tx("cli/example", { example: "vivant harvest https://venue.example/sitemap.xml --publisher venue" }),
      });
    const id = s(values.publisher);
    if (!id)
      throw new InputError("cli/usage", tx("cli/need-publisher"), {
        hint: tx("cli/need-publisher.harvest-hint", { example: "grand-quai" }),
      });
    const data = s(values.data);
    const store = s(values.store);
    if (values.load && data === undefined && store === undefined)
      throw new InputError("cli/usage", tx("cli/load-needs-data"), {
        hint: tx("cli/example", { example: "vivant harvest … --data ./data" }),
      });
    if (data === undefined && store === undefined && !s(values.output))
      throw new InputError("cli/usage", tx("cli/nothing-to-write"), {
        hint: tx("cli/example", { example: "vivant harvest … -o harvest.nq" }),
      });
    const baseIri = s(values["base-iri"]);
    const licence = s(values.licence);
    const publisher = makePublisher({ id, ...(baseIri ? { baseIri } : {}), ...(licence ? { licence } : {}) });

    const policy = Object.fromEntries(
      Object.entries({
        timeoutMs: int(values.timeout, "--timeout"),
        maxBytes: int(values["max-bytes"], "--max-bytes"),
        maxRedirects: int(values["max-redirects"], "--max-redirects"),
        perHostDelayMs: int(values.delay, "--delay"),
        perHostConcurrency: int(values["host-concurrency"], "--host-concurrency"),
        robots: values["no-robots"] ? false : undefined,
        allowPrivate: values["allow-private"] ? true : undefined,
        maxRetries: int(values.retries, "--retries"),
      }).filter(([, v]) => v !== undefined),
    );
    const concurrency = int(values.concurrency, "--concurrency");
    const maxPages = int(values["max-pages"], "--max-pages");
    const dataDir = data !== undefined ? resolve(io.cwd, data) : undefined;
    // Lock first: a harvest into a directory a server is using must fail before the fetching, not after.
    const writer = await openGraphTarget(dataDir, store, (w, text) =>
      io.stderr.write(`${t("cli/warning", { detail: warningIn(w, text, lang) }, lang)}\n`),
    );
    try {
      // One graph per publisher: without --base-iri a publisher that has a graph keeps it; with one, it must be that graph.
      const known = writer ? publisherGraph(writer, id) : undefined;
      const graphIri = baseIri === undefined && known ? known.graphIri : publisherGraphIri(publisher);
      if (known && known.graphIri !== graphIri) {
        throw new InputError(
          "load/publisher-graph-mismatch",
          tx("load/publisher-graph-mismatch", { publisher: id, graph: known.graphIri, asked: graphIri }),
          {
            hint: tx("load/publisher-graph-mismatch.harvest-hint", { graph: known.graphIri }),
          },
        );
      }
      const progress = new Progress({ stream: io.stderr, isTTY: io.isTTY, unit: t("unit/urls", {}, lang), lang });
      const result = await harvest(positionals, {
        policy,
        ...(concurrency !== undefined ? { concurrency } : {}),
        ...(maxPages !== undefined ? { maxPages } : {}),
        onProgress: (p) =>
          progress.update(p.done, p.total, {
            [t("counter/entities", {}, lang)]: p.entities,
            [t("counter/failed", {}, lang)]: p.failures,
          }),
      });
      progress.done();
      for (const f of result.failures)
        io.stderr.write(`${t("cli/failed-url", { code: f.code, url: f.url, detail: failureText(f, lang) }, lang)}\n`);
      // The ledger's infos (what Vivant does not model) are in the summary's per-property lines.
      for (const p of result.problems)
        if (!(p.code === "import/not-carried" && p.severity === "info")) io.stderr.write(`${formatProblem(p, lang)}\n`);

      const output = s(values.output);
      if (output !== undefined) {
        const target = resolve(io.cwd, output);
        await writeOutputFile(target, await serializeRdf(result.quads, "nquads"));
      }
      let loadExit: number = EXIT.ok;
      let outcome: LoadOutcome | undefined;
      if (writer) {
        if (result.quads.length === 0) {
          io.stderr.write(`vivant harvest: ${t("cli/harvest-nothing", { graph: graphIri }, lang)}\n`);
          loadExit = EXIT.unusable;
        } else {
          const validating = new Progress({
            stream: io.stderr,
            isTTY: io.isTTY,
            unit: t("unit/nodes-validated", {}, lang),
            lang,
          });
          outcome = await loadValidated(
            writer,
            { quads: result.quads },
            {
              publisherId: id,
              graphIri,
              namespaces: harvestNamespaces(
                positionals,
                values.namespace,
                known?.graphIri === graphIri ? known.namespaces : undefined,
              ),
              // A declared licence wins; otherwise the publisher's current one, and for a new graph "none declared".
              ...(licence !== undefined ? { licence } : known ? {} : { licence: publisher.licence }),
              source: positionals.join(" "),
              onValidate: (done, total) => validating.update(done, total),
            },
          );
          validating.done();
          loadExit = writeLoadOutcome(io, "harvest", outcome, lang, writer.where, reportOptions(values));
        }
      }
      const report = s(values.report);
      if (report !== undefined) {
        await writeFile(
          resolve(io.cwd, report),
          `${JSON.stringify(
            {
              graphIri,
              pages: result.pages,
              failures: result.failures,
              problems: result.problems,
              fixes: result.fixes.toJSON(),
              ledger: result.ledger.toJSON(),
              entities: result.entities,
              dropped: Object.fromEntries(result.dropped),
              ...(outcome ? { load: loadSummary(outcome) } : {}),
            },
            null,
            2,
          )}\n`,
        );
      }
      io.stderr.write(
        `${formatSummary(
          {
            read: [
              [t("summary/urls-fetched", {}, lang), result.pages.length + result.failures.length],
              [t("summary/pages-read", {}, lang), result.pages.length],
              [t("summary/sitemaps-read", {}, lang), result.sitemaps],
            ],
            entities: result.entities,
            fixes: result.fixes,
            failures: [
              ...result.failures.reduce((m, f) => m.set(f.code, (m.get(f.code) ?? 0) + 1), new Map<string, number>()),
            ],
            rejections: countByCode(result.problems, "violation"),
            ledger: result.ledger,
          },
          lang,
        )}\n`,
      );
      const rejected = result.failures.length > 0 || result.problems.some((p) => p.severity === "violation");
      return Math.max(loadExit, rejected ? EXIT.rejected : EXIT.ok);
    } finally {
      await writer?.close();
    }
  },
};

/**
 * A failed URL in `lang`: the fetcher's own detail in English (as in --report); in French the failure's kind (its
 * code says which), the detail staying in the --report file.
 */
export function failureText(f: PageFailure, lang: Lang): string {
  if (lang === "en") return f.message;
  const what = t(`failure/${f.code}`, { status: f.status ?? "?" }, lang);
  return t("failure/detail", { what }, lang);
}

/** What a --report file says about the load: the graph, whether it was written, the validation counts. */
export function loadSummary(outcome: LoadOutcome): Record<string, unknown> {
  const { prepared, written } = outcome;
  return {
    graphIri: prepared.graphIri,
    written: written !== undefined,
    violations: prepared.report.violations,
    warnings: prepared.report.warnings,
    rejectedRecords: prepared.recordProblems.filter((p) => p.severity === "violation").length,
    ...(written ? { triples: written.triples, version: written.version, licence: written.licenceIri } : {}),
  };
}

/**
 * Prints a load's outcome the way `vivant load` does: the report on stdout and "nothing written" when rejected
 * (exit 1), the validation counts and the graph written otherwise (exit 0).
 */
export function writeLoadOutcome(
  io: CliIo,
  command: string,
  outcome: LoadOutcome,
  lang: Lang,
  dataDir: string,
  shown: Pick<SummaryOptions, "maxIssues" | "only"> = {},
): number {
  const { prepared, written } = outcome;
  if (!written) {
    io.stdout.write(
      `${formatReportBounded(prepared.report, { lang, source: prepared.meta.source ?? command, problems: prepared.recordProblems, notes: prepared.notes, ...shown })}\n`,
    );
    io.stderr.write(`vivant ${command}: ${nothingWritten(prepared, lang)}\n`);
    return EXIT.rejected;
  }
  io.stderr.write(
    `${plural(t("cli/validated", { triples: prepared.size, warnings: prepared.report.warnings }, lang), prepared.report.warnings, lang)}\n`,
  );
  io.stdout.write(
    `${t("cli/loaded", { triples: written.triples, graph: written.graphIri, publisher: written.publisherId ?? "?", version: written.version, licence: written.licenceIri, dir: dataDir }, lang)}\n`,
  );
  return EXIT.ok;
}
