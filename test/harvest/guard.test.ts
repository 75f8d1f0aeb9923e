// Harvest as an attacker would use it: a sitemap or a redirect pointing the crawler into its own
// network (refused unless --allow-private), and pages and sitemaps that cost too much (45,000 nodes,
// invalid character references, 5 MiB of unclosed tags). Also what real servers send: gzipped
// sitemaps and 429/503 with Retry-After. Every server here is on 127.0.0.1; the "public" site is an
// in-memory fetch, so no request ever leaves loopback.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { addressRange, isPublicAddress, retryAfterMs, type Resolver } from "../../src/harvest/fetch.js";
import { harvest } from "../../src/harvest/harvest.js";
import { MAX_LOCATION_LENGTH, parseSitemap } from "../../src/harvest/sitemap.js";
import { page, script, startSite, type TestSite } from "./server.js";
import { Writable } from "node:stream";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";

const OPEN = { perHostDelayMs: 0, timeoutMs: 5000, allowPrivate: true };
const GUARDED = { perHostDelayMs: 0, timeoutMs: 5000 };
const EVENT = (id: string) =>
  script({
    "@context": "https://schema.org",
    "@type": "Event",
    "@id": id,
    name: "Concert",
    startDate: "2026-10-01T20:00:00+02:00",
  });
const urlset = (locs: readonly string[]) =>
  `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((l) => `<url><loc>${l}</loc></url>`).join("")}</urlset>`;

let site: TestSite;
let port: number;

/** An in-memory "public" site at http://public.example (never on the network); anything else goes to the real client. */
const PUBLIC = "http://public.example";
function publicSite(
  routes: Record<string, { status?: number; type?: string; body?: string; location?: string }>,
): typeof globalThis.fetch {
  return (async (input: string | URL, init?: RequestInit) => {
    const url = String(input);
    if (!url.startsWith(`${PUBLIC}/`)) return undiciFetch(url, init as Parameters<typeof undiciFetch>[1]);
    const r = routes[url.slice(PUBLIC.length)];
    if (!r) return new Response("not found", { status: 404 });
    return new Response(r.body ?? "", {
      status: r.status ?? 200,
      headers: { ...(r.type ? { "content-type": r.type } : {}), ...(r.location ? { location: r.location } : {}) },
    });
  }) as typeof globalThis.fetch;
}

beforeAll(async () => {
  site = await startSite();
  port = Number(new URL(site.origin).port);
  site.route("/a.html", { type: "text/html", body: page("A", [EVENT("https://v.example/e/a")]) });
  site.route("/b.html", { type: "text/html", body: page("B", [EVENT("https://v.example/e/b")]) });
});

afterAll(async () => {
  await site.close();
});

describe("address policy", () => {
  it("classifies loopback, private, link-local, unique-local, unspecified, multicast and their IPv4-mapped forms as not public", () => {
    const refused = [
      "127.0.0.1",
      "127.8.9.10",
      "10.0.0.1",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "100.64.0.1",
      "::1",
      "::",
      "fe80::1",
      "fc00::1",
      "fd12:3456::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:10.0.0.1",
      "::ffff:169.254.169.254",
      "::127.0.0.1",
      "[::1]",
    ];
    for (const a of refused) expect(isPublicAddress(a), a).toBe(false);
    for (const a of ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "::ffff:93.184.216.34"])
      expect(isPublicAddress(a), a).toBe(true);
    expect(addressRange("::ffff:192.168.0.1")).toBe("private");
    expect(addressRange("not an address")).toBeUndefined();
  });

  it("refuses a loopback IP literal, its IPv6 and IPv4-mapped spellings and a name resolving to loopback, without sending a request", async () => {
    const before = site.requests.length;
    const urls = [
      `${site.origin}/a.html`,
      `http://[::ffff:127.0.0.1]:${port}/a.html`,
      `http://2130706433:${port}/a.html`, // 127.0.0.1 as one number
      `http://[::1]:${port}/a.html`,
      `http://localhost:${port}/a.html`,
      `http://venue.test:${port}/a.html`,
    ];
    const resolver: Resolver = async (host) => {
      if (host === "venue.test") return [{ address: "127.0.0.1", family: 4 }];
      if (host === "localhost")
        return [
          { address: "127.0.0.1", family: 4 },
          { address: "::1", family: 6 },
        ];
      throw Object.assign(new Error(`no such host ${host}`), { code: "ENOTFOUND" });
    };
    const result = await harvest(urls, { policy: GUARDED, resolver });
    expect(Object.fromEntries(result.failures.map((f) => [f.url, f.code]))).toEqual(
      Object.fromEntries(urls.map((u) => [u, "private-address"])),
    );
    expect(result.failures.find((f) => f.url.includes("venue.test"))!.message).toMatch(
      /venue\.test resolves to 127\.0\.0\.1 \(loopback\).*--allow-private/,
    );
    expect(site.requests.length).toBe(before);
    expect(result.pages).toEqual([]);
  });

  it("with allowPrivate, connects to the address the resolver gave (the name is resolved once, inside the connection)", async () => {
    const asked: string[] = [];
    const resolver: Resolver = async (host) => {
      asked.push(host);
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const before = site.requests.length;
    const result = await harvest([`http://venue.test:${port}/a.html`], { policy: OPEN, resolver });
    expect(result.failures).toEqual([]);
    expect(result.pages.map((p) => p.finalUrl)).toEqual([`http://venue.test:${port}/a.html`]);
    expect(site.hosts.slice(before)).toEqual([`venue.test:${port}`, `venue.test:${port}`]); // robots.txt, then the page
    expect(asked.every((h) => h === "venue.test")).toBe(true);
  });

  it("a name whose every address is non-public (loopback, TEST-NET) is refused before any connection", async () => {
    const before = site.requests.length;
    const resolver: Resolver = async () => [
      { address: "127.0.0.1", family: 4 },
      { address: "192.0.2.1", family: 4 },
    ];
    const result = await harvest([`http://mixed.test:${port}/a.html`], {
      policy: { ...GUARDED, timeoutMs: 1500, robots: false },
      resolver,
    });
    expect(result.failures.map((f) => f.code)).toEqual(["private-address"]);
    expect(site.requests.length).toBe(before);
  });

  it("refuses loopback and private URLs listed in a public sitemap, and redirects from a public page to them", async () => {
    const routes = {
      "/robots.txt": { type: "text/plain", body: "User-agent: *\nAllow: /\n" },
      "/sitemap.xml": {
        type: "application/xml",
        body: urlset([
          `${site.origin}/a.html`,
          `http://localhost:${port}/b.html`,
          "http://10.0.0.7/intranet",
          "http://[fd00::1]/x",
          "http://169.254.169.254/latest/meta-data/",
          `${PUBLIC}/go`,
          `${PUBLIC}/go-name`,
        ]),
      },
      "/go": { status: 302, location: `${site.origin}/a.html` },
      "/go-name": { status: 301, location: `http://localhost:${port}/b.html` },
    };
    const before = site.requests.length;
    const guarded = await harvest([`${PUBLIC}/sitemap.xml`], { policy: GUARDED, fetch: publicSite(routes) });
    expect(guarded.sitemaps).toBe(1);
    expect(guarded.failures.map((f) => [f.url.replace(String(port), "PORT"), f.code])).toEqual([
      ["http://10.0.0.7/intranet", "private-address"],
      ["http://127.0.0.1:PORT/a.html", "private-address"],
      ["http://169.254.169.254/latest/meta-data/", "private-address"],
      ["http://[fd00::1]/x", "private-address"],
      ["http://localhost:PORT/b.html", "private-address"],
      [`${PUBLIC}/go`, "private-address"],
      [`${PUBLIC}/go-name`, "private-address"],
    ]);
    expect(guarded.failures.find((f) => f.url === `${PUBLIC}/go`)!.message).toContain(`${site.origin}/a.html`);
    expect(site.requests.length).toBe(before);
    expect(guarded.pages).toEqual([]);

    // With allowPrivate the loopback entries are reached (the refusal above is the policy, not a broken URL).
    // Only the loopback ones: the private addresses must not be tried from a test.
    const loopbackOnly = {
      ...routes,
      "/sitemap.xml": {
        type: "application/xml",
        body: urlset([`${site.origin}/a.html`, `http://localhost:${port}/b.html`, `${PUBLIC}/go`, `${PUBLIC}/go-name`]),
      },
    };
    const open = await harvest([`${PUBLIC}/sitemap.xml`], { policy: OPEN, fetch: publicSite(loopbackOnly) });
    expect(open.pages.map((p) => p.finalUrl.replace(String(port), "PORT")).sort()).toEqual([
      "http://127.0.0.1:PORT/a.html",
      "http://127.0.0.1:PORT/a.html",
      "http://localhost:PORT/b.html",
      "http://localhost:PORT/b.html",
    ]);
    expect(open.failures.some((f) => f.code === "private-address")).toBe(false);
  });

  it("vivant harvest refuses loopback without --allow-private (exit 1, FAILED private-address) and harvests it with the flag", async () => {
    const run = async (args: string[]) => {
      let err = "";
      const sink = new Writable({
        write(c, _e, cb) {
          err += String(c);
          cb();
        },
      });
      const cwd = mkdtempSync(join(tmpdir(), "vivant-guard-"));
      const code = await main(
        ["harvest", `${site.origin}/a.html`, "--publisher", "venue", "-o", "out.nq", "--delay", "0", ...args],
        { stdout: sink, stderr: sink, cwd, isTTY: false, env: {} },
      );
      return { code, err, cwd };
    };
    const refused = await run([]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/FAILED private-address http:\/\/127\.0\.0\.1:\d+\/a\.html: .*loopback/);
    const allowed = await run(["--allow-private"]);
    expect(allowed.code, allowed.err).toBe(0);
    expect(readFileSync(join(allowed.cwd, "out.nq"), "utf8")).toContain("https://v.example/e/a");
  });
});

describe("costs bounded", () => {
  it("a page with 45,000 JSON-LD nodes is harvested whole (no call-stack overflow)", async () => {
    const graph = Array.from({ length: 45_000 }, (_, i) => ({
      "@type": "Event",
      "@id": `https://big.example/e/${i}`,
      name: `E${i}`,
      startDate: "2026-10-01T20:00:00+02:00",
    }));
    site.route("/big.html", {
      type: "text/html",
      body: page("Big", [script({ "@context": "https://schema.org", "@graph": graph })]),
    });
    const t = Date.now();
    const result = await harvest([`${site.origin}/big.html`, `${site.origin}/a.html`], {
      policy: { ...OPEN, timeoutMs: 60_000, maxBytes: 16 * 1024 * 1024 },
    });
    console.log(`[guard] 45,000-node page harvested in ${Date.now() - t} ms`);
    expect(result.failures).toEqual([]);
    expect(result.entities.Event).toBe(45_001);
  }, 120_000);

  it("no push(...spread) anywhere in src/ (it overflows the call stack on large arrays)", () => {
    const root = fileURLToPath(new URL("../../src/", import.meta.url));
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith(".ts"))
          readFileSync(p, "utf8")
            .split("\n")
            .forEach((line, i) => /\.(push|unshift)\(\s*\.\.\./.test(line) && offenders.push(`${p}:${i + 1}`));
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });

  it("a sitemap entry with an invalid character reference is reported and the others are harvested", async () => {
    site.route("/refs.xml", {
      type: "application/xml",
      body: urlset([
        `${site.origin}/a.html`,
        `${site.origin}/&#x110000;`,
        `${site.origin}/&#0;`,
        `${site.origin}/&#xD800;`,
        `${site.origin}/&nbsp;`,
        `${site.origin}/a&b`,
        `${site.origin}/b.html?x=1&amp;y=&#50;`,
      ]),
    });
    site.route("/b.html?x=1&y=2", { type: "text/html", body: page("B", [EVENT("https://v.example/e/b2")]) });
    const result = await harvest([`${site.origin}/refs.xml`], { policy: OPEN });
    const entries = result.failures.filter((f) => f.code === "invalid-sitemap-entry").map((f) => f.message);
    expect(entries).toHaveLength(5);
    expect(entries[0]).toMatch(/<loc> number 2 skipped: character reference &#x110000; names no XML character/);
    expect(entries.join("\n")).toMatch(/number 3 .*&#0;/);
    expect(entries.join("\n")).toMatch(/number 4 .*&#xD800;/);
    expect(entries.join("\n")).toMatch(/number 5 .*unknown entity &nbsp;/);
    expect(entries.join("\n")).toMatch(/number 6 .*"&" that starts no reference/);
    expect(result.pages.map((p) => p.url.slice(site.origin.length)).sort()).toEqual(["/a.html", "/b.html?x=1&y=2"]);
    expect(result.entities.Event).toBe(2);
  });

  it("parses 5 MiB of unclosed tags in one linear pass, and stops at its deadline", () => {
    const unit = `<url><loc>https://a.example/page-with-a-long-name-`;
    const unclosed = `<urlset>${unit.repeat(Math.ceil((5 * 1024 * 1024) / unit.length))}`;
    const closedOnceAtTheEnd = `${unclosed}</loc></url></urlset>`;
    const manyOpeningsOneClose = `<urlset>${"<loc>".repeat(1_000_000)}x</loc>`;
    const t = Date.now();
    const a = parseSitemap(unclosed)!;
    const b = parseSitemap(closedOnceAtTheEnd)!;
    const c = parseSitemap(manyOpeningsOneClose)!;
    console.log(`[guard] three 5 MiB adversarial sitemaps parsed in ${Date.now() - t} ms`);
    expect(a).toEqual({ kind: "urlset", locations: [], invalid: [], timedOut: false });
    expect(b.locations).toEqual([]);
    expect(b.invalid.map((p) => p.reason)).toEqual([`a location longer than ${MAX_LOCATION_LENGTH} characters`]);
    expect(c.invalid.map((p) => p.reason)).toEqual([`a location longer than ${MAX_LOCATION_LENGTH} characters`]);
    // A deadline already past: nothing is read, and the caller is told.
    const late = parseSitemap(urlset(["https://a.example/1", "https://a.example/2"]), { deadline: Date.now() - 1 })!;
    expect(late).toMatchObject({ locations: [], timedOut: true });
    expect(
      parseSitemap(urlset(["https://a.example/1", "https://a.example/2"]), { deadline: Date.now() + 60_000 })!
        .locations,
    ).toHaveLength(2);
  }, 60_000);

  it("a harvest of a 5 MiB sitemap of unclosed tags ends, with the sitemap read and nothing invented", async () => {
    const unit = `<url><loc>${site.origin}/a.html`;
    site.route("/unclosed.xml", {
      type: "application/xml",
      body: `<?xml version="1.0"?><urlset>${unit.repeat(Math.ceil((5 * 1024 * 1024) / unit.length))}`,
    });
    const result = await harvest([`${site.origin}/unclosed.xml`], { policy: { ...OPEN, maxBytes: 6 * 1024 * 1024 } });
    expect(result.sitemaps).toBe(1);
    expect(result.failures).toEqual([]);
    expect(result.pages).toEqual([]);
  }, 60_000);
});

describe("gzipped sitemaps", () => {
  it("reads .xml.gz served as application/gzip, as application/x-gzip, and a sitemap sent with Content-Encoding: gzip", async () => {
    site.route("/sitemap.xml.gz", { type: "application/gzip", body: gzipSync(urlset([`${site.origin}/a.html`])) });
    site.route("/other.gz", {
      type: "application/x-gzip",
      body: gzipSync(
        `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${site.origin}/encoded.xml</loc></sitemap></sitemapindex>`,
      ),
    });
    site.route("/encoded.xml", {
      type: "application/xml",
      headers: { "content-encoding": "gzip" },
      body: gzipSync(urlset([`${site.origin}/b.html`])),
    });
    const result = await harvest([`${site.origin}/sitemap.xml.gz`, `${site.origin}/other.gz`], { policy: OPEN });
    expect(result.failures).toEqual([]);
    expect(result.sitemaps).toBe(3);
    expect(result.pages.map((p) => p.url.slice(site.origin.length))).toEqual(["/a.html", "/b.html"]);
  });

  it("a gzip body that inflates past --max-bytes fails as too-large", async () => {
    site.route("/bomb.xml.gz", { type: "application/gzip", body: gzipSync(Buffer.alloc(8 * 1024 * 1024, " ")) });
    const result = await harvest([`${site.origin}/bomb.xml.gz`], { policy: { ...OPEN, maxBytes: 1024 * 1024 } });
    expect(result.failures.map((f) => f.code)).toEqual(["too-large"]);
  });
});

describe("429 and 503 retried", () => {
  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-12-02T12:00:00Z");
    expect(retryAfterMs("3", now)).toBe(3000);
    expect(retryAfterMs("Wed, 02 Dec 2026 12:00:02 GMT", now)).toBe(2000);
    expect(retryAfterMs("Wed, 02 Dec 2026 11:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it("retries a 429 and a 503 after their Retry-After, then reads the page", async () => {
    const ok = { type: "text/html", body: page("R", [EVENT("https://v.example/e/r")]) };
    site.route("/busy.html", {
      sequence: [
        { status: 429, headers: { "retry-after": "1" } },
        { status: 503, headers: { "retry-after": new Date(Date.now() + 500).toUTCString() } },
        ok,
      ],
    });
    const t = Date.now();
    const result = await harvest([`${site.origin}/busy.html`], { policy: { ...OPEN, robots: false } });
    console.log(`[guard] 429 then 503 then 200 in ${Date.now() - t} ms`);
    expect(result.failures).toEqual([]);
    expect(result.entities.Event).toBe(1);
    expect(site.requests.filter((p) => p === "/busy.html")).toHaveLength(3);
  });

  it("gives up after maxRetries, and at once when Retry-After would end past the timeout", async () => {
    site.route("/always-503.html", { status: 503, headers: { "retry-after": "0" } });
    site.route("/later.html", { status: 429, headers: { "retry-after": "3600" } });
    const result = await harvest([`${site.origin}/always-503.html`, `${site.origin}/later.html`], {
      policy: { ...OPEN, robots: false, maxRetries: 2, timeoutMs: 3000 },
    });
    expect(result.failures.map((f) => [f.url.slice(site.origin.length), f.code, f.status])).toEqual([
      ["/always-503.html", "http-status", 503],
      ["/later.html", "http-status", 429],
    ]);
    expect(result.failures[0]!.message).toMatch(/after 2 retries/);
    expect(result.failures[1]!.message).toMatch(/3600 s it asks \(Retry-After\).*timeout/);
    expect(site.requests.filter((p) => p === "/always-503.html")).toHaveLength(3);
    expect(site.requests.filter((p) => p === "/later.html")).toHaveLength(1);
  });
});
