// Not a test: writes what every import's fidelity ledger says (the summary on stderr, the --report JSON, the records)
// for every importable corpus file (the real-data summary's runs), the import fixtures (CSV, festivals, UiTdatabank,
// the JSON-LD of test/import/fixtures, the demo season exported to CapData), each in English and French, one line
// per run with the SHA-256 of each output (stderr without its progress lines, which give a rate and a time). Run before and after a change to the ledger and compare the files byte
// for byte: `LEDGER_OUTPUTS=/tmp/before.txt npx vitest run --config vitest.ledger-outputs.config.ts`.

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { it } from "vitest";
import { capdataRdfXml, graphToCapData } from "../../src/export/capdata.js";
import { mapRecords } from "../../src/mapping/index.js";
import { runCli } from "../helpers/cli.js";
import { IMPORT_FIXTURES, importableFolders, importRuns } from "./helpers.js";

const sha = (t: string): string => createHash("sha256").update(t).digest("hex").slice(0, 16);
/** The progress lines (a rate and the time elapsed) are the only part of an import's stderr that changes between runs. */
const steady = (stderr: string): string => stderr.replace(/^.* · .*(elapsed|durée).*\n/gm, "");
const read = (p: string): string => (existsSync(p) ? readFileSync(p, "utf8") : "");

it("writes every import's summary, report and records digests", async () => {
  const out = process.env.LEDGER_OUTPUTS ?? `${tmpdir()}/vivant-ledger-outputs.txt`;
  const runs: { kind: string; files: string[]; extra: string[] }[] = [];
  for (const { kind, folder } of importableFolders()) {
    for (const files of importRuns(kind, folder))
      runs.push({
        kind,
        files,
        extra: kind === "festivals" ? [] : ["--publisher", kind === "uitdatabank" ? "publiq" : "corpus"],
      });
  }
  const fx = (f: string) => `${IMPORT_FIXTURES}${f}`;
  runs.push({ kind: "csv", files: [fx("ticketing.csv")], extra: ["--map", fx("mapping.json")] });
  for (const f of ["festivals-sample.csv", "festivals-fields.csv", "festivals-unknown-columns.csv"])
    runs.push({ kind: "festivals", files: [fx(f)], extra: [] });
  runs.push({
    kind: "uitdatabank",
    files: [fx("uitdatabank-sample.json")],
    extra: ["--publisher", "leuven", "--window", "2026-09-01/2026-09-30"],
  });
  runs.push({
    kind: "uitdatabank",
    files: [fx("uitdatabank-merge.json")],
    extra: ["--publisher", "leuven", "--window", "2026-09-01/2026-09-30"],
  });
  const testFixtures = new URL("./fixtures/", import.meta.url).pathname;
  for (const f of ["ledger-event.jsonld", "real-markup.jsonld"])
    runs.push({ kind: "artsdata", files: [`${testFixtures}${f}`], extra: ["--publisher", "t"] });
  const demo: unknown = JSON.parse(readFileSync(new URL("../../fixtures/demo-season.json", import.meta.url), "utf8"));
  const mapped = mapRecords(demo, { origins: false });
  // A fixed path: the report names the file it read.
  mkdirSync(`${tmpdir()}/vivant-ledger-capdata`, { recursive: true });
  const rdf = `${tmpdir()}/vivant-ledger-capdata/demo.rdf`;
  writeFileSync(rdf, capdataRdfXml(graphToCapData(mapped.quads, { graphIri: mapped.graphIri })));
  runs.push({ kind: "capdata", files: [rdf], extra: ["--publisher", "retour", "--country", "FR"] });
  runs.push({ kind: "capdata", files: [rdf], extra: ["--publisher", "retour"] });

  const lines: string[] = [];
  for (const { kind, files, extra } of runs) {
    for (const lang of ["en", "fr"]) {
      const dir = mkdtempSync(`${tmpdir()}/vivant-ledger-out-`);
      const r = await runCli(["import", kind, ...files, ...extra, "--lang", lang, "-o", "records.json"], dir);
      const name = files.map((f) => f.replace(/^.*\/(shared\/corpora|fixtures|vivant-ledger-capdata)\//, "")).join(" ");
      const report = read(`${dir}/records.json.report.json`);
      // The report's ledger alone as well: a mismatch elsewhere in the report then shows whether the ledger moved.
      const ledger = report ? JSON.stringify((JSON.parse(report) as { ledger?: unknown }).ledger) : "";
      lines.push(
        `${kind} ${lang} ${name} ${extra.join(" ")}: exit ${r.code} stderr ${sha(steady(r.stderr))} stdout ${sha(r.stdout)} report ${sha(report)} ledger ${sha(ledger)} records ${sha(read(`${dir}/records.json`))}`,
      );
    }
  }
  writeFileSync(out, `${lines.join("\n")}\n`);
  console.log(`${lines.length} runs written to ${out}`);
}, 3_600_000);
