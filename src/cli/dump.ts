// `vivant dump --data DIR`: versioned dumps of every publisher graph (N-Quads gzip and Turtle, with a manifest) and
// of the whole server, in DIR/dumps/ (what a server publishes at /dumps/). Runs beside a server on the same folder.

import { resolve } from "node:path";
import { existsSync } from "node:fs";
import { InputError, messageOf } from "../errors.js";
import { t, tx } from "../i18n.js";
import { dumpAll, dumpGraph, dumpsDir, DEFAULT_KEEP } from "../dataspace/dumps.js";
import { graphsDir, listGraphFiles, readGraphHeader } from "../store/files.js";
import { parseOptions, wholeNumber } from "./args.js";
import { EXIT, type Command } from "./io.js";

export const dumpCommand: Command = {
  name: "dump",
  summary: {
    en: "write versioned dumps (N-Quads gzip, Turtle, manifest) of each graph and of the whole data directory",
    fr: "écrire des vidages versionnés (N-Quads gzip, Turtle, manifeste) de chaque graphe et de tout le dossier de données",
  },
  help: {
    en: `Usage: vivant dump --data DIR [--graph IRI] [--keep N] [--lang en|fr]

Writes, for each publisher graph of DIR (or only --graph), its current version as N-Quads (gzip) and Turtle, with
DIR/dumps/<id>/manifest.json (a DCAT distribution per file: byte size, triple count, SHA-256, licence, version,
modified), and one N-Quads dump of every graph (DIR/dumps/all/). A version already dumped is not written again.
Each file is written to a temp file, fsynced and renamed: a reader sees a whole file or none. Files of versions
older than the last N (--keep, default ${DEFAULT_KEEP}) are removed. Safe to run while a server uses DIR.

Options:
  --data DIR      the data directory (of vivant serve or vivant load)
  --graph IRI     dump only this graph
  --keep N        versions kept per graph (default ${DEFAULT_KEEP})
  --lang en|fr    language of messages (default en; --messages: old spelling)`,
    fr: `Usage : vivant dump --data DOSSIER [--graph IRI] [--keep N] [--lang en|fr]

Écrit, pour chaque graphe d'éditeur de DOSSIER (ou le seul --graph), sa version actuelle en N-Quads (gzip) et en
Turtle, avec DOSSIER/dumps/<id>/manifest.json (une distribution DCAT par fichier : taille en octets, nombre de
triplets, SHA-256, licence, version, date de modification), et un export N-Quads de tous les graphes
(DOSSIER/dumps/all/). Une version déjà exportée n'est pas réécrite. Chaque fichier est écrit dans un fichier
temporaire, synchronisé sur le disque puis renommé : un lecteur voit un fichier entier ou rien. Les fichiers des
versions plus anciennes que les N dernières (--keep, ${DEFAULT_KEEP} par défaut) sont supprimés. Sans risque
pendant qu'un serveur utilise DOSSIER.

Options :
  --data DOSSIER  le dossier de données (de vivant serve ou vivant load)
  --graph IRI     n'exporte que ce graphe
  --keep N        versions gardées par graphe (${DEFAULT_KEEP} par défaut)
  --lang en|fr    langue des messages (en par défaut ; --messages : ancienne graphie)`,
  },
  async run(argv, io) {
    const { values, lang } = parseOptions(
      argv,
      { data: { type: "string" }, graph: { type: "string" }, keep: { type: "string" } },
      "dump",
    );
    if (typeof values.data !== "string")
      throw new InputError("cli/usage", tx("dump/need-data"), { hint: tx("dump/need-data.hint") });
    const dataDir = resolve(io.cwd, values.data);
    if (!existsSync(graphsDir(dataDir)))
      throw new InputError("cli/usage", tx("dump/no-graphs", { dir: dataDir }), { hint: tx("dump/need-data.hint") });
    const keep = wholeNumber(values.keep, "--keep", 1) ?? DEFAULT_KEEP;
    const graphs: string[] = [];
    for (const path of await listGraphFiles(dataDir, (m) => io.stderr.write(`${m}\n`))) {
      const h = await readGraphHeader(path);
      if (h?.info.graphIri !== undefined && (values.graph === undefined || values.graph === h.info.graphIri))
        graphs.push(h.info.graphIri);
    }
    if (typeof values.graph === "string" && !graphs.length)
      throw new InputError("cli/usage", tx("dump/no-such-graph", { graph: values.graph }), {
        hint: tx("dump/need-data.hint"),
      });
    let failed = 0;
    const line = (m: {
      id: string;
      files: readonly { path: string; byteSize: number; triples: number; version: number }[];
    }): void => {
      const latest = m.files.filter((f) => f.version === m.files[0]?.version);
      for (const f of latest)
        io.stdout.write(
          `${t("dump/file", { path: f.path, bytes: f.byteSize, triples: f.triples, version: f.version }, lang)}\n`,
        );
    };
    for (const g of graphs) {
      try {
        const m = await dumpGraph(dataDir, g, { keep });
        if (m) line(m);
      } catch (e) {
        failed++;
        io.stderr.write(`${t("dump/failed", { graph: g, reason: messageOf(e, lang) }, lang)}\n`);
      }
    }
    if (values.graph === undefined) {
      try {
        const all = await dumpAll(dataDir, () => true, { keep });
        if (all) line(all);
      } catch (e) {
        failed++;
        io.stderr.write(`${t("dump/failed-all", { reason: messageOf(e, lang) }, lang)}\n`);
      }
    }
    io.stderr.write(`${t("dump/summary", { graphs: graphs.length, failed, dir: dumpsDir(dataDir) }, lang)}\n`);
    return failed ? EXIT.rejected : EXIT.ok;
  },
};
