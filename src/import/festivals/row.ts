// One row of the festivals CSV → a festival (a Series of kind "festival") and its place: the name and a unique
// identifier first (else the row is rejected), then the address, coordinates, web address and year of
// creation, each repaired when it can be (and counted) or left out with a warning.

import type { Fixes } from "../../harvest/fixes.js";
import { parseDayMonthYear } from "../../harvest/dates.js";
import type { Geo, PostalAddress } from "../../records/types.js";
import { cleanUrl, slug } from "../csvFile.js";
import { compact } from "../types.js";
import type { FestivalContext } from "./context.js";

/** Reads data row `i`: true when its festival and place are added, false when the row is rejected. */
export function readRow(c: FestivalContext, i: number, r: Readonly<Record<string, string>>): boolean {
  c.at(i, r);
  const C = c.C;
  const name = c.get(C.name);
  c.id = c.get(C.id);
  if (!name)
    return c.reject({
      code: "festivals/missing-name",
      column: C.name,
      value: undefined,
      message: [`line ${c.line}: no festival name`, `ligne ${c.line} : pas de nom de festival`],
      hint: ["fill in the name", "renseigner le nom"],
    });
  if (!c.id || (c.idCount.get(c.id) ?? 0) > 1) {
    // Placeholder or shared identifiers (FEST__7265 on 11 overseas rows): made unique and stable.
    c.id = `${c.id || "FEST"}~${slug(name)}~${slug(c.get(C.commune) || c.get(C.department))}`;
    c.fixes.add("id-disambiguated");
  }
  if (c.used.has(c.id))
    return c.reject({
      code: "festivals/duplicate-row",
      column: C.id,
      value: c.id,
      message: [
        `line ${c.line} repeats an earlier festival (same identifier, name and commune)`,
        `la ligne ${c.line} répète un festival précédent (même identifiant, nom et commune)`,
      ],
      hint: ["remove the duplicate row", "supprimer la ligne en double"],
    });
  c.used.add(c.id);
  seriesOf(c, name, placeOf(c, name));
  return true;
}

/** The row's place (address, coordinates, time zone), added to the venues; its id. */
function placeOf(c: FestivalContext, name: string): string {
  const C = c.C;
  const commune = c.get(C.commune);
  const postcodeRaw = c.get(C.postcode);
  const postalCode = postcodeRaw ? postcodeOf(postcodeRaw, c.fixes) : undefined;
  if (postalCode !== undefined && postalCode !== postcodeRaw)
    c.repairs?.note(String(c.line), C.postcode, "postcode-leading-zero");
  if (postcodeRaw && postalCode === undefined)
    c.warn({
      code: "festivals/invalid-postcode",
      column: C.postcode,
      value: postcodeRaw,
      message: [
        `postcode ${JSON.stringify(postcodeRaw)} left out`,
        `code postal ${JSON.stringify(postcodeRaw)} écarté`,
      ],
      expected: ["5 digits", "5 chiffres"],
      hint: ["fix the postcode", "corriger le code postal"],
      severity: "warning",
    });
  const street = c.get(C.address) || [c.get(C.number), c.get(C.streetType), c.get(C.street)].filter(Boolean).join(" ");
  const address: PostalAddress | undefined = commune
    ? compact({
        streetAddress: street || undefined,
        postalCode,
        addressLocality: commune,
        addressRegion: c.get(C.region) || undefined,
        addressCountry: "FR",
      })
    : undefined;
  const geoRaw = c.get(C.geo);
  const geo = geoRaw ? geoOf(geoRaw) : undefined;
  if (geoRaw && !geo)
    c.warn({
      code: "festivals/invalid-geo",
      column: C.geo,
      value: geoRaw,
      message: [`coordinates ${JSON.stringify(geoRaw)} left out`, `coordonnées ${JSON.stringify(geoRaw)} écartées`],
      expected: ['"latitude, longitude"', "« latitude, longitude »"],
      hint: ["fix the coordinates", "corriger les coordonnées"],
      severity: "warning",
    });
  const venueId = `lieu-${c.id}`;
  c.venues.push(
    compact({
      id: venueId,
      name: { fr: c.get(C.complement) || commune || c.get(C.department) || c.get(C.region) || name },
      address,
      geo,
      timeZone: postalCode?.startsWith("97") || postalCode?.startsWith("98") ? undefined : "Europe/Paris",
    }),
  );
  return venueId;
}

/** The row's festival at place `venueId`, added to the series. */
function seriesOf(c: FestivalContext, name: string, venueId: string): void {
  const C = c.C;
  const websiteRaw = c.get(C.website);
  const url = websiteRaw ? cleanUrl(websiteRaw, c.fixes) : undefined;
  if (websiteRaw && url === undefined)
    c.warn({
      code: "festivals/invalid-url",
      column: C.website,
      value: websiteRaw,
      message: [
        `web address ${JSON.stringify(websiteRaw)} left out`,
        `adresse web ${JSON.stringify(websiteRaw)} écartée`,
      ],
      expected: ["a web address", "une adresse web"],
      hint: ["fix the address", "corriger l'adresse"],
      severity: "info",
    });
  const yearRaw = c.get(C.year);
  const year = yearRaw ? yearOf(yearRaw, c.fixes) : undefined;
  if (yearRaw && year === undefined) c.dropCell(C.year);
  else if (year !== undefined && year !== yearRaw) c.repairs?.note(String(c.line), C.year, "date-day-month-year");
  const discipline = c.get(C.discipline);
  const sub = [c.get(C.subLive), c.get(C.subMusic)].filter(Boolean).join(", ");
  const period = c.get(C.period);
  // The description only restates the row's own fields (discipline, period, year created).
  const facts = [
    discipline && `Discipline dominante : ${discipline}${sub ? ` (${sub})` : ""}.`,
    period && `Période principale : ${period}.`,
    year && `Créé en ${year}.`,
  ].filter(Boolean);
  c.series.push(
    compact({
      id: c.id,
      kind: "festival",
      name: { fr: name },
      description: facts.length ? { fr: facts.join(" ") } : undefined,
      venue: venueId,
      url,
    }),
  );
}

function postcodeOf(raw: string, fixes: Fixes): string | undefined {
  if (/^\d{5}$/.test(raw)) return raw;
  if (/^\d{4}$/.test(raw)) {
    fixes.add("postcode-leading-zero");
    return `0${raw}`;
  }
  return undefined;
}

function geoOf(raw: string): Geo | undefined {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(raw);
  if (!m) return undefined;
  const [latitude, longitude] = [Number(m[1]), Number(m[2])];
  return Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 ? { latitude, longitude } : undefined;
}

function yearOf(raw: string, fixes: Fixes): string | undefined {
  if (/^\d{4}$/.test(raw)) return raw;
  const d = parseDayMonthYear(raw);
  if (d) {
    fixes.add("date-day-month-year");
    return d.value.slice(0, 4);
  }
  return undefined;
}
