// The duplicates page (`/duplicates`) on two publishers that describe the same venue: the pair listed with its score
// and features in French and English, never merged; and the confirmation on the publishing page
// (`/publish/same-as`): a signed-in publisher adds sameAs to its own entity with the session's CSRF token, while
// confirming the other publisher's entity, or posting without the CSRF token, is refused and writes nothing.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenTable, type VivantServer } from "../../src/server/index.js";
import { call, demoServer, selectRows } from "../server/helpers.js";

const QUAI = "https://data.reseau-scenes.example/venue/grand-quai-nantes";
const X_GRAPH = "https://theatre-x.example/graph";
const X_VENUE = "https://theatre-x.example/venue/grand-quai";
const X_OWN = `@prefix schema: <http://schema.org/> .
<${X_VENUE}> a schema:Place ; schema:name "Le Grand Quai, scène conventionnée de Nantes"@fr ;
  schema:address [ a schema:PostalAddress ; schema:streetAddress "12 quai de la Fosse" ; schema:postalCode "44000" ; schema:addressLocality "Nantes" ; schema:addressCountry "FR" ] .
`;

let server: VivantServer;
let xToken: string;

beforeAll(async () => {
  const tokens = new TokenTable();
  xToken = tokens.issue({ publisherId: "theatre-x", graphIri: X_GRAPH, licence: "cc-by-4.0" });
  ({ server } = await demoServer({ tokens }));
  const put = await call(server.url, `graph-store?graph=${encodeURIComponent(X_GRAPH)}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${xToken}`, "content-type": "text/turtle" },
    body: X_OWN,
  });
  expect(put.status, put.text).toBe(201);
}, 60_000);
afterAll(async () => server?.close());

async function sameAsClaims(): Promise<string[]> {
  return (await selectRows(server.url, "SELECT ?g ?s ?o WHERE { GRAPH ?g { ?s <http://schema.org/sameAs> ?o } }"))
    .map((r) => `${r.g} ${r.s} ${r.o}`)
    .sort();
}

async function signIn(token: string): Promise<string> {
  const res = await fetch(new URL("publish/sign-in", server.url), {
    method: "POST",
    body: new URLSearchParams({ token, ui: "fr" }),
    redirect: "manual",
  });
  expect(res.status).toBe(303);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

describe("/duplicates", () => {
  it("lists the venue both publishers describe, with its score and features, in French and in English", async () => {
    const fr = await call(server.url, "duplicates?ui=fr");
    expect(fr.status).toBe(200);
    expect(fr.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(fr.text).toContain(`<code>${QUAI}</code>`);
    expect(fr.text).toContain(`<code>${X_VENUE}</code>`);
    expect(fr.text).toContain("même code postal");
    expect(fr.text).toMatch(/<td>\d{2,3}\.\d<\/td><td>lieu<\/td>/);
    // Each direction links to its confirmation, for the publisher of that entity.
    expect(fr.text).toContain(
      `/publish/same-as?ui=fr&amp;entity=${encodeURIComponent(X_VENUE)}&amp;sameAs=${encodeURIComponent(QUAI)}`,
    );
    const en = await call(server.url, "duplicates?ui=en&family=venue&min=90");
    expect(en.text).toContain("same postal code");
    expect(en.text).toContain("Probable duplicates");
    // Reached from every page's header, marked as the current page on its own.
    expect(fr.text).toContain('<a href="/duplicates?ui=fr" aria-current="page">Doublons</a>');
    expect(en.text).toContain('<a href="/duplicates?ui=en" aria-current="page">Duplicates</a>');
    const home = await call(server.url, "stats?ui=en");
    expect(home.text).toContain('<a href="/duplicates?ui=en">Duplicates</a>');
    const people = await call(server.url, "duplicates?ui=en&family=person");
    expect(people.text).not.toContain(`<code>${X_VENUE}</code>`);
  });

  it("never merges: the page changes no graph", async () => {
    const before = await sameAsClaims();
    await call(server.url, "duplicates?ui=fr");
    expect(await sameAsClaims()).toEqual(before);
  });
});

describe("/publish/same-as", () => {
  const path = `publish/same-as?ui=fr&entity=${encodeURIComponent(X_VENUE)}&sameAs=${encodeURIComponent(QUAI)}`;

  it("asks to sign in first", async () => {
    const a = await call(server.url, path);
    expect(a.status).toBe(200);
    expect(a.text).toContain("Connectez-vous");
    expect(a.text).not.toContain('name="csrf"');
  });

  it("refuses a post without the session's CSRF token, and another publisher's entity, writing nothing", async () => {
    const cookie = await signIn(xToken);
    const before = await sameAsClaims();
    const noCsrf = await fetch(new URL("publish/same-as", server.url), {
      method: "POST",
      headers: { cookie },
      body: new URLSearchParams({ ui: "fr", entity: X_VENUE, sameAs: QUAI }),
    });
    expect(noCsrf.status).toBe(403);
    const form = await (await fetch(new URL(path, server.url), { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(form)![1]!;
    const theirs = await fetch(new URL("publish/same-as", server.url), {
      method: "POST",
      headers: { cookie },
      body: new URLSearchParams({ csrf, ui: "fr", entity: QUAI, sameAs: X_VENUE }),
    });
    expect(theirs.status).toBe(403);
    expect(await theirs.text()).toContain("ne décrit pas");
    expect(await sameAsClaims()).toEqual(before);
  });

  it("adds sameAs to the signed-in publisher's own entity, in its own graph", async () => {
    const cookie = await signIn(xToken);
    const form = await (await fetch(new URL(path, server.url), { headers: { cookie } })).text();
    expect(form).toContain("éditeur « theatre-x »");
    const csrf = /name="csrf" value="([^"]+)"/.exec(form)![1]!;
    const before = await sameAsClaims();
    const done = await fetch(new URL("publish/same-as", server.url), {
      method: "POST",
      headers: { cookie },
      body: new URLSearchParams({ csrf, ui: "fr", entity: X_VENUE, sameAs: QUAI }),
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Ajouté à votre graphe");
    expect(await sameAsClaims()).toEqual([...before, `${X_GRAPH} ${X_VENUE} ${QUAI}`].sort());
  });
});
