// The Model Context Protocol interface, driven by the SDK's own client: over streamable HTTP at /mcp on the
// server and over stdio from `vivant mcp --data DIR`. Each tool answers from the data with its sources (graph and
// publisher), SPARQL keeps the server's limits (a too-deep query is refused as a tool error), bad filters too.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VivantServer } from "../../src/server/index.js";
import { call, DEMO_GRAPH, DEMO_TEXT } from "./helpers.js";

let server: VivantServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "vivant-mcp-"));
  server = await VivantServer.start({ port: 0, dataDir, workers: 1 });
  const { info } = await server.load([{ text: DEMO_TEXT, source: "demo-season.json" }], {});
  expect(info).toBeDefined();
}, 120_000);
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type ToolResult = { content: { type: string; text: string }[]; isError?: boolean };
const text = (r: unknown): string => (r as ToolResult).content[0]!.text;

async function exercise(client: Client): Promise<void> {
  const tools = (await client.listTools()).tools.map((t) => t.name).sort();
  expect(tools).toEqual(["describe_entity", "facets", "find_performances", "schema_digest", "sparql"]);
  // The typed question: the same performances as /api/performances, each with its graph and publisher.
  const found = JSON.parse(
    text(await client.callTool({ name: "find_performances", arguments: { city: "Nantes", limit: 5 } })),
  ) as {
    performances: { "@id": string }[];
    sources: { iri: string; graph: string; publisher?: string }[];
  };
  const api = JSON.parse((await call(server.url, "api/performances?city=Nantes&limit=5")).text) as {
    "@graph": { "@id": string }[];
  };
  expect(found.performances.map((p) => p["@id"])).toEqual(api["@graph"].map((p) => p["@id"]));
  expect(found.performances.length).toBeGreaterThan(0);
  for (const p of found.performances)
    expect(found.sources).toContainEqual({ iri: p["@id"], graph: DEMO_GRAPH, publisher: "reseau-scenes" });
  // An entity's description, with its source.
  const first = found.performances[0]!["@id"];
  const described = JSON.parse(text(await client.callTool({ name: "describe_entity", arguments: { iri: first } }))) as {
    turtle: string;
    sources: unknown[];
  };
  expect(described.turtle).toContain("startDate");
  expect(described.sources).toEqual([{ iri: first, graph: DEMO_GRAPH, publisher: "reseau-scenes" }]);
  // Facets: the same counts as the HTTP route.
  const facets = JSON.parse(text(await client.callTool({ name: "facets", arguments: { city: "Nantes" } })));
  expect(facets).toEqual(JSON.parse((await call(server.url, "api/performances/facets?city=Nantes")).text));
  // SPARQL, read-only, with the server's limits.
  const ask = JSON.parse(
    text(
      await client.callTool({ name: "sparql", arguments: { query: "ASK { ?s a <http://schema.org/TheaterEvent> }" } }),
    ),
  ) as { result: string };
  expect(JSON.parse(ask.result)).toMatchObject({ boolean: true });
  const deep = (await client.callTool({
    name: "sparql",
    arguments: { query: `SELECT * WHERE { FILTER(${"STR(".repeat(300)}1${")".repeat(300)}) }` },
  })) as ToolResult;
  expect(deep.isError).toBe(true);
  expect(deep.content[0]!.text).toContain("sparql/too-complex");
  const update = (await client.callTool({
    name: "sparql",
    arguments: { query: "INSERT DATA { <urn:a> <urn:b> <urn:c> }" },
  })) as ToolResult;
  expect(update.isError).toBe(true);
  // A bad filter: the API's own check, as a tool error.
  const bad = (await client.callTool({ name: "find_performances", arguments: { maxPrice: -1 } })) as ToolResult;
  expect(bad.isError).toBe(true);
  expect(text(await client.callTool({ name: "schema_digest", arguments: {} }))).toContain("schema:startDate");
}

describe("MCP", () => {
  it("over streamable HTTP at /mcp", async () => {
    const client = new Client({ name: "vivant-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}mcp`)));
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
  }, 120_000);

  it("over stdio from vivant mcp --data DIR", async () => {
    const root = fileURLToPath(new URL("../../", import.meta.url));
    const client = new Client({ name: "vivant-test", version: "1.0.0" });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [
          "--import",
          join(root, "src/server/dev/ts-register.mjs"),
          join(root, "src/cli/main.ts"),
          "mcp",
          "--data",
          dataDir,
        ],
        stderr: "inherit",
      }),
    );
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
  }, 180_000);
});
