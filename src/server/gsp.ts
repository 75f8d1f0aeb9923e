// SPARQL 1.1 Graph Store Protocol (indirect identification, `?graph=`): anyone reads, a publisher's bearer
// token writes its own graph only, and every write is validated with the core profile before it replaces anything.

import type { IncomingMessage, ServerResponse } from "node:http";
import { formatFromMediaType, type RdfFormat } from "../rdf/io.js";
import { CATALOG_GRAPH } from "../store/catalog.js";
import type { PreparedGraph } from "../store/load.js";
import { reportToProblemJson } from "../validate/formats.js";
import type { Lang } from "../errors.js";
import { formatProblem } from "../errors.js";
import type { TokenGrant, TokenTable } from "./auth.js";
import {
  bodyDecoder,
  HttpError,
  mediaTypeOf,
  negotiate,
  negotiateLanguage,
  send,
  sendJson,
  PROBLEM_JSON,
} from "./http-util.js";
import { readMultipart } from "./multipart.js";
import type { QueryBackend as QueryPool } from "./backend.js";
import { spoolBody, type SpoolStats, type SpooledBody } from "./spool.js";
import type { WriteInput } from "./write-lane.js";
import { GRAPH_ALIASES, GRAPH_OFFERS } from "./sparql.js";
import type { GraphInfo } from "../store/types.js";
import { tx, txt } from "../i18n.js";

export interface GspContext {
  readonly pool: QueryPool;
  readonly tokens: TokenTable;
  readonly maxBodyBytes: number;
  /** Largest body of a write (PUT, POST): past it 413 before the body is read. */
  readonly maxWriteBytes: number;
  /** Where write bodies wait their turn (a folder of the data directory), and what it holds. */
  readonly spool: { readonly dir: string; readonly stats: SpoolStats };
  readonly headers: Record<string, string>;
  readonly graph: (graphIri: string) => GraphInfo | undefined;
  /**
   * Validates and, when valid, writes and publishes the grant's graph: replaced by the body, or (`merge`, POST) the
   * body merged into its current triples, read, merged, validated and written in one serialised section.
   */
  readonly write: (
    files: WriteInput[],
    grant: TokenGrant,
    licence: string | undefined,
    merge: boolean,
  ) => Promise<{ prepared: Omit<PreparedGraph, "quads">; info?: GraphInfo; created: boolean }>;
  readonly remove: (graphIri: string) => Promise<boolean>;
}

const ALLOW = "GET, HEAD, PUT, POST, DELETE, OPTIONS";

function target(url: URL, method: string): { graphIri: string } | { default: true } | { store: true } {
  const graphs = url.searchParams.getAll("graph");
  const isDefault = url.searchParams.has("default");
  // POST to the graph store itself creates a graph (GSP §5.5): here, the publisher's own graph.
  if (method === "POST" && graphs.length === 0 && !isDefault) return { store: true };
  if (graphs.length + (isDefault ? 1 : 0) !== 1) {
    throw new HttpError(400, "gsp/target", tx("gsp/target"), {
      hint: tx("gsp/target.hint", { example: "/graph-store?graph=https%3A%2F%2Fexample.org%2Fgraph" }),
    });
  }
  if (isDefault) return { default: true };
  const graphIri = graphs[0]!;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]*$/.test(graphIri))
    throw new HttpError(400, "gsp/graph-iri", tx("gsp/graph-iri", { iri: JSON.stringify(graphIri) }), {
      hint: tx("gsp/graph-iri.hint"),
    });
  return { graphIri };
}

function langOf(req: IncomingMessage): Lang {
  return negotiateLanguage(req.headers["accept-language"], ["en", "fr"] as const);
}

/** The token's grant; with `graphIri`, only when that is the token's graph. */
function authorise(req: IncomingMessage, tokens: TokenTable, graphIri: string | undefined): TokenGrant {
  const header = req.headers.authorization;
  const grant = tokens.grantOf(header);
  if (!grant) {
    throw new HttpError(401, "auth/token", header ? tx("auth/token-unknown") : tx("auth/token-missing"), {
      hint: tx("auth/token.hint"),
      headers: { "WWW-Authenticate": `Bearer realm="vivant"${header ? ', error="invalid_token"' : ""}` },
    });
  }
  if (graphIri !== undefined && grant.graphIri !== graphIri) {
    throw new HttpError(
      403,
      "auth/other-graph",
      tx("auth/other-graph", { publisher: grant.publisherId, graph: grant.graphIri, asked: graphIri }),
      {
        hint: tx("auth/other-graph.hint"),
      },
    );
  }
  return grant;
}

function bodyFormat(req: IncomingMessage): RdfFormat {
  const type = mediaTypeOf(req.headers["content-type"]);
  const format = formatFromMediaType(type);
  if (!format) {
    throw new HttpError(
      415,
      "request/media-type",
      type ? tx("gsp/media-type", { type }) : tx("gsp/media-type-untyped"),
      {
        hint: tx("gsp/media-type.hint"),
      },
    );
  }
  return format;
}

export async function handleGsp(req: IncomingMessage, res: ServerResponse, url: URL, ctx: GspContext): Promise<void> {
  const method = req.method ?? "GET";
  const t = target(url, method);
  if ("store" in t) {
    await createGraph(req, res, url, ctx);
    return;
  }
  if (method === "GET" || method === "HEAD") {
    const accept = negotiate(req.headers.accept, GRAPH_OFFERS, GRAPH_ALIASES);
    if (!accept)
      throw new HttpError(406, "request/not-acceptable", tx("gsp/not-acceptable", { accept: req.headers.accept }), {
        hint: tx("request/accept-one-of", { list: GRAPH_OFFERS.join(", ") }),
      });
    if ("default" in t) {
      const r = await ctx.pool.query("CONSTRUCT WHERE { ?s ?p ?o }", "application/sparql-results+json", accept, {
        unionDefaultGraph: false,
      });
      send(res, 200, r.mediaType, r.body, ctx.headers);
      return;
    }
    if (t.graphIri !== CATALOG_GRAPH && !ctx.graph(t.graphIri))
      throw new HttpError(404, "gsp/no-graph", tx("gsp/no-graph", { graph: t.graphIri }), {
        hint: tx("gsp/no-graph.hint"),
      });
    const r = await ctx.pool.query(
      `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${t.graphIri}> { ?s ?p ?o } }`,
      "application/sparql-results+json",
      accept,
    );
    send(res, 200, r.mediaType, r.body, ctx.headers);
    return;
  }
  if (method !== "PUT" && method !== "POST" && method !== "DELETE") {
    throw new HttpError(405, "request/method", tx("request/method-gsp", { method }), { headers: { Allow: ALLOW } });
  }
  if ("default" in t || t.graphIri === CATALOG_GRAPH) {
    throw new HttpError(403, "gsp/read-only-graph", tx("gsp/read-only-graph"), {
      hint: tx("gsp/read-only-graph.hint"),
    });
  }
  const grant = authorise(req, ctx.tokens, t.graphIri);
  if (method === "DELETE") {
    if (!(await ctx.remove(t.graphIri)))
      throw new HttpError(404, "gsp/no-graph", tx("gsp/no-graph", { graph: t.graphIri }), {
        hint: tx("gsp/no-graph.hint"),
      });
    res.writeHead(204, ctx.headers).end();
    return;
  }
  const { files, spooled } = await bodyFiles(req, ctx);
  const { prepared, created } = await ctx
    .write(files, grant, url.searchParams.get("licence") ?? undefined, method === "POST")
    .finally(() => spooled?.remove());
  if (!sendRejection(req, res, url, ctx, prepared))
    res
      .writeHead(created ? 201 : 204, { ...ctx.headers, ...(created ? { Location: url.pathname + url.search } : {}) })
      .end();
}

/**
 * POST to /graph-store without ?graph=: creates the publisher's graph (201 with its Location). A publisher has one
 * graph, so when it exists already the answer is 409 with its Location: PUT replaces it, POST ?graph= merges.
 */
async function createGraph(req: IncomingMessage, res: ServerResponse, url: URL, ctx: GspContext): Promise<void> {
  const grant = authorise(req, ctx.tokens, undefined);
  const location = `${url.pathname}?graph=${encodeURIComponent(grant.graphIri)}`;
  if (ctx.graph(grant.graphIri)) {
    req.resume();
    throw new HttpError(
      409,
      "gsp/graph-exists",
      txt(
        {
          en: 'publisher "{publisher}" has its graph already ({graph}): POST to the graph store creates it only once',
          fr: "l'éditeur « {publisher} » a déjà son graphe ({graph}) : un POST au Graph Store ne le crée qu'une fois",
        },
        { publisher: grant.publisherId, graph: grant.graphIri },
      ),
      {
        hint: txt(
          {
            en: "PUT {location} replaces it, POST {location} adds to it",
            fr: "PUT {location} le remplace, POST {location} y ajoute",
          },
          { location },
        ),
        headers: { Location: location },
      },
    );
  }
  const { files, spooled } = await bodyFiles(req, ctx);
  const { prepared } = await ctx
    .write(files, grant, url.searchParams.get("licence") ?? undefined, false)
    .finally(() => spooled?.remove());
  if (!sendRejection(req, res, url, ctx, prepared)) res.writeHead(201, { ...ctx.headers, Location: location }).end();
}

/**
 * The request's RDF: one document in the body, spooled to a file (read and decoded by the write thread when the
 * write's turn comes, so a waiting write holds no memory), or each file part of a multipart/form-data upload.
 */
async function bodyFiles(
  req: IncomingMessage,
  ctx: GspContext,
): Promise<{ files: WriteInput[]; spooled?: SpooledBody }> {
  const limit = Math.min(ctx.maxWriteBytes, ctx.maxBodyBytes);
  if (mediaTypeOf(req.headers["content-type"]) === "multipart/form-data")
    return { files: await readMultipart(req, limit) };
  const format = bodyFormat(req);
  bodyDecoder(req.headers["content-type"]); // an unknown charset: 415 before the body is read
  const spooled = await spoolBody(req, limit, ctx.spool.dir, ctx.spool.stats, "--max-write");
  return {
    files: [
      {
        spool: spooled.path,
        contentType: req.headers["content-type"],
        source: `${req.method ?? "PUT"} ${(req.url ?? "/graph-store").split("?")[0]}`,
        format,
      },
    ],
    spooled,
  };
}

/** Answers 422 with the report when the data was rejected; false when it was written. */
function sendRejection(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: GspContext,
  prepared: Omit<PreparedGraph, "quads">,
): boolean {
  if (!prepared.ok) {
    const lang = langOf(req);
    const problem = reportToProblemJson(prepared.report, lang, url.pathname + url.search);
    const rejected = prepared.recordProblems.filter((p) => p.severity === "violation");
    sendJson(
      res,
      422,
      {
        ...problem,
        status: 422,
        ...(rejected.length ? { records: rejected.map((p) => ({ ...p, text: formatProblem(p, lang) })) } : {}),
      },
      PROBLEM_JSON,
      ctx.headers,
    );
    return true;
  }
  return false;
}
