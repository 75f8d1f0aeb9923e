// Records through the mapper: the demo season passes every profile in the form each reads, and issues point at
// the record and the input field to fix.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateRecords } from "../../src/validate/index.js";
import type { ValidationIssue } from "../../src/validate/types.js";

const demo = JSON.parse(readFileSync(new URL("../../fixtures/demo-season.json", import.meta.url), "utf8")) as Record<
  string,
  any
>;
const violations = (issues: readonly ValidationIssue[]) =>
  issues
    .filter((i) => i.severity === "violation")
    .map((i) => `${i.code} ${i.focusNode} ${i.path ?? ""} ${i.field ?? ""}: ${i.message.en}`);

describe("the demo season", () => {
  it("maps without a rejected record", async () => {
    const { map } = await validateRecords(demo, "core");
    expect(map.problems.filter((p) => p.severity === "violation")).toEqual([]);
    expect(map.quads.length).toBeGreaterThan(5000);
  });

  // The graph form is Artsdata's: one location per event (a mixed performance reaches its stream through a
  // WatchAction), each series at one venue, with subEvents and dates (derived from its performances if unstated).
  it.each([
    ["core", "graph"],
    ["google", "embed"],
    ["artsdata", "graph"],
  ] as const)("passes %s in its %s form with no violation", async (profile, form) => {
    const { report } = await validateRecords(demo, profile, { form });
    expect(violations(report.issues)).toEqual([]);
    expect(report.conforms).toBe(true);
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
    expect(issue).toMatchObject({
      entity: "production",
      recordId: id,
      field: "$.productions[0].description",
      severity: "warning",
    });
  });

  it("name the field of a node inside a record (an address)", async () => {
    const doc = season((d) => {
      delete d.venues[0].address.postalCode;
    });
    const { report } = await validateRecords(doc, "core");
    const issue = report.issues.find((i) => i.code === "core/address-postal-code-recommended");
    expect(issue).toMatchObject({
      entity: "venue",
      recordId: doc.venues[0].id,
      field: "$.venues[0].address.postalCode",
    });
  });

  it("point at the field that produced an offending value", async () => {
    const doc = season((d) => {
      d.venues[0].address.addressCountry = "FR";
      d.venues[0].address.addressLocality = "Nantes";
      delete d.venues[0].address.streetAddress;
    });
    const { report } = await validateRecords(doc, "artsdata");
    const issue = report.issues.find(
      (i) => i.code === "artsdata/street-address/min-count" && i.recordId === doc.venues[0].id,
    );
    expect(issue?.field).toBe("$.venues[0].address.streetAddress");
    expect(issue?.message.fr).toMatch(/rue/);
  });
});

describe("series and mixed performances in the graph form", () => {
  it("a series over several venues gets no location: Artsdata reports it on the series' venue field", async () => {
    const doc = structuredClone(demo);
    const stop = (doc.series as { id: string }[]).findIndex((x) => x.id === "marees-tournee-rennes");
    const nantes = (doc.performances as { id: string; series: string[] }[]).find((p) => p.id === "marees-01")!;
    nantes.series.push("marees-tournee-rennes");
    const { report } = await validateRecords(doc, "artsdata", { form: "graph" });
    const found = report.issues
      .filter((i) => i.severity === "violation")
      .map((i) => `${i.code} ${i.recordId} ${i.field}`);
    expect(found).toContain(`artsdata/location/min-count marees-tournee-rennes $.series[${stop}].venue`);
    const { report: core } = await validateRecords(doc, "core");
    expect(core.violations).toBe(0);
  });

  it("a mixed performance has one location, its hall, and its stream as a WatchAction at the VirtualLocation", async () => {
    const { map } = await validateRecords(demo, "core");
    const iri = "https://data.reseau-scenes.example/performance/traviata-01";
    const out = (s: string, p: string) =>
      map.quads
        .filter((q) => q.subject.value === s && q.predicate.value === `http://schema.org/${p}`)
        .map((q) => q.object.value);
    expect(out(iri, "location")).toEqual(["https://data.reseau-scenes.example/hall/grand-quai-grande-salle"]);
    const [watch] = out(iri, "potentialAction");
    expect(out(watch!, "location")).toEqual([`${iri}#online`]);
    expect(out(watch!, "target")).toEqual(["https://live.reseau-scenes.example/traviata-01"]);
    expect(out(`${iri}#online`, "url")).toEqual(["https://live.reseau-scenes.example/traviata-01"]);
  });
});
