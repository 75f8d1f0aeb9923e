// Bad input gets 400 (or a record problem), never 500 or a crash: every route that takes the typed filters checks
// lang, near, maxPrice, tz, venue and performer the same way, ?licence= takes only the documented keys or an
// http(s) IRI, and a record id with a lone surrogate is a record problem.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { checkFilter, type PerformanceFilter } from "../../src/query/filter.js";
import { findPerformances } from "../../src/query/index.js";
import type { VivantServer } from "../../src/server/index.js";
import { call, DEMO_GRAPH, DEMO_TEXT, demoServer } from "./helpers.js";

let server: VivantServer;
let token: string;
beforeAll(async () => {
  ({ server, token } = await demoServer());
});
afterAll(() => server?.close());

const BAD_QUERIES: Record<string, string> = {
  "lang=%25%25": "lang",
  "lang=fr%00": "lang",
  "lang=fr_FR": "lang",
  "near=100,0,5": "near",
  "near=-90.5,0,5": "near",
  "near=45,200,1": "near",
  "near=45,4,-1": "near",
  "near=,,": "near",
  "near=45,4": "near",
  "maxPrice=-1": "maxPrice",
  "maxPrice=abc": "maxPrice",
  "tz=Mars/Olympus": "timeZone",
  "venue=not%20an%20iri": "venue",
  "performer=x": "performer",
  "from=2026-13-45": "from",
};
const JSON_ROUTES = ["api/performances", "api/performances/facets", "api/stats"];
const HTML_ROUTES = ["", "stats"];

describe("typed filters: 400 on every route", () => {
  it("the /api routes answer 400 with a problem document naming the parameter", async () => {
    const wrong: string[] = [];
    for (const route of JSON_ROUTES) {
      for (const [q, field] of Object.entries(BAD_QUERIES)) {
        const a = await call(server.url, `${route}?${q}`);
        const body = a.status === 400 ? (JSON.parse(a.text) as { code: string; detail: string }) : undefined;
        if (
          a.status !== 400 ||
          !a.type.startsWith("application/problem+json") ||
          !body!.detail.includes(field === "near" ? "near" : field)
        ) {
          wrong.push(`${route}?${q}: ${a.status} ${a.text.slice(0, 120)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("the HTML pages (discovery, observatory) answer 400 too, for the parameters their form takes", async () => {
    const wrong: string[] = [];
    for (const route of HTML_ROUTES) {
      // The pages' form has no time zone field: tz is not read there.
      for (const q of Object.keys(BAD_QUERIES).filter((k) => !k.startsWith("tz="))) {
        const a = await call(server.url, `${route}?${q}`, { headers: { accept: "text/html" } });
        if (a.status !== 400) wrong.push(`/${route}?${q}: ${a.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("the problem documents are in French with Accept-Language: fr", async () => {
    for (const q of ["lang=%25%25", "near=45,4,-1", "maxPrice=-1", "near=a,b,c"]) {
      const a = await call(server.url, `api/performances?${q}`, { headers: { "accept-language": "fr" } });
      expect(a.status).toBe(400);
      const body = JSON.parse(a.text) as { detail: string; hint: string };
      expect(body.detail, q).toMatch(/n'est pas/);
      expect(body.hint, q).toMatch(/^(indiquez|par ex\.)/);
    }
    const l = await call(server.url, `graph-store?graph=${encodeURIComponent(DEMO_GRAPH)}&licence=`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "accept-language": "fr" },
      body: DEMO_TEXT,
    });
    expect(l.status).toBe(400);
    expect(JSON.parse(l.text).detail).toMatch(/n'est ni une clé de licence ni une IRI/);
  });

  it("good values still answer 200 (near with radius 0, maxPrice=0, an IANA zone)", async () => {
    for (const q of ["near=47.2184,-1.5536,0", "maxPrice=0", "tz=America/Montreal", "lang=fr-CA", "near=-90,180,1"]) {
      const a = await call(server.url, `api/performances?${q}`);
      expect(a.status, `${q}: ${a.text}`).toBe(200);
    }
  });

  it("the library checks the same filter whatever answers it, with the message in English and French", async () => {
    const cases: PerformanceFilter[] = [
      { lang: "%%" },
      { near: { latitude: 91, longitude: 0, km: 1 } },
      { near: { latitude: 0, longitude: 0, km: -1 } },
      { maxPrice: -1 },
      { maxPrice: Number.NaN },
      { timeZone: "Mars/Olympus" },
      { venue: "x" },
    ];
    for (const f of cases) {
      let thrown: unknown;
      try {
        checkFilter(f);
      } catch (e) {
        thrown = e;
      }
      expect(thrown, JSON.stringify(f)).toBeInstanceOf(InputError);
      const text = thrown as InputError & { text: { en: string; fr: string }; hintText: { en: string; fr: string } };
      expect(text.code).toBe("query/bad-filter");
      expect(text.text.en).toMatch(/ is not /);
      expect(text.text.fr).toMatch(/ n'est pas /);
      expect(text.hintText.fr).toMatch(/^indiquez /);
    }
    // The library's typed query refuses it before any SPARQL is sent.
    const never = {
      select: async () => {
        throw new Error("no query should be sent");
      },
    };
    await expect(findPerformances(never as never, { lang: "%%" })).rejects.toBeInstanceOf(InputError);
  });
});

describe("?licence= on the Graph Store", () => {
  const put = (licence: string) =>
    call(server.url, `graph-store?graph=${encodeURIComponent(DEMO_GRAPH)}&licence=${encodeURIComponent(licence)}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: DEMO_TEXT,
    });

  it("an empty, unknown or non-http licence is 400 load/bad-licence (not 500, not accepted)", async () => {
    for (const l of ["", "bogus", "javascript:alert(1)", "ftp://licences.example/x", "https://"]) {
      const a = await put(l);
      expect(a.status, `licence=${JSON.stringify(l)}: ${a.text}`).toBe(400);
      expect(JSON.parse(a.text).code).toBe("load/bad-licence");
    }
  });

  it("a documented key or an http(s) IRI is accepted", async () => {
    expect((await put("cc-by-4.0")).status).toBe(204);
    expect((await put("https://licences.example/open/1.0")).status).toBe(204);
  });
});

describe("records with a lone surrogate", () => {
  it("a PUT of records whose id holds a lone surrogate is refused with the record problem, not a 500", async () => {
    const doc = JSON.parse(DEMO_TEXT);
    doc.performances[0].id = "\ud800";
    const a = await call(server.url, `graph-store?graph=${encodeURIComponent(DEMO_GRAPH)}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(doc),
    });
    expect(a.status).toBe(422);
    expect(a.text).toContain("record/lone-surrogate");
  });
});
