// `vivant follow <catalog-url>… --data DIR`: replicate the datasets of other Vivant nodes (src/dataspace/follow.ts)
// once, or every --every; a line per dataset, a summary per round; SIGINT/SIGTERM end the round's current step and stop.

import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { InputError, type Lang, warningIn } from "../errors.js";
import { followOnce, type DatasetOutcome, type FollowReason, type NodeOutcome } from "../dataspace/follow.js";
import { USES, type FollowUse } from "../dataspace/follow-catalog.js";
import { openDataDir } from "../ingest/index.js";
import { plural, t, tx } from "../i18n.js";
import { parseOptions, type Parsed } from "./args.js";
import { EXIT, type CliIo, type Command } from "./io.js";

const HELP = `Usage: vivant follow <catalog-url>… --data DIR [options]

Replicates the datasets of other Vivant nodes (an aggregator, an observatory): reads each node's
DCAT catalog, and copies each dataset whose ODRL policy permits your use into the same named graph
of the data directory DIR (the one \`vivant serve --data\` serves). The first time by a full copy
(Graph Store GET), then through the dataset's change feed from the last position seen: only what
changed is transferred. A full copy is made again only when the feed says so (compacted, reset)
or the licence changed. Whatever replaces a local copy is validated with the core profile first;
invalid data leaves the local copy as it was. Provenance (source node, dataset, version, fetch
time) is in DIR/follow/provenance.jsonld (PROV-O); the position in each feed in DIR/follow/state.json,
written after the graph: a run killed at any point resumes without losing or doubling a change.
A node that is down, slow or serving invalid data is reported and does not stop the others.

Options:
  --data DIR              the follower's data directory (required)
  --use index|display|reuse
                          what you do with the data (default index): index needs odrl:index,
                          display odrl:display, reuse odrl:derive and odrl:distribute; every
                          use needs odrl:reproduce (a copy). Datasets not permitting it are
                          not copied, and the summary says why
  --token URL=TOKEN       (repeatable) a partner read token for a node (its catalog URL or its
                          origin): restricted datasets shared with you are then copied
  --every DURATION        follow again every DURATION (30s, 15m, 2h) until Ctrl-C or SIGTERM
  --rounds N              with --every, stop after N rounds (default 10000)
  --timeout MS            per request (default 15000)
  --max-bytes N           largest answer read (default 67108864)
  --allow-private         also contact loopback and private addresses (nodes on your own
                          machine or intranet); without it they fail with private-address
  --lang en|fr            language of messages (default en)

Exit codes: 0 every node reached and every permitted dataset up to date; 1 some node or dataset
failed (the others are written); 2 unusable input.`;

const HELP_FR = `Usage : vivant follow <url-du-catalogue>… --data DOSSIER [options]

Réplique les jeux de données d'autres nœuds Vivant (un agrégateur, un observatoire) : lit le
catalogue DCAT de chaque nœud et copie chaque jeu de données dont la politique ODRL permet votre
usage dans le même graphe nommé du dossier de données DOSSIER (celui que sert \`vivant serve --data\`).
La première fois par une copie complète (GET du Graph Store), ensuite par le flux de changements du
jeu de données depuis la dernière position vue : seul ce qui a changé est transféré. Une copie
complète n'est refaite que si le flux le demande (compacté, réinitialisé) ou si la licence a changé.
Ce qui remplace une copie locale est d'abord validé avec le profil core ; des données invalides
laissent la copie locale telle quelle. La provenance (nœud source, jeu de données, version, heure de
récupération) est dans DOSSIER/follow/provenance.jsonld (PROV-O) ; la position dans chaque flux dans
DOSSIER/follow/state.json, écrite après le graphe : une exécution tuée à tout moment reprend sans
perdre ni doubler un changement. Un nœud injoignable, lent ou qui sert des données invalides est
signalé et n'arrête pas les autres.

Options :
  --data DOSSIER          le dossier de données du suiveur (obligatoire)
  --use index|display|reuse
                          ce que vous faites des données (index par défaut) : index demande
                          odrl:index, display odrl:display, reuse odrl:derive et odrl:distribute ;
                          tout usage demande odrl:reproduce (une copie). Les jeux de données qui ne
                          le permettent pas ne sont pas copiés, et le bilan dit pourquoi
  --token URL=JETON       (répétable) un jeton de lecture de partenaire pour un nœud (l'URL de son
                          catalogue ou son origine) : les jeux restreints partagés avec vous sont
                          alors copiés
  --every DURÉE           suit de nouveau toutes les DURÉE (30s, 15m, 2h) jusqu'à Ctrl-C ou SIGTERM
  --rounds N              avec --every, s'arrête après N tours (10000 par défaut)
  --timeout MS            par requête (15000 par défaut)
  --max-bytes N           plus grande réponse lue (67108864 par défaut)
  --allow-private         contacte aussi les adresses de bouclage et privées (des nœuds sur votre
                          machine ou votre intranet) ; sans elle, elles échouent en private-address
  --lang en|fr            langue des messages (en par défaut)

Codes de sortie : 0 chaque nœud joint et chaque jeu permis à jour ; 1 un nœud ou un jeu de données en
échec (les autres sont écrits) ; 2 entrée inutilisable.`;

/** `30s`, `15m`, `2h` in ms; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const m = /^([1-9][0-9]{0,6})(s|m|h)$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "s" | "m" | "h"];
}

const wholeNumber = (v: unknown, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== "string" || !/^\d{1,12}$/.test(v) || !Number.isSafeInteger(n))
    throw new InputError(
      "cli/bad-option",
      tx("cli/not-whole-number-plain", { option: name, value: typeof v === "string" ? v : JSON.stringify(v) }),
      { hint: tx("cli/example", { example: `${name} 1000` }) },
    );
  return n;
};

/** A reason in words. */
export function reasonText(r: FollowReason, use: FollowUse, lang: Lang): string {
  if (r.code === "fetch") {
    if (lang === "en") return r.detail ?? "network";
    return t(`failure/${r.failure ?? "network"}`, { status: r.status ?? "?" }, lang);
  }
  return plural(
    t(
      `follow/reason.${r.code}`,
      { action: r.action ?? "", use, detail: r.detail ?? "", violations: r.violations ?? 0 },
      lang,
    ),
    r.violations ?? 0,
    lang,
  );
}

/** One line per dataset outcome (plus a line for a licence change). */
export function datasetLines(d: DatasetOutcome, use: FollowUse, lang: Lang): string[] {
  const lines: string[] = [];
  if (d.licenceChanged) lines.push(t("follow/licence-changed", { graph: d.graph, ...d.licenceChanged }, lang));
  const p = {
    graph: d.graph,
    triples: d.triples ?? 0,
    version: d.version ?? "?",
    bytes: d.bytes,
    activities: d.activities,
  };
  switch (d.status) {
    case "copied":
      lines.push(t("follow/copied", { ...p, why: t(`follow/why.${d.fullCopy ?? "first"}`, {}, lang) }, lang));
      break;
    case "updated":
      lines.push(plural(t("follow/updated", p, lang), d.activities, lang));
      break;
    case "unchanged":
      lines.push(t("follow/unchanged", p, lang));
      break;
    default:
      lines.push(
        t(
          d.status === "refused" ? "follow/refused" : "follow/failed",
          { graph: d.graph, reason: reasonText(d.reason!, use, lang) },
          lang,
        ),
      );
  }
  if (d.restricted && (d.status === "copied" || d.status === "updated"))
    lines.push(t("follow/restricted-copy", { graph: d.graph }, lang));
  return lines;
}

export function summaryLine(nodes: readonly NodeOutcome[], lang: Lang): string {
  const all = nodes.flatMap((n) => n.datasets);
  const count = (s: DatasetOutcome["status"]) => all.filter((d) => d.status === s).length;
  return t(
    "follow/summary",
    {
      nodes: nodes.length,
      failedNodes: nodes.filter((n) => n.failure).length,
      copied: count("copied"),
      updated: count("updated"),
      unchanged: count("unchanged"),
      refused: count("refused"),
      failed: count("failed"),
      bytes: nodes.reduce((n, x) => n + x.bytes, 0),
    },
    lang,
  );
}

/** `--token URL=TOKEN` options (repeatable) as URL → token; a malformed one is refused without echoing the token. */
export function parseTokens(
  values: unknown,
  example = "--token http://127.0.0.1:8080/catalog=TOKEN",
): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of Array.isArray(values) ? values : []) {
    const text = String(v);
    const cut = text.lastIndexOf("=");
    const url = cut > 0 ? text.slice(0, cut) : "";
    let ok: boolean;
    try {
      ok = /^https?:$/.test(new URL(url).protocol) && cut < text.length - 1;
    } catch {
      ok = false;
    }
    if (!ok)
      throw new InputError(
        "cli/bad-option",
        tx("follow/bad-token", { value: `${text.slice(0, Math.max(0, cut))}=…` }),
        { hint: tx("cli/example", { example }) },
      );
    out.set(url, text.slice(cut + 1));
  }
  return out;
}

export const followCommand: Command = {
  name: "follow",
  summary: {
    en: "replicate other nodes' datasets (catalog, change feed, policies) into a data directory",
    fr: "répliquer les jeux de données d'autres nœuds (catalogue, flux de changements, politiques) dans un dossier de données",
  },
  help: { en: HELP, fr: HELP_FR },
  async run(argv, io) {
    const { values, positionals, lang } = parseOptions(
      argv,
      {
        data: { type: "string" },
        use: { type: "string" },
        token: { type: "string", multiple: true },
        every: { type: "string" },
        rounds: { type: "string" },
        timeout: { type: "string" },
        "max-bytes": { type: "string" },
        "allow-private": { type: "boolean" },
      },
      "follow",
    );
    const { data, use, every, rounds, timeoutMs, maxBytes, tokens } = followSettings(values, positionals);
    const writer = await openDataDir(resolve(io.cwd, data), (w, text) =>
      io.stderr.write(`${t("cli/warning", { detail: warningIn(w, text, lang) }, lang)}\n`),
    );
    const stop = new AbortController();
    const onSignal = (): void => {
      if (!stop.signal.aborted) io.stderr.write(`${t("follow/stopping", {}, lang)}\n`);
      stop.abort();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    let failed = false;
    try {
      for (let round = 1; round <= rounds && !stop.signal.aborted; round++) {
        if (every !== undefined)
          io.stderr.write(`${t("follow/round", { round, time: new Date().toISOString() }, lang)}\n`);
        const nodes = await followOnce({
          catalogs: positionals,
          writer,
          use,
          tokens,
          signal: stop.signal,
          policy: {
            ...(timeoutMs !== undefined ? { timeoutMs } : {}),
            ...(maxBytes !== undefined ? { maxBytes } : {}),
            ...(values["allow-private"] ? { allowPrivate: true } : {}),
          },
          onDataset: (d) => {
            for (const line of datasetLines(d, use, lang)) io.stderr.write(`${line}\n`);
          },
        });
        printRound(io, nodes, use, lang);
        failed = nodes.some((n) => n.failure || n.datasets.some((d) => d.status === "failed"));
        if (every !== undefined && round < rounds && !stop.signal.aborted) {
          io.stderr.write(`${t("follow/next", { every: String(values.every) }, lang)}\n`);
          await sleep(every, undefined, { signal: stop.signal }).catch(() => undefined);
        }
      }
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      await writer.close();
    }
    return failed ? EXIT.rejected : EXIT.ok;
  },
};

/** What a `vivant follow` command line asks for, checked (the catalogs, --data, --use, --every, --rounds…). */
function followSettings(values: Parsed["values"], positionals: readonly string[]) {
  if (positionals.length === 0)
    throw new InputError("cli/usage", tx("follow/need-catalogs"), {
      hint: tx("cli/example", {
        example: "vivant follow http://127.0.0.1:8080/catalog --data ./follower --allow-private",
      }),
    });
  if (typeof values.data !== "string")
    throw new InputError("cli/usage", tx("follow/need-data"), {
      hint: tx("cli/example", { example: "--data ./follower" }),
    });
  const use = (values.use ?? "index") as FollowUse;
  if (typeof use !== "string" || !Object.hasOwn(USES, use))
    throw new InputError(
      "cli/bad-option",
      tx("follow/bad-use", { value: String(use), uses: Object.keys(USES).join(", ") }),
      { hint: tx("cli/example", { example: "--use display" }) },
    );
  const every = values.every === undefined ? undefined : parseDuration(String(values.every));
  if (values.every !== undefined && every === undefined)
    throw new InputError("cli/bad-option", tx("follow/bad-every", { value: String(values.every) }), {
      hint: tx("cli/example", { example: "--every 15m" }),
    });
  const rounds = every === undefined ? 1 : (wholeNumber(values.rounds, "--rounds") ?? 10_000);
  const timeoutMs = wholeNumber(values.timeout, "--timeout");
  const maxBytes = wholeNumber(values["max-bytes"], "--max-bytes");
  const tokens = parseTokens(values.token);
  return { data: values.data, use, every, rounds, timeoutMs, maxBytes, tokens };
}

/** A round's failed nodes on stderr and its summary on stdout. */
function printRound(io: CliIo, nodes: readonly NodeOutcome[], use: FollowUse, lang: Lang): void {
  for (const n of nodes)
    if (n.failure)
      io.stderr.write(
        `${t("follow/node-failed", { catalog: n.catalog, reason: reasonText(n.failure, use, lang) }, lang)}\n`,
      );
  io.stdout.write(`${summaryLine(nodes, lang)}\n`);
}
