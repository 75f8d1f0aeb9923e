// GraphSet (src/store/graph-set.ts): the graphs' facts and the write queue shared by the three stores.

import { DataFactory } from "n3";
import { describe, expect, it } from "vitest";
import { GraphSet, serialiseGraphText } from "../../src/store/graph-set.js";

const { namedNode, quad, literal } = DataFactory;
const meta = { publisherId: "a", licence: "cc-by-4.0" };
const triple = (s: string) => quad(namedNode(s), namedNode("https://schema.org/name"), literal("x"));

describe("GraphSet", () => {
  it("runs queued writes one at a time, in call order, and a failure does not stop the queue", async () => {
    const set = new GraphSet();
    const order: string[] = [];
    const slow = set.serialised(async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push("first");
    });
    const failing = set.serialised(async () => {
      order.push("second");
      throw new Error("boom");
    });
    const third = set.serialised(async () => {
      order.push("third");
      return 3;
    });
    await slow;
    await expect(failing).rejects.toThrow("boom");
    await expect(third).resolves.toBe(3);
    await set.idle();
    expect(order).toEqual(["first", "second", "third"]);
  });

  it("prepares a replace at the next version, and refuses statements about another graph's resources", () => {
    const set = new GraphSet();
    const a = "https://a.example/graph";
    const first = set.prepare(a, [triple("https://a.example/p/1")], meta, serialiseGraphText);
    expect(first.info.version).toBe(1);
    expect(first.previous).toBeUndefined();
    set.set(first.info);
    const second = set.prepare(
      a,
      [triple("https://a.example/p/1"), triple("https://a.example/p/2")],
      meta,
      serialiseGraphText,
    );
    expect(second.info.version).toBe(2);
    expect(second.info.triples).toBe(2);
    expect(second.previous).toBe(first.info);
    set.set(second.info);
    expect(set.triples).toBe(2);
    expect(set.list().map((g) => g.graphIri)).toEqual([a]);
    // B's graph may not state anything about A's resources.
    expect(() =>
      set.prepare(
        "https://b.example/graph",
        [triple("https://a.example/p/1")],
        { publisherId: "b", licence: "cc-by-4.0" },
        serialiseGraphText,
      ),
    ).toThrow(/a\.example/);
  });
});
