// The 28 defect fixtures of Artsdata's pipeline (Unlicense, copied in fixtures/): one test each,
// checking what Vivant repairs (and counts), what it keeps, and what it refuses to invent.

import { describe, expect, it } from "vitest";
import type { Quad } from "@rdfjs/types";
import { Fixes } from "../../src/harvest/fixes.js";
import { processJsonLd, expandBlock, type PageResult } from "../../src/harvest/page.js";
import { consolidate } from "../../src/harvest/places.js";
import { FETCHED_AT, PAGE, SCHEMA, objects, pipelineFixture, subjectsOfType } from "./helpers.js";

const XSD = "http://www.w3.org/2001/XMLSchema#";
const PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom";
const S = (n: string) => `${SCHEMA}${n}`;

async function page(name: string, url = PAGE, fixes = new Fixes()): Promise<PageResult & { fixes: Fixes }> {
  const r = await processJsonLd(pipelineFixture(name), { url, fetchedAt: FETCHED_AT, fixes });
  return { ...r, fixes };
}

/** All normalised quads of a fixture, before page furniture is dropped. */
async function normalized(
  name: string,
  fixes = new Fixes(),
): Promise<{ quads: Quad[]; fixes: Fixes; problems: readonly unknown[] }> {
  const r = await expandBlock(JSON.parse(pipelineFixture(name)), PAGE, 0, 0, fixes);
  return { ...r, fixes };
}

function literalOf(quads: readonly Quad[], s: string, p: string): { value: string; datatype: string } | undefined {
  const o = objects(quads, s, S(p))[0];
  return o && o.termType === "Literal" ? { value: o.value, datatype: o.datatype.value } : undefined;
}

async function twoPages(a: string, b: string, rename?: (json: string) => string) {
  const fixes = new Fixes();
  const p1 = await processJsonLd(pipelineFixture(a), { url: `${PAGE}-1`, fetchedAt: FETCHED_AT, fixes });
  const text = rename ? rename(pipelineFixture(b)) : pipelineFixture(b);
  const p2 = await processJsonLd(text, { url: `${PAGE}-2`, fetchedAt: FETCHED_AT, fixes });
  const { quads, merged } = consolidate([...p1.quads, ...p2.quads], fixes);
  return { quads, merged, fixes };
}

describe("artsdata-pipeline-action fixtures", () => {
  it("test_add_derived_from: blank nodes get page IRIs, every kept node records the page it came from", async () => {
    const r = await page("test_add_derived_from");
    expect(r.counts.Event).toBe(1);
    expect(r.counts.Place).toBe(1);
    // No @vocab in that context: "Event" resolved against the page, brought back to schema.org.
    expect(r.fixes.count("type-without-vocab")).toBe(3);
    const named = new Set(
      r.quads.filter((q) => q.predicate.value !== "https://vivant.dev/ns#fetchedAt").map((q) => q.subject.value),
    );
    for (const s of named) {
      expect(s.startsWith(`${PAGE}#vivant-0-`)).toBe(true);
      expect(objects(r.quads, s, PROV_DERIVED).map((o) => o.value)).toEqual([PAGE]);
    }
    expect(r.fixes.count("blank-node-iri")).toBe(3);
    expect(objects(r.quads, PAGE, "https://vivant.dev/ns#fetchedAt")[0]?.value).toBe(FETCHED_AT);
  });

  it("test_add_url: an event without url gets provenance, not an invented url", async () => {
    const r = await page("test_add_url");
    expect(objects(r.quads, "http://event.com/1", S("url"))).toEqual([]);
    expect(objects(r.quads, "http://event.com/1", PROV_DERIVED).map((o) => o.value)).toEqual([PAGE]);
    expect(literalOf(r.quads, "http://event.com/1", "startDate")).toEqual({
      value: "2024-12-01T10:00:00Z",
      datatype: `${XSD}dateTime`,
    });
  });

  it("test_blank_nodes: the same page gives the same minted IRI; a lone Thing is not kept", async () => {
    const a = await normalized("test_blank_nodes");
    const b = await normalized("test_blank_nodes");
    expect(a.quads.map((q) => q.subject.value)).toEqual(b.quads.map((q) => q.subject.value));
    expect(a.quads[0]!.subject.value).toBe(`${PAGE}#vivant-0-b0`);
    const r = await page("test_blank_nodes");
    expect(r.quads).toEqual([]);
    expect(r.dropped.get("Thing")).toBe(1);
  });

  it("test_capital_types: lower-case types become schema.org classes, counted", async () => {
    const r = await page("test_capital_types");
    expect(subjectsOfType(r.quads, "Person")).toEqual(["http://example.com/person1"]);
    expect(subjectsOfType(r.quads, "Place")).toEqual(["http://example.com/place1"]);
    expect(r.fixes.count("type-case")).toBe(2);
  });

  it("test_collapse_duplicate_contact_pointblanknodes: distinct contact points stay distinct; identical ones collapse", async () => {
    const fixes = new Fixes();
    const r = await page("test_collapse_duplicate_contact_pointblanknodes", PAGE, fixes);
    const org = "http://www.example.com/org1";
    const kept = consolidate(r.quads, fixes).quads;
    expect(objects(kept, org, S("contactPoint"))).toHaveLength(3);
    expect(fixes.count("duplicate-node")).toBe(0);
    // Same markup with one telephone repeated three times: one contact point is enough.
    const same = pipelineFixture("test_collapse_duplicate_contact_pointblanknodes").replace(
      /\+1-800-555-\d{4}/g,
      "+1-800-555-1234",
    );
    const fixes2 = new Fixes();
    const r2 = await processJsonLd(same, { url: PAGE, fetchedAt: FETCHED_AT, fixes: fixes2 });
    const collapsed = consolidate(r2.quads, fixes2).quads;
    expect(objects(collapsed, org, S("contactPoint"))).toHaveLength(1);
    expect(fixes2.count("duplicate-node")).toBe(2);
  });

  it("test_copy_subevent_data_to_eventseries: the series and its sub-events are kept; nothing is copied into the series", async () => {
    const r = await page("test_copy_subevent_data_to_eventseries");
    const series = "http://example.com/event-series/1";
    expect(r.counts.Event).toBe(3);
    expect(
      objects(r.quads, series, S("subEvent"))
        .map((o) => o.value)
        .sort(),
    ).toEqual(["http://example.com/event/1", "http://example.com/event/2"]);
    expect(objects(r.quads, series, S("startDate"))).toEqual([]);
    expect(objects(r.quads, series, S("location"))).toEqual([]);
    // Local times stay local: no offset invented.
    expect(literalOf(r.quads, "http://example.com/event/1", "startDate")).toEqual({
      value: "2024-12-01T18:00:00",
      datatype: `${XSD}dateTime`,
    });
    expect(r.fixes.count("date-without-timezone")).toBe(4);
  });

  it("test_copy_subevent_data_to_eventseries_copy: the same markup gives the same quads", async () => {
    const a = await page("test_copy_subevent_data_to_eventseries");
    const b = await page("test_copy_subevent_data_to_eventseries_copy");
    const key = (qs: readonly Quad[]) =>
      qs.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`).sort();
    expect(key(b.quads)).toEqual(key(a.quads));
  });

  it("test_create-eventseries: four events without @id get four distinct stable IRIs, no series is invented", async () => {
    const r = await page("test_create-eventseries");
    const events = subjectsOfType(r.quads, "Event");
    expect(events).toHaveLength(4);
    expect(new Set(events).size).toBe(4);
    expect(events.every((e) => e.startsWith(`${PAGE}#vivant-0-`))).toBe(true);
    expect(subjectsOfType(r.quads, "EventSeries")).toEqual([]);
  });

  it("test_date_missing_seconds: seconds completed, schema:Date/DateTime retyped, offsets kept or left absent", async () => {
    const r = await page("test_date_missing_seconds");
    const start = (n: number) => literalOf(r.quads, `http://example.com/event${n}`, "startDate");
    expect(start(1)).toEqual({ value: "2025-09-01T19:30:00", datatype: `${XSD}dateTime` });
    expect(start(2)).toEqual({ value: "2025-09-01T19:30:00-05:00", datatype: `${XSD}dateTime` });
    expect(start(3)).toEqual({ value: "2025-09-01T19:30:00", datatype: `${XSD}dateTime` });
    expect(start(4)).toEqual({ value: "2025-09-01T19:30:00-05:00", datatype: `${XSD}dateTime` });
    expect(r.fixes.count("date-missing-seconds")).toBe(2);
    expect(r.fixes.count("date-schema-typed")).toBe(4);
  });

  it("test_date_timezone_fix: -0700 becomes -07:00 on every date property", async () => {
    const r = await page("test_date_timezone_fix");
    expect(literalOf(r.quads, "http://example.com/event1", "startDate")?.value).toBe("2024-02-03T20:00:00-07:00");
    expect(literalOf(r.quads, "http://example.com/event3", "startDate")?.value).toBe("2024-02-03T20:00:00-07:00");
    expect(literalOf(r.quads, "http://example.com/event4", "endDate")?.value).toBe("2024-02-03T20:00:00-07:00");
    expect(literalOf(r.quads, "http://example.com/event5", "startDate")?.value).toBe("2024-02-03T20:00:00+00:00");
    expect(r.fixes.count("date-timezone-colon")).toBe(5);
  });

  it("test_date_witout_timezone: a date stays a date, a Zulu time stays as is", async () => {
    const r = await page("test_date_witout_timezone");
    expect(literalOf(r.quads, "http://example.com/event5", "startDate")).toEqual({
      value: "2024-02-03",
      datatype: `${XSD}date`,
    });
    expect(literalOf(r.quads, "http://example.com/event6", "startDate")).toEqual({
      value: "2024-02-03T00:00:00Z",
      datatype: `${XSD}dateTime`,
    });
    expect(r.fixes.count("date-without-timezone")).toBe(0);
  });

  it("test_fix_address_country_name: a Country node becomes its ISO code", async () => {
    const r = await normalized("test_fix_address_country_name");
    const country = objects(r.quads, undefined, S("addressCountry"));
    expect(country).toHaveLength(1);
    expect(country[0]).toMatchObject({ termType: "Literal", value: "CA" });
    expect(subjectsOfType(r.quads, "Country")).toEqual([]);
    expect(r.fixes.count("address-country-node")).toBe(1);
  });

  it("test_fix_attendance_mode: text and language-tagged modes become one IRI each", async () => {
    const r = await page("test_fix_attendance_mode");
    const mode = (n: number) =>
      objects(r.quads, `http://example.org/events/${n}`, S("eventAttendanceMode")).map(
        (o) => `${o.termType} ${o.value}`,
      );
    expect(mode(1)).toEqual([`NamedNode ${S("OfflineEventAttendanceMode")}`]);
    expect(mode(2)).toEqual([`NamedNode ${S("OfflineEventAttendanceMode")}`]);
    expect(mode(3)).toEqual([`NamedNode ${S("MixedEventAttendanceMode")}`]);
    expect(mode(4)).toEqual([`NamedNode ${S("MixedEventAttendanceMode")}`]);
    expect(r.fixes.count("enum-as-text")).toBe(4);
  });

  it("test_fix_isni: an 11-digit number is not an ISNI: reported, not turned into an IRI; a real ISNI is", async () => {
    const r = await normalized("test_fix_isni");
    expect(objects(r.quads, "https://example.org/person/123", S("sameAs"))).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ code: "harvest/invalid-isni", value: "00001234567" })]);
    const valid = JSON.parse(pipelineFixture("test_fix_isni"));
    valid["schema:identifier"] = "0000 0001 2120 0982";
    const fixes = new Fixes();
    const v = await expandBlock(valid, PAGE, 0, 0, fixes);
    expect(objects(v.quads, "https://example.org/person/123", S("sameAs")).map((o) => o.value)).toEqual([
      "https://isni.org/isni/0000000121200982",
    ]);
    expect(fixes.count("isni-bare")).toBe(1);
  });

  it("test_fix_malformed_urls: an HTML entity left in a URL is decoded", async () => {
    const r = await normalized("test_fix_malformed_urls");
    expect(objects(r.quads, "http://example.com/123", S("url")).map((o) => o.value)).toEqual([
      "https://example.com/?post_type=event&p=12292",
    ]);
    expect(r.fixes.count("malformed-url")).toBe(1);
  });

  it("test_fix_offer_availability: outOfStock becomes schema:OutOfStock, the price a number", async () => {
    const r = await page("test_fix_offer_availability");
    expect(r.counts).toMatchObject({ Event: 1, Offer: 1 });
    const offer = subjectsOfType(r.quads, "Offer")[0]!;
    expect(objects(r.quads, offer, S("availability")).map((o) => o.value)).toEqual([S("OutOfStock")]);
    expect(literalOf(r.quads, offer, "price")).toEqual({ value: "50", datatype: `${XSD}decimal` });
    expect(r.fixes.count("enum-as-text")).toBe(1);
  });

  it("test_fix_schemaorg_https_objects: https schema.org IRIs written as text become http IRIs", async () => {
    const r = await normalized("test_fix_schemaorg_https_objects");
    expect(objects(r.quads, "http://example.org/resource1", S("someProperty"))).toEqual([
      expect.objectContaining({ termType: "NamedNode", value: S("Example1") }),
    ]);
    expect(objects(r.quads, "http://example.org/resource2", S("anotherProperty"))).toEqual([
      expect.objectContaining({ termType: "NamedNode", value: S("Example2") }),
    ]);
    expect(r.fixes.count("schema-iri-literal")).toBe(2);
    expect(r.fixes.count("https-schema-org")).toBe(2);
  });

  it("test_fix_start_date: a space between date and time becomes T", async () => {
    const r = await page("test_fix_start_date");
    for (const n of [1, 2])
      expect(literalOf(r.quads, `http://example.org/events/${n}`, "startDate")).toEqual({
        value: "2015-03-31T20:00:00",
        datatype: `${XSD}dateTime`,
      });
    expect(r.fixes.count("date-space-separator")).toBe(2);
  });

  it("test_fix_wikidata_uri: a /wiki/ page written as text becomes the entity IRI", async () => {
    const r = await normalized("test_fix_wikidata_uri");
    expect(objects(r.quads, "http://example.com/entity/123", S("sameAs"))).toEqual([
      expect.objectContaining({ termType: "NamedNode", value: "http://www.wikidata.org/entity/Q42" }),
    ]);
    expect(r.fixes.count("wikidata-iri")).toBe(1);
    expect(r.fixes.count("iri-as-literal")).toBe(1);
  });

  for (const variant of [
    "test_merge_graph_with_duplicate_1",
    "test_merge_graph_with_duplicate_1_english",
    "test_merge_graph_with_duplicate_1_french",
  ]) {
    it(`${variant} + test_merge_graph_with_duplicate_2: the same venue under two ids is merged`, async () => {
      const { quads, merged, fixes } = await twoPages(variant, "test_merge_graph_with_duplicate_2");
      expect(subjectsOfType(quads, "Place")).toEqual(["http://example.com/resource/place-venue456"]);
      expect(merged.get("http://example.com/resource/place-venue457")).toBe(
        "http://example.com/resource/place-venue456",
      );
      for (const e of subjectsOfType(quads, "Event"))
        expect(objects(quads, e, S("location")).map((o) => o.value)).toEqual([
          "http://example.com/resource/place-venue456",
        ]);
      expect(fixes.count("duplicate-place")).toBe(1);
    });
  }

  it("test_merge_graph_with_duplicate_2: alone, one event and one place, nothing merged", async () => {
    const r = await page("test_merge_graph_with_duplicate_2");
    expect(r.counts).toMatchObject({ Event: 1, Place: 1, Organization: 1 });
    expect(consolidate(r.quads, r.fixes).merged.size).toBe(0);
  });

  it("test_merge_graph_without_duplicate_place_name_1 + _2: different names are different places", async () => {
    const same = await twoPages(
      "test_merge_graph_without_duplicate_place_name_1",
      "test_merge_graph_without_duplicate_place_name_2",
    );
    expect(same.fixes.count("duplicate-place")).toBe(0);
    // Same @id in both pages: one node, both names kept (nothing dropped).
    expect(
      objects(same.quads, "http://example.com/resource/place-venue456", S("name"))
        .map((o) => o.value)
        .sort(),
    ).toEqual(["Arts Venue North Theatre", "Arts Venue South Theatre"]);
    const apart = await twoPages(
      "test_merge_graph_without_duplicate_place_name_1",
      "test_merge_graph_without_duplicate_place_name_2",
      (j) => j.replace("place-venue456", "place-venue999"),
    );
    expect(subjectsOfType(apart.quads, "Place")).toHaveLength(2);
    expect(apart.fixes.count("duplicate-place")).toBe(0);
  });

  it("test_merge_graph_without_duplicate_place_name_2: alone, its address is kept", async () => {
    const r = await page("test_merge_graph_without_duplicate_place_name_2");
    const address = objects(r.quads, "http://example.com/resource/place-venue456", S("address"))[0]!;
    expect(literalOf(r.quads, address.value, "postalCode")?.value).toBe("A1B 2C4");
  });

  it("test_merge_graph_without_duplicate_postal_code_1 + _2: different postal codes are different places", async () => {
    const apart = await twoPages(
      "test_merge_graph_without_duplicate_postal_code_1",
      "test_merge_graph_without_duplicate_postal_code_2",
      (j) => j.replace("place-venue457", "place-venue999"),
    );
    expect(subjectsOfType(apart.quads, "Place")).toHaveLength(2);
    expect(apart.fixes.count("duplicate-place")).toBe(0);
    // With the same @id, the two different addresses are both kept: no merge hides one.
    const same = await twoPages(
      "test_merge_graph_without_duplicate_postal_code_1",
      "test_merge_graph_without_duplicate_postal_code_2",
    );
    expect(objects(same.quads, "http://example.com/resource/place-venue457", S("address"))).toHaveLength(2);
  });

  it("test_merge_graph_without_duplicate_postal_code_2: an identical second harvest of the page adds nothing", async () => {
    const twice = await twoPages(
      "test_merge_graph_without_duplicate_postal_code_2",
      "test_merge_graph_without_duplicate_postal_code_2",
    );
    const once = await page("test_merge_graph_without_duplicate_postal_code_2");
    expect(subjectsOfType(twice.quads, "Event")).toEqual(subjectsOfType(once.quads, "Event"));
    expect(subjectsOfType(twice.quads, "Place")).toEqual(["http://example.com/resource/place-venue457"]);
  });

  it("test_remove_object: events kept (with and without @id), navigation, header, footer and breadcrumbs dropped", async () => {
    const r = await page("test_remove_object");
    const events = subjectsOfType(r.quads, "Event");
    expect(events).toHaveLength(2);
    expect(events).toContain("https://keep.com");
    expect(events.find((e) => e !== "https://keep.com")).toMatch(new RegExp(`^${PAGE}#vivant-0-`));
    expect(Object.fromEntries(r.dropped)).toEqual({
      SiteNavigationElement: 2,
      WPHeader: 1,
      WPFooter: 1,
      BreadcrumbList: 1,
      "(untyped)": 1,
    });
  });
});
