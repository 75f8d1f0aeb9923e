// Child process of the durability test: replaces three graphs again and again in a data directory and
// prints `ack <graph> <version>` after each replace resolved (only then is a write acknowledged).
import { DataFactory } from "n3";
import type { Quad } from "@rdfjs/types";
import { GraphStore } from "../../src/store/index.js";

const { namedNode, literal, blankNode, quad } = DataFactory;
export const CRASH_GRAPHS = ["https://a.example/graph", "https://b.example/graph", "https://c.example/graph"];

/** The content of graph `g` at version `v`: its size varies with v, every triple carries v. */
export function versionQuads(g: string, v: number): Quad[] {
  const n = 50 + ((v * 7919) % 400);
  const out: Quad[] = [];
  for (let k = 0; k < n; k++) {
    const s = namedNode(`${g}/s${k}`);
    out.push(quad(s, namedNode("urn:version"), literal(String(v))));
    if (k % 10 === 0)
      out.push(
        quad(s, namedNode("urn:node"), blankNode(`b${k}`)),
        quad(blankNode(`b${k}`), namedNode("urn:version"), literal(String(v))),
      );
  }
  return out;
}

export function expectedTriples(v: number): number {
  const n = 50 + ((v * 7919) % 400);
  return n + 2 * Math.ceil(n / 10);
}

async function main(dataDir: string): Promise<void> {
  const store = await GraphStore.open({ dataDir });
  process.stdout.write(
    `ready ${store
      .graphs()
      .map((g) => `${g.graphIri}=${g.version}`)
      .join(" ")}\n`,
  );
  for (let i = 0; ; i++) {
    const g = CRASH_GRAPHS[i % CRASH_GRAPHS.length]!;
    const v = (store.graph(g)?.version ?? 0) + 1;
    await store.replaceGraph(g, versionQuads(g, v), { publisherId: g, licence: "cc0-1.0" });
    process.stdout.write(`ack ${g} ${v}\n`);
  }
}

if (process.argv[2]) await main(process.argv[2]);
