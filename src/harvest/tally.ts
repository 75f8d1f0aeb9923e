// The tallies that fill a fidelity ledger: a mark per (node, property) seen in a source (carried, or not carried
// for a reason), and how marks counted per property are settled into a `Ledger`. `SourceTally` is the general one;
// the importers' own tallies (tableTally, documentTally…) count in the same marks and settle through `settleCounts`.

import type { FixKind } from "./fixes.js";
import type { Ledger, RepairLog } from "./ledger.js";
import { NOT_CARRIED_REASONS, propertyLabel, type NotCarriedReason } from "./ledger-terms.js";

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
