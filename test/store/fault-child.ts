// Child process of the disk-fault test, run under `ulimit -f`: writes a small version 1 of a graph, then tries a
// version 2 larger than the limit, and prints what happened (the error as JSON) and what its store still holds.
import { DataFactory } from "n3";
import type { Quad } from "@rdfjs/types";
import { GraphStore } from "../../src/store/index.js";

const { namedNode, literal, quad } = DataFactory;
export const FAULT_GRAPH = "https://fault.example/graph";

/** Version 1: 100 triples; version 2: 20,000 triples of about 150 bytes (3 MB). */
export function faultQuads(v: number): Quad[] {
  const n = v === 1 ? 100 : 20_000;
  const pad = "y".repeat(v === 1 ? 10 : 80);
  return Array.from({ length: n }, (_, k) =>
    quad(namedNode(`https://fault.example/s${k}`), namedNode("urn:v"), literal(`${v} ${pad} ${k}`)),
  );
}

async function main(dataDir: string): Promise<void> {
  const store = await GraphStore.open({ dataDir });
  try {
    const one = await store.replaceGraph(FAULT_GRAPH, faultQuads(1), { licence: "cc0-1.0" });
    process.stdout.write(`ok ${one.version}\n`);
    try {
      await store.replaceGraph(FAULT_GRAPH, faultQuads(2), { licence: "cc0-1.0" });
      process.stdout.write("unexpected success\n");
    } catch (e) {
      const err = e as { name: string; code: string; status: number; errno: string };
      process.stdout.write(
        `${JSON.stringify({ name: err.name, code: err.code, status: err.status, errno: err.errno })}\n`,
      );
    }
    const n = await store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${FAULT_GRAPH}> { ?s ?p ?o } }`);
    process.stdout.write(`after ${n.bindings[0]!.n!.value} ${store.graph(FAULT_GRAPH)?.version}\n`);
  } finally {
    await store.close();
  }
}

if (process.argv[2]) await main(process.argv[2]);
