// Every message in French: each command (help, usage errors, unusable input, refused data, summaries, progress) run with
// `--lang fr`, and each HTTP error route asked with `Accept-Language: fr`, leaves no English word outside the technical
// parts listed in test/helpers/english.ts. Each case is also run in English and must be caught there, so that the
// check is shown to find English in that very output (a case whose English run has no English word would prove nothing).

import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createServer as createNetServer, type Server as NetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands.js";
import { main } from "../../src/cli/main.js";
import { TokenTable, type VivantServer } from "../../src/server/index.js";
import { isVivantError, type VivantError } from "../../src/errors.js";
import { rewriteQuery } from "../../src/store/sparql-rewrite.js";
import { formatReportSummary } from "../../src/validate/summary.js";
import { englishWords, withoutTechnical } from "../helpers/english.js";
import { DEMO_GRAPH, DEMO_TEXT, demoServer } from "../server/helpers.js";

function sink(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  return {
    stream: new Writable({
      write(c, _e, done) {
        chunks.push(Buffer.from(c));
        done();
      },
    }),
    text: () => Buffer.concat(chunks).toString("utf8"),
  };
}

let dir: string;
async function run(argv: readonly string[], lang: "en" | "fr"): Promise<string> {
  const out = sink();
  const err = sink();
  await main([...argv, "--lang", lang], { stdout: out.stream, stderr: err.stream, cwd: dir, isTTY: false, env: {} });
  return `${out.text()}\n${err.text()}`;
}

const BAD_RECORDS = JSON.stringify({
  publisher: { id: "lieu", name: { fr: "Le Lieu" }, baseIri: "https://data.lieu.example/", licence: "etalab-2.0" },
  venues: [{ id: "v1", name: { fr: "Salle" }, address: { locality: "Lyon", country: "FR" } }],
  productions: [{ id: "p1", name: { fr: "Pièce" } }],
  performances: [
    { id: "x1", production: "p1", venue: "v1", startDate: "pas une date" },
    { id: "x2", production: "nope", venue: "v1", startDate: "2026-11-20T20:00" },
  ],
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "vivant-fr-"));
  writeFileSync(join(dir, "bad.json"), BAD_RECORDS);
  writeFileSync(join(dir, "not-json.json"), '{ "publisher": ');
  writeFileSync(join(dir, "bad.ttl"), "<a> <b> .\n");
  writeFileSync(join(dir, "good.ttl"), '<https://x.example/a> <https://schema.org/name> "A" .\n');
  writeFileSync(join(dir, "broken.csv"), 'a;b\n"x;y\n');
  writeFileSync(
    join(dir, "bad-mapping.json"),
    JSON.stringify({ publisher: { id: "x" }, columns: { "nope.field": "A" } }),
  );
  writeFileSync(join(dir, "unknown-columns.csv"), "title;town\nUn festival;Laon\n");
  mkdirSync(join(dir, "vide"));
  writeFileSync(join(dir, "demo.json"), DEMO_TEXT);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each command's runs on bad (and some good) input: name → argv (without --lang). */
const CLI_CASES: Readonly<Record<string, readonly string[]>> = {
  "vivant --help": ["--help"],
  "unknown command": ["valdate", "x.json"],
  "map --help": ["map", "--help"],
  "map: no file": ["map"],
  "map: missing file": ["map", "missing.json"],
  "map: not JSON": ["map", "not-json.json"],
  "map: embed has no nquads": ["map", "bad.json", "--form", "embed", "--format", "nquads"],
  "map: html needs embed": ["map", "bad.json", "--format", "html"],
  "map: bad records, summary": ["map", "bad.json", "-o", "out.jsonld"],
  "map: unknown option": ["map", "bad.json", "--formt", "jsonld"],
  "map: bad value": ["map", "bad.json", "--form", "page"],
  "validate --help": ["validate", "--help"],
  "validate: no file": ["validate"],
  "validate: missing file": ["validate", "missing.json"],
  "validate: not JSON": ["validate", "not-json.json"],
  "validate: Turtle syntax": ["validate", "bad.ttl"],
  "validate: bad records report": ["validate", "bad.json"],
  "load --help": ["load", "--help"],
  "load: no file": ["load"],
  "load: empty folder": ["load", "vide"],
  "load: RDF without publisher": ["load", "good.ttl", "--data", "data-a"],
  "load: refused records": ["load", "bad.json", "--data", "data-b"],
  "load: loaded": ["load", "demo.json", "--data", "data-c"],
  "import --help": ["import", "--help"],
  "import: no file": ["import", "csv"],
  "import: bad kind": ["import", "ical", "x.ics"],
  "import: not JSON": ["import", "artsdata", "not-json.json", "--publisher", "p"],
  "import: csv without map": ["import", "csv", "broken.csv"],
  "import: csv bad mapping": ["import", "csv", "broken.csv", "--map", "bad-mapping.json"],
  "import: csv syntax": ["import", "csv", "broken.csv", "--map", "../fixtures-mapping.json"],
  "import: csv with rejected rows, summary and ledger": [
    "import",
    "csv",
    "ticketing.csv",
    "--map",
    "../fixtures-mapping.json",
    "-o",
    "c.json",
  ],
  "import: festivals with a rejected row, summary and ledger": ["import", "festivals", "festivals.csv", "-o", "f.json"],
  "import: festivals unknown columns": ["import", "festivals", "unknown-columns.csv"],
  "import: uitdatabank bad window": ["import", "uitdatabank", "demo.json", "--publisher", "u", "--window", "2026"],
  "import: --load without --data": ["import", "festivals", "unknown-columns.csv", "--load"],
  "harvest --help": ["harvest", "--help"],
  "harvest: no URL": ["harvest"],
  "harvest: no publisher": ["harvest", "https://x.example/"],
  "harvest: nothing to write": ["harvest", "https://x.example/", "--publisher", "x"],
  "harvest: bad number": ["harvest", "https://x.example/", "--publisher", "x", "-o", "h.nq", "--timeout", "soon"],
  "serve --help": ["serve", "--help"],
  "serve: unexpected argument": ["serve", "now"],
  "serve: bad host": ["serve", "--host", "local host"],
  "serve: bad number": ["serve", "--workers", "0"],
  "schema --help": ["schema", "--help"],
  "mcp --help": ["mcp", "--help"],
  "export --help": ["export", "--help"],
  "export: nothing named": ["export"],
  "export: no data": ["export", "ical"],
  "mcp: no data": ["mcp"],
  "mcp: bad timeout": ["mcp", "--data", "nowhere", "--timeout", "soon"],
  "mcp: the data directory is not one": ["mcp", "--data", "vide"],
  "dump --help": ["dump", "--help"],
  "dump: no data": ["dump"],
  "dump: a damaged graph file": ["dump", "--data", "data-damaged"],
  "schema: unexpected argument": ["schema", "now"],
  "load: --store not a URL": ["load", "demo.json", "--store", "not a url"],
  "load: --store not http": ["load", "demo.json", "--store", "ftp://127.0.0.1/sparql"],
  "load: --store unreachable": ["load", "demo.json", "--store", "http://127.0.0.1:9/sparql"],
  "duplicates --help": ["duplicates", "--help"],
  "duplicates: no data": ["duplicates"],
  "duplicates: bad family": ["duplicates", "--data", "data-damaged", "--family", "cats"],
  "follow --help": ["follow", "--help"],
  "follow: no catalog": ["follow", "--data", "f"],
  "follow: no data": ["follow", "http://127.0.0.1:9/catalog"],
  "follow: bad use": ["follow", "http://127.0.0.1:9/catalog", "--data", "f", "--use", "resell"],
  "follow: bad every": ["follow", "http://127.0.0.1:9/catalog", "--data", "f", "--every", "soon"],
  "follow: bad token": ["follow", "http://127.0.0.1:9/catalog", "--data", "f", "--token", "nope"],
};

describe("every command in French (--lang fr)", () => {
  beforeAll(() => {
    // A real mapping file next to the CSV whose syntax is broken (the CSV error, not the mapping's, is the case).
    writeFileSync(
      join(dir, "../fixtures-mapping.json"),
      readFileSync(new URL("../../fixtures/import/mapping.json", import.meta.url)),
    );
    writeFileSync(
      join(dir, "ticketing.csv"),
      readFileSync(new URL("../../fixtures/import/ticketing.csv", import.meta.url)),
    );
    writeFileSync(
      join(dir, "festivals.csv"),
      readFileSync(new URL("../../fixtures/import/festivals-sample.csv", import.meta.url)),
    );
  });
  afterAll(() => rmSync(join(dir, "../fixtures-mapping.json"), { force: true }));

  beforeAll(async () => {
    // A data directory whose one graph file was damaged after it was written (a byte of its triples changed).
    await run(["load", "demo.json", "--data", "data-damaged"], "en");
    const graphs = join(dir, "data-damaged", "graphs");
    const file = join(
      graphs,
      readdirSync(graphs).find((f) => f.endsWith(".nt"))!,
    );
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] = bytes[bytes.length - 10] === 0x61 ? 0x62 : 0x61;
    writeFileSync(file, bytes);
  }, 120_000);

  it("a damaged graph file is the case it claims to be", async () => {
    expect(await run(["dump", "--data", "data-damaged"], "en")).toContain("SHA-256 mismatch");
  }, 120_000);

  for (const [name, argv] of Object.entries(CLI_CASES)) {
    it(
      name,
      async () => {
        const en = await run(argv, "en");
        expect(englishWords(en), `the English run of ${name} has English to catch:\n${en}`).not.toEqual([]);
        const fr = await run(argv, "fr");
        expect(fr.trim()).not.toBe("");
        expect(englishWords(fr), `English left in:\n${fr}`).toEqual([]);
      },
      120_000,
    );
  }
});

describe("every command's --help in French", () => {
  /** The options a help text names (`--store`, `--lang`…). */
  const options = (help: string): string[] =>
    [...new Set([...help.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]))].sort();

  for (const command of COMMANDS) {
    it(`vivant ${command.name} --help names the same options in French as in English, --lang among them`, () => {
      expect(typeof command.help).toBe("object");
      const help = command.help as { en: string; fr: string };
      expect(options(help.en)).toContain("--lang");
      expect(options(help.fr)).toEqual(options(help.en));
    });
  }
});

describe("the remote store's query checks in French", () => {
  const view = { physical: new Map<string, string>() };
  for (const [name, query] of [
    ["syntax", "SELECT * WHERE { ?s ?p }"],
    ["update", "DROP ALL"],
    ["SERVICE", "SELECT * WHERE { SERVICE <http://x.example/sparql> { ?s ?p ?o } }"],
    ["a vendor function", 'SELECT * WHERE { ?s ?p ?o FILTER(<bif:contains>(?o, "x")) }'],
  ] as const) {
    it(`${name}: refused in English and in French`, () => {
      let error: unknown;
      try {
        rewriteQuery(query, view);
      } catch (e) {
        error = e;
      }
      expect(isVivantError(error), String(error)).toBe(true);
      const e = error as VivantError;
      expect(englishWords(e.messageIn("en"))).not.toEqual([]);
      expect(englishWords(e.messageIn("fr")), e.messageIn("fr")).toEqual([]);
    });
  }
});

describe("summaries of reports in French", () => {
  it("an issue of a record whose kind is not known says fiche, not record", () => {
    const report = {
      profile: "core" as const,
      conforms: false,
      violations: 1,
      warnings: 0,
      issues: [
        {
          code: "core/x",
          severity: "violation" as const,
          focusNode: "https://x.example/a",
          recordId: "x1",
          message: { en: "is wrong", fr: "est faux" },
          constraint: "c",
        },
      ],
    };
    const en = formatReportSummary(report, { lang: "en", maxIssues: 10 });
    expect(en).toContain('record "x1"');
    const fr = formatReportSummary(report, { lang: "fr", maxIssues: 10 });
    expect(fr).toContain('fiche "x1"');
    expect(englishWords(fr), fr).toEqual([]);
  });
});

describe("vivant harvest and serve in French, against real sockets", () => {
  let site: Server;
  let siteUrl: string;
  let busy: NetServer;
  let busyPort: number;
  beforeAll(async () => {
    site = createServer((req, res) => {
      if (req.url === "/robots.txt") res.writeHead(404).end();
      else if (req.url === "/text") res.writeHead(200, { "content-type": "text/plain" }).end("hello");
      else res.writeHead(404, { "content-type": "text/html" }).end("<p>no</p>");
    });
    await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
    siteUrl = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
    busy = createNetServer();
    await new Promise<void>((r) => busy.listen(0, "127.0.0.1", r));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise<void>((r) => site.close(() => r()));
    await new Promise<void>((r) => busy.close(() => r()));
  });

  it("a harvest whose pages fail: failures, progress and summary", async () => {
    const argv = [
      "harvest",
      `${siteUrl}/missing`,
      `${siteUrl}/text`,
      "--publisher",
      "lieu",
      "-o",
      "h.nq",
      "--allow-private",
      "--delay",
      "0",
    ];
    const en = await run(argv, "en");
    expect(en).toContain("http-status");
    expect(englishWords(en)).not.toEqual([]);
    const fr = await run(argv, "fr");
    expect(fr).toContain("ÉCHEC http-status");
    expect(fr).toContain("URL récupérées");
    expect(englishWords(fr), fr).toEqual([]);
  }, 120_000);

  it("a harvest with --data and nothing harvested", async () => {
    const argv = [
      "harvest",
      `${siteUrl}/missing`,
      "--publisher",
      "lieu",
      "--data",
      "data-h",
      "--allow-private",
      "--delay",
      "0",
    ];
    const en = await run(argv, "en");
    expect(englishWords(en)).not.toEqual([]);
    const fr = await run(argv, "fr");
    expect(englishWords(fr), fr).toEqual([]);
  }, 120_000);

  it("a busy port", async () => {
    const argv = ["serve", "--port", String(busyPort), "--workers", "1"];
    const en = await run(argv, "en");
    expect(englishWords(en)).not.toEqual([]);
    const fr = await run(argv, "fr");
    expect(fr).toContain("déjà pris");
    expect(englishWords(fr), fr).toEqual([]);
  }, 120_000);
});

const SECRET = "https://secret.example/graph";
const EMPTY_SECRET = "https://empty-secret.example/graph";
const SECRET_PUBLISHER = "publisher-token-0123456789abcdef";
const SECRET_READER = "partner-token-0123456789abcdef";
const EMPTY_PUBLISHER = "empty-publisher-token-0123456789";

describe("every HTTP error route in French (Accept-Language: fr)", () => {
  let server: VivantServer;
  let token: string;
  beforeAll(async () => {
    const tokens = TokenTable.fromEntries([
      { token: SECRET_PUBLISHER, publisher: "secret", graph: SECRET, licence: "cc-by-4.0", share: ["partner"] },
      { token: SECRET_READER, reader: "partner" },
      { token: EMPTY_PUBLISHER, publisher: "empty", graph: EMPTY_SECRET, share: ["partner"] },
    ]);
    ({ server, token } = await demoServer({ workers: 1, maxBodyBytes: 2 * 1024 * 1024, tokens }));
    const put = await fetch(new URL(`graph-store?graph=${encodeURIComponent(SECRET)}`, server.url), {
      method: "PUT",
      headers: { authorization: `Bearer ${SECRET_PUBLISHER}`, "content-type": "text/turtle" },
      body: '<https://secret.example/a> <http://schema.org/name> "Secret"@fr .',
    });
    expect(put.status, await put.text()).toBe(201);
  }, 120_000);
  afterAll(() => server?.close());

  const q = (s: string) => encodeURIComponent(s);
  /** name → [path, init]: each answers an error. */
  const ROUTES: () => Readonly<Record<string, readonly [string, RequestInit?]>> = () => ({
    "404": ["nowhere"],
    "sparql: no query parameter": ["sparql?default-graph-uri=x"],
    "sparql: two queries": [`sparql?query=${q("ASK {}")}&query=${q("ASK {}")}`],
    "sparql: syntax error": [`sparql?query=${q("SELECT * WHERE { ?s ?p }")}`],
    "sparql: update refused": [`sparql?update=${q("DROP ALL")}`],
    "sparql: not acceptable": [
      `sparql?query=${q("SELECT * WHERE { ?s ?p ?o } LIMIT 1")}`,
      { headers: { accept: "image/png" } },
    ],
    "sparql: bad POST type": ["sparql", { method: "POST", headers: { "content-type": "text/plain" }, body: "ASK {}" }],
    "sparql: form without query": [
      "sparql",
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "x=1" },
    ],
    "sparql: PUT": ["sparql", { method: "PUT", body: "x" }],
    "sparql: bad dataset IRI": [`sparql?query=${q("ASK {}")}&default-graph-uri=${q("not an iri")}`],
    "sparql: too complex": [`sparql?query=${q(`SELECT * WHERE { ${"{ ".repeat(300)}?s ?p ?o${" }".repeat(300)} }`)}`],
    "sparql: service description not acceptable": ["sparql", { headers: { accept: "image/png" } }],
    "api: unknown parameter": ["api/performances?bogus=1"],
    "api: repeated parameter": ["api/performances?city=a&city=b"],
    "api: bad date": ["api/performances?from=2026-13-45"],
    "api: bad limit": ["api/performances?limit=0"],
    "api: bad cursor": ["api/performances?cursor=zzz"],
    "api: bad facet": ["api/performances/facets?facet=colour"],
    "api: bad near": ["api/stats?near=100,0,5"],
    "api: POST": ["api/stats", { method: "POST", body: "x" }],
    "gsp: no target": ["graph-store"],
    "gsp: bad IRI": [`graph-store?graph=${q("not an iri")}`],
    "gsp: no such graph": [`graph-store?graph=${q("https://nowhere.example/graph")}`],
    "gsp: not acceptable": [`graph-store?graph=${q(DEMO_GRAPH)}`, { headers: { accept: "image/png" } }],
    "gsp: no token": [
      `graph-store?graph=${q(DEMO_GRAPH)}`,
      { method: "PUT", headers: { "content-type": "text/turtle" }, body: "" },
    ],
    "gsp: unknown token": [
      `graph-store?graph=${q(DEMO_GRAPH)}`,
      { method: "PUT", headers: { authorization: "Bearer nope", "content-type": "text/turtle" }, body: "" },
    ],
    "gsp: other graph": [
      `graph-store?graph=${q("https://other.example/graph")}`,
      { method: "PUT", headers: { authorization: `Bearer ${token}`, "content-type": "text/turtle" }, body: "" },
    ],
    "gsp: default graph": [
      "graph-store?default",
      { method: "PUT", headers: { authorization: `Bearer ${token}`, "content-type": "text/turtle" }, body: "" },
    ],
    "gsp: PATCH": [`graph-store?graph=${q(DEMO_GRAPH)}`, { method: "PATCH", body: "x" }],
    "gsp: unknown media type": [
      `graph-store?graph=${q(DEMO_GRAPH)}`,
      { method: "PUT", headers: { authorization: `Bearer ${token}`, "content-type": "image/png" }, body: "x" },
    ],
    "gsp: Turtle syntax": [
      `graph-store?graph=${q(DEMO_GRAPH)}`,
      {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "text/turtle" },
        body: "<a> <b> .",
      },
    ],
    "gsp: bad bytes": [
      `graph-store?graph=${q(DEMO_GRAPH)}`,
      {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "text/turtle" },
        body: Buffer.from([0x3c, 0xff, 0x3e]),
      },
    ],
    "gsp: refused records": [
      `graph-store?graph=${q(DEMO_GRAPH)}`,
      {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: BAD_RECORDS.replaceAll("lieu", "reseau-scenes").replace(
          "https://data.lieu.example/",
          "https://data.reseau-scenes.example/",
        ),
      },
    ],
    "gsp: bad licence": [
      `graph-store?graph=${q(DEMO_GRAPH)}&licence=mine`,
      {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: DEMO_TEXT,
      },
    ],
    "gsp: multipart without file": [
      "graph-store",
      {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "multipart/form-data; boundary=b" },
        body: '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--b--\r\n',
      },
    ],
    "catalog: POST": ["catalog", { method: "POST", body: "x" }],
    "catalog: not acceptable": ["catalog", { headers: { accept: "image/png" } }],
    "restricted graph: not written yet": [
      `graph-store?graph=${q(EMPTY_SECRET)}`,
      { headers: { authorization: `Bearer ${SECRET_READER}` } },
    ],
    "restricted graph: not acceptable": [
      `graph-store?graph=${q(SECRET)}`,
      { headers: { authorization: `Bearer ${SECRET_READER}`, accept: "image/png" } },
    ],
    "dumps: POST": ["dumps/", { method: "POST", body: "x" }],
    "dumps: no such dump": ["dumps/nope/x.ttl"],
    "feed: POST": ["feed/x", { method: "POST", body: "x" }],
    "feed: no such feed": ["feed/nope"],
    "mcp: not JSON": [
      "mcp",
      {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
        body: "{ not json",
      },
    ],
    "api: cursor whose start is no time": [
      `api/performances?cursor=${Buffer.from(JSON.stringify(["not a time", "dateTime", "x"])).toString("base64url")}`,
    ],
    "reconcile: not JSON": [
      "reconcile/match",
      { method: "POST", headers: { "content-type": "application/json" }, body: "{ not json" },
    ],
    "reconcile: bad matchType": [
      "reconcile/match",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"queries": [{"conditions": [{"matchType": "nom", "propertyValue": "x"}]}]}',
      },
    ],
    "reconcile: unknown field": [
      "reconcile/match",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"queries": [{"props": [], "conditions": [{"matchType": "name", "propertyValue": "x"}]}]}',
      },
    ],
    "reconcile: too long": [
      "reconcile/match",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ queries: [{ conditions: [{ matchType: "name", propertyValue: "x".repeat(2000) }] }] }),
      },
    ],
    "reconcile: batch too large": [
      "reconcile/match",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          queries: Array.from({ length: 51 }, () => ({ conditions: [{ matchType: "name", propertyValue: "x" }] })),
        }),
      },
    ],
    "reconcile: 0.2 batch at /match": [
      "reconcile/match",
      { method: "POST", headers: { "content-type": "application/json" }, body: '{"q0": {"query": "x"}}' },
    ],
    "reconcile: form without queries": [
      "reconcile",
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "x=1" },
    ],
    "reconcile: XML body": [
      "reconcile/match",
      { method: "POST", headers: { "content-type": "application/xml" }, body: "<q/>" },
    ],
    "reconcile: bad suggest limit": ["reconcile/suggest/entity?prefix=a&limit=lots"],
    "reconcile: long suggest prefix": [`reconcile/suggest/entity?prefix=${"a".repeat(1001)}`],
    "reconcile: preview of nothing": [`reconcile/preview?id=${q("https://nowhere.example/x")}`],
    "reconcile: GET match": ["reconcile/match"],
    "too large": [
      "sparql",
      { method: "POST", headers: { "content-type": "application/sparql-query" }, body: "#".repeat(3 * 1024 * 1024) },
    ],
  });

  /** The words of a problem document (or an HTML page's alert) a person reads. */
  function readable(type: string, text: string): string {
    if (type.includes("json")) {
      const strings: string[] = [];
      const walk = (v: unknown, key?: string): void => {
        if (typeof v === "string") {
          if (
            ![
              "type",
              "code",
              "instance",
              "focusNode",
              "path",
              "value",
              "sourceShape",
              "sourceConstraintComponent",
              "resultPath",
              "field",
              "entity",
              "severity",
            ].includes(key ?? "")
          )
            strings.push(v);
        } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
        else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) if (k !== "en") walk(x, k);
      };
      walk(JSON.parse(text));
      return strings.join("\n");
    }
    return [...text.matchAll(/role="alert">([\s\S]*?)<\/p>/g)].map((m) => m[1]!).join("\n");
  }

  it("each route answers an error, English in English and no English in French", async () => {
    const problems: string[] = [];
    for (const [name, [path, init]] of Object.entries(ROUTES())) {
      const answers: Record<string, { status: number; words: string[]; text: string }> = {};
      for (const lang of ["en", "fr"] as const) {
        const r = await fetch(new URL(path, server.url), {
          ...init,
          headers: { ...(init?.headers as Record<string, string>), "accept-language": lang },
        });
        const text = await r.text();
        const body = readable(r.headers.get("content-type") ?? "", text);
        answers[lang] = { status: r.status, words: englishWords(body), text: body };
      }
      if (answers.en!.status < 400) problems.push(`${name}: not an error (${answers.en!.status})`);
      if (answers.en!.words.length === 0)
        problems.push(`${name}: the English answer has no English to catch: ${answers.en!.text}`);
      if (answers.fr!.words.length > 0)
        problems.push(`${name}: English left (${answers.fr!.words.join(", ")}): ${answers.fr!.text}`);
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it("the checker page's errors are in the page's language", async () => {
    const en = await fetch(new URL("check?ui=en", server.url), {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "x",
    });
    expect(englishWords(readable("text/html", await en.text()))).not.toEqual([]);
    const fr = await fetch(new URL("check?ui=fr", server.url), {
      method: "POST",
      headers: { "content-type": "text/plain", "accept-language": "fr" },
      body: "x",
    });
    const text = readable("text/html", await fr.text());
    expect(text).not.toBe("");
    expect(englishWords(text), text).toEqual([]);
  }, 60_000);
});

describe("the English detector", () => {
  it("catches an English sentence slipped into French output", () => {
    expect(englishWords("vivant map : donnez un seul fichier de fiches (par ex. vivant map season.json)")).toEqual([]);
    expect(englishWords("vivant map : give exactly one records file (e.g. vivant map season.json)")).toEqual([
      "give",
      "one",
      "records",
      "file",
    ]);
    expect(
      englishWords("rien d'écrit : 2 violations (graph https://x.example/graph unchanged)").length,
    ).toBeGreaterThan(0);
  });

  it("keeps the documented technical parts, and only them", () => {
    const s =
      "erreur de syntaxe SPARQL (message de l'analyseur : « error at 1:5: expected one of the »), code sparql/syntax, --publisher, text/turtle, season.json, Graph Store";
    expect(englishWords(s)).toEqual([]);
    expect(withoutTechnical(s)).not.toContain("expected");
    // Outside the quotes, the same words are caught.
    expect(englishWords("error at 1:5: expected one of the")).toEqual(["error", "at", "one", "of", "the"]);
  });
});
