// What real markup writes, carried generically (no per-site code) by harvest and the JSON-LD importer:
// text performers and name-only organizers as agents of unknown kind, a one-string address, ImageObject
// images, price ranges and lists; a price with two readings is never turned into a number.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Fixes } from "../../src/harvest/fixes.js";
import { readPrice } from "../../src/harvest/prices.js";
import { processHtml } from "../../src/harvest/page.js";
import { importArtsdata } from "../../src/import/artsdata.js";
import { mapRecords, parseRecords, toEmbeds } from "../../src/mapping/index.js";
import { createValidator } from "../../src/validate/validator.js";

const markup = JSON.parse(readFileSync(new URL("./fixtures/real-markup.jsonld", import.meta.url), "utf8"));

describe("readPrice", () => {
  it.each([
    ["12.50", { kind: "number", value: "12.50", decimalComma: false }],
    ["25 – 45", { kind: "range", min: "25", max: "45", list: false }],
    ["15 à 21", { kind: "range", min: "15", max: "21", list: false }],
    ["49.50 – 54.50", { kind: "range", min: "49.5", max: "54.5", list: false }],
    ["44 - 69,44 - 79", { kind: "range", min: "44", max: "79", list: true }],
    ["49,46", { kind: "ambiguous", readings: ["49.46", "49 and 46"] }],
    ["12,50", { kind: "ambiguous", readings: ["12.5", "12 and 50"] }],
    ["45 – 25", { kind: "unreadable" }],
    ["gratuit", { kind: "unreadable" }],
  ])("%s", (text, expected) => {
    expect(readPrice(text)).toEqual(expected);
  });
});

describe("the JSON-LD importer on real markup", () => {
  it("carries text agents, a text address, an ImageObject, ranges and lists; reports the ambiguous price", async () => {
    const r = await importArtsdata(markup, { publisher: { id: "nord" } });
    const p = r.document.performances![0]!;
    expect(p.performers).toEqual([{ name: "Alex Roy" }]);
    expect(p.organizers).toEqual([{ name: "Les Productions Nord" }]);
    expect(p.images).toEqual(["https://venue.example/img/alex.jpg"]);
    expect(r.document.venues![0]).toMatchObject({ addressText: "1200 rue Principale, Sherbrooke QC J1H 1A1" });
    expect(r.document.venues![0]!.address).toBeUndefined();
    const byName = Object.fromEntries(p.offers!.map((o) => [Object.values(o.category!)[0], o]));
    expect(byName.range).toMatchObject({ minPrice: 25, maxPrice: 45, priceCurrency: "CAD" });
    expect(byName["range-fr"]).toMatchObject({ minPrice: 15, maxPrice: 21 });
    expect(byName.decimals).toMatchObject({ minPrice: 49.5, maxPrice: 54.5 });
    expect(byName.list).toMatchObject({ minPrice: 44, maxPrice: 79 });
    expect(byName.ambiguous!.price).toBeUndefined();
    expect(byName.ambiguous!.minPrice).toBeUndefined();
    expect(r.problems).toContainEqual(
      expect.objectContaining({ code: "import/ambiguous-price", severity: "warning", value: "49,46" }),
    );
    expect(r.problems).toContainEqual(
      expect.objectContaining({ code: "import/address-not-structured", severity: "warning" }),
    );
    expect(
      r.problems
        .filter((x) => x.code === "import/agent-kind-unknown")
        .map((x) => x.value)
        .sort(),
    ).toEqual(["Alex Roy", "Les Productions Nord"]);
    expect(r.fixes.count("decimal-comma")).toBe(0);
    expect(r.fixes.count("price-range")).toBe(3);
    expect(r.fixes.count("price-list")).toBe(1);
    expect(r.ledger.unbalanced()).toEqual([]);

    // The records parse, map and pass the core profile; the embed offer carries the range.
    const parsed = parseRecords(JSON.parse(JSON.stringify(r.document)));
    expect(parsed.problems.filter((x) => x.severity === "violation")).toEqual([]);
    const mapped = mapRecords(r.document);
    const report = await (await createValidator("core")).validate(mapped.quads);
    expect(report.issues.filter((i) => i.severity === "violation")).toEqual([]);
    expect(report.issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(["core/place-address-structured", "core/event-performer-kind-known"]),
    );
    const embed = [...toEmbeds(r.document).values()][0] as unknown as {
      offers: { name: string; price?: number; priceSpecification?: { minPrice?: number } }[];
    };
    expect(embed.offers.find((o) => o.name === "range")!.priceSpecification!.minPrice).toBe(25);
    expect(embed.offers.find((o) => o.name === "ambiguous")!.price).toBeUndefined();
  });
});

describe("harvest on real markup", () => {
  it("keeps the text performer as a named node, the text address and the price range; the graph passes the core profile", async () => {
    const html = `<script type="application/ld+json">${JSON.stringify(markup)}</script>`;
    const fixes = new Fixes();
    const page = await processHtml(html, {
      url: "https://venue.example/e/1",
      fetchedAt: "2026-01-01T00:00:00Z",
      fixes,
    });
    expect(fixes.count("agent-as-text")).toBe(1);
    expect(page.problems).toContainEqual(expect.objectContaining({ code: "import/ambiguous-price", value: "49,46" }));
    const performer = page.quads.find((q) => q.predicate.value === "http://schema.org/performer")!.object;
    expect(performer.termType).toBe("NamedNode");
    expect(
      page.quads.filter((q) => q.subject.value === performer.value).map((q) => [q.predicate.value, q.object.value]),
    ).toContainEqual(["http://schema.org/name", "Alex Roy"]);
    expect(page.quads.some((q) => q.predicate.value === "http://schema.org/minPrice" && q.object.value === "25")).toBe(
      true,
    );
    const report = await (await createValidator("core")).validate(page.quads);
    const violations = report.issues.filter((i) => i.severity === "violation").map((i) => i.code);
    expect(violations.filter((c) => /performer|organizer|address|price-number/.test(c))).toEqual([]);
  });
});
