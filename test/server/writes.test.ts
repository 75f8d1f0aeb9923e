// The server's write path: every Graph Store write of a graph (PUT, POST merge, DELETE) in one serialised section,
// so that concurrent merges never lose one another, and what was acknowledged is there after a restart.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TokenTable, VivantServer } from "../../src/server/index.js";
import { generateSeason } from "../../bench/generate.js";
import { call, selectRows } from "./helpers.js";
import { CORE_VALID_TURTLE } from "../helpers/turtle.js";

const GRAPH = "https://theatre-x.example/graph";
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "vivant-writes-"));
  dirs.push(d);
  return d;
}

const gs = (graph: string): string => `graph-store?graph=${encodeURIComponent(graph)}`;

/** A performance that passes the core profile (the shared fixture). */
const SEED = CORE_VALID_TURTLE;

const note = (i: number): string =>
  `<https://theatre-x.example/production/berenice> <http://schema.org/keywords> "note ${i}" .\n`;

async function notes(base: string): Promise<string[]> {
  const rows = await selectRows(
    base,
    `SELECT ?k WHERE { GRAPH <${GRAPH}> { <https://theatre-x.example/production/berenice> <http://schema.org/keywords> ?k } }`,
  );
  return rows.map((r) => r.k!).sort();
}

async function start(dataDir: string): Promise<{ server: VivantServer; token: string }> {
  const token = "writes-test-token-0123456789";
  const tokens = TokenTable.fromEntries([{ token, publisher: "theatre-x", graph: GRAPH, licence: "cc-by-4.0" }]);
  return { server: await VivantServer.start({ port: 0, dataDir, tokens }), token };
}

describe("the server's write path", () => {
  it("keeps all of 50 concurrent POST merges, acknowledged, after they answer and after a restart", async () => {
    const dataDir = tempDir();
    const started = await start(dataDir);
    let server = started.server;
    const token = started.token;
    try {
      const headers = { authorization: `Bearer ${token}`, "content-type": "text/turtle" };
      expect((await call(server.url, gs(GRAPH), { method: "PUT", headers, body: SEED })).status).toBe(201);
      const n = 50;
      const answers = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          call(server.url, gs(GRAPH), {
            method: "POST",
            headers: { ...headers, "content-type": "application/n-triples" },
            body: note(i),
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(n).fill(204));
      const expected = Array.from({ length: n }, (_, i) => `note ${i}`).sort();
      expect(await notes(server.url)).toEqual(expected);
      expect(server.graphs()[0]!.version).toBe(n + 1);
      await server.close();
      ({ server } = await start(dataDir));
      expect(await notes(server.url)).toEqual(expected);
      // The seed's triples are all kept too (the merges never replaced the graph with a partial one).
      expect(
        (
          await selectRows(
            server.url,
            `SELECT ?a WHERE { GRAPH <${GRAPH}> { <https://theatre-x.example/venue/main> <http://schema.org/address> ?a } }`,
          )
        ).length,
      ).toBe(1);
    } finally {
      await server.close();
    }
  });

  it("orders a PUT, POSTs and a DELETE sent together as they arrived: nothing of a write overtakes an earlier one", async () => {
    const dataDir = tempDir();
    const { server, token } = await start(dataDir);
    try {
      const headers = { authorization: `Bearer ${token}`, "content-type": "text/turtle" };
      const nt = { ...headers, "content-type": "application/n-triples" };
      // Sent one after the other without waiting: the serialised section keeps their order of arrival.
      const put = call(server.url, gs(GRAPH), { method: "PUT", headers, body: SEED });
      await new Promise((r) => setTimeout(r, 20));
      const posts = [0, 1, 2].map((i) => call(server.url, gs(GRAPH), { method: "POST", headers: nt, body: note(i) }));
      const statuses = [(await put).status, ...(await Promise.all(posts)).map((a) => a.status)];
      expect(statuses).toEqual([201, 204, 204, 204]);
      expect(await notes(server.url)).toEqual(["note 0", "note 1", "note 2"]);
      const del = await call(server.url, gs(GRAPH), {
        method: "DELETE",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(del.status).toBe(204);
      // A POST after the DELETE creates the graph again with its own triples only.
      const recreated = await call(server.url, gs(GRAPH), { method: "POST", headers, body: SEED });
      expect(recreated.status).toBe(201);
      expect(await notes(server.url)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("answers simple queries while three large PUTs are prepared at once (off the main thread), and writes all three", async () => {
    const dataDir = tempDir();
    const tokens = new TokenTable();
    const server = await VivantServer.start({ port: 0, dataDir, tokens });
    try {
      const writes = [0, 1, 2].map((k) => {
        const doc = generateSeason(600, { seed: k + 1, publisherId: `big${k}` });
        // The generator's festival-1 has no venue, which the core profile requires.
        for (const sr of doc.series as unknown as { id: string; venue?: string }[])
          if (sr.id === "festival-1") sr.venue = "venue-0";
        const graph = `https://data.vivant-bench.example/big${k}/graph`;
        return { graph, text: JSON.stringify(doc), token: tokens.issue({ publisherId: `big${k}`, graphIri: graph }) };
      });
      const latencies: number[] = [];
      const statuses: string[] = [];
      let writing = true;
      const probe = (async () => {
        while (writing) {
          const t = performance.now();
          const ask = await call(server.url, `sparql?query=${encodeURIComponent("ASK {}")}`, {
            headers: { accept: "application/sparql-results+json" },
          });
          const api = await call(server.url, "api/performances?limit=1");
          latencies.push(performance.now() - t);
          statuses.push(`${ask.status}/${api.status}`);
          await new Promise((r) => setTimeout(r, 25));
        }
      })();
      const t0 = performance.now();
      const puts = await Promise.all(
        writes.map((w) =>
          call(server.url, gs(w.graph), {
            method: "PUT",
            headers: { authorization: `Bearer ${w.token}`, "content-type": "application/json" },
            body: w.text,
          }),
        ),
      );
      const writeMs = performance.now() - t0;
      writing = false;
      await probe;
      latencies.sort((a, b) => a - b);
      console.log(
        `3 PUTs of ${writes.map((w) => (w.text.length / 2 ** 20).toFixed(1)).join(", ")} MiB in ${Math.round(writeMs)} ms; ${latencies.length} ASK + /api probes: median ${Math.round(latencies[latencies.length >> 1]!)} ms, max ${Math.round(latencies[latencies.length - 1]!)} ms`,
      );
      expect(puts.map((p) => p.status)).toEqual([201, 201, 201]);
      // Every probe answered, none timed out behind the writes (asserted on outcomes; the timings are logged).
      expect(statuses.length).toBeGreaterThan(3);
      expect(new Set(statuses)).toEqual(new Set(["200/200"]));
      expect(
        server
          .graphs()
          .map((g) => g.graphIri)
          .sort(),
      ).toEqual(writes.map((w) => w.graph).sort());
    } finally {
      await server.close();
    }
  });
});
