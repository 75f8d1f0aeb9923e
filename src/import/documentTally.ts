// The fidelity ledger's account of a source whose nodes each come whole, one after the other (the documents of a
// JSON export): the same rules and the same ledger as SourceTally (src/harvest/ledger.ts), without a map per node.
// Properties are numbered once; a node's values go into one flat buffer as they are read (a stamp per property
// keeps one entry per node and property), and each node's outcome (kept as marked, rejected, outside the
// programme) is applied when the account is settled.

import { CARRIED, MARKS, reasonCode, settleCounts, type Ledger, type NotCarriedReason } from "../harvest/ledger.js";
import type { FixKind } from "../harvest/fixes.js";

export class DocumentTally {
  readonly #ids = new Map<string, number>();
  readonly #props: string[] = [];
  /** Per property id: 1 + the last node that saw it, and where that node's entry is in #buf. */
  #stamp = new Int32Array(64);
  #pos = new Int32Array(64);
  /** Every node's entries, node after node: `id * 2 + (carried ? 1 : 0)`. */
  #buf = new Int32Array(1024);
  #len = 0;
  /** Node n's entries start at #starts[n]. */
  readonly #starts: number[] = [];
  /** Node n's outcome: 0 as marked, else the code of the reason all its properties are not carried for. */
  #outcome = new Uint8Array(64);

  /** The number of a property (callers keep it, so that counting a value looks nothing up). */
  id(property: string): number {
    let id = this.#ids.get(property);
    if (id === undefined) {
      id = this.#props.length;
      this.#ids.set(property, id);
      this.#props.push(property);
      if (id >= this.#stamp.length) {
        const stamp = new Int32Array(2 * this.#stamp.length);
        stamp.set(this.#stamp);
        this.#stamp = stamp;
        const pos = new Int32Array(2 * this.#pos.length);
        pos.set(this.#pos);
        this.#pos = pos;
      }
    }
    return id;
  }

  /** Starts the next node (the values `seen` from now on are its own); returns its number, for `reject`. */
  node(): number {
    const n = this.#starts.length;
    this.#starts.push(this.#len);
    if (n >= this.#outcome.length) {
      const outcome = new Uint8Array(2 * this.#outcome.length);
      outcome.set(this.#outcome);
      this.#outcome = outcome;
    }
    return n;
  }

  /** A value of property `id` in the current node; `carried` marks the (node, property) carried. */
  seen(id: number, carried: boolean): void {
    const node = this.#starts.length;
    if (this.#stamp[id] === node) {
      if (carried) this.#buf[this.#pos[id]!]! |= 1;
      return;
    }
    this.#stamp[id] = node;
    if (this.#len === this.#buf.length) {
      const buf = new Int32Array(2 * this.#buf.length);
      buf.set(this.#buf);
      this.#buf = buf;
    }
    this.#pos[id] = this.#len;
    this.#buf[this.#len++] = id * 2 + (carried ? 1 : 0);
  }

  /** Every property of node `n` is not carried (its record was rejected, or it is outside the programme). */
  reject(n: number, reason: NotCarriedReason = "rejected"): void {
    if (n < this.#starts.length && this.#outcome[n] === 0) this.#outcome[n] = reasonCode(reason);
  }

  /**
   * Adds the account to the ledger as SourceTally.settle does: a node none of whose properties was carried is
   * outside the programme, the unmarked properties of the others are `unmarked`.
   */
  settle(ledger: Ledger, label: (p: string) => string = (p) => p, unmarked: NotCarriedReason = "not-modelled"): Ledger {
    const n = this.#props.length;
    const counts = new Float64Array(n * MARKS);
    const seen = new Float64Array(n);
    const outside = reasonCode("outside-programme");
    const rest = reasonCode(unmarked);
    const buf = this.#buf;
    const nodes = this.#starts.length;
    for (let node = 0; node < nodes; node++) {
      const from = this.#starts[node]!;
      const to = node + 1 < nodes ? this.#starts[node + 1]! : this.#len;
      const outcome = this.#outcome[node]!;
      let anyCarried = false;
      if (outcome === 0) for (let i = from; i < to; i++) if (buf[i]! & 1) anyCarried = true;
      const unmarkedCode = anyCarried ? rest : outside;
      for (let i = from; i < to; i++) {
        const e = buf[i]!;
        const id = e >> 1;
        seen[id]!++;
        counts[id * MARKS + (outcome !== 0 ? outcome : e & 1 ? CARRIED : unmarkedCode)]!++;
      }
    }
    return settleCounts(
      ledger,
      { props: this.#props, seen, counts, repaired: new Map<number, Map<FixKind, number>>() },
      label,
    );
  }
}
