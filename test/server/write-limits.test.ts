// Large authenticated writes are bounded in memory (issue 11, point 7): a write body past `maxWriteBytes` gets 413
// before the rest of it is read (on its Content-Length, or as soon as the bytes read pass the limit, chunked), and a
// write waiting its turn waits as a file in the data directory's spool/ folder, not in memory. No timing asserted.
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenTable, VivantServer } from "../../src/server/index.js";
import { spoolDir } from "../../src/server/spool.js";

const GRAPH = "https://theatre-x.example/graph";
const LIMIT = 64 * 1024;
let server: VivantServer;
let token: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "vivant-write-limits-"));
  const tokens = new TokenTable();
  token = tokens.issue({ publisherId: "theatre-x", graphIri: GRAPH, licence: "cc-by-4.0" });
  server = await VivantServer.start({ port: 0, dataDir, tokens, maxWriteBytes: LIMIT, workers: 1 });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const path = `/graph-store?graph=${encodeURIComponent(GRAPH)}`;
/** N-Triples about the graph's own resources, `n` triples, tagged so two bodies differ. */
const body = (n: number, tag: string): string =>
  Array.from(
    { length: n },
    (_, i) => `<https://theatre-x.example/thing/${tag}-${i}> <http://schema.org/name> "${tag} ${i}" .\n`,
  ).join("");

/** Sends `head` then `chunks` on a raw socket, stops sending, and resolves with what the server answered. */
function rawRequest(head: string, chunks: readonly string[]): Promise<{ answer: string; sentBytes: number }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1");
    let answer = "";
    let sentBytes = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer in 20 s; got ${JSON.stringify(answer.slice(0, 200))}`));
    }, 20_000);
    socket.on("connect", () => {
      socket.write(head);
      for (const c of chunks) {
        socket.write(c);
        sentBytes += Buffer.byteLength(c);
      }
    });
    socket.on("data", (d) => {
      answer += d.toString("utf8");
      // The whole problem document is in: the server answered while the body was still unfinished.
      if (/\r\n\r\n[\s\S]*\}$/.test(answer)) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ answer, sentBytes });
      }
    });
    socket.on("error", (e) => {
      if (answer) {
        clearTimeout(timer);
        resolve({ answer, sentBytes });
      } else reject(e);
    });
  });
}

const spooled = (): { name: string; size: number }[] =>
  readdirSync(spoolDir(dataDir)).map((name) => ({ name, size: statSync(join(spoolDir(dataDir), name)).size }));

async function until(what: string, test: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("write bodies past the limit", () => {
  it("get 413 on their Content-Length, before the body is sent", async () => {
    const head = `PUT ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/n-triples\r\nContent-Length: ${LIMIT * 100}\r\n\r\n`;
    const { answer, sentBytes } = await rawRequest(head, [body(10, "a")]);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"code":"request/too-large"');
    expect(answer).toContain(`${LIMIT} bytes`);
    expect(answer).toContain("--max-write");
    expect(sentBytes).toBeLessThan(LIMIT);
    await until("the spool to be empty", () => spooled().length === 0);
    expect(server.graphs()).toEqual([]);
  });

  it("get 413 as soon as the bytes of a chunked body pass the limit, the partial file removed", async () => {
    const head = `PUT ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/n-triples\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const piece = body(200, "c");
    const size = Buffer.byteLength(piece);
    const pieces = Math.ceil((LIMIT * 1.5) / size);
    // Chunks past the limit, and no final zero-length chunk: the body never ends.
    const chunks = Array.from({ length: pieces }, () => `${size.toString(16)}\r\n${piece}\r\n`);
    const { answer } = await rawRequest(head, chunks);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"code":"request/too-large"');
    await until("the spool to be empty", () => spooled().length === 0);
    expect(server.graphs()).toEqual([]);
  });

  it("in French with Accept-Language: fr", async () => {
    const r = await fetch(`${server.url}${path.slice(1)}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/n-triples", "accept-language": "fr" },
      body: body(2000, "f"),
    });
    expect(r.status).toBe(413);
    expect(((await r.json()) as { detail: string }).detail).toBe(`le corps de la requête dépasse ${LIMIT} octets`);
  });
});

describe("writes waiting their turn", () => {
  it("wait as files in the spool folder, not in memory, and are applied in order once the write path is free", async () => {
    const release = await server.pauseWrites();
    const first = body(100, "one");
    const second = body(120, "two");
    const put = (text: string): Promise<Response> =>
      fetch(`${server.url}${path.slice(1)}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/n-triples" },
        body: text,
      });
    let answers: Promise<Response>[];
    try {
      const a = put(first);
      await until("the first write to wait", () => server.writeQueue.waiting === 1);
      const b = put(second);
      await until("the second write to wait", () => server.writeQueue.waiting === 2);
      answers = [a, b];
      // Both bodies whole on disk, as the health report says.
      expect(
        spooled()
          .map((f) => f.size)
          .sort((x, y) => x - y),
      ).toEqual([Buffer.byteLength(first), Buffer.byteLength(second)]);
      const health = (await (await fetch(`${server.url}health`)).json()) as {
        writes: { waiting: number; spooledBodies: number; spooledBytes: number };
      };
      expect(health.writes).toEqual({
        waiting: 2,
        spooledBodies: 2,
        spooledBytes: Buffer.byteLength(first) + Buffer.byteLength(second),
      });
    } finally {
      release();
    }
    const statuses = await Promise.all(answers!.map(async (p) => (await p).status));
    expect(statuses).toEqual([201, 204]);
    expect(spooled()).toEqual([]);
    expect(server.writeQueue).toEqual({ waiting: 0, spooledBodies: 0, spooledBytes: 0 });
    // The second body, applied last, is the graph.
    const r = await fetch(
      `${server.url}sparql?query=${encodeURIComponent(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${GRAPH}> { ?s ?p ?o } }`)}`,
      { headers: { accept: "application/sparql-results+json" } },
    );
    expect(
      ((await r.json()) as { results: { bindings: { n: { value: string } }[] } }).results.bindings[0]!.n.value,
    ).toBe("120");
  });
});
