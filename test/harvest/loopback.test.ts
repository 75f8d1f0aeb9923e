// Harvest against a real HTTP server on 127.0.0.1: pages built from the demo season's embed snippets
// and from real venue JSON-LD in the corpora, next to every kind of broken page.

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toEmbeds, embedScript, parseRecords } from "../../src/mapping/index.js";
import { harvest } from "../../src/harvest/harvest.js";
import { processJsonLd } from "../../src/harvest/page.js";
import { schemaVocabulary } from "../../src/harvest/vocabulary.js";
import { CORPORA, HAS_CORPORA, SCHEMA, objects, subjectsOfType, warnIfNoCorpora } from "./helpers.js";
import { page, script, startSite, type TestSite } from "./server.js";

const DEMO = JSON.parse(readFileSync(new URL("../../fixtures/demo-season.json", import.meta.url), "utf8"));
// Tests run against 127.0.0.1: loopback is refused without allowPrivate (see limits.test.ts).
const FAST = { perHostDelayMs: 0, timeoutMs: 5000, allowPrivate: true };

let site: TestSite;
let demoPaths: string[] = [];

beforeAll(async () => {
  // Load the vocabulary and the schema.org context once up front: a first page pays for both,
  // and that CPU time must not eat into the short client timeout of the slow-page test.
  schemaVocabulary();
  await processJsonLd(JSON.stringify({ "@context": "https://schema.org", "@type": "Event", name: "warm-up" }), {
    url: "https://warm.example/",
    fetchedAt: "2026-01-01T00:00:00Z",
  });
  site = await startSite();
  const parsed = parseRecords(DEMO);
  const embeds = toEmbeds(parsed.document!);
  demoPaths = [...embeds.keys()].map((id) => `/saison/${id}.html`);
  for (const [id, embed] of embeds)
    site.route(`/saison/${id}.html`, { type: "text/html; charset=utf-8", body: page(id, [embedScript(embed)]) });
  site.route("/robots.txt", { type: "text/plain", body: "User-agent: *\nDisallow: /private/\n" });
  site.route("/sitemap.xml", {
    type: "application/xml",
    body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${demoPaths.map((p) => `<url><loc>${site.origin}${p}</loc></url>`).join("")}</urlset>`,
  });
  site.route("/bad/no-jsonld.html", { type: "text/html", body: page("Rien", []) });
  site.route("/bad/invalid-json.html", {
    type: "text/html",
    body: page("Deux blocs", [
      '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Event", "name": </script>',
      script({
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": "https://ok.example/e1",
        name: "Concert",
        startDate: "2026-10-01T20:00:00+02:00",
      }),
    ]),
  });
  site.route("/bad/loop-a", { status: 302, headers: { location: "/bad/loop-b" } });
  site.route("/bad/loop-b", { status: 302, headers: { location: "/bad/loop-a" } });
  site.route("/bad/slow.html", {
    type: "text/html",
    body: page("Lent", [script({ "@context": "https://schema.org", "@type": "Event", name: "Lent" })]),
    delayMs: 20_000,
  });
  site.route("/bad/huge.html", {
    type: "text/html",
    body: `<html><head>${script({ "@context": "https://schema.org", "@type": "Event", "@id": "https://huge.example/e", name: "Énorme" })}</head><body>`,
    streamBytes: 2 * 1024 * 1024,
  });
  site.route("/bad/image.png", { type: "image/png", body: "\x89PNG\r\n\x1a\n" });
  site.route("/private/secret.html", {
    type: "text/html",
    body: page("Secret", [script({ "@context": "https://schema.org", "@type": "Event", name: "Secret" })]),
  });
  site.route("/r/1", { status: 301, headers: { location: "/r/2" } });
  site.route("/r/2", { status: 301, headers: { location: "/r/3" } });
  site.route("/r/3", { status: 301, headers: { location: "/saison/" + demoPaths[0]!.slice("/saison/".length) } });
});

afterAll(async () => {
  await site.close();
});

describe("harvest on loopback", () => {
  it("reports each broken page for its URL and still loads the good ones", async () => {
    const bad = [
      "no-jsonld.html",
      "invalid-json.html",
      "loop-a",
      "slow.html",
      "huge.html",
      "image.png",
      "missing.html",
    ].map((p) => `${site.origin}/bad/${p}`);
    const result = await harvest([...bad, `${site.origin}/private/secret.html`, `${site.origin}${demoPaths[0]}`], {
      policy: { ...FAST, timeoutMs: 2000, maxBytes: 256 * 1024 },
    });
    const codes = Object.fromEntries(result.failures.map((f) => [f.url.slice(site.origin.length), f.code]));
    expect(codes).toEqual({
      "/bad/no-jsonld.html": "no-json-ld",
      "/bad/loop-a": "redirect-loop",
      "/bad/slow.html": "timeout",
      "/bad/huge.html": "too-large",
      "/bad/image.png": "not-html",
      "/bad/missing.html": "http-status",
      "/private/secret.html": "robots-disallowed",
    });
    expect(result.failures.find((f) => f.code === "http-status")?.status).toBe(404);
    // The invalid block is reported; the page's valid block is kept.
    expect(result.problems.filter((p) => p.code === "harvest/invalid-json").map((p) => p.recordId)).toEqual([
      `${site.origin}/bad/invalid-json.html`,
    ]);
    expect(subjectsOfType(result.quads, "Event")).toContain("https://ok.example/e1");
    // Nothing from a page that failed part-way is kept.
    expect(subjectsOfType(result.quads, "Event")).not.toContain("https://huge.example/e");
    expect(result.quads.some((q) => q.object.value === "Lent" || q.object.value === "Secret")).toBe(false);
    expect(site.requests).not.toContain("/private/secret.html");
    expect(result.entities.Event).toBe(2);
  });

  it("counts redirects and stops at the limit", async () => {
    const over = await harvest([`${site.origin}/r/1`], { policy: { ...FAST, maxRedirects: 2 } });
    expect(over.failures.map((f) => f.code)).toEqual(["too-many-redirects"]);
    const within = await harvest([`${site.origin}/r/1`], { policy: { ...FAST, maxRedirects: 3 } });
    expect(within.failures).toEqual([]);
    expect(within.pages[0]!.finalUrl).toBe(`${site.origin}${demoPaths[0]}`);
  });

  it("harvests the demo season from its sitemap, with per-page provenance and the host's concurrency limit", async () => {
    const before = site.requests.length;
    const progress: number[] = [];
    const result = await harvest([`${site.origin}/sitemap.xml`], {
      policy: { ...FAST, perHostConcurrency: 2 },
      concurrency: 6,
      onProgress: (p) => progress.push(p.done),
    });
    expect(result.sitemaps).toBe(1);
    expect(result.failures).toEqual([]);
    expect(result.pages).toHaveLength(demoPaths.length);
    expect(result.entities.Event).toBe(DEMO.performances.length);
    expect(site.maxInFlight()).toBeLessThanOrEqual(2);
    expect(progress.at(-1)).toBe(demoPaths.length + 1);
    const requested = site.requests.slice(before);
    expect(requested.filter((p) => p.startsWith("/saison/"))).toHaveLength(demoPaths.length);
    // Each event says which page it came from, and each page when it was fetched.
    const first = result.pages[0]!;
    const events = subjectsOfType(result.quads, "Event").concat(
      subjectsOfType(result.quads, "MusicEvent"),
      subjectsOfType(result.quads, "TheaterEvent"),
    );
    const fromFirst = result.quads
      .filter(
        (q) => q.predicate.value === "http://www.w3.org/ns/prov#wasDerivedFrom" && q.object.value === first.finalUrl,
      )
      .map((q) => q.subject.value);
    expect(fromFirst.some((s) => events.includes(s) || s.includes("/performance/"))).toBe(true);
    expect(objects(result.quads, first.finalUrl, "https://vivant.dev/ns#fetchedAt")[0]?.value).toBe(first.fetchedAt);
    // The embed's https://schema.org enum values arrive as http://schema.org IRIs.
    expect(result.quads.some((q) => q.object.value.startsWith("https://schema.org/"))).toBe(false);
    expect(result.fixes.count("https-schema-org")).toBeGreaterThan(0);
  });
});

describe.skipIf(!HAS_CORPORA)("harvest of real venue JSON-LD on loopback", () => {
  warnIfNoCorpora("harvest of Scènes francophones and NAC pages on loopback");

  it("serves Scènes francophones event documents as pages and keeps one event and one offer per page", async () => {
    const docs = JSON.parse(
      readFileSync(`${CORPORA}artsdata-planet-scenesfrancophones/output/events.jsonld`, "utf8"),
    ).slice(0, 60) as { "@graph": Record<string, unknown>[] }[];
    docs.forEach((d, i) => site.route(`/sf/${i}.html`, { type: "text/html", body: page(`sf ${i}`, [script(d)]) }));
    const result = await harvest(
      docs.map((_, i) => `${site.origin}/sf/${i}.html`),
      { policy: FAST },
    );
    expect(result.failures).toEqual([]);
    const ids = new Set(docs.map((d) => d["@graph"][0]!["@id"]));
    expect(result.entities.Event).toBe(ids.size);
    expect(result.entities.Offer).toBe(docs.length);
    const places = new Set(
      docs.map((d) => (d["@graph"][0]!.location as { "@id"?: string } | undefined)?.["@id"]).filter(Boolean),
    );
    expect(result.entities.Place).toBeLessThanOrEqual(places.size);
    expect(result.entities.Place).toBeGreaterThan(0);
    // "https://schema.org/EventScheduled" written as text is an IRI now; "430" is a number.
    expect(result.fixes.count("schema-iri-literal")).toBeGreaterThanOrEqual(2 * docs.length);
    for (const e of subjectsOfType(result.quads, "Event"))
      expect(objects(result.quads, e, `${SCHEMA}eventStatus`)[0]?.termType).toBe("NamedNode");
  });

  it("harvests the NAC dump served as application/ld+json and merges its per-performance copies of each hall", async () => {
    site.route("/nac/entities.jsonld", {
      type: "application/ld+json",
      body: readFileSync(`${CORPORA}artsdata-planet-nac/output/entities.jsonld`, "utf8"),
    });
    const result = await harvest([`${site.origin}/nac/entities.jsonld`], {
      policy: { ...FAST, maxBytes: 8 * 1024 * 1024 },
    });
    expect(result.failures).toEqual([]);
    expect(result.entities.Event).toBe(202);
    expect(result.fixes.count("duplicate-place")).toBeGreaterThan(150);
    expect(result.entities.Place).toBeLessThan(40);
    expect(result.dropped.get("(untyped)")).toBeGreaterThan(5000);
  });
});
