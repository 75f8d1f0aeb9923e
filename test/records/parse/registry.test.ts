import { describe, expect, it } from "vitest";
import type { Problem } from "../../../src/errors.js";
import { RecordCheck } from "../../../src/records/parse/check.js";
import { checkAgents, checkRef, REJECTED, type Registry } from "../../../src/records/parse/registry.js";

const verdi = { id: "verdi", name: "Giuseppe Verdi" };

function registry(): Registry {
  return {
    records: new Map<never, Map<string, unknown>>([
      [
        "people" as never,
        new Map<string, unknown>([
          ["verdi", verdi],
          ["ghost", REJECTED],
        ]),
      ],
    ]),
    halls: new Map(),
    allHalls: new Map(),
  };
}

function check(): { c: RecordCheck; problems: Problem[] } {
  const problems: Problem[] = [];
  return { c: new RecordCheck(problems, "work", "w1"), problems };
}

describe("checkRef", () => {
  it("gives the accepted record a reference names, with no problem", () => {
    const { c, problems } = check();
    expect(checkRef(registry(), "people", "verdi", c, "$.works[0]", "composer")).toBe(verdi);
    expect(problems).toEqual([]);
  });
  it("reports a reference to a rejected record as record/rejected-reference, at its path", () => {
    const { c, problems } = check();
    expect(checkRef(registry(), "people", "ghost", c, "$.works[0]", "composers", 1, "person")).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: "record/rejected-reference",
      path: "$.works[0].composers[1].person",
      value: "ghost",
    });
    expect(problems[0]!.message.en).toBe('person "ghost" was rejected, so this record cannot refer to it');
  });
  it("reports a reference to no record, or to a collection not seen yet, as record/unknown-reference", () => {
    const { c, problems } = check();
    expect(checkRef(registry(), "people", "puccini", c, "$.works[0]", "composer")).toBeUndefined();
    expect(checkRef(registry(), "venues", "v1", c, "$.works[0]", "venue")).toBeUndefined();
    expect(problems.map((p) => [p.code, p.path, p.message.en])).toEqual([
      ["record/unknown-reference", "$.works[0].composer", 'no person has id "puccini"'],
      ["record/unknown-reference", "$.works[0].venue", 'no venue has id "v1"'],
    ]);
  });
});

describe("checkAgents", () => {
  it("checks each agent's person and organization at its index, and nothing for no list", () => {
    const { c, problems } = check();
    checkAgents(registry(), undefined, "$.works[0]", "composers", c);
    expect(problems).toEqual([]);
    checkAgents(
      registry(),
      [{ person: "verdi" }, { person: "nobody" }, { organization: "orch" }],
      "$.works[0]",
      "cast",
      c,
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ["record/unknown-reference", "$.works[0].cast[1].person"],
      ["record/unknown-reference", "$.works[0].cast[2].organization"],
    ]);
  });
});
