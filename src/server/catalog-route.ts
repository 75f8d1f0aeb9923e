// /catalog: the node's DCAT-AP catalog (with ODRL policies) in the negotiated format, and what it is made of: the
// dumps of every graph's current version and the graphs' coverage, each made once per set of graph versions.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Quad } from "@rdfjs/types";
import { CATALOG_PREFIXES, dcatCatalog, type DatasetCoverage } from "../dataspace/catalog.js";
import { datasetCoverage } from "../dataspace/coverage.js";
import { dumpAll, dumpGraph, readManifests } from "../dataspace/dumps.js";
import { messageOf, type Text } from "../errors.js";
import { tx, txBy } from "../i18n.js";
import { compactJsonLd, quadsToJsonLd } from "../jsonld/convert.js";
import { serializeRdf } from "../rdf/io.js";
import { serializeTriples } from "../store/oxigraph.js";
import type { GraphInfo } from "../store/types.js";
import { GraphWriter } from "../store/writer.js";
import type { TokenTable } from "./auth.js";
import type { QueryBackend, WriteBackend } from "./backend.js";
import { HttpError, send } from "./http-util.js";
import { chooseMediaType, GRAPH_ALIASES, GRAPH_FORMAT_NAMES } from "./sparql.js";

/** What the catalog is made from: the backends, the tokens (restricted graphs), the local directory and the log. */
export interface CatalogContext {
  readonly writer: WriteBackend;
  readonly pool: QueryBackend;
  readonly tokens: TokenTable;
  /** Where the dumps are kept (src/server/app.ts `localDir`). */
  readonly localDir: string;
  readonly warn: (text: Text) => void;
}

/** The key of a set of graph versions (what the dumps and the coverage are made once for). */
const versionsKey = (graphs: readonly GraphInfo[]): string =>
  graphs.map((g) => `${g.graphIri} ${g.version}`).join("\n");

/** The catalog of one server, with its dumps and coverage kept per set of graph versions. */
export class Catalog {
  readonly #c: CatalogContext;
  #coverage: { key: string; value: Promise<Map<string, DatasetCoverage>> } | undefined;
  #dumps: { key: string; value: Promise<void> } | undefined;

  constructor(context: CatalogContext) {
    this.#c = context;
  }

  /** The dump job under way or last done (what closing waits for). */
  get dumping(): Promise<void> | undefined {
    return this.#dumps?.value;
  }

  /**
   * Makes the dumps of every graph's current version and of the whole server, once per set of versions (one job at
   * a time; a version dumped already is not written again). A failure (a full disk) is logged, never thrown.
   */
  ensureDumps(): Promise<void> {
    const { writer, tokens, localDir: dataDir, warn } = this.#c;
    // Dumps are made from the data directory's graph files: none with a remote store (the catalog then lists none).
    if (!(writer instanceof GraphWriter)) return Promise.resolve();
    const graphs = writer.graphs();
    const key = versionsKey(graphs);
    if (this.#dumps?.key === key) return this.#dumps.value;
    const previous = this.#dumps?.value ?? Promise.resolve();
    const value = previous.then(async () => {
      try {
        for (const g of graphs) await dumpGraph(dataDir, g.graphIri);
        // The whole server's dump holds the public graphs only.
        const restricted = tokens.restrictedGraphs();
        await dumpAll(
          dataDir,
          (info) => !restricted.has(info.graphIri) && graphs.some((g) => g.graphIri === info.graphIri),
        );
      } catch (e) {
        warn(txBy("server/dumps-not-made", (lang) => ({ detail: messageOf(e, lang) })));
        if (this.#dumps?.value === value) this.#dumps = undefined;
      }
    });
    this.#dumps = { key, value };
    return value;
  }

  /** The node's DCAT-AP catalog (with ODRL policies) at `base`, listing as readable the graphs `canRead` lets through. */
  async quads(base: string, canRead: (graphIri: string) => boolean): Promise<Quad[]> {
    const { writer, tokens, localDir } = this.#c;
    const graphs = writer.graphs();
    await this.ensureDumps();
    const dumps = new Map(
      (await readManifests(localDir)).map((m) => [m.graph, m.files.filter((f) => f.version === m.files[0]?.version)]),
    );
    const restricted = tokens.restrictedGraphs();
    return dcatCatalog({
      base,
      graphs,
      coverage: await this.#coverageOf(graphs),
      dumps,
      feeds: true,
      canRead,
      access: (g) => (restricted.has(g) ? { public: false, partners: restricted.get(g)! } : { public: true }),
    });
  }

  /** The graphs' coverage (performances' dates, venues' regions), computed once per set of graph versions. */
  #coverageOf(graphs: readonly GraphInfo[]): Promise<Map<string, DatasetCoverage>> {
    const key = versionsKey(graphs);
    if (this.#coverage?.key !== key) {
      const value = datasetCoverage(this.#c.pool);
      this.#coverage = { key, value };
      value.catch(() => {
        if (this.#coverage?.value === value) this.#coverage = undefined;
      });
    }
    return this.#coverage.value;
  }
}

const CATALOG_OFFERS = ["text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples"];

/** GET /catalog: the catalog at the address the client reached, as the request's bearer may read it. */
export async function handleCatalog(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  quads: () => Promise<Quad[]>,
): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD")
    throw new HttpError(405, "request/method", tx("request/catalog-read-only"), {
      headers: { Allow: "GET, HEAD, OPTIONS" },
    });
  const formats = [...url.searchParams.getAll("format"), ...url.searchParams.getAll("output")];
  const type = chooseMediaType(formats, req.headers.accept, CATALOG_OFFERS, GRAPH_ALIASES, GRAPH_FORMAT_NAMES);
  if (!type)
    throw new HttpError(406, "request/not-acceptable", tx("catalog/not-acceptable"), {
      hint: tx("request/accept-one-of", { list: CATALOG_OFFERS.join(", ") }),
      headers: { Vary: "Accept" },
    });
  const all = await quads();
  const body =
    type === "application/ld+json"
      ? JSON.stringify(await compactJsonLd(await quadsToJsonLd(all), { ...CATALOG_PREFIXES } as never))
      : type === "application/rdf+xml"
        ? serializeTriples(all, "application/rdf+xml")
        : await serializeRdf(all, type === "text/turtle" ? "turtle" : "ntriples", CATALOG_PREFIXES);
  send(res, 200, type, body, { Vary: "Accept" });
}
