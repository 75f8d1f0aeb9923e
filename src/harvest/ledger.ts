// The fidelity ledger of a harvest or an import: every property of every source node ends in exactly one
// of carried (mapped as written), repaired (mapped after a fix, by kind) or not carried (with a reason).
// Harvest and every importer fill it through a `SourceTally`; the summary, the --report JSON and the
// `import/not-carried` problems are read from it, so that nothing is dropped without a word.

import type { Lang, Problem } from "../errors.js";
import { t } from "../i18n.js";
import { PROV, RDF_TYPE, SCHEMA, VIVANT } from "../vocab.js";
import type { FixKind } from "./fixes.js";
import { problem } from "./problems.js";

/** Why a property of a source node was not carried. */
export const NOT_CARRIED_REASONS = {
  "not-modelled": {
    en: "Vivant does not model this property (on purpose: see the README's import and harvest section)",
    fr: "Vivant ne modélise pas cette propriété (à dessein : voir la section import et moissonnage du README)",
  },
  invalid: {
    en: "its value could not be used as written (a problem says which and why)",
    fr: "sa valeur n'a pas pu être utilisée telle qu'écrite (un problème dit laquelle et pourquoi)",
  },
  unresolved: {
    en: "it points at a node the source does not describe",
    fr: "elle désigne un nœud que la source ne décrit pas",
  },
  rejected: {
    en: "its record was rejected (a violation says why)",
    fr: "son enregistrement a été rejeté (une violation dit pourquoi)",
  },
  "not-mapped": {
    en: "no field of the mapping file reads this column",
    fr: "aucun champ du fichier de correspondance ne lit cette colonne",
  },
  "outside-programme": {
    en: "its node is not part of a programme (page furniture or an unsupported type)",
    fr: "son nœud ne fait pas partie d'une programmation (habillage de page ou type non pris en charge)",
  },
} as const;
export type NotCarriedReason = keyof typeof NOT_CARRIED_REASONS;

/** One property's account. Always `seen === carried + repaired + notCarried`. */
export interface LedgerRow {
  readonly property: string;
  readonly seen: number;
  readonly carried: number;
  readonly repaired: number;
  readonly notCarried: number;
  /** Repairs by fix kind (the first fix of each repaired value). */
  readonly fixes: Partial<Record<FixKind, number>>;
  /** Not carried, by reason. */
  readonly reasons: Partial<Record<NotCarriedReason, number>>;
}

interface MutableRow {
  seen: number;
  carried: number;
  repaired: number;
  notCarried: number;
  fixes: Map<FixKind, number>;
  reasons: Map<NotCarriedReason, number>;
}

const PREFIXES: readonly [string, string][] = [
  [SCHEMA, "schema:"],
  [PROV, "prov:"],
  [VIVANT, "vivant:"],
];

/** `http://schema.org/name` → `schema:name`, `rdf:type` → `@type`; other IRIs stay whole. */
export function propertyLabel(iri: string): string {
  if (iri === RDF_TYPE) return "@type";
  for (const [ns, prefix] of PREFIXES) if (iri.startsWith(ns)) return prefix + iri.slice(ns.length);
  return iri;
}

/** Counts, per source property, what became of its values. */
export class Ledger {
  readonly #rows = new Map<string, MutableRow>();

  #row(property: string): MutableRow {
    let r = this.#rows.get(property);
    if (!r)
      this.#rows.set(
        property,
        (r = { seen: 0, carried: 0, repaired: 0, notCarried: 0, fixes: new Map(), reasons: new Map() }),
      );
    return r;
  }

  /** A value of `property` was read from the source. */
  seen(property: string, n = 1): void {
    this.#row(property).seen += n;
  }

  carried(property: string, n = 1): void {
    this.#row(property).carried += n;
  }

  repaired(property: string, fix: FixKind, n = 1): void {
    const r = this.#row(property);
    r.repaired += n;
    r.fixes.set(fix, (r.fixes.get(fix) ?? 0) + n);
  }

  notCarried(property: string, reason: NotCarriedReason, n = 1): void {
    const r = this.#row(property);
    r.notCarried += n;
    r.reasons.set(reason, (r.reasons.get(reason) ?? 0) + n);
  }

  merge(other: Ledger): this {
    for (const row of other.rows()) {
      const r = this.#row(row.property);
      r.seen += row.seen;
      r.carried += row.carried;
      r.repaired += row.repaired;
      r.notCarried += row.notCarried;
      for (const [k, n] of Object.entries(row.fixes) as [FixKind, number][]) r.fixes.set(k, (r.fixes.get(k) ?? 0) + n);
      for (const [k, n] of Object.entries(row.reasons) as [NotCarriedReason, number][])
        r.reasons.set(k, (r.reasons.get(k) ?? 0) + n);
    }
    return this;
  }

  /** Every property, in code-point order. */
  rows(): LedgerRow[] {
    return [...this.#rows]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([property, r]) => ({
        property,
        seen: r.seen,
        carried: r.carried,
        repaired: r.repaired,
        notCarried: r.notCarried,
        fixes: Object.fromEntries(r.fixes),
        reasons: Object.fromEntries(r.reasons),
      }));
  }

  /** Totals over every property. */
  totals(): { seen: number; carried: number; repaired: number; notCarried: number } {
    const t = { seen: 0, carried: 0, repaired: 0, notCarried: 0 };
    for (const r of this.#rows.values()) {
      t.seen += r.seen;
      t.carried += r.carried;
      t.repaired += r.repaired;
      t.notCarried += r.notCarried;
    }
    return t;
  }

  /** Properties whose account does not add up (a bug in an importer: never expected). */
  unbalanced(): string[] {
    return [...this.#rows].filter(([, r]) => r.seen !== r.carried + r.repaired + r.notCarried).map(([p]) => p);
  }

  /** Properties not carried for `reason`, with their counts. */
  notCarriedFor(reason: NotCarriedReason): [string, number][] {
    const out: [string, number][] = [];
    for (const [p, r] of this.#rows) {
      const n = r.reasons.get(reason);
      if (n) out.push([p, n]);
    }
    return out.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }

  /**
   * One `import/not-carried` problem per property and reason: an info for what Vivant does not model on
   * purpose, for rejected records and for nodes outside the programme (each said elsewhere); a warning otherwise.
   */
  problems(): Problem[] {
    const out: Problem[] = [];
    for (const row of this.rows()) {
      for (const [reason, n] of Object.entries(row.reasons) as [NotCarriedReason, number][]) {
        const why = NOT_CARRIED_REASONS[reason];
        out.push(
          problem({
            code: "import/not-carried",
            severity: reason === "invalid" || reason === "unresolved" ? "warning" : "info",
            entity: "property",
            path: row.property,
            value: n,
            message: {
              en: `${row.property}: ${n} value${n === 1 ? "" : "s"} not carried: ${why.en}`,
              fr: `${row.property} : ${n} valeur${n === 1 ? "" : "s"} non reprise${n === 1 ? "" : "s"} : ${why.fr}`,
            },
            expected: { en: "a property Vivant carries", fr: "une propriété que Vivant reprend" },
            hint:
              reason === "not-modelled" || reason === "not-mapped"
                ? {
                    en: "nothing to do: the README lists what Vivant leaves out and why",
                    fr: "rien à faire : le README liste ce que Vivant laisse de côté et pourquoi",
                  }
                : {
                    en: "see the other problems of this report for the values concerned",
                    fr: "voir les autres problèmes de ce rapport pour les valeurs concernées",
                  },
          }),
        );
      }
    }
    return out;
  }

  toJSON(): { totals: ReturnType<Ledger["totals"]>; properties: LedgerRow[] } {
    return { totals: this.totals(), properties: this.rows() };
  }

  /** The summary's lines: one per property, `seen / carried / repaired / not carried`. */
  summaryLines(lang: Lang = "en"): string[] {
    const tot = this.totals();
    const lines = [
      t(
        "summary/ledger-total",
        { seen: tot.seen, carried: tot.carried, repaired: tot.repaired, notCarried: tot.notCarried },
        lang,
      ),
    ];
    for (const r of this.rows()) {
      const reasons = (Object.entries(r.reasons) as [NotCarriedReason, number][])
        .map(([k, n]) => `${t(`ledger/reason/${k}`, {}, lang)} ${n}`)
        .join(", ");
      lines.push(
        t(
          "summary/ledger-row",
          {
            property: r.property,
            seen: r.seen,
            carried: r.carried,
            repaired: r.repaired,
            notCarried: r.notCarried,
            reasons: reasons ? ` (${reasons})` : "",
          },
          lang,
        ),
      );
    }
    return lines;
  }
}

/** Repairs noted while normalising: node → property → the first fix applied to one of its values. */
export class RepairLog {
  readonly #byNode = new Map<string, Map<string, FixKind>>();

  note(node: string, property: string, fix: FixKind): void {
    let m = this.#byNode.get(node);
    if (!m) this.#byNode.set(node, (m = new Map<string, FixKind>()));
    if (!m.has(property)) m.set(property, fix);
  }

  get(node: string, property: string): FixKind | undefined {
    return this.#byNode.get(node)?.get(property);
  }

  /** Every (node, property, first fix) noted. */
  *entries(): IterableIterator<[string, string, FixKind]> {
    for (const [node, m] of this.#byNode) for (const [p, f] of m) yield [node, p, f];
  }

  /** After merging duplicates (`from` → `into`), the repairs of `from` count for `into`. */
  rename(from: string, into: string): void {
    const m = this.#byNode.get(from);
    if (!m) return;
    for (const [p, f] of m) this.note(into, p, f);
  }
}

const REASONS = Object.keys(NOT_CARRIED_REASONS) as NotCarriedReason[];
const REASON_CODE = new Map(REASONS.map((r, i) => [r, i + 2]));
/** Marks: 0 unmarked, 1 carried, 2 + i the i-th reason of NOT_CARRIED_REASONS. */
export const CARRIED = 1;
/** Marks per property in a tally's counts (`counts[id * MARKS + mark]`). */
export const MARKS = REASONS.length + 2;

/** The mark of a reason (see CARRIED). */
export function reasonCode(reason: NotCarriedReason): number {
  return REASON_CODE.get(reason)!;
}

/** What a tally hands to the ledger: per property id, seen, counts by mark, and repairs by fix kind. */
export interface TallyCounts {
  readonly props: readonly string[];
  readonly seen: Float64Array;
  /** `counts[id * MARKS + mark]`; mark 0 is never counted (unmarked values are given a reason first). */
  readonly counts: Float64Array;
  readonly repaired: ReadonlyMap<number, ReadonlyMap<FixKind, number>>;
}

/** Adds a tally's counts to the ledger, property by property (those seen at least once). */
export function settleCounts(ledger: Ledger, c: TallyCounts, label: (p: string) => string): Ledger {
  for (let id = 0; id < c.props.length; id++) {
    if (c.seen[id] === 0) continue;
    const property = label(c.props[id]!);
    ledger.seen(property, c.seen[id]);
    const carried = c.counts[id * MARKS + CARRIED]!;
    if (carried) ledger.carried(property, carried);
    for (let r = 0; r < REASONS.length; r++) {
      const k = c.counts[id * MARKS + r + 2]!;
      if (k) ledger.notCarried(property, REASONS[r]!, k);
    }
    for (const [fix, k] of c.repaired.get(id) ?? []) ledger.repaired(property, fix, k);
  }
  return ledger;
}

/** Counts one repaired value of property `id`. */
export function countRepair(repaired: Map<number, Map<FixKind, number>>, id: number, fix: FixKind): void {
  let m = repaired.get(id);
  if (!m) repaired.set(id, (m = new Map<FixKind, number>()));
  m.set(fix, (m.get(fix) ?? 0) + 1);
}

/** One node's properties (interned ids) and their marks, side by side; `rejected` is a reason code or 0. */
interface NodeAccount {
  readonly ids: number[];
  readonly marks: number[];
  rejected: number;
}

/**
 * The account of one source, node by node: each (node, property) seen is marked carried or not carried
 * (a value dropped wins over one carried for the same property), a rejected node's properties are all not
 * carried, and what is left unmarked at the end is a property Vivant does not model. Properties are interned
 * and each node keeps two small arrays: the tally costs a few percent of an import, not a map per node. The last
 * node asked for is kept at hand (importers and the harvest go through a graph subject by subject).
 */
export class SourceTally {
  readonly #nodes = new Map<string, NodeAccount>();
  readonly #propIds = new Map<string, number>();
  readonly #props: string[] = [];
  #lastNode: string | undefined;
  #last: NodeAccount | undefined;

  #id(property: string): number {
    let id = this.#propIds.get(property);
    if (id === undefined) {
      id = this.#props.length;
      this.#propIds.set(property, id);
      this.#props.push(property);
    }
    return id;
  }

  #account(node: string): NodeAccount | undefined {
    if (node === this.#lastNode) return this.#last;
    const a = this.#nodes.get(node);
    if (a) {
      this.#lastNode = node;
      this.#last = a;
    }
    return a;
  }

  /** Seeds the tally with a (node, property) pair found in the source; `carried` marks it carried at once. */
  seen(node: string, property: string, carried = false): void {
    const id = this.#id(property);
    let a = this.#account(node);
    if (!a) {
      this.#nodes.set(node, (a = { ids: [], marks: [], rejected: 0 }));
      this.#lastNode = node;
      this.#last = a;
    }
    const i = a.ids.indexOf(id);
    if (i < 0) {
      a.ids.push(id);
      a.marks.push(carried ? CARRIED : 0);
    } else if (carried && a.marks[i] === 0) a.marks[i] = CARRIED;
  }

  /** Seeds the tally with the properties of a graph's subjects, as a QuadIndex holds them (its strings, each pair once). */
  seenIndex(ix: {
    readonly subjects: readonly string[];
    properties(subject: string): ReadonlyMap<string, unknown>;
  }): void {
    for (const s of ix.subjects) for (const p of ix.properties(s).keys()) this.seen(s, p);
  }

  /** Seeds the tally with every non-empty property of a JSON object (a document, a row): `prefix` names nested ones. */
  seenObject(node: string, value: Record<string, unknown>, prefix = ""): void {
    for (const k in value) {
      const v = value[k];
      if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0)) continue;
      this.seen(node, prefix + k);
    }
  }

  #index(node: string, property: string): [NodeAccount, number] | undefined {
    const a = this.#account(node);
    const id = this.#propIds.get(property);
    if (!a || id === undefined) return undefined;
    const i = a.ids.indexOf(id);
    return i < 0 ? undefined : [a, i];
  }

  carry(node: string, property: string): void {
    const x = this.#index(node, property);
    if (x && x[0].marks[x[1]] === 0) x[0].marks[x[1]] = CARRIED;
  }

  drop(node: string, property: string, reason: NotCarriedReason): void {
    const x = this.#index(node, property);
    if (x) x[0].marks[x[1]] = reasonCode(reason);
  }

  /** Every property of the node is not carried (its record was rejected, or it is outside the programme). */
  reject(node: string, reason: NotCarriedReason = "rejected"): void {
    const a = this.#account(node);
    if (a && a.rejected === 0) a.rejected = reasonCode(reason);
  }

  /** Whether the node was seen and its (node, property) carried so far. */
  isCarried(node: string, property: string): boolean {
    const x = this.#index(node, property);
    return x !== undefined && x[0].rejected === 0 && x[0].marks[x[1]] === CARRIED;
  }

  /** Adds the account to the ledger; a carried value with a noted repair counts as repaired. */
  settle(
    ledger: Ledger,
    repairs?: RepairLog,
    label: (p: string) => string = propertyLabel,
    unmarked: NotCarriedReason = "not-modelled",
  ): Ledger {
    const n = this.#props.length;
    // counts[id * MARKS + mark]: seen by mark (0 stands for the unmarked, settled below)
    const counts = new Float64Array(n * MARKS);
    const seen = new Float64Array(n);
    const outside = reasonCode("outside-programme");
    const rest = reasonCode(unmarked);
    const repaired = new Map<number, Map<FixKind, number>>();
    for (const [node, a] of this.#nodes) {
      const { ids, marks } = a;
      if (a.rejected !== 0) {
        for (let i = 0; i < ids.length; i++) {
          seen[ids[i]!]!++;
          counts[ids[i]! * MARKS + a.rejected]!++;
        }
        continue;
      }
      // A node none of whose properties went into a record is outside the programme (a web page, a logo, a
      // concept of a thesaurus); "not modelled" names the properties left out of nodes that were carried.
      const unmarkedCode = marks.includes(CARRIED) ? rest : outside;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        const mark = marks[i]!;
        seen[id]!++;
        if (mark === CARRIED && repairs !== undefined) {
          const fix = repairs.get(node, this.#props[id]!);
          if (fix !== undefined) {
            countRepair(repaired, id, fix);
            continue;
          }
        }
        counts[id * MARKS + (mark === 0 ? unmarkedCode : mark)]!++;
      }
    }
    return settleCounts(ledger, { props: this.#props, seen, counts, repaired }, label);
  }
}
