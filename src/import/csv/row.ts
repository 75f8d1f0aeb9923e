// One data row of a ticketing CSV: the cells every row needs (performance id, date, show and venue names, a
// price with its currency) checked first, the row rejected with all its reasons; then its records, in order.

import { pushAll } from "../../arrays.js";
import type { CsvContext } from "./context.js";
import { addOffer, performanceOf, productionOf, venueOf } from "./records.js";

/** Reads data row `i`: rejected, or its venue, show, performance and tariff added to the context's records. */
export function readRow(c: CsvContext, i: number, row: Readonly<Record<string, string>>): void {
  c.at(i, row);
  const perfId = c.cell("performance.id");
  if (perfId === undefined)
    c.bad({
      field: "performance.id",
      value: undefined,
      en: "no performance id",
      fr: "pas d'identifiant de représentation",
      expected: ["an id such as S-2026-001", "un identifiant tel que S-2026-001"],
    });
  const startDate =
    c.cell("performance.startDate") !== undefined
      ? c.date(c.cell("performance.startDate"), "performance.startDate")
      : c.date(c.cell("performance.date"), "performance.date", c.cell("performance.time"));
  if (startDate === undefined && !c.reasons.length)
    c.bad({
      field: "performance.date",
      value: undefined,
      en: "no date",
      fr: "pas de date",
      expected: ["a date", "une date"],
    });
  const productionName = c.cell("production.name");
  if (productionName === undefined)
    c.bad({
      field: "production.name",
      value: undefined,
      en: "no show name",
      fr: "pas de nom de spectacle",
      expected: ["the show's name", "le nom du spectacle"],
    });
  const venueName = c.cell("venue.name");
  if (venueName === undefined)
    c.bad({
      field: "venue.name",
      value: undefined,
      en: "no venue name",
      fr: "pas de nom de lieu",
      expected: ["the venue's name", "le nom du lieu"],
    });
  const price = priceOf(c);
  const currency = c.cell("offer.currency")?.toUpperCase();
  if (price !== undefined && (currency === undefined || !/^[A-Z]{3}$/.test(currency)))
    c.bad({
      field: "offer.currency",
      value: currency,
      en: "a price without an ISO 4217 currency",
      fr: "un prix sans devise ISO 4217",
      expected: ["EUR", "EUR"],
    });
  if (c.tally) c.tally.carryMask(c.slot, c.mappedColumns!);
  if (c.reasons.length) {
    c.tally?.reject(c.slot);
    pushAll(c.problems, c.reasons);
    c.rejected.push({ entity: "row", recordId: c.node, path: c.path });
    return;
  }
  const venueId = venueOf(c, venueName!);
  const productionId = productionOf(c, productionName!);
  const perf = performanceOf(c, perfId!, productionId, venueId, startDate!);
  if (price !== undefined || c.cell("offer.category") !== undefined) addOffer(c, perfId!, perf, price, currency);
}

/** The row's price, read with the mapping's decimal separator (a comma repaired and counted); a violation if not a number. */
function priceOf(c: CsvContext): number | undefined {
  const priceText = c.cell("offer.price");
  if (priceText === undefined) return undefined;
  const normalized =
    (c.m.decimal ?? ".") === "," ? priceText.replace(/\s/g, "").replace(",", ".") : priceText.replace(/\s/g, "");
  if (normalized !== priceText.replace(/\s/g, "")) c.cellFixes("offer.price").add("decimal-comma");
  const price = /^\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : undefined;
  if (price === undefined)
    c.bad({
      field: "offer.price",
      value: priceText,
      en: `${JSON.stringify(priceText)} is not a price`,
      fr: `${JSON.stringify(priceText)} n'est pas un prix`,
      expected: ["a number such as 18.50", "un nombre tel que 18,50"],
    });
  return price;
}
