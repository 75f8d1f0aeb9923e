// Development only: module hooks that strip types from .ts files with the TypeScript compiler (a dev dependency).
// Output is cached on disk by content hash, so the many worker threads and child processes of a test run
// transpile each file once and load the compiler only on a cache miss.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { threadId } from "node:worker_threads";

const cacheDir = join(tmpdir(), "vivant-ts-cache");
try {
  mkdirSync(cacheDir, { recursive: true });
} catch {
  // no cache: every load transpiles
}
let ts;

/** `./x.js` imported from a .ts file resolves to `./x.ts` when only the source exists. */
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    if (e?.code === "ERR_MODULE_NOT_FOUND" && specifier.endsWith(".js") && context.parentURL?.endsWith(".ts")) {
      return next(`${specifier.slice(0, -3)}.ts`, context);
    }
    throw e;
  }
}

export async function load(url, context, next) {
  if (!url.startsWith("file:") || !url.endsWith(".ts")) return next(url, context);
  const fileName = fileURLToPath(url);
  const source = await readFile(fileName, "utf8");
  const cached = join(cacheDir, `${createHash("sha1").update(fileName).update("\0").update(source).digest("hex")}.js`);
  try {
    return { format: "module", source: readFileSync(cached, "utf8"), shortCircuit: true };
  } catch {
    // not cached yet
  }
  ts ??= (await import("typescript")).default;
  const { outputText } = ts.transpileModule(source, {
    fileName,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      inlineSourceMap: true,
      inlineSources: true,
    },
  });
  // Threads of one process share a pid: the temp name must be unique per thread and call. Losing a race
  // (or a read-only temp dir) only costs a later cache miss, never the load.
  const temp = `${cached}.${process.pid}.${threadId}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(temp, outputText);
    renameSync(temp, cached);
  } catch {
    rmSync(temp, { force: true });
  }
  return { format: "module", source: outputText, shortCircuit: true };
}
