import { describe, expect, it } from "vitest";
import { DataFactory } from "rdf-data-factory";
import {
  eventClasses,
  eventTestsSparql,
  isValidStart,
  shippedClassEdges,
  shippedEventClasses,
  subclassesOf,
} from "../../src/query/events.js";
import { SCHEMA, XSD_DATE, XSD_DATETIME } from "../../src/vocab.js";

const f = new DataFactory();

describe("subclassesOf", () => {
  it("gives the roots and every class below them, transitively, through cycles", () => {
    const edges: [string, string][] = [
      ["b", "a"],
      ["c", "b"],
      ["d", "c"],
      ["a", "d"],
      ["x", "y"],
    ];
    expect([...subclassesOf(["b"], edges)].sort()).toEqual(["a", "b", "c", "d"]);
    expect([...subclassesOf(["y"], edges)].sort()).toEqual(["x", "y"]);
    expect([...subclassesOf(["x"], edges)]).toEqual(["x"]);
    expect([...subclassesOf([], edges)]).toEqual([]);
  });
});

describe("the Event classes", () => {
  it("ships schema:Event and its subclasses, sorted, and no class outside them", () => {
    const classes = shippedEventClasses();
    expect(classes).toContain(`${SCHEMA}Event`);
    expect(classes).toContain(`${SCHEMA}TheaterEvent`);
    expect(classes).toContain(`${SCHEMA}MusicEvent`);
    expect(classes).not.toContain(`${SCHEMA}Place`);
    expect(classes).toEqual([...classes].sort());
    expect(shippedClassEdges()).toContainEqual([`${SCHEMA}TheaterEvent`, `${SCHEMA}Event`]);
  });
  it("adds the classes the data declares below an Event class, and not others", () => {
    const mine = "http://x.example/Opera";
    const below = "http://x.example/GrandOpera";
    const other = "http://x.example/Thing";
    const set = eventClasses([
      [mine, `${SCHEMA}MusicEvent`],
      [below, mine],
      [other, `${SCHEMA}Place`],
    ]);
    expect(set.has(mine)).toBe(true);
    expect(set.has(below)).toBe(true);
    expect(set.has(other)).toBe(false);
    expect(set.has(`${SCHEMA}Event`)).toBe(true);
  });
});

describe("isValidStart", () => {
  const dt = (v: string) => f.literal(v, f.namedNode(XSD_DATETIME));
  const d = (v: string) => f.literal(v, f.namedNode(XSD_DATE));
  it("takes a valid xsd:dateTime or xsd:date", () => {
    expect(isValidStart(dt("2026-10-01T20:00:00"))).toBe(true);
    expect(isValidStart(dt("2026-10-01T20:00:00+02:00"))).toBe(true);
    expect(isValidStart(d("2026-10-01"))).toBe(true);
  });
  it("refuses invalid text, a date typed dateTime (and back), other datatypes and non-literals", () => {
    expect(isValidStart(dt("2026-02-30T20:00:00"))).toBe(false);
    expect(isValidStart(dt("tomorrow"))).toBe(false);
    expect(isValidStart(dt("2026-10-01"))).toBe(false);
    expect(isValidStart(d("2026-10-01T20:00:00"))).toBe(false);
    expect(isValidStart(f.literal("2026-10-01T20:00:00"))).toBe(false);
    expect(isValidStart(f.namedNode("http://x/2026"))).toBe(false);
  });
});

describe("eventTestsSparql", () => {
  it("gives two FILTER lines: the start cast test and the Event class test listing every shipped class", () => {
    const [start, type] = eventTestsSparql();
    expect(start).toBe(`FILTER(?start = <${XSD_DATETIME}>(STR(?start)) || ?start = <${XSD_DATE}>(STR(?start)))`);
    expect(type).toMatch(/^FILTER\(EXISTS \{ \?e a \?eventType \. VALUES \?eventType \{ /);
    for (const c of shippedEventClasses()) expect(type).toContain(`<${c}>`);
    expect(type).toContain(`IN (<${shippedEventClasses()[0]}>, `);
  });
});
