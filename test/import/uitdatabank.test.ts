// UiTdatabank JSON → records: the four calendar types, prices, language maps, status with reason.

import { describe, expect, it } from "vitest";
import { expandOpeningHours, importUitdatabank } from "../../src/import/uitdatabank.js";
import { parseRecords } from "../../src/mapping/index.js";
import { HAS_CORPORA, corpusJson, fixtureText, warnIfNoCorpora } from "./helpers.js";

const sample = () => JSON.parse(fixtureText("uitdatabank-sample.json"));
const EV = (n: number) => `0b8a1f52-6a3e-4a33-9c41-0000000000${n}`;

describe("importUitdatabank on Vivant's own sample", () => {
  const r = importUitdatabank(sample(), { publisher: { id: "leuven" } });
  const perf = (id: string) => r.document.performances!.find((p) => p.id === id);

  it("multiple: one performance per subEvent, each with its status, reason and booking availability", () => {
    expect(perf(`${EV(10)}-0`)).toMatchObject({
      startDate: "2026-10-02T20:00:00+02:00",
      status: { kind: "scheduled" },
      type: "MusicEvent",
    });
    expect(perf(`${EV(10)}-1`)).toMatchObject({
      status: { kind: "cancelled", reason: { nl: "Ziekte van een muzikant", fr: "Maladie d'un musicien" } },
    });
    expect(perf(`${EV(10)}-1`)!.offers!.map((o) => [o.category?.fr, o.price, o.priceCurrency, o.availability])).toEqual(
      [
        ["Tarif de base", 18, "EUR", "SoldOut"],
        ["Jeunes (<26 ans)", 9, "EUR", "SoldOut"],
      ],
    );
    expect(r.document.productions!.find((p) => p.id === EV(10))).toMatchObject({
      name: { nl: "Strijkkwartet in de schouwburg", fr: "Quatuor à cordes au théâtre" },
      genres: ["music"],
      audienceAge: { min: 12 },
    });
  });

  it("periodic: opening hours between the dates become local-time performances, closed days left out", () => {
    const dates = r.document.performances!.filter((p) => p.production === EV(11)).map((p) => [p.startDate, p.endDate]);
    expect(dates).toEqual([
      ["2026-11-04T14:30", "2026-11-04T15:30"],
      ["2026-11-18T14:30", "2026-11-18T15:30"],
      ["2026-11-25T14:30", "2026-11-25T15:30"],
    ]);
    expect(r.document.venues![0]!.timeZone).toBe("Europe/Brussels");
  });

  it("permanent: rejected without a window, expanded within one", () => {
    expect(r.problems.find((p) => p.recordId === EV(12))?.code).toBe("uitdatabank/permanent-without-dates");
    const w = importUitdatabank(sample(), {
      publisher: { id: "leuven" },
      permanentWindow: { from: "2026-09-01", to: "2026-09-14" },
    });
    expect(w.document.performances!.filter((p) => p.production === EV(12)).map((p) => p.startDate)).toEqual([
      "2026-09-05T10:00",
      "2026-09-06T10:00",
      "2026-09-12T10:00",
      "2026-09-13T10:00",
    ]);
  });

  it("an event whose place is only referenced is rejected with the reason; unmapped terms are reported", () => {
    expect(r.rejected.map((x) => x.recordId).sort()).toEqual([EV(12), EV(13)]);
    expect(r.problems.find((p) => p.recordId === EV(13))?.code).toBe("uitdatabank/unknown-place");
    expect(r.problems.filter((p) => p.code === "uitdatabank/unmapped-term").map((p) => p.value)).toEqual([
      "eventtype:Tentoonstelling",
    ]);
  });

  it("gives records the parser accepts whole", () => {
    expect(parseRecords(r.document).problems.filter((p) => p.severity === "violation")).toEqual([]);
  });

  it("expandOpeningHours applies adjusted days and caps the count", () => {
    const hours = [{ opens: "9:00", closes: "12:00", dayOfWeek: ["monday"] }];
    const adjusted = [
      { startDate: "2026-01-12", endDate: "2026-01-12", hours: [{ opens: "14:00", dayOfWeek: ["monday"] }] },
    ];
    expect(expandOpeningHours("2026-01-05", "2026-01-19", hours, [], adjusted).occurrences).toEqual([
      { start: "2026-01-05T09:00", end: "2026-01-05T12:00" },
      { start: "2026-01-12T14:00" },
      { start: "2026-01-19T09:00", end: "2026-01-19T12:00" },
    ]);
    expect(
      expandOpeningHours(
        "2026-01-01",
        "2026-12-31",
        [{ opens: "10:00", dayOfWeek: ["monday", "tuesday"] }],
        [],
        [],
        10,
      ),
    ).toMatchObject({ truncated: true });
  });
});

describe("importUitdatabank: IRI spellings, documents sharing an id, performers", () => {
  const r = importUitdatabank(JSON.parse(fixtureText("uitdatabank-merge.json")), { publisher: { id: "gent" } });
  const EVM = (n: number) => `0b8a1f52-6a3e-4a33-9c41-00000000002${n}`;
  const perf = (n: number) => r.document.performances!.find((p) => p.id === EVM(n));

  it("reads /event/, /place/ and /organizer/ as well as the plural spellings, and resolves references in either", () => {
    expect(perf(0)).toMatchObject({
      venue: "11111111-1111-4111-8111-111111111111",
      organizers: [{ organization: "22222222-2222-4222-8222-222222222222" }],
    });
    expect(r.document.venues!.map((v) => v.name?.nl)).toEqual(["Zaal Noord"]);
  });
  it("merges two documents of one event field by field (never the first one only)", () => {
    expect(perf(0)).toMatchObject({
      name: { nl: "Kwartet in twee delen" },
      offers: [{ price: 12, priceCurrency: "EUR" }],
    });
    expect(r.document.productions!.find((p) => p.id === EVM(0))!.description).toEqual({
      nl: "Eerste deel van de export",
    });
  });
  it("reports a conflict field by field and rejects the event rather than pick a version", () => {
    expect(perf(1)).toBeUndefined();
    expect(r.rejected.map((x) => x.recordId)).toEqual([EVM(1)]);
    const c = r.problems.filter((p) => p.code === "uitdatabank/conflicting-documents");
    expect(c).toEqual([
      expect.objectContaining({
        severity: "violation",
        recordId: EVM(1),
        path: "$[3].name",
        value: [{ nl: "Eerste titel" }, { nl: "Andere titel" }],
      }),
    ]);
  });
  it("the later-modified version of a field wins, and says so", () => {
    expect(perf(2)!.name).toEqual({ nl: "Nieuwe titel" });
    expect(r.problems.find((p) => p.code === "uitdatabank/superseded-field" && p.recordId === EVM(2))).toMatchObject({
      severity: "info",
      path: "$[4].name",
    });
  });
  it("carries typed performers as people and groups; an untyped one is reported, its kind never invented", () => {
    expect(perf(0)!.performers).toEqual([
      { person: "performer-an-janssens" },
      { organization: "performer-kwartet-noord" },
    ]);
    expect(r.document.people).toEqual([{ id: "performer-an-janssens", name: "An Janssens" }]);
    expect(r.document.organizations!.find((o) => o.id === "performer-kwartet-noord")).toMatchObject({
      type: "MusicGroup",
      name: { nl: "Kwartet Noord" },
    });
    const unknown = r.problems.filter((p) => p.code === "uitdatabank/performer-kind-unknown");
    expect(unknown.map((p) => [p.severity, p.path, p.value])).toEqual([
      ["warning", "$[1].performer[2]", "Iemand Onbekend"],
      ["warning", "$[6].performer", "Alex Roy"],
    ]);
  });
  it("an end earlier than the start on the same day is the next day (subEvents and opening hours past midnight), counted", () => {
    expect(
      r.document.performances!.filter((p) => p.production === EVM(4)).map((p) => [p.startDate, p.endDate]),
    ).toEqual([
      ["2026-10-10T22:00:00+02:00", "2026-10-11T05:30:00+02:00"],
      ["2026-10-11T20:00:00+02:00", "2026-10-11T23:00:00+02:00"],
    ]);
    expect(
      r.document.performances!.filter((p) => p.production === EVM(5)).map((p) => [p.startDate, p.endDate]),
    ).toEqual([
      ["2026-10-02T20:00", "2026-10-03T02:00"],
      ["2026-10-03T20:00", "2026-10-04T02:00"],
      ["2026-10-09T20:00", "2026-10-10T02:00"],
      ["2026-10-10T20:00", "2026-10-11T02:00"],
    ]);
    expect(r.fixes.count("end-after-midnight")).toBe(5);
  });
  it("gives records the parser accepts whole", () => {
    expect(parseRecords(r.document).problems.filter((p) => p.severity === "violation")).toEqual([]);
  });
});

describe.skipIf(!HAS_CORPORA)("importUitdatabank on publiq's published examples", () => {
  warnIfNoCorpora("UiTdatabank examples (uitdatabank-json-schemas)");
  const files = [
    "event-with-read-example.json",
    "event-with-write-example.json",
    "place-with-read-example.json",
    "organizer-with-read-example.json",
  ];

  it("reads every example event; the periodic one expands to its weekly classes", () => {
    const r = importUitdatabank(
      files.map((f) => corpusJson(`uitdatabank-json-schemas/${f}`)),
      { publisher: { id: "publiq" } },
    );
    expect(r.rejected).toEqual([]);
    const yoga = r.document.performances!.filter((p) => p.id.startsWith("92c04395"));
    // Mon/Wed/Fri 2026, minus Easter Monday, with the Christmas holiday's Fri/Sat/Sun 13:00 hours.
    expect(yoga.some((p) => p.startDate.startsWith("2026-04-06"))).toBe(false);
    expect(yoga.find((p) => p.startDate.startsWith("2026-12-26"))?.startDate).toBe("2026-12-26T13:00");
    expect(yoga.some((p) => p.startDate.startsWith("2026-12-21"))).toBe(false);
    const first = r.document.performances!.find((p) => p.id === "85b04295-479c-40f5-b3dd-469dfb4387b3")!;
    expect(first).toMatchObject({
      attendanceMode: "mixed",
      onlineUrl: "https://www.publiq.be/livestream",
      status: { kind: "scheduled", reason: { nl: "Nederlandse reden" } },
    });
    expect(r.document.productions!.find((p) => p.id === "10ce7cb1-7bc9-4ce4-a256-460f56c49965")?.name).toEqual({
      nl: "Kommil Foo - OOGST",
    });
    expect(parseRecords(r.document).problems.filter((p) => p.severity === "violation")).toEqual([]);
  });
});
