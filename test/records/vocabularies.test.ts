// The closed lists of the record model: each value once, and each one meaning what the rest of Vivant reads it as.

import { describe, expect, it } from "vitest";
import * as vocabularies from "../../src/records/vocabularies.js";
import {
  ACCESSIBILITY_FEATURES,
  AVAILABILITIES,
  EVENT_TYPES,
  GENRES,
  STATUS_KINDS,
  VENUE_TYPES,
  WORK_TYPES,
} from "../../src/records/vocabularies.js";
import { genreIri } from "../../src/mapping/terms.js";
import { shippedClassEdges, shippedEventClasses, subclassesOf } from "../../src/query/events.js";
import { SCHEMA } from "../../src/vocab.js";

describe("the record model's closed lists", () => {
  it("hold each value once, and no empty list", () => {
    for (const [name, list] of Object.entries(vocabularies)) {
      expect(Array.isArray(list), name).toBe(true);
      const values = list as readonly string[];
      expect(values.length, name).toBeGreaterThan(0);
      expect(new Set(values).size, name).toBe(values.length);
    }
  });
  it("give every genre its own Artsdata K6 concept", () => {
    const iris = GENRES.map((g) => genreIri(g));
    expect(new Set(iris).size).toBe(GENRES.length);
    for (const iri of iris) expect(iri).toMatch(/^http:\/\/kg\.artsdata\.ca\/resource\/K6-\d+$/);
  });
  it("list only Event types the shipped schema.org hierarchy knows as events", () => {
    const events = new Set(shippedEventClasses());
    for (const t of EVENT_TYPES) expect(events.has(`${SCHEMA}${t}`), t).toBe(true);
  });
  it("list venue types that are schema.org Places and work types that are CreativeWorks", () => {
    const edges = shippedClassEdges();
    const places = subclassesOf([`${SCHEMA}Place`], edges);
    const works = subclassesOf([`${SCHEMA}CreativeWork`], edges);
    for (const t of VENUE_TYPES) expect(places.has(`${SCHEMA}${t}`), t).toBe(true);
    for (const t of WORK_TYPES) expect(works.has(`${SCHEMA}${t}`), t).toBe(true);
  });
  it("keep the values the documentation and the importers use", () => {
    expect(ACCESSIBILITY_FEATURES).toContain("surtitles");
    expect(AVAILABILITIES).toContain("SoldOut");
    expect(STATUS_KINDS).toEqual(["scheduled", "cancelled", "postponed", "rescheduled", "movedOnline"]);
  });
});
