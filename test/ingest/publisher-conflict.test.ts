// Two record documents of one publisher loaded together must describe it alike: otherwise the last one's licence,
// base IRI or name would silently win in the catalog (load/conflicting-publisher).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isInputError } from "../../src/errors.js";
import { prepareGraph } from "../../src/ingest/prepare.js";

const demo = JSON.parse(readFileSync(new URL("../../fixtures/demo-season.json", import.meta.url), "utf8")) as {
  publisher: Record<string, unknown> & { name: Record<string, string> };
};
const withPublisher = (changes: Record<string, unknown>) => ({ ...demo, publisher: { ...demo.publisher, ...changes } });

async function refusal(second: unknown): Promise<unknown> {
  try {
    await prepareGraph(
      [
        { records: demo, source: "a.json" },
        { records: second, source: "b.json" },
      ],
      {},
    );
  } catch (e) {
    return e;
  }
  return undefined;
}

describe("record documents of one publisher loaded together", () => {
  it("are accepted when they describe the publisher alike (its name's languages in any order)", async () => {
    const reordered = Object.fromEntries(Object.entries(demo.publisher.name).reverse());
    const prepared = await prepareGraph(
      [
        { records: demo, source: "a.json" },
        { records: withPublisher({ name: reordered }), source: "b.json" },
      ],
      {},
    );
    expect(prepared.meta.publisherId).toBe(demo.publisher.id);
  });

  for (const [field, value] of [
    ["licence", "cc0-1.0"],
    ["baseIri", "https://other.example/"],
    ["name", { fr: "Un autre nom" }],
    ["url", "https://other.example/"],
  ] as const)
    it(`are refused when their ${field} differs, naming the file, the field and both values`, async () => {
      expect(demo.publisher[field]).not.toEqual(value);
      const e = await refusal(withPublisher({ [field]: value }));
      expect(isInputError(e)).toBe(true);
      const err = e as { code: string; message: string };
      expect(err.code).toBe("load/conflicting-publisher");
      expect(err.message).toContain("b.json");
      expect(err.message).toContain(field);
      expect(err.message).toContain(JSON.stringify(value).slice(0, 12));
    });
});
