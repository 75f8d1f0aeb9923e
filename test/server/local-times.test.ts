// Local times in the typed API (issue 12, point 4). A start written without an offset is found by date filters,
// compared in its venue's time zone (from the venue's country, when the country keeps one zone) or, when the zone is
// unknown, by its date and time as written, and the answer says so (`startTimeZone`). A date with no time means that
// day on each performance's own clock unless `tz` is given. The SPARQL form (findPerformances) and the workers' index
// (PerformanceIndex, behind /api/performances) answer alike: hand-checked cases, then a seeded random sweep.
import type { Quad } from "@rdfjs/types";
import { Parser } from "n3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  findPerformances,
  PerformanceIndex,
  performanceFacets,
  type PerformanceFilter,
} from "../../src/query/index.js";
import { countryZone, zoneOfCountries } from "../../src/query/zones.js";
import { TokenTable, VivantServer } from "../../src/server/index.js";
import { GraphStore } from "../../src/store/index.js";
import { call } from "./helpers.js";

const X = "https://tz.example/";
const GRAPH = `${X}graph`;
const P = `@prefix schema: <http://schema.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@prefix x: <${X}> .\n`;
const place = (id: string, city: string, country: string | undefined, up?: string): string =>
  `x:${id} a schema:Place ; schema:name "${city}" ; schema:address [ a schema:PostalAddress ; schema:addressLocality "${city}"${country ? ` ; schema:addressCountry "${country}"` : ""} ]${up ? ` ; schema:containedInPlace x:${up}` : ""} .\n`;
const PLACES =
  place("paris", "Paris", "FR") + // Europe/Paris
  place("noumea", "Nouméa", "NC") + // Pacific/Noumea, UTC+11
  place("reunion", "Saint-Denis", "re") + // Indian/Reunion, UTC+4 (the code read case-insensitively)
  place("toronto", "Toronto", "CA") + // Canada keeps several zones: unknown
  place("nowhere", "Nulle-part", undefined) + // no country: unknown
  place("hall", "Salle", "FR", "noumea"); // a hall in France inside a place in New Caledonia: conflicting, unknown
const perf = (id: string, at: string, start: string): string =>
  `x:${id} a schema:TheaterEvent ; schema:name "Spectacle ${id}" ; schema:workPerformed x:work ; schema:location x:${at} ; schema:startDate ${start} .\n`;
const dt = (s: string): string => `"${s}"^^xsd:dateTime`;
const CASES =
  perf("paris-local", "paris", dt("2026-02-01T20:00:00")) +
  perf("paris-utc", "paris", dt("2026-01-31T23:30:00Z")) + // 00:30 on 1 February in Paris
  perf("toronto-offset", "toronto", dt("2026-01-31T20:00:00-05:00")) + // the issue's case: February only in Paris time
  perf("toronto-local", "toronto", dt("2026-02-28T21:00:00")) +
  perf("noumea-local", "noumea", dt("2026-02-01T08:00:00")) + // 31 January 22:00 in Paris
  perf("noumea-day", "noumea", `"2026-03-01"^^xsd:date`) +
  perf("reunion-offset", "reunion", dt("2026-03-01T01:00:00+04:00")) + // 28 February 22:00 in Paris
  perf("hall-local", "hall", dt("2026-02-01T00:30:00")) +
  perf("nowhere-local", "nowhere", dt("2026-01-31T23:59:00"));
const TTL = `${P}x:work a schema:CreativeWork ; schema:name "Œuvre" .\n${PLACES}${CASES}`;
const quads = (ttl: string): Quad[] => new Parser().parse(ttl);
const ALL = [
  "paris-local",
  "paris-utc",
  "toronto-offset",
  "toronto-local",
  "noumea-local",
  "noumea-day",
  "reunion-offset",
  "hall-local",
  "nowhere-local",
];

let store: GraphStore;
let index: PerformanceIndex;
beforeAll(async () => {
  store = await GraphStore.open();
  await store.replaceGraph(GRAPH, quads(TTL), { publisherId: "tz", licence: "cc0-1.0" });
  index = PerformanceIndex.build((q) => store.selectSync(q));
}, 60_000);
afterAll(async () => store?.close());

const local = (ids: readonly string[]): string[] => ids.map((i) => i.slice(X.length));
/** Every page of both forms, followed with their cursors. */
async function both(f: PerformanceFilter, limit = 500): Promise<{ sparql: string[]; index: string[] }> {
  const sparql: string[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 100; n++) {
    const page = await findPerformances(store, f, { limit, ...(cursor ? { cursor } : {}) });
    sparql.push(...page.items.map((p) => p["@id"]));
    if ((cursor = page.next) === undefined) break;
  }
  const fromIndex: string[] = [];
  cursor = undefined;
  for (let n = 0; n < 100; n++) {
    const page = index.find(f, { limit, ...(cursor ? { cursor } : {}) });
    fromIndex.push(...page.ids);
    if ((cursor = page.next) === undefined) break;
  }
  return { sparql: local(sparql), index: local(fromIndex) };
}

describe("a venue's zone from its country (CLDR, via Intl)", () => {
  it("one zone per country, none for a country of several zones or a value that is not a code", () => {
    expect(countryZone("FR")).toBe("Europe/Paris");
    expect(countryZone("fr")).toBe("Europe/Paris");
    expect(countryZone("NC")).toBe("Pacific/Noumea");
    expect(countryZone("DE")).toBe("Europe/Berlin"); // Büsingen keeps Berlin's offsets
    expect(countryZone("CA")).toBeUndefined();
    expect(countryZone("ES")).toBeUndefined(); // the Canaries
    expect(countryZone("France")).toBeUndefined();
    expect(countryZone("ZZ")).toBeUndefined();
    expect(zoneOfCountries(["FR", "fr"])).toBe("Europe/Paris");
    expect(zoneOfCountries(["FR", "NC"])).toBeUndefined();
    expect(zoneOfCountries(["FR", undefined])).toBeUndefined();
  });
});

describe("date filters find local times, each on its own clock", () => {
  it("with no filter, every performance, in the same order in both forms (a local start by its date and time read as UTC)", async () => {
    const { sparql, index: ix } = await both({});
    expect(sparql.slice().sort()).toEqual([...ALL].sort());
    expect(ix).toEqual(sparql);
    expect((await both({}, 2)).index).toEqual(sparql);
    expect((await both({}, 2)).sparql).toEqual(sparql);
  });

  it("February, with no tz: each performance's own February (the issue's Toronto case is out)", async () => {
    const { sparql, index: ix } = await both({ from: "2026-02-01", to: "2026-02-28" });
    expect(sparql.slice().sort()).toEqual(
      ["hall-local", "noumea-local", "paris-local", "paris-utc", "toronto-local"].sort(),
    );
    expect(ix).toEqual(sparql);
    const toronto = await both({ from: "2026-02-01", to: "2026-02-28", city: "Toronto" });
    expect(toronto.sparql).toEqual(["toronto-local"]);
    expect(toronto.index).toEqual(["toronto-local"]);
  });

  it("February read in Europe/Paris (tz): Paris's February; a local time of unknown zone still compared as written", async () => {
    const { sparql, index: ix } = await both({ from: "2026-02-01", to: "2026-02-28", timeZone: "Europe/Paris" });
    // toronto-offset, reunion-offset and noumea-day (28 February 14:00 in Paris) are in February in Paris;
    // noumea-local (31 January 22:00 in Paris) is not.
    expect(sparql.slice().sort()).toEqual(
      [
        "hall-local",
        "noumea-day",
        "paris-local",
        "paris-utc",
        "reunion-offset",
        "toronto-local",
        "toronto-offset",
      ].sort(),
    );
    expect(ix).toEqual(sparql);
  });

  it("February read in Pacific/Noumea: Nouméa's February", async () => {
    const { sparql, index: ix } = await both({ from: "2026-02-01", to: "2026-02-28", timeZone: "Pacific/Noumea" });
    // 1 February 00:00 in Nouméa is 31 January 13:00 UTC: everything from 31 January evening in Europe and America is in.
    expect(sparql.slice().sort()).toEqual(
      ["hall-local", "noumea-local", "paris-local", "paris-utc", "toronto-local", "toronto-offset"].sort(),
    );
    expect(ix).toEqual(sparql);
  });

  it("a date start (xsd:date) is its day: in March, not in February", async () => {
    expect((await both({ from: "2026-03-01", to: "2026-03-31" })).sparql.sort()).toEqual([
      "noumea-day",
      "reunion-offset",
    ]);
    expect((await both({ from: "2026-03-01", to: "2026-03-31" })).index.sort()).toEqual([
      "noumea-day",
      "reunion-offset",
    ]);
  });

  it("bounds with an offset are instants; a local start is compared in its venue's zone", async () => {
    // 31 January 21:30 UTC: noumea-local (21:00 UTC) is before it, paris-utc (23:30 UTC) after.
    const r = await both({ from: "2026-01-31T21:30:00Z", to: "2026-02-01T00:00:00Z" });
    expect(r.sparql.sort()).toEqual(["nowhere-local", "paris-utc"]); // nowhere-local: 23:59 as written, before 00:00 as written
    expect(r.index.sort()).toEqual(r.sparql);
  });

  it("says which zone a local start was read in, or that it is unknown (both forms, and over HTTP)", async () => {
    const page = await findPerformances(store, {}, { limit: 500 });
    const zones = Object.fromEntries(page.items.map((p) => [p["@id"].slice(X.length), p.startTimeZone]));
    expect(zones).toEqual({
      "paris-local": "Europe/Paris",
      "paris-utc": undefined,
      "toronto-offset": undefined,
      "toronto-local": "unknown",
      "noumea-local": "Pacific/Noumea",
      "noumea-day": "Pacific/Noumea",
      "reunion-offset": undefined,
      "hall-local": "unknown",
      "nowhere-local": "unknown",
    });
    const fromIndex = index.page({}, { limit: 500 });
    expect(Object.fromEntries(fromIndex.items.map((p) => [p["@id"].slice(X.length), p.startTimeZone]))).toEqual(zones);

    const tokens = new TokenTable();
    const server = await VivantServer.start({ port: 0, tokens });
    try {
      await server.replaceGraph(GRAPH, quads(TTL), { publisherId: "tz", licence: "cc0-1.0" });
      const a = await call(server.url, "api/performances?city=Toronto&from=2026-02-01&to=2026-02-28");
      expect(a.status, a.text).toBe(200);
      const doc = JSON.parse(a.text) as {
        "@context": Record<string, unknown>;
        "@graph": { "@id": string; startTimeZone?: string }[];
      };
      expect(doc["@graph"].map((n) => [n["@id"].slice(X.length), n.startTimeZone])).toEqual([
        ["toronto-local", "unknown"],
      ]);
      expect(doc["@context"].startTimeZone).toBe("https://vivant.dev/ns#startTimeZone");
      const paris = JSON.parse(
        (await call(server.url, "api/performances?city=Toronto&from=2026-02-01&to=2026-02-28&tz=Europe/Paris")).text,
      ) as { "@graph": { "@id": string }[] };
      expect(local(paris["@graph"].map((n) => n["@id"])).sort()).toEqual(["toronto-local", "toronto-offset"]);
      expect((await call(server.url, "api/performances?tz=Mars/Olympus")).status).toBe(400);
    } finally {
      await server.close();
    }
  }, 60_000);

  it("facets count the same performances as the page", async () => {
    const f: PerformanceFilter = { from: "2026-02-01", to: "2026-02-28" };
    const facets = await performanceFacets(store, f);
    expect(facets).toEqual(index.facets(f));
    expect(facets.city.reduce((n, c) => n + c.count, 0)).toBe(6); // the hall's performance counts in Salle and Nouméa
  });
});

describe("the SPARQL form and the index agree on random starts, zones and bounds", () => {
  it("60 performances, 80 filters (seeded)", async () => {
    let seed = 12;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(l: readonly T[]): T => l[Math.floor(rnd() * l.length)]!;
    const pad = (n: number): string => String(n).padStart(2, "0");
    const wall = (): string =>
      `2026-${pad(pick([1, 2, 3, 10]))}-${pad(1 + Math.floor(rnd() * 28))}T${pad(Math.floor(rnd() * 24))}:${pick(["00", "30", "59"])}:00`;
    const offsets = ["Z", "+01:00", "+02:00", "-05:00", "-04:00", "+11:00", "+04:00", "+14:00", "-12:00"];
    const venues = ["paris", "noumea", "reunion", "toronto", "nowhere", "hall"];
    let ttl = `${P}x:work a schema:CreativeWork ; schema:name "Œuvre" .\n${PLACES}`;
    for (let i = 0; i < 60; i++) {
      const kind = rnd();
      const start =
        kind < 0.4 ? dt(wall()) : kind < 0.9 ? dt(wall() + pick(offsets)) : `"${wall().slice(0, 10)}"^^xsd:date`;
      ttl += perf(`r${String(i).padStart(2, "0")}`, pick(venues), start);
    }
    const s2 = await GraphStore.open();
    try {
      await s2.replaceGraph(GRAPH, quads(ttl), { publisherId: "tz", licence: "cc0-1.0" });
      const ix = PerformanceIndex.build((q) => s2.selectSync(q));
      const bound = (): string => {
        const k = rnd();
        const w = wall();
        return k < 0.4 ? w.slice(0, 10) : k < 0.7 ? w : w + pick(offsets);
      };
      let nonEmpty = 0;
      for (let i = 0; i < 80; i++) {
        const f: Record<string, string> = {};
        if (rnd() < 0.8) f.from = bound();
        if (rnd() < 0.8) f.to = bound();
        if (rnd() < 0.4)
          f.timeZone = pick([
            "Europe/Paris",
            "America/Toronto",
            "Pacific/Noumea",
            "America/Vancouver",
            "Pacific/Kiritimati",
          ]);
        const sparql = (await findPerformances(s2, f, { limit: 500 })).items.map((p) => p["@id"]);
        const fromIndex = ix.find(f, { limit: 500 }).ids;
        expect(fromIndex, JSON.stringify(f)).toEqual(sparql);
        if (sparql.length) nonEmpty++;
      }
      // The sweep is not vacuous: most filters find something.
      expect(nonEmpty).toBeGreaterThan(30);
    } finally {
      await s2.close();
    }
  }, 300_000);
});
