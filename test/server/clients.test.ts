// The SPARQL endpoint as clients that nobody here chose call it: SPARQLWrapper's requests rebuilt parameter for
// parameter and header for header (SPARQLWrapper/Wrapper.py, 2.0.x: _getRequestEncodedParameters, _getAcceptHeader,
// _createRequest), and the Accept headers that YASGUI, Jena and rdf4j send by default.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Parser } from "n3";
import type { VivantServer } from "../../src/server/index.js";
import { call, demoServer, type Answer } from "./helpers.js";

let server: VivantServer;
let base: string;
beforeAll(async () => {
  ({ server } = await demoServer());
  base = server.url;
});
afterAll(() => server?.close());

// SPARQLWrapper's constants and media-type lists (Wrapper.py).
const SW_FORMATS = ["xml", "json", "n3", "turtle", "json-ld", "rdf+xml", "csv", "tsv"] as const;
type SwFormat = (typeof SW_FORMATS)[number];
type SwKind = "SELECT" | "ASK" | "CONSTRUCT" | "DESCRIBE";
const _SPARQL_XML = ["application/sparql-results+xml"];
const _SPARQL_JSON = [
  "application/x-sparqlstar-results+json",
  "application/sparql-results+json",
  "application/json",
  "text/javascript",
  "application/javascript",
];
const _RDF_XML = ["application/rdf+xml"];
const _RDF_TURTLE = ["application/turtle", "text/turtle"];
const _RDF_N3 = [..._RDF_TURTLE, "text/rdf+n3", "application/n-triples", "application/n3", "text/n3"];
const _RDF_JSONLD = ["application/ld+json", "application/x-json+ld"];
const _CSV = ["text/csv"];
const _TSV = ["text/tab-separated-values"];
const _XML = ["application/xml"];

/** SPARQLWrapper._getAcceptHeader */
function swAccept(kind: SwKind, format: SwFormat): string {
  if (kind === "SELECT" || kind === "ASK") {
    const list = { xml: _SPARQL_XML, json: _SPARQL_JSON, csv: _CSV, tsv: _TSV }[format as string];
    return (list ?? ["*/*"]).join(",");
  }
  const list = { turtle: _RDF_TURTLE, n3: _RDF_N3, xml: _RDF_XML, "rdf+xml": _RDF_XML, "json-ld": _RDF_JSONLD }[
    format as string
  ];
  return (list ?? ["*/*"]).join(",");
}

/** Python's urllib.parse.quote_plus(value, safe="/"). */
function quotePlus(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, "/")
    .replace(/%20/g, "+");
}

/** SPARQLWrapper._getRequestEncodedParameters(("query", q)) with onlyConneg = False (the default). */
function swParameters(kind: SwKind, format: SwFormat, query: string): string {
  const params: [string, string[]][] = [["query", [query]]];
  for (const f of ["format", "output", "results"]) {
    const values: string[] = [format];
    if (format === "tsv" || format === "json-ld" || format === "rdf+xml") {
      const accept = swAccept(kind, format);
      values.push(accept.includes("*/*") ? "" : accept);
    }
    params.push([f, values]);
  }
  return params.flatMap(([k, vs]) => vs.map((v) => `${quotePlus(k)}=${quotePlus(v)}`)).join("&");
}

/** One SPARQLWrapper query call: GET by default, or setMethod(POST) with the URL-encoded form. */
function sparqlWrapper(kind: SwKind, format: SwFormat, query: string, method: "GET" | "POST"): Promise<Answer> {
  const headers = {
    "User-Agent": "sparqlwrapper 2.0.1a0 (rdflib.github.io/sparqlwrapper)",
    Accept: swAccept(kind, format),
  };
  const params = swParameters(kind, format, query);
  if (method === "GET") return call(base, `sparql?${params}`, { headers });
  return call(base, "sparql", {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
    body: params,
  });
}

/** What SPARQLWrapper's QueryResult.convert() accepts without a warning for the requested format. */
function convertAccepts(format: SwFormat): string[] {
  return {
    xml: [..._SPARQL_XML, ..._XML, ..._RDF_XML],
    json: [..._SPARQL_JSON, ..._RDF_JSONLD],
    n3: _RDF_N3,
    turtle: _RDF_N3,
    "json-ld": _RDF_JSONLD,
    "rdf+xml": _RDF_XML,
    csv: _CSV,
    tsv: _TSV,
  }[format];
}
/** Every type convert() recognises at all (otherwise it returns the raw bytes with a warning). */
const CONVERTIBLE = [
  ..._SPARQL_XML,
  ..._XML,
  ..._SPARQL_JSON,
  ..._RDF_XML,
  ..._RDF_N3,
  ..._CSV,
  ..._TSV,
  ..._RDF_JSONLD,
];

const QUERIES: Record<SwKind, string> = {
  SELECT: "PREFIX schema: <http://schema.org/>\nSELECT ?f ?n WHERE { ?f a schema:Festival ; schema:name ?n } LIMIT 3",
  ASK: "ASK { ?s a <http://schema.org/Festival> }",
  CONSTRUCT: "CONSTRUCT WHERE { ?s a <http://schema.org/Festival> ; <http://schema.org/name> ?n }",
  DESCRIBE: "DESCRIBE <https://data.reseau-scenes.example/performance/traviata-07>",
};
/** Whether a SPARQLWrapper format names an answer of this kind (else SPARQLWrapper sends Accept: *\/*). */
const applies = (kind: SwKind, f: SwFormat): boolean =>
  kind === "SELECT" || kind === "ASK"
    ? ["xml", "json", "csv", "tsv"].includes(f)
    : ["xml", "json", "n3", "turtle", "json-ld", "rdf+xml"].includes(f);

const mediaType = (a: Answer): string => a.type.split(";")[0]!.trim();

describe("SPARQLWrapper's default calls", () => {
  for (const method of ["GET", "POST"] as const) {
    for (const kind of ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"] as const) {
      it(`${kind} in each of its formats (${method})`, async () => {
        const outcomes: string[] = [];
        for (const format of SW_FORMATS) {
          const a = await sparqlWrapper(kind, format, QUERIES[kind], method);
          outcomes.push(`${format}: ${a.status} ${mediaType(a)}`);
          expect(a.status, `${kind} format=${format}: ${a.text.slice(0, 200)}`).toBe(200);
          const type = mediaType(a);
          expect(CONVERTIBLE, `${kind} format=${format} answered ${type}`).toContain(type);
          if (applies(kind, format))
            expect(convertAccepts(format), `${kind} format=${format} answered ${type}`).toContain(type);
          // The body is what the type says.
          if (type.includes("json")) expect(() => JSON.parse(a.text)).not.toThrow();
          if (type === "text/turtle" || type === "application/n-triples")
            expect(new Parser({ format: type }).parse(a.text).length).toBeGreaterThan(0);
          if (type.includes("xml")) expect(a.text).toMatch(/^<\?xml|^<(sparql|rdf:RDF)/);
        }
        console.log(`SPARQLWrapper ${kind} ${method}: ${outcomes.join("; ")}`);
      });
    }
  }

  it("gets RDF/XML for a CONSTRUCT with its default format (xml), and SPARQL XML for a SELECT", async () => {
    expect(mediaType(await sparqlWrapper("CONSTRUCT", "xml", QUERIES.CONSTRUCT, "GET"))).toBe("application/rdf+xml");
    expect(mediaType(await sparqlWrapper("DESCRIBE", "xml", QUERIES.DESCRIBE, "GET"))).toBe("application/rdf+xml");
    expect(mediaType(await sparqlWrapper("SELECT", "xml", QUERIES.SELECT, "GET"))).toBe(
      "application/sparql-results+xml",
    );
    expect(mediaType(await sparqlWrapper("CONSTRUCT", "json-ld", QUERIES.CONSTRUCT, "GET"))).toBe(
      "application/ld+json",
    );
    expect(mediaType(await sparqlWrapper("CONSTRUCT", "n3", QUERIES.CONSTRUCT, "GET"))).toBe("text/turtle");
    expect(mediaType(await sparqlWrapper("SELECT", "tsv", QUERIES.SELECT, "GET"))).toBe("text/tab-separated-values");
  });
});

describe("format= and Accept", () => {
  const q = (query: string, extra: string, accept?: string): Promise<Answer> =>
    call(base, `sparql?query=${encodeURIComponent(query)}${extra}`, accept ? { headers: { accept } } : {});

  it("a known format overrides Accept; an empty or unknown one leaves Accept to decide", async () => {
    expect(mediaType(await q(QUERIES.SELECT, "&format=xml", "application/sparql-results+json"))).toBe(
      "application/sparql-results+xml",
    );
    expect(mediaType(await q(QUERIES.SELECT, "&format=", "text/csv"))).toBe("text/csv");
    const unknown = await q(QUERIES.SELECT, "&format=yaml", "text/tab-separated-values");
    expect(unknown.status).toBe(200);
    expect(mediaType(unknown)).toBe("text/tab-separated-values");
    expect(mediaType(await q(QUERIES.CONSTRUCT, "&format=", "application/n-triples"))).toBe("application/n-triples");
    expect(mediaType(await q(QUERIES.CONSTRUCT, "&format=bogus", "application/ld+json"))).toBe("application/ld+json");
  });

  it("takes full media types and Fuseki's output= too", async () => {
    expect(
      mediaType(
        await q(QUERIES.SELECT, `&format=${encodeURIComponent("application/sparql-results+json")}`, "text/csv"),
      ),
    ).toBe("application/sparql-results+json");
    expect(mediaType(await q(QUERIES.CONSTRUCT, `&format=${encodeURIComponent("application/rdf+xml")}`))).toBe(
      "application/rdf+xml",
    );
    // A + left unencoded arrives as a space.
    expect(mediaType(await q(QUERIES.CONSTRUCT, "&format=application/ld+json"))).toBe("application/ld+json");
    expect(mediaType(await q(QUERIES.CONSTRUCT, "&format=rdf+xml"))).toBe("application/rdf+xml");
    expect(mediaType(await q(QUERIES.SELECT, "&output=csv"))).toBe("text/csv");
    expect(mediaType(await q(QUERIES.CONSTRUCT, "&output=ttl"))).toBe("text/turtle");
  });

  it("still answers 406 when neither format nor Accept can be met", async () => {
    expect((await q(QUERIES.SELECT, "&format=yaml", "image/png")).status).toBe(406);
    expect((await q(QUERIES.CONSTRUCT, "", "text/csv")).status).toBe(406);
  });
});

describe("default Accept headers of YASGUI, Jena and rdf4j", () => {
  // YASGUI (@triply/yasqe defaults), Jena (WebContent.defaultSparqlResultsHeader, defaultSparqlAskHeader,
  // defaultGraphAcceptHeader), rdf4j (SPARQLProtocolSession: preferred format, the others at q=0.8 / 0.9).
  const CLIENTS: {
    name: string;
    select: string;
    ask: string;
    graph: string;
    want: { select: string; ask: string; graph: string };
  }[] = [
    {
      name: "YASGUI",
      select: "application/sparql-results+json,*/*;q=0.9",
      ask: "application/sparql-results+json,*/*;q=0.9",
      graph: "text/turtle,*/*;q=0.9",
      want: { select: "application/sparql-results+json", ask: "application/sparql-results+json", graph: "text/turtle" },
    },
    {
      name: "Jena",
      select:
        "application/sparql-results+json,application/sparql-results+xml;q=0.9,text/tab-separated-values;q=0.7,text/csv;q=0.5,application/json;q=0.2,application/xml;q=0.2,*/*;q=0.1",
      ask: "application/sparql-results+json,application/sparql-results+xml;q=0.9,application/json;q=0.2,application/xml;q=0.2,*/*;q=0.1",
      graph: "text/turtle,application/n-triples;q=0.9,application/ld+json;q=0.8,application/rdf+xml;q=0.7,*/*;q=0.3",
      want: { select: "application/sparql-results+json", ask: "application/sparql-results+json", graph: "text/turtle" },
    },
    {
      name: "rdf4j",
      select:
        "application/sparql-results+xml, application/xml, application/x-binary-rdf-results-table;q=0.8, application/sparql-results+json;q=0.8, application/json;q=0.8, text/csv;q=0.8, text/tab-separated-values;q=0.8",
      ask: "text/boolean, application/sparql-results+xml;q=0.8, application/xml;q=0.8, application/sparql-results+json;q=0.8, application/json;q=0.8",
      graph:
        "text/turtle, application/x-turtle, application/rdf+xml;q=0.9, application/n-triples;q=0.9, text/plain;q=0.9, application/ld+json;q=0.9, application/trig;q=0.9, application/n-quads;q=0.9, text/n3;q=0.9",
      want: { select: "application/sparql-results+xml", ask: "application/sparql-results+xml", graph: "text/turtle" },
    },
  ];
  for (const c of CLIENTS) {
    it(`${c.name}: SELECT, ASK, CONSTRUCT and DESCRIBE`, async () => {
      for (const [kind, accept, want] of [
        ["SELECT", c.select, c.want.select],
        ["ASK", c.ask, c.want.ask],
        ["CONSTRUCT", c.graph, c.want.graph],
        ["DESCRIBE", c.graph, c.want.graph],
      ] as const) {
        const a = await call(base, `sparql?query=${encodeURIComponent(QUERIES[kind])}`, { headers: { accept } });
        expect(a.status, `${c.name} ${kind}`).toBe(200);
        expect(mediaType(a), `${c.name} ${kind}`).toBe(want);
      }
    });
  }
});
