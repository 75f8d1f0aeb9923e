// /dumps/: the index of the server's dumps, each dataset's manifest, and the files themselves (streamed from disk,
// immutable: a version's file never changes, so ETag is its SHA-256 and caches may keep it for a year).

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { tx } from "../i18n.js";
import {
  dumpsDir,
  manifestJsonLd,
  MANIFEST_CONTEXT,
  readManifest,
  readManifests,
  type DumpManifest,
} from "../dataspace/dumps.js";
import { HttpError, sendJson } from "./http-util.js";

export interface DumpsContext {
  readonly dataDir: string;
  /** Makes the dumps of the graphs' current versions (once per version); resolves when they exist. */
  readonly ensure: () => Promise<void>;
  /** Whether the caller may read this manifest's data (a deleted graph's leftovers are never served). */
  readonly readable: (m: DumpManifest) => boolean;
  /** Whether a manifest's files are restricted (then never kept by shared caches). */
  readonly private: (m: DumpManifest) => boolean;
  readonly base: string;
}

const notFound = (path: string): HttpError =>
  new HttpError(404, "dump/not-found", tx("dump/not-found", { path }), { hint: tx("dump/not-found.hint") });

function described(m: DumpManifest, base: string): Record<string, unknown> {
  return {
    ...m,
    manifest: `${base}dumps/${m.id}/manifest.json`,
    files: m.files.map((f) => ({ ...f, url: `${base}${f.path}` })),
    latest: Object.fromEntries(
      ["nq.gz", "ttl"]
        .filter((x) => m.files.some((f) => f.path.endsWith(`.${x}`)))
        .map((x) => [x, `${base}dumps/${m.id}/latest.${x}`]),
    ),
  };
}

/** Answers a request under /dumps; false when the path is not one of its. */
export async function handleDumps(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: DumpsContext,
): Promise<boolean> {
  if (url.pathname !== "/dumps" && !url.pathname.startsWith("/dumps/")) return false;
  if (req.method !== "GET" && req.method !== "HEAD")
    throw new HttpError(405, "request/method", tx("dump/read-only", { method: req.method }), {
      headers: { Allow: "GET, HEAD, OPTIONS" },
    });
  await ctx.ensure();
  const parts = url.pathname.split("/").slice(2);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === "")) {
    const manifests = (await readManifests(ctx.dataDir)).filter(ctx.readable);
    sendJson(
      res,
      200,
      { "@context": MANIFEST_CONTEXT, datasets: manifests.map((m) => described(m, ctx.base)) },
      "application/json",
    );
    return true;
  }
  const [id, name, ...rest] = parts;
  const m = id !== undefined ? await readManifest(ctx.dataDir, id) : undefined;
  if (!m || !ctx.readable(m) || rest.length) throw notFound(url.pathname);
  if (name === undefined || name === "" || name === "manifest.json") {
    sendJson(res, 200, manifestJsonLd(m), "application/ld+json");
    return true;
  }
  if (name === "latest.nq.gz" || name === "latest.ttl") {
    const f = m.files.find((x) => x.path.endsWith(name.slice("latest".length)));
    if (!f) throw notFound(url.pathname);
    res.writeHead(307, { Location: `/${f.path}`, "Cache-Control": "no-cache", "Content-Length": "0" }).end();
    return true;
  }
  // Only a file the manifest lists: the name is never joined to a path unchecked.
  const f = m.files.find((x) => x.path === `dumps/${id}/${name}`);
  if (!f) throw notFound(url.pathname);
  const path = join(dumpsDir(ctx.dataDir), id!, name);
  const etag = `"${f.sha256}"`;
  const headers = {
    ETag: etag,
    "Cache-Control": ctx.private(m) ? "private, max-age=31536000, immutable" : "public, max-age=31536000, immutable",
    ...(ctx.private(m) ? { Vary: "Authorization" } : {}),
    "Last-Modified": new Date(f.modified).toUTCString(),
    "Content-Disposition": `attachment; filename="${name}"`,
  };
  if (
    (req.headers["if-none-match"] ?? "")
      .split(",")
      .map((s) => s.trim())
      .includes(etag)
  ) {
    res.writeHead(304, headers).end();
    return true;
  }
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw notFound(url.pathname);
  }
  res.writeHead(200, {
    ...headers,
    "Content-Type": f.compressFormat ?? `${f.mediaType}; charset=utf-8`,
    "Content-Length": String(size),
  });
  if (req.method === "HEAD") {
    res.end();
    return true;
  }
  await pipeline(createReadStream(path), res).catch(() => res.destroy());
  return true;
}
