// Hand-written Turtle shared by the tests that write graphs (Graph Store, concurrent writes, disk faults):
// one performance with its production and venue that passes the core profile (test/helpers/turtle.test.ts
// checks that it does), so each test starts from the same known-good graph.

/** Where the performance, production and venue of `CORE_VALID_TURTLE` live. */
export const THEATRE_X = "https://theatre-x.example/";

/** A performance, its production and its venue that pass the core profile (no violation). */
export const CORE_VALID_TURTLE = `@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://theatre-x.example/performance/p1> a schema:TheaterEvent ;
  schema:name "Bérénice"@fr ;
  schema:startDate "2026-12-04T20:00:00+01:00"^^xsd:dateTime ;
  schema:workPerformed <https://theatre-x.example/production/berenice> ;
  schema:location <https://theatre-x.example/venue/main> .
<https://theatre-x.example/production/berenice> a schema:CreativeWork ; schema:name "Bérénice"@fr .
<https://theatre-x.example/venue/main> a schema:Place ; schema:name "Théâtre X"@fr ;
  schema:address [ a schema:PostalAddress ; schema:addressLocality "Lyon" ; schema:addressCountry "FR" ] .`;
