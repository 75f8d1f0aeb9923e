// The `matchQualifier`s this reconciliation service supports (how a condition's values are compared), which ones
// each kind of property and condition takes, the check that refuses any other with a 400 before matching starts
// (never silently ignored), and the wildcard patterns of `WildcardMatch` (`*` any run, `?` one character), matched
// without regular expressions so that a hostile pattern costs at most (pattern × value) steps.

import type { Text } from "../errors.js";
import { tx } from "../i18n.js";
import { HttpError } from "../server/http-util.js";
import type { ReconQuery } from "./request.js";
import { foldName } from "./text.js";
import { propertyOf, type ReconProperty } from "./vocabulary.js";

export type QualifierId = "FuzzyMatch" | "ExactMatch" | "WildcardMatch";

export const QUALIFIERS: Readonly<Record<QualifierId, Text>> = {
  FuzzyMatch: {
    en: "similar values score between 0 and 1 (names with case, accents and languages folded; a day for a date-time counts half)",
    fr: "les valeurs proches ont un score entre 0 et 1 (noms sans casse, accents ni langue ; un jour pour une date-heure compte à moitié)",
  },
  ExactMatch: {
    en: "only a value equal to one stored counts (letter for letter for texts, case and accents included; the same instant or day for a date)",
    fr: "seule une valeur égale à une valeur enregistrée compte (lettre pour lettre pour un texte, casse et accents compris ; le même instant ou jour pour une date)",
  },
  WildcardMatch: {
    en: "the whole value matches a pattern: * any run of characters, ? one character (case and accents folded)",
    fr: "toute la valeur correspond à un motif : * une suite de caractères quelconque, ? un caractère (sans casse ni accents)",
  },
};

/** Longest `WildcardMatch` pattern, in characters. */
export const MAX_PATTERN = 200;

/** What a condition is compared on: entity names, entity ids, or a property (undefined when the service does not know it). */
export type Target = "name" | "id" | ReconProperty | undefined;

/** The qualifiers a target takes, its default first. */
export function qualifiersFor(target: Target): readonly QualifierId[] {
  if (target === undefined) return ["FuzzyMatch", "ExactMatch", "WildcardMatch"];
  if (target === "id") return ["ExactMatch"];
  if (target === "name") return ["FuzzyMatch", "ExactMatch", "WildcardMatch"];
  switch (target.kind) {
    case "text":
      return ["FuzzyMatch", "ExactMatch", "WildcardMatch"];
    case "code":
      return ["ExactMatch", "WildcardMatch"];
    case "iri":
      return target.id === "sameAs" ? ["ExactMatch"] : ["ExactMatch", "WildcardMatch"];
    case "entity":
    case "date":
    case "number":
      return ["FuzzyMatch", "ExactMatch"];
  }
}

/** The qualifiers of a property as a property suggest answer lists them (`matchQualifiers`). */
export function matchQualifiers(p: ReconProperty, lang: "en" | "fr"): { id: string; name: string }[] {
  return qualifiersFor(p).map((id) => ({ id, name: QUALIFIERS[id][lang] }));
}

/** The qualifier a condition is compared with: the one asked for (checked by `checkQualifiers`), else the target's default. */
export function qualifierOf(asked: string | undefined, target: Target): QualifierId {
  return (asked as QualifierId | undefined) ?? qualifiersFor(target)[0]!;
}

/** Refuses, with a 400 naming the condition, any qualifier the service does not support for that condition. */
export function checkQualifiers(queries: readonly ReconQuery[]): void {
  queries.forEach((q, i) => {
    q.conditions.forEach((c, j) => {
      if (c.qualifier === undefined) return;
      const path = `queries[${i}].conditions[${j}].matchQualifier`;
      const target: Target = c.matchType === "property" ? propertyOf(c.propertyId!) : c.matchType;
      const allowed = qualifiersFor(target);
      const what =
        c.matchType === "property"
          ? `propertyId ${JSON.stringify(c.propertyId!.slice(0, 80))}`
          : `matchType ${c.matchType}`;
      const shown = JSON.stringify(c.qualifier.slice(0, 60));
      if (!(allowed as readonly string[]).includes(c.qualifier)) {
        const known = c.qualifier in QUALIFIERS;
        throw new HttpError(
          400,
          "reconcile/bad-qualifier",
          tx(known ? "reconcile/qualifier-not-here" : "reconcile/unknown-qualifier", { path, qualifier: shown, what }),
          {
            hint: tx("reconcile/qualifier.hint", { allowed: allowed.join(", "), what }),
          },
        );
      }
      if (c.qualifier === "WildcardMatch") {
        for (const v of c.values) {
          const s = typeof v === "object" ? (v.name ?? v.id) : String(v);
          if (!/[\p{L}\p{N}]/u.test(s))
            throw new HttpError(
              400,
              "reconcile/bad-qualifier",
              tx("reconcile/pattern-empty", { path: path.replace(/matchQualifier$/, "propertyValue") }),
              { hint: tx("reconcile/pattern-empty.hint") },
            );
          if (s.length > MAX_PATTERN)
            throw new HttpError(
              400,
              "reconcile/too-long",
              tx("reconcile/too-long", {
                path: path.replace(/matchQualifier$/, "propertyValue"),
                length: s.length,
                max: MAX_PATTERN,
              }),
              { hint: tx("reconcile/qualifier.hint", { allowed: allowed.join(", "), what }) },
            );
        }
      }
    });
  });
}

/** A literal piece of a pattern folded as names are, keeping the space a punctuation or space at its edges stands for. */
function foldPiece(piece: string): string {
  const core = foldName(piece);
  if (!core) return piece ? " " : "";
  return `${/^[^\p{L}\p{N}]/u.test(piece) ? " " : ""}${core}${/[^\p{L}\p{N}]$/u.test(piece) ? " " : ""}`;
}

/** A pattern as compared with folded names: literal pieces folded, `*` and `?` kept. */
export function foldPattern(pattern: string): string {
  return pattern
    .split(/([*?])/)
    .map((p) => (p === "*" || p === "?" ? p : foldPiece(p)))
    .join("")
    .replace(/ {2,}/g, " ")
    .replace(/^ | $/g, "");
}

/**
 * Whether the whole of `text` matches `pattern` (`*` any run, possibly empty; `?` exactly one character; anything
 * else itself). Greedy with a return to the last star: at most pattern × text steps, whatever the pattern.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  const p = [...pattern];
  const t = [...text];
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < t.length) {
    if (i < p.length && (p[i] === "?" || (p[i] !== "*" && p[i] === t[j]))) {
      i++;
      j++;
    } else if (i < p.length && p[i] === "*") {
      star = i++;
      mark = j;
    } else if (star >= 0) {
      i = star + 1;
      j = ++mark;
    } else return false;
  }
  while (i < p.length && p[i] === "*") i++;
  return i === p.length;
}

/** Texts compared by `ExactMatch`: the same characters once composed (NFC) and with runs of spaces made one. */
export function exactText(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}
