// Progress of long harvests and imports: a bar redrawn in place on a terminal, a counter line every
// few seconds otherwise (logs, CI), and the final summary both print.

import { pushAll } from "../arrays.js";
import type { Fixes } from "./fixes.js";
import type { Ledger } from "./ledger.js";

export interface ProgressOptions {
  readonly stream: NodeJS.WritableStream;
  /** Redraw one line in place (terminal) or print periodic lines (pipes, logs). */
  readonly isTTY: boolean;
  /** e.g. `pages`, `rows`. */
  readonly unit: string;
  /** Least time between two counter lines when not a terminal, in ms. @default 2000 */
  readonly intervalMs?: number;
}

export class Progress {
  readonly #o: ProgressOptions;
  #last = -Infinity;
  #drawn = false;

  constructor(options: ProgressOptions) {
    this.#o = options;
  }

  /** `done` of `total` (total may grow), with extra counters such as `{ entities: 120, failed: 2 }`. */
  update(done: number, total: number, counters: Readonly<Record<string, number>> = {}): void {
    const extra = Object.entries(counters).map(([k, v]) => `${v} ${k}`).join(" · ");
    if (this.#o.isTTY) {
      const width = 24;
      const filled = total > 0 ? Math.min(width, Math.round((done / total) * width)) : 0;
      this.#o.stream.write(`\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total} ${this.#o.unit}${extra ? ` · ${extra}` : ""}\x1b[K`);
      this.#drawn = true;
      return;
    }
    const now = Date.now();
    if (done < total && now - this.#last < (this.#o.intervalMs ?? 2000)) return;
    this.#last = now;
    this.#o.stream.write(`${done}/${total} ${this.#o.unit}${extra ? ` · ${extra}` : ""}\n`);
  }

  /** Ends the bar's line on a terminal. */
  done(): void {
    if (this.#drawn) this.#o.stream.write("\n");
    this.#drawn = false;
  }
}

export interface Summary {
  /** e.g. `["pages read", 165]`, `["rows read", 7283]`. */
  readonly read: readonly [string, number][];
  /** Entities loaded (or written) by kind. */
  readonly entities: Readonly<Record<string, number>>;
  readonly fixes: Fixes;
  /** Rejections (or failures) by reason code. */
  readonly rejections: readonly [string, number][];
  readonly failures?: readonly [string, number][];
  /** The fidelity ledger: per property, seen / carried / repaired / not carried. */
  readonly ledger?: Ledger;
}

/** The final summary, one fact per line. */
export function formatSummary(s: Summary): string {
  const lines: string[] = [];
  for (const [label, n] of s.read) lines.push(`${label}: ${n}`);
  const ents = Object.entries(s.entities).filter(([, n]) => n > 0);
  lines.push(`entities: ${ents.length ? ents.map(([k, n]) => `${n} ${k}`).join(", ") : "none"}`);
  const fixes = s.fixes.entries();
  lines.push(`fixes applied: ${fixes.length ? fixes.reduce((t, [, n]) => t + n, 0) : 0}`);
  for (const [k, n] of fixes) lines.push(`  ${k}: ${n}`);
  if (s.failures) {
    lines.push(`failed URLs: ${s.failures.reduce((t, [, n]) => t + n, 0)}`);
    for (const [k, n] of s.failures) lines.push(`  ${k}: ${n}`);
  }
  lines.push(`rejected: ${s.rejections.reduce((t, [, n]) => t + n, 0)}`);
  for (const [k, n] of s.rejections) lines.push(`  ${k}: ${n}`);
  if (s.ledger) pushAll(lines, s.ledger.summaryLines());
  return lines.join("\n");
}
