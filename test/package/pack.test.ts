// The package as a user gets it: `npm pack` (what `npm publish` uploads), installed into an empty folder with
// `npm install` (no dev tools: no TypeScript, no build), its `vivant` command run, its types compiled by a
// consumer project with skipLibCheck: false, and the README's TypeScript examples compiled and run as written.
//
// No network: the consumer's lockfile pins the same dependency versions as this repository's (its non-dev
// entries), so npm installs them from its cache (`--offline`), where `npm ci` put them.
import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const PKG = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

// npm's own variables (set when this runs under `npm test`) must not leak into the nested npm calls.
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
const sh = (cmd: string, args: string[], cwd: string, timeout = 300_000) =>
  run(cmd, args, { cwd, env: ENV, timeout, maxBuffer: 64 * 2 ** 20 });

let work: string;
let consumer: string;
let tarball: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "vivant-pack-"));
  const t0 = Date.now();
  const { stdout } = await sh("npm", ["pack", "--pack-destination", work, "--silent"], ROOT);
  tarball = join(work, stdout.trim().split("\n").pop()!);
  const t1 = Date.now();
  consumer = join(work, "consumer");
  mkdirSync(consumer);
  const spec = `file:${tarball}`;
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, Record<string, unknown>>;
  };
  const root = lock.packages[""]!;
  const packages: Record<string, unknown> = {
    "": { name: "consumer", dependencies: { [PKG.name]: spec } },
    [`node_modules/${PKG.name}`]: {
      version: PKG.version,
      resolved: spec,
      dependencies: root.dependencies,
      peerDependencies: root.peerDependencies,
      peerDependenciesMeta: root.peerDependenciesMeta,
      bin: root.bin,
      engines: root.engines,
      license: root.license,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages))
    if (path !== "" && !entry.dev && !entry.link) packages[path] = entry;
  writeFileSync(
    join(consumer, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module", dependencies: { [PKG.name]: spec } }, null, 2),
  );
  writeFileSync(
    join(consumer, "package-lock.json"),
    JSON.stringify({ name: "consumer", lockfileVersion: 3, requires: true, packages }, null, 2),
  );
  await sh("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error"], consumer);
  console.log(`[pack test] npm pack ${Date.now() - t0 - (Date.now() - t1)} ms, npm install ${Date.now() - t1} ms`);
}, 600_000);

/** Names of the packages installed under `dir` (nested node_modules included; links, e.g. the test's own @types/node, left out). */
function installedPackages(dir: string): string[] {
  const names: string[] = [];
  if (!existsSync(dir)) return names;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith(".")) continue;
    const scoped = e.name.startsWith("@");
    for (const name of scoped
      ? readdirSync(join(dir, e.name), { withFileTypes: true })
          .filter((s) => s.isDirectory())
          .map((s) => `${e.name}/${s.name}`)
      : [e.name]) {
      if (!existsSync(join(dir, name, "package.json"))) continue;
      names.push(name);
      names.push(...installedPackages(join(dir, name, "node_modules")));
    }
  }
  return names;
}

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe(`the packed ${"package"}`, () => {
  it("is named vivant-ld (npm's `vivant` is another project's) and installs without building", () => {
    expect(PKG.name).toBe("vivant-ld");
    // Nothing runs at install time, so `npm ci --omit=dev` and a user's `npm install` need no TypeScript.
    for (const script of ["prepare", "preinstall", "install", "postinstall"])
      expect(PKG.scripts[script], script).toBeUndefined();
    expect(PKG.scripts.prepack).toBeDefined();
    // Types the published .d.ts files import are dependencies, not dev tools.
    expect(Object.keys(PKG.dependencies)).toEqual(expect.arrayContaining(["@types/n3", "@rdfjs/types"]));
    const installed = join(consumer, "node_modules", PKG.name);
    for (const f of [
      "LICENSE",
      "README.md",
      "CHANGELOG.md",
      "dist/src/index.js",
      "dist/src/index.d.ts",
      "fixtures/demo-season.json",
      "shapes",
    ]) {
      expect(existsSync(join(installed, f)), f).toBe(true);
    }
    expect(readFileSync(join(installed, "LICENSE"), "utf8")).toMatch(/Apache License\s+Version 2\.0/);
    // Each entry point of package.json "exports" (vivant-ld/store, /validate…) is in the package, code and types.
    const exportsMap = (
      JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as {
        exports: Record<string, string | Record<string, string>>;
      }
    ).exports;
    expect(Object.keys(exportsMap).length).toBeGreaterThan(5);
    for (const [key, target] of Object.entries(exportsMap)) {
      for (const f of typeof target === "string" ? [target] : Object.values(target))
        expect(existsSync(join(installed, f)), `${key}: ${f}`).toBe(true);
    }
    // No dev tool came along.
    for (const dev of ["typescript", "vitest", "fast-check"])
      expect(existsSync(join(consumer, "node_modules", dev)), dev).toBe(false);
  });

  it("installs at most 100 packages, without shacl-engine's SPARQL engine (Comunica), YASGUI's build dependencies or the MCP SDK", () => {
    const installed = installedPackages(join(consumer, "node_modules"));
    console.log(`[pack test] production install: ${installed.length} packages`);
    // 551 before shacl-engine's core and YASGUI's built files were vendored at build time (scripts/vendor.mjs),
    // 48 after; 150 since the MCP SDK (@modelcontextprotocol/sdk and its HTTP server stack) and the iCal packages
    // came in; 153 with sparqljs (the remote store's query rewriting: sparqljs and its own rdf-data-factory 1 and
    // @rdfjs/types); 154 with @discoveryjs/json-ext (streaming JSON reading of record files of any size, no
    // dependencies of its own); 55 once the MCP SDK (94 packages with its HTTP server stacks, express and hono)
    // became an optional peer dependency, installed by those who use `vivant mcp` or /mcp. Issue 15 asks for at most
    // 100.
    expect(installed.length).toBeLessThanOrEqual(100);
    expect(installed.filter((name) => /^(@modelcontextprotocol\/|express$|hono$|zod$)/.test(name))).toEqual([]);
    expect(installed.filter((name) => /^(@comunica\/|shacl-engine$|@zazuko\/)/.test(name))).toEqual([]);
    // Each package shacl-engine's core imports is one of Vivant's dependencies (the build checks it too).
    for (const dep of [
      "grapoi",
      "@rdfjs/term-map",
      "@rdfjs/term-set",
      "@rdfjs/to-ntriples",
      "@rdfjs/namespace",
      "lodash",
      "rdf-literal",
      "rdf-validation",
    ]) {
      expect(installed, dep).toContain(dep);
    }
    const vendored = join(consumer, "node_modules", PKG.name, "dist", "src", "vendor");
    for (const f of [
      "shacl-engine/Validator.js",
      "shacl-engine/LICENSE.md",
      "yasgui/yasgui.min.js",
      "yasgui/yasgui.min.css",
    ])
      expect(existsSync(join(vendored, f)), f).toBe(true);
    // Not the SHACL-SPARQL part.
    expect(existsSync(join(vendored, "shacl-engine", "lib", "sparql.js"))).toBe(false);
  });

  it("validates with the vendored shacl-engine and serves the vendored YASGUI files as the package has them", async () => {
    const script = `import { readFileSync } from "node:fs";
import { VivantServer, validateRecords } from "${PKG.name}";
const season = JSON.parse(readFileSync("node_modules/${PKG.name}/fixtures/demo-season.json", "utf8"));
const out = {};
for (const profile of ["core", "google", "artsdata"]) {
  const { report } = await validateRecords(season, profile);
  out[profile] = { conforms: report.conforms, violations: report.violations, warnings: report.warnings, findings: report.issues.map((i) => [i.code, i.focusNode, i.path, i.constraint, i.value].join(" ")).sort() };
}
const server = await VivantServer.start({ port: 0, workers: 1 });
try {
  for (const path of ["/assets/yasgui.min.js", "/assets/yasgui.min.css"]) {
    const res = await fetch(server.url.replace(/\\/?$/, "") + path);
    out[path] = { status: res.status, type: res.headers.get("content-type"), bytes: Buffer.from(await res.arrayBuffer()).toString("base64") };
  }
} finally {
  await server.close();
}
process.stdout.write(JSON.stringify(out));
`;
    writeFileSync(join(consumer, "vendored.mjs"), script);
    const { stdout } = await sh(process.execPath, ["vendored.mjs"], consumer, 300_000);
    const out = JSON.parse(stdout) as Record<
      string,
      {
        conforms?: boolean;
        violations?: number;
        warnings?: number;
        findings?: string[];
        status?: number;
        type?: string;
        bytes?: string;
      }
    >;
    // The same figures as the repository's own engine (shacl-engine as a devDependency) gives for the demo season.
    const { validateRecords } = await import("../../src/validate/index.js");
    const season: unknown = JSON.parse(readFileSync(join(ROOT, "fixtures", "demo-season.json"), "utf8"));
    for (const profile of ["core", "google", "artsdata"] as const) {
      const { report } = await validateRecords(season, profile);
      const findings = report.issues.map((i) => [i.code, i.focusNode, i.path, i.constraint, i.value].join(" ")).sort();
      expect(out[profile], profile).toEqual({
        conforms: report.conforms,
        violations: report.violations,
        warnings: report.warnings,
        findings,
      });
    }
    expect(out.core!.warnings).toBeGreaterThan(0);
    for (const [path, file, type] of [
      ["/assets/yasgui.min.js", "yasgui.min.js", "text/javascript"],
      ["/assets/yasgui.min.css", "yasgui.min.css", "text/css"],
    ] as const) {
      expect(out[path]!.status, path).toBe(200);
      expect(out[path]!.type, path).toContain(type);
      expect(
        Buffer.from(out[path]!.bytes!, "base64").equals(
          readFileSync(join(ROOT, "node_modules", "@zazuko", "yasgui", "build", file)),
        ),
        path,
      ).toBe(true);
    }
  }, 600_000);

  it("gives the vivant command", async () => {
    const bin = join(consumer, "node_modules", ".bin", "vivant");
    const { stdout } = await sh(bin, ["--version"], consumer, 60_000);
    expect(stdout.trim()).toBe(`vivant ${PKG.version} (vivant-ld)`);
    const help = await sh(bin, ["--help"], consumer, 60_000);
    expect(help.stdout).toContain("vivant-ld");
    // Without the optional MCP SDK: `vivant mcp` and /mcp say how to install it, in the user's language.
    for (const [lang, words] of [
      ["en", "npm install @modelcontextprotocol/sdk"],
      ["fr", "installez-le à côté de Vivant : npm install @modelcontextprotocol/sdk"],
    ] as const) {
      const failed = await sh(bin, ["mcp", "--data", consumer, "--lang", lang], consumer, 60_000).then(
        () => undefined,
        (e: { code?: number; stderr?: string }) => e,
      );
      expect(failed?.code).toBe(2);
      expect(failed?.stderr).toContain(words);
    }
    writeFileSync(
      join(consumer, "mcp-route.mjs"),
      `import { VivantServer } from "${PKG.name}/server";
const server = await VivantServer.start({ port: 0 });
const res = await fetch(new URL("mcp", server.url), { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream" }, body: "{}" });
console.log(JSON.stringify({ status: res.status, body: await res.json() }));
await server.close();`,
    );
    const route = JSON.parse((await sh("node", ["mcp-route.mjs"], consumer, 60_000)).stdout) as {
      status: number;
      body: { code: string; detail?: string; title?: string };
    };
    expect(route.status).toBe(501);
    expect(route.body.code).toBe("mcp/sdk-missing");
  }, 120_000);

  it("compiles the README's TypeScript examples against its types (skipLibCheck: false) and runs them as written", async () => {
    const sources = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThanOrEqual(3);
    sources.forEach((code, i) => writeFileSync(join(consumer, `block${i + 1}.ts`), code));
    const section = README.slice(README.indexOf("## The record model"));
    writeFileSync(join(consumer, "season.json"), /```json\n([\s\S]*?)```/.exec(section)![1]!);
    // A consumer on Node has Node's types; TypeScript is the repository's (the consumer's own dev tool).
    mkdirSync(join(consumer, "node_modules", "@types"), { recursive: true });
    if (!existsSync(join(consumer, "node_modules", "@types", "node")))
      symlinkSync(
        join(ROOT, "node_modules", "@types", "node"),
        join(consumer, "node_modules", "@types", "node"),
        "dir",
      );
    if (!existsSync(join(consumer, "node_modules", "undici-types")))
      symlinkSync(join(ROOT, "node_modules", "undici-types"), join(consumer, "node_modules", "undici-types"), "dir");
    writeFileSync(
      join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          skipLibCheck: false,
          types: ["node"],
          outDir: "out",
        },
        include: ["*.ts"],
      }),
    );
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const compiled = await sh(process.execPath, [tsc, "-p", "."], consumer).catch(
      (e: { stdout?: string; message?: string }) => ({ stdout: `FAILED\n${e.stdout ?? e.message ?? "tsc failed"}` }),
    );
    expect(compiled.stdout).toBe("");
    const outputs: string[] = [];
    for (let i = 1; i <= sources.length; i++) {
      const r = await sh(process.execPath, [join("out", `block${i}.js`)], consumer, 120_000);
      outputs.push(r.stdout);
    }
    expect(outputs[0]).toContain("5 mapped, 0 rejected");
    expect(readdirSync(join(consumer, "pages")).sort()).toEqual(["p-1.html"]);
    expect(readFileSync(join(consumer, "pages", "p-1.html"), "utf8")).toMatch(/^<script type="application\/ld\+json">/);
    expect(readFileSync(join(consumer, "season.ttl"), "utf8")).toContain("schema:");
    expect(outputs[1]).toContain("profil artsdata: conforme");
    expect(outputs[2]).toContain("https://data.opera-lyon.example/performance/p-1");
  }, 600_000);
});
