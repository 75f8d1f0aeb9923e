// Each entry of a tokens file checked on its own: a publisher's fields well formed, its token's digest. What would
// let two entries serve two publishers is checked in token-entries.ts.

import { createHash } from "node:crypto";
import type { Text } from "../errors.js";
import { checkIri } from "../store/ntriples.js";
import { isNamespace } from "../store/ownership.js";
import type { TokenEntry } from "./auth.js";

export const digest = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

export const READER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A problem of one entry, before it is written as a `Problem`. */
export interface EntryProblem {
  /** The entry's index in the file's `tokens`. */
  readonly i: number;
  /** The entry's field at fault, "" for the entry itself. */
  readonly field: string;
  readonly value?: unknown;
  readonly expected: Text;
  readonly message: Text;
  readonly hint: Text;
}

export type AddProblem = (p: EntryProblem) => void;

/** A publisher's entry: share, publisher, graph and namespaces, each well formed. */
export function checkFields(e: TokenEntry, i: number, where: Text, add: AddProblem): void {
  if (
    e.share !== undefined &&
    (!Array.isArray(e.share) || !e.share.every((r) => typeof r === "string" && READER_ID.test(r)))
  ) {
    add({
      i,
      field: "share",
      value: e.share,
      expected: { en: "an array of reader ids", fr: "un tableau d'identifiants de lecteurs" },
      message: {
        en: `${where.en}: "share" is not an array of reader ids`,
        fr: `${where.fr} : « share » n'est pas un tableau d'identifiants de lecteurs`,
      },
      hint: {
        en: '"share": ["observatoire"] (the "reader" of read tokens)',
        fr: '"share": ["observatoire"] (le « reader » des jetons de lecture)',
      },
    });
  }
  if (typeof e.publisher !== "string" || !e.publisher.trim()) {
    add({
      i,
      field: "publisher",
      value: e.publisher,
      expected: { en: "a publisher id", fr: "un identifiant de diffuseur" },
      message: { en: `${where.en}: no "publisher"`, fr: `${where.fr} : pas de « publisher »` },
      hint: { en: 'give "publisher": the publisher id', fr: "donnez « publisher » : l'identifiant du diffuseur" },
    });
  }
  checkGraph(e, i, where, add);
  checkNamespaces(e, i, where, add);
}

function checkGraph(e: TokenEntry, i: number, where: Text, add: AddProblem): void {
  if (typeof e.graph !== "string") {
    return add({
      i,
      field: "graph",
      value: e.graph,
      expected: { en: "the publisher's graph IRI", fr: "l'IRI du graphe du diffuseur" },
      message: { en: `${where.en}: no "graph"`, fr: `${where.fr} : pas de « graph »` },
      hint: { en: 'give "graph": the publisher graph IRI', fr: "donnez « graph » : l'IRI du graphe du diffuseur" },
    });
  }
  try {
    checkIri(e.graph);
  } catch {
    add({
      i,
      field: "graph",
      value: e.graph,
      expected: { en: "an absolute IRI", fr: "une IRI absolue" },
      message: {
        en: `${where.en}: graph ${JSON.stringify(e.graph)} is not an absolute IRI`,
        fr: `${where.fr} : le graphe ${JSON.stringify(e.graph)} n'est pas une IRI absolue`,
      },
      hint: { en: "e.g. https://theatre-x.example/graph", fr: "par exemple https://theatre-x.example/graph" },
    });
  }
}

function checkNamespaces(e: TokenEntry, i: number, where: Text, add: AddProblem): void {
  if (e.namespaces !== undefined && !Array.isArray(e.namespaces)) {
    return add({
      i,
      field: "namespaces",
      value: e.namespaces,
      expected: { en: "an array of namespaces", fr: "un tableau d'espaces de noms" },
      message: {
        en: `${where.en}: "namespaces" is not an array`,
        fr: `${where.fr} : « namespaces » n'est pas un tableau`,
      },
      hint: {
        en: '"namespaces": ["https://www.venue.example/"]',
        fr: '"namespaces": ["https://www.venue.example/"]',
      },
    });
  }
  for (const [j, ns] of (e.namespaces ?? []).entries()) {
    if (isNamespace(ns)) continue;
    add({
      i,
      field: `namespaces[${j}]`,
      value: ns,
      expected: { en: "a namespace", fr: "un espace de noms" },
      message: {
        en: `${where.en}: namespaces[${j}] ${JSON.stringify(ns)} is not a namespace`,
        fr: `${where.fr} : namespaces[${j}] ${JSON.stringify(ns)} n'est pas un espace de noms`,
      },
      hint: {
        en: "an absolute IRI with a host and a path ending in / or #, e.g. https://www.venue.example/",
        fr: "une IRI absolue avec un hôte et un chemin terminé par / ou #, par exemple https://www.venue.example/",
      },
    });
  }
}

/** The entry's token digest: from the token (16+ characters, no whitespace) or its hex SHA-256. */
export function entryKey(e: TokenEntry, i: number, where: Text, add: AddProblem): string | undefined {
  if (typeof e.token === "string") {
    if (/\s/u.test(e.token)) {
      add({
        i,
        field: "token",
        expected: { en: "a token without whitespace", fr: "un jeton sans espace" },
        message: {
          en: `${where.en}: the token contains whitespace (a space, tab or line break), which an Authorization header cannot carry`,
          fr: `${where.fr} : le jeton contient une espace (espace, tabulation ou saut de ligne), qu'un en-tête Authorization ne peut pas porter`,
        },
        hint: {
          en: "remove the whitespace: a token is one word, e.g. from openssl rand -hex 32",
          fr: "retirez l'espace : un jeton est un seul mot, par exemple tiré de openssl rand -hex 32",
        },
      });
      return undefined;
    }
    if (e.token.length < 16) {
      add({
        i,
        field: "token",
        expected: { en: "at least 16 characters", fr: "au moins 16 caractères" },
        message: {
          en: `${where.en}: token shorter than 16 characters`,
          fr: `${where.fr} : jeton de moins de 16 caractères`,
        },
        hint: {
          en: "use a long random token, e.g. openssl rand -hex 32",
          fr: "prenez un long jeton aléatoire, par exemple openssl rand -hex 32",
        },
      });
      return undefined;
    }
    return digest(e.token);
  }
  if (typeof e.sha256 === "string" && /^[0-9a-f]{64}$/i.test(e.sha256)) return e.sha256.toLowerCase();
  add({
    i,
    field: "token",
    expected: { en: 'a "token" or a hex "sha256"', fr: "un « token » ou un « sha256 » hexadécimal" },
    message: {
      en: `${where.en}: neither "token" nor a hex "sha256"`,
      fr: `${where.fr} : ni « token » ni « sha256 » hexadécimal`,
    },
    hint: { en: "give the token or its SHA-256", fr: "donnez le jeton ou son SHA-256" },
  });
  return undefined;
}
