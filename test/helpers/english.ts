// Finds English left in a text meant to be French: what the French-everywhere test (test/i18n/french.test.ts) checks
// every command's and every error route's output with.
//
// How: the technical parts of a message are taken out first (the ALLOWED list below), then every remaining word is
// looked up in a list of common English words that are not also French words (ENGLISH_WORDS). English sentences
// always carry some of them ("the", "is", "not", "cannot", "give"…), French ones none.
//
// What is allowed to stay in a French message, and why:
// - IRIs and URLs (http://…, https://…, urn:…, <…>), file paths and anything with a slash (codes such as
//   `sparql/too-complex`, media types such as text/turtle, paths such as fixtures/demo-season.json);
// - file names and dotted names (season.json, meta.namespaces, select());
// - command-line options (--publisher, -o), environment variables (PORT=8080), command names at the start of a
//   `vivant --help` line, HTTP methods (GET, PUT…), JSON-LD keywords (@graph);
// - codes in kebab-case (http-status, not-html, private-address: failure and problem codes);
// - values quoted from the input or from a third-party parser: inside « … », "…" and `…` (the text of
//   JSON.parse, N3, csv-parse, Oxigraph or Node's file errors is English and is quoted, never reworded);
// - the technical phrases of TECHNICAL_PHRASES (protocol and header names, SPARQL keywords, format names,
//   schema.org class names, product names).

/** Phrases kept as they are in every language: standards, headers, keywords, formats, products. */
export const TECHNICAL_PHRASES: readonly RegExp[] = [
  /Graph Store( Protocol)?/g,
  /SPARQL( 1\.1)?( Update| Protocol)?/g,
  /\b(Content-Type|Content-Disposition|Content-Language|Accept-Language|Accept|Retry-After|Authorization: Bearer|WWW-Authenticate|Location|Allow)\b/g,
  /\b(SELECT|ASK|CONSTRUCT|DESCRIBE|LIMIT|OFFSET|EXISTS|FROM|WHERE|GRAPH|UNION|FILTER|DROP)\b/g,
  /\b(JSON-LD|JSON Schema|N-Triples|N-Quads|TriG|Turtle|RDF\/XML|RDF|JSON|CSV|HTML|XML|SHACL( Core| SPARQL)?|BCP 47|ISO 8601|UTF-8|IANA)\b/g,
  /\b(Event|Place|Organization|Person|Offer|ValidationReport)\b/g,
  /\b(Vivant|Oxigraph|Artsdata(\.ca)?|UiTdatabank|GTQ|Ctrl-C|Google|Etalab|Fuseki|Jena|npm)\b/g,
  /\b(bearer|multipart|form-data|boundary|sitemap|robots\.txt|private-address|etalab-2\.0|cc0-1\.0|cc-by-4\.0|cc-by-sa-4\.0|odbl-1\.0)\b/g,
  /\b(graph|embed|jsonld|nquads|turtle|html|text|json|core|google|artsdata|uitdatabank|csv|festivals|en|fr)\|[\w|]+/g,
  /--form (graph|embed)\b/g,
  /--only violations\|warnings\b/g,
  /\bvivant (harvest|import|load|map|schema|serve|validate)\b/g,
  /\b(GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS)\b/g,
  /^\s+(harvest|import|load|map|schema|serve|validate)\s/gm,
  /@\w+/g,
  /\b(readOnly|dataDir|replaceGraph|reloadGraph|publisherGraphIri|baseIri|GraphStore|termType)\b/g,
];

/** Common English words that are not French words too (so "a", "on", "as", "or", "type", "page", "option" are out). */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  `the is are was were be been being not no of to in for with and from by at it its this that these those than then
there which what when where who whose how has have had having can cannot could would should must may might will shall
do does did done give given gives use used uses send sent read reads written write writes writing found missing unknown
invalid needs need needed only every each all any some one two more less most least many much too also again here
still yet already nothing none empty larger between about after before without within into out over under
until while because so such other others another same own file files folder folders graphs record records
publisher publishers query queries answer answers body request requests error errors failed fails failure allowed
known loaded mapped rejected triples warning warnings value values name names number whole data store server endpoint
catalog profile shapes syntax parameter parameters limit cursor facet method untyped elapsed fetched harvested
harvest read check fix see run runs stopping serving loading reading rows row header column columns token
tokens kept keeps keep lists list listed above below far up down off just like new old first last next previous
please try make makes made take takes says said get gets got put puts let lets want wants well very
should never always often enough instead whether either neither nor both unexpected unchanged`
    .split(/\s+/)
    .filter(Boolean),
);

/** The text with its technical parts (see the list at the top of this file) blanked out. */
export function withoutTechnical(text: string): string {
  let s = text
    .replace(/«[^»]*»/g, " ")
    .replace(/"(?:[^"\\\n]|\\.)*"/g, " ")
    .replace(/`[^`\n]*`/g, " ")
    .replace(/\b(?:https?|urn|file):\S*/g, " ")
    .replace(/<[^<>\s]*>/g, " ");
  for (const re of TECHNICAL_PHRASES) s = s.replace(re, " ");
  return (
    s
      // Paths first, whole (/.well-known/capdata-export.rdf?publisher=ID), before their pieces are taken for words.
      .replace(/\S*[/\\]\S*/g, " ")
      .replace(/(^|[\s[(])--?[A-Za-z][\w-]*(=\S*)?/g, " ")
      .replace(/\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b/g, " ")
      .replace(/\b[A-Z][A-Z0-9_]*=\S*/g, " ")
      .replace(/\S*[/\\]\S*/g, " ")
      .replace(/\S+\.\S+/g, " ")
      .replace(/\b\w*[a-z][A-Z]\w*\b/g, " ")
  );
}

/** The English words left in `text` once its technical parts are out: empty for a French text. */
export function englishWords(text: string): string[] {
  const words = withoutTechnical(text)
    .split(/[^A-Za-zÀ-ÖØ-öø-ÿŒœ]+/)
    .filter(Boolean);
  return [...new Set(words.filter((w) => ENGLISH_WORDS.has(w.toLowerCase())))];
}
