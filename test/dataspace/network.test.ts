// A small data space on loopback (#17 point 6): Vivant nodes A and B (public), S (slow: behind a proxy that holds
// every answer past the others' time limits), D (down: started, then stopped), I (serving invalid data: behind a
// proxy that breaks its graph and its typed answers) and R (a graph shared with one partner only); a follower that
// replicates them, then serves its copy as node H, which also searches the others live (federated search).
// Replication is complete and incremental (a change on A reaches the follower through the feed, for fewer bytes than
// a full copy); the restricted graph leaks through no route of R or of H, with or without the partner's token
// (SPARQL, Graph Store, typed API and facets, stats, iCal, dumps, feed, catalog, reconcile, pages, federated search);
// federated search answers with the list of the nodes missing (S, D, I).
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Parser } from "n3";
import { TokenTable, VivantServer } from "../../src/server/index.js";
import { GraphWriter } from "../../src/store/writer.js";
import { followOnce, type NodeOutcome } from "../../src/dataspace/follow.js";
import { call } from "../server/helpers.js";
import { closeNode, put, scriptedNode, season } from "./nodes.js";
import {
  MARK,
  RESTRICTED_TOKENS,
  RESTRICTED_TURTLE,
  SECRET,
  TOKEN_PARTNER,
  TOKEN_PUBLISHER,
} from "./restricted-fixture.js";

const NODES = { a: "a.example", b: "b.example", s: "s.example", d: "d.example", i: "i.example" } as const;
type Key = keyof typeof NODES;
const graphOf = (k: Key) => `https://${NODES[k]}/graph`;
const tokenOf = (k: Key) => `publisher-token-${k}-network-0123456789`;
const COUNTS: Record<Key, number> = { a: 12, b: 8, s: 4, d: 3, i: 5 };
/** S holds every answer this long: past the follower's and the federation's time limits (generous: the machine may be loaded). */
const SLOW_MS = 6000;
const FOLLOW_TIMEOUT_MS = 2500;
const FEDERATE_TIMEOUT_MS = 2000;

const servers: Partial<Record<Key | "r", VivantServer>> = {};
const urls: Partial<Record<Key | "r", string>> = {};
const proxies: Server[] = [];
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "vivant-network-"));
  dirs.push(d);
  return d;
};

/** Forwards a request to `base` (GET, headers kept but the host), the body relabelled by `edit`. */
async function forward(
  base: string,
  path: string,
  headers: Record<string, string | string[] | undefined>,
  edit: (text: string) => string = (t) => t,
): Promise<{ status: number; type: string; text: string }> {
  const h: Record<string, string> = {};
  for (const k of ["accept", "authorization", "if-none-match", "accept-language"])
    if (typeof headers[k] === "string") h[k] = headers[k];
  const a = await call(base, path.slice(1), { headers: h });
  return { status: a.status, type: a.type, text: edit(a.text) };
}

beforeAll(async () => {
  for (const k of Object.keys(NODES) as Key[]) {
    const tokens = TokenTable.fromEntries([
      { token: tokenOf(k), publisher: `node-${k}`, graph: graphOf(k), licence: "cc-by-4.0" },
    ]);
    const server = await VivantServer.start({ port: 0, workers: 1, tokens, dataDir: tmp(), feed: { pageSize: 5 } });
    await put(server.url, graphOf(k), tokenOf(k), season(NODES[k], COUNTS[k], -1, k === "b" ? "Nantes" : "Lyon"));
    servers[k] = server;
    urls[k] = server.url;
  }
  // R: the restricted graph, and a public one beside it (so that R's whole-server dump exists, and must leave it out).
  const rPublic = {
    token: "publisher-token-r-public-0123456789",
    publisher: "r-public",
    graph: "https://r-public.example/graph",
    licence: "cc-by-4.0",
  };
  const r = await VivantServer.start({
    port: 0,
    workers: 1,
    tokens: TokenTable.fromEntries([...RESTRICTED_TOKENS, rPublic]),
    dataDir: tmp(),
  });
  await put(r.url, SECRET, TOKEN_PUBLISHER, RESTRICTED_TURTLE);
  await put(r.url, rPublic.graph, rPublic.token, season("r-public.example", 2));
  servers.r = r;
  urls.r = r.url;
  // S: every answer held SLOW_MS (past every time limit below), then forwarded.
  const s = servers.s!.url;
  const slow = await scriptedNode((req, res) => {
    const self = `http://127.0.0.1:${(slow.server.address() as { port: number }).port}/`;
    setTimeout(
      () =>
        void forward(s, req.url!, req.headers, (t) => t.replaceAll(s, self)).then(
          (a) => res.writeHead(a.status, { "content-type": a.type }).end(a.text),
          () => res.destroy(),
        ),
      SLOW_MS,
    ).unref();
  });
  proxies.push(slow.server);
  urls.s = slow.url;
  // I: its catalog and feed as they are (relabelled), but its graph breaks the core profile and its typed answers are garbage.
  const i = servers.i!.url;
  const invalid = await scriptedNode((req, res) => {
    const self = `http://127.0.0.1:${(invalid.server.address() as { port: number }).port}/`;
    const path = req.url!;
    if (path.startsWith("/graph-store"))
      return void res
        .writeHead(200, { "content-type": "application/n-triples" })
        .end(
          `<https://${NODES.i}/performance/p0> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/TheaterEvent> .\n`,
        );
    if (path.startsWith("/api/performances/facets"))
      return void res.writeHead(200, { "content-type": "application/json" }).end('{"city": "Lyon"}');
    if (path.startsWith("/api/performances"))
      return void res
        .writeHead(200, { "content-type": "application/ld+json" })
        .end('{"@graph": [{"name": "sans identifiant"}]}');
    void forward(i, path, req.headers, (t) => t.replaceAll(i, self)).then((a) =>
      res.writeHead(a.status, { "content-type": a.type }).end(a.text),
    );
  });
  proxies.push(invalid.server);
  urls.i = invalid.url;
  // Each node's catalog asked once (its dumps made), so that the follower's first request is not the one that waits.
  for (const k of ["a", "b", "i", "r"] as const)
    expect((await call(servers[k]!.url, "catalog", { headers: { accept: "text/turtle" } })).status).toBe(200);
  // D: a Vivant node that went down.
  await servers.d!.close();
  delete servers.d;
});
afterAll(async () => {
  for (const s of Object.values(servers)) await s?.close();
  for (const p of proxies) await closeNode(p);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const catalogs = () => (["a", "b", "s", "d", "i", "r"] as const).map((k) => `${urls[k]}catalog`);
const partnerTokens = () => new Map([[`${urls.r}catalog`, TOKEN_PARTNER]]);

async function follow(dir: string): Promise<NodeOutcome[]> {
  const writer = await GraphWriter.open(dir);
  try {
    return await followOnce({
      catalogs: catalogs(),
      writer,
      use: "index",
      tokens: partnerTokens(),
      policy: { allowPrivate: true, timeoutMs: FOLLOW_TIMEOUT_MS },
    });
  } finally {
    await writer.close();
  }
}
const outcome = (nodes: NodeOutcome[], graph: string) =>
  nodes.flatMap((n) => n.datasets).find((d) => d.graph === graph);
const triples = (text: string) =>
  new Parser({ format: "application/n-triples" })
    .parse(text)
    .map(
      (q) =>
        `${q.subject.termType === "BlankNode" ? "_" : q.subject.value} ${q.predicate.value} ${q.object.termType === "BlankNode" ? "_" : q.object.value}`,
    )
    .sort();

/**
 * The follower's data directory served as node H (the copied restricted graph restricted again), searching the others
 * live (all of them, or without S: a search that waits for no time limit).
 */
async function startHub(dir: string, withSlow = true): Promise<VivantServer> {
  return VivantServer.start({
    port: 0,
    workers: 1,
    dataDir: dir,
    tokens: TokenTable.fromEntries([...RESTRICTED_TOKENS]),
    federation: {
      nodes: [
        urls.a!,
        urls.b!,
        ...(withSlow ? [urls.s!] : []),
        urls.d!,
        urls.i!,
        { url: urls.r!, token: TOKEN_PARTNER },
      ],
      timeoutMs: FEDERATE_TIMEOUT_MS,
      allowPrivate: true,
    },
  });
}

/**
 * Text of the restricted graph's entities: found in an answer, it leaked (the catalog may name the dataset's IRI; an
 * IRI the request itself names, e.g. a page asked for it, may be echoed back).
 */
const leaks = (text: string, asked = ""): boolean =>
  [
    MARK,
    "Zanzibar",
    "Région secrète",
    "secret.example/performance",
    "secret.example/venue",
    "secret.example/production",
  ].some((m) => text.includes(m) && !asked.includes(m));

/** Every route that reads data: [path, init]; `readable` when the partner may read the graph through it. */
function routes(): { path: string; init?: RequestInit; readable?: true }[] {
  const sparql = [
    `SELECT * WHERE { ?s ?p ?o }`,
    `SELECT * WHERE { GRAPH <${SECRET}> { ?s ?p ?o } }`,
    `SELECT * WHERE { GRAPH ?g { ?s ?p ?o FILTER(CONTAINS(STR(?s), "secret.example")) } }`,
    `SELECT * FROM <${SECRET}> WHERE { ?s ?p ?o }`,
    `SELECT * FROM NAMED <${SECRET}> WHERE { GRAPH ?g { ?s ?p ?o } }`,
    `SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g`,
    `DESCRIBE <https://secret.example/performance/p1>`,
    `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${SECRET}> { ?s ?p ?o } }`,
  ].map((q) => ({
    path: `sparql?query=${encodeURIComponent(q)}`,
    init: { headers: { accept: "application/sparql-results+json, text/turtle;q=0.9" } },
  }));
  const html = { headers: { accept: "text/html" } };
  return [
    ...sparql,
    {
      path: `sparql?query=${encodeURIComponent("SELECT * WHERE { ?s ?p ?o }")}&default-graph-uri=${encodeURIComponent(SECRET)}&named-graph-uri=${encodeURIComponent(SECRET)}`,
    },
    {
      path: `graph-store?graph=${encodeURIComponent(SECRET)}`,
      init: { headers: { accept: "application/n-triples" } },
      readable: true,
    },
    { path: "api/performances?limit=500" },
    { path: `api/performances?q=${encodeURIComponent("confidentiel")}` },
    { path: "api/performances/facets" },
    { path: "api/stats" },
    { path: "api/performances.ics" },
    { path: "dumps/", readable: true },
    { path: "feed/secret/0", readable: true },
    { path: "catalog", init: { headers: { accept: "text/turtle" } }, readable: true },
    {
      path: "reconcile",
      init: {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `queries=${encodeURIComponent(JSON.stringify({ q0: { query: MARK } }))}`,
      },
    },
    { path: "reconcile/suggest/entity?prefix=spectacle" },
    { path: ".well-known/capdata-export.rdf?publisher=secret", readable: true },
    { path: "", init: html },
    { path: `?q=${encodeURIComponent("confidentiel")}`, init: html },
    { path: "stats", init: html },
    { path: `resource?iri=${encodeURIComponent("https://secret.example/performance/p1")}`, init: html },
    { path: "health" },
  ];
}

/** Asks every route without a token and with the partner's: nothing leaks but where the partner may read. */
async function expectNoLeak(base: string, extra: { path: string; init?: RequestInit }[] = []): Promise<void> {
  let partnerRead = 0;
  for (const route of [...routes(), ...extra]) {
    for (const who of [undefined, TOKEN_PARTNER]) {
      const headers = {
        ...((route.init?.headers as Record<string, string> | undefined) ?? {}),
        ...(who ? { authorization: `Bearer ${who}` } : {}),
      };
      const a = await call(base, route.path, { ...route.init, headers });
      expect(a.status, `${route.path} ${a.text.slice(0, 200)}`).toBeLessThan(500);
      const leaked = leaks(a.text, decodeURIComponent(route.path));
      if (who === TOKEN_PARTNER && "readable" in route && route.readable) partnerRead += leaked ? 1 : 0;
      else expect(leaked, `${base}${route.path} with ${who ?? "no token"}`).toBe(false);
    }
  }
  // The partner's token does open what it should (so the check above is not vacuous).
  expect(partnerRead).toBeGreaterThanOrEqual(3);
  const all = (
    JSON.parse((await call(base, "dumps/")).text) as { datasets: { graph: string; files: { url: string }[] }[] }
  ).datasets.find((d) => d.graph === "urn:vivant:all");
  expect(all, "the whole server's dump").toBeDefined();
  expect(leaks(gunzipSync(Buffer.from(await (await fetch(all!.files[0]!.url)).arrayBuffer())).toString("utf8"))).toBe(
    false,
  );
}

describe("a data space of Vivant nodes on loopback", () => {
  it("replicates every reachable node completely, then a change on A through the feed for fewer bytes than a full copy; S, D and I fail alone", async () => {
    const dir = tmp();
    const first = await follow(dir);
    const byCatalog = Object.fromEntries(first.map((n) => [n.catalog, n]));
    expect(byCatalog[`${urls.s}catalog`]!.failure).toMatchObject({ code: "fetch" });
    expect(byCatalog[`${urls.d}catalog`]!.failure).toMatchObject({ code: "fetch" });
    expect(outcome(first, graphOf("i"))).toMatchObject({ status: "failed", reason: { code: "invalid-profile" } });
    for (const g of [graphOf("a"), graphOf("b"), SECRET]) expect(outcome(first, g)!.status, g).toBe("copied");
    const copy = outcome(first, graphOf("a"))!;

    await put(urls.a!, graphOf("a"), tokenOf("a"), season(NODES.a, COUNTS.a, 3));
    const next = await follow(dir);
    const inc = outcome(next, graphOf("a"))!;
    expect(inc.status).toBe("updated");
    expect(inc.activities).toBe(1);
    expect(outcome(next, graphOf("b"))!.status).toBe("unchanged");
    // Bytes through the feed for one change, against the full copy's.
    expect(inc.bytes).toBeGreaterThan(0);
    expect(inc.bytes).toBeLessThan(copy.bytes);

    const hub = await startHub(dir);
    try {
      for (const k of ["a", "b"] as const) {
        const here = await call(hub.url, `graph-store?graph=${encodeURIComponent(graphOf(k))}`, {
          headers: { accept: "application/n-triples" },
        });
        const there = await call(urls[k]!, `graph-store?graph=${encodeURIComponent(graphOf(k))}`, {
          headers: { accept: "application/n-triples" },
        });
        expect(triples(here.text)).toEqual(triples(there.text));
      }
      expect(
        triples(
          (
            await call(hub.url, `graph-store?graph=${encodeURIComponent(SECRET)}`, {
              headers: { accept: "application/n-triples", authorization: `Bearer ${TOKEN_PARTNER}` },
            })
          ).text,
        ),
      ).toEqual(
        triples(
          (
            await call(urls.r!, `graph-store?graph=${encodeURIComponent(SECRET)}`, {
              headers: { accept: "application/n-triples", authorization: `Bearer ${TOKEN_PARTNER}` },
            })
          ).text,
        ),
      );
    } finally {
      await hub.close();
    }
  });

  it("the restricted graph leaks through no route of its node nor of the follower serving its copy, with or without the partner's token", async () => {
    await expectNoLeak(urls.r!);
    const dir = tmp();
    await follow(dir);
    const hub = await startHub(dir, false);
    try {
      await expectNoLeak(hub.url, [
        { path: "api/federation/performances?limit=250" },
        { path: `api/federation/performances?q=${encodeURIComponent("confidentiel")}` },
        { path: "api/federation/performances/facets" },
        { path: "federation", init: { headers: { accept: "text/html" } } },
      ]);
    } finally {
      await hub.close();
    }
  });

  it("federated search answers from A, B and the follower's copies, naming S (slow), D (down) and I (invalid) as missing", async () => {
    const dir = tmp();
    await follow(dir);
    const hub = await startHub(dir);
    try {
      const a = await call(hub.url, "api/federation/performances?limit=250", { headers: { "accept-language": "fr" } });
      expect(a.status).toBe(200);
      const page = JSON.parse(a.text) as {
        "@graph": { "@id": string; source: string; alsoAt?: string[] }[];
        next?: string;
        federation: { partial: boolean; failed: { node: string; status: string; message: string }[] };
      };
      expect(page.federation.partial).toBe(true);
      expect(Object.fromEntries(page.federation.failed.map((f) => [f.node, f.status]))).toEqual({
        [urls.s!]: "timeout",
        [urls.d!]: "unreachable",
        [urls.i!]: "invalid",
      });
      expect(page.federation.failed.find((f) => f.node === urls.s)!.message).toBe(
        `pas de réponse en ${FEDERATE_TIMEOUT_MS} ms`,
      );
      const ids = page["@graph"].map((g) => g["@id"]);
      expect(new Set(ids).size).toBe(ids.length);
      const expected = [
        ...(["a", "b"] as const).map((k) => [NODES[k], COUNTS[k]] as const),
        ["r-public.example", 2] as const,
      ];
      expect(ids.sort()).toEqual(
        expected
          .flatMap(([host, n]) => Array.from({ length: n }, (_, i) => `https://${host}/performance/p${i}`))
          .sort(),
      );
      // The follower holds copies of A, B and R's public graph: each performance once, from the follower, its source also named.
      for (const g of page["@graph"]) {
        expect(g.source).toBe(hub.url);
        expect(g.alsoAt).toEqual([
          g["@id"].includes("//a.example/") ? urls.a : g["@id"].includes("//b.example/") ? urls.b : urls.r,
        ]);
      }
      const facets = JSON.parse((await call(hub.url, "api/federation/performances/facets?facet=city")).text) as {
        facets: { city: { value: string; count: number }[] };
        graphs: { graph: string; source: string; alsoAt?: string[] }[];
        federation: { failed: { node: string }[] };
      };
      // Each graph counted once although two nodes hold it (the follower's copy and its source): from the follower,
      // the first node of the list, its source named beside it.
      expect(facets.facets.city).toEqual([
        { value: "Lyon", count: COUNTS.a + 2 },
        { value: "Nantes", count: COUNTS.b },
      ]);
      expect(facets.graphs.map((g) => [g.source, g.alsoAt]).sort()).toEqual(
        [
          [hub.url, [urls.a]],
          [hub.url, [urls.b]],
          [hub.url, [urls.r]],
        ].sort(),
      );
      expect(facets.federation.failed.map((f) => f.node).sort()).toEqual([urls.s!, urls.d!, urls.i!].sort());
      const html = await call(hub.url, "federation?ui=en", { headers: { accept: "text/html" } });
      for (const k of ["s", "d", "i"] as const) expect(html.text).toContain(`data-node="${urls[k]}"`);
      expect(html.text).toContain("Partial results");
    } finally {
      await hub.close();
    }
  });
});
