// Child process of the writes benchmark: a Vivant server on a port the OS picks, with a token per writer, seeded
// with a small season so that /api/performances has something to answer. Prints one JSON line:
// { url, tokens: [{ graph, token }] }. Ends when its stdin closes. Arguments: writers, and the write limit in bytes.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TokenTable, VivantServer } from "../src/server/index.js";
import { mapRecords } from "../src/mapping/index.js";
import { generateSeason } from "./generate.js";

const writers = Number(process.argv[2] ?? 3);
// The write limit (bytes), or the server's default.
const maxWriteBytes = process.argv[3] ? Number(process.argv[3]) : undefined;
const dataDir = mkdtempSync(join(tmpdir(), "vivant-bench-writes-"));
const tokens = new TokenTable();
const grants = Array.from({ length: writers }, (_, k) => {
  const graph = `https://data.vivant-bench.example/big${k}/graph`;
  return { graph, publisherId: `big${k}`, token: tokens.issue({ publisherId: `big${k}`, graphIri: graph }) };
});
const server = await VivantServer.start({ port: 0, dataDir, tokens, ...(maxWriteBytes ? { maxWriteBytes } : {}) });
const seed = mapRecords(generateSeason(2_000, { seed: 99, publisherId: "seed" }));
await server.replaceGraph("https://data.vivant-bench.example/seed/graph", seed.quads, {
  publisherId: "seed",
  licence: "cc-by-4.0",
  source: "bench",
});
process.stdout.write(`${JSON.stringify({ url: server.url, tokens: grants })}\n`);
process.stdin.resume();
process.stdin.on("end", () => {
  void server.close().then(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
