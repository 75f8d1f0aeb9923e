// DocumentTally (the UiTdatabank importer's account, node after node into one set of counts) settles exactly as
// SourceTally (the general account, a map per node) for the same nodes, values and outcomes: same ledger, same
// bytes of JSON. Checked on a fixed case and on seeded random sources (repeated values, carried after seen,
// rejected and outside-programme nodes, empty nodes, many properties).

import { describe, expect, it } from "vitest";
import { Ledger, SourceTally, type NotCarriedReason } from "../../src/harvest/ledger.js";
import { DocumentTally } from "../../src/import/documentTally.js";
import { mulberry32 } from "../../bench/generate.js";

function both(seed: number, unmarked: NotCarriedReason) {
  const rnd = mulberry32(seed);
  const props = Array.from({ length: 1 + Math.floor(rnd() * 120) }, (_, i) => `p${i}`);
  const doc = new DocumentTally();
  const source = new SourceTally();
  for (let n = 0; n < Math.floor(rnd() * 60); n++) {
    const name = `node ${n}`;
    const r = rnd();
    const reason: NotCarriedReason | undefined = r < 0.15 ? "rejected" : r < 0.3 ? "outside-programme" : undefined;
    doc.node(reason);
    for (let v = 0; v < Math.floor(rnd() * 25); v++) {
      const p = props[Math.floor(rnd() * props.length)]!;
      const carried = rnd() < 0.5;
      doc.seen(doc.id(p), carried);
      source.seen(name, p, carried);
    }
    if (reason) source.reject(name, reason);
  }
  return {
    doc: doc.settle(new Ledger(), (p) => p, unmarked).toJSON(),
    source: source.settle(new Ledger(), undefined, (p) => p, unmarked).toJSON(),
  };
}

describe("DocumentTally", () => {
  it("settles a fixed source as SourceTally does: carried once seen carried, rejected nodes, nodes with nothing carried", () => {
    const t = new DocumentTally();
    const [name, price, note] = [t.id("name"), t.id("price"), t.id("note")];
    t.node();
    t.seen(name, false);
    t.seen(name, true);
    t.seen(note, false);
    t.node("rejected");
    t.seen(name, true);
    t.seen(price, true);
    t.node();
    t.seen(note, false);
    expect(t.settle(new Ledger()).rows()).toEqual([
      { property: "name", seen: 2, carried: 1, repaired: 0, notCarried: 1, fixes: {}, reasons: { rejected: 1 } },
      {
        property: "note",
        seen: 2,
        carried: 0,
        repaired: 0,
        notCarried: 2,
        fixes: {},
        reasons: { "not-modelled": 1, "outside-programme": 1 },
      },
      { property: "price", seen: 1, carried: 0, repaired: 0, notCarried: 1, fixes: {}, reasons: { rejected: 1 } },
    ]);
  });

  it.each(Array.from({ length: 200 }, (_, i) => i + 1))("random source %i: the same ledger as SourceTally", (seed) => {
    const r = both(seed, seed % 2 ? "not-mapped" : "not-modelled");
    expect(r.doc).toEqual(r.source);
    expect(JSON.stringify(r.doc)).toBe(JSON.stringify(r.source));
  });
});
