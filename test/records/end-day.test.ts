// A date-only endDate beside a startDate with a time is a valid end day (xsd:date): the record checks
// compare it with the start's own day, the core profile accepts it, and the typed API says its type.

import { describe, expect, it } from "vitest";
import { mapRecords, parseRecords } from "../../src/mapping/index.js";
import { validateJsonLd, validateRecords } from "../../src/validate/index.js";

const doc = (startDate: string, endDate: string) => ({
  publisher: { id: "t", name: { fr: "T" }, baseIri: "https://t.example/", licence: "cc0-1.0" },
  venues: [
    {
      id: "v",
      name: { fr: "Salle" },
      address: { addressLocality: "Brest", addressCountry: "FR" },
      timeZone: "Europe/Paris",
    },
  ],
  productions: [{ id: "p", name: { fr: "Festival de nuit" } }],
  performances: [{ id: "x", production: "p", venue: "v", startDate, endDate }],
});
const violations = (r: { problems: readonly { severity: string; code: string }[] }) =>
  r.problems.filter((p) => p.severity === "violation").map((p) => p.code);

describe("a date-only endDate with a dateTime startDate", () => {
  it("is accepted by the record checks when on or after the start's day, refused before it", () => {
    expect(violations(parseRecords(doc("2026-10-01T20:00", "2026-10-01")))).toEqual([]);
    expect(violations(parseRecords(doc("2026-10-01T20:00:00+02:00", "2026-10-03")))).toEqual([]);
    expect(violations(parseRecords(doc("2026-10-01T20:00", "2026-09-30")))).toEqual(["record/end-before-start"]);
  });
  it("is mapped as xsd:date and conforms to the core profile (no end-after-start violation)", async () => {
    const m = mapRecords(doc("2026-10-01T20:00", "2026-10-03"));
    const end = m.quads.find((q) => q.predicate.value === "http://schema.org/endDate")!;
    expect(end.object).toMatchObject({
      value: "2026-10-03",
      datatype: { value: "http://www.w3.org/2001/XMLSchema#date" },
    });
    const { report } = await validateRecords(doc("2026-10-01T20:00", "2026-10-03"), "core", { form: "graph" });
    expect(report.issues.filter((i) => i.severity === "violation").map((i) => i.code)).toEqual([]);
  });
  it("in the core profile, an end day passes; an end with a time before the start is still a violation", async () => {
    const event = (endDate: unknown) => ({
      "@context": { "@vocab": "http://schema.org/", xsd: "http://www.w3.org/2001/XMLSchema#" },
      "@id": "https://t.example/e/1",
      "@type": "TheaterEvent",
      name: { "@value": "Nuit", "@language": "fr" },
      startDate: { "@value": "2026-10-01T20:00:00+02:00", "@type": "xsd:dateTime" },
      endDate,
    });
    const codes = async (d: unknown) =>
      (await validateJsonLd(d, "core")).report.issues.filter((i) => i.severity === "violation").map((i) => i.code);
    expect(await codes(event({ "@value": "2026-10-01", "@type": "xsd:date" }))).not.toContain(
      "core/event-end-after-start",
    );
    expect(await codes(event({ "@value": "2026-10-01T23:00:00+02:00", "@type": "xsd:dateTime" }))).not.toContain(
      "core/event-end-after-start",
    );
    expect(await codes(event({ "@value": "2026-10-01T19:00:00+02:00", "@type": "xsd:dateTime" }))).toContain(
      "core/event-end-after-start",
    );
    expect(await codes(event({ "@value": "2026-10-01T19:00:00", "@type": "xsd:dateTime" }))).toContain(
      "core/event-end-after-start",
    );
  });
});
