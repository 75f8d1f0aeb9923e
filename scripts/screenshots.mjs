#!/usr/bin/env node
// `node scripts/screenshots.mjs`: the README's screenshots, taken in a real browser (Debian's Chromium through
// playwright-core; VIVANT_CHROMIUM for another path) on a server with the demo season: the discovery page with a
// search, and the markup checker with the report of a page whose event has no location. Written to docs/screenshots/
// (committed); the browser tests' own screenshots go to test-output/ (ignored). Needs dist/ (npm run build).
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { needsBuild } from "./start.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const chromiumPath = process.env.VIVANT_CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(chromiumPath)) {
  process.stderr.write(`no Chromium at ${chromiumPath}: apt-get install chromium, or set VIVANT_CHROMIUM\n`);
  process.exit(2);
}
if (needsBuild()) {
  process.stderr.write("dist/ is missing or older than src/: run npm run build first\n");
  process.exit(2);
}
const { chromium } = await import("playwright-core");
const { VivantServer } = await import(join(root, "dist", "src", "server", "index.js"));

const out = join(root, "docs", "screenshots");
mkdirSync(out, { recursive: true });
const server = await VivantServer.start({ port: 0 });
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  const { info } = await server.load(
    [{ text: readFileSync(join(root, "fixtures", "demo-season.json"), "utf8"), source: "demo-season.json" }],
    {},
  );
  if (!info) throw new Error("the demo season did not load");
  const ctx = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  // Every step bounded: a page that does not come stops the script instead of hanging it.
  page.setDefaultTimeout(30_000);

  await page.goto(`${server.url}?ui=fr&city=Nantes`);
  await page.waitForSelector("ol.performances li");
  await page.screenshot({ path: join(out, "discovery.png") });

  await page.goto(`${server.url}check?ui=fr`);
  const markup = `<html><head><script type="application/ld+json">${JSON.stringify({
    "@context": "https://schema.org",
    "@type": "TheatreEvent",
    name: "Le Misanthrope",
    startDate: "2026-11-20 20:00:00+01:00",
  })}</script></head></html>`;
  await page.getByLabel("JSON-LD ou page HTML").fill(markup);
  await page.getByRole("button", { name: "Vérifier" }).click();
  await page.waitForSelector("section.check-result");
  await page.locator("section.check-result").scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(out, "checker.png"), fullPage: true });
  await ctx.close();
  process.stdout.write(
    `wrote ${join("docs", "screenshots", "discovery.png")} and ${join("docs", "screenshots", "checker.png")}\n`,
  );
} finally {
  await browser.close();
  await server.close();
}
