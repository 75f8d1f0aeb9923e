// The performance index's filter test: filter.ts's filterBlock, in JavaScript, over an index entry.

import {
  boundInZone,
  boundOf,
  checkFilter,
  genreOf,
  passes,
  typeOf,
  KM_PER_DEGREE,
  type Bound,
  type PerformanceFilter,
} from "../filter.js";
import { somePlace, type Entry, type Place } from "./entry.js";

type Test = (e: Entry) => boolean;

/** The test of filter.ts's filterBlock, in JavaScript. */
export function matcherOf(f: PerformanceFilter, places: ReadonlyMap<string, Place>): Test {
  checkFilter(f);
  const tests: Test[] = [...timeTests(f), ...kindTests(f), ...placeTests(f, places), ...otherTests(f, places)];
  return (e) => tests.every((t) => t(e));
}

/** `from` and `to`. */
function timeTests(f: PerformanceFilter): Test[] {
  const tests: Test[] = [];
  const dated = (b: Bound, lower: boolean): Test => {
    const inZone = new Map<string, number>();
    const at = (zone: string): number => {
      let v = inZone.get(zone);
      if (v === undefined) inZone.set(zone, (v = boundInZone(b, zone)));
      return v;
    };
    return (e) => passes(e.t, e.zone, b, at, lower);
  };
  if (f.from !== undefined) tests.push(dated(boundOf(f.from, f.timeZone, "from", false), true));
  if (f.to !== undefined) tests.push(dated(boundOf(f.to, f.timeZone, "to", true), false));
  return tests;
}

/** `type`, `genre` and `venue`. */
function kindTests(f: PerformanceFilter): Test[] {
  const tests: Test[] = [];
  if (f.type !== undefined) {
    const t = typeOf(f.type);
    tests.push((e) => e.types.includes(t));
  }
  if (f.genre !== undefined) {
    const g = genreOf(f.genre);
    tests.push((e) => e.genres.includes(g));
  }
  if (f.venue !== undefined) {
    const v = f.venue;
    tests.push((e) => e.venues.includes(v));
  }
  return tests;
}

/** `city`, `region` and `near`. */
function placeTests(f: PerformanceFilter, places: ReadonlyMap<string, Place>): Test[] {
  const tests: Test[] = [];
  if (f.city !== undefined || f.region !== undefined) {
    const city = f.city?.toLowerCase();
    const region = f.region?.toLowerCase();
    tests.push((e) =>
      somePlace(
        places,
        e,
        (p) =>
          (city === undefined || p.citiesLc.includes(city)) && (region === undefined || p.regionsLc.includes(region)),
      ),
    );
  }
  if (f.near !== undefined) {
    const { latitude, longitude, km } = f.near;
    const k = Math.cos((latitude * Math.PI) / 180);
    const r = km / KM_PER_DEGREE;
    const r2 = r * r;
    tests.push((e) =>
      somePlace(places, e, (p) =>
        p.geos.some(([lat, lon]) => {
          const dLat = lat - latitude;
          const dLon = (lon - longitude) * k;
          return dLat * dLat + dLon * dLon <= r2;
        }),
      ),
    );
  }
  return tests;
}

/** `performer`, `lang`, `accessibility`, `free`, `maxPrice` and `q`. */
function otherTests(f: PerformanceFilter, places: ReadonlyMap<string, Place>): Test[] {
  const tests: Test[] = [];
  if (f.performer !== undefined) {
    const p = f.performer;
    tests.push((e) => e.performers.includes(p));
  }
  if (f.lang !== undefined) {
    const l = f.lang.toLowerCase();
    tests.push((e) => e.langs.some((x) => x.toLowerCase() === l || x.toLowerCase().startsWith(`${l}-`)));
  }
  if (f.accessibility !== undefined) {
    const a = f.accessibility;
    tests.push((e) => e.features.includes(a) || somePlace(places, e, (p) => p.amenities.includes(a)));
  }
  const stated = (e: Entry): boolean => e.statedFree.some((v) => v === "true" || v === "1");
  const free = (e: Entry): boolean => stated(e) || (e.zeroPrice && !e.prices.some((p) => p > 0));
  if (f.free === true) tests.push(free);
  if (f.free === false) tests.push((e) => !free(e));
  if (f.maxPrice !== undefined) {
    const max = f.maxPrice;
    tests.push((e) => e.prices.some((p) => p <= max) || stated(e));
  }
  if (f.q !== undefined) {
    const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
    tests.push((e) => words.every((w) => e.texts.some((t) => t.includes(w))));
  }
  return tests;
}
