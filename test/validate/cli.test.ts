// `vivant validate`: exit codes 0/1/2, text grouped by record and field, JSON and Turtle reports, both languages.

import { fileURLToPath } from "node:url";
import { Parser } from "n3";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const demo = fileURLToPath(new URL("../../fixtures/demo-season.json", import.meta.url));

describe("vivant validate", () => {
  it("exits 0 when the data conforms (warnings allowed) and prints the profile's verdict", async () => {
    const r = await runCli(["validate", fixture("season.ttl")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/season\.ttl: profile core: conforms: 0 violations, 4 warnings/);
  });

  it("exits 1 on violations, with the issues in French when asked", async () => {
    const r = await runCli(["validate", fixture("broken.ttl"), "--lang", "fr"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("non conforme");
    expect(r.stdout).toContain("violation core/offer-price-number: Le prix de l'offre n'est pas un nombre ≥ 0");
  });

  it("validates records in the form the profile reads, grouped by record and field", async () => {
    const r = await runCli(["validate", demo, "--profile", "google"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(
      /demo-season\.json \(records, embed form\): profile google: conforms: 0 violations, \d+ warnings/,
    );
    expect(r.stdout).toMatch(/\n {2}performance "[^"]+"\n {4}\$\.performances\[\d+\]\.\w+/);
  });

  it("exits 2 on malformed Turtle, with the line and column", async () => {
    const r = await runCli(["validate", fixture("malformed.ttl")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/malformed\.ttl:5:\d+:/);
  });

  it("exits 2 on malformed JSON-LD, with the line and column", async () => {
    const r = await runCli(["validate", fixture("malformed.jsonld")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/malformed\.jsonld:5:1: not JSON/);
  });

  it("exits 2 on an unknown profile, listing the profiles", async () => {
    const r = await runCli(["validate", fixture("season.ttl"), "--profile", "bing"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("core, google, artsdata");
  });

  it("keeps the worst exit code over several files", async () => {
    const r = await runCli(["validate", fixture("season.ttl"), fixture("broken.ttl"), "--format", "json"]);
    expect(r.code).toBe(1);
    const reports = JSON.parse(r.stdout) as {
      file: string;
      conforms: boolean;
      issues: { message: { en: string; fr: string } }[];
    }[];
    expect(reports.map((x) => x.conforms)).toEqual([true, false]);
    expect(reports[1]!.issues[0]!.message.fr.length).toBeGreaterThan(0);
  });

  it("writes a SHACL report in Turtle", async () => {
    const r = await runCli(["validate", fixture("broken.ttl"), "--format", "turtle", "--profile", "artsdata"]);
    expect(r.code).toBe(1);
    const quads = new Parser().parse(r.stdout);
    expect(quads.some((q) => q.object.value === "http://www.w3.org/ns/shacl#ValidationReport")).toBe(true);
  });

  it("lists itself in vivant --help", async () => {
    const r = await runCli(["--help"]);
    expect(r.stdout).toMatch(/\n {2}validate +check records/);
  });
});
