// Shared by the server tests: a server on an ephemeral port with the demo season, and small fetch helpers.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { VivantServer, TokenTable, type ServerOptions } from "../../src/server/index.js";

export const DEMO_PATH = fileURLToPath(new URL("../../fixtures/demo-season.json", import.meta.url));
export const DEMO_TEXT = readFileSync(DEMO_PATH, "utf8");
export const DEMO_GRAPH = "https://data.reseau-scenes.example/graph";

export async function demoServer(options: ServerOptions = {}): Promise<{ server: VivantServer; token: string }> {
  const tokens = options.tokens ?? new TokenTable();
  const server = await VivantServer.start({ port: 0, tokens, ...options });
  const { info, prepared } = await server.load([{ text: DEMO_TEXT, source: "demo-season.json" }], {});
  if (!info) throw new Error(`demo season rejected: ${prepared.report.violations} violations`);
  const token = tokens.issue({ publisherId: "reseau-scenes", graphIri: DEMO_GRAPH });
  return { server, token };
}

export interface Answer {
  readonly status: number;
  readonly type: string;
  readonly text: string;
  readonly headers: Headers;
}

export async function call(base: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(new URL(path, base), init);
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    text: await res.text(),
    headers: res.headers,
  };
}

export function sparqlGet(base: string, query: string, accept?: string, extra = ""): Promise<Answer> {
  return call(base, `sparql?query=${encodeURIComponent(query)}${extra}`, accept ? { headers: { accept } } : {});
}

/** SELECT over the endpoint, JSON results → rows of plain values. */
export async function selectRows(base: string, query: string): Promise<Record<string, string>[]> {
  const a = await sparqlGet(base, query, "application/sparql-results+json");
  if (a.status !== 200) throw new Error(`${a.status}: ${a.text}`);
  const json = JSON.parse(a.text) as { results: { bindings: Record<string, { value: string }>[] } };
  return json.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])));
}
