// `vivant map` streams its output (same text as the library's whole-string forms, through a slow reader too), and
// `load` / `validate` bound what reaches the terminal: a report too large is summarised per code, with the full
// report in a JSON file.

import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { mapRecords, toEmbeds, toGraph } from "../../src/mapping/index.js";
import { serializeRdf } from "../../src/rdf/io.js";
import { generateSeason } from "../../bench/generate.js";
import { runCli } from "../helpers/cli.js";

const DEMO = new URL("../../fixtures/demo-season.json", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "vivant-streaming-"));

/** A stdout that accepts 1 KiB at a time and drains later: a writer that ignores backpressure buffers everything. */
function slowStdout(): { stream: Writable; text: () => string; maxBuffered: () => number } {
  const chunks: Buffer[] = [];
  let max = 0;
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk, _enc, done) {
      chunks.push(Buffer.from(chunk));
      max = Math.max(max, stream.writableLength);
      setImmediate(done);
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString("utf8"), maxBuffered: () => max };
}

describe("vivant map streams", () => {
  const doc = JSON.parse(readFileSync(DEMO, "utf8"));
  const mapped = mapRecords(doc, { origins: false });

  it("writes the same N-Quads, Turtle and JSON-LD as the library's whole-string forms", async () => {
    const nq: string[] = [];
    mapped.triples.writeNQuads((c) => nq.push(c));
    const expected: Record<string, string> = {
      nquads: nq.join(""),
      turtle: `${await serializeRdf(mapped.quads, "turtle")}\n`,
      jsonld: `${JSON.stringify(toGraph(mapped.document!), null, 2)}\n`,
    };
    for (const [format, text] of Object.entries(expected)) {
      const r = await runCli(["map", DEMO, "--format", format]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout, format).toBe(text);
    }
    const embed = await runCli(["map", DEMO, "--form", "embed"]);
    expect(embed.stdout).toBe(`${JSON.stringify([...toEmbeds(mapped.document!).values()], null, 2)}\n`);
  });

  it("waits for a slow stdout to drain instead of buffering the whole output", async () => {
    const out = slowStdout();
    const err = slowStdout();
    const code = await main(["map", DEMO, "--format", "nquads"], {
      stdout: out.stream,
      stderr: err.stream,
      cwd: dir,
      isTTY: false,
      env: {},
    });
    expect(code).toBe(0);
    const nq: string[] = [];
    mapped.triples.writeNQuads((c) => nq.push(c));
    expect(out.text()).toBe(nq.join(""));
    // Chunks are ~64 KiB: what is queued never exceeds about one chunk, while the output is several times that.
    expect(out.text().length).toBeGreaterThan(4 * 65536);
    expect(out.maxBuffered()).toBeLessThan(3 * 65536);
  });

  it("writes -o atomically: the target appears complete, no temporary file is left", async () => {
    const target = join(dir, "season.nq");
    const r = await runCli(["map", DEMO, "--format", "nquads", "-o", target]);
    expect(r.code, r.stderr).toBe(0);
    const nq: string[] = [];
    mapped.triples.writeNQuads((c) => nq.push(c));
    expect(readFileSync(target, "utf8")).toBe(nq.join(""));
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("leaves nothing behind when the output cannot be written", async () => {
    const r = await runCli(["map", DEMO, "--format", "nquads", "-o", join(dir, "no-such-dir", "x.nq")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*x\.nq: ENOENT/);
    expect(existsSync(join(dir, "no-such-dir"))).toBe(false);
  });
});

describe("reports on a terminal are bounded", () => {
  // 600 performances: one violation (a series without a venue) and thousands of warnings.
  const season = join(dir, "season-600.json");
  writeFileSync(season, JSON.stringify(generateSeason(600, { seed: 7 })));

  it("load summarises a large report per code, names the first examples, and writes the full report with --report", async () => {
    const report = join(dir, "load-report.json");
    const r = await runCli(["load", season, "--data", join(dir, "data-a"), "--report", report]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.length).toBeLessThan(600);
    expect(lines[0]).toMatch(/season-600\.json: profile core: does not conform: 1 violation, \d+ warnings/);
    expect(r.stdout).toMatch(
      /\n {2}violation core\/event-location-required: 1\n {4}series "festival-\d+" \$\.series\[\d+\]\.venue: The event has no location/,
    );
    expect(r.stdout).toMatch(
      /\n {2}warning core\/event-offers-recommended: \d+\n {4}(?:series|performance) "[^"]+" \$\.\w+\[\d+\]\.offers: /,
    );
    const full = JSON.parse(readFileSync(report, "utf8"));
    expect(full.written).toBe(false);
    expect(full.issues).toHaveLength(
      full.violations + full.warnings + full.issues.filter((i: { severity: string }) => i.severity === "info").length,
    );
    expect(full.issues.length).toBeGreaterThan(600);
    // Every issue is counted on the terminal: the per-code counts add up to the report's.
    const counted = [...r.stdout.matchAll(/^ {2}(?:violation|warning|info) \S+: (\d+)$/gm)].reduce(
      (n, m) => n + Number(m[1]),
      0,
    );
    expect(counted).toBe(full.issues.length);
    expect(r.stdout).toContain(`the full report is in ${report}`);
  }, 120_000);

  it("--max-issues and --only choose what is written out, in French when asked", async () => {
    const r = await runCli([
      "load",
      season,
      "--data",
      join(dir, "data-b"),
      "--max-issues",
      "2",
      "--only",
      "violations",
      "--lang",
      "fr",
    ]);
    expect(r.code).toBe(1);
    // One violation: within --max-issues 2, so listed whole, grouped by record and field; no warning listed.
    expect(r.stdout).toMatch(/profil core ?: non conforme ?: 1 violation, \d+ avertissements/);
    expect(r.stdout).not.toMatch(/avertissement core\//);
    expect(r.stdout).toMatch(/\$\.series\[\d+\]\.venue/);
    const w = await runCli(["load", season, "--data", join(dir, "data-c"), "--max-issues", "0", "--only", "warnings"]);
    expect(w.stdout).not.toMatch(/^ {4}/m);
    expect(w.stdout).not.toMatch(/violation core\//);
    expect(w.stdout).toMatch(/more not shown \(--max-issues N to show more, --report FILE for the full report\)/);
    const bad = await runCli(["load", season, "--data", join(dir, "data-d"), "--only", "errors"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--only "errors" is not one of: violations, warnings/);
  }, 120_000);

  it("validate summarises too, and --report keeps every issue of every file", async () => {
    const report = join(dir, "validate-report.json");
    const r = await runCli(["validate", season, DEMO, "--report", report, "--max-issues", "5"]);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n").length).toBeLessThan(200);
    const full = JSON.parse(readFileSync(report, "utf8")) as { file: string; issues: unknown[]; violations: number }[];
    expect(full.map((f) => f.file)).toEqual([season, DEMO]);
    expect(full[0]!.violations).toBe(1);
    expect(full[0]!.issues.length).toBeGreaterThan(600);
  }, 120_000);
});
