// Reports as data in standard forms: sh:ValidationReport in Turtle and JSON-LD (the same graph), RFC 7807
// problem documents, and text grouped by record and field, in English and in French.

import { readFileSync } from "node:fs";
import canonize from "rdf-canonize";
import { describe, expect, it } from "vitest";
import type { Quad } from "@rdfjs/types";
import { jsonLdToQuads } from "../../src/jsonld/convert.js";
import { parseRdf } from "../../src/rdf/io.js";
import {
  formatReportText,
  PROBLEM_JSON_MEDIA_TYPE,
  reportToJsonLd,
  reportToProblemJson,
  reportToQuads,
  reportToTurtle,
  shaclConforms,
  validateRecords,
  validateText,
} from "../../src/validate/index.js";
import { ntToTerm } from "../../src/validate/formats.js";
import { createValidator } from "../../src/validate/validator.js";
import type { ValidationReport } from "../../src/validate/types.js";

const SH = "http://www.w3.org/ns/shacl#";
const broken = readFileSync(new URL("fixtures/broken.ttl", import.meta.url), "utf8");
const demo = JSON.parse(readFileSync(new URL("../../fixtures/demo-season.json", import.meta.url), "utf8")) as Record<
  string,
  any
>;

async function brokenReport(): Promise<ValidationReport> {
  return (await createValidator("core")).validate(await parseRdf(broken, "turtle"));
}

const canonical = (quads: Quad[]) => canonize.canonize(quads, { algorithm: "RDFC-1.0" });

describe("sh:ValidationReport", () => {
  it("has one sh:ValidationResult per issue, with SHACL's conformance (false when any result)", async () => {
    const report = await brokenReport();
    const quads = reportToQuads(report);
    const results = quads.filter((q) => q.predicate.value === `${SH}result`);
    expect(results).toHaveLength(report.issues.length);
    const conforms = quads.find((q) => q.predicate.value === `${SH}conforms`)!.object.value;
    expect(conforms).toBe(String(shaclConforms(report)));
    expect(
      quads.filter(
        (q) => q.predicate.value === `${SH}resultMessage` && (q.object as { language?: string }).language === "fr",
      ),
    ).toHaveLength(report.issues.length);
  });

  it("is the same graph in Turtle and in JSON-LD", async () => {
    const report = await brokenReport();
    const fromTurtle = await parseRdf(await reportToTurtle(report), "turtle");
    const fromJsonLd = await jsonLdToQuads(reportToJsonLd(report));
    expect(await canonical(fromJsonLd)).toBe(await canonical(fromTurtle));
    expect(await canonical(fromTurtle)).toBe(await canonical(reportToQuads(report)));
  });

  it("keeps values with their datatype and language", () => {
    expect(ntToTerm('"2026-13-01"^^<http://www.w3.org/2001/XMLSchema#dateTime>')).toMatchObject({
      termType: "Literal",
      value: "2026-13-01",
      datatype: { value: "http://www.w3.org/2001/XMLSchema#dateTime" },
    });
    expect(ntToTerm('"Salle \\"A\\""@fr')).toMatchObject({ value: 'Salle "A"', language: "fr" });
    expect(ntToTerm("<https://example.org/x>")).toMatchObject({
      termType: "NamedNode",
      value: "https://example.org/x",
    });
  });

  it("writes complex result paths as SHACL paths", async () => {
    const report = await (await createValidator("google")).validate(await parseRdf(broken, "turtle"));
    const withAlternative = report.issues.find((i) => i.path?.startsWith("("));
    expect(withAlternative?.code).toBe("google/offer-price-number");
    const ttl = await reportToTurtle({ ...report, issues: [withAlternative!] });
    expect(ttl).toContain("sh:alternativePath");
  });
});

describe("application/problem+json", () => {
  it("is an RFC 7807 document with the issues as an extension, in the asked language", async () => {
    const report = await brokenReport();
    const en = reportToProblemJson(report, "en", "/validate/core");
    const fr = reportToProblemJson(report, "fr");
    expect(PROBLEM_JSON_MEDIA_TYPE).toBe("application/problem+json");
    expect(en).toMatchObject({
      status: 422,
      instance: "/validate/core",
      profile: "core",
      violations: report.violations,
    });
    expect(en.type).toMatch(/^https:\/\//);
    expect(en.detail).toBe(`${report.violations} violations, ${report.warnings} warnings (profile core).`);
    expect(fr.title).toBe("Les données ne respectent pas le profil core");
    expect(fr.issues[0]!.message).toBe(report.issues[0]!.message.fr);
    expect(JSON.parse(JSON.stringify(fr))).toEqual(fr);
  });

  it("says 200 for data that conforms", async () => {
    const season = await parseRdf(readFileSync(new URL("fixtures/season.ttl", import.meta.url), "utf8"), "turtle");
    const report = await (await createValidator("core")).validate(season);
    expect(reportToProblemJson(report)).toMatchObject({ status: 200, violations: 0 });
  });
});

describe("text", () => {
  it("groups RDF issues by node, then property, in each language", async () => {
    const report = await brokenReport();
    const en = formatReportText(report, { source: "broken.ttl" });
    expect(en.split("\n")[0]).toBe(
      `broken.ttl: profile core: does not conform: ${report.violations} violations, ${report.warnings} warnings`,
    );
    expect(en).toContain("  <https://theatre.example.org/performance/p-2>\n");
    expect(en).toMatch(
      /\n {4}schema:startDate\n {6}violation core\/event-start-date-type: .*\(value "2026-13-01T20:00:00\+01:00"\^\^xsd:dateTime\)/,
    );
    const fr = formatReportText(report, { lang: "fr" });
    expect(fr).toContain("profil core: non conforme");
    expect(fr).toContain("avertissement core/");
  });

  it("says where a blank node hangs", async () => {
    const { report } = await validateText(
      readFileSync(new URL("fixtures/https-event.jsonld", import.meta.url), "utf8"),
      "event.jsonld",
      "core",
    );
    const place = report.issues.find((i) => i.code === "core/place-iri")!;
    expect(place.reachedFrom).toEqual({
      node: "https://theatre.example.org/performance/p-9",
      path: "http://schema.org/location",
    });
    expect(formatReportText(report)).toContain(
      `  ${place.focusNode} (value of schema:location on <https://theatre.example.org/performance/p-9>)\n`,
    );
  });

  it("groups record issues by record, then input field", async () => {
    const doc = structuredClone(demo);
    delete doc.productions[0].description;
    delete doc.venues[0].address.postalCode;
    const { report } = await validateRecords(doc, "core");
    const text = formatReportText(report, { lang: "fr" });
    expect(text).toContain(
      `  production "${doc.productions[0].id}"\n    $.productions[0].description\n      avertissement core/production-description-recommended: Le spectacle n'a pas de description.`,
    );
    const venue = text.slice(text.indexOf(`  venue "${doc.venues[0].id}"\n`));
    expect(venue).toMatch(
      /^ {2}venue "[^"]+"\n( {4}\S.*\n( {6}.*\n)*)*? {4}\$\.venues\[0\]\.address\.postalCode\n {6}avertissement core\/address-postal-code-recommended: /,
    );
  });
});
