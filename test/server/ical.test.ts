// iCalendar feeds (RFC 5545): /api/performances.ics and `vivant export ical`, parsed with an independent parser
// (ical.js) and compared event by event with the typed API's answer to the same question; the raw text checked
// for CRLF line ends, folding at 75 octets (never inside a UTF-8 sequence) and the escaping of , ; \ in hostile names.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenTable, VivantServer } from "../../src/server/index.js";
import { runCli } from "../helpers/cli.js";
import { call, DEMO_TEXT, selectRows } from "./helpers.js";

let server: VivantServer;
let dataDir: string;
const HOSTILE =
  "Tom, Jerry; et \\ la \"barre\" oblique — une très longue soirée d'été à l'Opéra, avec des caractères accentués éèàùç et 🎭🎶 jusqu'au bout de la ligne";
const X = "https://theatre-x.example/";
const P = "@prefix schema: <http://schema.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n";
const X_GRAPH = `${X}graph`;
const X_TTL = `${P}<${X}performance/p1> a schema:TheaterEvent ;
  schema:name ${JSON.stringify(HOSTILE)}@fr ;
  schema:startDate "2026-12-04T20:00:00+01:00"^^xsd:dateTime ;
  schema:workPerformed <${X}production/berenice> ;
  schema:location <${X}venue/main> .
<${X}performance/p2> a schema:TheaterEvent ;
  schema:name "Heure locale"@fr ;
  schema:startDate "2026-12-05T18:00:00"^^xsd:dateTime ;
  schema:workPerformed <${X}production/berenice> ;
  schema:location <${X}venue/main> .
<${X}production/berenice> a schema:CreativeWork ; schema:name "Bérénice"@fr .
<${X}venue/main> a schema:Place ; schema:name "Salle; X, \\\\ Lyon"@fr ;
  schema:address [ a schema:PostalAddress ; schema:streetAddress "1, rue; du \\\\ Port"; schema:addressLocality "Lyon" ; schema:addressCountry "FR" ] .
`;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "vivant-ical-"));
  const tokens = new TokenTable();
  server = await VivantServer.start({ port: 0, dataDir, tokens, workers: 1 });
  const { info } = await server.load([{ text: DEMO_TEXT, source: "demo-season.json" }], {});
  expect(info).toBeDefined();
  const t = tokens.issue({ publisherId: "theatre-x", graphIri: X_GRAPH, licence: "cc-by-4.0" });
  const put = await call(server.url, `graph-store?graph=${encodeURIComponent(X_GRAPH)}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${t}`, "content-type": "text/turtle" },
    body: X_TTL,
  });
  expect(put.status, put.text).toBe(201);
}, 120_000);
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Node = Record<string, unknown> & { "@id": string };
async function apiItems(query: string): Promise<Node[]> {
  const r = await call(server.url, `api/performances?limit=500${query ? `&${query}` : ""}`);
  expect(r.status, r.text).toBe(200);
  const j = JSON.parse(r.text) as { "@graph": Node[]; next?: string };
  expect(j.next).toBeUndefined();
  return j["@graph"];
}

interface Feed {
  readonly text: string;
  readonly events: ICAL.Component[];
  readonly zones: string[];
}

/** Parses a feed with ical.js, registering its VTIMEZONEs (so zoned times convert to instants). */
function parse(text: string): Feed {
  const cal = new ICAL.Component(ICAL.parse(text));
  const zones: string[] = [];
  for (const vtz of cal.getAllSubcomponents("vtimezone")) {
    const tz = new ICAL.Timezone(vtz);
    ICAL.TimezoneService.register(tz);
    zones.push(tz.tzid);
  }
  return { text, events: cal.getAllSubcomponents("vevent"), zones };
}

async function feed(query: string, lang = "en"): Promise<Feed & { headers: Headers }> {
  const r = await call(server.url, `api/performances.ics${query ? `?${query}` : ""}`, {
    headers: { "accept-language": lang },
  });
  expect(r.status, r.text).toBe(200);
  expect(r.type).toBe("text/calendar; charset=utf-8");
  return { ...parse(r.text), headers: r.headers };
}

const text = (v: unknown, lang = "fr"): string | undefined => {
  const list = Array.isArray(v) ? v : [v];
  const t =
    list.find((x) => typeof x === "object" && x && (x as { "@language"?: string })["@language"] === lang) ?? list[0];
  return typeof t === "string" ? t : (t as { "@value"?: string } | undefined)?.["@value"];
};

/** The RFC 5545 status of a schema.org event status. */
const STATUS: Record<string, string> = {
  EventCancelled: "CANCELLED",
  EventPostponed: "TENTATIVE",
  EventScheduled: "CONFIRMED",
  EventRescheduled: "CONFIRMED",
  EventMovedOnline: "CONFIRMED",
};

function checkRaw(raw: string): void {
  expect(raw.endsWith("\r\n")).toBe(true);
  // Every line break is CRLF; every physical line at most 75 octets, none cut inside a UTF-8 sequence.
  expect(raw.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  const lines = raw.split("\r\n").slice(0, -1);
  const long = lines.filter((l) => Buffer.byteLength(l, "utf8") > 75);
  expect(long).toEqual([]);
  expect(lines.filter((l) => l.includes("\uFFFD"))).toEqual([]);
}

describe("GET /api/performances.ics", () => {
  it("gives one VEVENT per performance of the typed answer, each compared with it", async () => {
    const items = await apiItems("");
    const f = await feed("");
    checkRaw(f.text);
    expect(f.events.map((e) => e.getFirstPropertyValue("uid")).sort()).toEqual(items.map((n) => n["@id"]).sort());
    const byId = new Map(items.map((n) => [n["@id"], n]));
    let zoned = 0;
    let rescheduled = 0;
    let priced = 0;
    for (const e of f.events) {
      const n = byId.get(e.getFirstPropertyValue("uid") as string)!;
      const start = e.getFirstPropertyValue("dtstart") as ICAL.Time;
      const startProp = e.getFirstProperty("dtstart")!;
      const local = /(?:Z|[+-]\d\d:\d\d)$/.test(n.startDate as string);
      if (local) {
        expect(start.toJSDate().getTime(), n["@id"]).toBe(new Date(n.startDate as string).getTime());
        if (startProp.getParameter("tzid")) {
          zoned++;
          expect(f.zones).toContain(startProp.getParameter("tzid"));
        }
      } else {
        // Local time only: floating, the wall-clock time as the data says it.
        expect(startProp.getParameter("tzid")).toBeUndefined();
        expect(start.zone?.tzid).toBe("floating");
        expect(start.toString()).toBe((n.startDate as string).slice(0, 19));
      }
      expect(e.getFirstPropertyValue("status")).toBe(STATUS[(n.eventStatus as string | undefined) ?? "EventScheduled"]);
      expect(e.getFirstPropertyValue("summary")).toBe(text(n.name, "en") ?? text(n.name));
      if (typeof n.url === "string") expect(e.getFirstPropertyValue("url")).toBe(n.url);
      const description = e.getFirstPropertyValue("description") as string;
      expect(description).toContain(n["@id"]);
      if (n.eventStatus === "EventRescheduled" && typeof n.previousStartDate === "string") {
        rescheduled++;
        const prev = new Date(n.previousStartDate);
        expect(description).toMatch(/Rescheduled: previously /);
        expect(description).toContain(String(prev.getUTCFullYear()));
      }
      const offers = (n.offers as Record<string, unknown>[] | undefined) ?? [];
      const prices = offers
        .flatMap((o) => {
          const spec = (o.priceSpecification ?? {}) as Record<string, unknown>;
          return [o.price, o.minPrice, o.maxPrice, spec.price, spec.minPrice, spec.maxPrice];
        })
        .filter((p): p is number => typeof p === "number");
      if (prices.length) {
        priced++;
        const lo = Math.min(...prices);
        const hi = Math.max(...prices);
        expect(description).toContain(`Prices: ${lo === hi ? lo : `${lo}–${hi}`} EUR`);
      }
      const loc = n.location as Record<string, unknown> | undefined;
      const address = (loc?.address ?? (loc?.containedInPlace as Record<string, unknown> | undefined)?.address) as
        Record<string, unknown> | undefined;
      if (address?.addressLocality)
        expect(e.getFirstPropertyValue("location")).toContain(address.addressLocality as string);
    }
    // The demo season's venues are in France: Europe/Paris, with its VTIMEZONE; it has rescheduled and priced shows.
    expect(f.zones).toEqual(["Europe/Paris"]);
    expect(zoned).toBeGreaterThan(100);
    expect(rescheduled).toBeGreaterThan(0);
    expect(priced).toBeGreaterThan(100);
    const statuses = new Set(f.events.map((e) => e.getFirstPropertyValue("status")));
    expect(statuses).toEqual(new Set(["CONFIRMED", "CANCELLED", "TENTATIVE"]));
  }, 60_000);

  it("keeps hostile names whole: escaped , ; \\ and quotes, folded at 75 octets between characters", async () => {
    const f = await feed(`venue=${encodeURIComponent(`${X}venue/main`)}`);
    checkRaw(f.text);
    expect(f.events).toHaveLength(2);
    const e = f.events.find((x) => x.getFirstPropertyValue("uid") === `${X}performance/p1`)!;
    expect(e.getFirstPropertyValue("summary")).toBe(HOSTILE);
    expect(e.getFirstPropertyValue("location")).toBe("Salle; X, \\ Lyon\n1, rue; du \\ Port, Lyon, FR");
    // The raw text escapes them (RFC 5545 §3.3.11).
    expect(f.text.replace(/\r\n /g, "")).toContain("SUMMARY;LANGUAGE=fr:Tom\\, Jerry\\; et \\\\ la");
    expect(e.getFirstProperty("summary")!.getParameter("language")).toBe("fr");
    expect(e.getFirstProperty("location")!.getParameter("language")).toBe("fr");
    const local = f.events.find((x) => x.getFirstPropertyValue("uid") === `${X}performance/p2`)!;
    expect(local.getFirstProperty("dtstart")!.toICALString()).toBe("DTSTART:20261205T180000");
  });

  it("per venue, per production and per series: the same events as the question they narrow", async () => {
    const all = await apiItems("");
    const venue =
      ((all[0]!.location as Record<string, unknown>).containedInPlace as { "@id": string } | undefined)?.["@id"] ??
      (all[0]!.location as { "@id": string })["@id"];
    const byVenue = (await apiItems(`venue=${encodeURIComponent(venue)}`)).map((n) => n["@id"]).sort();
    expect(byVenue.length).toBeGreaterThan(0);
    expect(
      (await feed(`venue=${encodeURIComponent(venue)}`)).events.map((e) => e.getFirstPropertyValue("uid")).sort(),
    ).toEqual(byVenue);
    const production = (all[0]!.workPerformed as { "@id": string })["@id"];
    const ofProduction = (
      await selectRows(server.url, `SELECT ?e WHERE { ?e <http://schema.org/workPerformed> <${production}> }`)
    ).map((r) => r.e!);
    const expected = all
      .map((n) => n["@id"])
      .filter((id) => ofProduction.includes(id))
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(
      (await feed(`production=${encodeURIComponent(production)}`)).events
        .map((e) => e.getFirstPropertyValue("uid"))
        .sort(),
    ).toEqual(expected);
    const series = (
      await selectRows(
        server.url,
        "SELECT ?s (COUNT(?e) AS ?n) WHERE { ?e <http://schema.org/superEvent> ?s } GROUP BY ?s ORDER BY DESC(?n) LIMIT 1",
      )
    )[0]!.s!;
    const ofSeries = (
      await selectRows(server.url, `SELECT ?e WHERE { ?e <http://schema.org/superEvent> <${series}> }`)
    ).map((r) => r.e!);
    const expectedSeries = all
      .map((n) => n["@id"])
      .filter((id) => ofSeries.includes(id))
      .sort();
    expect(expectedSeries.length).toBeGreaterThan(0);
    expect(
      (await feed(`series=${encodeURIComponent(series)}`)).events.map((e) => e.getFirstPropertyValue("uid")).sort(),
    ).toEqual(expectedSeries);
    // The typed filters too (a date range): same set as /api/performances.
    const dec = (await apiItems("from=2026-12-01&to=2026-12-31")).map((n) => n["@id"]).sort();
    expect(
      (await feed("from=2026-12-01&to=2026-12-31")).events.map((e) => e.getFirstPropertyValue("uid")).sort(),
    ).toEqual(dec);
  }, 60_000);

  it("picks texts in the request's language, says it in Content-Language, and refuses bad parameters with 400", async () => {
    const f = await feed("", "fr");
    expect(f.headers.get("content-language")).toBe("fr");
    expect(f.events.some((e) => (e.getFirstPropertyValue("description") as string).includes("Tarifs : "))).toBe(true);
    for (const bad of ["maxPrice=abc", "production=not%20an%20iri", "limitx=3", "from=2026-13-45"]) {
      const r = await call(server.url, `api/performances.ics?${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.type).toContain("application/problem+json");
    }
  });
});

describe("LANGUAGE of the texts (RFC 5545 §3.2.10)", () => {
  /** The tag of the text a reader of `lang` is given: `lang`'s own, else an untagged one, else the first. */
  const tagOf = (v: unknown, lang: string): string | undefined => {
    const list = (Array.isArray(v) ? v : v === undefined ? [] : [v]) as unknown[];
    const tags = list.map((x) =>
      typeof x === "object" && x && typeof (x as { "@language"?: unknown })["@language"] === "string"
        ? (x as { "@language": string })["@language"]
        : "",
    );
    const best = tags.find((t) => t === lang || t.startsWith(`${lang}-`)) ?? tags.find((t) => t === "") ?? tags[0];
    return best === "" ? undefined : best;
  };
  const param = (e: ICAL.Component, name: string): unknown => e.getFirstProperty(name)?.getParameter("language");

  for (const lang of ["fr", "en"]) {
    it(`says the language of SUMMARY, DESCRIPTION and LOCATION, as picked for Accept-Language: ${lang}`, async () => {
      const f = await feed("", lang);
      checkRaw(f.text);
      const nodes = new Map((await apiItems("")).map((n) => [n["@id"], n]));
      expect(f.events.length).toBeGreaterThan(10);
      const seen = { summary: new Set<unknown>(), description: new Set<unknown>(), location: new Set<unknown>() };
      for (const e of f.events) {
        const node = nodes.get(e.getFirstPropertyValue("uid") as string)!;
        const work = node.workPerformed as Record<string, unknown> | undefined;
        // SUMMARY: the name's own language (the production's when the performance has no name).
        const summary = tagOf(node.name ?? work?.name, lang);
        expect(param(e, "summary"), String(e.getFirstPropertyValue("summary"))).toBe(summary);
        // DESCRIPTION: the feed's sentences are in the request's language; a text of the data in another one makes
        // it mixed, and then no language is claimed.
        const described = tagOf(node.description ?? work?.description, lang);
        expect(param(e, "description")).toBe(
          described === undefined || described.split("-")[0] === lang ? lang : undefined,
        );
        const loc = node.location as Record<string, unknown> | undefined;
        // LOCATION: the language of its names (the hall's and its venue's) when they have one.
        const names = [loc?.name, (loc?.containedInPlace as Record<string, unknown> | undefined)?.name]
          .filter((n) => n !== undefined)
          .map((n) => tagOf(n, lang));
        const one =
          names.length > 0 && names.every((t) => t !== undefined && t.split("-")[0] === names[0]!.split("-")[0]);
        expect(param(e, "location")).toBe(one ? names[0] : undefined);
        seen.summary.add(param(e, "summary"));
        seen.description.add(param(e, "description"));
        seen.location.add(param(e, "location"));
      }
      // The demo season has names in French only and in both languages: an English reader sees both tags.
      expect([...seen.summary].sort()).toEqual(lang === "fr" ? ["fr"] : ["en", "fr"]);
      expect(seen.description.has(lang)).toBe(true);
      expect(seen.location.has("fr")).toBe(true);
    });
  }
});

describe("vivant export ical", () => {
  it("writes the same events as the server's feed for the same question", async () => {
    const out = join(dataDir, "..", `${Date.now()}-vivant.ics`);
    const r = await runCli([
      "export",
      "ical",
      "--data",
      dataDir,
      "--from",
      "2026-12-01",
      "--to",
      "2026-12-31",
      "-o",
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const cli = parse(readFileSync(out, "utf8"));
    rmSync(out, { force: true });
    checkRaw(cli.text);
    const http = await feed("from=2026-12-01&to=2026-12-31");
    expect(cli.events.map((e) => e.getFirstPropertyValue("uid")).sort()).toEqual(
      http.events.map((e) => e.getFirstPropertyValue("uid")).sort(),
    );
    const bad = await runCli(["export", "ical", "--data", dataDir, "--max-price", "x"]);
    expect(bad.code).not.toBe(0);
  }, 60_000);

  it("filters by the performances' language with --in-language (the API's lang; --lang stays the messages')", async () => {
    const out = join(dataDir, "..", `${Date.now()}-vivant-la.ics`);
    const r = await runCli(["export", "ical", "--data", dataDir, "--in-language", "la", "--lang", "fr", "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    const cli = parse(readFileSync(out, "utf8"));
    rmSync(out, { force: true });
    const http = await feed("lang=la");
    const all = await feed("");
    expect(http.events.length).toBeGreaterThan(0);
    expect(http.events.length).toBeLessThan(all.events.length);
    expect(cli.events.map((e) => e.getFirstPropertyValue("uid")).sort()).toEqual(
      http.events.map((e) => e.getFirstPropertyValue("uid")).sort(),
    );
    const bad = await runCli(["export", "ical", "--data", dataDir, "--in-language", "not a tag"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("lang");
  }, 60_000);
});
