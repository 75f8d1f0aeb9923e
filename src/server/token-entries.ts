// Checks the entries of a tokens file, all of them: each entry's fields, then what would let one token or one
// graph serve two publishers. Gives the grants to keep (by token digest), the read tokens and the shared graphs,
// or every problem found, each naming its entry (and line) in English and French.

import { createHash } from "node:crypto";
import type { Lang, Problem, Text } from "../errors.js";
import { checkIri } from "../store/ntriples.js";
import { isNamespace, namespacesOf } from "../store/ownership.js";
import type { TokenEntry, TokenGrant } from "./auth.js";

export const digest = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

/** Where an entry is: `line 4 (tokens[1])` when the line is known. */
function place(i: number, line: number | undefined, lang: Lang): string {
  return line === undefined ? `tokens[${i}]` : `${lang === "fr" ? "ligne" : "line"} ${line} (tokens[${i}])`;
}

interface EntryProblem {
  /** The entry's index in the file's `tokens`. */
  readonly i: number;
  /** The entry's field at fault, "" for the entry itself. */
  readonly field: string;
  readonly value?: unknown;
  readonly expected: Text;
  readonly message: Text;
  readonly hint: Text;
}

function problem({ i, field, value, expected, message, hint }: EntryProblem): Problem {
  return {
    code: "server/bad-tokens",
    severity: "violation",
    entity: "token",
    path: `$.tokens[${i}]${field ? `.${field}` : ""}`,
    ...(value !== undefined ? { value } : {}),
    expected,
    message,
    hint,
  };
}

const READER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** What a tokens file grants, once every entry is checked. */
export interface CheckedEntries {
  readonly grants: ReadonlyMap<string, TokenGrant>;
  /** Read tokens: digest → partner id. */
  readonly readers: ReadonlyMap<string, string>;
  /** Restricted graphs → the partners they are shared with. */
  readonly shared: ReadonlyMap<string, readonly string[]>;
  /** Empty when every entry can work. */
  readonly problems: readonly Problem[];
}

/** Checks every entry (see `TokenTable.fromEntries` for the rules). `lines`: the 1-based line of each entry. */
export function checkTokenEntries(entries: readonly TokenEntry[], lines?: readonly number[]): CheckedEntries {
  const c = new EntryChecker(lines);
  entries.forEach((e, i) => c.entry(e, i));
  return { grants: c.grants, readers: c.readers, shared: c.shared, problems: c.problems };
}

class EntryChecker {
  readonly grants = new Map<string, TokenGrant>();
  readonly readers = new Map<string, string>();
  readonly shared = new Map<string, readonly string[]>();
  readonly problems: Problem[] = [];
  readonly #byDigest = new Map<string, { i: number; publisher: string }>();
  readonly #byGraph = new Map<string, { i: number; publisher: string }>();
  readonly #graphOf = new Map<string, { i: number; graph: string }>();
  readonly #owners = new Map<string, { i: number; publisher: string }>();
  readonly #lines: readonly number[] | undefined;

  constructor(lines: readonly number[] | undefined) {
    this.#lines = lines;
  }

  #at(i: number, l: Lang): string {
    return place(i, this.#lines?.[i], l);
  }

  #where(i: number): Text {
    return { en: this.#at(i, "en"), fr: this.#at(i, "fr") };
  }

  #add(p: EntryProblem): void {
    this.problems.push(problem(p));
  }

  entry(e: TokenEntry, i: number): void {
    const where = this.#where(i);
    if (typeof e !== "object" || e === null || Array.isArray(e)) {
      return this.#add({
        i,
        field: "",
        value: e,
        expected: { en: "an object", fr: "un objet" },
        message: { en: `${where.en}: not an object`, fr: `${where.fr} : pas un objet` },
        hint: {
          en: 'give {"token": …, "publisher": …, "graph": …}',
          fr: 'donnez {"token": …, "publisher": …, "graph": …}',
        },
      });
    }
    if (e.reader !== undefined) return this.#reader(e, i);
    const before = this.problems.length;
    this.#fields(e, i);
    const key = this.#key(e, i);
    if (this.problems.length > before || key === undefined) return;
    // Checked by #fields (a problem otherwise).
    const publisher = e.publisher!;
    const graph = e.graph!;
    if (this.#conflicts(e, i, key, publisher, graph)) return;
    this.#keep(e, i, key, publisher, graph);
  }

  /** A read token: a partner id and a token of its own, nothing else. */
  #reader(e: TokenEntry, i: number): void {
    const where = this.#where(i);
    const key =
      typeof e.token === "string" && e.token.length >= 16 && !/\s/u.test(e.token)
        ? digest(e.token)
        : typeof e.sha256 === "string" && /^[0-9a-f]{64}$/i.test(e.sha256)
          ? e.sha256.toLowerCase()
          : undefined;
    if (
      typeof e.reader !== "string" ||
      !READER_ID.test(e.reader) ||
      e.publisher !== undefined ||
      e.graph !== undefined ||
      key === undefined ||
      this.#byDigest.has(key) ||
      this.readers.has(key)
    ) {
      return this.#add({
        i,
        field: "reader",
        value: e.reader,
        expected: {
          en: "a read token: a reader id, a token (16+ characters) or its sha256, no publisher or graph",
          fr: "un jeton de lecture : un identifiant de lecteur, un jeton (16 caractères ou plus) ou son sha256, ni publisher ni graph",
        },
        message: {
          en: `${where.en}: not a usable read token (reader id of letters, digits, . _ -; a token of its own; no "publisher" or "graph")`,
          fr: `${where.fr} : jeton de lecture inutilisable (identifiant de lecteur en lettres, chiffres, . _ - ; un jeton à lui ; ni « publisher » ni « graph »)`,
        },
        hint: {
          en: '{"token": "…", "reader": "observatoire"}, then "share": ["observatoire"] on the publisher\'s entry',
          fr: '{"token": "…", "reader": "observatoire"}, puis "share": ["observatoire"] dans l\'entrée du diffuseur',
        },
      });
    }
    this.readers.set(key, e.reader);
  }

  /** A publisher's entry: share, publisher, graph and namespaces, each well formed. */
  #fields(e: TokenEntry, i: number): void {
    const where = this.#where(i);
    if (
      e.share !== undefined &&
      (!Array.isArray(e.share) || !e.share.every((r) => typeof r === "string" && READER_ID.test(r)))
    ) {
      this.#add({
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
      this.#add({
        i,
        field: "publisher",
        value: e.publisher,
        expected: { en: "a publisher id", fr: "un identifiant de diffuseur" },
        message: { en: `${where.en}: no "publisher"`, fr: `${where.fr} : pas de « publisher »` },
        hint: { en: 'give "publisher": the publisher id', fr: "donnez « publisher » : l'identifiant du diffuseur" },
      });
    }
    this.#graph(e, i);
    this.#namespaces(e, i);
  }

  #graph(e: TokenEntry, i: number): void {
    const where = this.#where(i);
    if (typeof e.graph !== "string") {
      return this.#add({
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
      this.#add({
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

  #namespaces(e: TokenEntry, i: number): void {
    const where = this.#where(i);
    if (e.namespaces !== undefined && !Array.isArray(e.namespaces)) {
      return this.#add({
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
      this.#add({
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
  #key(e: TokenEntry, i: number): string | undefined {
    const where = this.#where(i);
    if (typeof e.token === "string") {
      if (/\s/u.test(e.token)) {
        this.#add({
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
        this.#add({
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
    this.#add({
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

  /** One token for two entries, one graph for two publishers, two graphs for one publisher: true when found. */
  #conflicts(e: TokenEntry, i: number, key: string, publisher: string, graph: string): boolean {
    const where = this.#where(i);
    const sameToken = this.#byDigest.get(key);
    if (sameToken) {
      this.#add(
        sameToken.publisher === publisher
          ? {
              i,
              field: "token",
              expected: { en: "a token of its own", fr: "un jeton à elle" },
              message: {
                en: `${where.en}: the same token as ${this.#at(sameToken.i, "en")}`,
                fr: `${where.fr} : le même jeton que ${this.#at(sameToken.i, "fr")}`,
              },
              hint: {
                en: "remove the repeated entry, or give it a token of its own",
                fr: "retirez l'entrée répétée, ou donnez-lui son propre jeton",
              },
            }
          : {
              i,
              field: "token",
              expected: {
                en: "a token of publisher " + publisher + " only",
                fr: "un jeton du seul diffuseur " + publisher,
              },
              message: {
                en: `${where.en}: this token of publisher "${publisher}" is also publisher "${sameToken.publisher}"'s (${this.#at(sameToken.i, "en")}): one token would write two publishers' graphs`,
                fr: `${where.fr} : ce jeton du diffuseur « ${publisher} » est aussi celui du diffuseur « ${sameToken.publisher} » (${this.#at(sameToken.i, "fr")}) : un jeton écrirait les graphes de deux diffuseurs`,
              },
              hint: {
                en: "give each publisher its own token (openssl rand -hex 32)",
                fr: "donnez à chaque diffuseur son propre jeton (openssl rand -hex 32)",
              },
            },
      );
      return true;
    }
    const owner = this.#byGraph.get(graph);
    if (owner && owner.publisher !== publisher) {
      this.#add({
        i,
        field: "graph",
        value: graph,
        expected: { en: "a graph of publisher " + publisher + " only", fr: "un graphe du seul diffuseur " + publisher },
        message: {
          en: `${where.en}: graph ${graph} is claimed by publisher "${publisher}" and by publisher "${owner.publisher}" (${this.#at(owner.i, "en")})`,
          fr: `${where.fr} : le graphe ${graph} est réclamé par le diffuseur « ${publisher} » et par le diffuseur « ${owner.publisher} » (${this.#at(owner.i, "fr")})`,
        },
        hint: {
          en: "each publisher writes its own graph (<base IRI>graph): fix the graph or the publisher of one entry",
          fr: "chaque diffuseur écrit son propre graphe (<IRI de base>graph) : corrigez le graphe ou le diffuseur d'une des entrées",
        },
      });
      return true;
    }
    const other = this.#graphOf.get(publisher);
    if (other && other.graph !== graph) {
      this.#add({
        i,
        field: "graph",
        value: graph,
        expected: { en: other.graph, fr: other.graph },
        message: {
          en: `${where.en}: publisher "${publisher}" is given graph ${graph} here and graph ${other.graph} at ${this.#at(other.i, "en")}`,
          fr: `${where.fr} : le diffuseur « ${publisher} » reçoit ici le graphe ${graph} et le graphe ${other.graph} en ${this.#at(other.i, "fr")}`,
        },
        hint: {
          en: "one publisher, one graph: give both entries the same graph",
          fr: "un diffuseur, un graphe : donnez le même graphe aux deux entrées",
        },
      });
      return true;
    }
    // One owner per namespace: a publisher's resources are written by that publisher only.
    for (const ns of this.#namespacesOf(e, graph)) {
      const o = this.#owners.get(ns);
      if (o && o.publisher !== publisher) {
        this.#add({
          i,
          field: "namespaces",
          value: ns,
          expected: {
            en: "a namespace of publisher " + publisher + " only",
            fr: "un espace de noms du seul diffuseur " + publisher,
          },
          message: {
            en: `${where.en}: namespace ${ns} of publisher "${publisher}" is already publisher "${o.publisher}"'s (${this.#at(o.i, "en")})`,
            fr: `${where.fr} : l'espace de noms ${ns} du diffuseur « ${publisher} » est déjà celui du diffuseur « ${o.publisher} » (${this.#at(o.i, "fr")})`,
          },
          hint: {
            en: "give each publisher a graph IRI of its own (<base IRI>graph) and namespaces no other publisher has",
            fr: "donnez à chaque diffuseur une IRI de graphe à lui (<IRI de base>graph) et des espaces de noms qu'aucun autre diffuseur n'a",
          },
        });
        return true;
      }
    }
    return false;
  }

  #namespacesOf(e: TokenEntry, graph: string): string[] {
    const namespaces = e.namespaces;
    return namespacesOf({ graphIri: graph, ...(namespaces ? { namespaces } : {}) });
  }

  #keep(e: TokenEntry, i: number, key: string, publisher: string, graph: string): void {
    for (const ns of this.#namespacesOf(e, graph)) if (!this.#owners.has(ns)) this.#owners.set(ns, { i, publisher });
    if (Array.isArray(e.share))
      this.shared.set(
        graph,
        [...new Set([...(this.shared.get(graph) ?? []), ...(e.share as readonly string[])])].sort(),
      );
    this.#byDigest.set(key, { i, publisher });
    this.#byGraph.set(graph, { i, publisher });
    this.#graphOf.set(publisher, { i, graph });
    const namespaces = e.namespaces;
    this.grants.set(key, {
      publisherId: publisher,
      graphIri: graph,
      ...(e.licence ? { licence: e.licence } : {}),
      ...(namespaces?.length ? { namespaces: [...namespaces] } : {}),
    });
  }
}
