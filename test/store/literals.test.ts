// Typed literals through the store. Oxigraph keeps typed literals by value and gives them back in one form; the
// mapper writes exactly that form (src/rdf/lexical.ts), so `vivant map` and a Graph Store GET of the same records
// give the same literals, term for term. What the store does to other data is stated here (and in the README).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { DataFactory, Parser } from "n3";
import type { Quad, Term } from "@rdfjs/types";
import { mapRecords } from "../../src/mapping/index.js";
import { GraphStore } from "../../src/store/index.js";
import { dateTimeLexical, decimalLexical, durationLexical } from "../../src/rdf/lexical.js";
import type { VivantServer } from "../../src/server/index.js";
import { call, DEMO_GRAPH, DEMO_TEXT, demoServer } from "../server/helpers.js";

const XSD = "http://www.w3.org/2001/XMLSchema#";
const { namedNode, literal, quad } = DataFactory;
const key = (t: Term): string =>
  t.termType === "Literal"
    ? `${JSON.stringify(t.value)}^^${(t as { datatype: Term }).datatype.value}@${(t as { language: string }).language}`
    : t.value;

let store: GraphStore;
beforeAll(async () => {
  store = await GraphStore.open();
});
afterAll(() => store?.close());

/** Each literal through the store: what a query gives back for it. */
async function roundTrip(values: readonly string[], datatype: string): Promise<string[]> {
  const g = "https://literals.example/graph";
  const quads = values.map(
    (v, i) =>
      quad(
        namedNode(`https://literals.example/s${i}`),
        namedNode("https://literals.example/p"),
        literal(v, namedNode(`${XSD}${datatype}`)),
      ) as Quad,
  );
  await store.replaceGraph(g, quads, { publisherId: "literals", licence: "etalab-2.0" });
  const back = await store.construct(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${g}> { ?s ?p ?o } }`);
  const bySubject = new Map(back.map((q) => [q.subject.value, q.object]));
  return values.map((_, i) => {
    const o = bySubject.get(`https://literals.example/s${i}`)!;
    return (o as { datatype: Term }).datatype.value === `${XSD}${datatype}`
      ? o.value
      : `${o.value}^^${(o as { datatype: Term }).datatype.value}`;
  });
}

describe("the mapper writes the forms the store keeps", () => {
  it("gives the same literals for the demo season in `vivant map` and in a Graph Store GET", async () => {
    let server: VivantServer | undefined;
    try {
      ({ server } = await demoServer());
      const get = await call(server.url, `graph-store?graph=${encodeURIComponent(DEMO_GRAPH)}`, {
        headers: { accept: "application/n-triples" },
      });
      expect(get.status).toBe(200);
      const served = new Parser({ format: "application/n-triples" }).parse(get.text);
      const mapped = mapRecords(JSON.parse(DEMO_TEXT)).quads;
      const literals = (qs: readonly Quad[]): string[] =>
        qs
          .filter((q) => q.object.termType === "Literal")
          .map(
            (q) =>
              `${q.subject.termType === "BlankNode" ? "_" : q.subject.value} ${q.predicate.value} ${key(q.object)}`,
          )
          .sort();
      const a = literals(mapped);
      const b = literals(served);
      const missing = a.filter((x) => !new Set(b).has(x));
      console.log(
        `demo season: ${a.length} literal triples mapped, ${b.length} served, ${missing.length} differ${missing.length ? `, e.g. ${missing.slice(0, 3).join(" | ")}` : ""}`,
      );
      expect(missing).toEqual([]);
      expect(b).toEqual(a);
    } finally {
      await server?.close();
    }
  });

  it("decimals, durations and date-times in the mapper's form are given back unchanged by the store", async () => {
    const decimals = fc.sample(
      fc.oneof(
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((d) => Math.round(d * 100) / 100),
      ),
      { numRuns: 300, seed: 13 },
    );
    const decimalForms = decimals.map(decimalLexical);
    expect(await roundTrip(decimalForms, "decimal")).toEqual(decimalForms);

    const durations = fc.sample(
      fc
        .record({
          y: fc.nat(3),
          mo: fc.nat(30),
          d: fc.nat(40),
          h: fc.nat(50),
          mi: fc.nat(200),
          s: fc.nat(200),
          neg: fc.boolean(),
        })
        .map(
          ({ y, mo, d, h, mi, s, neg }) =>
            `${neg ? "-" : ""}P${y ? `${y}Y` : ""}${mo ? `${mo}M` : ""}${d ? `${d}D` : ""}${h || mi || s ? `T${h ? `${h}H` : ""}${mi ? `${mi}M` : ""}${s ? `${s}S` : ""}` : ""}`,
        )
        .filter((t) => t !== "P" && t !== "-P"),
      { numRuns: 300, seed: 13 },
    );
    const written = [...durations, "PT1H05M", "PT90M", "P0D", "PT0S", "PT2H30M", "P1DT24H", "PT1.50S"];
    const stored = await roundTrip(written, "duration");
    expect(written.map(durationLexical)).toEqual(stored);
    expect(await roundTrip(stored, "duration")).toEqual(stored);

    const dates = [
      "2026-11-20T20:00:00+01:00",
      "2026-11-20T20:00:00Z",
      "2026-11-20T20:00:00+00:00",
      "2026-11-20T20:00:00.000Z",
      "2026-11-20T20:00:00.500-05:00",
      "2026-11-20T20:00:00",
    ];
    expect(dates.map(dateTimeLexical)).toEqual(await roundTrip(dates, "dateTime"));
    const days = ["2026-11-20", "2026-11-20+00:00", "2026-11-20+02:00"];
    expect(days.map(dateTimeLexical)).toEqual(await roundTrip(days, "date"));
  });
});

describe("what the store does to other typed literals (documented in the README)", () => {
  it("keeps them by value: integer types become xsd:integer, numbers lose leading and trailing zeros", async () => {
    expect(await roundTrip(["5"], "int")).toEqual([`5^^${XSD}integer`]);
    expect(await roundTrip(["7"], "nonNegativeInteger")).toEqual([`7^^${XSD}integer`]);
    expect(await roundTrip(["10.0", "012.50"], "decimal")).toEqual(["10", "12.5"]);
    expect(await roundTrip(["1.0e6"], "double")).toEqual(["1000000"]);
    expect(await roundTrip(["012"], "integer")).toEqual(["12"]);
    expect(await roundTrip(["1"], "boolean")).toEqual(["true"]);
    expect(await roundTrip(["abc", "2026-11-20"], "string")).toEqual(["abc", "2026-11-20"]);
  });
});
