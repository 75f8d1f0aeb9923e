// Entity pages: the same URL answers HTML to browsers and JSON-LD, Turtle or N-Triples to machines (Vary: Accept);
// a performance page embeds JSON-LD that passes the google profile and says its status, prices and publisher.

import { Parser } from "n3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VivantServer } from "../../src/server/index.js";
import { validateJsonLd } from "../../src/validate/index.js";
import { call, DEMO_GRAPH, demoServer, selectRows } from "../server/helpers.js";

let server: VivantServer;
beforeAll(async () => {
  ({ server } = await demoServer());
}, 120_000);
afterAll(() => server?.close());

const S = "http://schema.org/";
const page = (
  iri: string,
  accept = "text/html",
  extra = "",
): Promise<{ status: number; type: string; text: string; headers: Headers }> =>
  call(server.url, `resource?iri=${encodeURIComponent(iri)}${extra}`, { headers: { accept, "accept-language": "fr" } });

async function oneCancelled(): Promise<string> {
  const rows = await selectRows(
    server.url,
    `SELECT ?e WHERE { ?e <${S}eventStatus> <${S}EventCancelled> ; <${S}workPerformed> ?w } ORDER BY ?e LIMIT 1`,
  );
  return rows[0]!.e!;
}

function embeddedJsonLd(html: string): unknown[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

describe("entity pages", () => {
  it("shows a cancelled performance with its status, prices and publisher, and embeds JSON-LD that passes the google profile", async () => {
    const iri = await oneCancelled();
    const a = await page(iri);
    expect(a.status).toBe(200);
    expect(a.type).toMatch(/^text\/html/);
    expect(a.headers.get("vary")).toMatch(/Accept/);
    expect(a.text).toContain("Annulé");
    expect(a.text).toMatch(/Tarifs :/);
    expect(a.text).toContain("reseau-scenes");
    const [embedded, ...more] = embeddedJsonLd(a.text);
    expect(more).toEqual([]);
    expect((embedded as { "@id": string })["@id"]).toBe(iri);
    const { report } = await validateJsonLd(embedded, "google");
    expect(report.issues.filter((i) => i.severity === "violation")).toEqual([]);
  }, 60_000);

  it("shows a rescheduled performance with its previous date", async () => {
    const rows = await selectRows(
      server.url,
      `SELECT ?e ?prev WHERE { ?e <${S}eventStatus> <${S}EventRescheduled> ; <${S}previousStartDate> ?prev } ORDER BY ?e LIMIT 1`,
    );
    const a = await page(rows[0]!.e!);
    expect(a.text).toContain("Reprogrammé");
    expect(a.text).toContain(`datetime="${rows[0]!.prev}"`);
  }, 60_000);

  it("answers the same URL in Turtle, N-Triples and JSON-LD with the entity's triples", async () => {
    const iri = await oneCancelled();
    const counts: number[] = [];
    for (const accept of ["text/turtle", "application/n-triples"]) {
      const a = await page(iri, accept);
      expect(a.status).toBe(200);
      expect(a.type.startsWith(accept)).toBe(true);
      const quads = new Parser({ format: accept }).parse(a.text);
      expect(
        quads.some(
          (q) =>
            q.subject.value === iri &&
            q.predicate.value === `${S}eventStatus` &&
            q.object.value === `${S}EventCancelled`,
        ),
      ).toBe(true);
      counts.push(quads.filter((q) => q.subject.value === iri).length);
    }
    expect(counts[0]).toBe(counts[1]);
    const stored = await selectRows(
      server.url,
      `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${DEMO_GRAPH}> { <${iri}> ?p ?o } }`,
    );
    expect(counts[0]).toBe(Number(stored[0]!.n));
    const j = await page(iri, "application/ld+json");
    expect(j.type).toMatch(/^application\/ld\+json/);
    expect(JSON.stringify(JSON.parse(j.text))).toContain(iri);
    expect((await page(iri, "text/html", "&format=turtle")).type).toMatch(/^text\/turtle/);
  }, 60_000);

  it("gives a venue a page too, with links to the pages of what it points to", async () => {
    const rows = await selectRows(
      server.url,
      `SELECT ?v WHERE { ?e <${S}location> ?v . ?v <${S}name> ?n } ORDER BY ?v LIMIT 1`,
    );
    const a = await page(rows[0]!.v!);
    expect(a.status).toBe(200);
    expect(embeddedJsonLd(a.text)).toEqual([]);
    expect(a.text).toContain("/resource?ui=fr&amp;iri=");
  }, 60_000);

  it("answers 404 for an unknown IRI, 400 for a malformed one, 406 when nothing acceptable is asked for", async () => {
    expect((await page("https://nowhere.example/x")).status).toBe(404);
    expect((await page("https://nowhere.example/x", "text/turtle")).status).toBe(404);
    expect((await page("not an iri")).status).toBe(400);
    expect((await page("https://x.example/a>b")).status).toBe(400);
    expect((await page(await oneCancelled(), "image/png")).status).toBe(406);
  }, 60_000);
});
