// ingest's write step against a target in memory: nothing written for empty input, a second graph for one publisher,
// or a graph that does not conform; the graph written whole when it conforms.

import { describe, expect, it } from "vitest";
import { DataFactory } from "rdf-data-factory";
import type { Quad } from "@rdfjs/types";
import { ingest, loadValidated, openGraphTarget, publisherGraph, type GraphTarget } from "../../src/ingest/index.js";
import type { GraphInfo, GraphMeta } from "../../src/store/types.js";
import { InputError } from "../../src/errors.js";
import { rejected } from "../helpers/errors.js";

const f = new DataFactory();
const GRAPH = "https://data.venue.example/graph";

function info(graphIri: string, publisherId: string): GraphInfo {
  return {
    graphIri,
    publisherId,
    licence: "cc-by-4.0",
    licenceIri: "https://creativecommons.org/licenses/by/4.0/",
    modified: "2026-01-01T00:00:00Z",
    triples: 1,
    version: 1,
  };
}

/** A target that keeps what it is asked to write. */
function target(
  graphs: GraphInfo[] = [],
): GraphTarget & { writes: { graphIri: string; quads: Quad[]; meta: GraphMeta }[] } {
  const writes: { graphIri: string; quads: Quad[]; meta: GraphMeta }[] = [];
  return {
    writes,
    graphs: () => graphs,
    replaceGraph: (graphIri, quads, meta) => {
      writes.push({ graphIri, quads: [...quads], meta });
      return Promise.resolve(info(graphIri, meta.publisherId ?? "?"));
    },
  };
}

const ok = f.quad(
  f.namedNode("https://data.venue.example/venue/1"),
  f.namedNode("http://schema.org/name"),
  f.literal("Grand Quai"),
);

describe("publisherGraph and openGraphTarget", () => {
  it("finds the graph of a publisher, or none", () => {
    const t = target([info("https://a.example/graph", "a"), info(GRAPH, "venue")]);
    expect(publisherGraph(t, "venue")?.graphIri).toBe(GRAPH);
    expect(publisherGraph(t, "nobody")).toBeUndefined();
  });
  it("opens nothing when given neither a data directory nor a store", async () => {
    expect(await openGraphTarget(undefined, undefined)).toBeUndefined();
  });
});

describe("loadValidated", () => {
  it("refuses empty input as load/empty, naming the graph it keeps when there is one", async () => {
    const none = await rejected(loadValidated(target(), { quads: [] }, { publisherId: "venue", source: "s" }));
    expect(none).toBeInstanceOf(InputError);
    expect(none.code).toBe("load/empty");
    const t = target([info(GRAPH, "venue")]);
    const kept = await rejected(
      loadValidated(t, { records: { publisher: {} } as never }, { publisherId: "venue", source: "s" }),
    );
    expect(kept.code).toBe("load/empty");
    expect(kept.message).toContain(GRAPH);
    expect(t.writes).toEqual([]);
  });
  it("refuses a second graph for a publisher that has one", async () => {
    const t = target([info(GRAPH, "venue")]);
    const e = await rejected(
      loadValidated(t, { quads: [ok] }, { publisherId: "venue", graphIri: "https://other.example/graph", source: "s" }),
    );
    expect(e.code).toBe("load/publisher-graph-mismatch");
    expect(e.message).toContain(GRAPH);
    expect(e.message).toContain("https://other.example/graph");
    expect(t.writes).toEqual([]);
  });
  it("writes nothing when a subject is not the publisher's, and says so in the report", async () => {
    const t = target();
    const foreign = f.quad(f.namedNode("https://elsewhere.example/e/1"), ok.predicate, ok.object);
    const outcome = await loadValidated(
      t,
      { quads: [ok, foreign] },
      {
        publisherId: "venue",
        graphIri: GRAPH,
        licence: "cc-by-4.0",
        source: "https://venue.example/sitemap.xml",
      },
    );
    expect(outcome.written).toBeUndefined();
    expect(outcome.prepared.ok).toBe(false);
    expect(outcome.prepared.report.conforms).toBe(false);
    expect(outcome.prepared.report.issues.map((r) => [r.code, r.focusNode])).toContainEqual([
      "core/own-subject",
      "https://elsewhere.example/e/1",
    ]);
    expect(t.writes).toEqual([]);
  });
});

describe("ingest", () => {
  it("writes a conforming graph whole, once, after telling onPrepared", async () => {
    const t = target();
    const seen: string[] = [];
    const outcome = await ingest(
      [{ text: `<${ok.subject.value}> <${ok.predicate.value}> "Grand Quai" .\n`, source: "venue.nt" }],
      { publisherId: "venue", graphIri: GRAPH, licence: "cc-by-4.0" },
      t,
      { onPrepared: (p) => seen.push(`${p.graphIri} ${t.writes.length}`) },
    );
    expect(seen).toEqual([`${GRAPH} 0`]);
    expect(outcome.prepared.ok).toBe(true);
    expect(outcome.written?.graphIri).toBe(GRAPH);
    expect(t.writes).toHaveLength(1);
    expect(t.writes[0]!.graphIri).toBe(GRAPH);
    expect(t.writes[0]!.quads.some((q) => q.object.value === "Grand Quai")).toBe(true);
    expect(t.writes[0]!.meta).toMatchObject({ publisherId: "venue", licence: "cc-by-4.0" });
  });
});
