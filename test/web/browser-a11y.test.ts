// Every page in Debian's Chromium with the server's Content-Security-Policy enforced (no bypass): axe-core's
// WCAG 2.1 AA rules find no serious or critical violation, and the page logs no error (a script or style the
// policy blocks is logged as one). The counts per page and impact are written to test-output/axe.json (ignored by
// git), so a change's effect on the minor and moderate findings can be read too.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { VivantServer } from "../../src/server/index.js";
import { call, DEMO_TEXT, demoServer, selectRows } from "../server/helpers.js";
import { CHROMIUM_AVAILABLE, launchChromium, requireChromium } from "../helpers/chromium.js";

requireChromium("test/web/browser-a11y.test.ts");

const OUTPUT = new URL("../../test-output/", import.meta.url);
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
type Impact = "critical" | "serious" | "moderate" | "minor";

interface AxeRule {
  readonly id: string;
  readonly impact: Impact;
  readonly nodes: number;
  /** The first elements concerned (CSS selectors), to find them. */
  readonly targets: readonly string[];
}

/** What is written per page: rules violated and elements concerned, by impact, and the rules themselves. */
interface PageResult {
  readonly path: string;
  readonly violations: Record<Impact, number>;
  readonly nodes: Record<Impact, number>;
  readonly rules: readonly AxeRule[];
  readonly passes: number;
  /** Rules axe could not decide (to be looked at by a person). */
  readonly incomplete: readonly string[];
  /** axe's best-practice rules (beyond WCAG), not asserted. */
  readonly bestPractice: { readonly violations: Record<Impact, number>; readonly rules: readonly AxeRule[] };
  /** Console errors and uncaught exceptions (a resource the CSP blocks is logged as an error). */
  readonly errors: readonly string[];
}

let server: VivantServer;
let token: string;
let browser: Browser;

beforeAll(async () => {
  if (!CHROMIUM_AVAILABLE) return;
  ({ server, token } = await demoServer());
  browser = await launchChromium();
  mkdirSync(OUTPUT, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface AxeRun {
  readonly violations: { id: string; impact: Impact; nodes: { target: unknown[] }[] }[];
  readonly passes: unknown[];
  readonly incomplete: { id: string }[];
}

function rulesOf(run: AxeRun): AxeRule[] {
  return run.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.length,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
  }));
}

/** axe-core's WCAG 2.1 A and AA rules (what is asserted), and its best-practice rules (recorded only). */
async function axe(page: Page): Promise<{ wcag: AxeRun; bestPractice: AxeRun }> {
  await page.evaluate(AXE);
  const run = (tags: string[]): Promise<AxeRun> =>
    page.evaluate(
      (t) => (globalThis as unknown as { axe: { run: (o: unknown) => Promise<AxeRun> } }).axe.run({ runOnly: t }),
      tags,
    );
  return { wcag: await run(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]), bestPractice: await run(["best-practice"]) };
}

function byImpact(rules: readonly AxeRule[], count: (r: AxeRule) => number): Record<Impact, number> {
  const out = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const r of rules) out[r.impact] += count(r);
  return out;
}

/** IRIs of entities of the demo season, one per kind of page. */
async function entityIris(): Promise<Record<string, string>> {
  const performance = (
    JSON.parse((await call(server.url, "api/performances?limit=1")).text)["@graph"] as { "@id": string }[]
  )[0]!["@id"];
  const one = async (type: string): Promise<string> =>
    (
      await selectRows(
        server.url,
        `SELECT ?s WHERE { GRAPH ?g { ?s a <http://schema.org/${type}> } } ORDER BY ?s LIMIT 1`,
      )
    )[0]!.s!;
  return {
    performance,
    venue: "https://data.reseau-scenes.example/venue/grand-quai-nantes",
    person: await one("Person"),
    series: await one("EventSeries"),
  };
}

describe.runIf(CHROMIUM_AVAILABLE)("every page under its Content-Security-Policy", () => {
  it("has no serious or critical axe-core violation (WCAG 2.1 AA) and logs no error; the counts go to test-output/axe.json", async () => {
    const ctx = await browser.newContext({ locale: "fr-FR" });
    const page = await ctx.newPage();
    let errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    const results: PageResult[] = [];
    const record = async (path: string): Promise<void> => {
      const { wcag, bestPractice } = await axe(page);
      expect(wcag.passes.length).toBeGreaterThan(10); // axe ran its rules
      const rules = rulesOf(wcag);
      const extra = rulesOf(bestPractice);
      results.push({
        path,
        violations: byImpact(rules, () => 1),
        nodes: byImpact(rules, (r) => r.nodes),
        rules,
        passes: wcag.passes.length,
        incomplete: wcag.incomplete.map((r) => r.id),
        bestPractice: { violations: byImpact(extra, () => 1), rules: extra },
        errors,
      });
      errors = [];
    };
    const visit = async (path: string, ready?: string): Promise<void> => {
      const res = await page.goto(`${server.url}${path}`);
      expect(res?.status(), path).toBe(200);
      if (ready) await page.waitForSelector(ready, { state: "attached" });
      await record(path);
    };

    const file = new URL("axe.json", OUTPUT);
    rmSync(file, { force: true });
    try {
      const iris = await entityIris();
      const resource = (iri: string): string => `resource?ui=fr&iri=${encodeURIComponent(iri)}`;
      await visit("?ui=fr");
      await visit("?ui=en&city=Nantes&genre=opera");
      await visit("stats?ui=fr", "svg.chart");
      await visit("query?ui=fr", "html[data-editor=yasgui]");
      await visit(
        `query?ui=fr&query=${encodeURIComponent("SELECT * WHERE { ?s ?p ?o } LIMIT 3")}`,
        ".yasr table.dataTable tbody td",
      );
      await visit(`sparql?query=${encodeURIComponent("ASK {}")}`, "html[data-editor=yasgui]");
      await visit(resource(iris.performance!), "script[type='application/ld+json']");
      await visit(resource(iris.venue!));
      await visit(resource(iris.person!));
      await visit(resource(iris.series!));
      await visit("duplicates?ui=fr");
      await visit("duplicates?ui=en&family=venue");
      await visit("check?ui=fr");
      await page.getByLabel("JSON-LD ou page HTML").fill(
        JSON.stringify({
          "@context": "https://schema.org",
          "@type": "TheaterEvent",
          name: "Le Misanthrope",
          startDate: "2026-11-20T20:00:00+01:00",
        }),
      );
      await page.getByRole("button", { name: "Vérifier" }).click();
      await page.waitForSelector("section.check-result");
      await record("check?ui=fr (a report)");
      await visit("publish?ui=fr");
      await page.getByLabel("Jeton d'éditeur").fill(token);
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.waitForSelector(".graph-line");
      await record("publish?ui=fr (signed in)");
      await page
        .locator("#p-file")
        .setInputFiles({ name: "season.json", mimeType: "application/json", buffer: Buffer.from(DEMO_TEXT) });
      await page.getByRole("button", { name: "Vérifier avant de publier" }).click();
      await page.waitForSelector("[role=status]");
      await record("publish?ui=fr (a season's report)");
      await visit(`publish/same-as?ui=fr&entity=${encodeURIComponent(iris.venue!)}&sameAs=Q90`);
    } finally {
      // What was measured, also when a page failed half-way (the file then has fewer pages).
      writeFileSync(
        file,
        `${JSON.stringify({ date: new Date().toISOString(), rules: "wcag2a, wcag2aa, wcag21a, wcag21aa", pages: results }, null, 2)}\n`,
      );
      await ctx.close();
    }
    const bad = results
      .filter((r) => r.violations.serious + r.violations.critical > 0 || r.errors.length > 0)
      .map((r) => ({
        path: r.path,
        rules: r.rules.filter((x) => x.impact === "serious" || x.impact === "critical"),
        errors: r.errors,
      }));
    expect(bad).toEqual([]);
    expect(results).toHaveLength(18);
  }, 120_000);
});
