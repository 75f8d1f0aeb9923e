// A place with an address but no name is accepted with a warning (records, core profile, Artsdata and
// UiTdatabank imports); with neither a name nor an address it is still refused.

import { describe, expect, it } from "vitest";
import { importArtsdata } from "../../src/import/artsdata.js";
import { importUitdatabank } from "../../src/import/uitdatabank.js";
import { parseRecords } from "../../src/mapping/index.js";
import { validateRecords } from "../../src/validate/index.js";

const address = { streetAddress: "2 rue de Siam", addressLocality: "Brest", addressCountry: "FR" };
const doc = (venue: Record<string, unknown>) => ({
  publisher: { id: "t", name: { fr: "T" }, baseIri: "https://t.example/", licence: "cc0-1.0" },
  venues: [{ id: "v", timeZone: "Europe/Paris", ...venue }],
  productions: [{ id: "p", name: { fr: "Phèdre" } }],
  performances: [{ id: "x", production: "p", venue: "v", startDate: "2026-10-01T20:00" }],
});
const codes = (ps: readonly { severity: string; code: string }[], severity: string) =>
  ps.filter((p) => p.severity === severity).map((p) => p.code);

describe("a venue with an address but no name", () => {
  it("is accepted by the record checks with a warning; without an address too it is a violation", () => {
    const ok = parseRecords(doc({ address }));
    expect(codes(ok.problems, "violation")).toEqual([]);
    expect(codes(ok.problems, "warning")).toContain("record/venue-without-name");
    expect(codes(parseRecords(doc({})).problems, "violation")).toContain("record/missing-field");
  });
  it("conforms to the core profile (a warning) and to Google's", async () => {
    const core = await validateRecords(doc({ address }), "core", { form: "graph" });
    expect(codes(core.report.issues, "violation")).toEqual([]);
    expect(codes(core.report.issues, "warning")).toContain("core/place-name-recommended");
    const google = await validateRecords(doc({ address }), "google");
    expect(codes(google.report.issues, "violation")).toEqual([]);
  });
  it("is imported from JSON-LD and from UiTdatabank with a warning, its performances kept", async () => {
    const a = await importArtsdata(
      {
        "@context": { "@vocab": "http://schema.org/" },
        "@graph": [
          {
            "@id": "https://venue.example/e/1",
            "@type": "TheaterEvent",
            name: "Phèdre",
            startDate: "2026-10-01T20:00:00+02:00",
            location: { "@id": "https://venue.example/lieu" },
          },
          {
            "@id": "https://venue.example/lieu",
            "@type": "Place",
            address: { "@type": "PostalAddress", addressLocality: "Brest", addressCountry: "FR" },
          },
        ],
      },
      { publisher: { id: "v" }, defaultLanguage: "fr" },
    );
    expect(a.rejected).toEqual([]);
    expect(a.document.performances).toHaveLength(1);
    expect(codes(a.problems, "warning")).toContain("import/venue-without-name");
    const u = importUitdatabank(
      [
        {
          "@id": "https://io.example/event/0b8a1f52-6a3e-4a33-9c41-000000000030",
          mainLanguage: "nl",
          name: { nl: "Stuk" },
          calendarType: "single",
          startDate: "2026-10-01T20:00:00+02:00",
          location: { "@id": "https://io.example/place/33333333-3333-4333-8333-333333333333" },
        },
        {
          "@id": "https://io.example/place/33333333-3333-4333-8333-333333333333",
          mainLanguage: "nl",
          address: { nl: { addressLocality: "Gent", addressCountry: "BE", postalCode: "9000" } },
        },
      ],
      { publisher: { id: "gent" } },
    );
    expect(u.rejected).toEqual([]);
    expect(u.document.performances).toHaveLength(1);
    expect(codes(u.problems, "warning")).toContain("uitdatabank/place-without-name");
    expect(codes(parseRecords(u.document).problems, "violation")).toEqual([]);
  });
});
