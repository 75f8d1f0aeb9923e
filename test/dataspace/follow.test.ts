// `vivant follow` on a small network on loopback: two Vivant nodes (one public, one sharing a graph with a partner
// only), a slow node, a node that is down and a node serving invalid data, and a follower. Replication is complete
// (the follower's graph is the node's), incremental (a change reaches the follower through the feed, for fewer bytes
// than a full copy), resumes after an interrupted run without losing or duplicating a change, honours the policies,
// and no failing node stops the others.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Parser } from "n3";
import type { Quad } from "@rdfjs/types";
import { TokenTable, VivantServer } from "../../src/server/index.js";
import { GraphWriter } from "../../src/store/writer.js";
import { graphFileName, graphsDir, readGraphFileSync } from "../../src/store/files.js";
import { followOnce, type FollowOptions, type NodeOutcome } from "../../src/dataspace/follow.js";
import { call } from "../server/helpers.js";
import { main } from "../../src/cli/main.js";
import { datasetLines } from "../../src/cli/follow.js";
import { closeNode, downNode, listen, put, season, slowNode } from "./nodes.js";

const G = "https://theatre-x.example/graph";
const SECRET = "https://secret.example/graph";
const PUB_TOKEN = "publisher-token-theatre-x-0123456789";
const SECRET_PUBLISHER = "publisher-token-secret-0123456789ab";
const PARTNER = "partner-token-observatoire-0123456";

let pub: VivantServer;
let restricted: VivantServer;
let slow: Server;
let invalid: Server;
let downUrl: string;
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "vivant-follow-"));
  dirs.push(d);
  return d;
};
let slowUrl: string;
let recorder: Server;
let liar: Server;
let liarUrl: string;
let lying = false;
const seenAuth: string[] = [];
let invalidUrl: string;

beforeAll(async () => {
  const tokens = TokenTable.fromEntries([{ token: PUB_TOKEN, publisher: "theatre-x", graph: G, licence: "cc-by-4.0" }]);
  pub = await VivantServer.start({ port: 0, tokens, dataDir: tmp(), feed: { pageSize: 5 } });
  await put(pub.url, G, PUB_TOKEN, season("theatre-x.example", 40));
  const shared = TokenTable.fromEntries([
    { token: SECRET_PUBLISHER, publisher: "secret", graph: SECRET, licence: "cc-by-4.0", share: ["observatoire"] },
    { token: PARTNER, reader: "observatoire" },
  ]);
  restricted = await VivantServer.start({ port: 0, tokens: shared, dataDir: tmp() });
  await put(restricted.url, SECRET, SECRET_PUBLISHER, season("secret.example", 3));
  // Slow: answers nothing within the follower's timeout.
  ({ server: slow, url: slowUrl } = await slowNode(3000));
  // Down: a port nobody listens on any more.
  downUrl = await downNode();
  // Invalid: the public node's catalog, but a graph that breaks the core profile (a performance without a date).
  const catalogTtl = (await call(pub.url, "catalog", { headers: { accept: "text/turtle" } })).text;
  invalid = createServer((req, res) => {
    const self = `http://127.0.0.1:${(invalid.address() as AddressInfo).port}/`;
    if (req.url === "/catalog")
      res.writeHead(200, { "content-type": "text/turtle" }).end(catalogTtl.replaceAll(pub.url, self));
    else if (req.url?.startsWith("/graph-store"))
      res
        .writeHead(200, { "content-type": "application/n-triples" })
        .end(
          `<https://theatre-x.example/performance/p0> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/TheaterEvent> .\n`,
        );
    else if (req.url?.startsWith("/feed/")) {
      // The feed is the public node's (relabelled): only the graph itself is broken.
      void call(pub.url, req.url.slice(1)).then((a) =>
        res.writeHead(a.status, { "content-type": a.type }).end(a.text.replaceAll(pub.url, self)),
      );
    } else res.writeHead(404).end();
  });
  invalidUrl = await listen(invalid);
  // Liar: the public node relabelled, whose Graph Store is on another origin (a recorder of the headers it gets), and
  // whose feed pages, once `lying`, end with an activity that rewrites another entity.
  recorder = createServer((req, res) => {
    seenAuth.push(`recorder ${req.headers.authorization ?? "none"}`);
    void call(pub.url, req.url!.slice(1), { headers: { accept: req.headers.accept ?? "*/*" } }).then((a) =>
      res.writeHead(a.status, { "content-type": a.type }).end(a.text),
    );
  });
  const recorderUrl = await listen(recorder);
  liar = createServer((req, res) => {
    const self = `http://127.0.0.1:${(liar.address() as AddressInfo).port}/`;
    seenAuth.push(`node ${req.headers.authorization ?? "none"}`);
    void call(pub.url, req.url!.slice(1), { headers: { accept: req.headers.accept ?? "*/*" } }).then((a) => {
      let text = a.text.replaceAll(pub.url, self).replaceAll(`${self}graph-store`, `${recorderUrl}graph-store`);
      if (lying && /^\/feed\/[^/]+\/\d+$/.test(req.url!)) {
        const page = JSON.parse(text) as { startIndex: number; orderedItems: unknown[] };
        page.orderedItems.push({
          type: "Update",
          object: {
            id: "https://theatre-x.example/performance/p1",
            content: `<https://theatre-x.example/venue/main> <http://schema.org/name> "Volé"@fr .\n`,
          },
        });
        text = JSON.stringify(page);
      }
      res.writeHead(a.status, { "content-type": a.type }).end(text);
    });
  });
  liarUrl = await listen(liar);
});
afterAll(async () => {
  await pub?.close();
  await restricted?.close();
  await closeNode(slow);
  await new Promise((r) => invalid?.close(r));
  await new Promise((r) => liar?.close(r));
  await new Promise((r) => recorder?.close(r));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const key = (q: Quad): string =>
  `${q.subject.termType === "BlankNode" ? "_" : q.subject.value} ${q.predicate.value} ${q.object.termType === "BlankNode" ? "_" : q.object.termType === "Literal" ? JSON.stringify([q.object.value, q.object.language, q.object.datatype.value]) : q.object.value}`;
async function served(base: string, graph: string, headers: Record<string, string> = {}): Promise<string[]> {
  const a = await call(base, `graph-store?graph=${encodeURIComponent(graph)}`, {
    headers: { accept: "application/n-triples", ...headers },
  });
  return new Parser({ format: "application/n-triples" }).parse(a.text).map(key).sort();
}
function local(dir: string, graph: string): string[] {
  const parts: Buffer[] = [];
  readGraphFileSync(join(graphsDir(dir), graphFileName(graph)), {
    header: () => undefined,
    plain: (b) => void parts.push(Buffer.from(b)),
    bnodes: (b) => void parts.push(Buffer.from(b)),
  });
  return new Parser({ format: "application/n-triples" }).parse(Buffer.concat(parts).toString("utf8")).map(key).sort();
}

async function follow(dir: string, catalogs: string[], extra: Partial<FollowOptions> = {}): Promise<NodeOutcome[]> {
  const writer = await GraphWriter.open(dir);
  try {
    return await followOnce({
      catalogs,
      writer,
      use: "index",
      policy: { allowPrivate: true, timeoutMs: 1500 },
      ...extra,
    });
  } finally {
    await writer.close();
  }
}
const dataset = (nodes: NodeOutcome[], graph: string) =>
  nodes.flatMap((n) => n.datasets).find((d) => d.graph === graph);

describe("vivant follow", () => {
  it("copies every permitted dataset, then follows the change feed for fewer bytes than a full copy", async () => {
    await put(pub.url, G, PUB_TOKEN, season("theatre-x.example", 40));
    const dir = tmp();
    const first = await follow(dir, [`${pub.url}catalog`]);
    const copied = dataset(first, G)!;
    expect(copied.status).toBe("copied");
    expect(copied.fullCopy).toBe("first");
    expect(local(dir, G)).toEqual(await served(pub.url, G));

    // Nothing changed: the feed answers 304.
    const again = dataset(await follow(dir, [`${pub.url}catalog`]), G)!;
    expect(again.status).toBe("unchanged");
    expect(again.bytes).toBe(0);

    await put(pub.url, G, PUB_TOKEN, season("theatre-x.example", 41, 7));
    const inc = dataset(await follow(dir, [`${pub.url}catalog`]), G)!;
    expect(inc.status).toBe("updated");
    expect(inc.activities).toBe(2); // p7 renamed, p40 created
    expect(local(dir, G)).toEqual(await served(pub.url, G));
    expect(inc.bytes).toBeGreaterThan(0);
    expect(inc.bytes).toBeLessThan(copied.bytes);
    const prov = JSON.parse(readFileSync(join(dir, "follow", "provenance.jsonld"), "utf8")) as {
      "@graph": { "@id": string; derivedFrom: string; generatedAt: string }[];
    };
    expect(prov["@graph"].find((e) => e["@id"] === G)).toMatchObject({ derivedFrom: G });
  });

  it("resumes after a run interrupted between the graph and its position: the feed is replayed, nothing lost or doubled", async () => {
    const dir = tmp();
    await follow(dir, [`${pub.url}catalog`]);
    const before = readFileSync(join(dir, "follow", "state.json"), "utf8");
    await put(pub.url, G, PUB_TOKEN, season("theatre-x.example", 42, 3));
    await follow(dir, [`${pub.url}catalog`]);
    // As if killed after the graph was written and before the position was saved.
    writeFileSync(join(dir, "follow", "state.json"), before);
    await put(pub.url, G, PUB_TOKEN, season("theatre-x.example", 43, 5));
    const resumed = dataset(await follow(dir, [`${pub.url}catalog`]), G)!;
    expect(resumed.status).toBe("updated");
    expect(local(dir, G)).toEqual(await served(pub.url, G));
  });

  it("a run stopped before its first write leaves nothing behind, and the next run copies", async () => {
    const dir = tmp();
    const stop = new AbortController();
    stop.abort();
    const stopped = await follow(dir, [`${pub.url}catalog`], { signal: stop.signal });
    expect(stopped[0]!.datasets).toEqual([]);
    const next = dataset(await follow(dir, [`${pub.url}catalog`]), G)!;
    expect(next.status).toBe("copied");
    expect(local(dir, G)).toEqual(await served(pub.url, G));
  });

  it("a node down, slow or serving invalid data is reported and does not stop the others", async () => {
    const dir = tmp();
    const nodes = await follow(dir, [
      `${downUrl}catalog`,
      `${slowUrl}catalog`,
      `${invalidUrl}catalog`,
      `${pub.url}catalog`,
    ]);
    expect(nodes[0]!.failure).toMatchObject({ code: "fetch" });
    expect(nodes[1]!.failure).toMatchObject({ code: "fetch" });
    expect(nodes[1]!.failure!.detail).toMatch(/within 1500 ms/);
    const bad = nodes[2]!.datasets.find((d) => d.graph === G)!;
    expect(bad.status).toBe("failed");
    expect(bad.reason).toMatchObject({ code: "invalid-profile" });
    expect(dataset([nodes[3]!], G)!.status).toBe("copied");
    expect(local(dir, G)).toEqual(await served(pub.url, G));
  });

  it("refuses a feed whose activity rewrites another entity, keeping the local copy; a token never leaves its node's origin", async () => {
    await put(pub.url, G, PUB_TOKEN, season("theatre-x.example", 40));
    const dir = tmp();
    lying = false;
    seenAuth.length = 0;
    const first = dataset(
      await follow(dir, [`${liarUrl}catalog`], {
        tokens: new Map([[`${liarUrl}catalog`, "liar-node-token-0123456789abcdef"]]),
      }),
      G,
    )!;
    expect(first.status).toBe("copied");
    // The catalog and the feed (the node's origin) got the token; the Graph Store on another origin did not.
    expect(seenAuth.filter((a) => a.startsWith("node ")).length).toBeGreaterThanOrEqual(3);
    expect(
      seenAuth.filter((a) => a.startsWith("node ") && a !== "node Bearer liar-node-token-0123456789abcdef"),
    ).toEqual([]);
    expect(seenAuth.filter((a) => a.startsWith("recorder "))).toEqual(["recorder none"]);
    const kept = local(dir, G);
    await put(pub.url, G, PUB_TOKEN, season("theatre-x.example", 40, 2));
    lying = true;
    try {
      const refused = dataset(await follow(dir, [`${liarUrl}catalog`]), G)!;
      expect(refused.status).toBe("failed");
      expect(refused.reason).toMatchObject({ code: "invalid-feed" });
      expect(refused.reason!.detail).toMatch(/another entity/);
      expect(local(dir, G)).toEqual(kept);
    } finally {
      lying = false;
    }
    // Honest again: the change arrives.
    expect(dataset(await follow(dir, [`${liarUrl}catalog`]), G)!.status).toBe("updated");
    expect(local(dir, G)).toEqual(await served(pub.url, G));
  });

  it("copies a restricted graph only with the partner's token, and never for a use its policy prohibits", async () => {
    const dir = tmp();
    const without = dataset(await follow(dir, [`${restricted.url}catalog`]), SECRET)!;
    expect(without.status).toBe("refused");
    const reuse = dataset(
      await follow(dir, [`${restricted.url}catalog`], {
        use: "reuse",
        tokens: new Map([[`${restricted.url}catalog`, PARTNER]]),
      }),
      SECRET,
    )!;
    expect(reuse.status).toBe("refused");
    expect(reuse.reason).toMatchObject({ code: "policy-prohibited", action: "distribute" });
    const partner = dataset(
      await follow(dir, [`${restricted.url}catalog`], { tokens: new Map([[`${restricted.url}catalog`, PARTNER]]) }),
      SECRET,
    )!;
    expect(partner.status).toBe("copied");
    expect(partner.restricted).toBe(true);
    expect(datasetLines(partner, "index", "en").join("\n")).toMatch(/do not serve this copy to anyone else/);
    expect(local(dir, SECRET)).toEqual(await served(restricted.url, SECRET, { authorization: `Bearer ${PARTNER}` }));
  });

  it("reports a licence change and copies under the new licence", async () => {
    await put(pub.url, G, PUB_TOKEN, season("theatre-x.example", 43, 5), "cc-by-4.0");
    const dir = tmp();
    await follow(dir, [`${pub.url}catalog`]);
    await put(pub.url, G, PUB_TOKEN, season("theatre-x.example", 43, 5), "cc0-1.0");
    const changed = dataset(await follow(dir, [`${pub.url}catalog`]), G)!;
    expect(changed.licenceChanged).toEqual({
      from: "https://creativecommons.org/licenses/by/4.0/",
      to: "https://creativecommons.org/publicdomain/zero/1.0/",
    });
    expect(changed.status).toBe("copied");
    const writer = await GraphWriter.open(dir);
    try {
      expect(writer.graph(G)!.licenceIri).toBe("https://creativecommons.org/publicdomain/zero/1.0/");
    } finally {
      await writer.close();
    }
    await put(pub.url, G, PUB_TOKEN, season("theatre-x.example", 43, 5), "cc-by-4.0");
  });

  it("runs from the command line: a line per dataset and node in French, a summary, exit 1 when a node failed", async () => {
    const dir = tmp();
    let out = "";
    let err = "";
    const sink = (f: (s: string) => void) =>
      new Writable({
        write(c, _e, cb) {
          f(String(c));
          cb();
        },
      });
    const code = await main(
      [
        "follow",
        `${pub.url}catalog`,
        `${downUrl}catalog`,
        "--data",
        dir,
        "--allow-private",
        "--timeout",
        "2000",
        "--lang",
        "fr",
      ],
      {
        stdout: sink((s) => (out += s)),
        stderr: sink((s) => (err += s)),
        cwd: dir,
        isTTY: false,
        env: {},
      },
    );
    expect(code).toBe(1);
    expect(err).toContain(`${G} : copie complète (première copie)`);
    expect(err).toMatch(/catalog : non suivi : échec réseau/);
    expect(out).toMatch(/suivi : 2 nœud\(s\), 1 injoignable\(s\) ; 1 copié\(s\)/);
    expect(local(dir, G)).toEqual(await served(pub.url, G));
  });

  it("follows on a schedule (--every 1s, bounded by --rounds): a summary per round, the second one unchanged", async () => {
    const dir = tmp();
    let out = "";
    const sink = (f: (s: string) => void) =>
      new Writable({
        write(c, _e, cb) {
          f(String(c));
          cb();
        },
      });
    const code = await main(
      ["follow", `${pub.url}catalog`, "--data", dir, "--allow-private", "--every", "1s", "--rounds", "2"],
      {
        stdout: sink((s) => (out += s)),
        stderr: sink(() => undefined),
        cwd: dir,
        isTTY: false,
        env: {},
      },
    );
    expect(code).toBe(0);
    const rounds = out.trim().split("\n");
    expect(rounds).toHaveLength(2);
    expect(rounds[0]).toMatch(/1 copied, 0 updated, 0 unchanged/);
    expect(rounds[1]).toMatch(/0 copied, 0 updated, 1 unchanged/);
  });
});
