// Request bodies and parameters are read in their declared charset (UTF-8 when none is given); bytes that are
// not valid are refused with 400 and a problem document, never stored as U+FFFD.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VivantServer } from "../../src/server/index.js";
import { TokenTable } from "../../src/server/index.js";
import { call, demoServer, selectRows, type Answer } from "./helpers.js";

const GRAPH = "https://theatre-x.example/graph";
let server: VivantServer;
let base: string;
let token: string;
beforeAll(async () => {
  const tokens = new TokenTable();
  token = tokens.issue({ publisherId: "theatre-x", graphIri: GRAPH, licence: "cc-by-4.0" });
  ({ server } = await demoServer({ tokens }));
  base = server.url;
});
afterAll(() => server?.close());

const turtle = (name: string): string => `@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://theatre-x.example/performance/p1> a schema:TheaterEvent ;
  schema:name "${name}"@fr ;
  schema:startDate "2026-12-04T20:00:00+01:00"^^xsd:dateTime ;
  schema:workPerformed <https://theatre-x.example/production/berenice> ;
  schema:location <https://theatre-x.example/venue/main> .
<https://theatre-x.example/production/berenice> a schema:CreativeWork ; schema:name "${name}"@fr .
<https://theatre-x.example/venue/main> a schema:Place ; schema:name "Théâtre X"@fr ;
  schema:address [ a schema:PostalAddress ; schema:addressLocality "Lyon" ; schema:addressCountry "FR" ] .`;

const put = (body: Uint8Array | string, type: string): Promise<Answer> =>
  call(base, `graph-store?graph=${encodeURIComponent(GRAPH)}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": type },
    body,
  });
const names = async (): Promise<string[]> =>
  (
    await selectRows(
      base,
      `SELECT ?n WHERE { GRAPH <${GRAPH}> { <https://theatre-x.example/performance/p1> <http://schema.org/name> ?n } }`,
    )
  ).map((r) => r.n!);
const problem = (a: Answer): { code: string; detail: string; hint?: string; status: number } => {
  expect(a.type).toMatch(/^application\/problem\+json/);
  return JSON.parse(a.text);
};

describe("request bodies in their charset", () => {
  it("reads a body in the charset Content-Type names (ISO-8859-1)", async () => {
    const a = await put(Buffer.from(turtle("Bérénice"), "latin1"), "text/turtle; charset=ISO-8859-1");
    expect(a.status, a.text).toBeLessThan(300);
    expect(await names()).toEqual(["Bérénice"]);
    // The same text in UTF-8, without a charset, gives the same graph.
    const b = await put(Buffer.from(turtle("Bérénice"), "utf8"), "text/turtle");
    expect(b.status, b.text).toBe(204);
    expect(await names()).toEqual(["Bérénice"]);
  });

  it("refuses bytes that are not UTF-8 with 400 and leaves the graph as it was", async () => {
    expect((await put(turtle("Andromaque"), "text/turtle")).status).toBeLessThan(300);
    const a = await put(Buffer.from(turtle("Bérénice"), "latin1"), "text/turtle");
    expect(a.status).toBe(400);
    const p = problem(a);
    expect(p.code).toBe("request/encoding");
    expect(p.detail).toMatch(/not valid UTF-8 \(byte \d+\)/);
    expect(p.hint).toMatch(/charset/);
    expect(await names()).toEqual(["Andromaque"]);
    // In French when French is preferred.
    const fr = await call(base, `graph-store?graph=${encodeURIComponent(GRAPH)}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/turtle", "accept-language": "fr" },
      body: Buffer.from(turtle("Bérénice"), "latin1"),
    });
    expect(problem(fr).detail).toMatch(/^le corps de la requête n'est pas de l'UTF-8 valide \(octet \d+\)$/);
    // Named UTF-8 is held to it too.
    expect((await put(Buffer.from(turtle("Bérénice"), "latin1"), "text/turtle;charset=utf-8")).status).toBe(400);
  });

  it("answers 415 for a charset it cannot read", async () => {
    const a = await put(turtle("Bérénice"), "text/turtle; charset=x-klingon");
    expect(a.status).toBe(415);
    expect(problem(a).code).toBe("request/charset");
  });

  it("drops a UTF-8 byte-order mark", async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(turtle("Phèdre"), "utf8")]);
    expect((await put(bom, "text/turtle")).status).toBe(204);
    expect(await names()).toEqual(["Phèdre"]);
  });
});

describe("queries in their charset", () => {
  const Q = 'SELECT ?x WHERE { BIND("é" AS ?x) }';
  it("refuses a query body that is not UTF-8, and reads one in ISO-8859-1 when it says so", async () => {
    const bad = await call(base, "sparql", {
      method: "POST",
      headers: { "content-type": "application/sparql-query" },
      body: Buffer.from(Q, "latin1"),
    });
    expect(bad.status).toBe(400);
    expect(problem(bad).code).toBe("request/encoding");
    const good = await call(base, "sparql", {
      method: "POST",
      headers: { "content-type": "application/sparql-query; charset=iso-8859-1", accept: "text/csv" },
      body: Buffer.from(Q, "latin1"),
    });
    expect(good.status).toBe(200);
    expect(good.text.split(/\r?\n/)[1]).toBe("é");
  });

  it("refuses percent-encoded bytes that are not UTF-8 in a URL or a form", async () => {
    const get = await call(
      base,
      `sparql?query=${encodeURIComponent("SELECT * WHERE { ?s ?p ").replace(/%20/g, "+")}%22%E9%22+%7D`,
    );
    expect(get.status).toBe(400);
    expect(problem(get).code).toBe("request/encoding");
    const form = await call(base, "sparql", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "query=SELECT+%3Fx+WHERE+%7B+BIND(%22%E9%22+AS+%3Fx)+%7D",
    });
    expect(form.status).toBe(400);
    // Correct UTF-8 percent-encoding still works.
    const ok = await call(base, `sparql?query=${encodeURIComponent(Q)}`, { headers: { accept: "text/csv" } });
    expect(ok.status).toBe(200);
    expect(ok.text.split(/\r?\n/)[1]).toBe("é");
  });
});
