// The pages in a real browser: Debian's Chromium driven by playwright-core (never a downloaded browser). Search
// with filters and compare with the typed API; the same without JavaScript; the language switch; the observatory
// chart. Every page is loaded under the server's Content-Security-Policy (nothing bypassed). Screenshots go to
// test-output/ (ignored); axe-core's counts are test/web/browser-a11y.test.ts's. Outside CI the file skips with a
// message when Chromium is not installed; in CI (CI=true) it fails instead.

import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { VivantServer } from "../../src/server/index.js";
import { validateJsonLd } from "../../src/validate/index.js";
import { call, DEMO_TEXT, demoServer, selectRows } from "../server/helpers.js";
import { CHROMIUM_AVAILABLE as available, launchChromium, requireChromium } from "../helpers/chromium.js";

requireChromium("test/web/browser.test.ts");

const SHOTS = new URL("../../test-output/screenshots/", import.meta.url);

let server: VivantServer;
let token: string;
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  ({ server, token } = await demoServer());
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function context(options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({
    locale: options.locale ?? "fr-FR",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
}

/** The performance IRIs listed on the page, in order. */
async function listed(page: Page): Promise<string[]> {
  return page
    .locator("ol.performances li")
    .evaluateAll((lis) =>
      lis.map((li) => (li as unknown as { getAttribute(name: string): string }).getAttribute("data-iri")),
    );
}

async function apiIds(query: string): Promise<string[]> {
  const a = await call(server.url, `api/performances?${query}`);
  expect(a.status).toBe(200);
  return (JSON.parse(a.text)["@graph"] as { "@id": string }[]).map((n) => n["@id"]);
}

describe.runIf(available)("pages in Chromium", () => {
  it("searches with three filters and lists what the typed API answers, in French", async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(server.url);
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await page.getByLabel("Ville").fill("Nantes");
    await page.getByLabel("Genre").selectOption("theatre");
    await page.getByLabel("Accessibilité").selectOption("wheelchairAccessible");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL(/city=Nantes/);
    const shown = await listed(page);
    const expected = await apiIds("city=Nantes&genre=theatre&accessibility=wheelchairAccessible");
    expect(expected.length).toBeGreaterThan(0);
    expect(shown).toEqual(expected);
    await page.screenshot({ path: new URL("discovery-fr.png", SHOTS).pathname, fullPage: true });
    await ctx.close();
  }, 60_000);

  it("opens a performance from the results: its page embeds JSON-LD for that performance that passes the google profile", async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`${server.url}?ui=fr&city=Nantes`);
    const [iri] = await listed(page);
    await page.locator(`ol.performances li[data-iri="${iri}"] a`).first().click();
    await page.waitForURL(/\/resource\?/);
    const scripts = await page.locator("script[type='application/ld+json']").allTextContents();
    expect(scripts).toHaveLength(1);
    const embedded = JSON.parse(scripts[0]!) as { "@id": string };
    expect(embedded["@id"]).toBe(iri);
    const { report } = await validateJsonLd(embedded, "google");
    expect(report.issues.filter((i) => i.severity === "violation")).toEqual([]);
    await page.screenshot({ path: new URL("performance-fr.png", SHOTS).pathname, fullPage: true });
    await ctx.close();
  }, 60_000);

  it("works without JavaScript: the form, the next page and a facet link", async () => {
    const ctx = await context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${server.url}?ui=fr`);
    await page.getByLabel("Ville").fill("Nantes");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL(/city=Nantes/);
    const first = await listed(page);
    expect(first).toEqual(await apiIds("city=Nantes"));
    await page.locator('a[rel="next"]').click();
    await page.waitForURL(/cursor=/);
    const second = await listed(page);
    expect(second.length).toBeGreaterThan(0);
    expect(second.some((iri) => first.includes(iri))).toBe(false);
    await page.goto(`${server.url}?ui=fr`);
    await page.locator(".facets a", { hasText: "Opéra" }).click();
    await page.waitForURL(/genre=opera/);
    expect(await listed(page)).toEqual(await apiIds("genre=opera"));
    await ctx.close();
  }, 60_000);

  it("speaks English when the browser asks for it, and switches back to French with the visible link", async () => {
    const ctx = await context({ locale: "en-GB" });
    const page = await ctx.newPage();
    await page.goto(server.url);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await expect(page.getByRole("button", { name: "Search" }).count()).resolves.toBe(1);
    await page.getByRole("link", { name: "Français" }).click();
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await expect(page.getByRole("button", { name: "Rechercher" }).count()).resolves.toBe(1);
    await ctx.close();
  }, 60_000);

  it("draws the observatory chart from the data: one bar per month of /api/stats", async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`${server.url}stats`);
    const stats = JSON.parse((await call(server.url, "api/stats")).text) as {
      byMonth: { month?: string; performances: number }[];
    };
    const months = stats.byMonth.filter((r) => r.month !== undefined);
    expect(await page.locator("svg.chart rect.bar").count()).toBe(months.length);
    const titles = await page.locator("svg.chart rect.bar title").allTextContents();
    expect(titles).toEqual(months.map((r) => `${r.month}: ${r.performances}`));
    await page.screenshot({ path: new URL("stats-fr.png", SHOTS).pathname, fullPage: true });
    await ctx.close();
  }, 60_000);

  it("runs an example in the query editor (YASGUI, served by Vivant) and shows the endpoint's answer as a table", async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    const outside: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith("data:")) outside.push(r.url());
    });
    await page.goto(`${server.url}query?ui=fr`);
    await page.waitForSelector("html[data-editor=yasgui]");
    await page.getByRole("link", { name: "Graphes et nombre de triplets par éditeur" }).click();
    const cells = page.locator(".yasr table.dataTable tbody tr td");
    await cells.first().waitFor();
    const text = (await cells.allTextContents()).join(" ");
    const rows = await selectRows(
      server.url,
      "SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph",
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(text).toContain(r.graph!);
      expect(text).toContain(r.triples!);
    }
    expect(outside).toEqual([]);
    await page.screenshot({ path: new URL("query-fr.png", SHOTS).pathname, fullPage: true });
    await ctx.close();
  }, 60_000);

  it("answers a query typed in the address bar with a table, without JavaScript, instead of a download", async () => {
    const ctx = await context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const query =
      "SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph ORDER BY ?graph";
    await page.goto(`${server.url}sparql?query=${encodeURIComponent(query)}`);
    const shown = await page
      .locator("table.results tbody tr")
      .evaluateAll((trs) =>
        trs
          .map((tr) =>
            (tr as unknown as { querySelectorAll(s: string): { textContent: string }[] }).querySelectorAll("td"),
          )
          .map((tds) => [...tds].map((td) => td.textContent)),
      );
    const rows = await selectRows(server.url, query);
    expect(shown).toEqual(rows.map((r) => [r.graph, r.triples]));
    await ctx.close();
  }, 60_000);

  it("checks a pasted page whose event has no location and names the problem in French, with the repairs and the repaired JSON-LD", async () => {
    const ctx = await context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${server.url}check`);
    const markup = `<html><head><script type="application/ld+json">${JSON.stringify({
      "@context": "https://schema.org",
      "@type": "TheatreEvent",
      name: "Le Misanthrope",
      startDate: "2026-11-20 20:00:00+01:00",
    })}</script></head></html>`;
    await page.getByLabel("JSON-LD ou page HTML").fill(markup);
    await page.getByRole("button", { name: "Vérifier" }).click();
    await page.waitForSelector("section.check-result");
    const result = await page.locator("section.check-result").innerText();
    expect(result).toContain("Non conforme au profil google");
    expect(result).toMatch(/Exigé par Google : l'événement n'a pas de lieu/);
    expect(result).toContain("google/event-location-required");
    // Harvest's repairs say what they changed: the misspelled type and the space before the time.
    expect(result).toContain("remplacé par la classe schema.org");
    expect(result).toContain("remplacé par T");
    const repaired = JSON.parse(await page.locator("#c-repaired").inputValue()) as Record<string, unknown>;
    expect(repaired["@context"]).toBe("https://schema.org/");
    expect(JSON.stringify(repaired)).toContain("TheaterEvent");
    await page.screenshot({ path: new URL("check-fr.png", SHOTS).pathname, fullPage: true });
    await ctx.close();
  }, 60_000);

  it("publishes a season with a token: the report first, nothing written before the confirmation, then the discovery page answers with it", async () => {
    const ctx = await context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const urls: string[] = [];
    page.on("request", (r) => urls.push(r.url()));
    const season = JSON.parse(DEMO_TEXT) as { productions: { name: Record<string, string> }[] };
    season.productions[0]!.name = { fr: "Saison publiée depuis la page", en: "Season published from the page" };
    const file = { name: "season.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(season)) };
    const found = async (): Promise<number> =>
      (await apiIds(`q=${encodeURIComponent("publiée depuis la page")}`)).length;

    await page.goto(`${server.url}publish?ui=fr`);
    await page.getByLabel("Jeton d'éditeur").fill("not-a-token");
    await page.getByRole("button", { name: "Se connecter" }).click();
    expect(await page.locator("[role=alert]").innerText()).toContain("Ce jeton n'est pas connu");
    await page.getByLabel("Jeton d'éditeur").fill(token);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForSelector("text=Connecté comme éditeur « reseau-scenes »");
    const before = await page.locator(".graph-line").innerText();

    await page.locator("#p-file").setInputFiles(file);
    await page.getByRole("button", { name: "Vérifier avant de publier" }).click();
    expect(await page.locator("[role=status]").innerText()).toMatch(/Conforme au profil core/);
    expect(await found()).toBe(0); // checked, not written
    expect(await page.locator(".graph-line").innerText()).toBe(before);

    await page.getByRole("button", { name: "Confirmer et remplacer mon graphe" }).click();
    expect(await page.locator("[role=status]").innerText()).toMatch(/Publié/);
    expect(await found()).toBeGreaterThan(0);
    await page.goto(`${server.url}?ui=fr&q=${encodeURIComponent("publiée depuis la page")}`);
    expect(await listed(page)).toEqual(await apiIds(`q=${encodeURIComponent("publiée depuis la page")}`));
    expect(urls.some((u) => u.includes(token))).toBe(false);
    await ctx.close();
  }, 90_000);
});

describe("pages over plain HTTP", () => {
  it("answers / with HTML to browsers and the JSON index to others, saying it varies on Accept", async () => {
    const s = server ?? (await demoServer()).server;
    try {
      const page = await call(s.url, "", { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
      expect(page.type).toMatch(/^text\/html/);
      expect(page.headers.get("vary")).toMatch(/Accept/);
      expect(page.headers.get("content-security-policy")).not.toMatch(/unsafe-inline/);
      const json = await call(s.url, "", { headers: { accept: "*/*" } });
      expect(json.type).toMatch(/^application\/json/);
      expect(JSON.parse(json.text).sparql).toBe(s.sparqlEndpoint);
    } finally {
      if (!server) await s.close();
    }
  }, 60_000);

  it("keeps /sparql for machines: results and the service description by Accept, the page only for browsers", async () => {
    const s = server ?? (await demoServer()).server;
    try {
      const q = encodeURIComponent("ASK {}");
      expect(
        (
          await call(s.url, `sparql?query=${q}`, {
            headers: { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" },
          })
        ).type,
      ).toMatch(/^text\/html/);
      expect((await call(s.url, `sparql?query=${q}`, { headers: { accept: "*/*" } })).type).toMatch(
        /^application\/sparql-results\+json/,
      );
      expect((await call(s.url, `sparql?query=${q}&format=json`, { headers: { accept: "text/html" } })).type).toMatch(
        /^application\/sparql-results\+json/,
      );
      expect(
        (
          await call(s.url, "sparql", {
            headers: {
              accept: "application/sparql-results+json,application/json,text/javascript,application/javascript",
            },
          })
        ).type,
      ).not.toMatch(/html/);
      expect((await call(s.url, "sparql")).type).toMatch(/^text\/turtle/);
    } finally {
      if (!server) await s.close();
    }
  }, 60_000);

  it("checks an uploaded records file as vivant validate does, and refuses an upload past the limit", async () => {
    const s = server ?? (await demoServer()).server;
    try {
      const form = new FormData();
      form.set("ui", "en");
      form.set("profile", "core");
      form.set("file", new Blob([DEMO_TEXT], { type: "application/json" }), "demo-season.json");
      const ok = await call(s.url, "check", { method: "POST", body: form });
      expect(ok.status).toBe(200);
      expect(ok.text).toContain("Conforms to the profile core");
      const big = new FormData();
      big.set("text", "x".repeat(5 * 2 ** 20 + 10));
      const refused = await call(s.url, "check", { method: "POST", body: big, headers: { "accept-language": "en" } });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain("at most 5242880 bytes");
      // The page's own language otherwise (French by default).
      const refusedFr = await call(s.url, "check", { method: "POST", body: big });
      expect(refusedFr.text).toContain("au plus 5242880 octets");
    } finally {
      if (!server) await s.close();
    }
  }, 60_000);

  it("refuses the publishing forms without the session's CSRF token, and never sets a cookie readable by scripts", async () => {
    const s = server ?? (await demoServer()).server;
    const t = token ?? (await demoServer()).token;
    try {
      const signIn = await fetch(new URL("publish/sign-in", s.url), {
        method: "POST",
        body: new URLSearchParams({ token: t }),
        redirect: "manual",
      });
      expect(signIn.status).toBe(303);
      const cookie = signIn.headers.get("set-cookie")!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      const session = cookie.split(";")[0]!;
      const form = new FormData();
      form.set("file", new Blob([DEMO_TEXT]), "season.json");
      const forged = await fetch(new URL("publish/check", s.url), {
        method: "POST",
        body: form,
        headers: { cookie: session },
      });
      expect(forged.status).toBe(403);
      form.set("csrf", "guessed");
      expect(
        (await fetch(new URL("publish/check", s.url), { method: "POST", body: form, headers: { cookie: session } }))
          .status,
      ).toBe(403);
      const confirm = new FormData();
      confirm.set("pending", "x");
      expect(
        (
          await fetch(new URL("publish/confirm", s.url), {
            method: "POST",
            body: confirm,
            headers: { cookie: session },
          })
        ).status,
      ).toBe(403);
    } finally {
      if (!server) await s.close();
    }
  }, 60_000);

  it("escapes what the request and the data say (no markup injected through a search)", async () => {
    const s = server ?? (await demoServer()).server;
    try {
      const page = await call(s.url, `?ui=fr&q=${encodeURIComponent('"><script>alert(1)</script>')}`, {
        headers: { accept: "text/html" },
      });
      expect(page.status).toBe(200);
      expect(page.text).not.toContain("<script>alert(1)</script>");
      expect(page.text).toContain("&quot;&gt;&lt;script&gt;");
      const bad = await call(s.url, "?ui=fr&maxPrice=abc", { headers: { accept: "text/html" } });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('role="alert"');
    } finally {
      if (!server) await s.close();
    }
  }, 60_000);
});
