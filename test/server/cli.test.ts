// vivant load and vivant serve, run in-process: only valid data is written; serve prints its URL and a demo token.
import { mkdtempSync, rmSync, writeFileSync, readdirSync, existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { englishWords } from "../helpers/english.js";
import { startServe } from "../../src/cli/serve.js";
import { GraphStore } from "../../src/store/index.js";
import { call, DEMO_GRAPH, DEMO_PATH, DEMO_TEXT, selectRows } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "vivant-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TTL = `@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://theatre-x.example/performance/p1> a schema:TheaterEvent ; schema:name "Bérénice"@fr ;
  schema:startDate "2026-12-04T20:00:00+01:00"^^xsd:dateTime ; schema:workPerformed <https://theatre-x.example/production/b> ;
  schema:location <https://theatre-x.example/venue/main> .
<https://theatre-x.example/production/b> a schema:CreativeWork ; schema:name "Bérénice"@fr .
<https://theatre-x.example/venue/main> a schema:Place ; schema:name "Théâtre X"@fr ;
  schema:address [ a schema:PostalAddress ; schema:addressLocality "Lyon" ; schema:addressCountry "FR" ] .`;

describe("vivant load", () => {
  it("maps, validates and writes records into the data directory", async () => {
    const data = join(dir, "data1");
    const r = await runCli(["load", DEMO_PATH, "--publisher", "reseau-scenes", "--data", data]);
    expect(r.stderr).toMatch(/validated \d+ triples/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/loaded 7\d{3} triples into https:\/\/data\.reseau-scenes\.example\/graph/);
    const store = await GraphStore.open({ dataDir: data });
    try {
      expect(store.graphs()).toMatchObject([
        { graphIri: DEMO_GRAPH, publisherId: "reseau-scenes", licence: "etalab-2.0", version: 1 },
      ]);
    } finally {
      await store.close();
    }
  });

  it("writes nothing when the data has violations, and shows the report", async () => {
    const data = join(dir, "data2");
    const bad = JSON.parse(DEMO_TEXT) as { performances: { startDate: string }[] };
    bad.performances[0]!.startDate = "2026-13-45T20:00";
    const path = join(dir, "bad-season.json");
    writeFileSync(path, JSON.stringify(bad));
    const r = await runCli(["load", path, "--data", data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing written/);
    expect(r.stdout).toMatch(/startDate/);
    expect(readdirSync(join(data, "graphs"))).toEqual([]);
  });

  it("loads RDF from a folder for a publisher, needing a graph and a licence the first time", async () => {
    const data = join(dir, "data3");
    const folder = join(dir, "rdf");
    mkdirSync(folder);
    writeFileSync(join(folder, "a.ttl"), TTL);
    writeFileSync(
      join(folder, "b.nt"),
      `<https://theatre-x.example/venue/main> <http://schema.org/telephone> "+33 4 00 00 00 00" .\n`,
    );
    const noPublisher = await runCli(["load", folder, "--data", data]);
    expect(noPublisher.code).toBe(2);
    expect(noPublisher.stderr).toMatch(/--publisher/);
    const noGraph = await runCli(["load", folder, "--data", data, "--publisher", "theatre-x"]);
    expect(noGraph.code).toBe(2);
    expect(noGraph.stderr).toMatch(/--graph/);
    const ok = await runCli([
      "load",
      folder,
      "--data",
      data,
      "--publisher",
      "theatre-x",
      "--graph",
      "https://theatre-x.example/graph",
      "--licence",
      "cc0-1.0",
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    // The second time the publisher's graph and licence are known.
    const again = await runCli(["load", join(folder, "a.ttl"), "--data", data, "--publisher", "theatre-x"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/version 2/);
  });

  it("refuses to write a data directory a server is using", async () => {
    const data = join(dir, "data4");
    const out = new Writable({ write: (_c, _e, done) => done() });
    const server = await startServe(["--port", "0", "--data", data], {
      stdout: out,
      stderr: out,
      cwd: dir,
      isTTY: false,
      env: {},
    });
    try {
      const r = await runCli(["load", DEMO_PATH, "--data", data]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/in use by process/);
    } finally {
      await server.close();
    }
  });
});

describe("vivant serve", () => {
  it("--lang fr: the pages' address and the store's warnings (a folder named x.nt) in French, not English", async () => {
    const data = join(dir, "served-fr");
    mkdirSync(join(data, "graphs", "x.nt"), { recursive: true });
    const chunks: string[] = [];
    const out = new Writable({ write: (c, _e, done) => (chunks.push(String(c)), done()) });
    const server = await startServe(["--lang", "fr", "--port", "0", "--data", data, "--workers", "1"], {
      stdout: out,
      stderr: out,
      cwd: dir,
      isTTY: false,
      env: {},
    });
    try {
      const text = chunks.join("");
      // (The warnings come first here: stdout and stderr share one stream, and the store is opened before the banner.)
      expect(text.split("\n")).toContain(
        `Pages (découverte, observatoire, requêtes, vérificateur, publication) : ${server.url}`,
      );
      const warnings = text.split("\n").filter((l) => l.includes("x.nt"));
      // Seen by the writer and by the query worker, each said in French.
      expect(warnings.length).toBeGreaterThanOrEqual(2);
      for (const w of warnings) {
        expect(w).toMatch(
          /^avertissement : .*x\.nt n'est pas un fichier de graphe \(un dossier\) : ignoré ; sortez-le de /,
        );
        expect(englishWords(w)).toEqual([]);
      }
    } finally {
      await server.close();
    }
  });

  it("serves the demo season, prints the endpoint and a token that writes the demo graph", async () => {
    const chunks: string[] = [];
    const out = new Writable({ write: (c, _e, done) => (chunks.push(String(c)), done()) });
    const server = await startServe(["--demo", "--port", "0", "--data", join(dir, "served")], {
      stdout: out,
      stderr: out,
      cwd: dir,
      isTTY: false,
      env: {},
    });
    try {
      const text = chunks.join("");
      // stdout and stderr in one stream: the pages' address is the very first line.
      expect(text.split("\n")[0]).toBe(`Pages (discovery, observatory, query, checker, publishing): ${server.url}`);
      const endpoint = /SPARQL endpoint:\s+(\S+)/.exec(text)?.[1];
      expect(endpoint).toBe(`${server.url}sparql`);
      const token = /token \(this run only\): (\S+)/.exec(text)?.[1];
      expect(token).toBeDefined();
      expect(
        Number(
          (
            await selectRows(server.url, "SELECT (COUNT(*) AS ?n) WHERE { ?e <http://schema.org/workPerformed> ?w }")
          )[0]!.n,
        ),
      ).toBe(165);
      const put = await call(server.url, `graph-store?graph=${encodeURIComponent(DEMO_GRAPH)}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: DEMO_TEXT,
      });
      expect(put.status).toBe(204);
      expect(existsSync(join(dir, "served", "graphs"))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
