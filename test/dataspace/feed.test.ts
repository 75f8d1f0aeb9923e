// The change feed: Activity Streams 2.0 Create / Update / Delete of entities computed from the diff of graph
// versions at each write, paged with stable URLs, ETag / If-None-Match, Last-Modified / If-Modified-Since, compaction
// (410 past retention). A follower that applies the feed to its copy ends with the graph the node serves.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Parser } from "n3";
import type { Quad } from "@rdfjs/types";
import { TokenTable, VivantServer } from "../../src/server/index.js";
import { GraphWriter } from "../../src/store/writer.js";
import { call, DEMO_GRAPH, demoServer, selectRows } from "../server/helpers.js";

const G = "https://theatre-x.example/graph";
const PAGE = 3;
const prefix = `@prefix schema: <http://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n`;
const perf = (
  n: number,
  name: string,
  day = 4,
) => `<https://theatre-x.example/performance/p${n}> a schema:TheaterEvent ; schema:name "${name}"@fr ;
  schema:startDate "2026-12-${String(day).padStart(2, "0")}T20:00:00+01:00"^^xsd:dateTime ; schema:workPerformed <https://theatre-x.example/production/w> ;
  schema:location <https://theatre-x.example/venue/main> .\n`;
const rest = `<https://theatre-x.example/production/w> a schema:CreativeWork ; schema:name "Bérénice"@fr .
<https://theatre-x.example/venue/main> a schema:Place ; schema:name "Théâtre X"@fr ;
  schema:address [ a schema:PostalAddress ; schema:addressLocality "Lyon" ; schema:addressCountry "FR" ] .\n`;

interface Activity {
  id: string;
  type: string;
  published: string;
  object: { id: string; content?: string };
}
interface Page {
  id: string;
  next?: string;
  prev?: string;
  orderedItems: Activity[];
}
interface Collection {
  id: string;
  first: string;
  last: string;
  totalItems: number;
  type: string[];
}

let server: VivantServer;
let base: string;
let token: string;
const dir = mkdtempSync(join(tmpdir(), "vivant-feed-"));
beforeAll(async () => {
  const tokens = new TokenTable();
  token = tokens.issue({ publisherId: "theatre-x", graphIri: G, licence: "cc-by-4.0" });
  ({ server } = await demoServer({ tokens, dataDir: dir, feed: { pageSize: PAGE, retainPages: 1000 } }));
  base = server.url;
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const put = async (body: string, method = "PUT") => {
  const a = await call(base, `graph-store?graph=${encodeURIComponent(G)}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "text/turtle" },
    body: prefix + body,
  });
  expect(a.status, a.text).toBeLessThan(300);
};
const json = async <T>(url: string): Promise<T> => {
  const a = await call(base, url);
  expect(a.status, `${url}: ${a.text}`).toBe(200);
  return JSON.parse(a.text) as T;
};

/** Every activity of a feed, walking the pages from `first` through `next`. */
async function walk(id: string): Promise<Activity[]> {
  const c = await json<Collection>(`feed/${id}`);
  const out: Activity[] = [];
  let url: string | undefined = c.first;
  for (let i = 0; url && i < 10_000; i++) {
    const p: Page = await json<Page>(url);
    out.push(...p.orderedItems);
    url = p.next;
  }
  expect(out.length).toBe(c.totalItems);
  return out;
}

/** A follower's copy: entity IRI → its N-Triples, each activity replacing or removing the entity. */
function apply(copy: Map<string, string>, activities: readonly Activity[]): Map<string, string> {
  for (const a of activities) {
    if (a.type === "Delete") copy.delete(a.object.id);
    else copy.set(a.object.id, a.object.content!);
  }
  return copy;
}
const key = (q: Quad): string =>
  `${q.subject.termType === "BlankNode" ? "_" : q.subject.value} ${q.predicate.value} ${q.object.termType === "BlankNode" ? "_" : q.object.termType === "Literal" ? JSON.stringify([q.object.value, q.object.language, q.object.datatype.value]) : q.object.value}`;
const copyTriples = (copy: Map<string, string>): string[] =>
  [...copy.values()]
    .flatMap((nt) => new Parser({ format: "application/n-triples" }).parse(nt))
    .map(key)
    .sort();
async function served(graph: string): Promise<string[]> {
  const a = await call(base, `graph-store?graph=${encodeURIComponent(graph)}`, {
    headers: { accept: "application/n-triples" },
  });
  return new Parser({ format: "application/n-triples" }).parse(a.text).map(key).sort();
}

describe("change feed", () => {
  let copy = new Map<string, string>();
  let seen = 0;

  it("starts with a Create of every entity of a graph loaded before, one per IRI subject", async () => {
    const activities = await walk("reseau-scenes");
    const subjects = await selectRows(
      base,
      `SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH <${DEMO_GRAPH}> { ?s ?p ?o FILTER(isIRI(?s)) } }`,
    );
    expect(activities.length).toBe(Number(subjects[0]!.n));
    expect(new Set(activities.map((a) => a.type))).toEqual(new Set(["Create"]));
    // The demo's blank nodes (addresses, offers…) travel inside their entities: the copy is the whole graph.
    expect(copyTriples(apply(new Map(), activities))).toEqual(await served(DEMO_GRAPH));
    const c = await json<Collection>("feed/reseau-scenes");
    expect(c.type).toEqual(["OrderedCollection", "ldes:EventStream"]);
  });

  it("a write gives Create, Update and Delete of exactly the entities that changed, and the follower's copy is the graph", async () => {
    await put(perf(1, "Bérénice") + perf(2, "Bérénice") + rest);
    let activities = await walk("theatre-x");
    expect(activities.map((a) => `${a.type} ${a.object.id.replace("https://theatre-x.example/", "")}`).sort()).toEqual([
      "Create performance/p1",
      "Create performance/p2",
      "Create production/w",
      "Create venue/main",
    ]);
    copy = apply(new Map(), activities);
    seen = activities.length;
    expect(copyTriples(copy)).toEqual(await served(G));
    // p1 renamed, p2 removed, p3 added; the venue (with its blank-node address, relabelled at each version) unchanged.
    await put(perf(1, "Bérénice (reprise)") + perf(3, "Bérénice", 5) + rest);
    activities = await walk("theatre-x");
    const fresh = activities.slice(seen);
    expect(fresh.map((a) => `${a.type} ${a.object.id.replace("https://theatre-x.example/", "")}`).sort()).toEqual([
      "Create performance/p3",
      "Delete performance/p2",
      "Update performance/p1",
    ]);
    copy = apply(copy, fresh);
    seen = activities.length;
    expect(copyTriples(copy)).toEqual(await served(G));
    // POST merges: the venue gets a triple, an Update.
    await put(`<https://theatre-x.example/venue/main> schema:url <https://theatre-x.example/> .`, "POST");
    const merged = (await walk("theatre-x")).slice(seen);
    expect(merged.map((a) => `${a.type} ${a.object.id}`)).toEqual(["Update https://theatre-x.example/venue/main"]);
    copy = apply(copy, merged);
    seen += merged.length;
    expect(copyTriples(copy)).toEqual(await served(G));
  });

  it("the same content written again changes nothing (blank-node labels do not count)", async () => {
    const before = (await json<Collection>("feed/theatre-x")).totalItems;
    const now = await call(base, `graph-store?graph=${encodeURIComponent(G)}`, { headers: { accept: "text/turtle" } });
    await put(now.text.replace(/^@prefix[^\n]*\n/gm, ""));
    expect((await json<Collection>("feed/theatre-x")).totalItems).toBe(before);
  });

  it("pages have stable URLs: a full page is immutable, the same bytes and ETag after later writes", async () => {
    const page0 = await call(base, "feed/theatre-x/0");
    expect((JSON.parse(page0.text) as Page).orderedItems).toHaveLength(PAGE);
    expect(page0.headers.get("cache-control")).toMatch(/immutable/);
    await put(perf(1, "Bérénice (dernière)") + perf(3, "Bérénice", 5) + rest);
    const again = await call(base, "feed/theatre-x/0");
    expect(again.text).toBe(page0.text);
    expect(again.headers.get("etag")).toBe(page0.headers.get("etag"));
    const c = await json<Collection>("feed/theatre-x");
    const last = await call(base, c.last.replace(base, ""));
    expect(last.headers.get("cache-control")).toBe("no-cache");
  });

  it("answers 304 to If-None-Match and If-Modified-Since, and a new ETag after a write", async () => {
    const c = await call(base, "feed/theatre-x");
    const etag = c.headers.get("etag")!;
    const modified = c.headers.get("last-modified")!;
    expect(etag).toMatch(/^"/);
    expect((await call(base, "feed/theatre-x", { headers: { "if-none-match": etag } })).status).toBe(304);
    expect((await call(base, "feed/theatre-x", { headers: { "if-modified-since": modified } })).status).toBe(304);
    expect((await call(base, "feed/theatre-x", { headers: { "if-none-match": '"other"' } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100)); // Last-Modified has a one-second resolution
    await put(perf(1, "Bérénice (encore)") + perf(3, "Bérénice", 5) + rest);
    const after = await call(base, "feed/theatre-x", { headers: { "if-none-match": etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect((await call(base, "feed/theatre-x", { headers: { "if-modified-since": modified } })).status).toBe(200);
  });

  it("refuses what is not a feed or a page: 404, and 405 for writes", async () => {
    for (const p of [
      "feed/nobody",
      "feed/theatre-x/01",
      "feed/theatre-x/-1",
      "feed/theatre-x/abc",
      "feed/theatre-x/99999",
      "feed/theatre-x/0/x",
      "feed/..%2Fgraphs",
    ]) {
      expect((await call(base, p)).status, p).toBe(404);
    }
    expect((await call(base, "feed/theatre-x", { method: "POST", body: "{}" })).status).toBe(405);
  });

  it("the catalog lists each dataset's feed as a service and a distribution", async () => {
    const ttl = new Parser({ baseIRI: base }).parse(
      (await call(base, "catalog", { headers: { accept: "text/turtle" } })).text,
    );
    const endpoints = ttl
      .filter((q) => q.predicate.value === "http://www.w3.org/ns/dcat#endpointURL")
      .map((q) => q.object.value);
    expect(endpoints).toEqual(expect.arrayContaining([`${base}feed/theatre-x`, `${base}feed/reseau-scenes`]));
  });

  it("a deleted graph's feed ends with a Delete of every entity", async () => {
    const before = await walk("theatre-x");
    const entities = [...apply(new Map(), before).keys()];
    expect(await server.deleteGraph(G)).toBe(true);
    const after = await walk("theatre-x");
    const tail = after.slice(before.length);
    expect(tail.map((a) => a.type)).toEqual(entities.map(() => "Delete"));
    expect(tail.map((a) => a.object.id).sort()).toEqual(entities.sort());
    expect(apply(apply(new Map(), before), tail).size).toBe(0);
  });
});

describe("change feed of a data directory written without one", () => {
  it("begins, on first request, with a Create of each entity of the graph's current version", async () => {
    const d = mkdtempSync(join(tmpdir(), "vivant-feed-"));
    const writer = await GraphWriter.open(d);
    await writer.replaceGraph(G, new Parser().parse(prefix + perf(1, "a") + perf(2, "b") + rest), {
      publisherId: "theatre-x",
      licence: "cc0-1.0",
    });
    await writer.close();
    const s = await VivantServer.start({ port: 0, dataDir: d });
    try {
      const c = JSON.parse((await call(s.url, "feed/theatre-x")).text) as Collection;
      expect(c.totalItems).toBe(4);
      const p = JSON.parse((await call(s.url, "feed/theatre-x/0")).text) as Page;
      expect(p.orderedItems.map((a) => a.type)).toEqual(["Create", "Create", "Create", "Create"]);
    } finally {
      await s.close();
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe("change feed retention", () => {
  it("keeps the newest pages: an older page answers 410 with where to start again, first moves on", async () => {
    const tokens = new TokenTable();
    const d = mkdtempSync(join(tmpdir(), "vivant-feed-"));
    const t = tokens.issue({ publisherId: "theatre-x", graphIri: G, licence: "cc-by-4.0" });
    const { server: s } = await demoServer({ tokens, dataDir: d, feed: { pageSize: 2, retainPages: 2 } });
    try {
      for (let i = 0; i < 4; i++) {
        const a = await call(s.url, `graph-store?graph=${encodeURIComponent(G)}`, {
          method: "PUT",
          headers: { authorization: `Bearer ${t}`, "content-type": "text/turtle" },
          body: prefix + perf(1, `v${i}`) + perf(2, `w${i}`) + rest,
        });
        expect(a.status).toBeLessThan(300);
      }
      const c = JSON.parse((await call(s.url, "feed/theatre-x")).text) as Collection;
      // 4 Creates then 3 × 2 Updates: 10 activities, 5 pages of 2, the newest 2 kept.
      expect([c.first, c.last]).toEqual([`${s.url}feed/theatre-x/3`, `${s.url}feed/theatre-x/4`]);
      expect(c.totalItems).toBe(4);
      const gone = await call(s.url, "feed/theatre-x/0");
      expect(gone.status).toBe(410);
      expect(gone.text).toContain("dumps/theatre-x/latest.nq.gz");
    } finally {
      await s.close();
      rmSync(d, { recursive: true, force: true });
    }
  });
});
