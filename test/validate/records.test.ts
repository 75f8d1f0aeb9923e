// Records through the mapper: the demo season passes every profile in the form each reads, and issues point at
// the record and the input field to fix.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateRecords } from "../../src/validate/index.js";
import type { ValidationIssue } from "../../src/validate/types.js";

const demo = JSON.parse(readFileSync(new URL("../../fixtures/demo-season.json", import.meta.url), "utf8")) as Record<string, any>;
const violations = (issues: readonly ValidationIssue[]) =>
  issues.filter((i) => i.severity === "violation").map((i) => `${i.code} ${i.focusNode} ${i.path ?? ""} ${i.field ?? ""}: ${i.message.en}`);

describe("the demo season", () => {
  it("maps without a rejected record", async () => {
    const { map } = await validateRecords(demo, "core");
    expect(map.problems.filter((p) => p.severity === "violation")).toEqual([]);
    expect(map.quads.length).toBeGreaterThan(5000);
  });

  it.each([
    ["core", "graph"],
    ["google", "embed"],
  ] as const)("passes %s in its %s form with no violation", async (profile, form) => {
    const { report } = await validateRecords(demo, profile, { form });
    expect(violations(report.issues)).toEqual([]);
    expect(report.conforms).toBe(true);
  });

  // Reported to the mapper's owner, not worked around here: Artsdata's shapes want exactly one location per event
  // (a mixed performance has its hall and a VirtualLocation), an address on every Place (halls have none), and a
  // location on every EventSeries (the season and the tour span several venues). When the mapper or the demo
  // season changes, this list must shrink to [].
  const KNOWN_MAPPER_GAPS = [
    "artsdata/event-series series/saison-2026-27 $.series[0]",
    "artsdata/event-series series/tournee-marees $.series[3]",
    "artsdata/location/max-count performance/don-giovanni-01 $.performances[109].venue",
    "artsdata/location/max-count performance/traviata-01 $.performances[23].hall",
    "artsdata/location/min-count series/saison-2026-27 $.series[0].venue",
    "artsdata/location/min-count series/tournee-marees $.series[3].venue",
  ];

  it("passes artsdata in its graph form except for the gaps reported to the mapper", async () => {
    const { report } = await validateRecords(demo, "artsdata", { form: "graph" });
    const found = report.issues
      .filter((i) => i.severity === "violation")
      .map((i) => `${i.code} ${i.focusNode.replace("https://data.reseau-scenes.example/", "")} ${i.field}`)
      .sort();
    expect(found).toEqual(KNOWN_MAPPER_GAPS);
  });
});

describe("issues on records", () => {
  function season(edit: (doc: Record<string, any>) => void): Record<string, any> {
    const doc = structuredClone(demo);
    edit(doc);
    return doc;
  }

  it("name the record and the input field behind the triple", async () => {
    const doc = season((d) => {
      delete d.productions[0].description;
    });
    const { report } = await validateRecords(doc, "core");
    const id = doc.productions[0].id as string;
    const issue = report.issues.find((i) => i.code === "core/production-description-recommended" && i.recordId === id);
    expect(issue).toMatchObject({ entity: "production", recordId: id, field: "$.productions[0].description", severity: "warning" });
  });

  it("name the field of a node inside a record (an address)", async () => {
    const doc = season((d) => {
      delete d.venues[0].address.postalCode;
    });
    const { report } = await validateRecords(doc, "core");
    const issue = report.issues.find((i) => i.code === "core/address-postal-code-recommended");
    expect(issue).toMatchObject({ entity: "venue", recordId: doc.venues[0].id, field: "$.venues[0].address.postalCode" });
  });

  it("point at the field that produced an offending value", async () => {
    const doc = season((d) => {
      d.venues[0].address.addressCountry = "FR";
      d.venues[0].address.addressLocality = "Nantes";
      delete d.venues[0].address.streetAddress;
    });
    const { report } = await validateRecords(doc, "artsdata");
    const issue = report.issues.find((i) => i.code === "artsdata/street-address/min-count" && i.recordId === doc.venues[0].id);
    expect(issue?.field).toBe("$.venues[0].address.streetAddress");
    expect(issue?.message.fr).toMatch(/rue/);
  });
});
