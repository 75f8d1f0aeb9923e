// Harvest into a data directory through the store's validated loading path (src/harvest/load.ts):
// `vivant harvest … --data DIR` against a loopback site, then the data directory read back the way
// `vivant serve --data` reads it. Only valid data is written, the publisher's graph is replaced whole,
// the catalog carries licence and source, and the graph carries per-page provenance.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataFactory } from "n3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadValidated, openDataDir } from "../../src/harvest/load.js";
import { embedScript, parseRecords, toEmbeds } from "../../src/mapping/index.js";
import { findPerformances } from "../../src/query/index.js";
import type { RecordDocument } from "../../src/records/types.js";
import { CATALOG_GRAPH, GraphStore } from "../../src/store/index.js";
import { DCAT, DCTERMS, PROV, VIVANT } from "../../src/vocab.js";
import { runCli } from "../helpers/cli.js";
import { page, script, startSite, type TestSite } from "./server.js";

const { namedNode, literal, quad } = DataFactory;
const DEMO = parseRecords(JSON.parse(readFileSync(new URL("../../fixtures/demo-season.json", import.meta.url), "utf8")))
  .document as RecordDocument;
const GRAPH = "https://vivant.dev/publishers/reseau-scenes/graph";
const ETALAB = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";
/** A run published as one event with two dates: the harvest keeps both, the core profile rejects it (one event per performance). */
const RUN_AS_ONE_EVENT = {
  "@context": "https://schema.org",
  "@type": "TheaterEvent",
  "@id": "https://venue.example/e/1",
  name: "Phèdre",
  startDate: ["2026-10-01T20:00:00+02:00", "2026-10-02T20:00:00+02:00"],
  eventStatus: "EventScheduled",
  workPerformed: { "@type": "CreativeWork", "@id": "https://venue.example/w/phedre", name: "Phèdre" },
  location: {
    "@type": "Place",
    "@id": "https://venue.example/p/a",
    name: "Salle A",
    address: { "@type": "PostalAddress", addressLocality: "Brest", addressCountry: "FR" },
  },
};

let site: TestSite;
let dir: string;
let paths: string[];

function sitemap(urls: readonly string[]): string {
  return `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((p) => `<url><loc>${site.origin}${p}</loc></url>`).join("")}</urlset>`;
}

/** Every file of the data directory's graphs folder, by name: what "unchanged on disk" compares. */
function graphFiles(data: string): Record<string, string> {
  const d = join(data, "graphs");
  return Object.fromEntries(
    readdirSync(d)
      .sort()
      .map((f) => [f, readFileSync(join(d, f), "utf8")]),
  );
}

async function opened<T>(data: string, fn: (store: GraphStore) => Promise<T>): Promise<T> {
  const store = await GraphStore.open({ dataDir: data, readOnly: true });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function performanceCount(store: GraphStore): Promise<number> {
  return (await findPerformances(store, {}, { limit: 500 })).items.length;
}

// The pages carry the demo season's IRIs (and the run's, under venue.example): the publisher registers both namespaces.
const harvestArgs = (data: string, ...rest: string[]) => [
  "harvest",
  ...rest,
  "--publisher",
  "reseau-scenes",
  "--data",
  data,
  "--delay",
  "0",
  "--allow-private",
  "--namespace",
  "https://data.reseau-scenes.example/",
  "--namespace",
  "https://venue.example/",
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "vivant-harvest-load-"));
  site = await startSite();
  paths = [];
  for (const [id, e] of toEmbeds(DEMO)) {
    site.route(`/saison/${id}.html`, { type: "text/html; charset=utf-8", body: page(id, [embedScript(e)]) });
    paths.push(`/saison/${id}.html`);
  }
  site.route("/robots.txt", { type: "text/plain", body: "User-agent: *\nAllow: /\n" });
  site.route("/sitemap.xml", { type: "application/xml", body: sitemap(paths) });
  site.route("/sitemap-autumn.xml", { type: "application/xml", body: sitemap(paths.slice(0, 40)) });
  site.route("/run.html", { type: "text/html", body: page("Phèdre", [script(RUN_AS_ONE_EVENT)]) });
});

afterAll(async () => {
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("vivant harvest --data: the store's validated loading path", () => {
  // The tests of this block run in order on one data directory: load, replace, reject.
  const data = () => join(dir, "data");

  it("loads a harvest of the demo season into the publisher's graph; the catalog lists it with its licence and source", async () => {
    const r = await runCli(
      [...harvestArgs(data(), `${site.origin}/sitemap.xml`), "--licence", "etalab-2.0", "--report", "report.json"],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/validated \d+ triples: \d+ warnings/);
    expect(r.stdout).toMatch(
      new RegExp(`^loaded \\d+ triples into ${GRAPH} \\(publisher reseau-scenes, version 1, ${ETALAB}\\)`),
    );
    expect(JSON.parse(readFileSync(join(dir, "report.json"), "utf8")).load).toMatchObject({
      graphIri: GRAPH,
      written: true,
      violations: 0,
      version: 1,
    });
    await opened(data(), async (store) => {
      expect(store.graphs()).toMatchObject([
        {
          graphIri: GRAPH,
          publisherId: "reseau-scenes",
          licence: "etalab-2.0",
          licenceIri: ETALAB,
          source: `${site.origin}/sitemap.xml`,
          version: 1,
        },
      ]);
      const catalog = await store.select(
        `SELECT ?g ?licence ?source ?modified ?triples WHERE { GRAPH <${CATALOG_GRAPH}> { <${CATALOG_GRAPH}> <${DCAT}dataset> ?g . ` +
          `?g <${DCTERMS}license> ?licence ; <${DCTERMS}source> ?source ; <${DCTERMS}modified> ?modified ; <http://rdfs.org/ns/void#triples> ?triples } }`,
      );
      expect(catalog.bindings).toHaveLength(1);
      const row = catalog.bindings[0]!;
      expect([row.g!.value, row.licence!.value, row.source!.termType, row.source!.value]).toEqual([
        GRAPH,
        ETALAB,
        "NamedNode",
        `${site.origin}/sitemap.xml`,
      ]);
      expect(Number(row.triples!.value)).toBe(store.graphs()[0]!.triples);
      // Provenance per page: each event comes from its page, and each page says when it was fetched.
      const prov = await store.select(
        `SELECT (COUNT(DISTINCT ?e) AS ?events) (COUNT(DISTINCT ?page) AS ?pages) (COUNT(DISTINCT ?t) AS ?times) WHERE { GRAPH <${GRAPH}> { ` +
          `?e <http://schema.org/workPerformed> ?w ; <${PROV}wasDerivedFrom> ?page . ?page <${VIVANT}fetchedAt> ?t } }`,
      );
      expect(prov.bindings[0]!.events!.value).toBe("165");
      expect(prov.bindings[0]!.pages!.value).toBe("165");
      expect(Number(prov.bindings[0]!.times!.value)).toBeGreaterThan(0);
      expect(await performanceCount(store)).toBe(165);
    });
  }, 60_000);

  it("re-running replaces the graph whole (a smaller harvest leaves nothing of the first), keeping the publisher's licence", async () => {
    const r = await runCli(harvestArgs(data(), `${site.origin}/sitemap-autumn.xml`));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/version 2/);
    await opened(data(), async (store) => {
      expect(store.graphs()).toMatchObject([
        { graphIri: GRAPH, licence: "etalab-2.0", source: `${site.origin}/sitemap-autumn.xml`, version: 2 },
      ]);
      expect(await performanceCount(store)).toBe(40);
      const pages = await store.select(
        `SELECT (COUNT(DISTINCT ?page) AS ?n) WHERE { GRAPH <${GRAPH}> { ?page <${VIVANT}fetchedAt> ?t } }`,
      );
      expect(pages.bindings[0]!.n!.value).toBe("40");
    });
  }, 60_000);

  it("writes nothing when the harvest violates the core profile: the report is shown, exit 1, the graph unchanged on disk", async () => {
    const before = graphFiles(data());
    const r = await runCli(harvestArgs(data(), `${site.origin}/run.html`, `${site.origin}${paths[0]}`));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/profile core: does not conform: 1 violation, \d+ warnings/);
    expect(r.stdout).toContain("<https://venue.example/e/1>");
    expect(r.stdout).toMatch(/several startDate values/);
    expect(r.stderr).toMatch(
      new RegExp(`vivant harvest: nothing written: \\d+ violations? \\(graph ${GRAPH} unchanged\\)`),
    );
    expect(graphFiles(data())).toEqual(before);
    await opened(data(), async (store) => expect(store.graphs()[0]!.version).toBe(2));
  }, 60_000);

  it("a harvest that read nothing never empties the graph: exit 2, unchanged on disk", async () => {
    const before = graphFiles(data());
    const r = await runCli(harvestArgs(data(), `${site.origin}/missing.html`));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/FAILED http-status/);
    expect(r.stderr).toMatch(/nothing harvested: nothing written/);
    expect(graphFiles(data())).toEqual(before);
  });

  it("refuses, before fetching anything, a --base-iri that is not the publisher's graph, and a data directory in use", async () => {
    const requests = site.requests.length;
    const other = await runCli(
      harvestArgs(data(), `${site.origin}/sitemap.xml`, "--base-iri", "https://elsewhere.example/"),
    );
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/already has graph https:\/\/vivant\.dev\/publishers\/reseau-scenes\/graph/);
    const writer = await openDataDir(data());
    try {
      const busy = await runCli(harvestArgs(data(), `${site.origin}/sitemap.xml`));
      expect(busy.code).toBe(2);
      expect(busy.stderr).toMatch(/in use/);
    } finally {
      await writer.close();
    }
    expect(site.requests.length).toBe(requests);
  });
});

describe("loadValidated", () => {
  const s = (p: string) => namedNode(`http://schema.org/${p}`);
  const rdfType = namedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
  const event = (start: string) => {
    const e = namedNode("https://venue.example/e/2");
    const w = namedNode("https://venue.example/w/2");
    const p = namedNode("https://venue.example/p/2");
    const a = namedNode("https://venue.example/p/2#address");
    return [
      quad(e, rdfType, s("TheaterEvent")),
      quad(e, s("name"), literal("Bérénice", "fr")),
      quad(e, s("workPerformed"), w),
      quad(e, s("location"), p),
      quad(e, s("startDate"), literal(start, namedNode("http://www.w3.org/2001/XMLSchema#dateTime"))),
      quad(e, s("eventStatus"), s("EventScheduled")),
      quad(w, rdfType, s("CreativeWork")),
      quad(w, s("name"), literal("Bérénice", "fr")),
      quad(p, rdfType, s("Place")),
      quad(p, s("name"), literal("Salle B", "fr")),
      quad(p, s("address"), a),
      quad(a, rdfType, s("PostalAddress")),
      quad(a, s("addressLocality"), literal("Lyon")),
      quad(a, s("addressCountry"), literal("FR")),
    ];
  };
  const request = {
    publisherId: "venue",
    graphIri: "https://venue.example/graph",
    licence: "cc0-1.0",
    source: "https://venue.example/sitemap.xml",
  };

  // Violations through this function are tested above, by the CLI (each validation starts worker threads:
  // seconds under the test runner), so this test validates once.
  it("writes valid quads into a GraphStore; throws, writing nothing, for no input and for a second graph of one publisher", async () => {
    const store = await GraphStore.open();
    try {
      await expect(loadValidated(store, { quads: [] }, request)).rejects.toMatchObject({ code: "load/empty" });
      expect(store.graphs()).toEqual([]);
      const good = await loadValidated(store, { quads: event("2026-12-04T20:00:00+01:00") }, request);
      expect(good.written).toMatchObject({
        graphIri: request.graphIri,
        publisherId: "venue",
        licence: "cc0-1.0",
        version: 1,
        triples: 14,
      });
      expect(await performanceCount(store)).toBe(1);
      // Checked before validating: one publisher, one graph.
      await expect(
        loadValidated(
          store,
          { quads: event("2026-12-04T20:00:00+01:00") },
          { ...request, graphIri: "https://venue.example/other-graph" },
        ),
      ).rejects.toMatchObject({ code: "load/publisher-graph-mismatch" });
      expect(store.graphs().map((g) => [g.graphIri, g.version])).toEqual([[request.graphIri, 1]]);
    } finally {
      await store.close();
    }
  }, 60_000);
});
