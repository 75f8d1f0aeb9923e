// /reconcile/match conditions on the demo season, each test written so that it fails if the field it is about were
// ignored: `required` (filters instead of ranking), `matchQuantifier` (any/all/none changes the score, and none
// excludes), `matchQualifier` (FuzzyMatch, ExactMatch, WildcardMatch change what counts as equal; any other, or one
// that does not apply to the property, is a 400 naming the condition, in English and French).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VivantServer } from "../../src/server/index.js";
import { call, demoServer, type Answer } from "./helpers.js";

const D = "https://data.reseau-scenes.example/";
const QUAI = `${D}venue/grand-quai-nantes`;
const QUAI_NAME = "Le Grand Quai, scène conventionnée de Nantes";
let server: VivantServer;

beforeAll(async () => {
  ({ server } = await demoServer());
}, 60_000);
afterAll(async () => server.close());

interface Cand {
  id: string;
  score: number;
  match: boolean;
  features: { id: string; value: number | boolean }[];
}

function post(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return call(server.url, "reconcile/match", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

async function match(...queries: unknown[]): Promise<Cand[][]> {
  const a = await post({ queries });
  expect(a.status, a.text).toBe(200);
  return (JSON.parse(a.text) as { results: { candidates: Cand[] }[] }).results.map((r) => r.candidates);
}

const name = (value: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  matchType: "name",
  propertyValue: value,
  ...extra,
});
const prop = (propertyId: string, value: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  matchType: "property",
  propertyId,
  propertyValue: value,
  ...extra,
});
const place = (...conditions: unknown[]): Record<string, unknown> => ({ type: "schema:Place", limit: 20, conditions });
const scoreOf = (cands: Cand[] | undefined, id: string): number | undefined => cands?.find((c) => c.id === id)?.score;

describe("required", () => {
  it("a required name condition drops the candidates that only share a word; an optional one keeps them", async () => {
    const [optional, required] = await match(place(name("Quai")), place(name("Quai", { required: true })));
    expect(optional!.map((c) => c.id)).toContain(QUAI);
    expect(required!.map((c) => c.id)).not.toContain(QUAI);
  });
});

describe("matchQuantifier", () => {
  it("all scores lower than any when only one of the values matches (optional conditions)", async () => {
    const [any, all] = await match(
      place(name("Grand Quai"), prop("addressLocality", ["Nantes", "Rennes"], { matchQuantifier: "any" })),
      place(name("Grand Quai"), prop("addressLocality", ["Nantes", "Rennes"], { matchQuantifier: "all" })),
    );
    expect(scoreOf(all, QUAI)).toBeLessThan(scoreOf(any, QUAI)!);
    // all: the least alike of the values (Rennes), any: the most (Nantes).
    const feature = (cands: Cand[] | undefined): unknown =>
      cands!.find((c) => c.id === QUAI)!.features.find((f) => f.id === "property:addressLocality")!.value;
    expect(feature(any)).toBe(1);
    expect(feature(all)).toBeLessThan(0.5);
  });

  it("none lowers the score of a candidate that has the value, and is the opposite of any", async () => {
    const [any, none, without] = await match(
      place(name("Grand Quai"), prop("city", "Nantes")),
      place(name("Grand Quai"), prop("city", "Nantes", { matchQuantifier: "none" })),
      place(name("Grand Quai")),
    );
    expect(scoreOf(none, QUAI)).toBeLessThan(scoreOf(without, QUAI)!);
    expect(scoreOf(any, QUAI)).toBeGreaterThan(scoreOf(without, QUAI)!);
  });

  it("a name condition with all needs every name", async () => {
    const [any, all] = await match(
      place(name([QUAI_NAME, "Théâtre de la Vilaine"], { matchQuantifier: "any" })),
      place(name([QUAI_NAME, "Théâtre de la Vilaine"], { matchQuantifier: "all" })),
    );
    expect(scoreOf(any, QUAI)).toBe(100);
    expect(scoreOf(all, QUAI)).toBeLessThan(80);
  });

  it("an id with none excludes that entity when required, and lowers it and takes away its match when optional", async () => {
    const [required, optional, plain] = await match(
      place(name(QUAI_NAME), { matchType: "id", propertyValue: QUAI, matchQuantifier: "none", required: true }),
      place(name(QUAI_NAME), { matchType: "id", propertyValue: QUAI, matchQuantifier: "none" }),
      place(name(QUAI_NAME)),
    );
    expect(required!.map((c) => c.id)).not.toContain(QUAI);
    expect(plain![0]).toMatchObject({ id: QUAI, score: 100, match: true });
    const lowered = optional!.find((c) => c.id === QUAI)!;
    expect(lowered.score).toBeLessThan(100);
    expect(lowered.match).toBe(false);
  });
});

describe("matchQualifier", () => {
  it("ExactMatch compares names letter for letter; FuzzyMatch (the default) folds case and accents", async () => {
    const folded = "le grand quai, scene conventionnee de nantes";
    const [fuzzy, byDefault, exact, exactRight] = await match(
      place(name(folded, { matchQualifier: "FuzzyMatch", required: true })),
      place(name(folded, { required: true })),
      place(name(folded, { matchQualifier: "ExactMatch", required: true })),
      place(name(QUAI_NAME, { matchQualifier: "ExactMatch", required: true })),
    );
    expect(fuzzy![0]).toMatchObject({ id: QUAI, score: 100 });
    expect(byDefault![0]).toMatchObject({ id: QUAI, score: 100 });
    expect(exact).toEqual([]);
    expect(exactRight!.map((c) => c.id)).toEqual([QUAI]);
  });

  it("WildcardMatch matches whole names with * and ?, case and accents folded", async () => {
    const [star, question, partial] = await match(
      place(name("*grand QU*", { matchQualifier: "WildcardMatch", required: true })),
      place(name("Theatre de la V?laine", { matchQualifier: "WildcardMatch", required: true })),
      place(name("grand qu*", { matchQualifier: "WildcardMatch", required: true })),
    );
    expect(star!.map((c) => c.id)).toContain(QUAI);
    expect(star!.find((c) => c.id === QUAI)!.features).toContainEqual(
      expect.objectContaining({ id: "name", value: 1 }),
    );
    expect(question!.map((c) => c.id)).toEqual([`${D}venue/theatre-vilaine-rennes`]);
    // The whole name must match: it starts with "Le".
    expect(partial).toEqual([]);
  });

  it("WildcardMatch alone on a property finds its candidates among the property's values", async () => {
    const [c] = await match(place(prop("postalCode", "44*", { matchQualifier: "WildcardMatch", required: true })));
    const ids = c!.map((x) => x.id);
    expect(ids).toEqual(expect.arrayContaining([QUAI, `${D}venue/site-embarcaderes-saint-nazaire`]));
    expect(ids).not.toContain(`${D}venue/theatre-vilaine-rennes`);
  });

  it("ExactMatch on a start gives no half credit for the right day at another time", async () => {
    const perf = `${D}performance/traviata-07`;
    const [fuzzy, exact] = await match(
      { type: "schema:Event", conditions: [name("La traviata"), prop("startDate", "2026-11-06T18:00")] },
      {
        type: "schema:Event",
        conditions: [name("La traviata"), prop("startDate", "2026-11-06T18:00", { matchQualifier: "ExactMatch" })],
      },
    );
    expect(fuzzy!.find((c) => c.id === perf)!.features).toContainEqual(
      expect.objectContaining({ id: "property:startDate", value: 0.5 }),
    );
    expect(exact!.find((c) => c.id === perf)!.features).toContainEqual(
      expect.objectContaining({ id: "property:startDate", value: 0 }),
    );
  });

  it("a hostile pattern (many stars) is answered, not stuck", async () => {
    const pattern = `${"*a".repeat(90)}*b`;
    const [c] = await match(place(name(pattern, { matchQualifier: "WildcardMatch" })));
    expect(Array.isArray(c)).toBe(true);
  });

  it("is listed for each property by the property suggest service", async () => {
    const a = await call(server.url, "reconcile/suggest/property?prefix=postal");
    const found = (JSON.parse(a.text) as { result: { id: string; matchQualifiers: { id: string }[] }[] }).result.find(
      (p) => p.id === "postalCode",
    );
    expect(found!.matchQualifiers.map((q) => q.id)).toEqual(["ExactMatch", "WildcardMatch"]);
  });

  const refused: [string, unknown, RegExp][] = [
    [
      "an unknown qualifier",
      place(name("Quai"), prop("postalCode", "44000", { matchQualifier: "skos:closeMatch" })),
      /queries\[0\]\.conditions\[1\]\.matchQualifier.*unknown matchQualifier "skos:closeMatch"/,
    ],
    [
      "a qualifier that does not apply to the property",
      place(prop("startDate", "2026-*", { matchQualifier: "WildcardMatch" })),
      /does not apply to propertyId "startDate"/,
    ],
    [
      "a qualifier on an id condition other than ExactMatch",
      place({ matchType: "id", propertyValue: QUAI, matchQualifier: "FuzzyMatch" }),
      /does not apply to matchType id/,
    ],
    [
      "a pattern with no letter or digit",
      place(name("*?*", { matchQualifier: "WildcardMatch" })),
      /at least one letter or digit/,
    ],
    [
      "a pattern longer than 200 characters",
      place(name(`${"x".repeat(201)}*`, { matchQualifier: "WildcardMatch" })),
      /more than 200/,
    ],
  ];
  for (const [what, query, message] of refused) {
    it(`refuses ${what} with a 400 naming the condition, never ignoring it`, async () => {
      const a = await post({ queries: [query] });
      expect(a.status, a.text).toBe(400);
      const problem = JSON.parse(a.text) as { code: string; detail: string; hint?: string };
      expect(problem.code).toMatch(/^reconcile\//);
      expect(problem.detail).toMatch(message);
    });
  }

  it("explains a refused qualifier in French, with the ones to use", async () => {
    const a = await post(
      { queries: [place(prop("postalCode", "44000", { matchQualifier: "FuzzyMatch" }))] },
      { "accept-language": "fr" },
    );
    expect(a.status).toBe(400);
    const problem = JSON.parse(a.text) as { detail: string; hint: string };
    expect(problem.detail).toContain("ne s'applique pas à");
    expect(problem.hint).toContain("ExactMatch, WildcardMatch");
  });
});
