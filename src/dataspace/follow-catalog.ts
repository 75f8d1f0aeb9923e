// What a follower reads in a node's catalog (src/dataspace/catalog.ts publishes it): each dcat:Dataset with its graph,
// publisher, licence, version, namespaces, where to copy it (Graph Store GET) and follow it (change feed), and its ODRL
// policy; and whether that policy permits the follower's use. Any DCAT + ODRL catalog in Turtle is read the same way:
// what a foreign catalog does not say (no policy, no distribution) is reported, never guessed.

import type { Quad } from "@rdfjs/types";
import { Parser } from "n3";
import { DCAT, DCTERMS, RDF_TYPE, VIVANT, VOID } from "../vocab.js";
import { ODRL } from "./catalog-quads.js";

const IANA = "http://www.iana.org/assignments/media-types/";

/**
 * What the follower does with the data (`--use`), and the ODRL actions each needs: a copy is always a reproduction;
 * `index` builds a search index or observatory counts over it, `display` shows it to people, `reuse` derives and
 * passes it on (republishes).
 */
export const USES = {
  index: ["reproduce", "index"],
  display: ["reproduce", "display"],
  reuse: ["reproduce", "derive", "distribute"],
} as const satisfies Record<string, readonly string[]>;

export type FollowUse = keyof typeof USES;

export interface PolicyRule {
  /** The ODRL action's local name (`display`, `index`, `reproduce`, `derive`, `distribute`…). */
  readonly action: string;
  /** The parties it is assigned to; empty: everyone. */
  readonly assignees: readonly string[];
}

/** One dataset of a node's catalog, as the follower needs it. */
export interface RemoteDataset {
  /** The dataset's IRI (a Vivant node uses the graph IRI). */
  readonly iri: string;
  /** The graph IRI (`dct:identifier`, else the dataset IRI). */
  readonly graph: string;
  readonly title?: string;
  readonly publisherId?: string;
  /** The licence's IRI (`dct:license`). */
  readonly licence?: string;
  /** `RESTRICTED` or `PUBLIC` (the EU access-right authority's last segment), when said. */
  readonly accessRights?: string;
  readonly version?: number;
  readonly modified?: string;
  readonly triples?: number;
  /** `void:uriSpace`s: the namespaces the graph owns. */
  readonly namespaces: readonly string[];
  /** Graph Store GET of the graph (absent: the caller may not read it, or the node does not offer it). */
  readonly graphStore?: string;
  /** The change feed's collection URL. */
  readonly feed?: string;
  /** The policy's IRI, its permissions and prohibitions (none when the dataset has no `odrl:hasPolicy`). */
  readonly policy?: string;
  readonly permissions: readonly PolicyRule[];
  readonly prohibitions: readonly PolicyRule[];
}

/** Reads a catalog's Turtle; throws the parser's error on bad syntax. */
export function parseCatalog(text: string, url: string): RemoteDataset[] {
  const quads = new Parser({ baseIRI: url }).parse(text);
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    let l = bySubject.get(q.subject.value);
    if (!l) bySubject.set(q.subject.value, (l = []));
    l.push(q);
  }
  const values = (s: string, p: string): string[] =>
    (bySubject.get(s) ?? []).filter((q) => q.predicate.value === p).map((q) => q.object.value);
  const one = (s: string, p: string): string | undefined => values(s, p)[0];
  const num = (s: string, p: string): number | undefined => {
    const v = one(s, p);
    return v !== undefined && /^\d{1,15}$/.test(v) ? Number(v) : undefined;
  };
  const rules = (policy: string, p: string): PolicyRule[] =>
    values(policy, p).flatMap((r) =>
      values(r, `${ODRL}action`).map((a) => ({
        action: a.startsWith(ODRL) ? a.slice(ODRL.length) : a,
        assignees: values(r, `${ODRL}assignee`),
      })),
    );
  const catalogs = [...bySubject.keys()].filter((s) => values(s, RDF_TYPE).includes(`${DCAT}Catalog`));
  const datasets = new Set(catalogs.flatMap((c) => values(c, `${DCAT}dataset`)));
  const out: RemoteDataset[] = [];
  for (const d of [...datasets].sort()) {
    const dists = values(d, `${DCAT}distribution`);
    const byType = (type: string): string | undefined =>
      dists.find(
        (x) => values(x, `${DCAT}mediaType`).includes(`${IANA}${type}`) && values(x, `${DCAT}downloadURL`).length === 0,
      );
    const gsp = byType("text/turtle");
    const feed = byType("application/activity+json");
    const policy = one(d, `${ODRL}hasPolicy`);
    const rights = one(d, `${DCTERMS}accessRights`);
    const title = one(d, `${DCTERMS}title`);
    const publisherId = one(d, `${VIVANT}publisherId`);
    const licence = one(d, `${DCTERMS}license`);
    const version = num(d, `${VIVANT}version`) ?? num(d, `${DCAT}version`);
    const modified = one(d, `${DCTERMS}modified`);
    const triples = num(d, `${VOID}triples`);
    const graphStore = gsp !== undefined ? one(gsp, `${DCAT}accessURL`) : undefined;
    const feedUrl = feed !== undefined ? one(feed, `${DCAT}accessURL`) : undefined;
    out.push({
      iri: d,
      graph: one(d, `${DCTERMS}identifier`) ?? d,
      namespaces: values(d, `${VOID}uriSpace`),
      ...(title !== undefined ? { title } : {}),
      ...(publisherId !== undefined ? { publisherId } : {}),
      ...(licence !== undefined ? { licence } : {}),
      ...(rights !== undefined ? { accessRights: rights.slice(rights.lastIndexOf("/") + 1) } : {}),
      ...(version !== undefined ? { version } : {}),
      ...(modified !== undefined ? { modified } : {}),
      ...(triples !== undefined ? { triples } : {}),
      ...(graphStore !== undefined ? { graphStore } : {}),
      ...(feedUrl !== undefined ? { feed: feedUrl } : {}),
      ...(policy !== undefined ? { policy } : {}),
      permissions: policy !== undefined ? rules(policy, `${ODRL}permission`) : [],
      prohibitions: policy !== undefined ? rules(policy, `${ODRL}prohibition`) : [],
    });
  }
  return out;
}

/** Why a use is not permitted: the ODRL action missing or prohibited. */
export type PolicyRefusal =
  { readonly kind: "no-policy" } | { readonly kind: "not-permitted" | "prohibited"; readonly action: string };

/**
 * Whether a dataset's policy permits a use: every action the use needs is permitted (to everyone, or to named
 * partners when the follower reads the dataset with their token: `readable`) and none is prohibited.
 */
export function checkPolicy(d: RemoteDataset, use: FollowUse, readable: boolean): PolicyRefusal | undefined {
  if (d.policy === undefined) return { kind: "no-policy" };
  for (const action of USES[use]) {
    if (d.prohibitions.some((r) => r.action === action && (r.assignees.length === 0 || readable)))
      return { kind: "prohibited", action };
    if (!d.permissions.some((r) => r.action === action && (r.assignees.length === 0 || readable)))
      return { kind: "not-permitted", action };
  }
  return undefined;
}
