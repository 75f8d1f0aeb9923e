// Scoring a reconciliation query against the index: candidates come from the name words, identifiers and property
// values the query gives (never a scan of the whole store), each condition is compared with the candidate's values
// (folded names, postal codes, days, linked entities), and every candidate says in its `features` why it scored
// what it did. A known identifier (the entity's own IRI, or a Wikidata/ISNI/BnF/Artsdata IRI it is `sameAs`) is a
// certain match; otherwise the score is the weighted mean of the conditions' similarities, from 0 to 100. A
// condition's `matchQualifier` (qualifiers.ts: FuzzyMatch, ExactMatch, WildcardMatch) says how its values compare.

import type { Lang } from "../errors.js";
import type { EntityIndex, Entity, Value } from "./entities.js";
import type { Condition, PropertyValue, ReconQuery } from "./request.js";
import { exactText, foldPattern, qualifierOf, wildcardMatch, type QualifierId } from "./qualifiers.js";
import { externalIri, foldCode, foldName, similarity, tokens } from "./text.js";
import { propertyOf, typeOf, TYPES, type ReconProperty } from "./vocabulary.js";

/** At most this many entities are scored for one query. */
const MAX_SCAN = 5000;
/** A name or text value at least this alike counts as matching (for `required` and `matchQuantifier`). */
const MATCHING = 0.8;
/** The score a best candidate needs, and the lead it needs over the next one, to be called a match without an identifier. */
const AUTO_MATCH = 95;
const AUTO_LEAD = 10;

export interface Feature {
  readonly id: string;
  readonly name: string;
  readonly value: number | boolean;
}

export interface Candidate {
  readonly id: string;
  readonly name: string;
  readonly lang?: string;
  readonly description?: string;
  readonly score: number;
  readonly match: boolean;
  readonly type: readonly { readonly id: string; readonly name: string }[];
  readonly features: readonly Feature[];
}

const FEATURE_NAMES: Readonly<Record<string, { en: string; fr: string }>> = {
  name: {
    en: "name similarity (0 to 1, case, accents and languages folded)",
    fr: "similarité du nom (de 0 à 1, casse, accents et langues confondus)",
  },
  id: { en: "the id given is this entity's", fr: "l'id donné est celui de cette entité" },
  sameAs: {
    en: "a known identifier (sameAs: Wikidata, ISNI, BnF, Artsdata) is this entity's",
    fr: "un identifiant connu (sameAs : Wikidata, ISNI, BnF, Artsdata) est celui de cette entité",
  },
  type: { en: "of the type asked for", fr: "du type demandé" },
  property: { en: "similarity of {property} (0 to 1)", fr: "similarité de {property} (de 0 à 1)" },
  unknown: {
    en: "{property}: a property this service does not know (not counted)",
    fr: "{property} : une propriété que ce service ne connaît pas (non comptée)",
  },
};

const valueText = (v: PropertyValue): string => (typeof v === "object" ? (v.name ?? v.id) : String(v));
const valueId = (v: PropertyValue): string | undefined =>
  typeof v === "object" ? v.id : typeof v === "string" ? v : undefined;

/** What a condition says of one candidate: how alike (0..1), whether that counts as matching, whether it is certain. */
interface Verdict {
  readonly similarity: number;
  readonly matched: boolean;
  readonly certain: boolean;
  readonly feature: Feature;
  readonly weight: number;
}

export class Matcher {
  readonly #index: EntityIndex;
  readonly #lang: Lang;

  constructor(index: EntityIndex, lang: Lang) {
    this.#index = index;
    this.#lang = lang;
  }

  /** Folded texts of this batch: an asked name is compared with thousands of candidates. */
  readonly #folded = new Map<string, string>();

  #fold(text: string): string {
    let f = this.#folded.get(text);
    if (f === undefined) {
      if (this.#folded.size >= 100_000) this.#folded.clear();
      this.#folded.set(text, (f = foldName(text)));
    }
    return f;
  }

  /** The candidates of one query, best first, at most its limit. */
  match(q: ReconQuery): Candidate[] {
    const accepts = this.#typeFilter(q.type);
    const scored: { e: Entity; score: number; certain: boolean; features: Feature[] }[] = [];
    for (const id of this.#candidates(q)) {
      const e = this.#index.entities.get(id);
      if (!e || !accepts(e)) continue;
      const verdicts = q.conditions.map((c) => this.#judge(c, e));
      if (q.conditions.some((c, i) => c.required && !verdicts[i]!.matched)) continue;
      const certain = verdicts.some((v) => v.certain);
      const weight = verdicts.reduce((n, v) => n + v.weight, 0);
      const score = certain
        ? 100
        : weight
          ? Math.round((1000 * verdicts.reduce((n, v) => n + v.weight * v.similarity, 0)) / weight) / 10
          : 0;
      const features = verdicts.map((v) => v.feature);
      if (q.type !== undefined) features.push({ id: "type", name: FEATURE_NAMES.type![this.#lang], value: true });
      scored.push({ e, score, certain, features });
    }
    scored.sort((a, b) => b.score - a.score || (a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0));
    const top = scored.slice(0, q.limit);
    return top.map((s, i) => {
      const lead = i === 0 && s.score >= AUTO_MATCH && (scored.length < 2 || s.score - scored[1]!.score >= AUTO_LEAD);
      return this.candidate(s.e, q.lang, { score: s.score, match: s.certain || lead, features: s.features });
    });
  }

  /** An entity as a candidate (also what suggest answers, without score and features). */
  candidate(
    e: Entity,
    lang: string | undefined,
    scoring: { score: number; match: boolean; features: Feature[] },
  ): Candidate {
    const name = this.#index.name(e.id, lang ?? this.#lang);
    const description = this.describe(e, lang);
    return {
      id: e.id,
      name: name?.value ?? e.id,
      ...(name?.lang ? { lang: name.lang } : {}),
      ...(description ? { description } : {}),
      score: scoring.score,
      match: scoring.match,
      type: this.types(e),
      features: scoring.features,
    };
  }

  types(e: Entity): { id: string; name: string }[] {
    return TYPES.filter((t) => e.families.includes(t.family)).map((t) => ({ id: t.id, name: t.name[this.#lang] }));
  }

  /** A line that tells namesakes apart: where and when a performance is, a venue's city, else the description. */
  describe(e: Entity, lang: string | undefined): string | undefined {
    const first = (p: string): string | undefined => e.props.get(p)?.[0]?.value;
    if (e.families.includes("performance")) {
      const where = e.props
        .get("location")
        ?.map((l) => this.#index.name(l.value, lang ?? this.#lang)?.value)
        .find((n) => n !== undefined);
      return (
        [first("startDate"), where, first("addressLocality")].filter((x) => x !== undefined).join(" · ") || undefined
      );
    }
    const place = [first("streetAddress"), [first("postalCode"), first("addressLocality")].filter((x) => x).join(" ")]
      .filter((x) => x)
      .join(", ");
    if (place) return place;
    const d = pickLang(e.props.get("description") ?? [], lang ?? this.#lang)?.value;
    return d === undefined ? undefined : d.length > 160 ? `${d.slice(0, 157)}…` : d;
  }

  #typeFilter(type: string | undefined): (e: Entity) => boolean {
    if (type === undefined) return () => true;
    const t = typeOf(type);
    if (t) return (e) => e.families.includes(t.family);
    const cls = type
      .replace(/^schema:/, "http://schema.org/")
      .replace(/^https:\/\/schema\.org\//, "http://schema.org/");
    return (e) => e.classes.includes(cls);
  }

  /** The entities worth scoring: by id and identifiers, then the rarest name words, then property values. */
  #candidates(q: ReconQuery): Set<string> {
    const found = new Set<string>();
    const add = (ids: readonly string[]): void => {
      for (const id of ids) if (found.size < MAX_SCAN) found.add(id);
    };
    for (const c of q.conditions) {
      const p = c.matchType === "property" ? propertyOf(c.propertyId!) : undefined;
      if (c.matchType !== "id" && p?.id !== "sameAs") continue;
      for (const v of c.values) {
        const id = valueId(v);
        if (id === undefined) continue;
        if (this.#index.entities.has(id)) add([id]);
        add(this.#index.sameAs(id));
      }
    }
    const names = q.conditions.filter((c) => c.matchType === "name");
    const words = new Set(
      names
        .filter((c) => c.qualifier !== "WildcardMatch")
        .flatMap((c) => c.values.flatMap((v) => tokens(foldName(valueText(v))))),
    );
    const lists = [...words].map((w) => this.#index.withToken(w));
    for (const c of names)
      if (c.qualifier === "WildcardMatch") for (const v of c.values) lists.push(this.#patternCandidates(valueText(v)));
    for (const l of lists.sort((a, b) => a.length - b.length)) add(l);
    if (found.size) return found;
    for (const c of q.conditions) {
      const p = c.matchType === "property" ? propertyOf(c.propertyId!) : undefined;
      if (!p || c.quantifier === "none") continue;
      for (const v of c.values) {
        if (c.qualifier !== "WildcardMatch") add(this.#index.withValue(p, valueId(v) ?? valueText(v)));
        else {
          const pattern =
            p.kind === "code" ? foldCode(valueText(v)) : p.kind === "text" ? foldPattern(valueText(v)) : valueText(v);
          add(this.#index.withValueWhere(p, (key) => wildcardMatch(pattern, key), MAX_SCAN));
        }
      }
    }
    return found;
  }

  /**
   * The entities a wildcard name pattern may match: each literal run of the pattern lies within one word of a
   * matching name, so those with a word containing the pattern's longest run (a scan of the distinct words).
   */
  #patternCandidates(pattern: string): string[] {
    const runs = foldPattern(pattern)
      .split(/[*? ]/)
      .filter((r) => r);
    const longest = runs.reduce((a, b) => (b.length > a.length ? b : a), "");
    return longest ? this.#index.withTokenWhere((w) => w.includes(longest), MAX_SCAN) : [];
  }

  /** One asked name against an entity's names, by the condition's qualifier. */
  #nameSimilarity(q: QualifierId, asked: string, e: Entity): number {
    if (q === "FuzzyMatch") return best(this.#fold(asked), e.folded);
    if (q === "WildcardMatch") {
      const pattern = foldPattern(asked);
      return e.folded.some((f) => wildcardMatch(pattern, f)) ? 1 : 0;
    }
    const wanted = exactText(asked);
    return [...(e.props.get("name") ?? []), ...(e.props.get("alternateName") ?? [])].some(
      (n) => exactText(n.value) === wanted,
    )
      ? 1
      : 0;
  }

  #judge(c: Condition, e: Entity): Verdict {
    if (c.matchType === "name") {
      const q = qualifierOf(c.qualifier, "name");
      const sims = c.values.map((v) => this.#nameSimilarity(q, valueText(v), e));
      return this.#verdict(c, sims, { id: "name", name: FEATURE_NAMES.name![this.#lang] }, 1);
    }
    if (c.matchType === "id") {
      const sims = c.values.map((v) => (this.#isIt(e, valueId(v)) ? 1 : 0));
      return this.#verdict(c, sims, { id: "id", name: FEATURE_NAMES.id![this.#lang] }, 0, true);
    }
    const p = propertyOf(c.propertyId!);
    if (!p) {
      const name = FEATURE_NAMES.unknown![this.#lang].replace("{property}", c.propertyId!.slice(0, 80));
      return {
        similarity: 0,
        matched: c.quantifier === "none",
        certain: false,
        weight: 0,
        feature: { id: `property:${c.propertyId!.slice(0, 80)}`, name, value: false },
      };
    }
    if (p.id === "sameAs") {
      const sims = c.values.map((v) => (this.#isIt(e, valueId(v)) ? 1 : 0));
      return this.#verdict(c, sims, { id: "sameAs", name: FEATURE_NAMES.sameAs![this.#lang] }, 0, true);
    }
    const stored = e.props.get(p.id) ?? [];
    const q = qualifierOf(c.qualifier, p);
    const sims = c.values.map((v) => Math.max(0, ...stored.map((s) => this.#compare(p, v, s, q))));
    const name = FEATURE_NAMES.property![this.#lang].replace("{property}", p.name[this.#lang]);
    return this.#verdict(c, sims, { id: `property:${p.id}`, name }, 0.5);
  }

  /** Combines the values' similarities by the condition's quantifier. */
  #verdict(
    c: Condition,
    sims: number[],
    feature: { id: string; name: string },
    weight: number,
    boolean = false,
  ): Verdict {
    const max = Math.max(0, ...sims);
    // none: no value may match (a value merely alike, under MATCHING, does not count against it).
    const similarity =
      c.quantifier === "all" ? Math.min(...sims) : c.quantifier === "none" ? (max >= MATCHING ? 0 : 1) : max;
    const matched = similarity >= MATCHING;
    const value = boolean ? matched : Math.round(similarity * 1000) / 1000;
    // An identifier condition weighs nothing (its match is certain, its absence no evidence), except a `none`
    // one the candidate breaks: that counts as a condition scored 0.
    const counted = boolean ? (c.quantifier === "none" && !matched ? 1 : 0) : weight;
    return {
      similarity,
      matched,
      certain: boolean && matched && c.quantifier !== "none",
      weight: counted,
      feature: { ...feature, value },
    };
  }

  /** Whether an id names this entity: its IRI, or an identifier it is the same as. */
  #isIt(e: Entity, id: string | undefined): boolean {
    if (id === undefined) return false;
    if (e.id === id) return true;
    const wanted = externalIri(id) ?? id;
    return (e.props.get("sameAs") ?? []).some((s) => (externalIri(s.value) ?? s.value) === wanted);
  }

  /** One asked value against one stored value of a property, 0..1, by the condition's qualifier. */
  #compare(p: ReconProperty, asked: PropertyValue, stored: Value, q: QualifierId): number {
    const textValue = valueText(asked);
    if (q === "WildcardMatch") {
      if (p.kind === "code") return wildcardMatch(foldCode(textValue), foldCode(stored.value)) ? 1 : 0;
      if (p.kind === "text") return wildcardMatch(foldPattern(textValue), this.#fold(stored.value)) ? 1 : 0;
      return wildcardMatch(textValue, stored.value) ? 1 : 0;
    }
    if (q === "ExactMatch") return this.#compareExactly(p, asked, stored);
    switch (p.kind) {
      case "code":
        return foldCode(textValue) === foldCode(stored.value) ? 1 : 0;
      case "iri":
        return valueId(asked) === stored.value ? 1 : 0;
      case "number": {
        const d = Math.abs(Number(textValue) - Number(stored.value));
        return d <= 0.001 ? 1 : d <= 0.01 ? 0.5 : 0;
      }
      case "date":
        return compareDates(textValue, stored.value);
      case "entity": {
        const target = this.#index.entities.get(stored.value);
        if (typeof asked === "object" || /^[a-z][a-z0-9+.-]*:\S+$/i.test(textValue)) {
          if (target ? this.#isIt(target, valueId(asked)) : stored.value === valueId(asked)) return 1;
          if (typeof asked !== "object" || asked.name === undefined) return 0;
        }
        return target ? best(this.#fold(textValue), target.folded) : 0;
      }
      default:
        return similarity(this.#fold(textValue), this.#fold(stored.value));
    }
  }

  /** `ExactMatch`: 1 for an equal value (texts letter for letter, dates the same instant or day, numbers equal), else 0. */
  #compareExactly(p: ReconProperty, asked: PropertyValue, stored: Value): number {
    const textValue = valueText(asked);
    switch (p.kind) {
      case "text":
        return exactText(textValue) === exactText(stored.value) ? 1 : 0;
      case "number":
        return Number(textValue) === Number(stored.value) ? 1 : 0;
      case "date":
        return compareDates(textValue, stored.value) === 1 ? 1 : 0;
      case "entity": {
        const target = this.#index.entities.get(stored.value);
        if (typeof asked === "object" || /^[a-z][a-z0-9+.-]*:\S+$/i.test(textValue))
          return (target ? this.#isIt(target, valueId(asked)) : stored.value === valueId(asked)) ? 1 : 0;
        const names = target ? [...(target.props.get("name") ?? []), ...(target.props.get("alternateName") ?? [])] : [];
        return names.some((n) => exactText(n.value) === exactText(textValue)) ? 1 : 0;
      }
      default:
        return this.#compare(p, asked, stored, "FuzzyMatch");
    }
  }
}

function best(asked: string, names: readonly string[]): number {
  return Math.max(0, ...names.map((n) => similarity(asked, n)));
}

function pickLang(values: readonly Value[], lang: string): Value | undefined {
  return (
    values.find((v) => v.lang?.split("-")[0]?.toLowerCase() === lang.split("-")[0]?.toLowerCase()) ??
    values.find((v) => !v.lang) ??
    values[0]
  );
}

const OFFSET = /(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * An asked date against a stored start: a day matches every start on that day (as written, the venue's clock), a
 * date-time the same instant when both have an offset, else the same wall time to the minute; the same day with
 * another time counts half.
 */
export function compareDates(asked: string, stored: string): number {
  const a = asked.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(a)) return stored.slice(0, 10) === a ? 1 : 0;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(a)) return 0;
  if (OFFSET.test(a) && OFFSET.test(stored)) {
    const d = Math.abs(Date.parse(a) - Date.parse(stored));
    if (d < 60_000) return 1;
  } else if (a.slice(0, 16) === stored.slice(0, 16)) return 1;
  return a.slice(0, 10) === stored.slice(0, 10) ? 0.5 : 0;
}
