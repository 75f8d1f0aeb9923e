// `vivant import … --load --data DIR`: the imported records go through the store's validated loading path
// (src/harvest/load.ts → prepareGraph), exactly as `vivant load` of the same record document would.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findPerformances } from "../../src/query/index.js";
import { GraphStore } from "../../src/store/index.js";
import { runCli } from "../helpers/cli.js";
import { IMPORT_FIXTURES, fixtureText } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "vivant-import-load-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GRAPH = "https://data.theatre-du-port.example/graph";
const csvArgs = (csv: string, ...rest: string[]) => ["import", "csv", csv, "--map", join(dir, "mapping.json"), ...rest];

function graphFiles(data: string): Record<string, string> {
  const d = join(data, "graphs");
  return Object.fromEntries(
    readdirSync(d)
      .sort()
      .map((f) => [f, readFileSync(join(d, f), "utf8")]),
  );
}

describe("vivant import --load --data", () => {
  const data = join(dir, "data");

  it("loads the accepted rows into the publisher's graph (exit 1 for the rows the importer rejected); --load needs --data", async () => {
    writeFileSync(join(dir, "mapping.json"), fixtureText("mapping.json"));
    const usage = await runCli(csvArgs(`${IMPORT_FIXTURES}ticketing.csv`, "--load"), dir);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--load needs --data/);
    const r = await runCli(
      csvArgs(`${IMPORT_FIXTURES}ticketing.csv`, "--load", "--data", data, "--report", "report.json"),
      dir,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/csv\/invalid-date/);
    expect(r.stderr).toMatch(/validated \d+ triples/);
    expect(r.stdout).toMatch(
      new RegExp(
        `^loaded \\d+ triples into ${GRAPH} \\(publisher theatre-du-port, version 1, https://www\\.etalab\\.gouv\\.fr/`,
      ),
    );
    expect(JSON.parse(readFileSync(join(dir, "report.json"), "utf8")).load).toMatchObject({
      graphIri: GRAPH,
      written: true,
      violations: 0,
    });
    const store = await GraphStore.open({ dataDir: data, readOnly: true });
    try {
      expect(store.graphs()).toMatchObject([
        {
          graphIri: GRAPH,
          publisherId: "theatre-du-port",
          licence: "etalab-2.0",
          title: "Théâtre du Port",
          source: `${IMPORT_FIXTURES}ticketing.csv`,
          version: 1,
        },
      ]);
      expect((await findPerformances(store, {}, { limit: 50 })).items).toHaveLength(4);
    } finally {
      await store.close();
    }
  }, 60_000);

  it("writes nothing when the records are rejected on the way to the graph: the report is shown, exit 1, the graph unchanged", async () => {
    // The importer accepts an end before the start; the mapper behind the core profile rejects that record, and
    // the validated path (like `vivant load`) then writes nothing rather than a graph without it.
    const mapping = JSON.parse(fixtureText("mapping.json"));
    mapping.columns["performance.endDate"] = "Fin";
    writeFileSync(join(dir, "mapping.json"), JSON.stringify(mapping));
    const csv = fixtureText("ticketing.csv")
      .split(/\r?\n/)
      .map((l, i) => (!l ? l : i === 0 ? `${l};Fin` : l.startsWith("S-001;") ? `${l};19/11/2026 20:00` : `${l};`))
      .join("\n");
    writeFileSync(join(dir, "ends-before.csv"), csv);
    const before = graphFiles(data);
    // --data alone loads as --load --data does.
    const r = await runCli(csvArgs(join(dir, "ends-before.csv"), "--data", data), dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/record\/end-before-start/);
    expect(r.stderr).toMatch(
      new RegExp(`vivant import: nothing written: 0 violations and rejected records \\(graph ${GRAPH} unchanged\\)`),
    );
    expect(graphFiles(data)).toEqual(before);
  }, 60_000);
});
