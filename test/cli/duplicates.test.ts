// `vivant duplicates --data DIR`: two publishers describe the same venue (another spelling, the same postal code,
// coordinates 30 m apart), the same performance of the same show and the same composer (one Wikidata id); a third
// venue elsewhere with a word in common is not paired, and nothing in the graphs changes.

import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const publisher = (id: string) => ({
  id,
  name: { fr: id },
  baseIri: `https://data.${id}.example/`,
  licence: "etalab-2.0",
});

const A = {
  publisher: publisher("scenes"),
  venues: [
    {
      id: "grand-quai",
      type: "PerformingArtsTheater",
      name: { fr: "Le Grand Quai, scène conventionnée de Nantes" },
      address: {
        streetAddress: "12 quai de la Fosse",
        postalCode: "44000",
        addressLocality: "Nantes",
        addressCountry: "FR",
      },
      geo: { latitude: 47.2184, longitude: -1.5536 },
    },
  ],
  people: [{ id: "verdi", name: "Giuseppe Verdi", ids: { wikidata: "Q7317" } }],
  productions: [{ id: "traviata", name: { fr: "La traviata" } }],
  performances: [{ id: "t1", production: "traviata", startDate: "2026-10-20T20:00:00+02:00", venue: "grand-quai" }],
};

const B = {
  publisher: publisher("billetterie"),
  venues: [
    {
      id: "gq",
      name: { fr: "Grand Quai (Nantes)" },
      address: {
        streetAddress: "12, quai de la Fosse",
        postalCode: "44 000",
        addressLocality: "NANTES",
        addressCountry: "FR",
      },
      geo: { latitude: 47.2186, longitude: -1.5538 },
    },
    {
      id: "quai-lyon",
      name: { fr: "Théâtre du Quai" },
      address: { streetAddress: "3 quai Perrache", postalCode: "69002", addressLocality: "Lyon", addressCountry: "FR" },
      geo: { latitude: 45.75, longitude: 4.82 },
    },
  ],
  people: [{ id: "g-verdi", name: "G. Verdi", ids: { wikidata: "http://www.wikidata.org/entity/Q7317" } }],
  productions: [{ id: "la-traviata-verdi", name: { fr: "La Traviata" } }],
  performances: [
    { id: "s-1", production: "la-traviata-verdi", startDate: "2026-10-20T20:00:00+02:00", venue: "gq" },
    { id: "s-2", production: "la-traviata-verdi", startDate: "2026-10-21T20:00:00+02:00", venue: "gq" },
  ],
};

let dir: string;
let data: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "vivant-dup-"));
  data = join(dir, "data");
  writeFileSync(join(dir, "a.json"), JSON.stringify(A));
  writeFileSync(join(dir, "b.json"), JSON.stringify(B));
  for (const f of ["a.json", "b.json"]) {
    const r = await runCli(["load", f, "--data", data], dir);
    expect(r.code, r.stderr).toBe(0);
  }
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Pair {
  family: string;
  score: number;
  a: { id: string };
  b: { id: string };
  features: { id: string; value: unknown }[];
}

describe("vivant duplicates", () => {
  it("lists the venue, the performance and the person across graphs, with scores and features, and nothing else", async () => {
    const graphFiles = () =>
      readdirSync(join(data, "graphs"))
        .map((f) => readFileSync(join(data, "graphs", f)).toString("base64"))
        .sort();
    const before = graphFiles();
    const r = await runCli(["duplicates", "--data", data, "--json"], dir);
    expect(r.code, r.stderr).toBe(0);
    const pairs = JSON.parse(r.stdout) as Pair[];
    const key = (p: Pair) => `${p.family} ${p.a.id} ${p.b.id}`;
    expect(pairs.map(key).sort()).toEqual([
      "performance https://data.billetterie.example/performance/s-1 https://data.scenes.example/performance/t1",
      "person https://data.billetterie.example/person/g-verdi https://data.scenes.example/person/verdi",
      "production https://data.billetterie.example/production/la-traviata-verdi https://data.scenes.example/production/traviata",
      "venue https://data.billetterie.example/venue/gq https://data.scenes.example/venue/grand-quai",
    ]);
    const venue = pairs.find((p) => p.family === "venue")!;
    expect(venue.features).toContainEqual({ id: "postalCode", name: "same postal code", value: true });
    expect(venue.features.find((f) => f.id === "distance")!.value).toBeLessThan(50);
    expect(pairs.find((p) => p.family === "person")!).toMatchObject({
      score: 100,
      features: [{ id: "sameAs", value: true }],
    });
    const perf = pairs.find((p) => p.family === "performance")!;
    expect(perf.features).toContainEqual(expect.objectContaining({ id: "startDate", value: 1 }));
    expect(perf.score).toBeGreaterThanOrEqual(90);
    // Nothing merged, nothing written.
    expect(graphFiles()).toEqual(before);
    expect(r.stderr).toContain("4 probable duplicate(s)");
  }, 60_000);

  it("prints text lines in French, keeps to --family and --min-score", async () => {
    const r = await runCli(
      ["duplicates", "--data", data, "--family", "venue", "--min-score", "50", "--lang", "fr"],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("venue");
    expect(r.stderr).toContain("Rien n'a été fusionné");
  }, 60_000);

  it("refuses an unknown family and a missing --data, in words", async () => {
    const bad = await runCli(["duplicates", "--data", data, "--family", "lieux"], dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("--family");
    const none = await runCli(["duplicates"], dir);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain("--data");
  }, 60_000);
});
