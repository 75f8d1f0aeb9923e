// Graph Store Protocol, the parts clients reach for first: POST to the graph store itself creates a graph
// (201 + Location), and multipart/form-data uploads (HTML forms, Fuseki's and Jena's upload tools) are read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VivantServer } from "../../src/server/index.js";
import { TokenTable } from "../../src/server/index.js";
import { call, demoServer, selectRows, type Answer } from "./helpers.js";

const NEW = "https://theatre-n.example/graph";
const UP = "https://theatre-u.example/graph";
let server: VivantServer;
let base: string;
let newToken: string;
let upToken: string;
beforeAll(async () => {
  const tokens = new TokenTable();
  newToken = tokens.issue({ publisherId: "theatre-n", graphIri: NEW, licence: "cc-by-4.0" });
  upToken = tokens.issue({ publisherId: "theatre-u", graphIri: UP, licence: "cc-by-4.0" });
  ({ server } = await demoServer({ tokens, maxBodyBytes: 100_000 }));
  base = server.url;
});
afterAll(() => server?.close());

const performance = (
  host: string,
  id: string,
  name: string,
  venue = true,
): string => `@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://${host}/performance/${id}> a schema:TheaterEvent ;
  schema:name "${name}"@fr ;
  schema:startDate "2026-12-04T20:00:00+01:00"^^xsd:dateTime ;
  schema:workPerformed <https://${host}/production/${id}> ;
  schema:location <https://${host}/venue/main> .
<https://${host}/production/${id}> a schema:CreativeWork ; schema:name "${name}"@fr .
${
  venue
    ? `<https://${host}/venue/main> a schema:Place ; schema:name "Salle"@fr ;
  schema:address [ a schema:PostalAddress ; schema:addressLocality "Lyon" ; schema:addressCountry "FR" ] .`
    : ""
}`;
const names = async (graph: string): Promise<string[]> =>
  (
    await selectRows(
      base,
      `SELECT ?n WHERE { GRAPH <${graph}> { ?e a <http://schema.org/TheaterEvent> ; <http://schema.org/name> ?n } } ORDER BY ?n`,
    )
  ).map((r) => r.n!);
const problem = (a: Answer): { code: string; hint?: string } => JSON.parse(a.text);

describe("POST to the graph store itself", () => {
  it("creates the publisher's graph: 201 with its Location, which then answers GET", async () => {
    const a = await call(base, "graph-store", {
      method: "POST",
      headers: { authorization: `Bearer ${newToken}`, "content-type": "text/turtle" },
      body: performance("theatre-n.example", "p1", "Cinna"),
    });
    expect(a.status, a.text).toBe(201);
    const location = a.headers.get("location")!;
    expect(location).toBe(`/graph-store?graph=${encodeURIComponent(NEW)}`);
    const get = await call(base, location.slice(1), { headers: { accept: "application/n-triples" } });
    expect(get.status).toBe(200);
    expect(get.text).toContain('"Cinna"@fr');
    expect(await names(NEW)).toEqual(["Cinna"]);
  });

  it("answers 409 with the Location once the publisher's graph exists, and changes nothing", async () => {
    const a = await call(base, "graph-store", {
      method: "POST",
      headers: { authorization: `Bearer ${newToken}`, "content-type": "text/turtle" },
      body: performance("theatre-n.example", "p2", "Horace"),
    });
    expect(a.status).toBe(409);
    expect(problem(a).code).toBe("gsp/graph-exists");
    expect(a.headers.get("location")).toBe(`/graph-store?graph=${encodeURIComponent(NEW)}`);
    expect(await names(NEW)).toEqual(["Cinna"]);
  });

  it("still needs a token, and validates what it creates", async () => {
    expect(
      (
        await call(base, "graph-store", {
          method: "POST",
          headers: { "content-type": "text/turtle" },
          body: performance("theatre-u.example", "p1", "X"),
        })
      ).status,
    ).toBe(401);
    const invalid = await call(base, "graph-store", {
      method: "POST",
      headers: { authorization: `Bearer ${upToken}`, "content-type": "text/turtle" },
      body: "@prefix schema: <http://schema.org/> . <https://theatre-u.example/performance/x> a schema:TheaterEvent .",
    });
    expect(invalid.status).toBe(422);
    expect(server.graphs().some((g) => g.graphIri === UP)).toBe(false);
    // PUT and GET still need ?graph= or ?default.
    expect(
      (
        await call(base, "graph-store", {
          method: "PUT",
          headers: { authorization: `Bearer ${upToken}`, "content-type": "text/turtle" },
          body: "",
        })
      ).status,
    ).toBe(400);
  });
});

describe("multipart/form-data uploads", () => {
  const form = (files: { name: string; type?: string; text: string }[]): FormData => {
    const f = new FormData();
    f.append("comment", "a plain field, ignored");
    for (const x of files) f.append("file", new Blob([x.text], x.type ? { type: x.type } : {}), x.name);
    return f;
  };

  it("reads each file part (its type, or its file name's extension) into the one graph", async () => {
    const body = form([
      { name: "one.ttl", type: "text/turtle", text: performance("theatre-u.example", "p1", "Andromaque") },
      {
        name: "two.ttl",
        type: "application/octet-stream",
        text: performance("theatre-u.example", "p2", "Bérénice", false),
      },
    ]);
    const a = await call(base, `graph-store?graph=${encodeURIComponent(UP)}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${upToken}` },
      body,
    });
    expect(a.status, a.text).toBe(201);
    expect(await names(UP)).toEqual(["Andromaque", "Bérénice"]);
    // POST merges the parts into the graph, as with a single body.
    const more = await call(base, `graph-store?graph=${encodeURIComponent(UP)}`, {
      method: "POST",
      headers: { authorization: `Bearer ${upToken}` },
      body: form([
        { name: "three.nt.ttl", type: "text/turtle", text: performance("theatre-u.example", "p3", "Phèdre", false) },
      ]),
    });
    expect(more.status, more.text).toBe(204);
    expect(await names(UP)).toEqual(["Andromaque", "Bérénice", "Phèdre"]);
  });

  it("refuses a part it cannot read (415), a form without files (400) and a body over the limit (413), writing nothing", async () => {
    const unknown = await call(base, `graph-store?graph=${encodeURIComponent(UP)}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${upToken}` },
      body: form([{ name: "notes.docx", type: "application/octet-stream", text: "x" }]),
    });
    expect(unknown.status).toBe(415);
    expect(JSON.parse(unknown.text).detail).toContain("notes.docx");
    const none = new FormData();
    none.append("comment", "no file");
    expect(
      (
        await call(base, `graph-store?graph=${encodeURIComponent(UP)}`, {
          method: "PUT",
          headers: { authorization: `Bearer ${upToken}` },
          body: none,
        })
      ).status,
    ).toBe(400);
    const big = await call(base, `graph-store?graph=${encodeURIComponent(UP)}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${upToken}` },
      body: form([{ name: "big.ttl", type: "text/turtle", text: `# ${"x".repeat(120_000)}\n` }]),
    });
    expect(big.status).toBe(413);
    const invalidUtf8 = new FormData();
    invalidUtf8.append(
      "file",
      new Blob([Buffer.from(performance("theatre-u.example", "p9", "Zaïre", false), "latin1")], {
        type: "text/turtle",
      }),
      "latin.ttl",
    );
    expect(
      (
        await call(base, `graph-store?graph=${encodeURIComponent(UP)}`, {
          method: "PUT",
          headers: { authorization: `Bearer ${upToken}` },
          body: invalidUtf8,
        })
      ).status,
    ).toBe(400);
    expect(await names(UP)).toEqual(["Andromaque", "Bérénice", "Phèdre"]);
  });
});
