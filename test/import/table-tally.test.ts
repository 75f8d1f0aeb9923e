// TableTally (the CSV importers' account, one byte per cell) settles exactly as SourceTally (the general account,
// node by node) would for the same rows and the same marks: same ledger, same fix kinds, same isCarried. Checked on
// fixed cases and on seeded random tables (empty cells, repeated header names, drops, rejects, repairs); a repeated
// column is read from its last cell, as readCsv's row objects keep it.

import { describe, expect, it } from "vitest";
import type { FixKind } from "../../src/harvest/fixes.js";
import { Ledger, RepairLog, SourceTally, type NotCarriedReason } from "../../src/harvest/ledger.js";
import { TableTally } from "../../src/import/tableTally.js";
import { readCsv } from "../../src/import/csvFile.js";
import { Fixes } from "../../src/harvest/fixes.js";
import { mulberry32 } from "../../bench/generate.js";

/** A small deterministic PRNG (mulberry32, the season generator's), so a failure names its seed. */
const prng = mulberry32;

const REASONS: NotCarriedReason[] = ["invalid", "unresolved", "not-mapped"];
const FIXES: FixKind[] = ["decimal-comma", "postcode-leading-zero", "date-day-month-year"];

/** One random table driven through both tallies; returns both ledgers' JSON and the isCarried answers. */
function both(seed: number, unmarked: NotCarriedReason) {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const names = ["id", "nom", "ville", "prix", "date", "web", "nom"].slice(0, 2 + Math.floor(rnd() * 6));
  const unique = [...new Set(names)];
  const table = new TableTally(names);
  const source = new SourceTally();
  const repairs = new RepairLog();
  const read = unique.filter(() => rnd() < 0.6);
  const mask = table.mask([...read, "absent"]);
  const lines: number[] = [];
  for (let i = 0; i < 1 + Math.floor(rnd() * 40); i++) {
    const line = i + 2;
    lines.push(line);
    const node = String(line);
    const cells: Record<string, string | undefined> = {};
    for (const c of unique) cells[c] = rnd() < 0.25 ? pick(["", undefined]) : `v${i}`;
    const early = rnd() < 0.5;
    const slot = table.row(
      line,
      names.map((n) => cells[n]),
      early ? mask : undefined,
    );
    for (const c of unique) {
      if (cells[c] === undefined || cells[c] === "") continue;
      source.seen(node, c, early && read.includes(c));
    }
    for (let k = 0; k < 3; k++) {
      const c = pick([...unique, "absent"]);
      if (rnd() < 0.3) {
        const reason = pick(REASONS);
        table.drop(slot, c, reason);
        source.drop(node, c, reason);
      }
      if (rnd() < 0.3) repairs.note(node, c, pick(FIXES));
    }
    if (!early && rnd() < 0.7) {
      table.carryMask(slot, mask);
      for (const c of read) source.carry(node, c);
    }
    if (rnd() < 0.15) {
      table.reject(slot);
      source.reject(node);
    }
  }
  const carried = lines.flatMap((line) =>
    unique.map((c) => [table.isCarried(line, c), source.isCarried(String(line), c)]),
  );
  return {
    table: table.settle(new Ledger(), repairs, (c) => c, unmarked).toJSON(),
    source: source.settle(new Ledger(), repairs, (c) => c, unmarked).toJSON(),
    carried,
  };
}

describe("TableTally", () => {
  it("settles a fixed table as SourceTally does: drop wins, rejected rows, unmarked columns, repairs by kind", () => {
    const t = new TableTally(["id", "name", "price", "note", "name"]);
    const read = t.mask(["id", "name", "price"]);
    const a = t.row(2, ["1", "A", "12,5", "x", "A"], read);
    const b = t.row(3, ["2", "", "oops", undefined, ""], read);
    const c = t.row(4, ["3", "C", undefined, undefined, "C"]);
    t.drop(b, "price", "invalid");
    t.drop(b, "name", "invalid"); // an empty cell: nothing to drop
    t.reject(c);
    const repairs = new RepairLog();
    repairs.note("2", "price", "decimal-comma");
    repairs.note("3", "price", "decimal-comma"); // dropped: not a repair
    const l = t.settle(new Ledger(), repairs);
    expect(a).toBe(0);
    expect(l.rows()).toEqual([
      { property: "id", seen: 3, carried: 2, repaired: 0, notCarried: 1, fixes: {}, reasons: { rejected: 1 } },
      { property: "name", seen: 2, carried: 1, repaired: 0, notCarried: 1, fixes: {}, reasons: { rejected: 1 } },
      { property: "note", seen: 1, carried: 0, repaired: 0, notCarried: 1, fixes: {}, reasons: { "not-modelled": 1 } },
      {
        property: "price",
        seen: 2,
        carried: 0,
        repaired: 1,
        notCarried: 1,
        fixes: { "decimal-comma": 1 },
        reasons: { invalid: 1 },
      },
    ]);
    expect([
      t.isCarried(2, "price"),
      t.isCarried(2, "name"),
      t.isCarried(3, "price"),
      t.isCarried(4, "id"),
      t.isCarried(9, "id"),
      t.isCarried(2, "nope"),
    ]).toEqual([true, true, false, false, false, false]);
  });

  it("a row none of whose cells was carried is outside the programme, as in SourceTally", () => {
    const t = new TableTally(["a", "b"]);
    t.row(2, ["x", "y"]);
    expect(
      t
        .settle(new Ledger())
        .rows()
        .map((r) => r.reasons),
    ).toEqual([{ "outside-programme": 1 }, { "outside-programme": 1 }]);
  });

  it("reads a repeated column's last cell, as readCsv's row objects keep it", () => {
    const fixes = new Fixes();
    const { header, rows, cells } = readCsv("a;b;a\nx;y;\nz;;w\n", ";", fixes, true);
    expect(rows).toEqual([
      { a: "", b: "y" },
      { a: "w", b: "" },
    ]);
    expect(cells).toEqual([
      ["x", "y", ""],
      ["z", "", "w"],
    ]);
    const t = new TableTally(header);
    cells!.forEach((row, i) => t.row(i + 2, row, t.mask(["a", "b"])));
    expect(
      t
        .settle(new Ledger())
        .rows()
        .map((r) => [r.property, r.seen, r.carried]),
    ).toEqual([
      ["a", 1, 1],
      ["b", 1, 1],
    ]);
  });

  it.each(Array.from({ length: 200 }, (_, i) => i + 1))("random table %i: the same ledger as SourceTally", (seed) => {
    const r = both(seed, seed % 2 ? "not-mapped" : "not-modelled");
    expect(r.table).toEqual(r.source);
    // Same key order too: the --report JSON is the same bytes.
    expect(JSON.stringify(r.table)).toBe(JSON.stringify(r.source));
    expect(r.carried.filter(([x, y]) => x !== y)).toEqual([]);
  });
});
