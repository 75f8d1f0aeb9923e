// `vivant duplicates --data DIR`: probable duplicates across the publisher graphs of a data directory (venues by name,
// address and coordinates, performances by production, place and start, the others by sameAs and name), with their
// scores and why, as text or JSON. Read-only (safe beside a server on the same folder); nothing is ever merged.

import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { InputError } from "../errors.js";
import { t, tx } from "../i18n.js";
import { findDuplicates } from "../reconcile/duplicates.js";
import { EntityIndex } from "../reconcile/entities.js";
import type { Family } from "../reconcile/vocabulary.js";
import { QueryPool } from "../server/pool.js";
import { graphsDir } from "../store/files.js";
import { parseOptions, wholeNumber } from "./args.js";
import { EXIT, type Command } from "./io.js";

const FAMILIES: readonly Family[] = ["venue", "performance", "person", "organization", "work", "production"];

export const duplicatesCommand: Command = {
  name: "duplicates",
  summary: {
    en: "list probable duplicates across publisher graphs (venues, performances, people…), with scores; nothing merged",
    fr: "lister les doublons probables entre graphes d'éditeurs (lieux, représentations, personnes…), avec leur score ; rien n'est fusionné",
  },
  help: {
    en: `Usage: vivant duplicates --data DIR [--min-score N] [--family venue,performance,…] [--json] [--max-comparisons N]

Lists pairs of entities of different publisher graphs that are probably the same, best first, with a score from
0 to 100 and the features it comes from: venues by folded name, postal code, street, city and coordinates;
performances by start, place (the same venue, or venues that are probably one) and production's name; people,
organizations, works and productions by a shared sameAs (certain) or the same folded name. --min-score (default
70) drops weaker pairs; --json prints the pairs as a JSON array. Nothing is merged: a publisher that agrees adds
schema:sameAs in its own graph. Read-only: safe while a server uses DIR.

  --lang en|fr    language of messages (default en; --messages: old spelling)`,
    fr: `Usage : vivant duplicates --data DOSSIER [--min-score N] [--family venue,performance,…] [--json] [--max-comparisons N]

Liste les paires d'entités de graphes d'éditeurs différents qui sont probablement les mêmes, les meilleures
d'abord, avec un score de 0 à 100 et les critères qui le font : lieux par nom normalisé, code postal, rue, ville et
coordonnées ; représentations par début, lieu (le même, ou des lieux probablement identiques) et nom du
spectacle ; personnes, structures, œuvres et spectacles par un sameAs commun (certain) ou le même nom normalisé.
--min-score (70 par défaut) écarte les paires plus faibles ; --json écrit les paires en tableau JSON. Rien n'est
fusionné : un éditeur d'accord ajoute schema:sameAs dans son propre graphe. En lecture seule : sans risque pendant
qu'un serveur utilise le DOSSIER.

  --lang en|fr    langue des messages (en par défaut ; --messages : ancienne graphie)`,
  },
  async run(argv, io) {
    const { values, lang } = parseOptions(
      argv,
      {
        data: { type: "string" },
        "min-score": { type: "string" },
        family: { type: "string" },
        json: { type: "boolean" },
        "max-comparisons": { type: "string" },
      },
      "duplicates",
    );
    if (typeof values.data !== "string")
      throw new InputError("cli/usage", tx("duplicates/need-data"), { hint: tx("duplicates/need-data.hint") });
    const minScore = wholeNumber(values["min-score"], "--min-score", 0) ?? 70;
    const maxComparisons = wholeNumber(values["max-comparisons"], "--max-comparisons", 1);
    const families = typeof values.family === "string" ? values.family.split(",").map((f) => f.trim()) : FAMILIES;
    for (const f of families) {
      if (!(FAMILIES as readonly string[]).includes(f))
        throw new InputError(
          "cli/bad-option",
          tx("duplicates/bad-family", { value: JSON.stringify(f), list: FAMILIES.join(", ") }),
          { hint: tx("cli/example", { example: "--family venue,performance" }) },
        );
    }
    const dataDir = resolve(io.cwd, values.data);
    if (!existsSync(graphsDir(dataDir)))
      throw new InputError("cli/usage", tx("dump/no-graphs", { dir: dataDir }), {
        hint: tx("duplicates/need-data.hint"),
      });
    const pool = await QueryPool.start({
      dataDir,
      workers: 1,
      timeoutMs: 120_000,
      maxResultBytes: 1024 * 2 ** 20,
      unionDefaultGraph: true,
    });
    try {
      const index = await EntityIndex.build(pool);
      const report = findDuplicates(index, {
        minScore,
        lang,
        ...(maxComparisons !== undefined ? { maxComparisons } : {}),
      });
      const pairs = report.pairs.filter((p) => families.includes(p.family));
      if (values.json === true) io.stdout.write(`${JSON.stringify(pairs, null, 1)}\n`);
      else {
        for (const p of pairs) {
          const features = p.features.map((f) => `${f.id}=${String(f.value)}`).join(" ");
          io.stdout.write(
            `${t("duplicates/pair", { score: p.score.toFixed(1), family: p.family, a: `${p.a.name} <${p.a.id}>`, graphA: p.a.graphs.join(" "), b: `${p.b.name} <${p.b.id}>`, graphB: p.b.graphs.join(" "), features }, lang)}\n`,
          );
        }
      }
      io.stderr.write(
        `${t("duplicates/summary", { pairs: pairs.length, min: minScore, entities: index.size.entities, compared: report.compared, skipped: report.skipped }, lang)}\n`,
      );
      return EXIT.ok;
    } finally {
      await pool.close();
    }
  },
};
