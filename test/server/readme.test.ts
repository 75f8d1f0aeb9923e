// The README's curl examples ("The SPARQL server") run as written against the demo season: each question answers
// 200 with something in it, and the publisher's write with its token is accepted.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { validateRecords } from "../../src/validate/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VivantServer } from "../../src/server/index.js";
import { demoServer } from "./helpers.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The package's entry points (package.json "exports") as the sources they are built from: `vivant-ld/store` → src/api/store.ts. */
const ENTRY_SOURCES: Record<string, string[]> = Object.fromEntries(
  Object.entries(
    (
      JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
        exports: Record<string, string | { import: string }>;
      }
    ).exports,
  ).flatMap(([key, target]) =>
    typeof target === "string"
      ? []
      : [
          [
            key === "." ? "vivant-ld" : `vivant-ld/${key.slice(2)}`,
            [target.import.replace(/^\.\/dist\//, "").replace(/\.js$/, ".ts")],
          ],
        ],
  ),
);
const README = readFileSync(`${ROOT}README.md`, "utf8");

/** Splits shell text into commands of words: quotes ('…', "…"), backslash-newline continuations, # comments. */
function shellCommands(text: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      word = (word ?? "") + text.slice(i + 1, end);
      i = end;
    } else if (c === "\\" && text[i + 1] === "\n") {
      i++;
    } else if (c === "#" && word === undefined) {
      i = text.indexOf("\n", i) - 1;
      if (i < 0) break;
    } else if (c === " " || c === "\t" || c === "\n") {
      if (word !== undefined) words.push(word);
      word = undefined;
      if (c === "\n" && words.length) {
        commands.push(words);
        words = [];
      }
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== undefined) words.push(word);
  if (words.length) commands.push(words);
  return commands;
}

interface Curl {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly form: boolean;
}

/** The curl commands of the server section's shell block, with $E and $TOKEN substituted. */
function readmeCurls(base: string, token: string): Curl[] {
  const section = README.slice(README.indexOf("<!-- section:server -->"), README.indexOf("<!-- /section:server -->"));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => b.includes("curl "));
  const out: Curl[] = [];
  for (const block of blocks) {
    for (const words of shellCommands(block)) {
      if (words[0] !== "curl") continue;
      const sub = (s: string): string => s.replaceAll("$E", base).replaceAll("$TOKEN", token);
      const headers: Record<string, string> = {};
      let method = "GET";
      let url = "";
      let body: string | undefined;
      let form = false;
      for (let i = 1; i < words.length; i++) {
        const w = words[i]!;
        if (w === "-H") {
          const [k, ...v] = sub(words[++i]!).split(":");
          headers[k!.trim().toLowerCase()] = v.join(":").trim();
        } else if (w === "-X") method = words[++i]!;
        else if (w === "--data-urlencode") {
          const [k, ...v] = words[++i]!.split("=");
          body = `${body ? `${body}&` : ""}${k}=${encodeURIComponent(v.join("="))}`;
          form = true;
          if (method === "GET") method = "POST";
        } else if (w === "--data-binary") {
          const v = words[++i]!;
          body = v.startsWith("@") ? readFileSync(`${ROOT}${v.slice(1)}`, "utf8") : v;
          if (method === "GET") method = "POST";
        } else if (w.startsWith("-")) throw new Error(`the README's curl uses ${w}, which this test does not read`);
        else url = sub(w);
      }
      out.push({ url, method, headers, ...(body !== undefined ? { body } : {}), form });
    }
  }
  return out;
}

let server: VivantServer;
let token: string;
beforeAll(async () => {
  ({ server, token } = await demoServer());
});
afterAll(() => server?.close());

describe("the README's curl examples", () => {
  it("has the five questions (API and SPARQL) and the publisher's write", () => {
    const curls = readmeCurls("http://e", "t");
    expect(curls.filter((c) => c.url.startsWith("http://e/api/")).length).toBeGreaterThanOrEqual(5);
    expect(curls.filter((c) => c.url === "http://e/sparql").length).toBeGreaterThanOrEqual(1);
    expect(curls.filter((c) => c.method === "PUT" && c.url.startsWith("http://e/graph-store?graph=")).length).toBe(1);
  });

  it("answers each question with 200 and a non-empty result, and accepts the write (204)", async () => {
    const base = server.url.replace(/\/$/, "");
    for (const c of readmeCurls(base, token)) {
      const headers = { ...c.headers, ...(c.form ? { "content-type": "application/x-www-form-urlencoded" } : {}) };
      const res = await fetch(c.url, { method: c.method, headers, ...(c.body !== undefined ? { body: c.body } : {}) });
      const text = await res.text();
      const what = `${c.method} ${c.url}`;
      if (c.method === "PUT") {
        expect(res.status, `${what}: ${text}`).toBe(204);
        continue;
      }
      if (c.url.endsWith("/duplicates/confirm")) {
        // A sameAs added to the demo publisher's own venue.
        expect(res.status, `${what}: ${text}`).toBe(201);
        continue;
      }
      expect(res.status, `${what}: ${text}`).toBe(200);
      if (c.url.includes("/api/performances.ics")) {
        expect(text.split("BEGIN:VEVENT").length - 1, what).toBeGreaterThan(0);
      } else if (c.url.includes("/api/performances")) {
        expect((JSON.parse(text) as { "@graph": unknown[] })["@graph"].length, what).toBeGreaterThan(0);
      } else if (c.url.includes("/reconcile")) {
        // Manifest, match (1.0 results, 0.2 keys), suggest, extend: each has something in it.
        const j = JSON.parse(text) as {
          versions?: unknown;
          results?: { candidates: unknown[] }[];
          q0?: { result: unknown[] };
          result?: unknown[];
          rows?: { properties: { values: unknown[] }[] }[];
        };
        const filled =
          j.versions !== undefined ||
          (j.results?.every((r) => r.candidates.length > 0) ?? false) ||
          (j.q0?.result.length ?? 0) > 0 ||
          (j.result?.length ?? 0) > 0 ||
          (j.rows?.[0]?.properties.every((p) => p.values.length > 0) ?? false);
        expect(filled, `${what}: ${text}`).toBe(true);
      } else if (c.url.includes("/api/stats")) {
        const stats = JSON.parse(text) as Record<string, unknown[]>;
        for (const k of ["byMonth", "byRegion", "byDiscipline", "cube"])
          expect(stats[k]!.length, `${what} ${k}`).toBeGreaterThan(0);
      } else {
        // CSV results: a header line and at least one row.
        expect(text.trim().split(/\r?\n/).length, what).toBeGreaterThan(1);
      }
    }
  });
});

/** The code blocks of one language in the README. */
function blocks(lang: string): string[] {
  return [...README.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!);
}

/** The README's record example: the first JSON block of "The record model". */
export function recordExample(): unknown {
  const section = README.slice(README.indexOf("## The record model"));
  return JSON.parse(/```json\n([\s\S]*?)```/.exec(section)![1]!);
}

describe("the README's commands and examples", () => {
  // Options whose value is a file the command writes (or a directory it creates), not one it reads.
  const OUTPUTS = new Set(["-o", "--output", "--report", "--data"]);
  const looksLikeFile = (w: string): boolean =>
    !/^(https?:|-|\$)/.test(w) && (/\.(json|jsonld|ttl|nt|nq|trig|csv|xml|html)$/.test(w) || w.endsWith("/"));

  it("names only files that exist in the repository in every vivant command", () => {
    const commands = blocks("sh")
      .flatMap((b) => shellCommands(b))
      .map((w) => (/^[A-Z_]+=/.test(w[0] ?? "") ? w.slice(1) : w))
      .filter((w) => w[0] === "vivant");
    expect(commands.length).toBeGreaterThan(15);
    const missing: string[] = [];
    let checked = 0;
    for (const words of commands) {
      for (let i = 1; i < words.length; i++) {
        const w = words[i]!;
        if (OUTPUTS.has(w)) {
          i++;
          continue;
        }
        if (!looksLikeFile(w)) continue;
        checked++;
        if (!existsSync(join(ROOT, w))) missing.push(`${words.join(" ")}: ${w}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(15);
  });

  it("has a record example that passes the core and artsdata profiles it advertises", async () => {
    for (const profile of ["core", "artsdata"] as const) {
      const { map, report } = await validateRecords(recordExample(), profile);
      expect(map.rejected, profile).toEqual([]);
      expect(
        report.issues.filter((i) => i.severity === "violation").map((i) => `${i.code} ${i.focusNode}`),
        profile,
      ).toEqual([]);
      expect(report.conforms, profile).toBe(true);
    }
  }, 120_000);

  it("has TypeScript blocks that each compile as written (against the package's own entry point)", () => {
    const sources = blocks("ts");
    expect(sources.length).toBeGreaterThanOrEqual(3);
    const dir = mkdtempSync(join(tmpdir(), "vivant-readme-ts-"));
    try {
      const files = sources.map((code, i) => {
        const f = join(dir, `block${i + 1}.ts`);
        writeFileSync(f, code);
        return f;
      });
      writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
      const program = ts.createProgram(files, {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ["node"],
        typeRoots: [join(ROOT, "node_modules/@types")],
        // The package name resolves to the sources here; test/package/pack.test.ts does the same from the packed tarball.
        baseUrl: ROOT,
        paths: ENTRY_SOURCES,
      });
      const diagnostics = ts
        .getPreEmitDiagnostics(program)
        .filter((d) => d.file === undefined || files.includes(d.file.fileName));
      const text = diagnostics.map(
        (d) =>
          `${d.file ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : ""} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
      );
      expect(text).toEqual([]);
      // Every block imports the package by its published name, from its root or one of its entry points.
      for (const code of sources) expect(code).toMatch(/from "vivant-ld(?:\/[a-z]+)?"/);
      for (const [, name] of sources.join("\n").matchAll(/from "(vivant-ld[^"]*)"/g))
        expect(Object.keys(ENTRY_SOURCES), name).toContain(name);
      for (const [name, [source]] of Object.entries(ENTRY_SOURCES))
        expect(existsSync(join(ROOT, source!)), name).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
