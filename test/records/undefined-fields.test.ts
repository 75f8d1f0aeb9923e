// With exactOptionalPropertyTypes, the record types say `field?: T | undefined`: a vendor may pass an explicit
// `undefined` for "not given". This checks the mapping means it: the same quads and embeds as with the key absent.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { mapRecords, toEmbeds, type RecordDocument } from "../../src/index.js";

const doc = JSON.parse(
  readFileSync(new URL("../../fixtures/demo-season.json", import.meta.url), "utf8"),
) as RecordDocument;

/** Every optional key the demo season leaves out, spelled out as `undefined`. */
function withUndefined(d: RecordDocument): RecordDocument {
  return {
    ...d,
    venues: d.venues?.map((v) => ({
      ...v,
      url: v.url,
      description: v.description,
      geo: v.geo,
      addressText: v.addressText,
      timeZone: v.timeZone,
    })),
    performances: d.performances?.map((p) => ({
      ...p,
      endDate: p.endDate,
      status: p.status,
      hall: p.hall,
      doorTime: p.doorTime,
      url: p.url,
    })),
  };
}

describe("an explicit undefined is the same as an absent field", () => {
  const spelled = withUndefined(doc);
  test("the fixture really gains undefined keys", () => {
    const keys = (spelled.performances ?? []).flatMap((p) => Object.entries(p).filter(([, v]) => v === undefined));
    expect(keys.length).toBeGreaterThan(0);
  });
  const lines = (d: RecordDocument): string[] =>
    mapRecords(d)
      .quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}`)
      .sort();
  test("same quads and problems", () => {
    const a = lines(doc);
    expect(a.length).toBeGreaterThan(100);
    expect(lines(spelled)).toEqual(a);
    expect(mapRecords(spelled).problems).toEqual(mapRecords(doc).problems);
  });
  test("same embeds", () => {
    const a = toEmbeds(doc);
    const b = toEmbeds(spelled);
    expect(a.size).toBeGreaterThan(0);
    expect(JSON.stringify([...b])).toBe(JSON.stringify([...a]));
  });
});
