import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Parser } from "n3";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const fixture = new URL("../../fixtures/records/opera.json", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "vivant-map-"));

describe("vivant map", () => {
  it("prints the graph form by default and exits 0 when every record mapped", async () => {
    const r = await runCli(["map", fixture]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc["@graph"].some((n: any) => n["@id"] === "https://data.opera-lyon.example/performance/p-1")).toBe(true);
    expect(r.stderr).toContain("11 records mapped, 0 rejected");
  });

  it("writes N-Quads and Turtle that parse back to the same number of triples", async () => {
    const nq = await runCli(["map", fixture, "--format", "nquads"]);
    const ttl = await runCli(["map", fixture, "--format", "turtle"]);
    const count = (text: string, format: string): number => new Parser({ format }).parse(text).length;
    expect(count(nq.stdout, "application/n-quads")).toBe(count(ttl.stdout, "text/turtle"));
    expect(nq.stderr).toMatch(new RegExp(`, ${count(nq.stdout, "application/n-quads")} triples`));
  });

  it("writes one <script> per performance for web pages", async () => {
    const r = await runCli(["map", fixture, "--form", "embed", "--format", "html", "--page-lang", "fr"]);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/<script type="application\/ld\+json">/g)).toHaveLength(3);
  });

  it("exits 1 when some records are rejected, still writing the others, with problems in the asked language", async () => {
    const bad = JSON.parse(readFileSync(fixture, "utf8"));
    bad.performances[1].startDate = "2026-02-30T20:00";
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify(bad));
    const out = join(dir, "out.jsonld");
    const r = await runCli(["map", file, "--messages", "fr", "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('performance "p-2": $.performances[1].startDate');
    expect(r.stderr).toContain("n'est pas une date-heure");
    const written = JSON.parse(readFileSync(out, "utf8"));
    const ids = written["@graph"].map((n: any) => n["@id"]);
    expect(ids).toContain("https://data.opera-lyon.example/performance/p-1");
    expect(ids).not.toContain("https://data.opera-lyon.example/performance/p-2");
  });

  it("exits 2 on unusable input: not JSON (with line and column), no publisher, unknown option", async () => {
    const notJson = join(dir, "broken.json");
    writeFileSync(notJson, '{\n  "publisher": {,\n}');
    const r1 = await runCli(["map", notJson]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/broken\.json:2:\d+: not JSON/);
    const noPublisher = join(dir, "nopub.json");
    writeFileSync(noPublisher, JSON.stringify({ performances: [] }));
    expect((await runCli(["map", noPublisher])).code).toBe(2);
    const r3 = await runCli(["map", fixture, "--form", "tree"]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toContain("graph, embed");
  });

  it("has --help", async () => {
    const r = await runCli(["map", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--form graph|embed");
    expect((await runCli(["--help"])).stdout).toContain("map");
  });
});
