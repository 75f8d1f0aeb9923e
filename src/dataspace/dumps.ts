// Dumps: per publisher graph, versioned N-Quads (gzip) and Turtle files with a manifest (a DCAT distribution per
// file: byte size, triple count, SHA-256, licence, version, modified), and a dump of the whole server. Each file is
// streamed from the graph's file in the data directory (1 MiB at a time: no whole-graph string at any size) and
// published atomically: temp file, fsync, rename, fsync of the directory, as the store writes its own files
// (./dump-io.ts reads the graph files and writes the dumps; this module decides what is dumped and kept).

import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { graphFileName, graphsDir, listGraphFiles } from "../store/files.js";
import type { GraphInfo } from "../store/types.js";
import { datasetId, type DumpFile } from "./catalog.js";
import { openGraph, toNQuads, toTurtle, writeAtomically, writeJsonAtomically } from "./dump-io.js";

/** Versions of each graph's dumps kept (older ones are removed once a newer one is published). */
export const DEFAULT_KEEP = 3;
/** The folder of the whole server's dump, beside the graphs' folders. */
export const ALL_ID = "all";

export function dumpsDir(dataDir: string): string {
  return join(dataDir, "dumps");
}

/** One dataset's dumps as `manifest.json` lists them, newest first. */
export interface DumpManifest {
  readonly graph: string;
  readonly id: string;
  readonly title?: string;
  /** The licence's IRI (the whole server's dump: every graph's licence). */
  readonly licence: string | readonly string[];
  readonly files: readonly DumpFile[];
  /** For the whole server's dump: the graphs (and versions) in each file. */
  readonly graphs?: readonly { readonly graph: string; readonly version: number }[];
}

/** The JSON-LD context of manifest.json: the dataset is a dcat:Dataset, each file a dcat:Distribution. */
export const MANIFEST_CONTEXT = {
  dcat: "http://www.w3.org/ns/dcat#",
  dct: "http://purl.org/dc/terms/",
  spdx: "http://spdx.org/rdf/terms#",
  void: "http://rdfs.org/ns/void#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  graph: "@id",
  title: "dct:title",
  licence: { "@id": "dct:license", "@type": "@id" },
  files: "dcat:distribution",
  downloadURL: { "@id": "dcat:downloadURL", "@type": "@id" },
  byteSize: { "@id": "dcat:byteSize", "@type": "xsd:nonNegativeInteger" },
  triples: { "@id": "void:triples", "@type": "xsd:integer" },
  version: { "@id": "dcat:version", "@type": "xsd:string" },
  modified: { "@id": "dct:modified", "@type": "xsd:dateTime" },
  checksum: "spdx:checksum",
  algorithm: { "@id": "spdx:algorithm", "@type": "@id" },
  checksumValue: { "@id": "spdx:checksumValue", "@type": "xsd:hexBinary" },
} as const;

/** The manifest as written: JSON-LD (DCAT) that programs also read as plain JSON. */
export function manifestJsonLd(m: DumpManifest): Record<string, unknown> {
  return {
    "@context": MANIFEST_CONTEXT,
    "@type": "dcat:Dataset",
    ...m,
    files: m.files.map((f) => ({
      "@type": "dcat:Distribution",
      ...f,
      version: String(f.version),
      downloadURL: f.path.split("/").pop(),
      checksum: { "@type": "spdx:Checksum", algorithm: "spdx:checksumAlgorithm_sha256", checksumValue: f.sha256 },
    })),
  };
}

/** The manifest of a dataset's dumps, or undefined when it has none. */
export async function readManifest(dataDir: string, id: string): Promise<DumpManifest | undefined> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(id)) return undefined;
  try {
    const json = JSON.parse(await readFile(join(dumpsDir(dataDir), id, "manifest.json"), "utf8")) as DumpManifest & {
      files: (DumpFile & { version: string | number })[];
    };
    const {
      ["@context"]: _c,
      ["@type"]: _t,
      ...rest
    } = json as typeof json & { "@context"?: unknown; "@type"?: unknown };
    void _c;
    void _t;
    return {
      ...rest,
      files: json.files.map((f) => ({
        path: f.path,
        mediaType: f.mediaType,
        ...(f.compressFormat ? { compressFormat: f.compressFormat } : {}),
        byteSize: f.byteSize,
        triples: f.triples,
        sha256: f.sha256,
        version: Number(f.version),
        modified: f.modified,
      })),
    };
  } catch {
    return undefined;
  }
}

/** Every manifest of the data directory (the whole server's last). */
export async function readManifests(dataDir: string): Promise<DumpManifest[]> {
  let names: string[];
  try {
    names = await readdir(dumpsDir(dataDir));
  } catch {
    return [];
  }
  const out: DumpManifest[] = [];
  for (const n of names.sort()) {
    const m = await readManifest(dataDir, n);
    if (m) out.push(m);
  }
  return out.sort((a, b) => Number(a.id === ALL_ID) - Number(b.id === ALL_ID) || a.id.localeCompare(b.id));
}

export interface DumpOptions {
  /** @default DEFAULT_KEEP */
  readonly keep?: number;
}

/** Publishes the manifest with `added` first, then removes the files of versions past `keep`. */
async function publish(
  dataDir: string,
  dir: string,
  base: Omit<DumpManifest, "files">,
  previous: DumpManifest | undefined,
  added: DumpFile[],
  keep: number,
): Promise<DumpManifest> {
  const versions = [...new Set([...added, ...(previous?.files ?? [])].map((f) => f.version))]
    .sort((a, b) => b - a)
    .slice(0, Math.max(1, keep));
  const files = [...added, ...(previous?.files ?? []).filter((f) => !added.some((a) => a.path === f.path))].filter(
    (f) => versions.includes(f.version),
  );
  const manifest: DumpManifest = { ...base, files };
  await writeJsonAtomically(dir, "manifest.json", manifestJsonLd(manifest));
  const kept = new Set(files.map((f) => f.path.split("/").pop()!));
  for (const name of await readdir(dir)) {
    if (name !== "manifest.json" && !kept.has(name)) await rm(join(dir, name), { force: true });
  }
  void dataDir;
  return manifest;
}

/**
 * Dumps one graph's current version (N-Quads gzip and Turtle) unless its dumps exist already; returns its manifest.
 * Reads the graph's file without locking the data directory (a replace renames a new file in: the open file stays
 * whole), so `vivant dump` runs beside a server.
 */
export async function dumpGraph(
  dataDir: string,
  graphIri: string,
  options: DumpOptions = {},
): Promise<DumpManifest | undefined> {
  const path = join(graphsDir(dataDir), graphFileName(graphIri));
  let g: Awaited<ReturnType<typeof openGraph>>;
  try {
    g = await openGraph(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  try {
    const info = g.header.info;
    const id = datasetId(info);
    const dir = join(dumpsDir(dataDir), id);
    await mkdir(dir, { recursive: true });
    const previous = await readManifest(dataDir, id);
    if (previous?.files.some((f) => f.version === info.version) && previous.graph === info.graphIri) return previous;
    const stem = `${id}-v${info.version}`;
    const nq = await writeAtomically(
      dir,
      `${stem}.nq.gz`,
      (async function* () {
        for await (const p of g.pieces()) yield* toNQuads(p, info.graphIri);
      })(),
      true,
    );
    const ttl = await writeAtomically(dir, `${stem}.ttl`, toTurtle(g.pieces()), false);
    const common = { triples: info.triples, version: info.version, modified: info.modified };
    const added: DumpFile[] = [
      {
        path: `dumps/${id}/${stem}.nq.gz`,
        mediaType: "application/n-quads",
        compressFormat: "application/gzip",
        ...nq,
        ...common,
      },
      { path: `dumps/${id}/${stem}.ttl`, mediaType: "text/turtle", ...ttl, ...common },
    ];
    return await publish(
      dataDir,
      dir,
      {
        graph: info.graphIri,
        id,
        ...(info.title !== undefined ? { title: info.title } : {}),
        licence: info.licenceIri,
      },
      previous,
      added,
      options.keep ?? DEFAULT_KEEP,
    );
  } finally {
    await g.close();
  }
}

/**
 * Dumps the whole server (every graph given, or all) into one N-Quads gzip file, named after the graphs' versions,
 * unless that file exists already.
 */
export async function dumpAll(
  dataDir: string,
  include: (info: GraphInfo) => boolean = () => true,
  options: DumpOptions = {},
): Promise<DumpManifest | undefined> {
  const opened: Awaited<ReturnType<typeof openGraph>>[] = [];
  try {
    for (const path of await listGraphFiles(dataDir)) {
      try {
        const g = await openGraph(path);
        if (include(g.header.info)) opened.push(g);
        else await g.close();
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT" && !(e instanceof InputError)) throw e;
      }
    }
    opened.sort((a, b) => a.header.info.graphIri.localeCompare(b.header.info.graphIri));
    const graphs = opened.map((g) => ({ graph: g.header.info.graphIri, version: g.header.info.version }));
    if (!graphs.length) return undefined;
    const key = createHash("sha256")
      .update(graphs.map((g) => `${g.graph} ${g.version}`).join("\n"))
      .digest("hex")
      .slice(0, 12);
    const dir = join(dumpsDir(dataDir), ALL_ID);
    await mkdir(dir, { recursive: true });
    const previous = await readManifest(dataDir, ALL_ID);
    const name = `all-${key}.nq.gz`;
    if (previous?.files.some((f) => f.path.endsWith(`/${name}`))) return previous;
    const nq = await writeAtomically(
      dir,
      name,
      (async function* () {
        for (const g of opened) for await (const p of g.pieces()) yield* toNQuads(p, g.header.info.graphIri);
      })(),
      true,
    );
    const version = (previous?.files[0]?.version ?? 0) + 1;
    const modified = opened
      .map((g) => g.header.info.modified)
      .sort()
      .at(-1)!;
    const file: DumpFile = {
      path: `dumps/${ALL_ID}/${name}`,
      mediaType: "application/n-quads",
      compressFormat: "application/gzip",
      ...nq,
      triples: opened.reduce((n, g) => n + g.header.info.triples, 0),
      version,
      modified,
    };
    const licences = [...new Set(opened.map((g) => g.header.info.licenceIri))];
    return await publish(
      dataDir,
      dir,
      { graph: `urn:vivant:all`, id: ALL_ID, title: "Every graph of this server", licence: licences, graphs },
      previous,
      [file],
      options.keep ?? DEFAULT_KEEP,
    );
  } finally {
    for (const g of opened) await g.close();
  }
}

/** Removes a deleted graph's dumps. */
export async function removeDumps(dataDir: string, info: Pick<GraphInfo, "graphIri" | "publisherId">): Promise<void> {
  await rm(join(dumpsDir(dataDir), datasetId(info)), { recursive: true, force: true });
}
