// Artsdata-style dumps (GTQ, Scènes francophones, NAC) → records the parser accepts, with counts.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importArtsdata, jsonLdChunks } from "../../src/import/artsdata.js";
import { rejectionsByReason } from "../../src/import/types.js";
import { mapRecords, parseRecords, toGraph } from "../../src/mapping/index.js";
import { HAS_CORPORA, corpusJson, warnIfNoCorpora } from "./helpers.js";

describe("jsonLdChunks", () => {
  it("merges consecutive documents sharing a context and keeps expanded nodes apart", () => {
    const chunks = jsonLdChunks([
      { "@context": "https://schema.org", "@graph": [{ "@type": "Event" }] },
      { "@context": "https://schema.org", "@type": "Place" },
      { "@id": "http://x/1", "@type": ["http://schema.org/Person"] },
      { "@context": "http://schema.org/", "@type": "Event" },
    ]);
    expect(chunks).toEqual([
      { "@context": "https://schema.org", "@graph": [{ "@type": "Event" }, { "@type": "Place" }] },
      [{ "@id": "http://x/1", "@type": ["http://schema.org/Person"] }],
      { "@context": "http://schema.org/", "@graph": [{ "@type": "Event" }] },
    ]);
  });
});

describe("importArtsdata on Vivant's own graph form", () => {
  it("reads a mixed performance's place from its location and its stream from its WatchAction", async () => {
    const golden = JSON.parse(
      readFileSync(new URL("../../fixtures/golden/performance.records.json", import.meta.url), "utf8"),
    );
    const graph = toGraph(mapRecords(golden).document!);
    const r = await importArtsdata(graph, { publisher: { id: "pub" } });
    const p = r.document.performances!.find((x) => x.id.endsWith("p-1"))!;
    expect(p).toMatchObject({
      venue: expect.stringContaining("h-1"),
      onlineUrl: "https://live.scene.example/solo",
      attendanceMode: "mixed",
    });
    expect(r.problems.filter((x) => x.code === "import/unsupported-type")).toEqual([]);
  });
});

describe.skipIf(!HAS_CORPORA)("importArtsdata on real dumps", () => {
  warnIfNoCorpora("Artsdata dumps (GTQ, Scènes francophones, NAC)");

  it("GTQ: 270 events, their offers in CAD, enum text and language-tagged numbers repaired", async () => {
    const r = await importArtsdata(corpusJson("artsdata-planet-gtq/output/grandtheatrequebec-events.jsonld"), {
      publisher: { id: "gtq" },
      defaultLanguage: "fr",
    });
    expect(r.document.performances).toHaveLength(270);
    expect(r.rejected).toEqual([]);
    expect(r.fixes.count("enum-as-text")).toBe(1401);
    expect(r.fixes.count("language-on-non-text")).toBeGreaterThan(1401);
    const offers = r.document.performances!.flatMap((p) => p.offers ?? []);
    // 1,401 Offer nodes; a few are shared by two performances of the same show.
    expect(offers.length).toBeGreaterThanOrEqual(1401);
    expect(r.document.performances!.every((p) => (p.offers ?? []).length > 0)).toBe(true);
    expect(new Set(offers.map((o) => o.priceCurrency))).toEqual(new Set(["CAD"]));
    expect(r.document.performances!.filter((p) => p.status?.kind === "cancelled")).toHaveLength(2);
    // Performances of one show's page share a production.
    expect(r.document.productions!.length).toBeLessThan(270);
    expect(parseRecords(r.document).problems.filter((p) => p.severity === "violation")).toEqual([]);
  });

  it("Scènes francophones: four files, every rejection has a reason", async () => {
    const files = ["events", "places", "presenters", "artists"].map((f) =>
      corpusJson(`artsdata-planet-scenesfrancophones/output/${f}.jsonld`),
    );
    const r = await importArtsdata(files, { publisher: { id: "scenes-francophones" }, defaultLanguage: "fr" });
    expect(r.read).toBe(1336 + 264 + 143 + 1119);
    expect(r.document.performances!.length + r.rejected.filter((x) => x.entity === "performance").length).toBe(1336);
    expect(Object.fromEntries(rejectionsByReason(r))).toMatchObject({
      "import/unusable-location": 79,
      "import/missing-location": 33,
      "import/missing-start-date": 4,
    });
    expect(r.document.venues!.length).toBeGreaterThan(250);
    expect(r.fixes.count("schema-iri-literal")).toBeGreaterThanOrEqual(2 * 1336);
    expect(r.fixes.count("boolean-as-text")).toBeGreaterThan(1336);
    expect(parseRecords(r.document).problems.filter((p) => p.severity === "violation")).toEqual([]);
  });

  it("NAC: the hall repeated per performance is one venue; 24:00 end times are read", async () => {
    const r = await importArtsdata(corpusJson("artsdata-planet-nac/output/entities.jsonld"), {
      publisher: { id: "nac" },
      defaultLanguage: "en",
    });
    expect(r.document.performances!.length).toBe(201);
    expect(r.fixes.count("duplicate-place")).toBeGreaterThan(150);
    expect(r.document.venues!.length).toBeLessThan(40);
    expect(r.fixes.count("date-end-of-day")).toBeGreaterThan(0);
    expect(parseRecords(r.document).problems.filter((p) => p.severity === "violation")).toEqual([]);
  });
});
