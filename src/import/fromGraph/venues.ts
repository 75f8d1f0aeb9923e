// Places → venues: the name, a structured address (or one written as a single text), the coordinates and
// the capacity, each checked; a place with neither a name nor a usable address is rejected.

import { VENUE_TYPES, type PostalAddress, type Venue, type VenueType } from "../../records/types.js";
import { compact, recordProblem } from "../types.js";
import { localIdOf, type GraphContext } from "./context.js";

/** The venue id of place `s`, read once (then looked up); undefined when the place is rejected. */
export function venueOf(c: GraphContext, s: string): string | undefined {
  if (c.venues.has(s)) return localIdOf(c.termOf.get(s)!);
  if (c.rejectedVenues.has(s)) return undefined;
  const id = localIdOf(c.termOf.get(s)!);
  const name = c.langMap(s, "name");
  const type = c.ix
    .types(s)
    .find((t): t is VenueType => (VENUE_TYPES as readonly string[]).includes(t) && t !== "Place");
  const { address, addressText } = addressOf(c, s, id);
  const geo = geoOf(c, s);
  // A place with an address but no name is accepted (the core profile warns); with neither, nothing says which place it is.
  if (!name && !address && !addressText) {
    rejectNameless(c, s, id);
    return undefined;
  }
  if (!name) {
    c.problems.push(
      recordProblem(
        "import/venue-without-name",
        "venue",
        id,
        `<${s}> schema:name`,
        undefined,
        ["place with an address but no name: accepted", "lieu avec une adresse mais sans nom : accepté"],
        ["a schema:name", "un schema:name"],
        ["name the place at the source", "nommer le lieu à la source"],
        "warning",
      ),
    );
  }
  const capacity = c.num(s, "maximumAttendeeCapacity");
  if (capacity !== undefined && !(Number.isInteger(capacity) && capacity > 0))
    c.dropValue(s, "maximumAttendeeCapacity", "invalid");
  c.carryType(s);
  c.venues.set(
    s,
    compact({
      id,
      type,
      name,
      description: c.langMap(s, "description"),
      address,
      addressText,
      geo,
      maximumAttendeeCapacity:
        capacity !== undefined && Number.isInteger(capacity) && capacity > 0 ? capacity : undefined,
      url: c.iris(s, "url")[0],
      telephone: c.first(s, "telephone"),
      sameAs: c.iris(s, "sameAs"),
    }),
  );
  return id;
}

/** The first complete PostalAddress of place `s`, else the first address written as one text. */
function addressOf(
  c: GraphContext,
  s: string,
  id: string,
): { address: PostalAddress | undefined; addressText: string | undefined } {
  let address: PostalAddress | undefined;
  let addressText: string | undefined;
  for (const a of c.ix.values(s, "address")) {
    if (a.termType === "Literal") {
      if (a.value.trim() !== "") addressText ??= a.value.trim();
      continue;
    }
    address = postalAddressOf(c, s, id, a.value);
    if (address !== undefined) break;
  }
  // An address written as one text: carried as written (schema.org allows it), said to be unstructured.
  if (address === undefined && addressText !== undefined) {
    c.carry(s, "address");
    c.problems.push(
      recordProblem(
        "import/address-not-structured",
        "venue",
        id,
        `<${s}> schema:address`,
        addressText,
        [
          "address written as one text: kept as written, it cannot be searched by city or postal code",
          "adresse écrite en un seul texte : gardée telle qu'écrite, elle ne permet pas de chercher par ville ou code postal",
        ],
        [
          "a PostalAddress (streetAddress, postalCode, addressLocality, addressCountry)",
          "une PostalAddress (streetAddress, postalCode, addressLocality, addressCountry)",
        ],
        ["structure the address at the source", "structurer l'adresse à la source"],
        "warning",
      ),
    );
  } else addressText = undefined;
  return { address, addressText };
}

/** Address node `a` of place `s` as a PostalAddress; undefined (and a warning) without a locality and a country code. */
function postalAddressOf(c: GraphContext, s: string, id: string, a: string): PostalAddress | undefined {
  const locality = c.first(a, "addressLocality");
  const country = c.first(a, "addressCountry")?.toUpperCase();
  if (locality === undefined || country === undefined || !/^[A-Z]{2}$/.test(country)) {
    c.rejectNode(a, "invalid");
    c.dropValue(s, "address", "invalid");
    c.problems.push(
      recordProblem(
        "import/incomplete-address",
        "venue",
        id,
        `<${a}>`,
        country ?? locality,
        [
          "address left out: it needs a locality and a two-letter country code",
          "adresse écartée : il faut une localité et un code pays à deux lettres",
        ],
        [
          "addressLocality and addressCountry (ISO 3166-1 alpha-2)",
          "addressLocality et addressCountry (ISO 3166-1 alpha-2)",
        ],
        ["complete the address at the source", "compléter l'adresse à la source"],
        "warning",
      ),
    );
    return undefined;
  }
  const address = compact({
    streetAddress: c.first(a, "streetAddress"),
    postalCode: c.first(a, "postalCode"),
    addressLocality: locality,
    addressRegion: c.first(a, "addressRegion"),
    addressCountry: country,
  });
  c.carry(s, "address");
  c.carryType(a);
  return address;
}

/** The last valid coordinates of place `s` (each invalid one is left out). */
function geoOf(c: GraphContext, s: string): Venue["geo"] {
  let geo: Venue["geo"];
  for (const g of c.ix.values(s, "geo")) {
    const latitude = c.num(g.value, "latitude");
    const longitude = c.num(g.value, "longitude");
    if (latitude !== undefined && longitude !== undefined && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) {
      geo = { latitude, longitude };
      c.carry(s, "geo");
      c.carryType(g.value);
    } else {
      c.dropValue(s, "geo", "invalid");
      c.rejectNode(g.value, "invalid");
    }
  }
  return geo;
}

function rejectNameless(c: GraphContext, s: string, id: string): void {
  c.rejectedVenues.add(s);
  c.rejectNode(s);
  c.rejected.push(c.ref("venue", s));
  c.problems.push(
    recordProblem(
      "import/missing-name",
      "venue",
      id,
      `<${s}> schema:name`,
      undefined,
      ["place with neither a name nor a usable address", "lieu sans nom ni adresse utilisable"],
      [
        "a schema:name, or an address with a locality and a country",
        "un schema:name, ou une adresse avec localité et pays",
      ],
      ["name the place at the source", "nommer le lieu à la source"],
    ),
  );
}
