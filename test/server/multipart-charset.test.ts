// Multipart parts are read in their own charset: the part's Content-Type charset, else the form's `_charset_` field
// (RFC 7578 §4.6), else UTF-8, with the same fatal decoder as request bodies: 400 for bytes not valid in it, 415 for an
// unknown charset, in English or French, nothing written. For the Graph Store's uploads and for the pages' forms.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VivantServer } from "../../src/server/index.js";
import { TokenTable } from "../../src/server/index.js";
import { call, demoServer, selectRows } from "./helpers.js";

const GRAPH = "https://theatre-c.example/graph";
let server: VivantServer;
let token: string;
beforeAll(async () => {
  const tokens = new TokenTable();
  token = tokens.issue({ publisherId: "theatre-c", graphIri: GRAPH, licence: "cc-by-4.0" });
  ({ server } = await demoServer({ tokens, maxBodyBytes: 100_000 }));
});
afterAll(() => server?.close());

const turtle = (name: string): string => `@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://theatre-c.example/performance/p1> a schema:TheaterEvent ;
  schema:name "${name}"@fr ;
  schema:startDate "2026-12-04T20:00:00+01:00"^^xsd:dateTime ;
  schema:workPerformed <https://theatre-c.example/production/p1> ;
  schema:location <https://theatre-c.example/venue/main> .
<https://theatre-c.example/production/p1> a schema:CreativeWork ; schema:name "${name}"@fr .
<https://theatre-c.example/venue/main> a schema:Place ; schema:name "Salle"@fr ;
  schema:address [ a schema:PostalAddress ; schema:addressLocality "Lyon" ; schema:addressCountry "FR" ] .
`;

interface Part {
  readonly name: string;
  readonly filename?: string;
  readonly type?: string;
  readonly bytes: Buffer;
}

/** A multipart/form-data body written byte by byte (FormData cannot give a part a charset). */
function multipart(parts: readonly Part[]): { body: Buffer; type: string } {
  const boundary = "----vivant-charset-test";
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ""}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ""}\r\n`,
        "latin1",
      ),
      p.bytes,
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

const unescape = (html: string): string =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
const latin1 = (s: string): Buffer => Buffer.from(s, "latin1");
const names = async (): Promise<string[]> =>
  (
    await selectRows(
      server.url,
      `SELECT ?n WHERE { GRAPH <${GRAPH}> { ?e a <http://schema.org/TheaterEvent> ; <http://schema.org/name> ?n } }`,
    )
  ).map((r) => r.n!);

async function put(parts: readonly Part[], lang = "en") {
  const { body, type } = multipart(parts);
  return call(server.url, `graph-store?graph=${encodeURIComponent(GRAPH)}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": type, "accept-language": lang },
    body,
  });
}

describe("Graph Store uploads: each part in its charset", () => {
  it("reads a part in the charset its Content-Type names", async () => {
    const a = await put([
      { name: "file", filename: "zaire.ttl", type: "text/turtle; charset=ISO-8859-1", bytes: latin1(turtle("Zaïre")) },
    ]);
    expect(a.status, a.text).toBe(201);
    expect(await names()).toEqual(["Zaïre"]);
  });

  it("reads a part without a charset in the form's _charset_ (RFC 7578 §4.6), a part's own charset winning", async () => {
    const a = await put([
      { name: "_charset_", bytes: Buffer.from("iso-8859-1") },
      { name: "file", filename: "berenice.ttl", type: "text/turtle", bytes: latin1(turtle("Bérénice")) },
    ]);
    expect(a.status, a.text).toBe(204);
    expect(await names()).toEqual(["Bérénice"]);
    const own = await put([
      { name: "_charset_", bytes: Buffer.from("iso-8859-1") },
      {
        name: "file",
        filename: "phedre.ttl",
        type: "text/turtle; charset=utf-8",
        bytes: Buffer.from(turtle("Phèdre"), "utf8"),
      },
    ]);
    expect(own.status, own.text).toBe(204);
    expect(await names()).toEqual(["Phèdre"]);
  });

  it("refuses bytes that are not valid in the part's charset (400), naming the part, in English or French; nothing written", async () => {
    const bad = await put([
      { name: "file", filename: "latin.ttl", type: "text/turtle; charset=utf-8", bytes: latin1(turtle("Zaïre")) },
    ]);
    expect(bad.status).toBe(400);
    const p = JSON.parse(bad.text) as { code: string; detail: string };
    expect(p.code).toBe("request/encoding");
    expect(p.detail).toMatch(/^the part "latin\.ttl" is not valid UTF-8 \(byte \d+\)$/);
    const fr = await put(
      [{ name: "file", filename: "latin.ttl", type: "text/turtle", bytes: latin1(turtle("Zaïre")) }],
      "fr",
    );
    expect(fr.status).toBe(400);
    expect((JSON.parse(fr.text) as { detail: string }).detail).toMatch(
      /^la partie "latin\.ttl" n'est pas de l'UTF-8 valide \(octet \d+\)$/,
    );
    expect(await names()).toEqual(["Phèdre"]);
  });

  it("refuses a charset it does not know (415), from the part or from _charset_", async () => {
    const part = await put([
      { name: "file", filename: "x.ttl", type: "text/turtle; charset=klingon", bytes: Buffer.from(turtle("X")) },
    ]);
    expect(part.status).toBe(415);
    expect((JSON.parse(part.text) as { code: string }).code).toBe("request/charset");
    const field = await put([
      { name: "_charset_", bytes: Buffer.from("klingon") },
      { name: "file", filename: "x.ttl", type: "text/turtle", bytes: Buffer.from(turtle("X")) },
    ]);
    expect(field.status).toBe(415);
    expect(await names()).toEqual(["Phèdre"]);
  });
});

describe("the pages' forms: fields and file in the form's charset", () => {
  const check = async (parts: readonly Part[], lang: "en" | "fr" = "en") => {
    const { body, type } = multipart([
      { name: "ui", bytes: Buffer.from(lang) },
      { name: "profile", bytes: Buffer.from("core") },
      ...parts,
    ]);
    return call(server.url, "check", {
      method: "POST",
      headers: { "content-type": type, "accept-language": lang },
      body,
    });
  };
  const records = (name: string): string =>
    JSON.stringify({
      publisher: { id: "p", name: { fr: name }, baseIri: "https://p.example/", licence: "etalab-2.0" },
    });

  it("decodes a pasted text in the _charset_ the form sends", async () => {
    const a = await check([
      { name: "_charset_", bytes: Buffer.from("windows-1252") },
      { name: "text", bytes: latin1(records("Théâtre")) },
    ]);
    expect(a.status, a.text).toBe(200);
    expect(a.text).not.toContain("not valid");
  });

  it("refuses a pasted text or a file whose bytes are not UTF-8 when no _charset_ says otherwise", async () => {
    const text = await check([{ name: "text", bytes: latin1(records("Théâtre")) }]);
    expect(text.status).toBe(400);
    expect(unescape(text.text)).toContain('the field "text" is not valid UTF-8 (byte ');
    const file = await check(
      [{ name: "file", filename: "season.json", type: "application/json", bytes: latin1(records("Théâtre")) }],
      "fr",
    );
    expect(file.status).toBe(400);
    expect(unescape(file.text)).toContain("le fichier \"season.json\" n'est pas de l'UTF-8 valide (octet ");
  });

  it("reads urlencoded forms the same way", async () => {
    const body = `ui=en&profile=core&_charset_=iso-8859-1&text=${[...latin1(records("Théâtre"))].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("")}`;
    const ok = await call(server.url, "check", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    expect(ok.status, ok.text).toBe(200);
    const bad = await call(server.url, "check", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: body.replace("&_charset_=iso-8859-1", ""),
    });
    expect(bad.status).toBe(400);
  });
});
