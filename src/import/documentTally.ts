// The fidelity ledger's account of a source whose nodes each come whole, one after the other (the documents of a
// JSON export), once the importer has decided what became of each: the same rules and the same ledger as
// SourceTally (src/harvest/ledger.ts), without a map per node and without keeping the nodes. Properties are
// numbered once; the node being counted keeps its entries in one small buffer, reused from node to node (a stamp per
// property keeps one entry per node and property), and each node is added to the counts when the next one starts.

import { CARRIED, MARKS, reasonCode, settleCounts, type Ledger, type NotCarriedReason } from "../harvest/ledger.js";
import type { FixKind } from "../harvest/fixes.js";

/** An Int32Array twice as long as `a` (at least `min`), with a's values. */
function grown(a: Int32Array<ArrayBuffer>, min: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(2 * a.length, min));
  b.set(a);
  return b;
}

export class DocumentTally {
  readonly #ids = new Map<string, number>();
  readonly #props: string[] = [];
  /** Per property id: the number of the last node that saw it (nodes are numbered from 1), and its entry's place. */
  #stamp = new Int32Array(64);
  #pos = new Int32Array(64);
  /** The current node's entries: `id * 2 + (carried ? 1 : 0)`. */
  #cur = new Int32Array(64);
  #len = 0;
  #node = 0;
  /** The current node's outcome: 0 as marked, else the code of the reason none of its properties is carried. */
  #outcome = 0;
  /** Per property id, seen by mark (`id * MARKS + mark`; mark 0 counts the unmarked of nodes with a carried property). */
  #counts = new Float64Array(64 * MARKS);

  /** The number of a property (callers keep it, so that counting a value looks nothing up). */
  id(property: string): number {
    let id = this.#ids.get(property);
    if (id === undefined) {
      id = this.#props.length;
      this.#ids.set(property, id);
      this.#props.push(property);
      if (id >= this.#stamp.length) {
        this.#stamp = grown(this.#stamp, id + 1);
        this.#pos = grown(this.#pos, id + 1);
      }
      if ((id + 1) * MARKS > this.#counts.length) {
        const counts = new Float64Array(2 * this.#counts.length);
        counts.set(this.#counts);
        this.#counts = counts;
      }
    }
    return id;
  }

  /**
   * Starts the next node (the values `seen` from now on are its own). `notCarried` is what became of it when no
   * property of it is carried (its record was rejected, or it is outside the programme); without it, each
   * property is carried as `seen` marks it.
   */
  node(notCarried?: NotCarriedReason): void {
    this.#flush();
    this.#node++;
    this.#outcome = notCarried === undefined ? 0 : reasonCode(notCarried);
  }

  /** A value of property `id` in the current node; `carried` marks the (node, property) carried. */
  seen(id: number, carried: boolean): void {
    if (this.#stamp[id] === this.#node) {
      if (carried) this.#cur[this.#pos[id]!]! |= 1;
      return;
    }
    this.#stamp[id] = this.#node;
    if (this.#len === this.#cur.length) this.#cur = grown(this.#cur, 0);
    this.#pos[id] = this.#len;
    this.#cur[this.#len++] = id * 2 + (carried ? 1 : 0);
  }

  /** Adds the current node to the counts: a node none of whose properties is carried is outside the programme. */
  #flush(): void {
    const cur = this.#cur;
    const counts = this.#counts;
    const len = this.#len;
    this.#len = 0;
    if (this.#outcome !== 0) {
      const o = this.#outcome;
      for (let i = 0; i < len; i++) counts[(cur[i]! >> 1) * MARKS + o]!++;
      return;
    }
    let anyCarried = false;
    for (let i = 0; i < len && !anyCarried; i++) anyCarried = (cur[i]! & 1) === 1;
    const unmarked = anyCarried ? 0 : reasonCode("outside-programme");
    for (let i = 0; i < len; i++) {
      const e = cur[i]!;
      counts[(e >> 1) * MARKS + (e & 1 ? CARRIED : unmarked)]!++;
    }
  }

  /**
   * Adds the account to the ledger as SourceTally.settle does: the unmarked properties of nodes with a carried
   * property are `unmarked`.
   */
  settle(ledger: Ledger, label: (p: string) => string = (p) => p, unmarked: NotCarriedReason = "not-modelled"): Ledger {
    this.#flush();
    this.#outcome = 0;
    const n = this.#props.length;
    const counts = this.#counts.slice(0, n * MARKS);
    const seen = new Float64Array(n);
    const rest = reasonCode(unmarked);
    for (let id = 0; id < n; id++) {
      const at = id * MARKS;
      counts[at + rest]! += counts[at]!;
      counts[at] = 0;
      for (let m = 1; m < MARKS; m++) seen[id]! += counts[at + m]!;
    }
    return settleCounts(
      ledger,
      { props: this.#props, seen, counts, repaired: new Map<number, Map<FixKind, number>>() },
      label,
    );
  }
}
