// The fidelity ledger of a harvest or an import: every property of every source node ends in exactly one
// of carried (mapped as written), repaired (mapped after a fix, by kind) or not carried (with a reason).
// Harvest and every importer fill it through a `SourceTally`; the summary, the --report JSON and the
// `import/not-carried` problems are read from it, so that nothing is dropped without a word.

import type { Lang, Problem } from "../errors.js";
import { t } from "../i18n.js";
import type { FixKind } from "./fixes.js";
import { NOT_CARRIED_REASONS, type NotCarriedReason } from "./ledger-terms.js";
import { problem } from "./problems.js";

export { NOT_CARRIED_REASONS, propertyLabel, type NotCarriedReason } from "./ledger-terms.js";
export { CARRIED, countRepair, MARKS, reasonCode, settleCounts, SourceTally, type TallyCounts } from "./tally.js";

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
