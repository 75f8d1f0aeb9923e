// /reconcile on the demo season: the manifest, matching (names across case, accents and languages; identifiers via
// sameAs; property conditions with required and matchQuantifier; the 0.2 form OpenRefine posts), and what a hostile
// request gets (400 with a problem document, never 500). Needs no corpus: the schema checks are in reconcile-corpus.test.ts.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenTable, VivantServer } from "../../src/server/index.js";
import { call, demoServer, type Answer } from "./helpers.js";

const D = "https://data.reseau-scenes.example/";
let server: VivantServer;

beforeAll(async () => {
  ({ server } = await demoServer());
}, 60_000);
afterAll(async () => server.close());

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return call(server.url, path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

function form(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  return call(server.url, path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

interface Cand {
  id: string;
  name: string;
  score: number;
  match: boolean;
  features: { id: string; value: number | boolean }[];
  type: { id: string }[];
  description?: string;
}

async function match(...queries: unknown[]): Promise<Cand[][]> {
  const a = await post("reconcile/match", { queries });
  expect(a.status, a.text).toBe(200);
  return (JSON.parse(a.text) as { results: { candidates: Cand[] }[] }).results.map((r) => r.candidates);
}

const name = (value: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  matchType: "name",
  propertyValue: value,
  ...extra,
});
const prop = (propertyId: string, value: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  matchType: "property",
  propertyId,
  propertyValue: value,
  ...extra,
});

describe("manifest", () => {
  it("names the 1.0 draft, the six default types, the view template and the services", async () => {
    const a = await call(server.url, "reconcile");
    expect(a.status).toBe(200);
    const m = JSON.parse(a.text) as Record<string, unknown> & { defaultTypes: { id: string }[]; view: { url: string } };
    expect(m.versions).toContain("1.0-draft");
    expect(m.defaultTypes.map((t) => t.id)).toEqual([
      "http://schema.org/Place",
      "http://schema.org/Person",
      "http://schema.org/Organization",
      "http://schema.org/CreativeWork",
      "http://kg.artsdata.ca/ontology/LivePerformanceWork",
      "http://schema.org/Event",
    ]);
    expect(m.view.url).toBe(`${server.url}reconcile/preview?id={id}`);
    expect(m.suggest).toEqual({ entity: true, property: true, type: true });
    expect(m).toMatchObject({
      identifierSpace: expect.any(String),
      schemaSpace: "http://schema.org/",
      batchSize: 50,
      standardizedScore: true,
      extend: { proposeProperties: true },
    });
  });

  it("is in French for Accept-Language: fr", async () => {
    const a = await call(server.url, "reconcile", { headers: { "accept-language": "fr" } });
    expect(a.headers.get("content-language")).toBe("fr");
    expect((JSON.parse(a.text) as { defaultTypes: { name: string }[] }).defaultTypes.map((t) => t.name)).toContain(
      "Représentation",
    );
  });
});

describe("match", () => {
  it("finds a venue written without accents, in another case, and explains the score", async () => {
    const [c] = await match({
      type: "schema:Place",
      conditions: [name("LE GRAND QUAI, SCENE CONVENTIONNEE DE NANTES")],
    });
    expect(c![0]).toMatchObject({ id: `${D}venue/grand-quai-nantes`, score: 100, match: true });
    expect(c![0]!.features).toContainEqual(expect.objectContaining({ id: "name", value: 1 }));
    expect(c![0]!.description).toContain("44000 Nantes");
  });

  it("matches a name in any of the entity's languages", async () => {
    const [c] = await match({
      type: "http://kg.artsdata.ca/ontology/LivePerformanceWork",
      conditions: [name("the nutcracker")],
    });
    expect(c![0]).toMatchObject({ id: `${D}production/casse-noisette`, match: true });
  });

  it("ranks a near spelling first, but does not call it a match", async () => {
    const [c] = await match({ type: "Place", conditions: [name("Theatre de la Vilenne")] });
    expect(c![0]!.id).toBe(`${D}venue/theatre-vilaine-rennes`);
    expect(c![0]!.score).toBeLessThan(95);
    expect(c![0]!.match).toBe(false);
  });

  it("gives a certain match for a known identifier, in any of its written forms, as id or sameAs", async () => {
    const [byId, bySameAs, byPage] = await match(
      { conditions: [{ matchType: "id", propertyValue: "Q7317" }] },
      { conditions: [name("G. Verdi"), prop("sameAs", "http://www.wikidata.org/entity/Q7317")] },
      { type: "schema:Person", conditions: [prop("wikidata", "https://www.wikidata.org/wiki/Q7317")] },
    );
    for (const c of [byId, bySameAs, byPage]) {
      expect(c![0]).toMatchObject({ id: `${D}person/giuseppe-verdi`, score: 100, match: true });
    }
    expect(bySameAs![0]!.features).toContainEqual(expect.objectContaining({ id: "sameAs", value: true }));
  });

  it("an entity's own IRI given as id is a certain match", async () => {
    const [c] = await match({ conditions: [{ matchType: "id", propertyValue: `${D}venue/la-cale-angers` }] });
    expect(c).toHaveLength(1);
    expect(c![0]).toMatchObject({ id: `${D}venue/la-cale-angers`, match: true });
  });

  it("required property conditions filter; optional ones only rank", async () => {
    const [wrong, right, optional] = await match(
      { type: "schema:Place", conditions: [name("Le Grand Quai"), prop("postalCode", "35000", { required: true })] },
      { type: "schema:Place", conditions: [name("Le Grand Quai"), prop("postalCode", "44 000", { required: true })] },
      { type: "schema:Place", conditions: [name("Le Grand Quai"), prop("postalCode", "35000")] },
    );
    expect(wrong).toEqual([]);
    expect(right![0]!.id).toBe(`${D}venue/grand-quai-nantes`);
    expect(right![0]!.features).toContainEqual(expect.objectContaining({ id: "property:postalCode", value: 1 }));
    expect(optional![0]!.id).toBe(`${D}venue/grand-quai-nantes`);
    expect(optional![0]!.score).toBeLessThan(right![0]!.score);
  });

  it("matches a performance by production, day and city", async () => {
    const [c] = await match({
      type: "schema:Event",
      conditions: [
        name("La Traviata"),
        prop("startDate", "2026-11-06", { required: true }),
        prop("city", "rennes", { required: true }),
      ],
    });
    expect(c!.map((x) => x.id)).toEqual([`${D}performance/traviata-07`]);
  });

  it("matchQuantifier none excludes, all needs every value", async () => {
    const [none, all, any] = await match(
      {
        type: "schema:Event",
        conditions: [name("La traviata"), prop("city", ["Nantes"], { matchQuantifier: "none", required: true })],
      },
      {
        type: "schema:Place",
        conditions: [
          name("Grand Quai"),
          prop("addressLocality", ["Nantes", "Rennes"], { matchQuantifier: "all", required: true }),
        ],
      },
      {
        type: "schema:Place",
        conditions: [
          name("Grand Quai"),
          prop("addressLocality", ["Nantes", "Rennes"], { matchQuantifier: "any", required: true }),
        ],
      },
    );
    expect(
      none!
        .slice(0, 2)
        .map((x) => x.id)
        .sort(),
    ).toEqual([`${D}performance/traviata-07`, `${D}performance/traviata-08`]);
    expect(none!.some((x) => x.description?.includes("Nantes"))).toBe(false);
    expect(all).toEqual([]);
    expect(any![0]!.id).toBe(`${D}venue/grand-quai-nantes`);
  });

  it("a performance's venue may be given by id", async () => {
    const [c] = await match({
      type: "schema:Event",
      limit: 20,
      conditions: [
        name("La traviata"),
        prop("location", { id: `${D}venue/theatre-vilaine-rennes` }, { required: true }),
      ],
    });
    // The two performances of La traviata there first; others there sharing a word ("la") after them.
    expect(
      c!
        .slice(0, 2)
        .map((x) => x.id)
        .sort(),
    ).toEqual([`${D}performance/traviata-07`, `${D}performance/traviata-08`]);
    expect(c!.slice(2).every((x) => x.score < c![1]!.score)).toBe(true);
    expect(c!.every((x) => x.features.some((f) => f.id === "property:location" && f.value === 1))).toBe(true);
  });

  it("answers each query of a batch in order, and keeps to the limit", async () => {
    const [a, b] = await match({ limit: 2, conditions: [name("La")] }, { conditions: [name("Molière")] });
    expect(a!.length).toBeLessThanOrEqual(2);
    expect(b![0]!.id).toBe(`${D}person/moliere`);
  });

  it("answers an unknown property's condition without counting it, and a required one with no candidate", async () => {
    const [loose, strict] = await match(
      { conditions: [name("Molière"), prop("professionOrOccupation", "Politik*")] },
      { conditions: [name("Molière"), prop("professionOrOccupation", "Politik*", { required: true })] },
    );
    expect(loose![0]).toMatchObject({ id: `${D}person/moliere`, score: 100 });
    expect(loose![0]!.features).toContainEqual(
      expect.objectContaining({ id: "property:professionOrOccupation", value: false }),
    );
    expect(strict).toEqual([]);
  });
});

describe("OpenRefine's 0.2 form", () => {
  it("POST /reconcile with queries= answers by key", async () => {
    const a = await form("reconcile", {
      queries: JSON.stringify({
        q0: { query: "giuseppe verdi", type: "schema:Person", limit: 3 },
        q1: { query: "Vilaine", properties: [{ pid: "postalCode", v: "35000" }] },
      }),
    });
    expect(a.status, a.text).toBe(200);
    const r = JSON.parse(a.text) as Record<string, { result: Cand[] }>;
    expect(r.q0!.result[0]).toMatchObject({ id: `${D}person/giuseppe-verdi`, match: true });
    expect(r.q1!.result[0]!.id).toBe(`${D}venue/theatre-vilaine-rennes`);
  });

  it("keeps keys such as __proto__ as plain keys", async () => {
    const a = await form("reconcile", {
      queries: '{"__proto__": {"query": "Verdi"}, "constructor": {"query": "Mozart"}}',
    });
    expect(a.status, a.text).toBe(200);
    const r = JSON.parse(a.text) as Record<string, { result: Cand[] }>;
    expect(Object.keys(r).sort()).toEqual(["__proto__", "constructor"]);
  });

  it("a 1.0 batch in the form field is answered in the 1.0 layout", async () => {
    const a = await form("reconcile/match", {
      queries: JSON.stringify({ queries: [{ conditions: [name("Verdi")] }] }),
    });
    expect(a.status, a.text).toBe(200);
    expect((JSON.parse(a.text) as { results: unknown[] }).results).toHaveLength(1);
  });
});

describe("hostile requests get 400 (or 413, 415), never 500", () => {
  const cases: [string, () => Promise<Answer>, number, string][] = [
    ["not JSON", () => post("reconcile/match", "{not json"), 400, "reconcile/not-json"],
    ["a root array", () => post("reconcile/match", [{ conditions: [name("x")] }]), 400, "reconcile/bad-query"],
    ["the 0.2 layout at /match", () => post("reconcile/match", { q0: { query: "x" } }), 400, "reconcile/old-format"],
    [
      "a huge string",
      () => post("reconcile/match", { queries: [{ conditions: [name("x".repeat(100_000))] }] }),
      400,
      "reconcile/too-long",
    ],
    [
      "too many queries",
      () => post("reconcile/match", { queries: Array.from({ length: 51 }, () => ({ conditions: [name("x")] })) }),
      413,
      "reconcile/batch-too-large",
    ],
    [
      "too many values",
      () => post("reconcile/match", { queries: [{ conditions: [name(Array.from({ length: 21 }, () => "x"))] }] }),
      400,
      "reconcile/too-many",
    ],
    [
      "limit 0",
      () => post("reconcile/match", { queries: [{ limit: 0, conditions: [name("x")] }] }),
      400,
      "reconcile/bad-query",
    ],
    [
      "limit past the maximum",
      () => post("reconcile/match", { queries: [{ limit: 1e9, conditions: [name("x")] }] }),
      400,
      "reconcile/bad-query",
    ],
    [
      "a prototype key in a query",
      () =>
        post(
          "reconcile/match",
          '{"queries": [{"__proto__": {"limit": 1}, "conditions": [{"matchType": "name", "propertyValue": "x"}]}]}',
        ),
      400,
      "reconcile/bad-query",
    ],
    [
      "a condition that is null",
      () => post("reconcile/match", { queries: [{ conditions: [null] }] }),
      400,
      "reconcile/bad-query",
    ],
    [
      "a property value that is an object without id",
      () => post("reconcile/match", { queries: [{ conditions: [name({ name: "x" })] }] }),
      400,
      "reconcile/bad-query",
    ],
    [
      "deep nesting",
      () =>
        post(
          "reconcile/match",
          `{"queries": [{"conditions": [{"matchType": "name", "propertyValue": "x", "extra": ${"[".repeat(5000)}${"]".repeat(5000)}}]}]}`,
        ),
      200,
      "",
    ],
    [
      "an XML body",
      () =>
        call(server.url, "reconcile/match", {
          method: "POST",
          headers: { "content-type": "application/xml" },
          body: "<q/>",
        }),
      415,
      "reconcile/media-type",
    ],
    ["a form without queries", () => form("reconcile", { other: "1" }), 400, "reconcile/no-queries"],
    [
      "bad percent-encoding",
      () =>
        call(server.url, "reconcile", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "queries=%ff",
        }),
      400,
      "request/encoding",
    ],
    [
      "extend without ids",
      () => post("reconcile/extend", { properties: [{ id: "name" }] }),
      400,
      "reconcile/bad-query",
    ],
    [
      "a suggest limit that is not a number",
      () => call(server.url, "reconcile/suggest/entity?prefix=a&limit=lots"),
      400,
      "reconcile/bad-parameter",
    ],
    ["GET /reconcile/match", () => call(server.url, "reconcile/match"), 405, "request/method"],
  ];
  for (const [what, send, status, code] of cases) {
    it(what, async () => {
      const a = await send();
      expect(a.status, a.text).toBe(status);
      if (code) expect((JSON.parse(a.text) as { code: string }).code).toBe(code);
    });
  }

  it("explains in French for Accept-Language: fr", async () => {
    const a = await post(
      "reconcile/match",
      { queries: [{ conditions: [{ matchType: "nom", propertyValue: "x" }] }] },
      { "accept-language": "fr" },
    );
    expect(a.status).toBe(400);
    const p = JSON.parse(a.text) as { detail: string; hint: string };
    expect(p.detail).toBe('`queries[0].conditions[0].matchType` : attendu `name`, `id` ou `property`, reçu "nom"');
    expect(p.hint).toContain("envoyez");
  });
});

describe("restricted graphs", () => {
  it("are never matched, suggested, previewed or extended, for anonymous callers or partners", async () => {
    const tokens = new TokenTable();
    const hidden = "https://data.prive.example/graph";
    tokens.share(hidden, ["observatoire"]);
    const reader = tokens.issueReader("observatoire");
    const s = await VivantServer.start({ port: 0, tokens, workers: 1 });
    try {
      const records = {
        publisher: {
          id: "prive",
          name: { fr: "Le Privé" },
          baseIri: "https://data.prive.example/",
          licence: "etalab-2.0",
        },
        venues: [
          {
            id: "salle-secrete",
            name: { fr: "La Salle Secrète" },
            address: {
              streetAddress: "1 rue Cachée",
              postalCode: "69001",
              addressLocality: "Lyon",
              addressCountry: "FR",
            },
          },
        ],
      };
      const { info } = await s.load([{ text: JSON.stringify(records), source: "prive.json" }], {});
      expect(info?.graphIri).toBe(hidden);
      // A public graph loaded the same way is matched: the empty answers below come from the restriction.
      const open = {
        ...records,
        publisher: { ...records.publisher, id: "public", baseIri: "https://data.public.example/" },
      };
      expect((await s.load([{ text: JSON.stringify(open), source: "public.json" }], {})).info).toBeDefined();
      const control = await call(s.url, "reconcile/match", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ queries: [{ conditions: [{ matchType: "name", propertyValue: "La Salle Secrète" }] }] }),
      });
      expect(
        (JSON.parse(control.text) as { results: { candidates: { id: string }[] }[] }).results[0]!.candidates.map(
          (c) => c.id,
        ),
      ).toEqual(["https://data.public.example/venue/salle-secrete"]);
      const id = "https://data.prive.example/venue/salle-secrete";
      for (const headers of [{}, { authorization: `Bearer ${reader}` }] as Record<string, string>[]) {
        const m = await call(s.url, "reconcile/match", {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({
            queries: [
              { conditions: [{ matchType: "name", propertyValue: "La Salle Secrète" }] },
              { conditions: [{ matchType: "id", propertyValue: id }] },
            ],
          }),
        });
        expect(m.status).toBe(200);
        const found = (JSON.parse(m.text) as { results: { candidates: { id: string }[] }[] }).results.map((r) =>
          r.candidates.map((c) => c.id),
        );
        expect(found).toEqual([["https://data.public.example/venue/salle-secrete"], []]);
        const sug = await call(s.url, "reconcile/suggest/entity?prefix=salle", { headers });
        expect((JSON.parse(sug.text) as { result: { id: string }[] }).result.map((r) => r.id)).toEqual([
          "https://data.public.example/venue/salle-secrete",
        ]);
        expect((await call(s.url, `reconcile/preview?id=${encodeURIComponent(id)}`, { headers })).status).toBe(404);
        const ext = await call(s.url, "reconcile/extend", {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ ids: [id], properties: [{ id: "name" }] }),
        });
        expect(
          (JSON.parse(ext.text) as { rows: { properties: { values: unknown[] }[] }[] }).rows[0]!.properties[0]!.values,
        ).toEqual([]);
      }
    } finally {
      await s.close();
    }
  }, 60_000);
});

describe("suggest, preview, extend", () => {
  it("suggests entities by word prefix (and by id), properties and types, in the request's language", async () => {
    const e = JSON.parse((await call(server.url, "reconcile/suggest/entity?prefix=vila&type=schema:Place")).text) as {
      result: { id: string; notable: { id: string }[] }[];
    };
    expect(e.result.map((r) => r.id)).toEqual([`${D}venue/theatre-vilaine-rennes`]);
    expect(e.result[0]!.notable[0]!.id).toBe("http://schema.org/Place");
    const byId = JSON.parse(
      (await call(server.url, `reconcile/suggest/entity?prefix=${encodeURIComponent(`${D}person/moliere`)}`)).text,
    ) as { result: { id: string }[] };
    expect(byId.result[0]!.id).toBe(`${D}person/moliere`);
    const p = JSON.parse(
      (await call(server.url, "reconcile/suggest/property?prefix=code", { headers: { "accept-language": "fr" } })).text,
    ) as { result: { id: string; name: string }[] };
    expect(p.result).toContainEqual(expect.objectContaining({ id: "postalCode", name: "code postal" }));
    const t = JSON.parse((await call(server.url, "reconcile/suggest/type?prefix=perf")).text) as {
      result: { id: string }[];
    };
    expect(t.result.map((x) => x.id)).toEqual(["http://schema.org/Event"]);
  });

  it("extends matched entities with their values: linked entities by id and name, numbers, dates", async () => {
    const a = await post("reconcile/extend", {
      ids: [`${D}performance/traviata-07`, `${D}venue/grand-quai-nantes`],
      properties: [{ id: "location" }, { id: "city" }, { id: "latitude" }, { id: "startDate" }],
    });
    expect(a.status, a.text).toBe(200);
    const r = JSON.parse(a.text) as {
      meta: { id: string; type?: { id: string } }[];
      rows: { id: string; properties: { id: string; values: Record<string, unknown>[] }[] }[];
    };
    expect(r.meta.find((m) => m.id === "location")!.type!.id).toBe("http://schema.org/Place");
    const perf = Object.fromEntries(r.rows[0]!.properties.map((p) => [p.id, p.values]));
    expect(perf.location).toEqual([{ id: `${D}venue/theatre-vilaine-rennes`, name: "Théâtre de la Vilaine" }]);
    expect(perf.city).toEqual([{ str: "Rennes" }]);
    const venue = Object.fromEntries(r.rows[1]!.properties.map((p) => [p.id, p.values]));
    expect(venue.latitude).toEqual([{ float: 47.2184 }]);
    // OpenRefine's 0.2 layout: rows keyed by id.
    const old = await form("reconcile", {
      extend: JSON.stringify({ ids: [`${D}venue/la-cale-angers`], properties: [{ id: "postalCode" }] }),
    });
    expect(
      (JSON.parse(old.text) as { rows: Record<string, Record<string, unknown>> }).rows[`${D}venue/la-cale-angers`],
    ).toEqual({ postalCode: [{ str: "49000" }] });
    const propose = JSON.parse(
      (await call(server.url, "reconcile/extend/propose?type=schema:Event&limit=50")).text,
    ) as { properties: { id: string }[] };
    expect(propose.properties.map((p) => p.id)).toEqual(
      expect.arrayContaining(["startDate", "location", "workPerformed", "postalCode"]),
    );
    expect(propose.properties.map((p) => p.id)).not.toContain("latitude");
  });

  it("previews an entity as escaped HTML, with a Content-Security-Policy and no script", async () => {
    const s = await VivantServer.start({ port: 0, workers: 1 });
    try {
      const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
      const records = {
        publisher: {
          id: "hostile",
          name: { fr: "H" },
          baseIri: "https://data.hostile.example/",
          licence: "etalab-2.0",
        },
        venues: [
          {
            id: "v",
            name: { fr: hostile },
            description: { fr: '"></p><script>1</script>' },
            address: {
              streetAddress: "<b>1</b> rue",
              postalCode: "75001",
              addressLocality: "Paris",
              addressCountry: "FR",
            },
          },
        ],
      };
      expect((await s.load([{ text: JSON.stringify(records), source: "h.json" }], {})).info).toBeDefined();
      const a = await call(s.url, `reconcile/preview?id=${encodeURIComponent("https://data.hostile.example/venue/v")}`);
      expect(a.status).toBe(200);
      expect(a.type).toContain("text/html");
      expect(a.text).not.toMatch(/<script|<img|<b>/);
      expect(a.text).toContain(
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;",
      );
      const csp = a.headers.get("content-security-policy")!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain("script-src");
      expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    } finally {
      await s.close();
    }
  }, 60_000);
});

describe("after a write", () => {
  it("matches the graph's new content (the index is read again)", async () => {
    const s = await VivantServer.start({ port: 0, workers: 1 });
    try {
      const records = (name: string) => ({
        publisher: { id: "w", name: { fr: "W" }, baseIri: "https://data.w.example/", licence: "etalab-2.0" },
        venues: [
          {
            id: "v",
            name: { fr: name },
            address: { postalCode: "13001", addressLocality: "Marseille", addressCountry: "FR" },
          },
        ],
      });
      const ask = async () => {
        const a = await call(s.url, "reconcile/match", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ queries: [{ conditions: [{ matchType: "name", propertyValue: "Salle Zéphyr" }] }] }),
        });
        return (JSON.parse(a.text) as { results: { candidates: { name: string }[] }[] }).results[0]!.candidates.map(
          (c) => c.name,
        );
      };
      await s.load([{ text: JSON.stringify(records("Salle Borée")), source: "w.json" }], {});
      expect(await ask()).toEqual(["Salle Borée"]);
      await s.load([{ text: JSON.stringify(records("Salle Zéphyr")), source: "w.json" }], {});
      expect(await ask()).toEqual(["Salle Zéphyr"]);
    } finally {
      await s.close();
    }
  }, 60_000);
});
