// Bearer tokens for the Graph Store Protocol: each token is bound to one publisher and its one graph.
// Only SHA-256 digests are kept in memory; a tokens file may hold digests instead of the tokens themselves.

import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { InputError } from "../errors.js";
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
  /** The token itself (at least 16 characters), or… */
  readonly token?: string;
  /** …its SHA-256 in hex, so that the file does not hold the secret. */
  readonly sha256?: string;
  readonly publisher: string;
  readonly graph: string;
  readonly licence?: string;
  /**
   * Namespaces whose IRIs the publisher's graph may describe besides its base IRI (`graph` without its final
   * `graph`), e.g. the site its pages are harvested from. Two publishers never share one.
   * @example ["https://www.venue.example/"]
   */
  readonly namespaces?: readonly string[];
}

const digest = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

export class TokenTable {
  readonly #byDigest = new Map<string, TokenGrant>();

  static fromEntries(entries: readonly TokenEntry[], source = "tokens"): TokenTable {
    const t = new TokenTable();
    const owners = new Map<string, { publisher: string; where: string }>();
    entries.forEach((e, i) => {
      const where = `${source}: tokens[${i}]`;
      if (typeof e?.publisher !== "string" || !e.publisher) throw new InputError("server/bad-tokens", `${where}: no publisher`, { hint: 'give "publisher": the publisher id' });
      if (typeof e.graph !== "string") throw new InputError("server/bad-tokens", `${where}: no graph`, { hint: 'give "graph": the publisher graph IRI' });
      checkIri(e.graph, `${where}: graph`);
      if (e.namespaces !== undefined && !Array.isArray(e.namespaces)) throw new InputError("server/bad-tokens", `${where}: "namespaces" is not an array`, { hint: '"namespaces": ["https://www.venue.example/"]' });
      for (const [j, ns] of (e.namespaces ?? []).entries()) {
        if (!isNamespace(ns)) {
          throw new InputError("server/bad-tokens", `${where}: namespaces[${j}] ${JSON.stringify(ns)} is not a namespace`, { hint: "an absolute IRI with a host and a path ending in / or #, e.g. https://www.venue.example/" });
        }
      }
      // One owner per namespace: a publisher's resources are written by that publisher only.
      for (const ns of namespacesOf({ graphIri: e.graph, ...(e.namespaces ? { namespaces: e.namespaces } : {}) })) {
        const owner = owners.get(ns);
        if (owner && owner.publisher !== e.publisher) {
          throw new InputError("server/bad-tokens", `${where}: namespace ${ns} of publisher "${e.publisher}" is already publisher "${owner.publisher}"'s (${owner.where})`, {
            hint: 'give each publisher a graph IRI of its own (<base IRI>graph) and namespaces no other publisher has',
          });
        }
        owners.set(ns, { publisher: e.publisher, where });
      }
      const grant: TokenGrant = {
        publisherId: e.publisher, graphIri: e.graph, ...(e.licence ? { licence: e.licence } : {}), ...(e.namespaces?.length ? { namespaces: [...e.namespaces] } : {}),
      };
      if (typeof e.token === "string") {
        if (e.token.length < 16) throw new InputError("server/bad-tokens", `${where}: token shorter than 16 characters`, { hint: "use a long random token, e.g. openssl rand -hex 32" });
        t.#byDigest.set(digest(e.token), grant);
      } else if (typeof e.sha256 === "string" && /^[0-9a-f]{64}$/i.test(e.sha256)) {
        t.#byDigest.set(e.sha256.toLowerCase(), grant);
      } else {
        throw new InputError("server/bad-tokens", `${where}: neither "token" nor a hex "sha256"`, { hint: "give the token or its SHA-256" });
      }
    });
    return t;
  }

  /** Reads `{ "tokens": [TokenEntry…] }` (or a bare array) from a JSON file. */
  static fromFile(path: string): TokenTable {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF+/, ""));
    } catch (e) {
      throw new InputError("server/bad-tokens", `cannot read tokens file ${path}: ${(e as Error).message}`, { hint: 'write JSON: {"tokens": [{"token": …, "publisher": …, "graph": …}]}', cause: e });
    }
    const entries = Array.isArray(json) ? json : (json as { tokens?: unknown }).tokens;
    if (!Array.isArray(entries)) throw new InputError("server/bad-tokens", `${path}: no "tokens" array`, { hint: 'write JSON: {"tokens": [{"token": …, "publisher": …, "graph": …}]}' });
    return TokenTable.fromEntries(entries as TokenEntry[], path);
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

  /** The grant of an `Authorization: Bearer …` header; undefined when absent or unknown. */
  grantOf(authorization: string | undefined): TokenGrant | undefined {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
    return m ? this.#byDigest.get(digest(m[1]!)) : undefined;
  }
}
