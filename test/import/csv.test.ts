// The ticketing CSV importer with its column-mapping file (fixtures/import/).

import { describe, expect, it } from "vitest";
import { importCsv, parseCsvMapping } from "../../src/import/csv.js";
import { parseRecords } from "../../src/mapping/index.js";
import { isInputError } from "../../src/errors.js";
import { fixtureText } from "./helpers.js";

const mapping = () => parseCsvMapping(JSON.parse(fixtureText("mapping.json")));

describe("importCsv", () => {
  const result = importCsv(fixtureText("ticketing.csv"), { mapping: mapping() });

  it("groups tariff rows into performances with their offers", () => {
    const s1 = result.document.performances!.find((p) => p.id === "S-001")!;
    expect(s1.startDate).toBe("2026-11-20T20:00");
    expect(s1.offers!.map((o) => [o.category?.fr, o.price, o.priceCurrency, o.availability])).toEqual([
      ["Plein tarif", 24, "EUR", "InStock"],
      ["Tarif réduit", 16.5, "EUR", "InStock"],
    ]);
    expect(result.document.performances!.find((p) => p.id === "S-002")!.offers![0]!.availability).toBe("SoldOut");
    expect(result.document.venues).toEqual([
      expect.objectContaining({
        id: "theatre-du-port",
        timeZone: "Europe/Paris",
        address: expect.objectContaining({ addressLocality: "Brest", addressCountry: "FR" }),
      }),
    ]);
    expect(result.document.productions!.find((p) => p.id === "harpe")!.genres).toEqual(["classical"]);
  });

  it("maps statuses through the mapping's values and lists rejected rows with their reasons", () => {
    expect(result.document.performances!.find((p) => p.id === "S-004")!.status).toEqual({ kind: "postponed" });
    expect(result.rejected.map((r) => r.recordId)).toEqual(["7", "8"]);
    expect(result.problems.filter((p) => p.severity === "violation").map((p) => p.code)).toEqual([
      "csv/invalid-date",
      "csv/invalid-price",
    ]);
    // "#N/A" in the price cell is read as empty: the row keeps its tariff name, with no price invented.
    const s3 = result.document.performances!.find((p) => p.id === "S-003")!;
    expect(s3.offers).toEqual([{ id: "1", category: { fr: "Plein tarif" }, availability: "InStock" }]);
    expect(s3.status).toEqual({ kind: "cancelled" });
  });

  it("counts every repair", () => {
    expect(result.fixes.toJSON()).toEqual({
      "date-day-month-year": 6,
      "decimal-comma": 5,
      "url-scheme-added": 2,
      "byte-order-mark": 1,
      "spreadsheet-error-cell": 1,
    });
  });

  it("produces records the parser accepts whole", () => {
    const parsed = parseRecords(result.document);
    expect(parsed.problems.filter((p) => p.severity === "violation")).toEqual([]);
    expect(parsed.document!.performances).toHaveLength(4);
  });

  it("rejects an unusable mapping file or a column the CSV lacks, as input errors", () => {
    expect(() => parseCsvMapping({ publisher: { id: "x" }, columns: { "performance.nope": "A" } })).toThrow(
      /unknown field "performance.nope"/,
    );
    expect(() => parseCsvMapping({ publisher: { id: "x" }, columns: { "performance.id": "A" } })).toThrow(/startDate/);
    try {
      importCsv("A;B\n1;2\n", { mapping: mapping() });
      expect.unreachable();
    } catch (e) {
      expect(isInputError(e) && e.code).toBe("csv/missing-column");
    }
  });
});
