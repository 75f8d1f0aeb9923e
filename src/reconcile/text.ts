// How reconciliation compares what a client sends with what the store holds: names folded across case, accents
// (NFD, combining marks dropped), ligatures and punctuation; a similarity between two folded names; external
// identifiers (Wikidata, ISNI, BnF, Artsdata) in any of their written forms turned into the IRI stored in `sameAs`.

import { normalizeId, type IdScheme } from "../records/identifiers.js";

const LIGATURES: Readonly<Record<string, string>> = { œ: "oe", æ: "ae", ß: "ss", ø: "o", đ: "d", ł: "l", ı: "i" };

/**
 * A name folded for comparison: lower case, accents and other combining marks dropped (NFD), ligatures spelled
 * out, apostrophes and punctuation turned into spaces, spaces collapsed. `"Théâtre de l'Œuvre"` → `"theatre de l oeuvre"`.
 */
export function foldName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[œæßøđłı]/g, (c) => LIGATURES[c]!)
    .replace(/&/g, " et ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The words of a folded name. */
export function tokens(folded: string): string[] {
  return folded ? folded.split(" ") : [];
}

/** Bigrams of the names compared lately: a query's name meets thousands of candidates, a candidate many queries. */
const BIGRAMS = new Map<string, Map<string, number>>();
const MAX_CACHED = 100_000;

/** Character bigrams of a folded name, spaces included (so word boundaries count), as a multiset. */
function bigrams(folded: string): Map<string, number> {
  const cached = BIGRAMS.get(folded);
  if (cached) return cached;
  if (BIGRAMS.size >= MAX_CACHED) BIGRAMS.clear();
  const out = new Map<string, number>();
  BIGRAMS.set(folded, out);
  const s = ` ${folded} `;
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/**
 * How alike two folded names are, from 0 to 1: the larger of the Sørensen–Dice coefficient of their character
 * bigrams (spelling) and the share of the shorter name's words found in the longer one (word order, extra words
 * such as "scène conventionnée de Nantes"), the latter counted at 0.9 at most so that only equal names reach 1.
 */
export function similarity(a: string, b: string): number {
  if (a === b) return a ? 1 : 0;
  if (!a || !b) return 0;
  const x = bigrams(a);
  const y = bigrams(b);
  let common = 0;
  let total = 0;
  for (const [g, n] of x) {
    common += Math.min(n, y.get(g) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  const dice = (2 * common) / total;
  const wa = wordSet(a);
  const wb = wordSet(b);
  const [small, large] = wa.size <= wb.size ? [wa, wb] : [wb, wa];
  let found = 0;
  for (const w of small) if (large.has(w)) found++;
  const words = small.size ? ((0.9 * found) / small.size) * (0.7 + (0.3 * small.size) / large.size) : 0;
  return Math.max(Math.min(dice, 0.99), words);
}

const WORDS = new Map<string, Set<string>>();

/** The distinct words of a folded name (cached like its bigrams). */
function wordSet(folded: string): Set<string> {
  let w = WORDS.get(folded);
  if (w === undefined) {
    if (WORDS.size >= MAX_CACHED) WORDS.clear();
    WORDS.set(folded, (w = new Set(tokens(folded))));
  }
  return w;
}

const SCHEMES: readonly IdScheme[] = ["wikidata", "isni", "bnf", "artsdata"];

/**
 * The stored form of an external identifier written in any of its usual forms (`Q7317`, a Wikidata page URL,
 * `0000 0001 2141 6468`, `ark:/12148/cb…`, `K10-123`), or undefined when it is none of these.
 */
export function externalIri(text: string): string | undefined {
  for (const scheme of SCHEMES) {
    const r = normalizeId(scheme, text);
    if (r.ok) return r.value;
  }
  return undefined;
}

/** A postal code compared without spaces, case-insensitively (`75 001` = `75001`, `sw1a 1aa` = `SW1A1AA`). */
export function foldCode(text: string): string {
  return text.replace(/\s+/g, "").toUpperCase();
}
