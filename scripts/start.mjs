#!/usr/bin/env node
// `npm start`: `vivant serve --demo` from dist/, built first only when dist/ is missing or older than the
// sources (a fresh clone after `npm ci` builds once; later starts take no build time).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "dist", "src", "cli", "main.js");

/** The newest modification time of the files under `dir` (ms). */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function needsBuild() {
  if (!existsSync(entry)) return true;
  const sources = Math.max(
    newest(join(root, "src")),
    ...["tsconfig.json", "tsconfig.build.json"].map((f) => statSync(join(root, f)).mtimeMs),
  );
  return sources > statSync(entry).mtimeMs;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (needsBuild()) {
    let tsc;
    try {
      tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
    } catch {
      process.stderr.write(
        "npm start: dist/ is missing or older than src/ and TypeScript is not installed: run npm ci (or npm install) first\n",
      );
      process.exit(2);
    }
    process.stderr.write("building dist/ (the sources changed since the last build)…\n");
    const built = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
      stdio: "inherit",
      cwd: root,
    });
    if (built.status !== 0) process.exit(built.status ?? 2);
    // The rest of `npm run build`: the vendored parts of shacl-engine and YASGUI (scripts/vendor.mjs).
    const vendored = spawnSync(process.execPath, [join(root, "scripts", "vendor.mjs"), "--silent"], {
      stdio: "inherit",
      cwd: root,
    });
    if (vendored.status !== 0) process.exit(vendored.status ?? 2);
  }
  const child = spawn(process.execPath, [entry, "serve", "--demo", ...process.argv.slice(2)], {
    stdio: "inherit",
    cwd: process.cwd(),
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
