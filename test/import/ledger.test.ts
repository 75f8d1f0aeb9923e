// The fidelity ledger: every property of every source node ends carried, repaired or not carried (with a
// reason), for the JSON-LD importer, the CSV importer and harvest; the summary and the problems say so.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Ledger, SourceTally } from "../../src/harvest/ledger.js";
import { processHtml } from "../../src/harvest/page.js";
import { formatSummary } from "../../src/harvest/progress.js";
import { Fixes } from "../../src/harvest/fixes.js";
import { importArtsdata } from "../../src/import/artsdata.js";
import { importCsv, parseCsvMapping } from "../../src/import/csv.js";
import { importUitdatabank } from "../../src/import/uitdatabank.js";
import { fixtureText } from "./helpers.js";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));
const row = (l: Ledger, p: string) => l.rows().find((r) => r.property === p);

describe("SourceTally", () => {
  it("settles each (node, property) once: a drop wins over a carry, a rejected node is not carried, the unmarked are not modelled", () => {
    const t = new SourceTally();
    for (const p of ["name", "price", "keywords"]) t.seen("a", p);
    t.seen("b", "name");
    t.carry("a", "name");
    t.carry("a", "price");
    t.drop("a", "price", "invalid");
    t.carry("a", "price");
    t.carry("b", "name");
    t.reject("b");
    t.carry("c", "name"); // never seen: ignored
    const l = t.settle(new Ledger());
    expect(l.rows()).toEqual([
      {
        property: "keywords",
        seen: 1,
        carried: 0,
        repaired: 0,
        notCarried: 1,
        fixes: {},
        reasons: { "not-modelled": 1 },
      },
      { property: "name", seen: 2, carried: 1, repaired: 0, notCarried: 1, fixes: {}, reasons: { rejected: 1 } },
      { property: "price", seen: 1, carried: 0, repaired: 0, notCarried: 1, fixes: {}, reasons: { invalid: 1 } },
    ]);
    expect(l.unbalanced()).toEqual([]);
    expect(l.problems().map((p) => [p.path, p.severity, p.value])).toEqual([
      ["keywords", "info", 1],
      ["name", "info", 1],
      ["price", "warning", 1],
    ]);
  });
});

describe("the JSON-LD importer's ledger", () => {
  it("carries, repairs (by fix kind) and reports what it does not carry, and adds up", async () => {
    const r = await importArtsdata(fixture("ledger-event.jsonld"), { publisher: { id: "pub" } });
    const l = r.ledger;
    expect(l.unbalanced()).toEqual([]);
    expect(row(l, "schema:name")).toMatchObject({ seen: 3, carried: 2, notCarried: 1, reasons: { rejected: 1 } });
    expect(row(l, "schema:startDate")).toMatchObject({ seen: 1, repaired: 1, fixes: { "date-schema-typed": 1 } });
    expect(row(l, "schema:price")).toMatchObject({ seen: 1, repaired: 1, fixes: { "number-as-text": 1 } });
    expect(row(l, "schema:addressCountry")).toMatchObject({ seen: 1, repaired: 1, fixes: { "country-name": 1 } });
    expect(row(l, "schema:availability")).toMatchObject({ seen: 1, repaired: 1, fixes: { "enum-as-text": 1 } });
    expect(row(l, "schema:keywords")).toMatchObject({
      seen: 2,
      carried: 0,
      notCarried: 2,
      reasons: { "not-modelled": 1, rejected: 1 },
    });
    expect(row(l, "schema:location")).toMatchObject({ seen: 1, carried: 1 });
    expect(r.problems).toContainEqual(
      expect.objectContaining({ code: "import/not-carried", path: "schema:keywords", severity: "info" }),
    );
    const summary = formatSummary({
      read: [["documents read", r.read]],
      entities: {},
      fixes: r.fixes,
      rejections: [],
      ledger: l,
    });
    expect(summary).toContain(
      "schema:keywords: 2 seen, 0 carried, 0 repaired, 2 not carried (not-modelled 1, rejected 1)",
    );
  });

  it("is empty when turned off, and the records are the same", async () => {
    const on = await importArtsdata(fixture("ledger-event.jsonld"), { publisher: { id: "pub" } });
    const off = await importArtsdata(fixture("ledger-event.jsonld"), { publisher: { id: "pub" }, ledger: false });
    expect(off.ledger.rows()).toEqual([]);
    expect(off.document).toEqual(on.document);
  });
});

describe("the CSV importer's ledger", () => {
  it("accounts for every column of every row: mapped columns carried, the others not mapped", () => {
    const mapping = parseCsvMapping(JSON.parse(fixtureText("mapping.json")));
    const r = importCsv(fixtureText("ticketing.csv"), { mapping });
    expect(r.ledger.unbalanced()).toEqual([]);
    const mapped = new Set(Object.values(mapping.columns));
    for (const x of r.ledger.rows()) {
      if (!mapped.has(x.property)) expect(x.reasons["not-mapped"], x.property).toBe(x.seen);
      else expect(x.reasons["not-mapped"], x.property).toBeUndefined();
    }
    expect(r.ledger.totals().seen).toBeGreaterThan(0);
  });

  it("attributes each repair to its cell (row and column): repaired in that column's ledger row, listed in repairedCells", () => {
    const mapping = parseCsvMapping(JSON.parse(fixtureText("mapping.json")));
    const r = importCsv(fixtureText("ticketing.csv"), { mapping });
    // Line 2: "24,00" (decimal comma), "20/11/2026" (day first), "www.theatre-du-port.example/…" (no scheme).
    const line2 = r.repairedCells!.filter((c) => c.row === 2);
    expect(line2).toContainEqual({ row: 2, column: "Prix", fix: "decimal-comma" });
    expect(line2).toContainEqual({ row: 2, column: "Date", fix: "date-day-month-year" });
    expect(line2.map((c) => c.column)).toContain("Lien");
    expect(line2.map((c) => c.column)).not.toContain("Spectacle");
    const prix = row(r.ledger, "Prix")!;
    expect(prix.repaired).toBe(r.repairedCells!.filter((c) => c.column === "Prix").length);
    expect(prix.fixes["decimal-comma"]).toBe(prix.repaired);
    expect(prix.seen).toBe(prix.carried + prix.repaired + prix.notCarried);
    expect(row(r.ledger, "Spectacle")!.repaired).toBe(0);
    expect(r.ledger.unbalanced()).toEqual([]);
    // The import's fix counts are the same cells counted by kind.
    expect(r.fixes.count("decimal-comma")).toBeGreaterThanOrEqual(prix.repaired);
    expect(importCsv(fixtureText("ticketing.csv"), { mapping, ledger: false }).repairedCells).toBeUndefined();
  });
});

describe("the UiTdatabank importer's ledger", () => {
  it("counts the nested properties it reads (priceInfo, subEvent, address by language), not only top-level keys", async () => {
    const r = importUitdatabank(JSON.parse(fixtureText("uitdatabank-sample.json")) as unknown[], {
      publisher: { id: "uit" },
    });
    const props = r.ledger.rows().map((x) => x.property);
    expect(r.ledger.unbalanced()).toEqual([]);
    expect(props.some((p) => p.startsWith("event.priceInfo."))).toBe(true);
    expect(props).not.toContain("event.priceInfo");
    const price = row(r.ledger, "event.priceInfo.price");
    expect(price?.carried).toBeGreaterThan(0);
    expect(
      props.some((p) => /^place\.address\.[a-z]{2}\.addressLocality$/.test(p) || p === "place.address.addressLocality"),
    ).toBe(true);
  });
});

describe("the UiTdatabank importer's ledger, for an event given in several documents", () => {
  const id = "https://io.uitdatabank.example/events/0b8a1f52-6a3e-4a33-9c41-0000000000aa";
  const dates = {
    calendarType: "single",
    startDate: "2026-10-01T20:00:00+02:00",
    endDate: "2026-10-01T22:00:00+02:00",
  };
  const place = { "@id": "https://io.uitdatabank.example/places/11111111-1111-4111-8111-111111111111" };

  it("counts every document of a merged event that is then rejected as rejected, none carried", () => {
    // Two pages of one event, neither with a name: the merged event is rejected (missing name).
    const r = importUitdatabank(
      [
        { "@id": id, ...dates, location: place },
        { "@id": id, description: { nl: "Tweede deel" } },
      ],
      {
        publisher: { id: "uit" },
      },
    );
    expect(r.rejected.map((x) => x.recordId)).toEqual(["0b8a1f52-6a3e-4a33-9c41-0000000000aa"]);
    expect(r.ledger.unbalanced()).toEqual([]);
    expect(row(r.ledger, "event.@id")).toMatchObject({ seen: 2, carried: 0, notCarried: 2, reasons: { rejected: 2 } });
    expect(row(r.ledger, "event.description")).toMatchObject({ seen: 1, carried: 0, reasons: { rejected: 1 } });
    expect(row(r.ledger, "event.startDate")).toMatchObject({ seen: 1, carried: 0, reasons: { rejected: 1 } });
    for (const x of r.ledger.rows().filter((x) => x.property.startsWith("event."))) expect(x.carried).toBe(0);
  });

  it("counts the documents of an event rejected for conflicting fields as rejected, none carried", () => {
    const r = importUitdatabank(
      [
        { "@id": id, ...dates, location: place, name: { nl: "Eerste titel" } },
        { "@id": id, ...dates, location: place, name: { nl: "Andere titel" } },
      ],
      { publisher: { id: "uit" } },
    );
    expect(r.problems.some((p) => p.code === "uitdatabank/conflicting-documents")).toBe(true);
    expect(r.rejected.map((x) => x.recordId)).toEqual(["0b8a1f52-6a3e-4a33-9c41-0000000000aa"]);
    expect(row(r.ledger, "event.name")).toMatchObject({ seen: 2, carried: 0, notCarried: 2, reasons: { rejected: 2 } });
    for (const x of r.ledger.rows().filter((x) => x.property.startsWith("event."))) expect(x.carried).toBe(0);
  });

  it("still carries the documents of a merged event that is accepted", () => {
    const r = importUitdatabank(
      [
        { "@id": id, ...dates, location: { ...place, name: { nl: "Zaal" } }, name: { nl: "Titel" } },
        { "@id": id, description: { nl: "Tweede deel" } },
      ],
      { publisher: { id: "uit" } },
    );
    expect(r.rejected).toEqual([]);
    expect(row(r.ledger, "event.@id")).toMatchObject({ seen: 2, carried: 2 });
    expect(row(r.ledger, "event.description")).toMatchObject({ seen: 1, carried: 1 });
  });
});

describe("harvest's ledger", () => {
  it("carries the programme's nodes whole and counts page furniture as outside the programme", async () => {
    const ledger = new Ledger();
    const html = `<script type="application/ld+json">${JSON.stringify({
      "@context": "https://schema.org",
      "@graph": [
        {
          "@type": "MusicEvent",
          name: "Concert",
          startDate: "2026-05-01T20:00:00+02:00",
          location: { "@type": "Place", name: "Salle" },
        },
        { "@type": "WebSite", name: "Le site", url: "https://venue.example/" },
      ],
    })}</script>`;
    await processHtml(html, {
      url: "https://venue.example/p",
      fetchedAt: "2026-01-01T00:00:00Z",
      fixes: new Fixes(),
      ledger,
    });
    expect(ledger.unbalanced()).toEqual([]);
    expect(row(ledger, "schema:name")).toMatchObject({
      seen: 3,
      carried: 2,
      notCarried: 1,
      reasons: { "outside-programme": 1 },
    });
    expect(row(ledger, "schema:url")).toMatchObject({ seen: 1, notCarried: 1, reasons: { "outside-programme": 1 } });
    expect(row(ledger, "schema:startDate")).toMatchObject({ seen: 1, repaired: 1, fixes: { "date-schema-typed": 1 } });
  });
});
