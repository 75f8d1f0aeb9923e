import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Problem } from "../../src/errors.js";
import { parseRecords } from "../../src/records/parse.js";

const opera = JSON.parse(readFileSync(new URL("../../fixtures/records/opera.json", import.meta.url), "utf8"));
const clone = (): any => structuredClone(opera);

function only(problems: readonly Problem[], code: string): Problem {
  const found = problems.filter((p) => p.code === code);
  expect(found, `expected exactly one ${code} in ${JSON.stringify(problems.map((p) => p.code))}`).toHaveLength(1);
  return found[0]!;
}

/** "code path" of each problem. */
function problemPaths(problems: readonly Problem[]): string[] {
  return problems.map((p) => `${p.code} ${p.path}`);
}

function expectComplete(p: Problem): void {
  for (const lang of ["en", "fr"] as const) {
    expect(p.message[lang].length).toBeGreaterThan(5);
    expect(p.hint[lang].length).toBeGreaterThan(5);
    expect(p.expected[lang].length).toBeGreaterThan(2);
  }
  expect(p.message.en).not.toBe(p.message.fr);
}

describe("parseRecords: good input", () => {
  it("accepts every record of the opera fixture and reports nothing", () => {
    const r = parseRecords(opera);
    expect(r.problems).toEqual([]);
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toHaveLength(1 + 1 + 3 + 1 + 1 + 1 + 3);
  });

  it("normalises local times with the venue's zone and ids to sameAs IRIs", () => {
    const doc = parseRecords(opera).document!;
    expect(doc.performances![0]!.startDate).toBe("2026-10-24T20:00:00+02:00");
    expect(doc.performances![0]!.offers![0]!.validFrom).toBe("2026-06-01T10:00:00+02:00");
    expect(doc.performances![1]!.status!.previousStartDate).toBe("2026-10-25T20:00:00+01:00");
    expect(doc.performances![2]!.startDate).toBe("2026-11-02T20:00:00"); // online, no zone: stays local
    expect(doc.people![0]!.sameAs).toEqual(["http://www.wikidata.org/entity/Q7317"]);
    expect(doc.organizations![0]!.ids).toEqual({ siret: "73282932000074" });
  });
});

describe("parseRecords: bad input gives every problem at once, with record, path, expectation and hint", () => {
  it("names record, field, value and the fix for an impossible date", () => {
    const d = clone();
    d.performances[0].startDate = "2026-13-01T20:00";
    const r = parseRecords(d);
    const p = only(r.problems, "record/invalid-date-time");
    expect(p).toMatchObject({
      entity: "performance",
      recordId: "p-1",
      path: "$.performances[0].startDate",
      value: "2026-13-01T20:00",
      severity: "violation",
    });
    expect(p.hint.en).toContain("2026-11-20T20:00");
    expectComplete(p);
    expect(r.rejected.map((x) => x.recordId)).toEqual(["p-1"]);
    expect(r.document!.performances!.map((x) => x.id)).toEqual(["p-2", "p-3"]);
  });

  it("reports wrong types, unknown references, end before start, malformed IRIs, empty names and unknown enums together", () => {
    const d = clone();
    d.venues[0].maximumAttendeeCapacity = "1100";
    d.performances[0].production = "pr-missing";
    d.performances[0].endDate = "2026-10-24T19:00";
    d.performances[1].url = "www.opera-lyon.example/p-2";
    d.productions[0].name = { fr: "  " };
    d.performances[2].status = { kind: "canceled" };
    const r = parseRecords(d);
    const codes = problemPaths(r.problems).sort();
    expect(codes).toEqual([
      "record/empty-text $.productions[0].name.fr",
      "record/end-before-start $.performances[0].endDate",
      "record/invalid-iri $.performances[1].url",
      "record/invalid-type $.venues[0].maximumAttendeeCapacity",
      "record/rejected-reference $.performances[0].hall",
      "record/rejected-reference $.performances[0].venue",
      "record/rejected-reference $.performances[1].hall",
      "record/rejected-reference $.performances[1].production",
      "record/rejected-reference $.performances[1].venue",
      "record/rejected-reference $.performances[2].production",
      "record/unknown-reference $.performances[0].production",
      "record/unknown-value $.performances[2].status.kind",
    ]);
    const typo = only(r.problems, "record/unknown-value");
    expect(typo.hint.en).toBe('did you mean "cancelled"?');
    expect(typo.hint.fr).toBe("vouliez-vous dire « cancelled » ?");
    for (const p of r.problems) expectComplete(p);
  });

  it("rejects what refers to a rejected record, and says which one to fix first", () => {
    const d = clone();
    d.productions[0].duration = "2h45";
    const r = parseRecords(d);
    expect(r.rejected.map((x) => `${x.entity}:${x.recordId}`)).toEqual([
      "production:pr-traviata",
      "performance:p-1",
      "performance:p-2",
      "performance:p-3",
    ]);
    const cascade = r.problems.filter((p) => p.code === "record/rejected-reference");
    expect(cascade).toHaveLength(3);
    expect(cascade[0]!.hint.en).toContain('fix production "pr-traviata" first');
  });

  it("refuses a local time that does not exist, or exists twice, in the venue's zone", () => {
    const d = clone();
    d.performances[0].startDate = "2027-03-28T02:30";
    d.performances[1].startDate = "2026-10-25T02:30";
    const r = parseRecords(d);
    expect(only(r.problems, "record/nonexistent-local-time").path).toBe("$.performances[0].startDate");
    const amb = only(r.problems, "record/ambiguous-local-time");
    expect(amb.message.en).toContain("+01:00, +02:00");
  });

  it("checks status rules, prices without currency, halls of another venue and free-with-price", () => {
    const d = clone();
    d.venues.push({ id: "v-2", name: { fr: "Autre lieu" }, halls: [{ id: "h-x", name: { fr: "X" } }] });
    d.performances[0].hall = "h-x";
    d.performances[0].offers[0].priceCurrency = undefined;
    d.performances[1].status = { kind: "cancelled", previousStartDate: "2026-10-25T20:00" };
    d.performances[2].offers = [{ price: 10, priceCurrency: "EUR" }];
    const r = parseRecords(d);
    expect(r.problems.map((p) => p.code).sort()).toEqual([
      "record/free-with-price",
      "record/hall-not-in-venue",
      "record/previous-start-without-rescheduled",
      "record/price-without-currency",
    ]);
    expect(only(r.problems, "record/hall-not-in-venue").hint.en).toContain('set venue to "v-2"');
  });

  it("names the indexed field behind cross-record problems (agents, works, offers)", () => {
    const d = clone();
    d.performances[0].performers[1].person = "nobody";
    d.productions[0].works = ["w-traviata", "w-missing"];
    d.performances[0].offers[1].priceCurrency = undefined;
    d.performances[0].offers[1].validFrom = "2026-03-29T02:30";
    expect(problemPaths(parseRecords(d).problems)).toEqual(
      expect.arrayContaining([
        "record/nonexistent-local-time $.performances[0].offers[1].validFrom",
        "record/price-without-currency $.performances[0].offers[1].priceCurrency",
        "record/unknown-reference $.performances[0].performers[1].person",
        "record/unknown-reference $.productions[0].works[1]",
      ]),
    );
  });

  it("finds offers of one performance with the same id, explicit or by position", () => {
    const d = clone();
    d.performances[0].offers = [
      { id: "2", price: 10, priceCurrency: "EUR" },
      { price: 5, priceCurrency: "EUR" },
    ];
    expect(only(parseRecords(d).problems, "record/duplicate-id").path).toBe("$.performances[0].offers[1].id");
    d.performances[0].offers[0].id = "plein";
    expect(parseRecords(d).problems.filter((p) => p.code === "record/duplicate-id")).toEqual([]);
  });

  it("verifies identifiers' check digits instead of publishing a wrong sameAs", () => {
    const d = clone();
    d.people[0].ids = { wikidata: "Q7317", isni: "0000 0001 2141 6464" };
    const r = parseRecords(d);
    expect(only(r.problems, "record/invalid-identifier").path).toBe("$.people[0].ids.isni");
  });

  it("names nested fields in structural problems, record after record (arrays, objects, language maps, one-of)", () => {
    const d = clone();
    d.publisher.name = { fr: "" };
    d.performances[0].offers[1].price = "vingt";
    d.performances[0].offers[0].category = { "f r": "plein" };
    d.performances[0].performers[0] = { person: d.performances[0].performers[0].person ?? "x", organization: "y" };
    d.performances[0].offers[1].prix = 3;
    d.performances[1].inLanguage = ["fr", 5];
    d.performances[1].status = { kind: "maybe" };
    d.performances[2].audienceAge = { min: "six" };
    expect(problemPaths(parseRecords(d).problems)).toEqual(
      expect.arrayContaining([
        "record/empty-text $.publisher.name.fr",
        "record/invalid-type $.performances[0].offers[1].price",
        "record/invalid-language $.performances[0].offers[0].category.f r",
        "record/invalid-reference $.performances[0].performers[0]",
        "record/unknown-field $.performances[0].offers[1].prix",
        "record/invalid-type $.performances[1].inLanguage[1]",
        "record/unknown-value $.performances[1].status.kind",
        "record/invalid-type $.performances[2].audienceAge.min",
      ]),
    );
  });

  it("warns on unknown fields with the closest name, and does not lose the record", () => {
    const d = clone();
    d.performances[0].statDate = "2026-10-24T20:00";
    const r = parseRecords(d);
    const p = only(r.problems, "record/unknown-field");
    expect(p.severity).toBe("warning");
    expect(p.hint.en).toBe('did you mean "startDate"?');
    expect(r.rejected).toEqual([]);
    // The unknown field is left out of the normalised record; the input is not changed.
    expect(r.document!.performances![0]).not.toHaveProperty("statDate");
    expect(d.performances[0].statDate).toBe("2026-10-24T20:00");
  });

  it("takes no inherited name (constructor, toString) for a field: it is reported unknown and left out", () => {
    const d = clone();
    d.performances[0].constructor = "x";
    d.people[0].toString = "y";
    const r = parseRecords(d);
    expect(problemPaths(r.problems).sort()).toEqual([
      "record/unknown-field $.people[0].toString",
      "record/unknown-field $.performances[0].constructor",
    ]);
    expect(r.rejected).toEqual([]);
    expect(Object.keys(r.document!.performances![0]!)).not.toContain("constructor");
    expect(Object.keys(r.document!.people![0]!)).not.toContain("toString");
  });

  it("rejects duplicate ids", () => {
    const d = clone();
    d.people[1].id = "verdi";
    expect(only(parseRecords(d).problems, "record/duplicate-id").path).toBe("$.people[1].id");
  });

  it("maps nothing without a usable publisher, but still reports every record's problems", () => {
    const d = clone();
    d.publisher.baseIri = "https://data.example.org/no-slash";
    d.performances[0].startDate = "yesterday";
    const r = parseRecords(d);
    expect(r.document).toBeUndefined();
    expect(r.accepted).toEqual([]);
    expect(r.problems.map((p) => p.code).sort()).toEqual(["record/invalid-date-time", "record/invalid-iri"]);
  });

  it("treats null as absent at any depth, and ignores unknown identifier schemes (found by fast-check)", () => {
    const d = clone();
    d.series[0].startDate = null;
    d.venues[0].address.streetAddress = null;
    d.organizations[0].ids = { "": {}, siret: "73282932000074" };
    const r = parseRecords(d);
    expect(r.rejected).toEqual([]);
    expect(problemPaths(r.problems)).toEqual(["record/unknown-field $.organizations[0].ids."]);
    expect(r.document!.series![0]).not.toHaveProperty("startDate");
    expect(r.document!.venues![0]!.address).not.toHaveProperty("streetAddress");
  });

  it("drops nulls from a value nested 100,000 levels deep without overflowing the call stack", () => {
    // An offer {"a": {"a": … null}} beside a null field: the unknown key is kept (a warning), and the copy that
    // drops nulls once recursed one call per level (a RangeError, and quadratic time).
    const d = clone();
    let deep: unknown = null;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    d.performances[0].offers[0] = deep;
    d.performances[0].doorTime = null;
    const r = parseRecords(d);
    expect(problemPaths(r.problems)).toContain(`record/unknown-field $.performances[0].offers[0].a`);
    expect(r.document!.performances![0]).not.toHaveProperty("doorTime");
  });

  it.each([[null], [42], ["text"], [[]], [[{}]]])("never throws on %j", (input) => {
    const r = parseRecords(input);
    expect(r.document).toBeUndefined();
    expect(r.problems.length).toBeGreaterThan(0);
  });
});
