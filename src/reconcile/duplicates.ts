// Probable duplicates across publisher graphs: two entities of different graphs that are likely the same venue
// (folded name, postal code, street, city, coordinates), the same performance (production's name, place, start),
// or the same person, organization, work or production (a shared `sameAs`, the same folded name). Each pair has
// a score from 0 to 100 and the features it comes from. Nothing is merged: a publisher that agrees says
// `schema:sameAs` in its own graph. Comparisons are bounded; how many were skipped is reported, never hidden.

import type { Entity, EntityIndex } from "./entities.js";
import type { Feature } from "./match.js";
import { compareDates } from "./match.js";
import { externalIri, foldCode, foldName, similarity, tokens } from "./text.js";
import type { Family } from "./vocabulary.js";
import type { Lang } from "../errors.js";

const NAMES = {
  sameAs: { en: "a shared sameAs identifier", fr: "un identifiant sameAs commun" },
  name: { en: "name similarity", fr: "similarité du nom" },
  postalCode: { en: "same postal code", fr: "même code postal" },
  streetAddress: { en: "street similarity", fr: "similarité de l'adresse" },
  addressLocality: { en: "same city", fr: "même ville" },
  distance: { en: "distance in metres", fr: "distance en mètres" },
  startDate: { en: "same start (1), same day (0.5)", fr: "même début (1), même jour (0,5)" },
  location: { en: "same place", fr: "même lieu" },
  workPerformed: { en: "production similarity", fr: "similarité du spectacle" },
} as const;

type FeatureId = keyof typeof NAMES;

export interface DuplicatePair {
  readonly family: Family;
  readonly score: number;
  readonly a: { readonly id: string; readonly name: string; readonly graphs: readonly string[] };
  readonly b: { readonly id: string; readonly name: string; readonly graphs: readonly string[] };
  readonly features: readonly Feature[];
}

export interface DuplicateOptions {
  /** Pairs scoring under this are not listed. @default 70 */
  readonly minScore?: number;
  /** At most this many pairs compared in all (the rest counted in `skipped`). @default 500000 */
  readonly maxComparisons?: number;
  /** A name word shared by more entities than this does not make pairs by itself (e.g. "théâtre"). @default 200 */
  readonly maxBlock?: number;
  /** The language of the features' names. @default "en" */
  readonly lang?: Lang;
}

export interface DuplicateReport {
  readonly pairs: DuplicatePair[];
  readonly compared: number;
  /** Candidate pairs not compared because of `maxComparisons`. */
  readonly skipped: number;
}

const first = (e: Entity, p: string): string | undefined => e.props.get(p)?.[0]?.value;
const values = (e: Entity, p: string): string[] => (e.props.get(p) ?? []).map((v) => v.value);
const round = (n: number): number => Math.round(n * 1000) / 1000;
const f = (id: FeatureId, value: number | boolean, lang: Lang): Feature => ({ id, name: NAMES[id][lang], value });

/** Whether two entities come from different graphs only (an entity described by both is not a duplicate of itself). */
function acrossGraphs(a: Entity, b: Entity): boolean {
  return a.id !== b.id && !a.graphs.some((g) => b.graphs.includes(g));
}

function bestName(a: Entity, b: Entity): number {
  let best = 0;
  for (const x of a.folded) for (const y of b.folded) best = Math.max(best, similarity(x, y));
  return best;
}

function sharesSameAs(a: Entity, b: Entity): boolean {
  const ids = new Set(values(a, "sameAs").map((v) => externalIri(v) ?? v));
  return values(b, "sameAs").some((v) => ids.has(externalIri(v) ?? v));
}

/** Distance in metres between two venues' coordinates (equirectangular: exact enough under a few km), if both have them. */
function metres(a: Entity, b: Entity): number | undefined {
  const [la, lo, lb, mb] = [
    first(a, "latitude"),
    first(a, "longitude"),
    first(b, "latitude"),
    first(b, "longitude"),
  ].map(Number);
  if (![la, lo, lb, mb].every((n) => Number.isFinite(n))) return undefined;
  const x = (((mb! - lo!) * Math.PI) / 180) * Math.cos((((la! + lb!) / 2) * Math.PI) / 180);
  const y = ((lb! - la!) * Math.PI) / 180;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}

/** How alike two venues are: the name counts half, the address (postal code, street, city) and the coordinates the rest. */
export function venueScore(a: Entity, b: Entity, lang: Lang = "en"): { score: number; features: Feature[] } {
  if (sharesSameAs(a, b)) return { score: 100, features: [f("sameAs", true, lang)] };
  const name = bestName(a, b);
  const features: Feature[] = [f("name", round(name), lang)];
  let score = 50 * name;
  let weight = 50;
  const [pa, pb] = [first(a, "postalCode"), first(b, "postalCode")];
  if (pa !== undefined && pb !== undefined) {
    const same = foldCode(pa) === foldCode(pb);
    features.push(f("postalCode", same, lang));
    score += same ? 15 : 0;
    weight += 15;
  }
  const [sa, sb] = [first(a, "streetAddress"), first(b, "streetAddress")];
  if (sa !== undefined && sb !== undefined) {
    const s = similarity(foldName(sa), foldName(sb));
    features.push(f("streetAddress", round(s), lang));
    score += 15 * s;
    weight += 15;
  }
  const [ca, cb] = [first(a, "addressLocality"), first(b, "addressLocality")];
  if (ca !== undefined && cb !== undefined && (pa === undefined || pb === undefined)) {
    const same = foldName(ca) === foldName(cb);
    features.push(f("addressLocality", same, lang));
    score += same ? 10 : 0;
    weight += 10;
  }
  const d = metres(a, b);
  if (d !== undefined) {
    // Full marks within 100 m, none past 2 km.
    const near = d <= 100 ? 1 : d >= 2000 ? 0 : 1 - (d - 100) / 1900;
    features.push(f("distance", Math.round(d), lang));
    score += 20 * near;
    weight += 20;
  }
  return { score: Math.round((1000 * score) / weight) / 10, features };
}

/** How alike two performances are: the same start (40), the same place (30: the same venue, or venues that are probably one), the production's name (30). */
function performanceScore(
  index: EntityIndex,
  a: Entity,
  b: Entity,
  lang: Lang,
): { score: number; features: Feature[] } {
  const start = Math.max(
    0,
    ...values(a, "startDate").flatMap((x) => values(b, "startDate").map((y) => compareDates(x, y))),
  );
  const place = Math.max(
    0,
    ...values(a, "location").flatMap((x) =>
      values(b, "location").map((y) => {
        if (x === y) return 1;
        const [va, vb] = [index.entities.get(x), index.entities.get(y)];
        return va && vb ? venueScore(va, vb, lang).score / 100 : 0;
      }),
    ),
  );
  const names = (e: Entity): string[] => values(e, "workPerformed").flatMap((w) => index.entities.get(w)?.folded ?? []);
  const [na, nb] = [names(a), names(b)];
  const production = values(a, "workPerformed").some((w) => values(b, "workPerformed").includes(w))
    ? 1
    : Math.max(bestName(a, b), ...na.flatMap((x) => nb.map((y) => similarity(x, y))));
  return {
    score: Math.round(400 * start + 300 * place + 300 * production) / 10,
    features: [
      f("startDate", round(start), lang),
      f("location", round(place), lang),
      f("workPerformed", round(production), lang),
    ],
  };
}

/** People, organizations, works and productions: a shared sameAs is certain, the same folded name probable. */
function otherScore(a: Entity, b: Entity, lang: Lang): { score: number; features: Feature[] } {
  if (sharesSameAs(a, b)) return { score: 100, features: [f("sameAs", true, lang)] };
  const name = bestName(a, b);
  return { score: Math.round(800 * name) / 10, features: [f("name", round(name), lang)] };
}

/** Lists the probable duplicates of an index, best first. */
export function findDuplicates(index: EntityIndex, options: DuplicateOptions = {}): DuplicateReport {
  const minScore = options.minScore ?? 70;
  const maxComparisons = options.maxComparisons ?? 500_000;
  const maxBlock = options.maxBlock ?? 200;
  const lang = options.lang ?? "en";
  const seen = new Set<string>();
  const pairs: DuplicatePair[] = [];
  let compared = 0;
  let skipped = 0;
  const consider = (a: Entity, b: Entity, family: Family): void => {
    if (!acrossGraphs(a, b) || !b.families.includes(family)) return;
    const key = a.id < b.id ? `${a.id} ${b.id}` : `${b.id} ${a.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (compared >= maxComparisons) {
      skipped++;
      return;
    }
    compared++;
    const { score, features } =
      family === "venue"
        ? venueScore(a, b, lang)
        : family === "performance"
          ? performanceScore(index, a, b, lang)
          : otherScore(a, b, lang);
    if (score < minScore) return;
    const side = (e: Entity) => ({ id: e.id, name: index.name(e.id)?.value ?? e.id, graphs: e.graphs });
    const [x, y] = a.id < b.id ? [a, b] : [b, a];
    pairs.push({ family, score, a: side(x), b: side(y), features });
  };
  // Blocks: entities that share a rare name word, an identifier, or (performances) a start day.
  const blocks = new Map<string, Entity[]>();
  const block = (key: string, e: Entity): void => {
    const l = blocks.get(key);
    if (l) l.push(e);
    else blocks.set(key, [e]);
  };
  for (const e of index.entities.values()) {
    for (const family of e.families) {
      if (family === "performance") {
        // By day and city: two performances on the same day in different cities are not one.
        const city = foldName(first(e, "addressLocality") ?? "");
        for (const d of values(e, "startDate")) block(`performance day ${d.slice(0, 10)} ${city}`, e);
        continue;
      }
      for (const w of new Set(e.folded.flatMap(tokens))) if (w.length > 2) block(`${family} word ${w}`, e);
      for (const s of values(e, "sameAs")) block(`${family} id ${externalIri(s) ?? s}`, e);
    }
  }
  for (const [key, list] of blocks) {
    const family = key.slice(0, key.indexOf(" ")) as Family;
    if (list.length > maxBlock && !key.includes(" id ") && family !== "performance") continue;
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) consider(list[i]!, list[j]!, family);
  }
  pairs.sort((p, q) => q.score - p.score || (p.a.id < q.a.id ? -1 : p.a.id > q.a.id ? 1 : p.b.id < q.b.id ? -1 : 1));
  return { pairs, compared, skipped };
}
