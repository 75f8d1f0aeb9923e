// JSON as editors write it: a byte-order mark is read (CLI files and HTTP bodies), and a syntax error is
// reported at its own line and column, also when V8's message names no position.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJsonText } from "../../src/rdf/io.js";
import type { VivantServer } from "../../src/server/index.js";
import { runCli } from "../helpers/cli.js";
import { DEMO_GRAPH, DEMO_TEXT, demoServer } from "../server/helpers.js";

const BOM = "\uFEFF";
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "vivant-json-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a byte-order mark", () => {
  it("is read by vivant validate, map and import", async () => {
    const season = join(dir, "bom-season.json");
    writeFileSync(season, BOM + DEMO_TEXT);
    const v = await runCli(["validate", season]);
    expect(v.stderr).toBe("");
    expect(v.code).toBe(0);
    const m = await runCli(["map", season, "-o", join(dir, "out.jsonld")]);
    expect(m.code, m.stderr).toBe(0);
    const sample = join(dir, "bom-uit.json");
    writeFileSync(
      sample,
      BOM + readFileSync(new URL("../../fixtures/import/uitdatabank-sample.json", import.meta.url), "utf8"),
    );
    const i = await runCli(["import", "uitdatabank", sample, "--publisher", "leuven", "-o", join(dir, "uit.json")]);
    expect(i.stderr).not.toMatch(/not JSON/);
    const ld = join(dir, "bom.jsonld");
    writeFileSync(
      ld,
      `${BOM}{"@context": "https://schema.org/", "@type": "Event", "name": "x", "startDate": "2026-10-01T20:00:00+02:00"}`,
    );
    const j = await runCli(["validate", ld]);
    expect(j.code, j.stderr).toBeLessThan(2);
  }, 120_000);

  describe("in an HTTP body", () => {
    let server: VivantServer;
    let token: string;
    beforeAll(async () => {
      ({ server, token } = await demoServer({ workers: 1 }));
    }, 120_000);
    afterAll(() => server?.close());
    it("is read on a Graph Store PUT of records", async () => {
      const r = await fetch(`${server.graphStoreEndpoint}?graph=${encodeURIComponent(DEMO_GRAPH)}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: BOM + DEMO_TEXT,
      });
      expect(r.status, await r.text()).toBe(204);
    }, 120_000);
  });
});

describe("a JSON syntax error", () => {
  const text = '{\n  "publisher": {"id": tru},\n  "venues": [],\n  "performances": []\n}\n';
  it("is at its own line and column when V8 names no position", () => {
    expect(() => JSON.parse(text)).toThrow(/^(?!.*position)/);
    expect(() => parseJsonText(text, "season.json")).toThrow(/^season\.json:2:23: not JSON/);
    try {
      parseJsonText(text, "season.json");
    } catch (e) {
      expect(e).toMatchObject({ line: 2, column: 23 });
    }
  });
  it("is at V8's position when it names one, after a BOM too", () => {
    expect(() => parseJsonText(`${BOM}{\n "a": 1,\n}`, "x.json")).toThrow(/^x\.json:3:1: not JSON/);
  });
  it("is reported by the CLI at that line, in French with --lang fr", async () => {
    const f = join(dir, "broken.json");
    writeFileSync(f, text);
    const r = await runCli(["map", f, "--lang", "fr"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}:2:23 : pas du JSON`);
    const v = await runCli(["validate", f]);
    expect(v.stderr).toContain(`${f}:2:23: not JSON`);
  });
});
