// A venue's time zone, as the typed questions read it: from its address's country, when that country keeps one
// time zone. The country → zones table is CLDR's (the runtime's ICU, `Intl.Locale#timeZones`), kept up to date with
// Node; no table of our own. A country whose zones differ (Canada, the United States, Spain with the Canaries…)
// gives no zone: the answer says so rather than guess one.

import { offsetAt } from "../records/time.js";

type LocaleWithZones = Intl.Locale & { readonly timeZones?: readonly string[]; getTimeZones?: () => readonly string[] };

function zonesOf(code: string): readonly string[] {
  try {
    const l = new Intl.Locale(`und-${code}`) as LocaleWithZones;
    return l.getTimeZones?.() ?? l.timeZones ?? [];
  } catch {
    return [];
  }
}

/** Instants at which two zones must agree to count as one (the 1st and 15th of every month, 2016–2036, at 12:00 UTC). */
function samples(): number[] {
  const out: number[] = [];
  for (let y = 2016; y <= 2036; y++)
    for (let m = 0; m < 12; m++) for (const d of [1, 15]) out.push(Date.UTC(y, m, d, 12));
  return out;
}

const byCountry = new Map<string, string | undefined>();

/**
 * The one time zone of a country (ISO 3166-1 alpha-2, any case), or undefined when the country has none or several
 * that differ. Zones that keep the same offsets throughout 2016–2036 count as one (Germany's Büsingen is Berlin's);
 * the first CLDR lists is given.
 * @example countryZone("FR") // "Europe/Paris"; countryZone("CA") // undefined
 */
export function countryZone(country: string): string | undefined {
  const code = country.toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return undefined;
  if (byCountry.has(code)) return byCountry.get(code);
  const zones = zonesOf(code);
  let zone: string | undefined;
  if (zones.length === 1) zone = zones[0];
  else if (zones.length > 1) {
    const at = samples();
    const [first, ...rest] = zones;
    zone = rest.every((z) => at.every((t) => offsetAt(z, t) === offsetAt(first!, t))) ? first : undefined;
  }
  byCountry.set(code, zone);
  return zone;
}

let table: readonly (readonly [string, string])[] | undefined;

/** Every country code with one time zone, and that zone (for the SPARQL form of the filter). */
export function countryZoneTable(): readonly (readonly [string, string])[] {
  if (table === undefined) {
    const out: [string, string][] = [];
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        const z = countryZone(code);
        if (z !== undefined) out.push([code, z]);
      }
    }
    table = out;
  }
  return table;
}

/**
 * The zone of a performance from the countries of its places (its location and the places containing it): the one
 * zone they all give, else undefined (no country, a country without one zone, or places in different zones).
 * Country values are compared upper-cased; a value that is not a literal or an IRI counts as unknown.
 */
export function zoneOfCountries(countries: readonly (string | undefined)[]): string | undefined {
  let zone: string | undefined;
  for (const c of countries) {
    const z = c === undefined ? undefined : countryZone(c);
    if (z === undefined) return undefined;
    if (zone !== undefined && zone !== z) return undefined;
    zone = z;
  }
  return zone;
}
