// Bearer tokens for the Graph Store Protocol: each token is bound to one publisher and its one graph.
// Only SHA-256 digests are kept in memory; a tokens file may hold digests instead of the tokens themselves.
// A tokens file is checked whole at start: every entry that could not work, or would let one token or one
// graph serve two publishers, is a start-up error naming its line (in English or French).

import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseTree, type Node as JsonNode, type ParseError } from "jsonc-parser";
import { InputError, type Lang, type Problem, type Text } from "../errors.js";
import { checkTokenEntries, digest } from "./token-entries.js";

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

const FORMAT_HINT: Text = {
  en: 'write JSON: {"tokens": [{"token": …, "publisher": …, "graph": …}]}',
  fr: 'écrivez du JSON : {"tokens": [{"token": …, "publisher": …, "graph": …}]}',
};

/** The thrown error: every problem of the file, one a line, in each language (the CLI prints its --lang). */
function tokensError(source: string, problems: readonly Problem[], line?: number): InputError {
  const n = problems.length;
  const text = (lang: Lang): string => {
    const head =
      lang === "fr"
        ? `fichier de jetons ${source} : ${n} problème${n > 1 ? "s" : ""}`
        : `tokens file ${source}: ${n} problem${n > 1 ? "s" : ""}`;
    return `${head}\n${problems.map((p) => `  ${p.message[lang]} — ${p.hint[lang]}`).join("\n")}\n`;
  };
  return new InputError(
    "server/bad-tokens",
    { en: text("en"), fr: text("fr") },
    { problems, ...(line !== undefined ? { line } : {}) },
  );
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
  static fromEntries(
    entries: readonly TokenEntry[],
    source = "tokens",
    options: { readonly lines?: readonly number[] } = {},
  ): TokenTable {
    const checked = checkTokenEntries(entries, options.lines);
    if (checked.problems.length) {
      const first = Number(/\.tokens\[(\d+)\]/.exec(checked.problems[0]!.path)?.[1]);
      throw tokensError(source, checked.problems, options.lines?.[first]);
    }
    const t = new TokenTable();
    for (const [k, grant] of checked.grants) t.#byDigest.set(k, grant);
    for (const [k, reader] of checked.readers) t.#readers.set(k, reader);
    for (const [graph, partners] of checked.shared) t.#shared.set(graph, partners);
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
      throw new InputError(
        "server/bad-tokens",
        {
          en: `cannot read tokens file ${path}: ${why}`,
          fr: `impossible de lire le fichier de jetons ${path} : ${why}`,
        },
        { hint: FORMAT_HINT, cause: e },
      );
    }
    const entries = Array.isArray(json) ? json : (json as { tokens?: unknown } | null)?.tokens;
    if (!Array.isArray(entries)) {
      throw new InputError(
        "server/bad-tokens",
        { en: `${path}: no "tokens" array`, fr: `${path} : pas de tableau « tokens »` },
        { hint: FORMAT_HINT },
      );
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
