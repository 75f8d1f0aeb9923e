// What an event's performances are sold at and in what state: its prices (with its booking information) as offers,
// status and booking availability as Vivant's.

import type { Availability, Offer, Status } from "../../records/types.js";
import { compact } from "../types.js";
import { isObject, str, type Json } from "./json.js";
import { BOOKING, STATUS, langMap } from "./vocabulary.js";

export function statusOf(s: unknown): Status | undefined {
  if (!isObject(s)) return undefined;
  const kind = STATUS[str(s.type) ?? ""];
  return kind && compact({ kind, reason: langMap(s.reason) });
}

export const booking = (b: unknown): Availability | undefined => (isObject(b) ? BOOKING[str(b.type) ?? ""] : undefined);

/** The offers of event `d` (its priceInfo with a numeric price), each with `availability`. */
export function offersOf(d: Json, availability: Availability | undefined): Offer[] {
  const bookingInfo = isObject(d.bookingInfo) ? d.bookingInfo : {};
  return (Array.isArray(d.priceInfo) ? d.priceInfo.filter(isObject) : [])
    .filter((p) => typeof p.price === "number")
    .map(
      (p, i) =>
        compact({
          id: `${str(p.category) ?? "tariff"}-${i + 1}`,
          category: langMap(p.name),
          price: p.price as number,
          // UiTdatabank's schema: priceCurrency defaults to EUR (the only currency it supports).
          priceCurrency: str(p.priceCurrency) ?? "EUR",
          availability,
          validFrom: str(bookingInfo.availabilityStarts),
          url: str(bookingInfo.url),
        }) as Offer,
    );
}
