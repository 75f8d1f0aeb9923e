import { describe, expect, it } from "vitest";
import type { Problem } from "../../../src/errors.js";
import { RecordCheck } from "../../../src/records/parse/check.js";
import { normalizeIds } from "../../../src/records/parse/ids.js";

function run(ids: Parameters<typeof normalizeIds>[0], sameAs?: readonly string[]) {
  const problems: Problem[] = [];
  const c = new RecordCheck(problems, "person", "p1");
  const out = normalizeIds(ids, sameAs, "$.people[0]", c);
  return { out, problems };
}

describe("normalizeIds", () => {
  it("gives nothing for no ids and no sameAs", () => {
    expect(run(undefined)).toEqual({ out: {}, problems: [] });
  });
  it("adds the ids' IRIs after the record's sameAs, deduplicated, order kept, and keeps a SIRET as an id", () => {
    const { out, problems } = run({ wikidata: "Q7317", isni: "0000 0001 2141 6468", siret: "73282932000074" }, [
      "https://example.org/verdi",
      "https://www.wikidata.org/wiki/Q7317",
    ]);
    expect(problems).toEqual([]);
    expect(out).toEqual({
      sameAs: [
        "https://example.org/verdi",
        "http://www.wikidata.org/entity/Q7317",
        "https://isni.org/isni/0000000121416468",
      ],
      ids: { siret: "73282932000074" },
    });
  });
  it("writes known identifier URLs in sameAs in their canonical form, and others as they are", () => {
    const { out } = run(undefined, ["http://isni.org/isni/0000 0001 2141 6468", "https://www.wikidata.org/wiki/Q1x"]);
    expect(out.sameAs).toEqual(["https://isni.org/isni/0000000121416468", "https://www.wikidata.org/wiki/Q1x"]);
  });
  it("reports an invalid id as record/invalid-identifier at its path, with the scheme's example, and drops it", () => {
    const { out, problems } = run({ isni: "0000 0001 2141 6469", wikidata: "Q5" });
    expect(out).toEqual({ sameAs: ["http://www.wikidata.org/entity/Q5"] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: "record/invalid-identifier",
      path: "$.people[0].ids.isni",
      value: "0000 0001 2141 6469",
    });
    expect(problems[0]!.message.en).toBe('ids.isni "0000 0001 2141 6469" is not a valid isni identifier');
    expect(problems[0]!.hint?.en).toContain("16 characters");
  });
  it("skips ids that are not strings (their type is the structural check's to report)", () => {
    expect(run({ wikidata: 5 as never })).toEqual({ out: {}, problems: [] });
  });
});
