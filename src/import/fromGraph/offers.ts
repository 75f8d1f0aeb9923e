// Offers → tariffs: a price or a price range (on the offer or in its PriceSpecification), which counts only
// with an ISO 4217 currency, the availability, the sale date and the ticket page.

import { AVAILABILITIES, type Availability, type Offer } from "../../records/types.js";
import { SCHEMA } from "../../vocab.js";
import { compact, recordProblem } from "../types.js";
import type { GraphContext } from "./context.js";

interface Prices {
  price: number | undefined;
  minPrice: number | undefined;
  maxPrice: number | undefined;
  currency: string | undefined;
}

/** The offers of event `s` (id `eventId`), numbered in the source's order. */
export function offersOf(c: GraphContext, s: string, eventId: string): Offer[] {
  const out: Offer[] = [];
  for (const o of c.ix.values(s, "offers")) {
    if (o.termType === "Literal") {
      c.dropValue(s, "offers", "invalid");
      continue;
    }
    out.push(offerOf(c, s, o.value, eventId, String(out.length + 1)));
  }
  return out;
}

/** Offer node `o` of event `s`. */
function offerOf(c: GraphContext, s: string, o: string, eventId: string, id: string): Offer {
  const availability = c.ix
    .values(o, "availability")
    .map((t) => t.value)
    .find((v) => v.startsWith(SCHEMA))
    ?.slice(SCHEMA.length) as Availability | undefined;
  const { price, minPrice, maxPrice, currency } = pricesOf(c, o, eventId);
  const validFrom = c.first(o, "validFrom");
  const knownAvailability =
    availability && (AVAILABILITIES as readonly string[]).includes(availability) ? availability : undefined;
  if (knownAvailability) c.carry(o, "availability");
  else if (c.ix.values(o, "availability").length) c.dropValue(o, "availability", "invalid");
  c.carry(s, "offers");
  c.carryType(o);
  return compact({
    id,
    category: c.langMap(o, "name") ?? c.langMap(o, "category"),
    price,
    minPrice,
    maxPrice,
    priceCurrency: price !== undefined || minPrice !== undefined || maxPrice !== undefined ? currency : undefined,
    availability: knownAvailability,
    validFrom,
    url: c.iris(o, "url")[0],
  });
}

/** The price or range of offer `o`; none without a currency (a warning says so). */
function pricesOf(c: GraphContext, o: string, eventId: string): Prices {
  let price = c.num(o, "price");
  let minPrice = c.num(o, "lowPrice") ?? c.num(o, "minPrice");
  let maxPrice = c.num(o, "highPrice") ?? c.num(o, "maxPrice");
  let currency = c.first(o, "priceCurrency")?.toUpperCase();
  // A price range (or a single price) in a PriceSpecification: what real markup and Vivant's own graph write.
  const specs: string[] = [];
  for (const ps of c.ix.values(o, "priceSpecification")) {
    if (ps.termType === "Literal" || !c.ix.has(ps.value)) {
      c.dropValue(o, "priceSpecification", ps.termType === "Literal" ? "invalid" : "unresolved");
      continue;
    }
    specs.push(ps.value);
    price ??= c.num(ps.value, "price");
    minPrice ??= c.num(ps.value, "minPrice");
    maxPrice ??= c.num(ps.value, "maxPrice");
    currency ??= c.first(ps.value, "priceCurrency")?.toUpperCase();
    c.carry(o, "priceSpecification");
    c.carryType(ps.value);
  }
  if (
    (price !== undefined || minPrice !== undefined || maxPrice !== undefined) &&
    (currency === undefined || !/^[A-Z]{3}$/.test(currency))
  ) {
    c.problems.push(
      recordProblem(
        "import/price-without-currency",
        "performance",
        eventId,
        `<${o}> schema:price`,
        price,
        [
          "price left out: no ISO 4217 currency says what it counts",
          "prix écarté : aucune devise ISO 4217 ne dit ce qu'il compte",
        ],
        ["a priceCurrency such as EUR or CAD", "une priceCurrency telle que EUR ou CAD"],
        ["give the currency at the source", "donner la devise à la source"],
        "warning",
      ),
    );
    price = minPrice = maxPrice = undefined;
    for (const n of [o, ...specs])
      for (const p of ["price", "lowPrice", "minPrice", "highPrice", "maxPrice", "priceCurrency"])
        c.dropValue(n, p, "invalid");
  }
  return { price, minPrice, maxPrice, currency };
}
