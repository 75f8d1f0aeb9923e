// Progress of the commands that had none: `vivant import artsdata`, `vivant import uitdatabank` and `vivant map`
// in every format. The importers report as they read (checked call by call, no clock), and the commands print the
// counter line (not a terminal) or the bar (a terminal, never wider than its columns), in English and French.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { CHUNK_DOCUMENTS, importArtsdata } from "../../src/import/artsdata.js";
import { importUitdatabank } from "../../src/import/uitdatabank.js";
import { DEMO_TEXT } from "../server/helpers.js";

const DOCUMENTS = 600;
const EVENTS = 1_200;

/** An Artsdata-style dump: one JSON-LD document per event, each with the same (inline) context. */
function artsdataDump(n: number): unknown[] {
  return Array.from({ length: n }, (_, i) => ({
    "@context": { "@vocab": "http://schema.org/" },
    "@id": `http://kg.example/event/${i}`,
    "@type": "Event",
    name: `Spectacle ${i}`,
    startDate: "2026-10-01T20:00:00-04:00",
    location: {
      "@id": "http://kg.example/place/1",
      "@type": "Place",
      name: "Salle",
      address: { "@type": "PostalAddress", addressLocality: "Québec", addressCountry: "CA" },
    },
  }));
}

/** UiTdatabank documents: one place and `n` single-date events there. */
function uitdatabankDocs(n: number): unknown[] {
  const place = "https://io.uitdatabank.example/places/00000000-0000-4000-8000-000000000001";
  return [
    {
      "@id": place,
      mainLanguage: "nl",
      name: { nl: "Zaal" },
      address: {
        nl: { addressCountry: "BE", addressLocality: "Leuven", postalCode: "3000", streetAddress: "Straat 1" },
      },
    },
    ...Array.from({ length: n }, (_, i) => ({
      "@id": `https://io.uitdatabank.example/events/00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      mainLanguage: "nl",
      name: { nl: `Voorstelling ${i}` },
      calendarType: "single",
      startDate: "2026-10-02T20:00:00+02:00",
      location: { "@id": place },
      terms: [{ id: "0.50.4.0.0", label: "Concert", domain: "eventtype" }],
    })),
  ];
}

class Sink extends Writable {
  text = "";
  constructor(readonly columns?: number) {
    super();
  }
  override _write(chunk: Buffer, _e: BufferEncoding, done: () => void): void {
    this.text += chunk.toString("utf8");
    done();
  }
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "vivant-progress-"));
  writeFileSync(join(dir, "artsdata.jsonld"), JSON.stringify(artsdataDump(DOCUMENTS)));
  writeFileSync(join(dir, "uit.json"), JSON.stringify(uitdatabankDocs(EVENTS)));
  writeFileSync(join(dir, "season.json"), DEMO_TEXT);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(
  argv: readonly string[],
  options: { isTTY?: boolean; columns?: number } = {},
): Promise<{ code: number; stderr: string }> {
  const stdout = new Sink();
  const stderr = new Sink(options.columns);
  const code = await main(argv, { stdout, stderr, cwd: dir, isTTY: options.isTTY ?? false, env: {} });
  return { code, stderr: stderr.text };
}

describe("the importers report progress as they read", () => {
  it("artsdata: after each chunk of documents (one per run of one context), of the known total", async () => {
    expect(CHUNK_DOCUMENTS).toBe(Number.POSITIVE_INFINITY);
    const calls: [number, number][] = [];
    await importArtsdata(artsdataDump(DOCUMENTS), {
      publisher: { id: "kg" },
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls).toEqual([
      [0, DOCUMENTS],
      [DOCUMENTS, DOCUMENTS],
    ]);
  }, 60_000);

  it("artsdata: several dumps count as one total", async () => {
    const calls: [number, number][] = [];
    await importArtsdata([artsdataDump(3), artsdataDump(2)], {
      publisher: { id: "kg" },
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls).toEqual([
      [0, 5],
      [3, 5],
      [5, 5],
    ]);
  }, 60_000);

  it("uitdatabank: every 500 events and at the end, of the known total", () => {
    const calls: [number, number][] = [];
    const r = importUitdatabank(uitdatabankDocs(EVENTS), {
      publisher: { id: "leuven" },
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(r.read).toBe(EVENTS);
    expect(calls).toEqual([
      [500, EVENTS],
      [1000, EVENTS],
      [EVENTS, EVENTS],
    ]);
  });
});

describe("the commands print it", () => {
  const CASES: Readonly<Record<string, readonly [readonly string[], RegExp, RegExp]>> = {
    "import artsdata": [
      ["import", "artsdata", "artsdata.jsonld", "--publisher", "kg", "-o", "a.json"],
      new RegExp(`^${DOCUMENTS}/${DOCUMENTS} documents \\(100%\\) · [\\d.]+ documents/s · \\d+:\\d\\d elapsed$`, "m"),
      new RegExp(`^${DOCUMENTS}/${DOCUMENTS} documents \\(100 %\\) · [\\d,]+ documents/s · durée \\d+:\\d\\d$`, "m"),
    ],
    "import uitdatabank": [
      ["import", "uitdatabank", "uit.json", "--publisher", "leuven", "-o", "u.json"],
      new RegExp(`^${EVENTS}/${EVENTS} events \\(100%\\) · .* elapsed$`, "m"),
      new RegExp(`^${EVENTS}/${EVENTS} événements \\(100 %\\) · .* durée \\d+:\\d\\d$`, "m"),
    ],
    "map --format jsonld": [
      ["map", "season.json", "-o", "m.jsonld"],
      /^(\d+)\/\1 nodes \(100%\) · .* elapsed$/m,
      /^(\d+)\/\1 nœuds \(100 %\) · .* durée \d+:\d\d$/m,
    ],
    "map --format turtle": [
      ["map", "season.json", "--format", "turtle", "-o", "m.ttl"],
      /^(\d+)\/\1 triples \(100%\) · .* elapsed$/m,
      /^(\d+)\/\1 triplets \(100 %\) · .* durée \d+:\d\d$/m,
    ],
    "map --form embed": [
      ["map", "season.json", "--form", "embed", "-o", "e.jsonld"],
      /^(\d+)\/\1 events \(100%\) · .* elapsed$/m,
      /^(\d+)\/\1 événements \(100 %\) · .* durée \d+:\d\d$/m,
    ],
    "map --format html": [
      ["map", "season.json", "--form", "embed", "--format", "html", "-o", "e.html"],
      /^(\d+)\/\1 events \(100%\)/m,
      /^(\d+)\/\1 événements \(100 %\)/m,
    ],
  };

  for (const [name, [argv, en, fr]] of Object.entries(CASES)) {
    it(`${name}: a counter line with the rate and the elapsed time when not a terminal, in English and French`, async () => {
      const a = await run(argv);
      expect(a.stderr).toMatch(en);
      const b = await run([...argv, "--lang", "fr"]);
      expect(b.stderr).toMatch(fr);
    }, 60_000);

    it(`${name}: on a terminal, a line redrawn in place that never takes the last column, with a bar when there is room`, async () => {
      for (const columns of [24, 100]) {
        const { stderr } = await run(argv, { isTTY: true, columns });
        const drawn = [...stderr.matchAll(/\r([^\r\n]*?)\x1b\[K/g)].map((m) => m[1]!);
        expect(drawn.length).toBeGreaterThan(0);
        for (const line of drawn) expect(line.length).toBeLessThanOrEqual(columns - 1);
        expect(drawn.at(-1)).toMatch(columns === 100 ? /^\[#{24}\] (\d+)\/\1 \S+ 100% · .* elapsed/ : /^(\d+)\/\1 \S+/);
      }
    }, 60_000);
  }

  it("map counts every triple it writes: the Turtle run's total is the N-Quads run's", async () => {
    const ttl = (await run(["map", "season.json", "--format", "turtle", "-o", "t.ttl"])).stderr.match(
      /^(\d+)\/\1 triples/m,
    );
    const nq = (await run(["map", "season.json", "--format", "nquads", "-o", "t.nq"])).stderr.match(
      /^(\d+)\/\1 triples/m,
    );
    expect(ttl?.[1]).toBeDefined();
    expect(ttl?.[1]).toBe(nq?.[1]);
  }, 60_000);
});
