// The reconciliation index is built on the server's HTTP thread: in slices, with turns of the event loop between
// them, so that a build at a million triples does not hold every other request until it ends.
import { literal, namedNode } from "oxigraph";
import { describe, expect, it } from "vitest";
import { EntityIndex } from "../../src/reconcile/entities.js";
import { familyClasses } from "../../src/reconcile/vocabulary.js";
import type { Bindings, SelectSource } from "../../src/store/types.js";
import { withTurns } from "../helpers/turns.js";

const N = 10_000;
const cls = [...familyClasses().keys()][0]!;
const graph = namedNode("https://a.example/graph");
const source: SelectSource = {
  async select(query) {
    const rows: Bindings[] = [];
    if (query.includes("?s a ?t"))
      for (let i = 0; i < N; i++) rows.push({ g: graph, s: namedNode(`https://a.example/e${i}`), t: namedNode(cls) });
    else if (query.includes("?s ?p ?o"))
      for (let i = 0; i < N; i++)
        rows.push({
          s: namedNode(`https://a.example/e${i}`),
          p: namedNode("http://schema.org/name"),
          o: literal(`Théâtre numéro ${i}`, "fr"),
        });
    return { variables: [], bindings: rows };
  },
};

describe("EntityIndex.build", () => {
  it("gives turns back to the event loop while it reads and indexes, and indexes every row", async () => {
    const { value: index, turns } = await withTurns(() => EntityIndex.build(source));
    // 10,000 typed rows, 10,000 names and two passes over 10,000 entities, in slices of 2,048: about 20 turns.
    expect(turns).toBeGreaterThanOrEqual(15);
    expect(index.size.entities).toBe(N);
    expect(index.name("https://a.example/e9999")?.value).toBe("Théâtre numéro 9999");
    expect(index.withToken("9999")).toEqual(["https://a.example/e9999"]);
  });
});
