// Federated search (src/dataspace/federation.ts, /api/federation/…, /federation): three Vivant nodes with interleaved
// seasons and hostile nodes (garbage JSON, not JSON, an answer past the size cap, a redirect, a slow node, a node
// down, a recorder of the headers it gets). Every performance of every node comes back exactly once over the pages,
// in start order, labelled with its node; facet counts are the sums of the nodes', a graph two nodes hold counted
// once; each failing node is named with
// why, and the answer says it is partial; only configured URLs are contacted, the caller's token never leaves.
import { Writable } from "node:stream";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenTable, VivantServer } from "../../src/server/index.js";
import { Federation, federatedNodes } from "../../src/dataspace/federation.js";
import { startServe } from "../../src/cli/serve.js";
import { call } from "../server/helpers.js";
import { closeNode, downNode, put, scriptedNode, season, slowNode } from "./nodes.js";
import { performanceFacetsByGraph } from "../../src/query/aggregates.js";

const hosts = ["a.example", "b.example", "c.example"] as const;
const counts = [9, 7, 5];
const token = (h: string) => `publisher-token-${h}-0123456789`;
const CALLER = "caller-token-must-never-travel-0123";
const NODE_TOKEN = "recorder-node-token-0123456789abc";

let nodes: VivantServer[] = [];
let hub: VivantServer;
const scripted: Server[] = [];
let garbageUrl = "";
let notJsonUrl = "";
let hugeUrl = "";
let redirectUrl = "";
let recorderUrl = "";
let slowUrl = "";
let downUrl = "";
const recorded: string[] = [];
let redirectFollowed = 0;

async function scripted_(listener: Parameters<typeof scriptedNode>[0]): Promise<string> {
  const s = await scriptedNode(listener);
  scripted.push(s.server);
  return s.url;
}

beforeAll(async () => {
  nodes = await Promise.all(
    hosts.map(async (h, i) => {
      const graph = `https://${h}/graph`;
      const server = await VivantServer.start({
        port: 0,
        workers: 1,
        tokens: TokenTable.fromEntries([{ token: token(h), publisher: h.split(".")[0]!, graph, licence: "cc-by-4.0" }]),
      });
      await put(server.url, graph, token(h), season(h, counts[i]!, -1, i === 2 ? "Nantes" : "Lyon"));
      return server;
    }),
  );
  garbageUrl = await scripted_(
    (_q, res) =>
      void res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ "@graph": [{ name: "no id" }], type: [{ value: 3 }] })),
  );
  notJsonUrl = await scripted_(
    (_q, res) => void res.writeHead(200, { "content-type": "application/json" }).end("<html>not json</html>"),
  );
  hugeUrl = await scripted_(
    (_q, res) =>
      void res
        .writeHead(200, { "content-type": "application/json" })
        .end(`{"@graph": [], "pad": "${"x".repeat(300_000)}"}`),
  );
  const target = await scripted_((_q, res) => {
    redirectFollowed++;
    res.writeHead(200, { "content-type": "application/json" }).end('{"@graph": []}');
  });
  redirectUrl = await scripted_((_q, res) => void res.writeHead(302, { location: `${target}api/performances` }).end());
  recorderUrl = await scripted_((req, res) => {
    recorded.push(req.headers.authorization ?? "none");
    void call(nodes[0]!.url, req.url!.slice(1)).then((a) =>
      res.writeHead(a.status, { "content-type": a.type }).end(a.text),
    );
  });
  const slow = await slowNode(5000);
  scripted.push(slow.server);
  slowUrl = slow.url;
  downUrl = await downNode();
  hub = await VivantServer.start({
    port: 0,
    workers: 1,
    federation: { nodes: [nodes[1]!.url, nodes[2]!.url], timeoutMs: 1500, allowPrivate: true },
  });
});
afterAll(async () => {
  await hub?.close();
  for (const n of nodes) await n.close();
  for (const s of scripted) await closeNode(s);
});

const allIds = () =>
  hosts.flatMap((h, i) => Array.from({ length: counts[i]! }, (_, n) => `https://${h}/performance/p${n}`));

describe("federated search", () => {
  it("pages through every node's performances once each, in start order, each labelled with its node", async () => {
    const fed = new Federation({ nodes: nodes.map((n) => n.url), allowPrivate: true, timeoutMs: 5000 });
    try {
      const seen: { id: string; start: string; source: string }[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const p = await fed.performances({}, { limit: 4, ...(cursor ? { cursor } : {}) });
        expect(p.partial).toBe(false);
        expect(p.items.length).toBeLessThanOrEqual(4);
        for (const i of p.items) seen.push({ id: i["@id"], start: String(i.startDate), source: i.source });
        if (p.next === undefined) break;
        cursor = p.next;
      }
      expect(seen.map((s) => s.id).sort()).toEqual(allIds().sort());
      for (const s of seen) expect(s.source).toBe(nodes[hosts.findIndex((h) => s.id.includes(`//${h}/`))]!.url);
      const keys = seen.map((s) => `${Date.parse(s.start)} ${s.id}`);
      expect(keys).toEqual(
        [...keys].sort((a, b) => Number(a.split(" ")[0]) - Number(b.split(" ")[0]) || (a < b ? -1 : 1)),
      );
    } finally {
      await fed.close();
    }
  });

  it("sums the nodes' facet counts", async () => {
    const fed = new Federation({ nodes: nodes.map((n) => n.url), allowPrivate: true, timeoutMs: 5000 });
    try {
      const f = await fed.facets({}, ["city", "type"]);
      expect(f.partial).toBe(false);
      expect(f.facets.city).toEqual([
        { value: "Lyon", count: counts[0]! + counts[1]! },
        { value: "Nantes", count: counts[2]! },
      ]);
      expect(f.facets.type).toEqual([{ value: "TheaterEvent", count: counts[0]! + counts[1]! + counts[2]! }]);
      const lyon = await fed.performances({ city: "Lyon" }, { limit: 50 });
      expect(lyon.items).toHaveLength(counts[0]! + counts[1]!);
    } finally {
      await fed.close();
    }
  });

  it("counts a graph two nodes hold (a follower's copy beside its publisher's node) once, from the first of them", async () => {
    // A fourth node holding a copy of a.example's graph: the same graph IRI, the same performances.
    const copy = await VivantServer.start({
      port: 0,
      workers: 1,
      tokens: TokenTable.fromEntries([
        { token: token("copy"), publisher: "a", graph: "https://a.example/graph", licence: "cc-by-4.0" },
      ]),
    });
    try {
      await put(copy.url, "https://a.example/graph", token("copy"), season("a.example", counts[0]!, -1, "Lyon"));
      const fed = new Federation({
        nodes: [nodes[0]!.url, copy.url, nodes[1]!.url],
        allowPrivate: true,
        timeoutMs: 5000,
      });
      try {
        const f = await fed.facets({}, ["city", "type"]);
        expect(f.partial).toBe(false);
        expect(f.facets.city).toEqual([{ value: "Lyon", count: counts[0]! + counts[1]! }]);
        expect(f.facets.type).toEqual([{ value: "TheaterEvent", count: counts[0]! + counts[1]! }]);
        expect(f.graphs).toEqual([
          { graph: "https://a.example/graph", source: nodes[0]!.url, alsoAt: [copy.url] },
          { graph: "https://b.example/graph", source: nodes[1]!.url },
        ]);
        // The page agrees: each of a.example's performances once, from the first node, the copy named beside it.
        const p = await fed.performances({}, { limit: 50 });
        expect(p.items).toHaveLength(counts[0]! + counts[1]!);
        for (const i of p.items.filter((x) => x["@id"].includes("//a.example/")))
          expect([i.source, i.alsoAt]).toEqual([nodes[0]!.url, [copy.url]]);
      } finally {
        await fed.close();
      }
      // With the publisher's node down, the copy is counted.
      const alone = new Federation({ nodes: [downUrl, copy.url], allowPrivate: true, timeoutMs: 5000 });
      try {
        const f = await alone.facets({}, ["city"]);
        expect(f.partial).toBe(true);
        expect(f.facets.city).toEqual([{ value: "Lyon", count: counts[0]! }]);
        expect(f.graphs).toEqual([{ graph: "https://a.example/graph", source: copy.url }]);
      } finally {
        await alone.close();
      }
    } finally {
      await copy.close();
    }
  });

  it("answers facet counts by graph, from its index and from SPARQL alike", async () => {
    const got = await call(nodes[0]!.url, "api/performances/facets?facet=city&facet=type&by=graph");
    expect(got.status, got.text).toBe(200);
    const byGraph = JSON.parse(got.text) as { graphs: { graph: string; facets: Record<string, unknown> }[] };
    expect(byGraph.graphs).toEqual([
      {
        graph: "https://a.example/graph",
        facets: { city: [{ value: "Lyon", count: counts[0]! }], type: [{ value: "TheaterEvent", count: counts[0]! }] },
      },
    ]);
    const sparql = await performanceFacetsByGraph(nodes[0]!.pool, {}, ["city", "type"]);
    expect(sparql).toEqual(byGraph.graphs);
    const bad = await call(nodes[0]!.url, "api/performances/facets?by=venue");
    expect([bad.status, JSON.parse(bad.text).code]).toEqual([400, "api/bad-by"]);
  });

  it("names each node that failed and why, says the answer is partial, and still merges the others", async () => {
    const bad = [garbageUrl, notJsonUrl, hugeUrl, redirectUrl, slowUrl, downUrl];
    const fed = new Federation({
      nodes: [nodes[0]!.url, ...bad],
      allowPrivate: true,
      timeoutMs: 1000,
      maxBytes: 100_000,
    });
    try {
      const p = await fed.performances({}, { limit: 50 });
      expect(p.partial).toBe(true);
      expect(p.items.map((i) => i["@id"]).sort()).toEqual(
        allIds()
          .filter((id) => id.includes("//a.example/"))
          .sort(),
      );
      const why = Object.fromEntries(p.failed.map((f) => [f.node, f.status]));
      expect(why).toEqual({
        [garbageUrl]: "invalid",
        [notJsonUrl]: "invalid",
        [hugeUrl]: "too-large",
        [redirectUrl]: "http-error",
        [slowUrl]: "timeout",
        [downUrl]: "unreachable",
      });
      for (const f of p.failed) expect(f.message!.fr).not.toBe(f.message!.en);
      expect(redirectFollowed).toBe(0);
      const f = await fed.facets({});
      expect(f.failed.map((x) => x.node).sort()).toEqual([...bad].sort());
      expect(f.facets.city).toEqual([{ value: "Lyon", count: counts[0]! }]);
    } finally {
      await fed.close();
    }
  });

  it("refuses node URLs that are not base URLs, duplicates and malformed tokens", () => {
    for (const url of [
      "ftp://x.example/",
      "http://user:pw@x.example/",
      "http://x.example/?a=1",
      "not a url",
      "http://x.example/#f",
    ])
      expect(() => federatedNodes([url]), url).toThrow(/base URL/);
    expect(() => federatedNodes(["http://x.example", "http://x.example/"])).toThrow(/twice/);
    expect(() => federatedNodes([{ url: "http://x.example/", token: "with space in it 0123456789" }])).toThrow(
      /bearer/,
    );
    expect(federatedNodes(["http://x.example/vivant"])[0]!.url).toBe("http://x.example/vivant/");
  });

  it("refuses loopback nodes unless allowed", async () => {
    const fed = new Federation({ nodes: [nodes[0]!.url], timeoutMs: 2000 });
    try {
      const p = await fed.performances({});
      expect(p.failed[0]).toMatchObject({ status: "unreachable", detail: expect.stringMatching(/private|loopback/i) });
    } finally {
      await fed.close();
    }
  });

  it("over HTTP: the hub's own part, each node's, the federation block, 400 on a bad cursor or limit, the caller's token never forwarded", async () => {
    const a = await call(hub.url, "api/federation/performances?limit=100&city=Nantes", {
      headers: { authorization: `Bearer ${CALLER}`, "accept-language": "fr" },
    });
    expect(a.status, a.text).toBe(200);
    const json = JSON.parse(a.text) as {
      "@graph": { "@id": string; source: string }[];
      federation: { partial: boolean; nodes: { node: string; status: string }[] };
    };
    expect(json["@graph"]).toHaveLength(counts[2]!);
    expect(new Set(json["@graph"].map((g) => g.source))).toEqual(new Set([nodes[2]!.url]));
    expect(json.federation.partial).toBe(false);
    expect(json.federation.nodes.map((n) => n.node)).toEqual([hub.url, nodes[1]!.url, nodes[2]!.url]);
    for (const [path, code] of [
      ["api/federation/performances?cursor=garbage", "federation/bad-cursor"],
      ["api/federation/performances?limit=251", "federation/bad-limit"],
      ["api/federation/performances?limit=x", "federation/bad-limit"],
      ["api/federation/performances?nodes=http://evil.example/", "api/unknown-parameter"],
      ["api/federation/performances/facets?facet=nope", "api/bad-facet"],
    ] as const) {
      const r = await call(hub.url, path);
      expect(r.status, path).toBe(400);
      expect(JSON.parse(r.text).code, path).toBe(code);
    }
    const facets = JSON.parse((await call(hub.url, "api/federation/performances/facets?facet=city")).text) as {
      facets: { city: unknown };
      federation: { partial: boolean };
    };
    expect(facets.facets.city).toEqual(
      [
        { value: "Nantes", count: counts[2]! },
        { value: "Lyon", count: counts[1]! },
      ].sort((x, y) => y.count - x.count),
    );
    expect((await call(nodes[0]!.url, "api/federation/performances")).status).toBe(404);
    expect((await call(nodes[0]!.url, "federation", { headers: { accept: "text/html" } })).status).toBe(404);
    const withToken = await VivantServer.start({
      port: 0,
      workers: 1,
      federation: { nodes: [{ url: recorderUrl, token: NODE_TOKEN }], allowPrivate: true },
    });
    try {
      recorded.length = 0;
      for (const path of ["api/federation/performances", "api/federation/performances/facets", "federation"]) {
        const r = await call(withToken.url, path, {
          headers: { authorization: `Bearer ${CALLER}`, accept: path === "federation" ? "text/html" : "*/*" },
        });
        expect(r.status, path).toBe(200);
      }
      expect(recorded.length).toBeGreaterThanOrEqual(3);
      expect(new Set(recorded)).toEqual(new Set([`Bearer ${NODE_TOKEN}`]));
    } finally {
      await withToken.close();
    }
  });

  it("the /federation page labels each performance with its node and lists the nodes missing, in French and English", async () => {
    const partial = await VivantServer.start({
      port: 0,
      workers: 1,
      federation: { nodes: [nodes[0]!.url, slowUrl, downUrl], allowPrivate: true, timeoutMs: 800 },
    });
    try {
      const fr = await call(partial.url, "federation?ui=fr", { headers: { accept: "text/html" } });
      expect(fr.status).toBe(200);
      expect(fr.text).toContain("Résultats partiels");
      expect(fr.text).toContain(`data-node="${slowUrl}"`);
      expect(fr.text).toContain(`data-node="${downUrl}"`);
      expect(fr.text).toContain("pas de réponse en 800 ms");
      expect(fr.text).toContain(`Source : <a href="${nodes[0]!.url}">`);
      expect(fr.text).toContain(
        `${nodes[0]!.url}resource?ui=fr&amp;iri=${encodeURIComponent("https://a.example/performance/p0")}`,
      );
      const en = await call(partial.url, "federation?ui=en", { headers: { accept: "text/html" } });
      expect(en.text).toContain("Partial results");
      expect(en.text).toContain("no answer within 800 ms");
      const home = await call(partial.url, "?ui=en", { headers: { accept: "text/html" } });
      expect(home.text).toContain("Search the network too (4 nodes)");
    } finally {
      await partial.close();
    }
  });

  it("vivant serve --federate, --federate-timeout and --federate-token configure it; a token for another node is refused", async () => {
    const sink = new Writable({
      write(_c, _e, cb) {
        cb();
      },
    });
    const io = { stdout: sink, stderr: sink, cwd: process.cwd(), isTTY: false, env: {} };
    const server = await startServe(
      [
        "--port",
        "0",
        "--federate",
        `${nodes[0]!.url},${nodes[1]!.url}`,
        "--federate-timeout",
        "2500",
        "--federate-token",
        `${nodes[1]!.url}=${NODE_TOKEN}`,
        "--allow-private",
      ],
      io,
    );
    try {
      expect(server.federation!.nodes).toEqual([{ url: nodes[0]!.url }, { url: nodes[1]!.url, token: NODE_TOKEN }]);
      expect(server.federation!.timeoutMs).toBe(2500);
      const p = JSON.parse((await call(server.url, "api/federation/performances?limit=100")).text) as {
        "@graph": unknown[];
      };
      expect(p["@graph"]).toHaveLength(counts[0]! + counts[1]!);
    } finally {
      await server.close();
    }
    await expect(
      startServe(
        ["--port", "0", "--federate", nodes[0]!.url, "--federate-token", `http://elsewhere.example/=${NODE_TOKEN}`],
        io,
      ),
    ).rejects.toThrow(/none of the --federate nodes/);
    await expect(startServe(["--port", "0", "--federate-timeout", "100"], io)).rejects.toThrow(/need --federate/);
    await expect(startServe(["--port", "0", "--federate", "ftp://x.example/"], io)).rejects.toThrow(/base URL/);
  });
});
