// Property tests: whatever the input, the mapper returns problems (never throws), and whatever it emits
// expands with jsonld.js in safe mode without dropping a term.

import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonLdToQuads } from "../../src/jsonld/convert.js";
import { mapRecords, toEmbeds, toGraph } from "../../src/mapping/index.js";
import { ACCESSIBILITY_FEATURES, AVAILABILITIES, GENRES, STATUS_KINDS } from "../../src/records/types.js";

const opera = JSON.parse(readFileSync(new URL("../../fixtures/records/opera.json", import.meta.url), "utf8"));

/** Every path (as a key list) inside a JSON value. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function mutate(doc: unknown, path: (string | number)[], op: "set" | "delete", value: unknown): unknown {
  if (path.length === 0) return op === "set" ? value : {};
  const copy = structuredClone(doc) as any;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k];
  const last = path.at(-1)!;
  if (op === "delete") {
    if (Array.isArray(at)) at.splice(Number(last), 1);
    else delete at[last];
  } else at[last] = value;
  return copy;
}

const allPaths = paths(opera);

function checkProblems(result: ReturnType<typeof mapRecords>): void {
  for (const p of result.problems) {
    expect(p.code).toMatch(/^record\//);
    expect(p.path.startsWith("$")).toBe(true);
    expect(p.message.en && p.message.fr && p.hint.en && p.hint.fr).toBeTruthy();
  }
  expect(result.accepted.length + result.rejected.length).toBeGreaterThan(0);
}

describe("the mapper never crashes", () => {
  it("on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        const r = mapRecords(input);
        for (const p of r.problems) expect(p.message.en.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("on a valid document with up to 4 random mutations (values replaced by any JSON, fields removed)", () => {
    const mutation = fc.record({
      path: fc.nat({ max: allPaths.length - 1 }).map((i) => allPaths[i]!),
      op: fc.constantFrom("set" as const, "delete" as const),
      value: fc.jsonValue({ maxDepth: 2 }),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        let doc: unknown = opera;
        for (const m of mutations) {
          try {
            doc = mutate(doc, m.path, m.op, m.value);
          } catch {
            // a later path may not exist after an earlier mutation: skip it
          }
        }
        const r = mapRecords(doc);
        if (r.document) checkProblems(r);
        // No document at all: only a document-level violation may say why.
        else expect(r.problems.some((p) => p.severity === "violation" && p.code.startsWith("record/"))).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});

// Random but structurally valid documents: arbitrary ids and texts, controlled values from the model's lists.
const text = fc.string({ minLength: 1, maxLength: 20, unit: "grapheme" }).filter((s) => s.trim().length > 0);
const langMap = fc.dictionary(fc.constantFrom("fr", "en", "de", "fr-CA", "oc"), text, { minKeys: 1, maxKeys: 3 });
const id = fc
  .string({ minLength: 1, maxLength: 12, unit: "grapheme" })
  .filter((s) => s.trim().length > 0 && !/[\u0000-\u001f]/.test(s));
const validDoc = fc
  .record({
    ids: fc.uniqueArray(id, { minLength: 3, maxLength: 3 }),
    venueName: langMap,
    prodName: langMap,
    description: fc.option(langMap, { nil: undefined }),
    genres: fc.uniqueArray(fc.constantFrom(...GENRES), { maxLength: 3 }),
    perfs: fc.array(
      fc.record({
        day: fc.integer({ min: 1, max: 28 }),
        month: fc.integer({ min: 1, max: 12 }),
        hour: fc.integer({ min: 10, max: 22 }),
        price: fc.option(fc.double({ min: 0, max: 500, noNaN: true }), { nil: undefined }),
        availability: fc.option(fc.constantFrom(...AVAILABILITIES), { nil: undefined }),
        status: fc.option(fc.constantFrom(...STATUS_KINDS.filter((s) => s !== "rescheduled")), { nil: undefined }),
        accessibility: fc.uniqueArray(fc.constantFrom(...ACCESSIBILITY_FEATURES), { maxLength: 3 }),
        category: fc.option(langMap, { nil: undefined }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ ids: [venue, production, person], venueName, prodName, description, genres, perfs }) => ({
    publisher: { id: "pub", name: { fr: "Éditeur" }, baseIri: "https://data.example.org/", licence: "cc-by-4.0" },
    venues: [
      {
        id: venue!,
        name: venueName,
        timeZone: "Europe/Paris",
        address: { addressLocality: "Lille", addressCountry: "FR" },
      },
    ],
    people: [{ id: person!, name: "Personne" }],
    productions: [{ id: production!, name: prodName, ...(description ? { description } : {}), genres }],
    performances: perfs.map((p, i) => ({
      id: `${production}#${i}`,
      production: production!,
      venue: venue!,
      startDate: `2026-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}T${p.hour}:00`,
      ...(p.status ? { status: { kind: p.status } } : {}),
      accessibility: p.accessibility,
      performers: [{ person: person!, roleName: prodName }],
      offers:
        p.price === undefined
          ? []
          : [
              {
                price: p.price,
                priceCurrency: "EUR",
                ...(p.availability ? { availability: p.availability } : {}),
                ...(p.category ? { category: p.category } : {}),
              },
            ],
    })),
  }));

describe("whatever is emitted expands in jsonld.js safe mode without dropping a term", () => {
  it("graph form: jsonld.toRDF(safe) gives exactly the direct quads' count", async () => {
    await fc.assert(
      fc.asyncProperty(validDoc, async (doc) => {
        const r = mapRecords(doc);
        expect(r.problems.filter((p) => p.severity === "violation")).toEqual([]);
        const quads = await jsonLdToQuads(toGraph(r.document!), { safe: true });
        expect(quads.length).toBe(r.quads.length);
      }),
      { numRuns: 60 },
    );
  });

  it("embed form: every document expands in safe mode with the pinned schema.org context", async () => {
    await fc.assert(
      fc.asyncProperty(validDoc, async (doc) => {
        const r = mapRecords(doc);
        for (const embed of toEmbeds(r.document!).values()) {
          const quads = await jsonLdToQuads(embed, { safe: true });
          expect(quads.length).toBeGreaterThan(3);
        }
      }),
      { numRuns: 25 },
    );
  });
});
