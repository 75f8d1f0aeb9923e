#!/usr/bin/env node
// Build step after `tsc` (`npm run build`, `npm start`): puts into dist/src/vendor/ the parts of two
// devDependencies that the published package runs, so that a user's install does not pull in what Vivant
// never runs.
//
// - shacl-engine: the files its Validator.js reaches through relative imports (SHACL Core), with its licence.
//   Not its sparql.js nor lib/validations/sparql.js: those load the Comunica SPARQL engine (some 470 packages)
//   for SHACL-SPARQL, which no profile uses. dist/src/validate/shacl-core.js is then pointed at the copy. Every
//   package the copied files import must be one of Vivant's own dependencies: the build fails otherwise.
// - @zazuko/yasgui: the query editor's built browser bundle and stylesheet (self-contained files served at
//   /assets/yasgui.min.*), with its licence; the package's own dependencies are only needed to build them.
//
// The copies are files of the versions package-lock.json pins; nothing is edited but one import specifier.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const vendor = join(root, "dist", "src", "vendor");
const require = createRequire(join(root, "package.json"));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

/** The folder of an installed package (found through its package.json, so `exports` do not hide it). */
function packageDir(name) {
  return dirname(require.resolve(`${name}/package.json`));
}

/** The first licence file of a package folder (required unless `required` is false). */
function licenceOf(dir, required = true) {
  for (const f of ["LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "license", "license.md"])
    if (existsSync(join(dir, f))) return f;
  if (required) throw new Error(`vendor: no licence file in ${dir}`);
  return undefined;
}

const IMPORT =
  /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** The specifiers a JavaScript module imports (static, re-export, bare and dynamic with a string literal). */
export function importsOf(source) {
  return [...source.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** The package name of a bare specifier (`@scope/name/x.js` → `@scope/name`). */
function packageName(spec) {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * Copies `entry` of package `name` and every file it reaches through relative imports into `out`; returns the
 * copied paths (relative to the package) and the packages they import.
 */
export function copyModuleGraph(name, entry, out) {
  const dir = packageDir(name);
  const seen = new Set();
  const packages = new Set();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(join(dir, file), "utf8");
    for (const spec of importsOf(source)) {
      if (spec.startsWith(".")) queue.push(relative(dir, join(dir, dirname(file), spec)));
      else if (!spec.startsWith("node:")) packages.add(packageName(spec));
    }
    mkdirSync(dirname(join(out, file)), { recursive: true });
    copyFileSync(join(dir, file), join(out, file));
  }
  const licence = licenceOf(dir);
  copyFileSync(join(dir, licence), join(out, licence));
  return { files: [...seen].sort(), packages: [...packages].sort() };
}

function vendorShaclEngine() {
  const out = join(vendor, "shacl-engine");
  rmSync(out, { recursive: true, force: true });
  const { files, packages } = copyModuleGraph("shacl-engine", "Validator.js", out);
  const sparql = files.filter((f) => /sparql/i.test(f));
  if (sparql.length > 0)
    throw new Error(`vendor: shacl-engine's Validator.js now reaches its SPARQL part (${sparql.join(", ")})`);
  const missing = packages.filter((p) => !(p in (pkg.dependencies ?? {})));
  if (missing.length > 0) {
    throw new Error(
      `vendor: shacl-engine's core imports ${missing.join(", ")}, which package.json's dependencies lack: npm install --save ${missing.join(" ")}`,
    );
  }
  const version = JSON.parse(readFileSync(join(packageDir("shacl-engine"), "package.json"), "utf8")).version;
  writeFileSync(
    join(out, "VENDORED.md"),
    `shacl-engine ${version} (MIT, see LICENSE.md): the files its Validator.js reaches, copied unchanged by Vivant's build (scripts/vendor.mjs), without its SHACL-SPARQL part.\n`,
  );
  // Point the build's shacl-core module at the copy.
  for (const [file, from, to] of [
    ["shacl-core.js", '"shacl-engine/Validator.js"', '"../vendor/shacl-engine/Validator.js"'],
    ["shacl-core.d.ts", '"shacl-engine/Validator.js"', '"../vendor/shacl-engine/Validator.js"'],
  ]) {
    const path = join(root, "dist", "src", "validate", file);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, "utf8");
    if (text.includes(to)) continue;
    if (!text.includes(from)) throw new Error(`vendor: ${relative(root, path)} does not import ${from}`);
    writeFileSync(path, text.replace(from, to));
  }
  // The declaration file of the copy: the hand-written types of src/validate/shacl-engine.d.ts.
  const types = readFileSync(join(root, "src", "validate", "shacl-engine.d.ts"), "utf8");
  const body = /declare module "shacl-engine\/Validator\.js" \{\n([\s\S]*)\n\}\s*$/.exec(types);
  if (!body) throw new Error("vendor: src/validate/shacl-engine.d.ts does not declare shacl-engine/Validator.js");
  writeFileSync(join(out, "Validator.d.ts"), `${body[1].replace(/^ {2}/gm, "")}\n`);
  return { files, packages, version };
}

function vendorYasgui() {
  const out = join(vendor, "yasgui");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const dir = packageDir("@zazuko/yasgui");
  for (const f of ["yasgui.min.js", "yasgui.min.css"]) copyFileSync(join(dir, "build", f), join(out, f));
  const meta = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  // The package ships no licence file: its package.json's licence, author and home page say whose it is.
  const licence = licenceOf(dir, false);
  if (licence) copyFileSync(join(dir, licence), join(out, "LICENSE"));
  const version = meta.version;
  const credits = [meta.author, ...(meta.contributors ?? []).map((c) => c.name ?? c)].filter(Boolean).join(", ");
  writeFileSync(
    join(out, "VENDORED.md"),
    `@zazuko/yasgui ${version} (licence: ${meta.license}; ${credits}; ${meta.homepage}): its built yasgui.min.js and yasgui.min.css, copied unchanged by Vivant's build (scripts/vendor.mjs).\n`,
  );
  return { version };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(join(root, "dist", "src")))
    throw new Error("vendor: dist/src is missing: run tsc -p tsconfig.build.json first");
  const shacl = vendorShaclEngine();
  const yasgui = vendorYasgui();
  if (!process.argv.includes("--silent")) {
    console.log(
      `vendor: shacl-engine ${shacl.version}, ${shacl.files.length} files (imports ${shacl.packages.join(", ")}); @zazuko/yasgui ${yasgui.version}`,
    );
  }
}
