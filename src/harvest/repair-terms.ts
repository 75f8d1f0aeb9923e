// What the literal repairs know about schema.org markup: which properties hold enumeration members, web
// addresses, dates, agents, prices, numbers, booleans or codes; country names and their ISO codes; and how an ISNI
// and a Wikidata IRI are recognised.

import { SCHEMA } from "../vocab.js";

const S = (name: string): string => `${SCHEMA}${name}`;

/** Properties whose values are members of a schema.org enumeration. */
export const ENUM_PROPERTIES: Readonly<Record<string, string>> = {
  [S("eventStatus")]: "EventStatusType",
  [S("eventAttendanceMode")]: "EventAttendanceModeEnumeration",
  [S("availability")]: "ItemAvailability",
};

/** Properties whose values are web addresses (an http(s) text becomes an IRI). */
export const URL_PROPERTIES = new Set(
  [
    "url",
    "sameAs",
    "image",
    "logo",
    "contentUrl",
    "thumbnailUrl",
    "embedUrl",
    "mainEntityOfPage",
    "additionalType",
    "hasMap",
  ].map(S),
);

/** Date and date-time properties. */
export const DATE_PROPERTIES = new Set(
  [
    "startDate",
    "endDate",
    "doorTime",
    "previousStartDate",
    "validFrom",
    "validThrough",
    "priceValidUntil",
    "availabilityStarts",
    "availabilityEnds",
    "dateCreated",
    "datePublished",
    "dateModified",
    "birthDate",
    "deathDate",
    "foundingDate",
    "dissolutionDate",
    "sdDatePublished",
    "uploadDate",
  ].map(S),
);

/** Properties whose values are agents (a person or an organization). */
export const AGENT_PROPERTIES = new Set(["performer", "organizer"].map(S));

/** Properties holding a price: a text there is read as one price, a range or a list, or reported as ambiguous. */
export const PRICE_PROPERTIES = new Set(["price", "minPrice", "maxPrice", "lowPrice", "highPrice"].map(S));

export const DECIMAL_PROPERTIES = new Set(
  ["price", "minPrice", "maxPrice", "lowPrice", "highPrice", "latitude", "longitude"].map(S),
);
export const INTEGER_PROPERTIES = new Set(
  ["maximumAttendeeCapacity", "remainingAttendeeCapacity", "width", "height"].map(S),
);
export const BOOLEAN_PROPERTIES = new Set(
  ["isAccessibleForFree", "representativeOfPage", "isFamilyFriendly", "publicAccess"].map(S),
);
export const CODE_PROPERTIES = new Set(["priceCurrency", "postalCode", "addressCountry", "telephone", "email"].map(S));

export const SAME_AS = S("sameAs");
export const IDENTIFIER = S("identifier");
export const ADDRESS_COUNTRY = S("addressCountry");

/** Country names seen in the peers' data → ISO 3166-1 alpha-2. */
export const COUNTRY_CODES: Readonly<Record<string, string>> = {
  canada: "CA",
  france: "FR",
  belgique: "BE",
  belgie: "BE",
  belgië: "BE",
  belgium: "BE",
  suisse: "CH",
  switzerland: "CH",
  luxembourg: "LU",
  "united states": "US",
  usa: "US",
  "états-unis": "US",
  "etats-unis": "US",
  "royaume-uni": "GB",
  "united kingdom": "GB",
  nederland: "NL",
  "pays-bas": "NL",
  netherlands: "NL",
  monaco: "MC",
};

export const SCHEMA_IRI_TEXT = /^https?:\/\/(www\.)?schema\.org\/([A-Za-z][A-Za-z0-9_]*)\/?$/;
const WIKIDATA = /^https?:\/\/(?:www\.|m\.)?wikidata\.org\/(?:wiki|entity)\/(Q\d+)\/?$/;

/** ISNI: 15 digits and a check character (ISO 7064 MOD 11-2), spaces or hyphens allowed. */
export function isniOf(text: string): string | undefined {
  const s = text
    .replace(/^(ISNI[:\s]*)/i, "")
    .replace(/[\s-]/g, "")
    .toUpperCase();
  if (!/^\d{15}[\dX]$/.test(s)) return undefined;
  let total = 0;
  for (let i = 0; i < 15; i++) total = (total + Number(s[i])) * 2;
  const check = (12 - (total % 11)) % 11;
  return (check === 10 ? "X" : String(check)) === s[15] ? s : undefined;
}

/** Wikidata page or https entity IRI → `http://www.wikidata.org/entity/Q…`. */
export function wikidataIri(iri: string): string | undefined {
  const m = WIKIDATA.exec(iri);
  return m ? `http://www.wikidata.org/entity/${m[1]}` : undefined;
}
