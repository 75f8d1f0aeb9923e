// Checks the entries of a tokens file, all of them: each entry's fields, then what would let one token or one
// graph serve two publishers. Gives the grants to keep (by token digest), the read tokens and the shared graphs,
// or every problem found, each naming its entry (and line) in English and French.

import type { Lang, Problem, Text } from "../errors.js";
import { namespacesOf } from "../store/ownership.js";
import type { TokenEntry, TokenGrant } from "./auth.js";
import { checkFields, digest, entryKey, READER_ID, type EntryProblem } from "./token-entry-fields.js";

export { digest } from "./token-entry-fields.js";

/** Where an entry is: `line 4 (tokens[1])` when the line is known. */
function place(i: number, line: number | undefined, lang: Lang): string {
  return line === undefined ? `tokens[${i}]` : `${lang === "fr" ? "ligne" : "line"} ${line} (tokens[${i}])`;
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
    checkFields(e, i, where, (p) => this.#add(p));
    const key = entryKey(e, i, where, (p) => this.#add(p));
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

  /** One token for two entries, one graph for two publishers, two graphs for one publisher: true when found. */
  #conflicts(e: TokenEntry, i: number, key: string, publisher: string, graph: string): boolean {
    const where = this.#where(i);
    return (
      this.#sameToken(i, where, key, publisher) ||
      this.#graphClaimed(i, where, publisher, graph) ||
      this.#secondGraph(i, where, publisher, graph) ||
      this.#namespaceTaken(e, i, where, publisher, graph)
    );
  }

  /** The token of an earlier entry. */
  #sameToken(i: number, where: Text, key: string, publisher: string): boolean {
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
    return false;
  }

  /** A graph an earlier entry gives another publisher. */
  #graphClaimed(i: number, where: Text, publisher: string, graph: string): boolean {
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
    return false;
  }

  /** A publisher an earlier entry gives another graph. */
  #secondGraph(i: number, where: Text, publisher: string, graph: string): boolean {
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
    return false;
  }

  /** A namespace an earlier entry's publisher owns. */
  #namespaceTaken(e: TokenEntry, i: number, where: Text, publisher: string, graph: string): boolean {
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
