// Bearer tokens for the Graph Store Protocol: each token is bound to one publisher and its one graph.
// Only SHA-256 digests are kept in memory; a tokens file may hold digests instead of the tokens themselves.
// A tokens file is checked whole at start: every entry that could not work, or would let one token or one
// graph serve two publishers, is a start-up error naming its line (in English or French).

import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseTree, type Node as JsonNode, type ParseError } from "jsonc-parser";
import { InputError, type Lang, type Problem, type Text } from "../errors.js";
import { checkIri } from "../store/ntriples.js";
import { isNamespace, namespacesOf } from "../store/ownership.js";

/** What a token allows: writing one publisher's graph. */
export interface TokenGrant {
  readonly publisherId: string;
  readonly graphIri: string;
  /** Licence of data sent without one (RDF input); records carry their own. */
  readonly licence?: string;
  /** Namespaces the publisher registered besides its base IRI (its graph IRI without the final `graph`). */
  readonly namespaces?: readonly string[];
}

/**
 * One entry of a tokens file.
 * @example { "token": "s3cr3t…", "publisher": "reseau-scenes", "graph": "https://data.reseau-scenes.example/graph", "licence": "etalab-2.0" }
 */
export interface TokenEntry {
  /** The token itself (at least 16 characters, no whitespace), or… */
  readonly token?: string;
  /** …its SHA-256 in hex, so that the file does not hold the secret. */
  readonly sha256?: string;
  /** The publisher (absent on a read token, which has `reader`). */
  readonly publisher?: string;
  readonly graph?: string;
  readonly licence?: string;
  /**
   * Namespaces whose IRIs the publisher's graph may describe besides its base IRI (`graph` without its final
   * `graph`), e.g. the site its pages are harvested from. Two publishers never share one.
   * @example ["https://www.venue.example/"]
   */
  readonly namespaces?: readonly string[];
  /**
   * Shares the publisher's graph only with these partners (the `reader` ids of read tokens): the graph is then
   * restricted, readable only with the publisher's token or a listed partner's. Absent: the graph is public.
   * @example ["observatoire"]
   */
  readonly share?: readonly string[];
  /** A read token instead of a publisher's: the partner id that publishers name in `share` (no `publisher`, no `graph`). */
  readonly reader?: string;
}

const digest = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

const FORMAT_HINT: Text = {
  en: 'write JSON: {"tokens": [{"token": …, "publisher": …, "graph": …}]}',
  fr: 'écrivez du JSON : {"tokens": [{"token": …, "publisher": …, "graph": …}]}',
};

/** Where an entry is: `line 4 (tokens[1])` when the line is known. */
function place(i: number, line: number | undefined, lang: Lang): string {
  return line === undefined ? `tokens[${i}]` : `${lang === "fr" ? "ligne" : "line"} ${line} (tokens[${i}])`;
}

function problem(i: number, field: string, value: unknown, expected: Text, message: Text, hint: Text): Problem {
  return {
    code: "server/bad-tokens", severity: "violation", entity: "token", path: `$.tokens[${i}]${field ? `.${field}` : ""}`,
    ...(value !== undefined ? { value } : {}), expected, message, hint,
  };
}

/** The thrown error: every problem of the file, one a line, in each language (the CLI prints its --lang). */
function tokensError(source: string, problems: readonly Problem[], line?: number): InputError {
  const n = problems.length;
  const text = (lang: Lang): string => {
    const head = lang === "fr" ? `fichier de jetons ${source} : ${n} problème${n > 1 ? "s" : ""}` : `tokens file ${source}: ${n} problem${n > 1 ? "s" : ""}`;
    return `${head}\n${problems.map((p) => `  ${p.message[lang]} — ${p.hint[lang]}`).join("\n")}\n`;
  };
  return new InputError("server/bad-tokens", { en: text("en"), fr: text("fr") }, { problems, ...(line !== undefined ? { line } : {}) });
}

export class TokenTable {
  readonly #byDigest = new Map<string, TokenGrant>();
  /** Read tokens: digest → partner id. */
  readonly #readers = new Map<string, string>();
  /** Restricted graphs → the partners they are shared with. */
  readonly #shared = new Map<string, readonly string[]>();

  /**
   * Builds a table from entries, checking them all: a missing publisher or graph, a token that is short or has
   * whitespace, the same token twice (or one token for two publishers), one graph claimed by two publishers, or one
   * publisher given two graphs. Throws InputError `server/bad-tokens` listing every problem by line.
   * @param lines the 1-based line of each entry in its file, when read from one
   */
  static fromEntries(entries: readonly TokenEntry[], source = "tokens", options: { readonly lines?: readonly number[] } = {}): TokenTable {
    const t = new TokenTable();
    const problems: Problem[] = [];
    const byDigest = new Map<string, { i: number; publisher: string }>();
    const byGraph = new Map<string, { i: number; publisher: string }>();
    const graphOf = new Map<string, { i: number; graph: string }>();
    const owners = new Map<string, { i: number; publisher: string }>();
    const at = (i: number, l: Lang): string => place(i, options.lines?.[i], l);
    entries.forEach((e, i) => {
      const where = { en: at(i, "en"), fr: at(i, "fr") };
      if (typeof e !== "object" || e === null || Array.isArray(e)) {
        problems.push(problem(i, "", e, { en: "an object", fr: "un objet" },
          { en: `${where.en}: not an object`, fr: `${where.fr} : pas un objet` },
          { en: 'give {"token": …, "publisher": …, "graph": …}', fr: 'donnez {"token": …, "publisher": …, "graph": …}' }));
        return;
      }
      const before = problems.length;
      if (e.reader !== undefined) {
        const key = typeof e.token === "string" && e.token.length >= 16 && !/\s/u.test(e.token) ? digest(e.token) : typeof e.sha256 === "string" && /^[0-9a-f]{64}$/i.test(e.sha256) ? e.sha256.toLowerCase() : undefined;
        if (typeof e.reader !== "string" || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(e.reader) || e.publisher !== undefined || e.graph !== undefined || key === undefined || byDigest.has(key) || t.#readers.has(key)) {
          problems.push(problem(i, "reader", e.reader, { en: "a read token: a reader id, a token (16+ characters) or its sha256, no publisher or graph", fr: "un jeton de lecture : un identifiant de lecteur, un jeton (16 caractères ou plus) ou son sha256, ni publisher ni graph" },
            { en: `${where.en}: not a usable read token (reader id of letters, digits, . _ -; a token of its own; no "publisher" or "graph")`, fr: `${where.fr} : jeton de lecture inutilisable (identifiant de lecteur en lettres, chiffres, . _ - ; un jeton à lui ; ni « publisher » ni « graph »)` },
            { en: '{"token": "…", "reader": "observatoire"}, then "share": ["observatoire"] on the publisher\'s entry', fr: '{"token": "…", "reader": "observatoire"}, puis "share": ["observatoire"] dans l\'entrée du diffuseur' }));
          return;
        }
        t.#readers.set(key, e.reader);
        return;
      }
      if (e.share !== undefined && (!Array.isArray(e.share) || !e.share.every((r) => typeof r === "string" && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(r)))) {
        problems.push(problem(i, "share", e.share, { en: "an array of reader ids", fr: "un tableau d'identifiants de lecteurs" },
          { en: `${where.en}: "share" is not an array of reader ids`, fr: `${where.fr} : « share » n'est pas un tableau d'identifiants de lecteurs` },
          { en: '"share": ["observatoire"] (the "reader" of read tokens)', fr: '"share": ["observatoire"] (le « reader » des jetons de lecture)' }));
      }
      if (typeof e.publisher !== "string" || !e.publisher.trim()) {
        problems.push(problem(i, "publisher", e.publisher, { en: "a publisher id", fr: "un identifiant de diffuseur" },
          { en: `${where.en}: no "publisher"`, fr: `${where.fr} : pas de « publisher »` },
          { en: 'give "publisher": the publisher id', fr: "donnez « publisher » : l'identifiant du diffuseur" }));
      }
      if (typeof e.graph !== "string") {
        problems.push(problem(i, "graph", e.graph, { en: "the publisher's graph IRI", fr: "l'IRI du graphe du diffuseur" },
          { en: `${where.en}: no "graph"`, fr: `${where.fr} : pas de « graph »` },
          { en: 'give "graph": the publisher graph IRI', fr: "donnez « graph » : l'IRI du graphe du diffuseur" }));
      } else {
        try {
          checkIri(e.graph);
        } catch {
          problems.push(problem(i, "graph", e.graph, { en: "an absolute IRI", fr: "une IRI absolue" },
            { en: `${where.en}: graph ${JSON.stringify(e.graph)} is not an absolute IRI`, fr: `${where.fr} : le graphe ${JSON.stringify(e.graph)} n'est pas une IRI absolue` },
            { en: "e.g. https://theatre-x.example/graph", fr: "par exemple https://theatre-x.example/graph" }));
        }
      }
      if (e.namespaces !== undefined && !Array.isArray(e.namespaces)) {
        problems.push(problem(i, "namespaces", e.namespaces, { en: "an array of namespaces", fr: "un tableau d'espaces de noms" },
          { en: `${where.en}: "namespaces" is not an array`, fr: `${where.fr} : « namespaces » n'est pas un tableau` },
          { en: '"namespaces": ["https://www.venue.example/"]', fr: '"namespaces": ["https://www.venue.example/"]' }));
      } else {
        for (const [j, ns] of (e.namespaces ?? []).entries()) {
          if (isNamespace(ns)) continue;
          problems.push(problem(i, `namespaces[${j}]`, ns, { en: "a namespace", fr: "un espace de noms" },
            { en: `${where.en}: namespaces[${j}] ${JSON.stringify(ns)} is not a namespace`, fr: `${where.fr} : namespaces[${j}] ${JSON.stringify(ns)} n'est pas un espace de noms` },
            { en: "an absolute IRI with a host and a path ending in / or #, e.g. https://www.venue.example/", fr: "une IRI absolue avec un hôte et un chemin terminé par / ou #, par exemple https://www.venue.example/" }));
        }
      }
      let key: string | undefined;
      if (typeof e.token === "string") {
        if (/\s/u.test(e.token)) {
          problems.push(problem(i, "token", undefined, { en: "a token without whitespace", fr: "un jeton sans espace" },
            { en: `${where.en}: the token contains whitespace (a space, tab or line break), which an Authorization header cannot carry`, fr: `${where.fr} : le jeton contient une espace (espace, tabulation ou saut de ligne), qu'un en-tête Authorization ne peut pas porter` },
            { en: "remove the whitespace: a token is one word, e.g. from openssl rand -hex 32", fr: "retirez l'espace : un jeton est un seul mot, par exemple tiré de openssl rand -hex 32" }));
        } else if (e.token.length < 16) {
          problems.push(problem(i, "token", undefined, { en: "at least 16 characters", fr: "au moins 16 caractères" },
            { en: `${where.en}: token shorter than 16 characters`, fr: `${where.fr} : jeton de moins de 16 caractères` },
            { en: "use a long random token, e.g. openssl rand -hex 32", fr: "prenez un long jeton aléatoire, par exemple openssl rand -hex 32" }));
        } else key = digest(e.token);
      } else if (typeof e.sha256 === "string" && /^[0-9a-f]{64}$/i.test(e.sha256)) {
        key = e.sha256.toLowerCase();
      } else {
        problems.push(problem(i, "token", undefined, { en: 'a "token" or a hex "sha256"', fr: "un « token » ou un « sha256 » hexadécimal" },
          { en: `${where.en}: neither "token" nor a hex "sha256"`, fr: `${where.fr} : ni « token » ni « sha256 » hexadécimal` },
          { en: "give the token or its SHA-256", fr: "donnez le jeton ou son SHA-256" }));
      }
      if (problems.length > before || key === undefined) return;
      const publisher = e.publisher!; // checked above (a problem otherwise)
      const graph = e.graph!;
      const sameToken = byDigest.get(key);
      if (sameToken) {
        problems.push(sameToken.publisher === publisher
          ? problem(i, "token", undefined, { en: "a token of its own", fr: "un jeton à elle" },
            { en: `${where.en}: the same token as ${at(sameToken.i, "en")}`, fr: `${where.fr} : le même jeton que ${at(sameToken.i, "fr")}` },
            { en: "remove the repeated entry, or give it a token of its own", fr: "retirez l'entrée répétée, ou donnez-lui son propre jeton" })
          : problem(i, "token", undefined, { en: "a token of publisher " + publisher + " only", fr: "un jeton du seul diffuseur " + publisher },
            { en: `${where.en}: this token of publisher "${publisher}" is also publisher "${sameToken.publisher}"'s (${at(sameToken.i, "en")}): one token would write two publishers' graphs`, fr: `${where.fr} : ce jeton du diffuseur « ${publisher} » est aussi celui du diffuseur « ${sameToken.publisher} » (${at(sameToken.i, "fr")}) : un jeton écrirait les graphes de deux diffuseurs` },
            { en: "give each publisher its own token (openssl rand -hex 32)", fr: "donnez à chaque diffuseur son propre jeton (openssl rand -hex 32)" }));
        return;
      }
      const owner = byGraph.get(graph);
      if (owner && owner.publisher !== publisher) {
        problems.push(problem(i, "graph", graph, { en: "a graph of publisher " + publisher + " only", fr: "un graphe du seul diffuseur " + publisher },
          { en: `${where.en}: graph ${graph} is claimed by publisher "${publisher}" and by publisher "${owner.publisher}" (${at(owner.i, "en")})`, fr: `${where.fr} : le graphe ${graph} est réclamé par le diffuseur « ${publisher} » et par le diffuseur « ${owner.publisher} » (${at(owner.i, "fr")})` },
          { en: "each publisher writes its own graph (<base IRI>graph): fix the graph or the publisher of one entry", fr: "chaque diffuseur écrit son propre graphe (<IRI de base>graph) : corrigez le graphe ou le diffuseur d'une des entrées" }));
        return;
      }
      const other = graphOf.get(publisher);
      if (other && other.graph !== graph) {
        problems.push(problem(i, "graph", graph, { en: other.graph, fr: other.graph },
          { en: `${where.en}: publisher "${publisher}" is given graph ${graph} here and graph ${other.graph} at ${at(other.i, "en")}`, fr: `${where.fr} : le diffuseur « ${publisher} » reçoit ici le graphe ${graph} et le graphe ${other.graph} en ${at(other.i, "fr")}` },
          { en: "one publisher, one graph: give both entries the same graph", fr: "un diffuseur, un graphe : donnez le même graphe aux deux entrées" }));
        return;
      }
      // One owner per namespace: a publisher's resources are written by that publisher only.
      const namespaces = e.namespaces as readonly string[] | undefined;
      for (const ns of namespacesOf({ graphIri: graph, ...(namespaces ? { namespaces } : {}) })) {
        const o = owners.get(ns);
        if (o && o.publisher !== publisher) {
          problems.push(problem(i, "namespaces", ns, { en: "a namespace of publisher " + publisher + " only", fr: "un espace de noms du seul diffuseur " + publisher },
            { en: `${where.en}: namespace ${ns} of publisher "${publisher}" is already publisher "${o.publisher}"'s (${at(o.i, "en")})`, fr: `${where.fr} : l'espace de noms ${ns} du diffuseur « ${publisher} » est déjà celui du diffuseur « ${o.publisher} » (${at(o.i, "fr")})` },
            { en: "give each publisher a graph IRI of its own (<base IRI>graph) and namespaces no other publisher has", fr: "donnez à chaque diffuseur une IRI de graphe à lui (<IRI de base>graph) et des espaces de noms qu'aucun autre diffuseur n'a" }));
          return;
        }
      }
      for (const ns of namespacesOf({ graphIri: graph, ...(namespaces ? { namespaces } : {}) })) if (!owners.has(ns)) owners.set(ns, { i, publisher });
      if (Array.isArray(e.share)) t.#shared.set(graph, [...new Set([...(t.#shared.get(graph) ?? []), ...(e.share as string[])])].sort());
      byDigest.set(key, { i, publisher });
      byGraph.set(graph, { i, publisher });
      graphOf.set(publisher, { i, graph });
      t.#byDigest.set(key, {
        publisherId: publisher, graphIri: graph, ...(e.licence ? { licence: e.licence } : {}), ...(namespaces?.length ? { namespaces: [...namespaces] } : {}),
      });
    });
    if (problems.length) {
      const first = Number(/\.tokens\[(\d+)\]/.exec(problems[0]!.path)?.[1]);
      throw tokensError(source, problems, options.lines?.[first]);
    }
    return t;
  }

  /** Reads `{ "tokens": [TokenEntry…] }` (or a bare array) from a JSON file; problems name their line. */
  static fromFile(path: string): TokenTable {
    let text: string;
    let json: unknown;
    try {
      text = readFileSync(path, "utf8").replace(/^\uFEFF+/, "");
      json = JSON.parse(text);
    } catch (e) {
      const why = (e as Error).message;
      throw new InputError("server/bad-tokens", { en: `cannot read tokens file ${path}: ${why}`, fr: `impossible de lire le fichier de jetons ${path} : ${why}` }, { hint: FORMAT_HINT, cause: e });
    }
    const entries = Array.isArray(json) ? json : (json as { tokens?: unknown } | null)?.tokens;
    if (!Array.isArray(entries)) {
      throw new InputError("server/bad-tokens", { en: `${path}: no "tokens" array`, fr: `${path} : pas de tableau « tokens »` }, { hint: FORMAT_HINT });
    }
    return TokenTable.fromEntries(entries as TokenEntry[], path, { lines: entryLines(text, Array.isArray(json)) });
  }

  /** Adds a fresh random token for a publisher and returns it (for `vivant serve --demo`). */
  issue(grant: TokenGrant): string {
    const token = randomBytes(24).toString("base64url");
    this.#byDigest.set(digest(token), grant);
    return token;
  }

  get size(): number {
    return this.#byDigest.size;
  }

  /** Restricted graphs (a publisher entry with `share`) and the partners each is shared with. */
  restrictedGraphs(): ReadonlyMap<string, readonly string[]> {
    return this.#shared;
  }

  /** Restricts a graph to partners (for tests and `VivantServer` callers that build the table in code). */
  share(graphIri: string, partners: readonly string[]): void {
    this.#shared.set(graphIri, [...partners]);
  }

  /** Adds a fresh random read token for a partner and returns it. */
  issueReader(reader: string): string {
    const token = randomBytes(24).toString("base64url");
    this.#readers.set(digest(token), reader);
    return token;
  }

  /**
   * Whether the bearer of `authorization` may read `graphIri`: a public graph, anyone; a restricted one, its
   * publisher's token and the read tokens of the partners it is shared with.
   */
  canRead(authorization: string | undefined, graphIri: string): boolean {
    const partners = this.#shared.get(graphIri);
    if (partners === undefined) return true;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
    if (!m) return false;
    const d = digest(m[1]!);
    if (this.#byDigest.get(d)?.graphIri === graphIri) return true;
    const reader = this.#readers.get(d);
    return reader !== undefined && partners.includes(reader);
  }

  /** The grant of an `Authorization: Bearer …` header; undefined when absent or unknown. */
  grantOf(authorization: string | undefined): TokenGrant | undefined {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
    return m ? this.#byDigest.get(digest(m[1]!)) : undefined;
  }
}

/** The 1-based line where each entry of the tokens array starts (read by jsonc-parser, which keeps offsets). */
function entryLines(text: string, bare: boolean): number[] {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true });
  let array: JsonNode | undefined = root;
  if (!bare) array = root?.children?.find((p) => p.children?.[0]?.value === "tokens")?.children?.[1];
  if (array?.type !== "array") return [];
  const starts: number[] = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  return (array.children ?? []).map((c) => lineOf(c.offset));
}
