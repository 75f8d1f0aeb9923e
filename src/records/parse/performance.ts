// Cross-record checks and normalisation of a performance: its place (venue, hall, stream), references, dates in
// its zone, status and offers.

import type { Offer, Performance, Venue } from "../types.js";
import { fieldPath, type RecordCheck } from "./check.js";
import { checkAgeRange } from "./collections.js";
import { compareDates, orderProblem, resolveDate, type DateContext } from "./dates.js";
import { checkAgents, checkRef, type Registry } from "./registry.js";

/** A performance: its references checked, its dates resolved in its zone (or its venue's), its status and offers. */
export function normalizePerformance(p: Performance, path: string, reg: Registry, c: RecordCheck): Performance {
  // Fields that failed their structural check were removed: required ones may be absent here.
  if (p.production !== undefined) checkRef(reg, "productions", p.production, c, path, "production");
  const venue = placeOf(p, path, reg, c);
  checkAgents(reg, p.performers, path, "performers", c);
  checkAgents(reg, p.organizers, path, "organizers", c);
  if (p.series) for (let i = 0; i < p.series.length; i++) checkRef(reg, "series", p.series[i]!, c, path, "series", i);
  checkAgeRange(p.audienceAge, path, c);

  const ctx: DateContext = { zone: p.timeZone ?? venue?.timeZone };
  const start = p.startDate !== undefined ? resolveDate(p.startDate, ctx, c, path, "startDate") : undefined;
  const end = p.endDate !== undefined ? resolveDate(p.endDate, ctx, c, path, "endDate") : undefined;
  const door = p.doorTime !== undefined ? resolveDate(p.doorTime, ctx, c, path, "doorTime") : undefined;
  if (start && end && (compareDates(end.parsed, start.parsed) ?? 0) < 0)
    orderProblem(c, {
      path: `${path}.endDate`,
      value: p.endDate!,
      earlier: p.startDate,
      earlierField: "startDate",
      laterField: "endDate",
    });
  if (start && door && (compareDates(start.parsed, door.parsed) ?? 0) < 0)
    orderProblem(c, {
      path: `${path}.doorTime`,
      value: p.startDate,
      earlier: p.doorTime!,
      earlierField: "doorTime",
      laterField: "startDate",
    });

  const status = p.status && normalizeStatus(p.status, ctx, path, c);
  const offers = p.offers && normalizeOffers(p.offers, p, path, ctx, c);

  // One copy of the record, with its normalised values (fields keep their order).
  const out: { -readonly [K in keyof Performance]: Performance[K] } = { ...p, startDate: start?.text ?? p.startDate };
  if (end) out.endDate = end.text;
  if (door) out.doorTime = door.text;
  if (status) out.status = status;
  if (offers) out.offers = offers;
  return out;
}

/** Where the performance takes place: its accepted venue (undefined when none), its hall, its stream URL. */
function placeOf(p: Performance, path: string, reg: Registry, c: RecordCheck): Venue | undefined {
  const mode = p.attendanceMode;
  let venue: Venue | undefined;
  if (p.venue !== undefined) {
    venue = checkRef(reg, "venues", p.venue, c, path, "venue") as Venue | undefined;
  } else if (mode !== "online") {
    c.report({
      code: "record/missing-field",
      path: `${path}.venue`,
      expected: { en: "a venue (unless attendanceMode is online)", fr: "un lieu (sauf si attendanceMode vaut online)" },
      message: {
        en: "venue is missing for a performance that is not online",
        fr: "venue est absent pour une représentation qui n'est pas en ligne",
      },
      hint: {
        en: `add "venue": "<venue id>", or "attendanceMode": "online" with "onlineUrl"`,
        fr: `ajoutez "venue": "<id du lieu>", ou "attendanceMode": "online" avec "onlineUrl"`,
      },
    });
  }
  if (p.hall !== undefined) checkHall(p, p.hall, path, reg, c);
  if ((mode === "online" || mode === "mixed") && p.onlineUrl === undefined) {
    c.report({
      code: "record/missing-field",
      path: `${path}.onlineUrl`,
      expected: { en: "the stream URL", fr: "l'URL de diffusion" },
      message: {
        en: `onlineUrl is missing for a ${mode} performance`,
        fr: `onlineUrl est absent pour une représentation ${mode}`,
      },
      hint: { en: `add "onlineUrl": "https://…"`, fr: `ajoutez "onlineUrl": "https://…"` },
    });
  }
  return venue;
}

/** The hall of a performance: a hall of an accepted venue, and of the performance's venue. */
function checkHall(p: Performance, hall: string, path: string, reg: Registry, c: RecordCheck): void {
  const owner = reg.halls.get(hall);
  const rejectedOwner = reg.allHalls.get(hall);
  if (owner === undefined && rejectedOwner !== undefined) {
    checkRef(reg, "venues", rejectedOwner, c, path, "hall");
  } else if (owner === undefined) {
    c.report({
      code: "record/unknown-reference",
      path: `${path}.hall`,
      value: hall,
      expected: { en: "the id of a hall of the venue", fr: "l'id d'une salle du lieu" },
      message: {
        en: `no accepted venue has a hall "${hall}"`,
        fr: `aucun lieu accepté n'a de salle « ${hall} »`,
      },
      hint: {
        en: `add the hall to the venue's halls, or correct the id`,
        fr: `ajoutez la salle aux halls du lieu, ou corrigez l'id`,
      },
    });
  } else if (p.venue !== undefined && owner !== p.venue) {
    c.report({
      code: "record/hall-not-in-venue",
      path: `${path}.hall`,
      value: hall,
      expected: { en: `a hall of venue "${p.venue}"`, fr: `une salle du lieu « ${p.venue} »` },
      message: {
        en: `hall "${hall}" belongs to venue "${owner}", not "${p.venue}"`,
        fr: `la salle « ${hall} » appartient au lieu « ${owner} », pas à « ${p.venue} »`,
      },
      hint: {
        en: `set venue to "${owner}", or pick a hall of "${p.venue}"`,
        fr: `mettez venue à « ${owner} », ou choisissez une salle de « ${p.venue} »`,
      },
    });
  } else if (p.venue === undefined) {
    c.report({
      code: "record/missing-field",
      path: `${path}.venue`,
      expected: { en: "the venue of the hall", fr: "le lieu de la salle" },
      message: {
        en: `hall "${hall}" is given without its venue`,
        fr: `la salle « ${hall} » est indiquée sans son lieu`,
      },
      hint: { en: `add "venue": "${owner}"`, fr: `ajoutez "venue": "${owner}"` },
    });
  }
}

/** A status: previousStartDate given exactly when rescheduled, resolved in the performance's zone. */
function normalizeStatus(
  status: NonNullable<Performance["status"]>,
  ctx: DateContext,
  path: string,
  c: RecordCheck,
): NonNullable<Performance["status"]> {
  if (status.kind === "rescheduled" && status.previousStartDate === undefined) {
    c.report({
      code: "record/missing-field",
      path: `${path}.status.previousStartDate`,
      expected: { en: "the former start date", fr: "l'ancienne date de début" },
      message: {
        en: "a rescheduled performance needs previousStartDate",
        fr: "une représentation reprogrammée a besoin de previousStartDate",
      },
      hint: {
        en: `add "previousStartDate": "2026-11-20T20:00"`,
        fr: `ajoutez "previousStartDate": "2026-11-20T20:00"`,
      },
    });
  } else if (status.kind !== "rescheduled" && status.previousStartDate !== undefined) {
    c.report({
      code: "record/previous-start-without-rescheduled",
      path: `${path}.status.previousStartDate`,
      value: status.previousStartDate,
      expected: {
        en: `previousStartDate only with kind "rescheduled"`,
        fr: `previousStartDate seulement avec kind « rescheduled »`,
      },
      message: {
        en: `previousStartDate is given but the status is "${status.kind}"`,
        fr: `previousStartDate est donné mais le statut est « ${status.kind} »`,
      },
      hint: {
        en: `set kind to "rescheduled", or remove previousStartDate`,
        fr: `mettez kind à « rescheduled », ou retirez previousStartDate`,
      },
    });
  } else if (status.previousStartDate !== undefined) {
    const prev = resolveDate(status.previousStartDate, ctx, c, path, "status.previousStartDate");
    if (prev) return { ...status, previousStartDate: prev.text };
  }
  return status;
}

/** The offers of a performance, each normalised, their ids unique in it. */
function normalizeOffers(
  list: readonly Offer[],
  p: Performance,
  path: string,
  ctx: DateContext,
  c: RecordCheck,
): Offer[] {
  const offers = new Array<Offer>(list.length);
  const offerIds = offers.length > 1 ? new Set<string>() : undefined;
  for (let i = 0; i < offers.length; i++) {
    offers[i] = normalizeOffer(list[i]!, i, path, ctx, p, c);
    if (!offerIds) continue;
    const id = offers[i]!.id ?? String(i + 1);
    if (offerIds.has(id)) {
      c.report({
        code: "record/duplicate-id",
        path: `${path}.offers[${i}].id`,
        value: id,
        expected: { en: "an offer id unique in the performance", fr: "un id de tarif unique dans la représentation" },
        message: {
          en: `another offer of this performance has id "${id}"`,
          fr: `un autre tarif de cette représentation a l'id « ${id} »`,
        },
        hint: { en: "give each offer its own id", fr: "donnez à chaque tarif son propre id" },
      });
    }
    offerIds.add(id);
  }
  return offers;
}

/** An offer: priced with a currency, its price range in order, no price when free, validFrom resolved. */
function normalizeOffer(
  o: Offer,
  index: number,
  perfPath: string,
  ctx: DateContext,
  p: Performance,
  c: RecordCheck,
): Offer {
  const priced = o.price !== undefined || o.minPrice !== undefined || o.maxPrice !== undefined;
  if (priced && o.priceCurrency === undefined) {
    c.report({
      code: "record/price-without-currency",
      path: fieldPath(perfPath, "offers", index, "priceCurrency"),
      expected: { en: "an ISO 4217 currency with the price", fr: "une devise ISO 4217 avec le prix" },
      message: { en: "a price is given without priceCurrency", fr: "un prix est donné sans priceCurrency" },
      hint: { en: `add "priceCurrency": "EUR"`, fr: `ajoutez "priceCurrency": "EUR"` },
    });
  }
  if (o.minPrice !== undefined && o.maxPrice !== undefined && o.minPrice > o.maxPrice) {
    c.report({
      code: "record/invalid-price-range",
      path: fieldPath(perfPath, "offers", index, "minPrice"),
      value: o.minPrice,
      expected: { en: "minPrice ≤ maxPrice", fr: "minPrice ≤ maxPrice" },
      message: {
        en: `minPrice ${o.minPrice} is above maxPrice ${o.maxPrice}`,
        fr: `minPrice ${o.minPrice} dépasse maxPrice ${o.maxPrice}`,
      },
      hint: { en: "swap or correct the bounds", fr: "inversez ou corrigez les bornes" },
    });
  }
  if (p.free === true && ((o.price ?? 0) > 0 || (o.minPrice ?? 0) > 0)) {
    c.report({
      code: "record/free-with-price",
      path: fieldPath(perfPath, "offers", index, "price"),
      value: o.price ?? o.minPrice,
      expected: {
        en: "no positive price on a free performance",
        fr: "aucun prix positif pour une représentation gratuite",
      },
      message: {
        en: `the performance is free but offer ${index + 1} has a price`,
        fr: `la représentation est gratuite mais le tarif ${index + 1} a un prix`,
      },
      hint: { en: `remove "free": true, or the price`, fr: `retirez "free": true, ou le prix` },
    });
  }
  const from =
    o.validFrom !== undefined ? resolveDate(o.validFrom, ctx, c, perfPath, "offers", index, "validFrom") : undefined;
  return from ? { ...o, validFrom: from.text } : o;
}
