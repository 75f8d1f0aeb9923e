// Import and load agree: `vivant import` runs load's own checks, so an import that exits 0 always loads, and
// an import whose records load would refuse says so (exit 1) with load's codes and JSON paths. Run in-process
// through main(), as the CLI does, over the fixtures and every importable corpus file.

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { CORPORA, HAS_CORPORA, IMPORT_FIXTURES, importThenLoad, runCli as run, warnIfNoCorpora } from "./helpers.js";

function agrees(r: Awaited<ReturnType<typeof importThenLoad>>): void {
  expect(r.imp.code).not.toBe(2);
  // import 0 ⇒ load 0; and when import's check says load would refuse, load does refuse.
  if (r.imp.code === 0) expect(r.load!.code, r.load!.stdout + r.load!.stderr).toBe(0);
  expect(r.report!.load!.checked).toBe(true);
  expect(r.report!.load!.violations > 0 || r.report!.load!.refused.length > 0).toBe(r.load!.code === 1);
}

describe("import and load agree on the fixtures", () => {
  it("ticketing CSV", async () =>
    agrees(
      await importThenLoad("csv", [`${IMPORT_FIXTURES}ticketing.csv`], ["--map", `${IMPORT_FIXTURES}mapping.json`]),
    ));
  it("UiTdatabank sample and the merge/overnight fixture", async () => {
    agrees(
      await importThenLoad(
        "uitdatabank",
        [`${IMPORT_FIXTURES}uitdatabank-sample.json`],
        ["--publisher", "leuven", "--window", "2026-09-01/2026-09-30"],
      ),
    );
    const merge = await importThenLoad(
      "uitdatabank",
      [`${IMPORT_FIXTURES}uitdatabank-merge.json`],
      ["--publisher", "gent"],
    );
    agrees(merge);
    // Only the conflicting event is refused, by the importer itself; everything else loads.
    expect(merge.imp.code).toBe(1);
    expect(merge.report!.load!.refused).toEqual([]);
    expect(merge.load!.code).toBe(0);
  });
  it("festivals in the field-name export: exit 0, and it loads", async () => {
    const r = await importThenLoad("festivals", [`${IMPORT_FIXTURES}festivals-fields.csv`]);
    agrees(r);
    expect(r.imp.code).toBe(0);
  });
  it("records load would refuse make import exit 1 with load's code and JSON path", async () => {
    // A venue's time zone that does not exist: the importer passes it on, the record checks refuse it.
    const dir = mkdtempSync(`${tmpdir()}/vivant-agree-`);
    const { writeFileSync } = await import("node:fs");
    const map = JSON.parse(readFileSync(`${IMPORT_FIXTURES}mapping.json`, "utf8"));
    writeFileSync(`${dir}/mapping.json`, JSON.stringify({ ...map, timeZone: "Mars/Olympus_Mons" }));
    const imp = await run(
      ["import", "csv", `${IMPORT_FIXTURES}ticketing.csv`, "--map", "mapping.json", "-o", "records.json"],
      dir,
    );
    const load = await run(["load", "records.json", "--data", "data"], dir);
    const report = JSON.parse(readFileSync(`${dir}/records.json.report.json`, "utf8"));
    expect(imp.code).toBe(1);
    expect(load.code).toBe(1);
    expect(report.load.refused.length).toBeGreaterThan(0);
    for (const r of report.load.refused) expect(load.stdout).toContain(r.code);
  });
});

describe.skipIf(!HAS_CORPORA)("import and load agree on every importable corpus file", () => {
  warnIfNoCorpora("the import → load agreement sweep");
  const uit = [
    "event-with-read-example.json",
    "event-with-write-example.json",
    "place-with-read-example.json",
    "organizer-with-read-example.json",
  ].map((f) => `${CORPORA}uitdatabank-json-schemas/${f}`);
  it("UiTdatabank examples", async () => agrees(await importThenLoad("uitdatabank", uit, ["--publisher", "publiq"])));
  it("Artsdata dumps (GTQ, Scènes francophones, NAC)", async () => {
    agrees(
      await importThenLoad(
        "artsdata",
        [`${CORPORA}artsdata-planet-gtq/output/grandtheatrequebec-events.jsonld`],
        ["--publisher", "gtq", "--default-lang", "fr"],
      ),
    );
    agrees(
      await importThenLoad(
        "artsdata",
        ["events", "places", "presenters", "artists"].map(
          (f) => `${CORPORA}artsdata-planet-scenesfrancophones/output/${f}.jsonld`,
        ),
        ["--publisher", "scenes-francophones", "--default-lang", "fr"],
      ),
    );
    agrees(
      await importThenLoad(
        "artsdata",
        [`${CORPORA}artsdata-planet-nac/output/entities.jsonld`],
        ["--publisher", "nac", "--default-lang", "en"],
      ),
    );
  }, 600_000);
  it(
    "the Ministry's festivals CSV",
    async () =>
      agrees(
        await importThenLoad("festivals", [`${CORPORA}fr-festivals-culture-gouv/festivals-global-festivals-_-pl.csv`]),
      ),
    600_000,
  );
});
