// The fidelity ledger's account of a table (a CSV file): node = row (its line), property = column. The same
// rules and the same ledger as SourceTally (src/harvest/ledger.ts), in one byte per cell: the columns are numbered
// once from the header, rows are numbered as they come, and nothing is built per cell (no string, no object).

import type { FixKind } from "../harvest/fixes.js";
import {
  CARRIED,
  countRepair,
  MARKS,
  reasonCode,
  settleCounts,
  type Ledger,
  type NotCarriedReason,
  type RepairLog,
} from "../harvest/ledger.js";

/** The mark of an empty cell: not seen, so not counted. */
const UNSEEN = 255;

export class TableTally {
  readonly #columns: string[] = [];
  readonly #col = new Map<string, number>();
  /** Column → the index of its cell in a row's array: a repeated name's last (as in the row objects, where it is assigned last). */
  readonly #at: number[] = [];
  /** Row slot × column → mark (0 unmarked, CARRIED, a reason's code, or UNSEEN). */
  #marks = new Uint8Array(0);
  /** Row slot → a reason's code when the row was rejected, else 0. */
  #rejected = new Uint8Array(0);
  readonly #lines: number[] = [];
  /** Row line → slot, built when first asked for (settle with repairs, isCarried), not per row. */
  #slots: Map<number, number> | undefined;

  /** `header` as read (a repeated name counts once, as one property). */
  constructor(header: readonly string[]) {
    header.forEach((c, i) => {
      const j = this.#col.get(c);
      if (j !== undefined) this.#at[j] = i;
      else {
        this.#col.set(c, this.#columns.length);
        this.#columns.push(c);
        this.#at.push(i);
      }
    });
  }

  /** A mask of `columns` (unknown names ignored), for `row` and `carryMask`. */
  mask(columns: Iterable<string | undefined>): Uint8Array {
    const m = new Uint8Array(this.#columns.length);
    for (const c of columns) {
      const j = c === undefined ? undefined : this.#col.get(c);
      if (j !== undefined) m[j] = 1;
    }
    return m;
  }

  /**
   * Seeds the tally with the row at `line`, its cells in header order (readCsv's `cells`): each non-empty cell is
   * seen, and carried at once when `carried` masks its column. Returns the row's slot for the other methods.
   */
  row(line: number, cells: readonly (string | undefined)[], carried?: Uint8Array): number {
    const slot = this.#lines.length;
    const width = this.#columns.length;
    if ((slot + 1) * width > this.#marks.length) {
      const grown = new Uint8Array(Math.max(64, 2 * (slot + 1)) * width);
      grown.set(this.#marks);
      this.#marks = grown;
      const rejected = new Uint8Array(Math.max(64, 2 * (slot + 1)));
      rejected.set(this.#rejected);
      this.#rejected = rejected;
    }
    this.#lines.push(line);
    this.#slots = undefined;
    const base = slot * width;
    const at = this.#at;
    const marks = this.#marks;
    if (carried) {
      for (let j = 0; j < width; j++) {
        const v = cells[at[j]!];
        marks[base + j] = v === undefined || v === "" ? UNSEEN : carried[j] ? CARRIED : 0;
      }
    } else {
      for (let j = 0; j < width; j++) {
        const v = cells[at[j]!];
        marks[base + j] = v === undefined || v === "" ? UNSEEN : 0;
      }
    }
    return slot;
  }

  #slotOf(line: number): number | undefined {
    if (this.#slots === undefined) {
      this.#slots = new Map<number, number>();
      for (let slot = 0; slot < this.#lines.length; slot++) this.#slots.set(this.#lines[slot]!, slot);
    }
    return this.#slots.get(line);
  }

  /** The cells of the masked columns not already dropped are carried. */
  carryMask(slot: number, mask: Uint8Array): void {
    const base = slot * this.#columns.length;
    for (let j = 0; j < mask.length; j++) if (mask[j] && this.#marks[base + j] === 0) this.#marks[base + j] = CARRIED;
  }

  /** The cell was not carried, for `reason` (a dropped value wins over a carried one); an empty cell stays unseen. */
  drop(slot: number, column: string, reason: NotCarriedReason): void {
    const j = this.#col.get(column);
    if (j === undefined) return;
    const k = slot * this.#columns.length + j;
    if (this.#marks[k] !== UNSEEN) this.#marks[k] = reasonCode(reason);
  }

  /** Every cell of the row is not carried (its record was rejected). */
  reject(slot: number, reason: NotCarriedReason = "rejected"): void {
    if (this.#rejected[slot] === 0) this.#rejected[slot] = reasonCode(reason);
  }

  /** Whether the cell (row line, column) was seen and carried, its row not rejected. */
  isCarried(line: number, column: string): boolean {
    const slot = this.#slotOf(line);
    const j = this.#col.get(column);
    if (slot === undefined || j === undefined || this.#rejected[slot] !== 0) return false;
    return this.#marks[slot * this.#columns.length + j] === CARRIED;
  }

  /**
   * Adds the account to the ledger, as SourceTally.settle does: a carried cell with a noted repair (RepairLog
   * node = the row's line as text) counts as repaired; an unmarked cell is `unmarked`, or outside the programme
   * when nothing of its row was carried.
   */
  settle(
    ledger: Ledger,
    repairs?: RepairLog,
    label: (c: string) => string = (c) => c,
    unmarked: NotCarriedReason = "not-modelled",
  ): Ledger {
    const width = this.#columns.length;
    const counts = new Float64Array(width * MARKS);
    const seen = new Float64Array(width);
    const outside = reasonCode("outside-programme");
    const rest = reasonCode(unmarked);
    const marks = this.#marks;
    // Repaired cells, by slot and column: each repair found on a carried cell (the first fix of the cell).
    const fixOf = new Map<number, FixKind>();
    if (repairs) {
      for (const [node, column, fix] of repairs.entries()) {
        const slot = this.#slotOf(Number(node));
        const j = this.#col.get(column);
        if (slot !== undefined && j !== undefined) fixOf.set(slot * width + j, fix);
      }
    }
    // Which cells have a repair, so that a carried cell without one looks nothing up.
    const hasFix = new Uint8Array(fixOf.size ? marks.length : 0);
    for (const k of fixOf.keys()) hasFix[k] = 1;
    const repaired = new Map<number, Map<FixKind, number>>();
    for (let slot = 0; slot < this.#lines.length; slot++) {
      const base = slot * width;
      const rejected = this.#rejected[slot]!;
      let anyCarried = false;
      for (let j = 0; j < width; j++) if (marks[base + j] === CARRIED) anyCarried = true;
      const unmarkedCode = anyCarried ? rest : outside;
      for (let j = 0; j < width; j++) {
        const mark = marks[base + j]!;
        if (mark === UNSEEN) continue;
        seen[j]!++;
        if (rejected !== 0) {
          counts[j * MARKS + rejected]!++;
          continue;
        }
        if (mark === CARRIED && hasFix[base + j] === 1) {
          const fix = fixOf.get(base + j);
          if (fix !== undefined) {
            countRepair(repaired, j, fix);
            continue;
          }
        }
        counts[j * MARKS + (mark === 0 ? unmarkedCode : mark)]!++;
      }
    }
    return settleCounts(ledger, { props: this.#columns, seen, counts, repaired }, label);
  }
}
