// Confirming a probable duplicate (`POST /duplicates/confirm`): a publisher's token adds `schema:sameAs` to one of
// its own entities, in its own graph, through the Graph Store's write path; the attack (confirming, with publisher
// X's token, an entity of publisher Y's graph, or smuggling a triple through an IRI) is refused and changes nothing.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenTable, type VivantServer } from "../../src/server/index.js";
import { call, DEMO_GRAPH, demoServer, selectRows, type Answer } from "./helpers.js";

const D = "https://data.reseau-scenes.example/";
const QUAI = `${D}venue/grand-quai-nantes`;
const X_GRAPH = "https://theatre-x.example/graph";
const X_VENUE = "https://theatre-x.example/venue/main";
const X_OWN = `@prefix schema: <http://schema.org/> .
<${X_VENUE}> a schema:Place ; schema:name "Le Grand Quai"@fr ;
  schema:address [ a schema:PostalAddress ; schema:postalCode "44000" ; schema:addressLocality "Nantes" ; schema:addressCountry "FR" ] .
`;

let server: VivantServer;
let xToken: string;
let yToken: string;

beforeAll(async () => {
  const tokens = new TokenTable();
  xToken = tokens.issue({ publisherId: "theatre-x", graphIri: X_GRAPH, licence: "cc-by-4.0" });
  ({ server, token: yToken } = await demoServer({ tokens }));
  const put = await call(server.url, `graph-store?graph=${encodeURIComponent(X_GRAPH)}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${xToken}`, "content-type": "text/turtle" },
    body: X_OWN,
  });
  expect(put.status, put.text).toBe(201);
}, 60_000);
afterAll(async () => server?.close());

function confirm(token: string | undefined, body: unknown, lang = "en"): Promise<Answer> {
  return call(server.url, "duplicates/confirm", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "accept-language": lang,
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** Every sameAs each graph says, as "graph subject object". */
async function sameAsClaims(): Promise<string[]> {
  const rows = await selectRows(server.url, "SELECT ?g ?s ?o WHERE { GRAPH ?g { ?s <http://schema.org/sameAs> ?o } }");
  return rows.map((r) => `${r.g} ${r.s} ${r.o}`).sort();
}

describe("POST /duplicates/confirm", () => {
  it("adds sameAs to the publisher's own entity, in its own graph only; a second time says it is there already", async () => {
    const before = await sameAsClaims();
    const a = await confirm(xToken, { entity: X_VENUE, sameAs: QUAI });
    expect(a.status, a.text).toBe(201);
    expect(JSON.parse(a.text)).toMatchObject({ status: "added", entity: X_VENUE, sameAs: QUAI, graph: X_GRAPH });
    expect(await sameAsClaims()).toEqual([...before, `${X_GRAPH} ${X_VENUE} ${QUAI}`].sort());
    const again = await confirm(xToken, { entity: X_VENUE, sameAs: QUAI });
    expect(again.status, again.text).toBe(200);
    expect(JSON.parse(again.text)).toMatchObject({ status: "already" });
    expect((await sameAsClaims()).filter((c) => c.endsWith(` ${QUAI}`))).toHaveLength(1);
  });

  it("stores a Wikidata identifier written as Q… as its IRI", async () => {
    const a = await confirm(xToken, { entity: X_VENUE, sameAs: "Q90" });
    expect(a.status, a.text).toBe(201);
    expect(await sameAsClaims()).toContain(`${X_GRAPH} ${X_VENUE} http://www.wikidata.org/entity/Q90`);
  });

  it("refuses, with 403 and nothing written, X's token confirming an entity of Y's graph", async () => {
    const before = await sameAsClaims();
    const yGraph = server.publicGraphs().find((g) => g.graphIri === DEMO_GRAPH)!;
    const a = await confirm(xToken, { entity: QUAI, sameAs: X_VENUE });
    expect(a.status, a.text).toBe(403);
    expect(JSON.parse(a.text)).toMatchObject({ code: "duplicates/not-yours" });
    expect(await sameAsClaims()).toEqual(before);
    const after = server.publicGraphs().find((g) => g.graphIri === DEMO_GRAPH)!;
    expect({ version: after.version, triples: after.triples }).toEqual({
      version: yGraph.version,
      triples: yGraph.triples,
    });
  });

  it("the other publisher confirms the same pair in its own graph", async () => {
    const a = await confirm(yToken, { entity: QUAI, sameAs: X_VENUE });
    expect(a.status, a.text).toBe(201);
    expect(await sameAsClaims()).toContain(`${DEMO_GRAPH} ${QUAI} ${X_VENUE}`);
  });

  it("explains the refusal in French", async () => {
    const a = await confirm(xToken, { entity: QUAI, sameAs: X_VENUE }, "fr");
    expect(a.status).toBe(403);
    expect((JSON.parse(a.text) as { detail: string }).detail).toContain("ne décrit pas");
  });

  const bad: [string, unknown][] = [
    ["a triple smuggled in the entity's IRI", { entity: `${X_VENUE}> <http://schema.org/name> "pwned`, sameAs: QUAI }],
    [
      "a triple smuggled in the sameAs IRI",
      { entity: X_VENUE, sameAs: `${QUAI}> . <${QUAI}> <http://schema.org/name> "pwned` },
    ],
    ["no sameAs", { entity: X_VENUE }],
    ["an entity that is not http(s)", { entity: "urn:x:1", sameAs: QUAI }],
    ["an entity the same as itself", { entity: X_VENUE, sameAs: X_VENUE }],
    ["an array", [X_VENUE, QUAI]],
  ];
  for (const [what, body] of bad) {
    it(`refuses ${what} with 400, nothing written`, async () => {
      const before = await sameAsClaims();
      const a = await confirm(xToken, body);
      expect(a.status, a.text).toBe(400);
      expect((JSON.parse(a.text) as { code: string }).code).toBe("duplicates/bad-confirmation");
      expect(await sameAsClaims()).toEqual(before);
    });
  }

  it("needs a known publisher token (401)", async () => {
    expect((await confirm(undefined, { entity: X_VENUE, sameAs: QUAI })).status).toBe(401);
    expect((await confirm("not-a-token", { entity: X_VENUE, sameAs: QUAI })).status).toBe(401);
  });
});
