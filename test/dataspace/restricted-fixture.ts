// A graph shared with one partner only, for the tests that check restricted sharing on each route (dumps, feed,
// catalog, Graph Store in test/dataspace/restricted.test.ts; the CapData export in test/server/capdata.test.ts).

export const SECRET = "https://secret.example/graph";
/** A text of the restricted graph: found in an answer, it leaked. */
export const MARK = "Spectacle confidentiel";
export const TOKEN_PUBLISHER = "publisher-token-0123456789abcdef";
export const TOKEN_PARTNER = "partner-token-0123456789abcdef";
export const TOKEN_OTHER = "other-reader-token-0123456789ab";

/** The tokens file: the publisher shares its graph with "observatoire"; "curieux" is another reader. */
export const RESTRICTED_TOKENS = [
  { token: TOKEN_PUBLISHER, publisher: "secret", graph: SECRET, licence: "cc-by-4.0", share: ["observatoire"] },
  { token: TOKEN_PARTNER, reader: "observatoire" },
  { token: TOKEN_OTHER, reader: "curieux" },
] as const;

/** The restricted graph: one free performance, its production and its venue (with a region). */
export const RESTRICTED_TURTLE = `@prefix schema: <http://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://secret.example/performance/p1> a schema:TheaterEvent ; schema:name "${MARK}"@fr ;
  schema:startDate "2026-11-20T20:00:00+01:00"^^xsd:dateTime ; schema:workPerformed <https://secret.example/production/w> ;
  schema:location <https://secret.example/venue/v> ; schema:isAccessibleForFree true .
<https://secret.example/production/w> a schema:CreativeWork ; schema:name "${MARK}"@fr .
<https://secret.example/venue/v> a schema:Place ; schema:name "Salle secrète"@fr ;
  schema:address [ a schema:PostalAddress ; schema:addressLocality "Zanzibar-sur-Loire" ; schema:addressRegion "Région secrète" ; schema:addressCountry "FR" ] .`;
