// `vivant import` and `vivant harvest` in-process: outputs, reports, summaries and exit codes.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { IMPORT_FIXTURES } from "./helpers.js";
import { page, script, startSite, type TestSite } from "../harvest/server.js";

function capture() {
  let text = "";
  const stream = new Writable({
    write(chunk, _e, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
}
async function run(args: string[], isTTY = false) {
  const out = capture();
  const err = capture();
  const dir = mkdtempSync(`${tmpdir()}/vivant-cli-`);
  const code = await main(args, { stdout: out.stream, stderr: err.stream, cwd: dir, isTTY, env: {} });
  return { code, stdout: out.text(), stderr: err.text(), dir };
}

describe("vivant import", () => {
  it("csv: writes the records and the rejection report, exits 1 for the rejected rows", async () => {
    const r = await run([
      "import",
      "csv",
      `${IMPORT_FIXTURES}ticketing.csv`,
      "--map",
      `${IMPORT_FIXTURES}mapping.json`,
      "-o",
      "season.json",
    ]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(readFileSync(`${r.dir}/season.json`, "utf8"));
    expect(doc.performances).toHaveLength(4);
    const report = JSON.parse(readFileSync(`${r.dir}/season.json.report.json`, "utf8"));
    expect(report.rejectionsByReason).toEqual({ "csv/invalid-date": 1, "csv/invalid-price": 1 });
    expect(r.stderr).toMatch(/rows read: 7/);
    expect(r.stderr).toMatch(/decimal-comma: 5/);
    expect(r.stderr).toMatch(/csv\/invalid-date: 1/);
  });

  it("uitdatabank: --window expands permanent events; exit 1 for the unknown place", async () => {
    const r = await run([
      "import",
      "uitdatabank",
      `${IMPORT_FIXTURES}uitdatabank-sample.json`,
      "--publisher",
      "leuven",
      "--window",
      "2026-09-01/2026-09-07",
    ]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.performances.filter((p: { production: string }) => p.production.endsWith("0012"))).toHaveLength(2);
  });

  it("says so when the input is read but holds no entity (raw JSON given to the JSON-LD importer), in English and French", async () => {
    const dir = mkdtempSync(`${tmpdir()}/vivant-cli-raw-`);
    writeFileSync(
      `${dir}/raw.json`,
      JSON.stringify([{ tid: 1, name: "Francophone", wikidata_uri: "http://www.wikidata.org/entity/Q1" }]),
    );
    const en = await run(["import", "artsdata", `${dir}/raw.json`, "--publisher", "atc", "-o", "out.json"]);
    expect(en.stderr).toMatch(/1 input units read and no entity found/);
    const fr = await run([
      "import",
      "artsdata",
      `${dir}/raw.json`,
      "--publisher",
      "atc",
      "-o",
      "out.json",
      "--lang",
      "fr",
    ]);
    expect(fr.stderr).toMatch(/1 unités d'entrée lues et aucune entité trouvée/);
    // A real import says nothing of the kind.
    const ok = await run([
      "import",
      "csv",
      `${IMPORT_FIXTURES}ticketing.csv`,
      "--map",
      `${IMPORT_FIXTURES}mapping.json`,
      "-o",
      "season.json",
    ]);
    expect(ok.stderr).not.toMatch(/no entity found/);
  });

  it("exit 2 for unusable input: a missing mapping, a file that is not JSON, an unknown kind", async () => {
    expect((await run(["import", "csv", `${IMPORT_FIXTURES}ticketing.csv`])).code).toBe(2);
    expect((await run(["import", "uitdatabank", `${IMPORT_FIXTURES}ticketing.csv`, "--publisher", "x"])).code).toBe(2);
    expect((await run(["import", "ods", "x.ods"])).code).toBe(2);
  });
});

describe("vivant harvest", () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startSite();
    site.route("/robots.txt", { type: "text/plain", body: "User-agent: *\nAllow: /\n" });
    site.route("/a.html", {
      type: "text/html",
      body: page("A", [
        script({
          "@context": "https://schema.org",
          "@type": "TheaterEvent",
          "@id": "https://venue.example/e/1",
          name: "Phèdre",
          startDate: "2026-10-01T20:00",
          eventStatus: "EventScheduled",
          location: {
            "@type": "Place",
            name: "Salle A",
            address: { "@type": "PostalAddress", addressLocality: "Brest", addressCountry: "FR" },
          },
        }),
      ]),
    });
  });
  afterAll(() => site.close());

  it("writes N-Quads with provenance, prints per-URL failures, counters and the summary; exit 1 when a URL failed", async () => {
    const r = await run([
      "harvest",
      `${site.origin}/a.html`,
      `${site.origin}/missing.html`,
      "--publisher",
      "venue",
      "-o",
      "out.nq",
      "--delay",
      "0",
      "--allow-private",
      "--report",
      "report.json",
    ]);
    expect(r.code).toBe(1);
    const nq = readFileSync(`${r.dir}/out.nq`, "utf8");
    expect(nq).toContain(
      "<https://venue.example/e/1> <http://www.w3.org/ns/prov#wasDerivedFrom> <" + site.origin + "/a.html>",
    );
    expect(nq).toContain("<http://schema.org/eventStatus> <http://schema.org/EventScheduled>");
    expect(r.stderr).toMatch(/FAILED http-status .*missing\.html/);
    expect(r.stderr).toMatch(/\d+\/2 URLs/);
    expect(r.stderr).toMatch(/enum-as-text: 1/);
    expect(r.stderr).toMatch(/entities: 1 Event, 1 Place/);
    expect(JSON.parse(readFileSync(`${r.dir}/report.json`, "utf8")).failures).toHaveLength(1);
  });

  it("draws a bar on a terminal and exits 0 when everything was harvested", async () => {
    const r = await run(
      ["harvest", `${site.origin}/a.html`, "--publisher", "venue", "-o", "out.nq", "--delay", "0", "--allow-private"],
      true,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\r\[#+\s*\] 1\/1 URLs/);
  });

  it("exit 2 without a publisher or an output", async () => {
    expect((await run(["harvest", `${site.origin}/a.html`, "-o", "x.nq"])).code).toBe(2);
    expect((await run(["harvest", `${site.origin}/a.html`, "--publisher", "v"])).code).toBe(2);
  });
});
