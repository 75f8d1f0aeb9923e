// Graph files already checked for the ownership rule are not scanned again when another replica (a query worker
// starting, or reloading a graph another worker reloaded) loads them; the rule itself still holds: a harvested
// graph's registered namespace keeps other graphs' statements about its pages out, at every open and reload.
import { mkdtempSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Parser } from "n3";
import type { Quad } from "@rdfjs/types";
import { afterAll, describe, expect, it } from "vitest";
import { GraphStore } from "../../src/store/graph-store.js";
import { graphFileName, graphsDir, prepareDataDir, writeGraphFile } from "../../src/store/files.js";
import { GraphWriter } from "../../src/store/writer.js";
import { graphInfo, serialiseGraph } from "../../src/store/graph-set.js";
import { TokenTable, VivantServer } from "../../src/server/index.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), "vivant-owncache-"));
  dirs.push(d);
  return d;
};

const H_GRAPH = "https://theatre-h.example/graph";
const H_SITE = "https://www.theatre-h-site.example/";
const H_PAGE = `${H_SITE}agenda/berenice`;
const B_GRAPH = "https://theatre-b.example/graph";
const quads = (ttl: string): Quad[] => new Parser().parse(ttl);
const NAME = "<http://schema.org/name>";

/** H: a harvested graph (its pages' IRIs under a registered namespace); B: an older file claiming H's page. */
async function dataDir(): Promise<string> {
  const data = tempDir();
  const writer = await GraphWriter.open(data);
  await writer.replaceGraph(
    H_GRAPH,
    quads(`<${H_PAGE}> ${NAME} "Bérénice" .\n<https://theatre-h.example/x> ${NAME} "X" .`),
    {
      publisherId: "theatre-h",
      licence: "cc-by-4.0",
      source: "harvest",
      namespaces: [H_SITE],
    },
  );
  await writer.close();
  await prepareDataDir(data);
  // Written as a version without the rule would have: unchecked.
  const nt = serialiseGraph(
    quads(`<${H_PAGE}> ${NAME} "Annulé par B" .\n<https://theatre-b.example/y> ${NAME} "Y" .`),
    1,
  );
  await writeGraphFile(
    data,
    graphInfo(B_GRAPH, { publisherId: "theatre-b", licence: "cc0-1.0" }, nt.triples, undefined),
    nt,
  );
  return data;
}

async function namesOfPage(store: GraphStore): Promise<string[]> {
  const r = await store.select(`SELECT ?n WHERE { <${H_PAGE}> ${NAME} ?n }`);
  return r.bindings.map((b) => b.n!.value).sort();
}

describe("the ownership check of graph files, cached between replicas", () => {
  it("scans each clean file once; a second replica sharing the cache scans none, a changed file again", async () => {
    const data = await dataDir();
    const checked = new Map<string, string>();
    const warnings: string[] = [];
    const first = await GraphStore.open({
      dataDir: data,
      readOnly: true,
      ownershipChecked: checked,
      onWarning: (w) => warnings.push(w),
    });
    expect(first.ownershipScans).toBe(2);
    // Only H's file is clean: B's holds a statement about H's page, dropped and reported.
    expect([...checked.keys()]).toEqual([join(graphsDir(data), graphFileName(H_GRAPH))]);
    expect(await namesOfPage(first)).toEqual(["Bérénice"]);
    expect(warnings.join("\n")).toContain(H_PAGE);
    first.free();

    const second = await GraphStore.open({ dataDir: data, readOnly: true, ownershipChecked: checked });
    // B's file is scanned again (it is never recorded as clean), H's is not.
    expect(second.ownershipScans).toBe(1);
    expect(await namesOfPage(second)).toEqual(["Bérénice"]);
    // H's file touched: its key (mtime) changed, so it is scanned again on reload.
    const hFile = join(graphsDir(data), graphFileName(H_GRAPH));
    utimesSync(hFile, new Date(), new Date(Date.now() + 5000));
    second.reloadGraph(H_GRAPH);
    expect(second.ownershipScans).toBe(2);
    second.reloadGraph(H_GRAPH);
    expect(second.ownershipScans).toBe(2);
    // B reloaded: still scanned, its claim on H's page still dropped.
    second.reloadGraph(B_GRAPH);
    expect(second.ownershipScans).toBe(3);
    expect(await namesOfPage(second)).toEqual(["Bérénice"]);
    second.free();
  });

  it("scans again when the other graphs' namespaces change (a new owner may make a clean file foreign)", async () => {
    const data = tempDir();
    const writer = await GraphWriter.open(data);
    await writer.replaceGraph(B_GRAPH, quads(`<https://theatre-b.example/y> ${NAME} "Y" .`), {
      publisherId: "theatre-b",
      licence: "cc0-1.0",
    });
    await writer.close();
    const checked = new Map<string, string>();
    const a = await GraphStore.open({ dataDir: data, readOnly: true, ownershipChecked: checked });
    expect(a.ownershipScans).toBe(1);
    a.free();
    // A harvested graph now owns a namespace: B's file, unchanged, is checked again against it.
    const w2 = await GraphWriter.open(data);
    await w2.replaceGraph(H_GRAPH, quads(`<${H_PAGE}> ${NAME} "Bérénice" .`), {
      publisherId: "theatre-h",
      licence: "cc-by-4.0",
      source: "harvest",
      namespaces: [H_SITE],
    });
    await w2.close();
    const b = await GraphStore.open({ dataDir: data, readOnly: true, ownershipChecked: checked });
    expect(b.ownershipScans).toBe(2);
    b.free();
  });
});

describe("the server's query workers share the check", () => {
  it("a write is scanned by one worker, not by each; a harvested graph's rule holds through the Graph Store", async () => {
    const tokens = new TokenTable();
    const h = tokens.issue({ publisherId: "theatre-h", graphIri: H_GRAPH, licence: "cc-by-4.0", namespaces: [H_SITE] });
    const b = tokens.issue({ publisherId: "theatre-b", graphIri: B_GRAPH, licence: "cc0-1.0" });
    const server = await VivantServer.start({ port: 0, workers: 2, tokens });
    try {
      const put = (token: string, graph: string, ttl: string): Promise<Response> =>
        fetch(`${server.url}graph-store?graph=${encodeURIComponent(graph)}`, {
          method: "PUT",
          headers: { authorization: `Bearer ${token}`, "content-type": "text/turtle" },
          body: ttl,
        });
      const before = server.pool.ownershipScans;
      // Not records: this graph is RDF, checked by the ownership rule only (the core profile has no event here).
      const ok = await put(h, H_GRAPH, `<${H_PAGE}> ${NAME} "Bérénice" .`);
      expect(ok.status, await ok.text()).toBe(201);
      // Two workers reloaded the new file: one scanned it, the other took the first one's result.
      expect(server.pool.ownershipScans - before).toBe(1);
      const attack = await put(b, B_GRAPH, `<${H_PAGE}> ${NAME} "Annulé par B" .`);
      expect(attack.status).toBe(422);
      expect(await attack.text()).toContain(H_PAGE);
      const r = await fetch(
        `${server.url}sparql?query=${encodeURIComponent(`SELECT ?n WHERE { <${H_PAGE}> ${NAME} ?n }`)}`,
        { headers: { accept: "application/sparql-results+json" } },
      );
      expect(
        ((await r.json()) as { results: { bindings: { n: { value: string } }[] } }).results.bindings.map(
          (x) => x.n.value,
        ),
      ).toEqual(["Bérénice"]);
    } finally {
      await server.close();
    }
  }, 60_000);
});
