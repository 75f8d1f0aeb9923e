// The assistant-facing interface (Model Context Protocol, @modelcontextprotocol/sdk): tools for the typed
// performance question, an entity's description, the facets, read-only SPARQL (through the query pool, so with the
// server's limits: query size and depth, time, answer size) and a short digest of the model. Every answer names its
// sources: the graphs (and their publishers) the facts come from, and the IRIs.

import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";
import { CATALOG_GRAPH } from "../store/catalog.js";
import { FACETS } from "../query/aggregates.js";
import { iri } from "../query/filter.js";
import { VIVANT } from "../vocab.js";
import { filterFromParams } from "./api.js";
import type { QueryPool } from "./pool.js";

/** What the tools read: the server's query pool (never a store of their own). */
export type McpSource = Pick<QueryPool, "page" | "facets" | "query" | "select">;

/** The model in a few lines, for an assistant that writes SPARQL or reads the answers. */
export const SCHEMA_DIGEST = `Vivant: live-performance programming as schema.org linked data, one named graph per publisher.
Performance: a schema:Event subclass (TheaterEvent, MusicEvent, DanceEvent, ComedyEvent…) with schema:startDate (xsd:dateTime), schema:endDate or schema:duration, schema:eventStatus (EventScheduled, EventCancelled, EventPostponed, EventRescheduled with schema:previousStartDate, EventMovedOnline), schema:location (a Place or a hall schema:containedInPlace a venue), schema:workPerformed (the production, a CreativeWork with schema:genre and schema:workExample/schema:exampleOfWork for the work), schema:performer, schema:offers (schema:Offer with schema:price or schema:priceSpecification min/max, schema:priceCurrency), schema:inLanguage, schema:superEvent (a series or festival), schema:isAccessibleForFree, schema:url.
Venue: schema:PerformingArtsTheater (or another Place) with schema:address (schema:PostalAddress: streetAddress, postalCode, addressLocality, addressRegion, addressCountry), schema:geo (latitude, longitude), schema:amenityFeature.
People and organizations: schema:Person, schema:Organization, roles as schema:PerformanceRole with schema:roleName.
Catalog: the graph <${CATALOG_GRAPH}> describes each publisher graph (dcat:Dataset, dct:license, dct:modified, void:triples, <${VIVANT}publisherId>).
SPARQL: the default graph is the union of all graphs; GRAPH ?g names the publisher's graph. Read-only, with the server's limits on size, depth, time and answer size.`;

const FILTER = {
  from: z.string().optional().describe("first day (YYYY-MM-DD, local) or date-time"),
  to: z.string().optional().describe("last day (YYYY-MM-DD, local) or date-time"),
  city: z.string().optional(),
  region: z.string().optional(),
  near: z.string().optional().describe("lat,lon,km"),
  genre: z.string().optional().describe("a genre key (opera, theatre, dance…) or an Artsdata genre IRI"),
  type: z.string().optional().describe("an Event class, e.g. TheaterEvent"),
  venue: z.string().optional().describe("a venue or hall IRI"),
  performer: z.string().optional().describe("a person or organization IRI"),
  lang: z.string().optional().describe("BCP 47 language spoken or sung"),
  accessibility: z
    .string()
    .optional()
    .describe("surtitles, signLanguage, audioDescription, wheelchairAccessible, hearingLoop…"),
  free: z.boolean().optional(),
  maxPrice: z.number().optional(),
  q: z.string().optional().describe("words in the name or description"),
  tz: z
    .string()
    .optional()
    .describe("IANA zone the dates without an offset are read in (default: each performance's own zone, its venue's)"),
};
type FilterArgs = { [K in keyof typeof FILTER]?: string | number | boolean | undefined };

function params(args: FilterArgs): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of Object.keys(FILTER) as (keyof typeof FILTER)[]) if (args[k] !== undefined) p.set(k, String(args[k]));
  return p;
}

/** The graph and the publisher of each subject (from the catalog): the sources of an answer. */
async function sourcesOf(
  source: McpSource,
  subjects: readonly string[],
): Promise<{ iri: string; graph: string; publisher?: string }[]> {
  if (!subjects.length) return [];
  const values = subjects.map((s) => iri(s, "iri")).join(" ");
  const r = await source.select(
    `SELECT DISTINCT ?s ?g ?pub WHERE { VALUES ?s { ${values} } GRAPH ?g { ?s ?p ?o } OPTIONAL { GRAPH <${CATALOG_GRAPH}> { ?g <${VIVANT}publisherId> ?pub } } FILTER(?g != <${CATALOG_GRAPH}>) }`,
    { unionDefaultGraph: false },
  );
  return r.bindings.map((b) => ({ iri: b.s!.value, graph: b.g!.value, ...(b.pub ? { publisher: b.pub.value } : {}) }));
}

const json = (value: unknown): { content: { type: "text"; text: string }[] } => ({
  content: [{ type: "text", text: JSON.stringify(value, null, 1) }],
});

/** Errors (a bad filter, a refused query) as a tool error the assistant reads, not a protocol failure. */
async function guarded(
  fn: () => Promise<{ content: { type: "text"; text: string }[] }>,
): Promise<{ content: { type: "text"; text: string }[]; isError?: boolean }> {
  try {
    return await fn();
  } catch (e) {
    const v = e as { code?: string; message?: string; status?: number; hint?: string };
    return {
      content: [
        {
          type: "text",
          text: JSON.stringify({
            error: v.code ?? "internal",
            status: v.status,
            message: v.message ?? String(e),
            ...(v.hint ? { hint: v.hint } : {}),
          }),
        },
      ],
      isError: true,
    };
  }
}

/** An MCP server whose tools answer from `source` (one per connection; stateless). */
export function vivantMcpServer(source: McpSource): McpServer {
  const server = new McpServer({ name: "vivant", version: "0.2.0" });
  server.registerTool(
    "find_performances",
    {
      description:
        "Upcoming performances matching a typed question (dates, place, genre, type, venue, performer, language, accessibility, free, price, words), as schema.org JSON-LD, with the graph and publisher of each",
      inputSchema: {
        ...FILTER,
        limit: z.number().int().min(1).max(100).optional().describe("at most this many (default 20)"),
      },
    },
    (args) =>
      guarded(async () => {
        const filter = filterFromParams(params(args));
        const page = await source.page(filter, { limit: (args as { limit?: number }).limit ?? 20 });
        const ids = page.items.map((n) => n["@id"]);
        return json({ performances: page.items, more: page.next !== undefined, sources: await sourcesOf(source, ids) });
      }),
  );
  server.registerTool(
    "describe_entity",
    {
      description:
        "Everything the store says about one IRI (a performance, venue, production, person…), as Turtle, with the graphs and publishers saying it",
      inputSchema: { iri: z.string().describe("the entity's IRI") },
    },
    ({ iri: subject }) =>
      guarded(async () => {
        const s = iri(subject, "iri");
        const r = await source.query(
          `CONSTRUCT { ${s} ?p ?o } WHERE { ${s} ?p ?o }`,
          "application/sparql-results+json",
          "text/turtle",
        );
        return json({
          iri: subject,
          turtle: new TextDecoder().decode(r.body),
          sources: await sourcesOf(source, [subject]),
        });
      }),
  );
  server.registerTool(
    "facets",
    {
      description:
        "Counts of the matching performances per type, genre, city, region, venue, language, accessibility and free admission",
      inputSchema: FILTER,
    },
    (args) => guarded(async () => json(await source.facets(filterFromParams(params(args)), FACETS))),
  );
  server.registerTool(
    "sparql",
    {
      description:
        "A read-only SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the union of the publishers' graphs, with the server's limits; use GRAPH ?g to name each fact's graph",
      inputSchema: { query: z.string() },
    },
    ({ query }) =>
      guarded(async () => {
        const r = await source.query(query, "application/sparql-results+json", "text/turtle");
        return json({
          form: r.form,
          mediaType: r.mediaType,
          result: new TextDecoder().decode(r.body),
          sources: `graphs: GRAPH ?g in the query names them; the catalog is <${CATALOG_GRAPH}>`,
        });
      }),
  );
  server.registerTool(
    "schema_digest",
    { description: "A short digest of Vivant's data model (classes, properties, graphs)" },
    () => ({ content: [{ type: "text" as const, text: SCHEMA_DIGEST }] }),
  );
  return server;
}

/** The SDK's transports, for the callers that load this module on demand (src/server/mcp-load.ts). */
export { StdioServerTransport, StreamableHTTPServerTransport };
