// Every importable file of ../shared/corpora through its importer: the fidelity ledger adds up for every
// property (seen = carried + repaired + not carried), and what is left out as "not modelled" is only what the
// README's import and harvest section lists as left out on purpose.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Ledger, type NotCarriedReason } from "../../src/harvest/ledger.js";
import { importArtsdata } from "../../src/import/artsdata.js";
import { importFestivals } from "../../src/import/festivals.js";
import { importUitdatabank } from "../../src/import/uitdatabank.js";
import type { ImportResult } from "../../src/import/types.js";
import { HAS_CORPORA, importable, warnIfNoCorpora } from "./helpers.js";

const README = fileURLToPath(new URL("../../README.md", import.meta.url));

/** The properties the README lists as not carried on purpose (between its not-carried markers), by importer. */
function notCarriedOnPurpose(): Record<string, Set<string>> {
  const text = readFileSync(README, "utf8");
  const out: Record<string, Set<string>> = {};
  for (const m of text.matchAll(/<!-- not-carried:(\w+) -->([\s\S]*?)<!-- \/not-carried -->/g)) {
    out[m[1]!] = new Set([...m[2]!.matchAll(/`([^`]+)`/g)].map((x) => x[1]!));
  }
  return out;
}

const json = (p: string): unknown => JSON.parse(readFileSync(p, "utf8").replace(/^\uFEFF+/, ""));

async function run(kind: "artsdata" | "uitdatabank" | "festivals", file: string): Promise<ImportResult | undefined> {
  if (kind === "festivals") return importFestivals(readFileSync(file, "utf8"));
  let input: unknown;
  try {
    input = json(file);
  } catch {
    return undefined; // not JSON: `vivant import` says so (exit 2); nothing to account for
  }
  return kind === "artsdata"
    ? importArtsdata(input, { publisher: { id: "corpus" } })
    : importUitdatabank(input, { publisher: { id: "corpus" } });
}

describe.skipIf(!HAS_CORPORA)("the fidelity ledger on every importable file of the corpora", () => {
  warnIfNoCorpora("the corpora ledger sweep");
  const list = importable();
  const byKind: Record<string, Ledger> = { artsdata: new Ledger(), uitdatabank: new Ledger(), festivals: new Ledger() };

  it("finds files for each importer", () => {
    for (const k of ["artsdata", "uitdatabank", "festivals"])
      expect(list.filter((x) => x.kind === k).length, k).toBeGreaterThan(0);
  });

  it("adds up for every property of every file", async () => {
    const unbalanced: string[] = [];
    for (const { kind, file } of list) {
      const r = await run(kind, file);
      if (!r) continue;
      for (const p of r.ledger.unbalanced()) unbalanced.push(`${file}: ${p}`);
      byKind[kind]!.merge(r.ledger);
    }
    expect(unbalanced).toEqual([]);
    for (const [kind, l] of Object.entries(byKind)) {
      const t = l.totals();
      const reasons: Partial<Record<NotCarriedReason, number>> = {};
      for (const row of l.rows())
        for (const [k, n] of Object.entries(row.reasons))
          reasons[k as NotCarriedReason] = (reasons[k as NotCarriedReason] ?? 0) + n;
      console.log(`not-modelled ${kind}: ${JSON.stringify(l.notCarriedFor("not-modelled"))}`);
      console.log(
        `ledger ${kind}: ${t.seen} seen, ${t.carried} carried, ${t.repaired} repaired, ${t.notCarried} not carried ${JSON.stringify(reasons)}`,
      );
      expect(t.seen).toBe(t.carried + t.repaired + t.notCarried);
      expect(t.seen).toBeGreaterThan(0);
    }
  }, 600_000);

  it("leaves out as not modelled only what the README lists", () => {
    const listed = notCarriedOnPurpose();
    for (const [kind, l] of Object.entries(byKind)) {
      const notModelled = l.notCarriedFor("not-modelled").map(([p]) => p);
      expect(listed[kind], `README list for ${kind}`).toBeDefined();
      expect(
        notModelled.filter((p) => !listed[kind]!.has(p)),
        kind,
      ).toEqual([]);
    }
  });
});
