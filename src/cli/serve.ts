// `vivant serve`: the SPARQL endpoint, the Graph Store Protocol for publishers and the discoverability API,
// on a data directory (or a temporary one); `--demo` loads the demo season first. Runs until SIGINT/SIGTERM.

import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError, type Lang } from "../errors.js";
import { TokenTable } from "../server/auth.js";
import { DEFAULT_PORT, VivantServer, type ServerOptions } from "../server/app.js";
import { isIP } from "node:net";
import { plural, t, tx } from "../i18n.js";
import { formatReportText } from "../validate/text.js";
import { langFromArgv, parseOptions, wholeNumber, type Parsed } from "./args.js";
import { EXIT, type CliIo, type Command } from "./io.js";
import { parseTokens } from "./follow.js";
import { federatedNodes } from "../dataspace/federation.js";

export { DEFAULT_PORT };

const HELP = `Usage: vivant serve [options]

Serves SPARQL 1.1 (Protocol, read-only) on /sparql, the Graph Store Protocol on /graph-store
(publishers write their own graph with a bearer token; every write is validated), the catalog on
/catalog and the discoverability API on /api/performances, /api/performances/facets, /api/stats.

Options:
  --port N            port (default: $PORT, else ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDR         interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --data DIR          data directory, kept across restarts (default: a temporary one, removed at exit)
  --store URL         keep the graphs in a remote SPARQL 1.1 + Graph Store Protocol store instead (its SPARQL
                      endpoint, e.g. Virtuoso's http://127.0.0.1:8890/sparql; #gsp=URL for another Graph Store)
  --demo              load the demo season (fixtures/demo-season.json) first, validated
  --tokens FILE       publishers' bearer tokens: {"tokens": [{"token"|"sha256", "publisher", "graph", "licence"?}]},
                      checked at start: a duplicate token, a token of two publishers, a graph of two
                      publishers, a token with whitespace each stop the server with the line named
                      (with --demo and no token for its publisher, a random one is printed)
  --workers N         query threads, each with a replica of the data (default 2)
  --timeout MS        time limit of a query (default 10000)
  --max-body BYTES    largest request body (default 33554432)
  --max-write BYTES   largest body of a Graph Store write or upload (default 8388608)
  --max-result BYTES  largest answer (default 67108864)
  --no-union          the default graph is the store's own (empty) graph instead of the union of all graphs
  --allow-private     let the checker page (/check) and the federated search fetch loopback, private and
                      other non-public addresses (an intranet); refused by default
  --federate URL[,URL…]  federated search: /api/federation/performances, its facets and the /federation page
                      ask these other nodes (their base URLs) live, beside this one
  --federate-timeout MS  time each node has to answer (default 3000); a node past it is listed as missing
  --federate-token URL=TOKEN  (repeatable) your partner read token on one of those nodes (sent to it only)
  --capdata-namespace IRI  the CapData Culture ontology's namespace in /.well-known/capdata-export.rdf
                      (default: a PROVISIONAL one, https://vivant.dev/ns/capdata-provisional#)
  --lang en|fr        language of messages (default en; --messages: old spelling)

Stop with Ctrl-C.`;

const HELP_FR = `Usage : vivant serve [options]

Sert SPARQL 1.1 (Protocol, en lecture seule) sur /sparql, le Graph Store Protocol sur /graph-store
(les éditeurs écrivent leur propre graphe avec un jeton (bearer) ; chaque écriture est validée), le
catalogue sur /catalog et l'API de découverte sur /api/performances, /api/performances/facets, /api/stats.

Options :
  --port N            port (par défaut : $PORT, sinon ${DEFAULT_PORT} ; 0 en choisit un libre)
  --host ADRESSE      interface d'écoute (127.0.0.1 par défaut ; 0.0.0.0 pour toutes les interfaces)
  --data DOSSIER      dossier de données, gardé d'un lancement à l'autre (par défaut : un dossier temporaire,
                      supprimé à la sortie)
  --store URL         garde plutôt les graphes dans un stock distant SPARQL 1.1 + Graph Store Protocol (son point
                      d'accès SPARQL, par ex. celui de Virtuoso http://127.0.0.1:8890/sparql ; #gsp=URL pour un
                      autre Graph Store)
  --demo              charge d'abord la saison de démonstration (fixtures/demo-season.json), validée
  --tokens FICHIER    jetons (bearer) des éditeurs : {"tokens": [{"token"|"sha256", "publisher", "graph", "licence"?}]},
                      vérifiés au démarrage : un jeton en double, un jeton de deux éditeurs, un graphe de deux
                      éditeurs, un jeton avec des blancs arrêtent chacun le serveur, ligne nommée
                      (avec --demo et sans jeton pour son éditeur, un jeton aléatoire est affiché)
  --workers N         fils de requêtes, chacun avec une copie des données (2 par défaut)
  --timeout MS        temps maximal d'une requête (10000 par défaut)
  --max-body OCTETS   plus grand corps de requête (33554432 par défaut)
  --max-write OCTETS  plus grand corps d'une écriture ou d'un envoi au Graph Store (8388608 par défaut)
  --max-result OCTETS plus grande réponse (67108864 par défaut)
  --no-union          le graphe par défaut est le graphe propre (vide) du stock au lieu de l'union de tous
  --allow-private     permet à la page du vérificateur (/check) et à la recherche fédérée de contacter les adresses
                      de bouclage, privées et autres adresses non publiques (un intranet) ; refusées par défaut
  --federate URL[,URL…]  recherche fédérée : /api/federation/performances, ses facettes et la page /federation
                      interrogent en direct ces autres nœuds (leurs adresses de base), en plus de celui-ci
  --federate-timeout MS  temps de réponse laissé à chaque nœud (3000 par défaut) ; un nœud au-delà est signalé
                      comme manquant
  --federate-token URL=JETON  (répétable) votre jeton de lecture de partenaire sur l'un de ces nœuds (envoyé à lui
                      seul)
  --capdata-namespace IRI  l'espace de noms de l'ontologie CapData Culture dans /.well-known/capdata-export.rdf
                      (par défaut : un espace PROVISOIRE, https://vivant.dev/ns/capdata-provisional#)
  --lang en|fr        langue des messages (en par défaut ; --messages : ancienne graphie)

Arrêt par Ctrl-C.`;

/** The demo season shipped with the package (works from src/ and dist/src/). */
export function demoSeasonPath(): string {
  const here = fileURLToPath(new URL(".", import.meta.url));
  for (const c of [`${here}../../fixtures/demo-season.json`, `${here}../../../fixtures/demo-season.json`])
    if (existsSync(c)) return resolve(c);
  throw new InputError("io/demo-missing", tx("io/demo-missing"), { hint: tx("io/reinstall") });
}

const int = (value: unknown, option: string, min: number): number | undefined => wholeNumber(value, option, min);

/** The PORT environment variable (as set by hosting platforms), when set. */
function envPort(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InputError("serve/bad-port", tx("serve/bad-port", { value }), { hint: tx("serve/bad-port.hint") });
  return n;
}

/** `--federate`, `--federate-timeout`, `--federate-token` as the server's federation (none without --federate). */
function federationOf(values: Record<string, unknown>): Pick<ServerOptions, "federation"> {
  const urls = (Array.isArray(values.federate) ? values.federate : [])
    .flatMap((v) => String(v).split(","))
    .map((u) => u.trim())
    .filter((u) => u !== "");
  const tokens = parseTokens(values["federate-token"], "--federate-token http://127.0.0.1:8734/=TOKEN");
  if (urls.length === 0) {
    if (tokens.size || values["federate-timeout"] !== undefined)
      throw new InputError("cli/usage", tx("serve/federate-needed"), {
        hint: tx("cli/example", { example: "--federate http://127.0.0.1:8734/" }),
      });
    return {};
  }
  const nodes = federatedNodes(urls);
  for (const url of tokens.keys()) {
    const origin = new URL(url).origin;
    if (!nodes.some((n) => n.url === url || new URL(n.url).origin === origin))
      throw new InputError("cli/bad-option", tx("serve/federate-token-node", { url }), {
        hint: tx("serve/federate-needed"),
      });
  }
  const timeoutMs = int(values["federate-timeout"], "--federate-timeout", 1);
  return {
    federation: {
      nodes: nodes.map((n) => {
        const token = tokens.get(n.url) ?? tokens.get(n.url.slice(0, -1)) ?? tokens.get(new URL(n.url).origin);
        return token !== undefined ? { url: n.url, token } : n;
      }),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(values["allow-private"] === true ? { allowPrivate: true } : {}),
    },
  };
}

/** Starts a server from `vivant serve` arguments and prints where it is. Resolves once it is serving. */
export async function startServe(argv: readonly string[], io: CliIo): Promise<VivantServer> {
  const { values, positionals, lang } = parseOptions(
    argv,
    {
      port: { type: "string" },
      host: { type: "string" },
      data: { type: "string" },
      store: { type: "string" },
      demo: { type: "boolean" },
      tokens: { type: "string" },
      workers: { type: "string" },
      timeout: { type: "string" },
      "max-body": { type: "string" },
      "max-write": { type: "string" },
      "max-result": { type: "string" },
      "no-union": { type: "boolean" },
      "allow-private": { type: "boolean" },
      "capdata-namespace": { type: "string" },
      federate: { type: "string", multiple: true },
      "federate-timeout": { type: "string" },
      "federate-token": { type: "string", multiple: true },
    },
    "serve",
  );
  if (positionals.length)
    throw new InputError("cli/usage", tx("cli/unexpected-argument", { value: positionals[0] }), {
      hint: tx("cli/example", { example: "vivant serve --demo" }),
    });
  const tokens =
    typeof values.tokens === "string" ? TokenTable.fromFile(resolve(io.cwd, values.tokens)) : new TokenTable();
  const server = await VivantServer.start(serverOptions(values, tokens, io, lang));
  // The first line, before the demo season's: the address a person opens in a browser.
  io.stdout.write(`${t("cli/serving-pages", { url: server.url }, lang)}\n`);
  try {
    const demo = values.demo === true ? await loadDemo(server, tokens, io, lang) : undefined;
    io.stdout.write(`${servingLines(server, demo, lang).join("\n")}\n`);
    return server;
  } catch (e) {
    await server.close();
    throw e;
  }
}

/** The server's options from the command line's (host and port checked here, before anything starts). */
function serverOptions(values: Parsed["values"], tokens: TokenTable, io: CliIo, lang: Lang): ServerOptions {
  const host = typeof values.host === "string" ? values.host : "127.0.0.1";
  // A host name is letters, digits, dots and hyphens: anything else fails here, before any lookup.
  if (!isIP(host) && !/^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(host)) {
    throw new InputError("serve/bad-host", tx("serve/bad-host-syntax", { host }), { hint: tx("serve/bad-host.hint") });
  }
  const port = int(values.port, "--port", 0) ?? envPort(io.env.PORT) ?? DEFAULT_PORT;
  if (port > 65535)
    throw new InputError("cli/bad-option", tx("serve/bad-port", { value: port }), { hint: tx("serve/bad-port.hint") });
  return {
    port,
    host,
    ...(typeof values.data === "string" ? { dataDir: resolve(io.cwd, values.data) } : {}),
    ...(typeof values.store === "string" ? { store: values.store } : {}),
    ...(int(values.workers, "--workers", 1) !== undefined ? { workers: int(values.workers, "--workers", 1)! } : {}),
    ...(int(values.timeout, "--timeout", 1) !== undefined
      ? { queryTimeoutMs: int(values.timeout, "--timeout", 1)! }
      : {}),
    ...(int(values["max-body"], "--max-body", 1) !== undefined
      ? { maxBodyBytes: int(values["max-body"], "--max-body", 1)! }
      : {}),
    ...(int(values["max-write"], "--max-write", 1) !== undefined
      ? { maxWriteBytes: int(values["max-write"], "--max-write", 1)! }
      : {}),
    ...(int(values["max-result"], "--max-result", 1) !== undefined
      ? { maxResultBytes: int(values["max-result"], "--max-result", 1)! }
      : {}),
    unionDefaultGraph: values["no-union"] !== true,
    ...(values["allow-private"] === true ? { checkFetch: { allowPrivate: true } } : {}),
    ...(typeof values["capdata-namespace"] === "string" ? { capdataNamespace: values["capdata-namespace"] } : {}),
    ...federationOf(values),
    tokens,
    log: (line) => io.stderr.write(`${line}\n`),
    lang,
  };
}

/** The demo season loaded into a running server, and the write token issued for its graph. */
interface Demo {
  readonly token: string;
  readonly graph: string;
}

/** Loads the demo season (`--demo`); an invalid season is printed and refused. */
async function loadDemo(server: VivantServer, tokens: TokenTable, io: CliIo, lang: Lang): Promise<Demo> {
  const path = demoSeasonPath();
  const { prepared, info } = await server.load(
    [{ text: readFileSync(path, "utf8"), source: "fixtures/demo-season.json" }],
    {},
  );
  if (!info) {
    io.stderr.write(
      `${formatReportText(prepared.report, { lang, source: "fixtures/demo-season.json", problems: prepared.recordProblems, maxPerGroup: 5 })}\n`,
    );
    throw new InputError("serve/demo-invalid", tx("serve/demo-invalid"), { hint: tx("serve/demo-invalid.hint") });
  }
  io.stderr.write(`${t("cli/demo-loaded", { triples: info.triples, graph: info.graphIri }, lang)}\n`);
  // Never a committed secret: a fresh token per run, added to those of --tokens.
  const token = tokens.issue({
    publisherId: info.publisherId ?? "demo",
    graphIri: info.graphIri,
    licence: info.licence,
  });
  return { token, graph: info.graphIri };
}

/** What the server serves and where, the demo's token with an example write, and how to stop it. */
function servingLines(server: VivantServer, demo: Demo | undefined, lang: Lang): string[] {
  const lines = [
    plural(
      t(
        "cli/serving",
        { graphs: server.graphs().length, triples: server.graphs().reduce((n, g) => n + g.triples, 0) },
        lang,
      ),
      server.graphs().length,
      lang,
    ),
    t("cli/serving-sparql", { url: server.sparqlEndpoint }, lang),
    t("cli/serving-gsp", { url: `${server.graphStoreEndpoint}?graph=<graph IRI>` }, lang),
    t("cli/serving-api", { url: `${server.url}api/performances?from=2026-11-01&city=Nantes` }, lang),
    t("cli/serving-catalog", { url: `${server.url}catalog` }, lang),
    ...(server.federation
      ? [
          plural(
            t(
              "cli/serving-federation",
              { url: `${server.url}federation`, nodes: server.federation.nodes.length },
              lang,
            ),
            server.federation.nodes.length,
            lang,
          ),
        ]
      : []),
  ];
  if (demo && demo.token && demo.graph) {
    lines.push(
      t("cli/serving-token", { token: demo.token }, lang),
      `    curl -X PUT -H "Authorization: Bearer ${demo.token}" -H "Content-Type: application/json" \\`,
      `      --data-binary @fixtures/demo-season.json "${server.graphStoreEndpoint}?graph=${encodeURIComponent(demo.graph)}"`,
    );
  }
  lines.push(t("cli/serving-stop", {}, lang));
  return lines;
}

export const serveCommand: Command = {
  name: "serve",
  summary: {
    en: "serve SPARQL, the Graph Store Protocol and the discoverability API (--demo: with the demo season)",
    fr: "servir SPARQL, le Graph Store Protocol et l'API de découverte (--demo : avec la saison de démonstration)",
  },
  help: { en: HELP, fr: HELP_FR },
  async run(argv, io) {
    const server = await startServe(argv, io);
    const lang = langFromArgv(argv);
    await new Promise<void>((resolveStop) => {
      const stop = (): void => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        io.stderr.write(`${t("cli/stopping", {}, lang)}\n`);
        void server.close().then(resolveStop, resolveStop);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    return EXIT.ok;
  },
};
