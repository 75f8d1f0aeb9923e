// The records of an accepted CSV row: its venue and its show (each read on its first row, later rows sharing
// the id reuse it), its performance (with organizer and performers) and the tariff the row adds to it.

import { endAfterMidnight } from "../../records/time.js";
import {
  AVAILABILITIES,
  EVENT_TYPES,
  GENRES,
  STATUS_KINDS,
  type Availability,
  type EventType,
  type Genre,
  type Performance,
  type Role,
  type StatusKind,
} from "../../records/types.js";
import { cleanUrl, slug } from "../csvFile.js";
import { compact } from "../types.js";
import type { CsvContext } from "./context.js";

/** The row's venue id; the venue is read on the first row naming it (an address or coordinates only when usable). */
export function venueOf(c: CsvContext, venueName: string): string {
  const venueId = c.cell("venue.id") ?? slug(venueName);
  if (c.venues.has(venueId)) return venueId;
  const city = c.cell("venue.city");
  const country = c.cell("venue.country")?.toUpperCase();
  const lat = Number(c.cell("venue.latitude"));
  const lon = Number(c.cell("venue.longitude"));
  if (!(city && country && /^[A-Z]{2}$/.test(country)))
    for (const f of ["venue.street", "venue.postalCode", "venue.city", "venue.country"] as const) c.dropCell(f);
  if (!(Number.isFinite(lat) && Number.isFinite(lon)))
    for (const f of ["venue.latitude", "venue.longitude"] as const) c.dropCell(f);
  c.venues.set(
    venueId,
    compact({
      id: venueId,
      name: { [c.lang]: venueName },
      address:
        city && country && /^[A-Z]{2}$/.test(country)
          ? compact({
              streetAddress: c.cell("venue.street"),
              postalCode: c.cell("venue.postalCode"),
              addressLocality: city,
              addressCountry: country,
            })
          : undefined,
      geo:
        c.cell("venue.latitude") !== undefined && Number.isFinite(lat) && Number.isFinite(lon)
          ? { latitude: lat, longitude: lon }
          : undefined,
      timeZone: c.m.timeZone,
    }),
  );
  return venueId;
}

/** The row's production id; the show is read on the first row naming it (genres outside Vivant's list left out). */
export function productionOf(c: CsvContext, productionName: string): string {
  const productionId = c.cell("production.id") ?? slug(productionName);
  if (c.productions.has(productionId)) return productionId;
  const genres = (c.cell("production.genres") ?? "")
    .split(c.sep)
    .map((g) => g.trim())
    .filter(Boolean)
    .flatMap((g) => {
      const to = c.m.values?.["production.genres"]?.[g] ?? g;
      if ((GENRES as readonly string[]).includes(to)) return [to as Genre]; // eslint-disable-line @typescript-eslint/no-unnecessary-type-assertion -- tsc infers string[] without it
      c.warn({
        field: "production.genres",
        value: g,
        en: `genre ${JSON.stringify(g)} is not in Vivant's list: left out`,
        fr: `le genre ${JSON.stringify(g)} n'est pas dans la liste de Vivant : écarté`,
      });
      return [];
    });
  const image = c.cell("production.image") && cleanUrl(c.cell("production.image")!, c.cellFixes("production.image"));
  if (c.cell("production.image") && !image) c.dropCell("production.image");
  if (genres.length === 0 && c.cell("production.genres")) c.dropCell("production.genres");
  c.productions.set(
    productionId,
    compact({
      id: productionId,
      name: { [c.lang]: productionName },
      description: c.cell("production.description") ? { [c.lang]: c.cell("production.description")! } : undefined,
      genres: [...new Set(genres)],
      images: image ? [image] : undefined,
      url: c.cell("production.url") && cleanUrl(c.cell("production.url")!, c.cellFixes("production.url")),
    }),
  );
  return productionId;
}

/** Performance `perfId`, read on the first row naming it (its organizer and performers added to the agents). */
export function performanceOf(
  c: CsvContext,
  perfId: string,
  productionId: string,
  venueId: string,
  startDate: string,
): Performance {
  const known = c.performances.get(perfId);
  if (known) return known;
  const organizer = c.cell("organizer.name");
  if (organizer !== undefined && !c.organizations.has(slug(organizer)))
    c.organizations.set(slug(organizer), { id: slug(organizer), name: { [c.lang]: organizer } });
  const performers: Role[] = (c.cell("performers") ?? "")
    .split(c.sep)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      if (!c.people.has(slug(p))) c.people.set(slug(p), { id: slug(p), name: p });
      return { person: slug(p) };
    });
  const status = c.mapped<StatusKind>(
    "performance.status",
    STATUS_KINDS.filter((k) => k !== "rescheduled"),
  );
  const free = c.cell("performance.free");
  let endDate = c.date(c.cell("performance.endDate"), "performance.endDate");
  const overnight = endDate !== undefined ? endAfterMidnight(startDate, endDate) : undefined;
  if (overnight !== undefined) {
    endDate = overnight;
    c.cellFixes("performance.endDate").add("end-after-midnight");
  }
  const perf: Performance = compact({
    id: perfId,
    production: productionId,
    type: c.mapped<EventType>("performance.type", EVENT_TYPES),
    startDate,
    endDate,
    venue: venueId,
    status: status && { kind: status },
    free:
      free === undefined
        ? undefined
        : /^(1|true|oui|yes|gratuit)$/i.test(free)
          ? true
          : /^(0|false|non|no)$/i.test(free)
            ? false
            : undefined,
    url: c.cell("performance.url") && cleanUrl(c.cell("performance.url")!, c.cellFixes("performance.url")),
    performers,
    organizers: organizer !== undefined ? [{ organization: slug(organizer) }] : undefined,
  });
  c.performances.set(perfId, perf);
  return perf;
}

/** Adds the row's tariff to performance `perfId` (`perf`, as known so far), numbered after its others. */
export function addOffer(
  c: CsvContext,
  perfId: string,
  perf: Performance,
  price: number | undefined,
  currency: string | undefined,
): void {
  const offers = [...(perf.offers ?? [])];
  const validFrom =
    c.cell("offer.validFrom") !== undefined ? c.date(c.cell("offer.validFrom"), "offer.validFrom") : undefined;
  offers.push(
    compact({
      id: String(offers.length + 1),
      category: c.cell("offer.category") ? { [c.lang]: c.cell("offer.category")! } : undefined,
      price,
      priceCurrency: price !== undefined ? currency : undefined,
      availability: c.mapped<Availability>("offer.availability", AVAILABILITIES),
      validFrom,
      url: c.cell("offer.url") && cleanUrl(c.cell("offer.url")!, c.cellFixes("offer.url")),
    }),
  );
  c.performances.set(perfId, { ...perf, offers });
}
