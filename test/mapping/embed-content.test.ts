// The embed form says what the records say: performers (the production's cast when the performance names none),
// an end (the start plus the duration when no end is given), and a price for an offer given as a range.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { toEmbeds } from "../../src/mapping/index.js";
import { addDuration } from "../../src/records/time.js";
import type { RecordDocument } from "../../src/records/types.js";

const DEMO = JSON.parse(
  readFileSync(new URL("../../fixtures/demo-season.json", import.meta.url), "utf8"),
) as RecordDocument;
type Page = Record<string, unknown> & { offers?: Record<string, unknown>[]; performer?: unknown[] };

describe("embed pages of the demo season", () => {
  const pages = [...toEmbeds(DEMO).values()] as unknown as Page[];
  const production = new Map(DEMO.productions!.map((p) => [p.id, p]));

  it("name performers on every page whose performance or production has a cast", () => {
    const withCast = DEMO.performances!.filter(
      (p) => (p.performers?.length ?? 0) > 0 || (production.get(p.production)?.cast?.length ?? 0) > 0,
    );
    const withPerformer = pages.filter((p) => Array.isArray(p.performer) && p.performer.length > 0);
    console.log(
      `demo season: ${pages.length} pages, ${withCast.length} with a cast, ${withPerformer.length} with performer`,
    );
    expect(withCast.length).toBeGreaterThan(0);
    expect(withPerformer.length).toBe(withCast.length);
    for (const page of withPerformer)
      for (const a of page.performer as Record<string, unknown>[]) expect(typeof a.name).toBe("string");
  });

  it("give an endDate on every page that has a start time and a duration", () => {
    const timed = pages.filter((p) => typeof p.duration === "string" && String(p.startDate).includes("T"));
    const ended = timed.filter((p) => typeof p.endDate === "string");
    console.log(`demo season: ${timed.length} pages with a start time and a duration, ${ended.length} with endDate`);
    expect(timed.length).toBeGreaterThan(0);
    expect(ended.length).toBe(timed.length);
    for (const p of ended) expect(Date.parse(String(p.endDate))).toBeGreaterThan(Date.parse(String(p.startDate)));
  });

  it("give every offer with a price range its lowest price as price", () => {
    const ranged = pages
      .flatMap((p) => p.offers ?? [])
      .filter((o) => (o.priceSpecification as { minPrice?: number } | undefined)?.minPrice !== undefined);
    console.log(
      `demo season: ${ranged.length} offers with a price range, ${ranged.filter((o) => o.price === undefined).length} without price`,
    );
    expect(ranged.length).toBeGreaterThan(0);
    for (const o of ranged) expect(o.price).toBe((o.priceSpecification as { minPrice: number }).minPrice);
  });
});

describe("addDuration", () => {
  it("adds on the start's own wall clock and keeps its offset", () => {
    expect(addDuration("2026-11-20T20:00:00+01:00", "PT2H30M")).toBe("2026-11-20T22:30:00+01:00");
    expect(addDuration("2026-11-20T23:15:00+01:00", "PT1H05M")).toBe("2026-11-21T00:20:00+01:00");
    expect(addDuration("2026-12-31T22:00:00Z", "PT3H")).toBe("2027-01-01T01:00:00Z");
    expect(addDuration("2026-01-31T20:00:00-05:00", "P1M")).toBe("2026-02-28T20:00:00-05:00");
    expect(addDuration("2026-11-20T20:00:00", "P1W")).toBe("2026-11-27T20:00:00");
    expect(addDuration("2026-11-20T20:00:00.500+01:00", "PT0.75S")).toBe("2026-11-20T20:00:01.25+01:00");
  });

  it("gives nothing for a date without a time or a malformed input", () => {
    expect(addDuration("2026-11-20", "PT2H")).toBeUndefined();
    expect(addDuration("2026-11-20T20:00:00+01:00", "2 hours")).toBeUndefined();
    expect(addDuration("soon", "PT2H")).toBeUndefined();
  });
});
