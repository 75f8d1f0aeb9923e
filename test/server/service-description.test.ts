// The SPARQL 1.1 Service Description: in every graph format the endpoint offers (RDF/XML included), with an
// sd:endpoint that is the address the client used (Host, or X-Forwarded-Host/Proto behind a proxy).
import { request } from "node:http";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Parser } from "n3";
import type { Quad } from "@rdfjs/types";
import { Util } from "rdf-test-suite";
import type { VivantServer } from "../../src/server/index.js";
import { demoServer } from "./helpers.js";

const SD = "http://www.w3.org/ns/sparql-service-description#";
let server: VivantServer;
beforeAll(async () => {
  ({ server } = await demoServer());
});
afterAll(() => server?.close());

/** GET /sparql with raw headers (fetch does not let a client set Host). */
function get(
  headers: Record<string, string>,
  path = "/sparql",
): Promise<{ status: number; type: string; text: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode!,
          type: res.headers["content-type"] ?? "",
          text: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

async function rdfXml(text: string): Promise<Quad[]> {
  const out: Quad[] = [];
  for await (const q of Util.parseRdfRaw(
    "application/rdf+xml",
    server.url,
    Readable.from([text]),
  ) as unknown as AsyncIterable<Quad>)
    out.push(q);
  return out;
}
const endpointOf = (quads: readonly Quad[]): string[] =>
  quads.filter((q) => q.predicate.value === `${SD}endpoint`).map((q) => q.object.value);

describe("service description", () => {
  it("is served as RDF/XML too, with the same triples as Turtle", async () => {
    const xml = await get({ accept: "application/rdf+xml" });
    expect(xml.status).toBe(200);
    expect(xml.type).toMatch(/^application\/rdf\+xml/);
    const ttl = await get({ accept: "text/turtle" });
    const fromXml = await rdfXml(xml.text);
    const fromTtl = new Parser({ format: "text/turtle" }).parse(ttl.text);
    expect(fromXml.length).toBe(fromTtl.length);
    expect(endpointOf(fromXml)).toEqual(endpointOf(fromTtl));
    // format= works here as on queries; SPARQLWrapper's Accept for RDF/XML too.
    expect((await get({}, "/sparql?format=rdf%2Bxml")).type).toMatch(/^application\/rdf\+xml/);
  });

  it("names the endpoint by the Host the client used", async () => {
    const a = await get({ host: "sparql.example.org:8443", accept: "text/turtle" });
    expect(endpointOf(new Parser({ format: "text/turtle" }).parse(a.text))).toEqual([
      "http://sparql.example.org:8443/sparql",
    ]);
  });

  it("behind a proxy, by X-Forwarded-Host and X-Forwarded-Proto (first values)", async () => {
    const a = await get({
      host: "127.0.0.1:9",
      "x-forwarded-host": "data.example.org, inner.proxy",
      "x-forwarded-proto": "https",
      accept: "text/turtle",
    });
    expect(endpointOf(new Parser({ format: "text/turtle" }).parse(a.text))).toEqual([
      "https://data.example.org/sparql",
    ]);
  });

  it("ignores a malformed host and an unknown scheme", async () => {
    const a = await get({ host: "evil.example/<script>", "x-forwarded-proto": "javascript", accept: "text/turtle" });
    expect(a.status).toBe(200);
    expect(endpointOf(new Parser({ format: "text/turtle" }).parse(a.text))).toEqual([server.sparqlEndpoint]);
  });
});
