// The checker's and the publishing page's other sources (issue 14, point 4): a page checked by its address only
// through the harvest's polite, address-checked fetcher (a loopback page is refused unless the server allows private
// addresses; robots.txt is honoured; only http and https), and a CSV uploaded with its column-mapping file, read by
// the CLI's importer: rejected rows are named, and a CSV with a rejected row is never published in part.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenTable, VivantServer } from "../../src/server/index.js";
import { call } from "../server/helpers.js";

const CSV = readFileSync(new URL("../../fixtures/import/ticketing.csv", import.meta.url), "utf8");
const MAPPING = readFileSync(new URL("../../fixtures/import/mapping.json", import.meta.url), "utf8");
/** The fixture without its two bad rows (line 7: 31 February; line 8: "gratuit" as a price). */
const GOOD_CSV = CSV.split("\n")
  .filter((_, i) => i !== 6 && i !== 7)
  .join("\n");

/** A page missing its event's location, as a venue's site would serve it. */
const PAGE = `<!doctype html><html lang="fr"><head><title>Le Misanthrope</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "TheaterEvent", "name": "Le Misanthrope", "startDate": "2026-11-20T20:00:00+01:00", "url": "misanthrope.html"}</script>
</head><body><h1>Le Misanthrope</h1></body></html>`;

let site: Server;
let siteUrl: string;
const requests: string[] = [];
let robots = "User-agent: *\nAllow: /\n";

beforeAll(async () => {
  site = createServer((req, res) => {
    requests.push(req.url ?? "");
    if (req.url === "/robots.txt") {
      res.writeHead(200, { "content-type": "text/plain" }).end(robots);
      return;
    }
    if (req.url === "/page.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => site.close(() => resolve())));

/** The page's text with the entities the pages escape turned back into characters. */
const unescape = (html: string): string =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

async function checkUrl(server: VivantServer, url: string, ui = "fr"): Promise<{ status: number; text: string }> {
  const form = new FormData();
  form.set("ui", ui);
  form.set("profile", "google");
  form.set("url", url);
  return post(server, "check", form);
}

async function post(
  server: VivantServer,
  path: string,
  body: FormData,
  cookie?: string,
): Promise<{ status: number; text: string }> {
  const a = await call(server.url, path, { method: "POST", body, ...(cookie ? { headers: { cookie } } : {}) });
  return { status: a.status, text: unescape(a.text) };
}

describe("checking a page by its address", () => {
  it("fetches a loopback page when the server allows private addresses, and names the missing location in French", async () => {
    const server = await VivantServer.start({ port: 0, checkFetch: { allowPrivate: true, perHostDelayMs: 0 } });
    try {
      requests.length = 0;
      robots = "User-agent: *\nAllow: /\n";
      const a = await checkUrl(server, `${siteUrl}page.html`);
      expect(a.status, a.text).toBe(200);
      expect(a.text).toContain("Non conforme au profil google");
      expect(a.text).toMatch(/location/);
      expect(a.text).toContain(`Page lue : <a href="${siteUrl}page.html">`);
      // The page's relative url resolved against the page's own address.
      expect(a.text).toContain(`${siteUrl}misanthrope.html`);
      expect(requests).toEqual(["/robots.txt", "/page.html"]);
    } finally {
      await server.close();
    }
  });

  it("honours the site's robots.txt", async () => {
    const server = await VivantServer.start({ port: 0, checkFetch: { allowPrivate: true, perHostDelayMs: 0 } });
    try {
      requests.length = 0;
      robots = "User-agent: *\nDisallow: /\n";
      const a = await checkUrl(server, `${siteUrl}page.html`, "en");
      expect(a.status).toBe(400);
      expect(a.text).toContain("robots.txt does not let Vivant fetch");
      expect(requests).toEqual(["/robots.txt"]);
    } finally {
      robots = "User-agent: *\nAllow: /\n";
      await server.close();
    }
  });

  it("refuses loopback and private addresses by default, and anything but http(s), without a request", async () => {
    const server = await VivantServer.start({ port: 0 });
    try {
      requests.length = 0;
      const loopback = await checkUrl(server, `${siteUrl}page.html`);
      expect(loopback.status).toBe(400);
      expect(loopback.text).toContain("n'est pas une adresse publique : ce serveur ne la consulte pas");
      const ten = await checkUrl(server, "http://10.0.0.1/page.html", "en");
      expect(ten.text).toContain("is not a public address: this server does not fetch it");
      const mapped = await checkUrl(server, "http://[::ffff:127.0.0.1]/", "en");
      expect(mapped.text).toContain("is not a public address");
      for (const bad of ["file:///etc/passwd", "javascript:alert(1)", "not a url"]) {
        const a = await checkUrl(server, bad, "en");
        expect(a.status).toBe(400);
        expect(a.text).toContain("is not an http or https address");
      }
      expect(requests).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe("CSV uploads with their column-mapping file", () => {
  let server: VivantServer;
  let token: string;
  beforeAll(async () => {
    const tokens = new TokenTable();
    server = await VivantServer.start({ port: 0, tokens });
    token = tokens.issue({ publisherId: "theatre-du-port", graphIri: "https://data.theatre-du-port.example/graph" });
  });
  afterAll(() => server?.close());

  const csvForm = (csv: string | undefined, mapping: string | undefined, ui = "fr"): FormData => {
    const form = new FormData();
    form.set("ui", ui);
    form.set("profile", "core");
    if (csv !== undefined) form.set("file", new Blob([csv], { type: "text/csv" }), "billetterie.csv");
    if (mapping !== undefined) form.set("mapping", new Blob([mapping], { type: "application/json" }), "mapping.json");
    return form;
  };

  it("checks a CSV as vivant import csv reads it: rows read and rejected, each rejected row named with its line", async () => {
    const a = await post(server, "check", csvForm(CSV, MAPPING));
    expect(a.status, a.text).toBe(200);
    expect(a.text).toContain("7 lignes lues, 2 rejetées");
    expect(a.text).toContain("ligne 7");
    expect(a.text).toContain("31/02/2026 20:30");
    expect(a.text).toContain("ligne 8");
    const good = await post(server, "check", csvForm(GOOD_CSV, MAPPING, "en"));
    expect(good.text).toContain("5 rows read, 0 rejected");
    expect(good.text).toContain("Conforms to the profile core");
  });

  it("says what is missing: a CSV without its mapping, a mapping without a CSV, a mapping that is not JSON, a third file", async () => {
    const noMapping = await post(server, "check", csvForm(CSV, undefined));
    expect(noMapping.status).toBe(400);
    expect(noMapping.text).toContain("un CSV se lit avec son fichier de correspondance des colonnes");
    const alone = csvForm(undefined, MAPPING, "en");
    alone.set("text", "{}");
    const mappingAlone = await post(server, "check", alone);
    expect(mappingAlone.status).toBe(400);
    expect(mappingAlone.text).toContain("a column-mapping file goes with a CSV file");
    const broken = await post(server, "check", csvForm(CSV, '{\n  "publisher": {\n  oops\n}', "en"));
    expect(broken.status).toBe(400);
    expect(broken.text).toMatch(/mapping\.json:3:\d+: not JSON/);
    const badField = await post(
      server,
      "check",
      csvForm(CSV, JSON.stringify({ publisher: { id: "x" }, columns: { "performance.colour": "Couleur" } })),
    );
    expect(badField.text).toContain("fichier de correspondance : champ inconnu « performance.colour »");
    const three = csvForm(CSV, MAPPING, "en");
    three.set("extra", new Blob(["x"]), "extra.txt");
    const tooMany = await post(server, "check", three);
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toContain("at most two files at a time");
  });

  /** Signs in on the publishing page: the session cookie and the form's CSRF token. */
  async function signIn(): Promise<{ cookie: string; csrf: string }> {
    const res = await fetch(new URL("publish/sign-in", server.url), {
      method: "POST",
      body: new URLSearchParams({ token, ui: "fr" }),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
    const page = await call(server.url, "publish?ui=fr", { headers: { cookie } });
    return { cookie, csrf: /name="csrf" value="([^"]+)"/.exec(page.text)![1]! };
  }

  const graphTriples = async (): Promise<number> => {
    const a = await call(
      server.url,
      "sparql?query=" +
        encodeURIComponent(
          "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://data.theatre-du-port.example/graph> { ?s ?p ?o } }",
        ),
      { headers: { accept: "application/sparql-results+json" } },
    );
    return Number(JSON.parse(a.text).results.bindings[0].n.value);
  };

  it("publishes a CSV season only when every row is read, after the report and the confirmation", async () => {
    const { cookie, csrf } = await signIn();
    const rejected = csvForm(CSV, MAPPING);
    rejected.set("csrf", csrf);
    const refused = await post(server, "publish/check", rejected, cookie);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain("2 lignes sur 7 ont été rejetées : rien n'est publié");
    expect(refused.text).toContain("ligne 7");
    expect(refused.text).not.toContain('action="/publish/confirm"');
    expect(await graphTriples()).toBe(0);

    const good = csvForm(GOOD_CSV, MAPPING);
    good.set("csrf", csrf);
    const report = await post(server, "publish/check", good, cookie);
    expect(report.status, report.text).toBe(200);
    expect(report.text).toContain("5 lignes lues, 0 rejetées");
    expect(await graphTriples()).toBe(0);
    const confirm = new FormData();
    confirm.set("csrf", csrf);
    confirm.set("ui", "fr");
    confirm.set("pending", /name="pending" value="([^"]+)"/.exec(report.text)![1]!);
    const done = await post(server, "publish/confirm", confirm, cookie);
    expect(done.status, done.text).toBe(200);
    expect(done.text).toContain("Publié");
    expect(await graphTriples()).toBeGreaterThan(0);
    const brest = JSON.parse((await call(server.url, "api/performances?city=Brest&from=2026-01-01")).text) as {
      "@graph": { "@id": string }[];
    };
    expect(
      brest["@graph"].map((p) => p["@id"]).some((id) => id.startsWith("https://data.theatre-du-port.example/")),
    ).toBe(true);
  });
});
