// Golden tests: each fixtures/golden/<name>.records.json with its expected graph JSON-LD, canonical N-Quads and
// embed form beside it. A missing golden file fails the test: write it with
// `UPDATE_GOLDEN=1 npx vitest run test/mapping/golden.test.ts`, then read the diff before committing.

import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import canonize from "rdf-canonize";
import { describe, expect, it } from "vitest";
import { mapRecords, toEmbeds, toGraph } from "../../src/mapping/index.js";

const dir = new URL("../../fixtures/golden/", import.meta.url);
const names = readdirSync(dir)
  .filter((f) => f.endsWith(".records.json"))
  .map((f) => f.replace(".records.json", ""));
const update = process.env.UPDATE_GOLDEN === "1";

const REGENERATE = "UPDATE_GOLDEN=1 npx vitest run test/mapping/golden.test.ts";

function check(file: string, actual: string): void {
  const url = new URL(file, dir);
  if (update) writeFileSync(url, actual);
  if (!existsSync(url))
    expect.fail(`fixtures/golden/${file} is missing: write it with \`${REGENERATE}\` and review it`);
  expect(actual).toBe(readFileSync(url, "utf8"));
}

describe.each(names)("golden %s", (name) => {
  const input = JSON.parse(readFileSync(new URL(`${name}.records.json`, dir), "utf8"));
  const result = mapRecords(input);

  it("maps every record without a problem", () => {
    expect(result.problems).toEqual([]);
    expect(result.rejected).toEqual([]);
  });

  it("gives the expected graph JSON-LD", () => {
    check(`${name}.graph.jsonld`, `${JSON.stringify(toGraph(result.document!), null, 2)}\n`);
  });

  it("gives the expected canonical N-Quads", async () => {
    check(`${name}.nq`, await canonize.canonize(result.quads, { algorithm: "RDFC-1.0" }));
  });

  // Embeds are made for performances and series only: a fixture with neither has no embed golden file, and
  // must give no embed (a golden file left beside such a fixture, or an embed appearing, fails).
  it("gives the expected embed form", () => {
    const embeds = [...toEmbeds(result.document!, { lang: "fr" }).values()];
    const file = `${name}.embed.jsonld`;
    const makesEmbeds = (result.document!.performances?.length ?? 0) + (result.document!.series?.length ?? 0) > 0;
    if (makesEmbeds) {
      expect(embeds.length).toBeGreaterThan(0);
      check(file, `${JSON.stringify(embeds, null, 2)}\n`);
    } else {
      expect(embeds).toEqual([]);
      expect(existsSync(new URL(file, dir))).toBe(false);
    }
  });
});
