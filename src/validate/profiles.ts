// The SHACL profiles shipped in shapes/: their names, where their Turtle files are, and loading them as quads.

import { tx } from "../i18n.js";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Quad } from "@rdfjs/types";
import { Parser } from "n3";
import { InputError, UsageError } from "../errors.js";
import { pushAll } from "../arrays.js";

/** The validation profiles: graph-ready (`core`), Google Event rich results (`google`), Artsdata's input shapes (`artsdata`). */
export type ProfileName = "core" | "google" | "artsdata";
/** Every profile name, in the order the CLI and the pages list them. */
export const PROFILES: readonly ProfileName[] = ["core", "google", "artsdata"];

/** One line per profile, for help texts and error messages. */
export const PROFILE_SUMMARIES: Readonly<Record<ProfileName, string>> = {
  core: "graph-ready: required and recommended properties, datatypes, IRIs, language tags (Vivant)",
  google: "Google Event rich results: required properties are violations, recommended ones warnings",
  artsdata: "Artsdata.ca's input shapes v4.7 (pinned, CC0; its one SHACL-SPARQL rule rewritten in SHACL Core)",
};

export function isProfileName(name: string): name is ProfileName {
  return (PROFILES as readonly string[]).includes(name);
}

/** Throws a UsageError listing the profiles when `name` is not one. */
export function assertProfileName(name: string): asserts name is ProfileName {
  if (!isProfileName(name)) {
    throw new UsageError("validate/unknown-profile", tx("validate/unknown-profile", { name }), {
      hint: tx("validate/unknown-profile.hint", { list: PROFILES.join(", ") }),
    });
  }
}

/** The folder holding the shapes, found from this module (works from src/ and dist/src/). */
export function shapesDir(): string {
  const here = fileURLToPath(new URL(".", import.meta.url));
  for (const candidate of [`${here}../../shapes/`, `${here}../../../shapes/`]) {
    try {
      if (statSync(`${candidate}core`).isDirectory()) return candidate;
    } catch {
      // try the next layout
    }
  }
  throw new InputError("io/shapes-missing", tx("io/shapes-missing", { dir: here }), {
    hint: tx("io/shapes-missing.hint"),
  });
}

/** The base IRI a shapes file is parsed with (relative IRIs such as `<#X>` resolve against it). */
export function shapesFileIri(profile: ProfileName, file: string): string {
  return `https://vivant.dev/shapes/${profile}/${file}`;
}

/** The Turtle files of a profile, sorted, as paths relative to shapes/. */
export function profileFiles(profile: ProfileName): string[] {
  return readdirSync(`${shapesDir()}${profile}`)
    .filter((f) => f.endsWith(".ttl"))
    .sort()
    .map((f) => `${profile}/${f}`);
}

/** The schema.org (and Artsdata) class hierarchy that ships with every profile. */
export const CLASS_HIERARCHY_FILE = "schemaorg-classes.ttl";

/** Every quad of a profile: its files plus the class hierarchy. Throws InputError on a malformed file. */
export function loadProfileQuads(profile: ProfileName): Quad[] {
  const dir = shapesDir();
  const quads: Quad[] = [];
  for (const rel of [...profileFiles(profile), CLASS_HIERARCHY_FILE]) {
    const file = rel.slice(rel.lastIndexOf("/") + 1);
    pushAll(quads, parseShapesTurtle(readFileSync(`${dir}${rel}`, "utf8"), shapesFileIri(profile, file), rel));
  }
  return quads;
}

/** Parses a shapes file. Blank node labels are prefixed with the file name so files never share a node. */
export function parseShapesTurtle(text: string, baseIri: string, source: string): Quad[] {
  try {
    return new Parser({ baseIRI: baseIri, blankNodePrefix: `${source.replace(/[^A-Za-z0-9]/g, "_")}_` }).parse(text);
  } catch (e) {
    const line = Number((e as { context?: { line?: number } }).context?.line ?? 0);
    throw new InputError(
      "validate/shapes-syntax",
      tx("validate/shapes-syntax", { source, line, detail: (e as Error).message }),
      {
        hint: tx("validate/shapes-syntax.hint"),
        line,
        cause: e,
      },
    );
  }
}
