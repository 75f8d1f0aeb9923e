import { describe, expect, it } from "vitest";
import { countryZone, countryZoneTable, zoneOfCountries } from "../../src/query/zones.js";

describe("countryZone", () => {
  it("gives the one zone of a country, in any case", () => {
    expect(countryZone("FR")).toBe("Europe/Paris");
    expect(countryZone("fr")).toBe("Europe/Paris");
    expect(countryZone("BE")).toBe("Europe/Brussels");
  });
  it("counts zones that keep the same offsets as one (Germany's Büsingen is Berlin's)", () => {
    expect(countryZone("DE")).toBe("Europe/Berlin");
  });
  it("gives none for a country whose zones differ", () => {
    expect(countryZone("CA")).toBeUndefined();
    expect(countryZone("US")).toBeUndefined();
    expect(countryZone("ES")).toBeUndefined();
  });
  it("gives none for what is not a two-letter code", () => {
    for (const c of ["", "F", "FRA", "F1", "É", "zz-"]) expect(countryZone(c), c).toBeUndefined();
  });
});

describe("countryZoneTable", () => {
  it("lists every code with one zone, in code order, and no other", () => {
    const table = countryZoneTable();
    expect(table).toContainEqual(["FR", "Europe/Paris"]);
    expect(table.map(([c]) => c)).not.toContain("CA");
    const codes = table.map(([c]) => c);
    expect(codes).toEqual([...codes].sort());
    for (const [code, zone] of table) expect(countryZone(code)).toBe(zone);
  });
});

describe("zoneOfCountries", () => {
  it("gives the zone all the places agree on", () => {
    expect(zoneOfCountries(["FR", "fr"])).toBe("Europe/Paris");
  });
  it("gives none when a country is unknown, has several zones, or the places differ", () => {
    expect(zoneOfCountries([])).toBeUndefined();
    expect(zoneOfCountries(["FR", undefined])).toBeUndefined();
    expect(zoneOfCountries(["FR", "CA"])).toBeUndefined();
    expect(zoneOfCountries(["FR", "PT"])).toBeUndefined();
    expect(zoneOfCountries(["France"])).toBeUndefined();
  });
});
