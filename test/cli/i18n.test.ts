// The message catalogue (src/i18n.ts), the language of HTTP problem documents (Accept-Language), the one
// `--lang` flag of every command, "did you mean" for unknown options, and `vivant serve`'s start-up errors.
import { createServer, type Server } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { startServe } from "../../src/cli/serve.js";
import { CATALOGUE, langOf, t, tx } from "../../src/i18n.js";
import { VivantServer } from "../../src/server/index.js";
import { runCli } from "../helpers/cli.js";

function sink(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  return {
    stream: new Writable({
      write(c, _e, done) {
        chunks.push(Buffer.from(c));
        done();
      },
    }),
    text: () => Buffer.concat(chunks).toString("utf8"),
  };
}

async function run(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stderr: string; stdout: string }> {
  const out = sink();
  const err = sink();
  const code = await main(argv, { stdout: out.stream, stderr: err.stream, cwd: process.cwd(), isTTY: false, env });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe("the message catalogue", () => {
  it("fills placeholders in either language and keeps every entry in both", () => {
    expect(t("http/too-large", { limit: 10 }, "fr")).toBe("le corps de la requête dépasse 10 octets");
    expect(tx("http/too-large", { limit: 10 })).toEqual({
      en: "the request body is larger than 10 bytes",
      fr: "le corps de la requête dépasse 10 octets",
    });
    for (const [key, text] of Object.entries(CATALOGUE)) {
      expect(text.en.trim(), key).not.toBe("");
      expect(text.fr.trim(), key).not.toBe("");
      // The same placeholders on both sides.
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(text.fr), key).toEqual(names(text.en));
    }
  });

  it("reads Accept-Language with its q-values and regional tags", () => {
    expect(langOf("fr-CA,fr;q=0.9,en;q=0.5")).toBe("fr");
    expect(langOf("fr")).toBe("fr");
    expect(langOf("en-US,en;q=0.9,fr;q=0.8")).toBe("en");
    expect(langOf("de, fr;q=0.5")).toBe("fr");
    expect(langOf("de")).toBe("en");
    expect(langOf("*")).toBe("en");
    expect(langOf(undefined)).toBe("en");
    expect(langOf("fr;q=0, en")).toBe("en");
  });
});

describe("problem documents honour Accept-Language", () => {
  let server: VivantServer;
  beforeAll(async () => {
    server = await VivantServer.start({ port: 0, workers: 1, maxBodyBytes: 64 });
  }, 60_000);
  afterAll(async () => server?.close());

  it("answers a 404 in French when French is preferred, in English otherwise", async () => {
    const fr = await fetch(new URL("nowhere", server.url), {
      headers: { "accept-language": "fr-FR,fr;q=0.9,en;q=0.5" },
    });
    const frBody = (await fr.json()) as Record<string, unknown>;
    expect(fr.status).toBe(404);
    expect(fr.headers.get("content-language")).toBe("fr");
    expect(frBody).toMatchObject({
      title: "Introuvable",
      detail: "rien à l'adresse /nowhere",
      hint: "GET / liste ce que ce serveur propose",
      code: "request/not-found",
    });
    const en = await fetch(new URL("nowhere", server.url));
    expect(await en.json()).toMatchObject({ title: "Not Found", detail: "nothing at /nowhere" });
  });

  it("answers a 413 in French", async () => {
    const r = await fetch(new URL("sparql", server.url), {
      method: "POST",
      headers: { "content-type": "application/sparql-query", "accept-language": "fr" },
      body: "SELECT * WHERE { ?s ?p ?o } # ".padEnd(200, "x"),
    });
    expect(r.status).toBe(413);
    expect(await r.json()).toMatchObject({
      title: "Contenu trop volumineux",
      detail: "le corps de la requête dépasse 64 octets",
    });
  });
});

describe("options", () => {
  it("says which option is unknown and what was meant, in the --lang language", async () => {
    const en = await runCli(["validate", "x.json", "--profil", "core"]);
    expect(en.code).toBe(2);
    expect(en.stderr).toBe(
      "vivant validate: unknown option --profil (did you mean --profile? See vivant validate --help)\n",
    );
    const fr = await runCli(["validate", "x.json", "--profil", "core", "--lang", "fr"]);
    expect(fr.stderr).toBe(
      "vivant validate: option inconnue --profil (vouliez-vous dire --profile ? Voir vivant validate --help)\n",
    );
    const old = await runCli(["load", "x.json", "--publisherr", "a", "--messages", "fr"]);
    expect(old.stderr).toContain("option inconnue --publisherr (vouliez-vous dire --publisher ?");
    const none = await runCli(["map", "x.json", "--zzzzzz"]);
    expect(none.stderr).toBe("vivant map: unknown option --zzzzzz (see vivant map --help for the options)\n");
    expect(none.stderr).not.toMatch(/To specify a positional argument/);
  });

  it("says an option lacks its value, and that --lang is for messages in map and import", async () => {
    const r = await runCli(["map", "x.json", "--format"]);
    expect(r.stderr).toContain("option --format needs a value");
    const m = await runCli(["map", "x.json", "--lang", "fr-CA"]);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain("use --page-lang fr-CA");
    const i = await runCli(["import", "artsdata", "x.json", "--lang", "und"]);
    expect(i.stderr).toContain("use --default-lang und");
  });

  it("suggests the command meant", async () => {
    const r = await runCli(["valdate", "x.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe('vivant: unknown command "valdate" (did you mean vivant validate?)');
  });
});

describe("vivant serve start-up errors", () => {
  let busy: Server;
  let port: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((r) => busy.listen(0, "127.0.0.1", r));
    port = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => busy.close(() => r())));

  it("a busy port is one clear line in English or French, no stack trace", async () => {
    const en = await run(["serve", "--port", String(port), "--workers", "1"]);
    expect(en.code).toBe(2);
    expect(en.stderr).toBe(
      `vivant serve: port ${port} on 127.0.0.1 is already in use (stop the other server, or choose another port: --port N or PORT=N (0 picks a free one))\n`,
    );
    const fr = await run(["serve", "--port", String(port), "--workers", "1", "--lang", "fr"]);
    expect(fr.stderr).toMatch(
      new RegExp(`^vivant serve: le port ${port} de 127\\.0\\.0\\.1 est déjà pris \\(.*\\)\\n$`),
    );
  }, 60_000);

  it("honours PORT (here the busy one) when --port is not given", async () => {
    const r = await run(["serve", "--workers", "1"], { PORT: String(port) });
    expect(r.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    const bad = await run(["serve"], { PORT: "http" });
    expect(bad.stderr).toBe(
      'vivant serve: PORT "http" is not a port number (0 to 65535) (e.g. PORT=8080, or --port 8080)\n',
    );
  }, 60_000);

  it("a bad --host is one clear line", async () => {
    const syntax = await run(["serve", "--host", "local host"]);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toBe(
      'vivant serve: --host "local host" is not an IP address or a host name (give an address of this machine: --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every interface))\n',
    );
    // 192.0.2.1 (TEST-NET-1, RFC 5737) is no address of this machine: listening fails without any lookup.
    const foreign = await run(["serve", "--host", "192.0.2.1", "--port", "0", "--workers", "1", "--lang", "fr"]);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(
      /^vivant serve: impossible d'écouter sur l'hôte « 192\.0\.2\.1 » : EADDRNOTAVAIL \(donnez une adresse/,
    );
    expect(foreign.stderr.split("\n").length).toBe(2);
  }, 60_000);

  it("listens on PORT=0 and not on Fuseki's 3030 by default", async () => {
    const io = { stdout: sink().stream, stderr: sink().stream, cwd: process.cwd(), isTTY: false, env: { PORT: "0" } };
    const server = await startServe(["--workers", "1"], io);
    try {
      expect(new URL(server.url).port).not.toBe("3030");
      expect(Number(new URL(server.url).port)).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
    const { DEFAULT_PORT } = await import("../../src/server/app.js");
    expect(DEFAULT_PORT).not.toBe(3030);
  }, 60_000);
});
