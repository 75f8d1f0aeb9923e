// A publisher writes only about its own resources (src/store/ownership.ts): with publisher A's token, no route
// (Graph Store PUT and POST, records, JSON-LD, N-Quads naming a graph in the 4th column, `vivant load`) cancels,
// re-prices, re-licences or re-titles publisher B's performance; and statements about B's resources that reached
// a data directory before the rule (an older file) are not served, neither by the typed API nor by SPARQL.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Parser } from "n3";
import type { Quad } from "@rdfjs/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenTable, VivantServer } from "../../src/server/index.js";
import { prepareGraph } from "../../src/store/load.js";
import { prepareDataDir, writeGraphFile } from "../../src/store/files.js";
import { GraphWriter } from "../../src/store/writer.js";
import { graphInfo, serialiseGraph } from "../../src/store/graph-set.js";
import { runCli } from "../helpers/cli.js";
import { call, DEMO_GRAPH, DEMO_TEXT, demoServer, selectRows } from "./helpers.js";

const A_GRAPH = "https://theatre-x.example/graph";
const B_PERF = "https://data.reseau-scenes.example/performance/chansons-loire-01";
const B_OFFER = `${B_PERF}#offer-plein`;
const P =
  "@prefix schema: <http://schema.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@prefix dct: <http://purl.org/dc/terms/> .\n";
/** A's own performance, valid under the core profile. */
const A_OWN = `<https://theatre-x.example/performance/p1> a schema:TheaterEvent ;
  schema:name "Bérénice"@fr ;
  schema:startDate "2026-12-04T20:00:00+01:00"^^xsd:dateTime ;
  schema:workPerformed <https://theatre-x.example/production/berenice> ;
  schema:location <https://theatre-x.example/venue/main> .
<https://theatre-x.example/production/berenice> a schema:CreativeWork ; schema:name "Bérénice"@fr .
<https://theatre-x.example/venue/main> a schema:Place ; schema:name "Théâtre X"@fr ;
  schema:address [ a schema:PostalAddress ; schema:addressLocality "Lyon" ; schema:addressCountry "FR" ] .
`;
/** The attack: B's performance cancelled, free, re-titled, its full price at 0, B's dataset under a second licence. */
const ATTACK = `<${B_PERF}> schema:eventStatus schema:EventCancelled ; schema:isAccessibleForFree true ; schema:name "Annulé par X"@fr .
<${B_OFFER}> schema:price 0 .
<${DEMO_GRAPH}> dct:license <http://creativecommons.org/publicdomain/zero/1.0/> .
`;
const ATTACK_SUBJECTS = [B_PERF, B_OFFER, DEMO_GRAPH];

const gs = (graph: string): string => `graph-store?graph=${encodeURIComponent(graph)}`;
const auth = (token: string, type: string, lang = "en"): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  "content-type": type,
  "accept-language": lang,
});

interface Problem {
  status: number;
  issues: { code: string; focusNode: string; message: string }[];
}

/** What the typed API and SPARQL say about B's performance and B's dataset. */
async function bView(base: string): Promise<Record<string, unknown>> {
  const page = JSON.parse((await call(base, "api/performances?limit=500")).text) as {
    "@graph": Record<string, unknown>[];
  };
  const perf = page["@graph"].find((n) => n["@id"] === B_PERF)!;
  const ids = async (q: string): Promise<string[]> =>
    (JSON.parse((await call(base, `api/performances?limit=500&${q}`)).text) as { "@graph": { "@id": string }[] })[
      "@graph"
    ].map((n) => n["@id"]);
  const licences = await selectRows(base, `SELECT ?l WHERE { <${DEMO_GRAPH}> <http://purl.org/dc/terms/license> ?l }`);
  const claims = await selectRows(
    base,
    `SELECT ?p ?o WHERE { <${B_PERF}> ?p ?o FILTER(?p IN (<http://schema.org/eventStatus>, <http://schema.org/isAccessibleForFree>, <http://schema.org/name>)) }`,
  );
  const prices = await selectRows(base, `SELECT ?p WHERE { <${B_OFFER}> <http://schema.org/price> ?p }`);
  return {
    status: perf.eventStatus,
    free: perf.isAccessibleForFree,
    name: perf.name,
    offer: (perf.offers as { "@id": string; price: number }[]).find((o) => o["@id"] === B_OFFER)?.price,
    listedFree: (await ids("free=true")).includes(B_PERF),
    listedAtZero: (await ids("maxPrice=0")).includes(B_PERF),
    foundByNewTitle: (await ids("q=annul%C3%A9")).includes(B_PERF),
    licences: licences.map((r) => r.l).sort(),
    union: claims.map((r) => `${r.p} ${r.o}`).sort(),
    unionPrices: prices.map((r) => r.p).sort(),
  };
}

describe("a publisher writes only about its own resources (Graph Store Protocol)", () => {
  let server: VivantServer;
  let base: string;
  let aToken: string;
  let before: Record<string, unknown>;
  beforeAll(async () => {
    const tokens = new TokenTable();
    aToken = tokens.issue({ publisherId: "theatre-x", graphIri: A_GRAPH, licence: "cc-by-4.0" });
    ({ server } = await demoServer({ tokens }));
    base = server.url;
    before = await bView(base);
    expect(before).toMatchObject({
      status: "EventScheduled",
      offer: 22,
      listedFree: false,
      listedAtZero: false,
      foundByNewTitle: false,
      licences: ["https://www.etalab.gouv.fr/licence-ouverte-open-licence/"],
    });
    // A has a graph of its own (so that POST merges).
    expect(
      (await call(base, gs(A_GRAPH), { method: "PUT", headers: auth(aToken, "text/turtle"), body: P + A_OWN })).status,
    ).toBe(201);
  }, 60_000);
  afterAll(() => server?.close());

  async function refused(method: string, type: string, body: string, lang = "en"): Promise<Problem> {
    const a = await call(base, gs(A_GRAPH), { method, headers: auth(aToken, type, lang), body });
    expect(a.status, a.text).toBe(422);
    expect(a.type).toMatch(/^application\/problem\+json/);
    return JSON.parse(a.text) as Problem;
  }

  const nquads = (graph: string): string => {
    const quads = new Parser().parse(P + A_OWN + ATTACK) as Quad[];
    return quads
      .map(
        (q) =>
          `${q.subject.termType === "BlankNode" ? `_:${q.subject.value}` : `<${q.subject.value}>`} <${q.predicate.value}> ${
            q.object.termType === "Literal"
              ? `${JSON.stringify(q.object.value)}${q.object.language ? `@${q.object.language}` : `^^<${q.object.datatype.value}>`}`
              : q.object.termType === "BlankNode"
                ? `_:${q.object.value}`
                : `<${q.object.value}>`
          } <${graph}> .`,
      )
      .join("\n");
  };

  const routes: [string, string, string, () => string][] = [
    ["PUT Turtle", "PUT", "text/turtle", () => P + A_OWN + ATTACK],
    ["POST Turtle (merge)", "POST", "text/turtle", () => P + ATTACK],
    ["PUT N-Triples", "PUT", "application/n-triples", () => nquads("").replace(/ <> \.$/gm, " .")],
    ["PUT N-Quads naming B's graph in the 4th column", "PUT", "application/n-quads", () => nquads(DEMO_GRAPH)],
    ["POST N-Quads naming A's own graph", "POST", "application/n-quads", () => nquads(A_GRAPH)],
    [
      "PUT TriG with a GRAPH block of B's",
      "PUT",
      "application/trig",
      () => `${P}${A_OWN}GRAPH <${DEMO_GRAPH}> {\n${ATTACK}}\n`,
    ],
    [
      "PUT JSON-LD",
      "PUT",
      "application/ld+json",
      () =>
        JSON.stringify({
          "@context": { "@vocab": "http://schema.org/" },
          "@graph": [
            {
              "@id": B_PERF,
              eventStatus: { "@id": "http://schema.org/EventCancelled" },
              isAccessibleForFree: true,
              name: { "@value": "Annulé par X", "@language": "fr" },
            },
            { "@id": B_OFFER, price: 0 },
            {
              "@id": DEMO_GRAPH,
              "http://purl.org/dc/terms/license": { "@id": "http://creativecommons.org/publicdomain/zero/1.0/" },
            },
          ],
        }),
    ],
  ];
  for (const [name, method, type, body] of routes) {
    it(`${name}: 422 naming every subject of B's, nothing changed`, async () => {
      const problem = await refused(method, type, body());
      const own = problem.issues.filter((i) => i.code === "core/own-subject");
      expect(own.map((i) => i.focusNode).sort()).toEqual([...ATTACK_SUBJECTS].sort());
      expect(own[0]!.message).toMatch(/is not a resource of this publisher/);
      expect(await bView(base)).toEqual(before);
    }, 30_000);
  }

  it("says it in French", async () => {
    const problem = await refused("PUT", "text/turtle", P + A_OWN + ATTACK, "fr");
    expect(problem.issues.find((i) => i.code === "core/own-subject")!.message).toMatch(
      /n'est pas une ressource de ce diffuseur/,
    );
  });

  it("records: a document claiming B's base IRI is not A's graph (400), and A's token cannot write B's graph (403)", async () => {
    const doc = JSON.parse(DEMO_TEXT) as { publisher: { id: string }; performances: { id: string; status: unknown }[] };
    doc.publisher.id = "theatre-x";
    doc.performances.find((p) => p.id === "chansons-loire-01")!.status = { kind: "cancelled" };
    const intoA = await call(base, gs(A_GRAPH), {
      method: "PUT",
      headers: auth(aToken, "application/json"),
      body: JSON.stringify(doc),
    });
    expect(intoA.status, intoA.text).toBe(400);
    expect(JSON.parse(intoA.text)).toMatchObject({ code: "load/graph-mismatch" });
    for (const method of ["PUT", "POST", "DELETE"]) {
      const intoB = await call(base, gs(DEMO_GRAPH), {
        method,
        headers: auth(aToken, "application/json"),
        body: method === "DELETE" ? null : JSON.stringify(doc),
      });
      expect(intoB.status).toBe(403);
    }
    expect(await bView(base)).toEqual(before);
  }, 30_000);

  it("a namespace registered in the tokens file lets A describe its harvested site, and only that", async () => {
    const tokens = new TokenTable();
    const t = tokens.issue({
      publisherId: "theatre-x",
      graphIri: A_GRAPH,
      licence: "cc-by-4.0",
      namespaces: ["https://www.theatre-x-site.example/"],
    });
    const s2 = await VivantServer.start({ port: 0, tokens });
    try {
      const page = `<https://www.theatre-x-site.example/agenda/berenice> <https://vivant.dev/ns#fetchedAt> "2026-11-01T10:00:00Z"^^xsd:dateTime .\n`;
      const ok = await call(s2.url, gs(A_GRAPH), {
        method: "PUT",
        headers: auth(t, "text/turtle"),
        body: P + A_OWN + page,
      });
      expect(ok.status, ok.text).toBe(201);
      const catalog = await selectRows(
        s2.url,
        `SELECT ?ns WHERE { GRAPH <https://vivant.dev/catalog> { <${A_GRAPH}> <http://rdfs.org/ns/void#uriSpace> ?ns } }`,
      );
      expect(catalog.map((r) => r.ns).sort()).toEqual([
        "https://theatre-x.example/",
        "https://www.theatre-x-site.example/",
      ]);
      const other = await call(s2.url, gs(A_GRAPH), {
        method: "PUT",
        headers: auth(t, "text/turtle"),
        body: `${P}${A_OWN}<https://www.theatre-y-site.example/x> schema:name "Y" .`,
      });
      expect(other.status).toBe(422);
    } finally {
      await s2.close();
    }
  }, 30_000);
});

describe("the tokens file gives each namespace one publisher", () => {
  it("refuses two publishers sharing a base IRI or a registered namespace, naming the entries", () => {
    expect(() =>
      TokenTable.fromEntries([
        { token: "a".repeat(32), publisher: "a", graph: "https://shared.example/graph" },
        { token: "b".repeat(32), publisher: "b", graph: "https://shared.example/data" },
      ]),
    ).toThrow(
      /tokens\[1\]: namespace https:\/\/shared\.example\/ of publisher "b" is already publisher "a"'s \(tokens\[0\]\)/,
    );
    expect(() =>
      TokenTable.fromEntries([
        { token: "a".repeat(32), publisher: "a", graph: "https://a.example/graph", namespaces: ["https://b.example/"] },
        { token: "b".repeat(32), publisher: "b", graph: "https://b.example/graph" },
      ]),
    ).toThrow(/namespace https:\/\/b\.example\/ of publisher "b" is already publisher "a"'s/);
    expect(() =>
      TokenTable.fromEntries([
        { token: "a".repeat(32), publisher: "a", graph: "https://a.example/graph", namespaces: ["https://b.example"] },
      ]),
    ).toThrow(/namespaces\[0\] .* is not a namespace/);
    // One publisher with two tokens (a rotation) is fine.
    expect(
      TokenTable.fromEntries([
        { token: "a".repeat(32), publisher: "a", graph: "https://a.example/graph" },
        { token: "c".repeat(32), publisher: "a", graph: "https://a.example/graph" },
      ]).size,
    ).toBe(2);
  });
});

describe("statements about another publisher's resources already in a data directory", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "vivant-ownership-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** B's demo season written the normal way, then A's graph written as an older version would have: unchecked. */
  async function dataDirWithOldClaims(data: string, extra = ""): Promise<void> {
    const writer = await GraphWriter.open(data);
    const demo = await prepareGraph([{ text: DEMO_TEXT, source: "demo-season.json" }], {});
    await writer.replaceGraph(demo.graphIri, demo.quads, demo.meta);
    await expect(
      writer.replaceGraph(A_GRAPH, new Parser().parse(P + A_OWN + ATTACK) as Quad[], {
        publisherId: "theatre-x",
        licence: "cc0-1.0",
      }),
    ).rejects.toMatchObject({ code: "store/foreign-subjects" });
    await writer.close();
    await prepareDataDir(data);
    const quads = new Parser().parse(P + A_OWN + ATTACK + extra) as Quad[];
    const nt = serialiseGraph(quads, 1);
    await writeGraphFile(
      data,
      graphInfo(A_GRAPH, { publisherId: "theatre-x", licence: "cc0-1.0" }, nt.triples, undefined),
      nt,
    );
  }

  it("are neither served by the typed API nor by SPARQL (union or GRAPH), and are reported at start", async () => {
    const data = join(dir, "old");
    await dataDirWithOldClaims(data);
    const log: string[] = [];
    const server = await VivantServer.start({ port: 0, dataDir: data, log: (l) => log.push(l) });
    try {
      const view = await bView(server.url);
      expect(view).toMatchObject({
        status: "EventScheduled",
        free: undefined,
        offer: 22,
        listedFree: false,
        listedAtZero: false,
        foundByNewTitle: false,
        unionPrices: ["22"],
      });
      expect(view.licences).toEqual(["https://www.etalab.gouv.fr/licence-ouverte-open-licence/"]);
      expect(view.union).toEqual([
        "http://schema.org/eventStatus http://schema.org/EventScheduled",
        "http://schema.org/name Louise Tanguy, Chansons de la Loire",
      ]);
      // A's own statements are served.
      const own = await selectRows(
        server.url,
        `SELECT ?n WHERE { GRAPH <${A_GRAPH}> { <https://theatre-x.example/performance/p1> <http://schema.org/name> ?n } }`,
      );
      expect(own.map((r) => r.n)).toEqual(["Bérénice"]);
      const inA = await selectRows(
        server.url,
        `SELECT ?s WHERE { GRAPH <${A_GRAPH}> { ?s ?p ?o FILTER(STRSTARTS(STR(?s), "https://data.reseau-scenes.example/")) } }`,
      );
      expect(inA).toEqual([]);
      expect(
        log.some(
          (l) =>
            l.includes(`graph ${A_GRAPH}: statements about 3 resources of other publishers not loaded`) &&
            l.includes(`<${B_PERF}>`),
        ),
      ).toBe(true);
    } finally {
      await server.close();
    }
  }, 60_000);

  it("about a publisher that arrives later: removed when its graph appears", async () => {
    const data = join(dir, "later");
    const C_PERF = "https://theatre-c.example/performance/c1";
    await dataDirWithOldClaims(data, `<${C_PERF}> schema:eventStatus schema:EventCancelled .\n`);
    const tokens = new TokenTable();
    const cToken = tokens.issue({
      publisherId: "theatre-c",
      graphIri: "https://theatre-c.example/graph",
      licence: "cc0-1.0",
    });
    const server = await VivantServer.start({ port: 0, dataDir: data, tokens });
    try {
      const status = async (): Promise<string[]> =>
        (await selectRows(server.url, `SELECT ?s WHERE { <${C_PERF}> <http://schema.org/eventStatus> ?s }`))
          .map((r) => r.s!)
          .sort();
      // Nobody owns C's IRIs yet: A's statement is A's.
      expect(await status()).toEqual(["http://schema.org/EventCancelled"]);
      const c = A_OWN.replaceAll("theatre-x.example", "theatre-c.example").replace("performance/p1", "performance/c1");
      const put = await call(server.url, gs("https://theatre-c.example/graph"), {
        method: "PUT",
        headers: auth(cToken, "text/turtle"),
        body: `${P}${c}<${C_PERF}> schema:eventStatus schema:EventScheduled .`,
      });
      expect(put.status, put.text).toBe(201);
      expect(await status()).toEqual(["http://schema.org/EventScheduled"]);
      const page = JSON.parse((await call(server.url, "api/performances?limit=500")).text) as {
        "@graph": Record<string, unknown>[];
      };
      expect(page["@graph"].find((n) => n["@id"] === C_PERF)).toMatchObject({ eventStatus: "EventScheduled" });
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe("vivant load into a data directory", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "vivant-ownership-cli-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses A's statements about B's performance (exit 1, naming them) and a namespace that is B's (exit 2); nothing written", async () => {
    const data = join(dir, "data");
    expect((await runCli(["load", "fixtures/demo-season.json", "--data", data])).code).toBe(0);
    const file = join(dir, "attack.ttl");
    (await import("node:fs")).writeFileSync(file, P + A_OWN + ATTACK);
    const r = await runCli([
      "load",
      file,
      "--data",
      data,
      "--publisher",
      "theatre-x",
      "--graph",
      A_GRAPH,
      "--licence",
      "cc0-1.0",
    ]);
    expect(r.code, r.stderr).toBe(1);
    for (const s of ATTACK_SUBJECTS) expect(r.stdout).toContain(`<${s}> is not a resource of this publisher`);
    // Registering B's base as a namespace of A's: refused by the store, whatever the input.
    const cancel = join(dir, "cancel.ttl");
    (await import("node:fs")).writeFileSync(
      cancel,
      `${P}${A_OWN}<${B_PERF}> schema:eventStatus schema:EventCancelled .\n`,
    );
    const taken = await runCli([
      "load",
      cancel,
      "--data",
      data,
      "--publisher",
      "theatre-x",
      "--graph",
      A_GRAPH,
      "--licence",
      "cc0-1.0",
      "--namespace",
      "https://data.reseau-scenes.example/",
    ]);
    expect(taken.code, taken.stderr).toBe(2);
    expect(taken.stderr).toMatch(
      /resources? of other publishers|already graph https:\/\/data\.reseau-scenes\.example\/graph's/,
    );
    const writer = await GraphWriter.open(data);
    try {
      expect(writer.graphs().map((g) => g.graphIri)).toEqual([DEMO_GRAPH]);
    } finally {
      await writer.close();
    }
  }, 60_000);
});
