// The pages' security headers and the publisher's token: every page answers with a Content-Security-Policy whose
// scripts are the server's own files at most (no 'unsafe-inline', no 'unsafe-eval'; inline styles on the query
// editor alone), and a whole publishing session (a wrong token, sign-in, check, confirm, sign-out) never writes the token
// in the server's log, in a page, in a header or in a redirect.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenTable, type VivantServer } from "../../src/server/index.js";
import { call, DEMO_TEXT, demoServer } from "../server/helpers.js";

let server: VivantServer;
let token: string;
const logged: string[] = [];

beforeAll(async () => {
  ({ server, token } = await demoServer({ tokens: new TokenTable(), log: (line) => logged.push(line) }));
}, 120_000);
afterAll(() => server?.close());

/** The directives of a Content-Security-Policy header, by name. */
function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe("Content-Security-Policy", () => {
  const pages = [
    "",
    "?ui=en&city=Nantes",
    "stats",
    "query",
    `sparql?query=${encodeURIComponent("ASK {}")}`,
    "check",
    "publish",
    "duplicates?ui=fr",
    "duplicates?ui=en&family=venue&min=90",
    `publish/same-as?entity=${encodeURIComponent("https://data.reseau-scenes.example/venue/grand-quai-nantes")}&sameAs=Q90`,
    `resource?iri=${encodeURIComponent("https://data.reseau-scenes.example/venue/grand-quai-nantes")}`,
    "resource?iri=https%3A%2F%2Fnowhere.example%2Fx",
  ];

  it("lets every page run the server's own scripts only, and inline styles on the query editor only", async () => {
    for (const path of pages) {
      const a = await call(server.url, path, { headers: { accept: "text/html" } });
      expect(a.type, path).toMatch(/^text\/html/);
      const csp = directives(a.headers.get("content-security-policy") ?? "");
      // A page without script-src (publishing: no script at all) falls back to default-src 'none'.
      expect([["'self'"], undefined], path).toContainEqual(csp["script-src"]);
      expect(csp["default-src"], path).toEqual(["'none'"]);
      expect(csp["form-action"], path).toEqual(["'self'"]);
      expect(csp["frame-ancestors"], path).toEqual(["'none'"]);
      const editor = path.startsWith("query") || path.startsWith("sparql");
      expect(csp["style-src"], path).toEqual(editor ? ["'self'", "'unsafe-inline'"] : ["'self'"]);
      expect(a.headers.get("x-content-type-options"), path).toBe("nosniff");
      // No inline script but data blocks (JSON-LD, the editor's configuration), which a CSP does not run.
      const inline = [...a.text.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]!.trim());
      for (const attrs of inline) expect(attrs, path).toMatch(/^type="application\/(ld\+)?json"/);
    }
  });
});

describe("the publisher's token", () => {
  it("is never in the log, a page, a header or a redirect during a whole publishing session", async () => {
    const seen: string[] = [];
    const keep = async (res: Response): Promise<string> => {
      const text = await res.text();
      seen.push(
        text,
        res.headers.get("location") ?? "",
        res.headers.get("set-cookie") ?? "",
        ...[...res.headers.values()],
      );
      return text;
    };
    const wrong = await fetch(new URL("publish/sign-in", server.url), {
      method: "POST",
      body: new URLSearchParams({ token: `${token}x`, ui: "fr" }),
      redirect: "manual",
    });
    await keep(wrong);
    const signIn = await fetch(new URL("publish/sign-in", server.url), {
      method: "POST",
      body: new URLSearchParams({ token, ui: "fr" }),
      redirect: "manual",
    });
    await keep(signIn);
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    const page = await keep(await fetch(new URL("publish?ui=fr", server.url), { headers: { cookie } }));
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const form = new FormData();
    form.set("csrf", csrf);
    form.set("ui", "fr");
    form.set("file", new Blob([DEMO_TEXT], { type: "application/json" }), "season.json");
    const report = await keep(
      await fetch(new URL("publish/check", server.url), { method: "POST", body: form, headers: { cookie } }),
    );
    const confirm = new FormData();
    confirm.set("csrf", csrf);
    confirm.set("ui", "fr");
    confirm.set("pending", /name="pending" value="([^"]+)"/.exec(report)![1]!);
    const done = await fetch(new URL("publish/confirm", server.url), {
      method: "POST",
      body: confirm,
      headers: { cookie },
    });
    expect(await keep(done)).toContain("Publié");
    await keep(
      await fetch(new URL("publish/sign-out", server.url), {
        method: "POST",
        body: new URLSearchParams({ csrf, ui: "fr" }),
        headers: { cookie },
        redirect: "manual",
      }),
    );
    await keep(await fetch(new URL("publish?ui=fr", server.url), { headers: { cookie } }));

    expect(seen.length).toBeGreaterThan(10);
    expect(seen.filter((s) => s.includes(token))).toEqual([]);
    expect(logged.filter((l) => l.includes(token))).toEqual([]);
    // The session cookie is not the token either.
    expect(cookie).not.toContain(token);
  });
});
