// Every code Vivant emits, listed once with what it means: the `code` of a Problem (bad data, returned), of a
// VivantError or HttpError (thrown), of an input note and of a server's problem document. A code is stable across
// versions; a typo in one is a compile error, since `ProblemCode` is the union of this table's keys.
//
// Not listed here: the validation issue codes, which come from the shapes (`<profile>/<shape>[/<component>]`, see
// `ShapeCode`), and the harvest fetcher's and the follower's failure kinds (`FetchErrorCode`, `PageFailureCode`,
// `FollowReason["code"]`), typed where they are made.

/**
 * Each code and what it means (in English; the messages themselves are in both languages, src/i18n*).
 * @example
 * ```ts
 * import { PROBLEM_CODES } from "vivant-ld";
 *
 * console.log(PROBLEM_CODES["record/invalid-date"]); // "a date that is not ISO 8601"
 * for (const [code, meaning] of Object.entries(PROBLEM_CODES)) {
 *   if (code.startsWith("store/")) console.log(code, meaning);
 * }
 * ```
 */
export const PROBLEM_CODES = {
  // --- api ---
  "api/bad-by": "by={value} is not a grouping of facet counts (graph is)",
  "api/bad-facet": "unknown facet {name}",
  "api/bad-free": "free= is neither true nor false",
  "api/bad-near": "near= is not latitude,longitude,km within range",
  "api/bad-price": "maxPrice= is not a number",
  "api/repeated-parameter": "{name} is given {count} times",
  "api/unknown-parameter": "unknown parameter {name}",
  // --- auth ---
  "auth/other-graph": "the token's publisher writes another graph than the one asked (403)",
  "auth/token": "no bearer token, or an unknown one (401)",
  // --- bench ---
  "bench/invalid-size": "a benchmark fixture size that is not a positive integer",
  // --- capdata ---
  "capdata/bad-namespace": "CapData namespace {value} is not an http(s) IRI ending in # or /",
  "capdata/entities": "RDF/XML: the DOCTYPE declares {what}: refused, as it could expand without bound",
  "capdata/event-without-place": "a CapData event with no place: rejected (a record needs its venue)",
  "capdata/event-without-production": "a CapData event that belongs to no production: rejected",
  "capdata/event-without-start": "a CapData event with no start date: rejected",
  "capdata/no-entities": "no CapData Culture entity under namespace {namespace}",
  "capdata/no-graphs": "there is no graph to export",
  "capdata/no-publisher": "no graph of publisher {id}",
  "capdata/organization-without-name": "a CapData organisation with no name: rejected",
  "capdata/person-without-name": "a CapData person with no name: rejected",
  "capdata/place-without-name": "a CapData place with no name: rejected",
  "capdata/production-without-title": "a CapData production with no title: rejected",
  "capdata/season-without-name": "a CapData season with no name: rejected",
  "capdata/syntax": "RDF/XML: {detail}",
  "capdata/too-large": "RDF/XML: {size} bytes is more than the {max} bytes an import reads",
  "capdata/truncated": "the file has more triples than the import reads (maxTriples): the rest was not read",
  "capdata/which-publisher": "say which publisher to export: there are several graphs",
  "capdata/work-without-title": "a CapData work with no title: rejected",
  // --- check ---
  "check/csv-needs-mapping": "a CSV is read with its column-mapping file: choose it in the mapping field",
  "check/mapping-without-csv": "a column-mapping file goes with a CSV file (.csv)",
  // --- cli ---
  "cli/bad-option": "an option's value is not one the command accepts",
  "cli/unknown-option": "unknown option {option}",
  "cli/usage": "a command called without what it needs (a file, an option)",
  // --- csv ---
  "csv/empty": "CSV: no header row",
  "csv/invalid-mapping": "the column-mapping file is not valid (unknown field, no id or date column\u2026)",
  "csv/missing-column": 'column "{column}" (for {field}) is not in the CSV header',
  "csv/syntax": "CSV: {detail}",
  // --- duplicates ---
  "duplicates/bad-confirmation":
    "a sameAs confirmation whose entity or sameAs is missing, not an absolute IRI, or the same",
  "duplicates/media-type": "a sameAs confirmation that is neither JSON nor a form",
  "duplicates/not-yours": "a sameAs confirmation for an entity the token's own graph does not describe",
  "duplicates/rejected": "a sameAs confirmation that would make the graph fail the core profile",
  // --- dump ---
  "dump/corrupt-graph-file": "graph file {path} cannot be dumped: {why}",
  "dump/not-found": "no dump {path}",
  // --- feed ---
  "feed/compacted": "page {page} of this feed was compacted away",
  "feed/not-found": "no change feed {path}",
  // --- federation ---
  "federation/bad-cursor": "a federated cursor this federated search did not give (400)",
  "federation/bad-limit": "a federated page's limit outside 1 to 250 (400)",
  "federation/bad-node": "a federated node that is not an http(s) base URL without query, fragment or credentials",
  "federation/bad-timeout": "the federation's time limit is not a whole number of milliseconds",
  "federation/bad-token": "a federated node's read token that is not a bearer token",
  "federation/duplicate-node": "a federated node given twice",
  "federation/not-configured": "a federated route on a node that searches no other node (404)",
  // --- festivals ---
  "festivals/duplicate-row": "a festivals CSV row that repeats another's identifier",
  "festivals/invalid-geo": "a festival's coordinates are not a latitude and longitude",
  "festivals/invalid-postcode": "a festival's postal code cannot be read",
  "festivals/invalid-url": "a festival's website is not an http(s) URL",
  "festivals/missing-columns": "the festivals CSV has no name column (the expected and found columns are listed)",
  "festivals/missing-name": "a festivals CSV row without a name: rejected",
  "festivals/unknown-columns":
    "festivals CSV: no column holds the festival name. Expected columns: {expected}. Found: {found}",
  // --- gsp ---
  "gsp/graph-exists":
    "POST /graph-store without ?graph= when the publisher's graph already exists (409 with its Location)",
  "gsp/graph-iri": "{iri} is not an absolute IRI",
  "gsp/no-graph": "no graph {graph}",
  "gsp/read-only-graph": "this graph is kept by the server",
  "gsp/target": "give exactly one of ?graph=IRI or ?default",
  // --- harvest ---
  "harvest/dropped-terms": "a page's JSON-LD terms that expand to no IRI, left out",
  "harvest/invalid-date": "a harvested date that is not ISO 8601 and cannot be repaired",
  "harvest/invalid-isni": "a harvested ISNI whose check digit is wrong",
  "harvest/invalid-json": "a page's JSON-LD block is not JSON",
  "harvest/jsonld-error": "a page's JSON-LD block the JSON-LD processor refuses",
  "harvest/unknown-enum": "a harvested value that is not a member of its schema.org enumeration",
  "harvest/unknown-type": "a harvested node whose type is not a schema.org class",
  // --- import ---
  "import/address-not-structured": "an address given as one text: kept as is, not searchable by city",
  "import/agent-kind-unknown": "an agent neither a Person nor an Organization",
  "import/ambiguous-price": "a price text that reads several ways: kept as text, not a number",
  "import/dropped-terms": "an imported document's JSON-LD terms that expand to no IRI, left out",
  "import/incomplete-address": "an address missing its locality or country",
  "import/jsonld-error": "an imported document the JSON-LD processor refuses",
  "import/missing-location": "an event with no location: rejected",
  "import/missing-name": "an entity without a name: rejected",
  "import/missing-start-date": "an event without a start date: rejected",
  "import/not-carried": "a source property Vivant's records do not carry (listed in the ledger)",
  "import/performer-of-unknown-kind": "a performer neither a Person nor an Organization",
  "import/price-without-currency": "an offer with a price and no currency",
  "import/rescheduled-without-previous-date": "a rescheduled event that does not say its previous date",
  "import/unknown-agent": "a reference to an agent the input does not describe",
  "import/unsupported-type": "a node neither an event, a place, an organization nor a person: not imported",
  "import/unusable-location": "an event's location that is not a usable place",
  "import/venue-without-name": "a venue without a name: rejected",
  // --- input ---
  "input/https-schema-org": "https://schema.org/ IRIs read as http://schema.org/ (note)",
  "input/jsonld-dropped-terms": "JSON-LD terms that expand to no IRI, left out before validation (note)",
  "input/schema-date-datatype": "schema:Date/DateTime datatypes read as xsd:date/dateTime (note)",
  "input/schema-iri-as-text": "schema.org IRIs written as text read as IRIs (note)",
  // --- anything else ---
  internal: "an unexpected failure (a bug): the message says what failed",
  // --- io ---
  "io/demo-missing": "fixtures/demo-season.json not found next to the package",
  "io/not-json": "an input file that is not JSON",
  "io/ontologies-missing": "pinned vocabularies not found next to {dir}",
  "io/read": "cannot read {path}: {reason}",
  "io/shapes-missing": "SHACL shapes not found next to {dir}",
  "io/write": "cannot write {path}: {detail}",
  // --- load ---
  "load/bad-licence": "a licence that is not a known key or an http(s) IRI",
  "load/conflicting-publisher": '{source}: publisher "{publisher}" gives {field} {value}, the other inputs {other}',
  "load/empty": 'nothing to load for publisher "{publisher}"',
  "load/graph-mismatch": "the records belong in {graph}, not {asked}",
  "load/mixed-publishers": '{source}: publisher "{publisher}" differs from "{other}" of the other inputs',
  "load/no-graph": 'publisher "{publisher}" has no graph yet',
  "load/no-input": "nothing to load",
  "load/no-licence": 'publisher "{publisher}": no licence for graph {graph}',
  "load/no-publisher": "RDF and JSON-LD input needs a publisher",
  "load/publisher-graph-mismatch": 'publisher "{publisher}" already has graph {graph}, not {asked}',
  "load/publisher-mismatch": 'the records are published by "{publisher}", not "{asked}"',
  // --- mcp ---
  "mcp/json": "the body is not JSON: {detail}",
  "mcp/sdk-missing":
    "the MCP SDK (@modelcontextprotocol/sdk, an optional peer dependency) is not installed (501 on /mcp)",
  // --- query ---
  "query/bad-cursor": "the cursor is not one this server gave",
  "query/bad-filter": "a typed query's filter value cannot be read",
  "query/bad-limit": "limit {value} is not between 1 and 500",
  "query/result-too-large": "the answer is {bytes} bytes, more than this server sends ({limit})",
  "query/timeout": "the query did not finish within {ms} ms",
  "query/worker-failed": "the query worker failed while answering ({reason}) and is being replaced",
  // --- rdf ---
  "rdf/syntax": "{source}:{line}:{column}: {detail}",
  // --- reconcile ---
  "reconcile/bad-parameter": "the parameter {name} must be {expected}",
  "reconcile/bad-qualifier":
    "a matchQualifier that is unknown, not taken by its property, or a wildcard with no letter or digit",
  "reconcile/bad-query": "a reconciliation query that is not an object with a query text",
  "reconcile/batch-too-large": "{count} queries in one batch, more than {max}",
  "reconcile/media-type": "cannot read a {type} body here",
  "reconcile/no-entity": "no entity {id} in the reconciled graphs",
  "reconcile/no-queries": "the form has no field {field}",
  "reconcile/not-json": "the {what} is not JSON{where}",
  "reconcile/old-format":
    'this is a version 0.2 batch (keys such as q0); /reconcile/match takes the 1.0 draft\'s {"queries": […]}',
  "reconcile/too-long": "`{path}` is {length} characters long, more than {max}",
  "reconcile/too-many": "`{path}` has {count} items, more than {max}",
  // --- record ---
  "record/ambiguous-local-time": "a local time that occurs twice in its zone (autumn change): give the offset",
  "record/duplicate-id": "two records of a document with the same id",
  "record/empty-text": "a text field that is empty or only spaces",
  "record/end-before-start": "an end date before the start date",
  "record/free-with-price": "a performance marked free whose offers have a price",
  "record/hall-not-in-venue": "a hall that is not one of the performance's venue",
  "record/invalid-age-range": "an age range whose minimum is above its maximum",
  "record/invalid-country": "a country that is not ISO 3166-1 alpha-2",
  "record/invalid-currency": "a currency that is not ISO 4217",
  "record/invalid-date": "a date that is not ISO 8601",
  "record/invalid-date-time": "a date-time that is not ISO 8601",
  "record/invalid-duration": "a duration that is not ISO 8601",
  "record/invalid-id": "a local id that is empty or not a string",
  "record/invalid-identifier": "an external identifier (ISNI, Wikidata\u2026) that is malformed",
  "record/invalid-iri": "a URL or IRI that is not absolute http(s)",
  "record/invalid-language": "a language tag that is not BCP 47",
  "record/invalid-language-map": "a language map that is not an object of texts by language",
  "record/invalid-licence": "a licence that is not a known key or an IRI",
  "record/invalid-price-range": "an offer whose minimum price is above its maximum",
  "record/invalid-reference": "a reference that does not give exactly one of its allowed fields",
  "record/invalid-type": "a field of the wrong JSON type",
  "record/invalid-value": "a value that does not match its field's specification",
  "record/lone-surrogate": "a text with a lone UTF-16 surrogate (not valid Unicode)",
  "record/missing-field": "a required field is absent",
  "record/nonexistent-local-time": "a local time skipped in its zone (spring change)",
  "record/not-a-document": "the input is not a record document (an object with the collections)",
  "record/out-of-range": "a number outside its field's bounds",
  "record/previous-start-without-rescheduled": "a previous start date on a performance not marked rescheduled",
  "record/price-without-currency": "an offer with a price and no currency",
  "record/rejected-reference": "a reference to a record that was itself rejected",
  "record/unknown-field": "a field the record model does not have (with a did-you-mean hint)",
  "record/unknown-reference": "a reference to an id no record of the document has",
  "record/unknown-time-zone": "a time zone that is not an IANA zone",
  "record/unknown-value": "a value outside its field's list",
  "record/venue-without-name": "a venue without a name",
  // --- request ---
  "request/bad-form": "a form body that cannot be read",
  "request/charset": "a body in a charset the server cannot read (415)",
  "request/encoding": "a body whose bytes are not valid in its charset (400)",
  "request/media-type": "a body or part of a media type the route does not read (415)",
  "request/method": "an HTTP method the route does not answer (405)",
  "request/multipart": "a multipart body that cannot be read (400)",
  "request/not-acceptable": "no format the route writes is acceptable (406)",
  "request/not-found": "no such route (404)",
  "request/too-large": "a body over the route's size limit (413)",
  "request/unsupported-media-type": "a body type the route does not read (415)",
  // --- serve ---
  "serve/bad-host": 'cannot listen on host "{host}": {reason}',
  "serve/bad-port": 'PORT "{value}" is not a port number (0 to 65535)',
  "serve/demo-invalid": "the demo season does not pass the core profile",
  "serve/no-permission": "not allowed to listen on port {port} of {host}",
  "serve/port-in-use": "port {port} on {host} is already in use",
  // --- server ---
  "server/bad-tokens": "the tokens file has an invalid entry",
  "server/closing": "the server is shutting down",
  "server/remote-restricted": "restricted graphs asked of a server backed by a remote store",
  "server/worker-failed": "a query worker could not open the store: {reason}",
  "server/write-failed": "the write thread stopped while preparing the write ({reason}); nothing was written",
  // --- sparql ---
  "sparql/bad-graph-iri": "graph {iri} is not an absolute IRI",
  "sparql/evaluation": "SPARQL evaluation failed: {detail}",
  "sparql/function-refused": "the function {name} is not accepted",
  "sparql/no-query": "no query parameter",
  "sparql/service-refused": "SERVICE is not accepted: Vivant answers from its own data only",
  "sparql/several-queries": "more than one query parameter",
  "sparql/syntax": "SPARQL syntax error: {detail}",
  "sparql/too-complex": "a query deeper or larger than the server's limits (400)",
  "sparql/update-refused": "SPARQL Update is not accepted: this endpoint is read-only",
  "sparql/wrong-form": "a query of another form than the call expects (SELECT, ASK, CONSTRUCT)",
  // --- store ---
  "store/bad-namespace": "{where}: {value} is not a namespace",
  "store/bad-url": "--store {value} is not a URL",
  "store/broken": "the Oxigraph store failed and cannot be used any more: {reason}",
  "store/closed": "the store was closed",
  "store/corrupt-file": "graph file {path} is unusable: {reason}",
  "store/foreign-subjects": "graph {graph} makes statements about {count} resource(s) of other publishers: {list}",
  "store/in-memory": "reloadGraph needs a data directory",
  "store/invalid-iri": "{where} {iri} is not an absolute IRI",
  "store/invalid-language-tag": "language tag {tag} of {value} is not BCP 47",
  "store/invalid-term": "a {type} cannot be stored in a triple",
  "store/io": "a write of the data directory failed (disk, permissions)",
  "store/load-failed": "graph {graph} could not be loaded: {reason}",
  "store/locked": "cannot lock data directory {dir}",
  "store/missing-licence": "graph {graph}: no licence given",
  "store/namespace-taken": "graph {graph}: the namespace {namespace} is already graph {other}'s",
  "store/no-data-dir": "no graphs folder in {dir}",
  "store/no-space": "the disk or the quota is full (507); nothing was written",
  "store/read-only": "this store was opened read-only",
  "store/remote-failed": "the remote store answered with an error",
  "store/reserved-graph": "{graph} is the catalog graph, kept by the store itself",
  "store/unavailable": "the remote store cannot be reached",
  "store/unsupported-term": "Oxigraph returned a {type}, which Vivant does not handle",
  // --- uitdatabank ---
  "uitdatabank/conflicting-documents": "one id given several times with different values and no later modified date",
  "uitdatabank/invalid-performer": "a UiTdatabank performer without a name, left out",
  "uitdatabank/missing-name": "a UiTdatabank document without a name: rejected",
  "uitdatabank/no-dates": "a UiTdatabank event without dates: rejected",
  "uitdatabank/performer-kind-unknown": "a UiTdatabank performer neither a person nor an organisation",
  "uitdatabank/periodic-without-dates": "a periodic UiTdatabank event without its start and end dates",
  "uitdatabank/permanent-without-dates": "a permanent UiTdatabank event with no window to expand its opening hours in",
  "uitdatabank/place-without-name": "a UiTdatabank place without a name",
  "uitdatabank/superseded-field": "a field of a document replaced by a later-modified copy of it (info)",
  "uitdatabank/too-many-occurrences": "an opening-hours calendar that expands to more dates than the limit",
  "uitdatabank/unknown-calendar-type": "a UiTdatabank calendarType Vivant does not know",
  "uitdatabank/unknown-place": "an event whose place the input does not describe",
  "uitdatabank/unmapped-term": "a UiTdatabank taxonomy term with no Vivant genre or type",
  // --- validate ---
  "validate/shapes-syntax": "{source}:{line}: {detail}",
  "validate/unknown-profile": 'unknown profile "{name}"',
  "validate/unusable-records": "{source}: the record document cannot be mapped: its publisher is unusable",
  "validate/worker-failed": "validation worker failed: {detail}",
} as const satisfies Readonly<Record<string, string>>;

/** jsonld.js's own error codes, spaces turned to dashes (`jsonld/loading-document-failed`, `jsonld/invalid-@id-value`…). */
export type JsonLdCode = `jsonld/${string}`;

/** A CSV cell the import rejects or leaves out, by the last part of its field name (`csv/invalid-price`, `csv/unmapped-genres`). */
export type CsvCellCode = `csv/invalid-${string}` | `csv/unmapped-${string}`;

/**
 * A code Vivant emits in a Problem, an error or a problem document: one of `PROBLEM_CODES`' keys, or a JSON-LD
 * processor's error code (`JsonLdCode`).
 */
export type ProblemCode = keyof typeof PROBLEM_CODES | JsonLdCode | CsvCellCode;

/** A validation issue's code: `<profile>/<shape>`, with `/<component>` when the shape has several constraints. */
export type ShapeCode = `${string}/${string}`;

/**
 * True when `s` is a code Vivant emits (for codes read back from JSON or a worker's message).
 * @example
 * ```ts
 * import { isProblemCode, type ProblemCode } from "vivant-ld";
 *
 * const res = await fetch("http://127.0.0.1:8733/api/performances?maxPrice=cheap");
 * const problem = (await res.json()) as { code?: unknown }; // application/problem+json
 * const code: ProblemCode | undefined = isProblemCode(problem.code) ? problem.code : undefined; // "api/bad-price"
 * console.log(res.status, code);
 * ```
 */
export function isProblemCode(s: unknown): s is ProblemCode {
  return (
    typeof s === "string" && (Object.hasOwn(PROBLEM_CODES, s) || /^(?:jsonld\/|csv\/(?:invalid|unmapped)-)\S+$/.test(s))
  );
}
