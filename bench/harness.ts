// What every benchmark module returns, so one runner can write results and the README summary.

export interface BenchOptions {
  /** Smaller sizes for a smoke run (`npm run bench -- --quick`). */
  readonly quick: boolean;
  readonly log: (line: string) => void;
}

export interface BenchRow {
  /** e.g. `map 100k performances: vivant direct quads`. */
  readonly label: string;
  readonly value: number;
  /** e.g. `performances/s`, `ms`, `MiB`. */
  readonly unit: string;
}

export interface BenchReport {
  readonly name: string;
  readonly rows: readonly BenchRow[];
  /** Side-by-side comparisons measured in the same run: ours ÷ peer's, > 1 means faster. */
  readonly ratios: readonly { readonly label: string; readonly ratio: number; readonly target?: number }[];
  /** Environment or caveats worth printing with the figures. */
  readonly notes: readonly string[];
}

export interface BenchModule {
  readonly name: string;
  run(options: BenchOptions): Promise<BenchReport>;
}

/** Runs `fn` and returns elapsed milliseconds (high resolution). */
export async function timeMs(fn: () => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Runs `fn` and returns the CPU time this process spent (user + system, ms): less sensitive to other load than wall time. */
export async function cpuMs(fn: () => unknown): Promise<{ cpu: number; wall: number }> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await fn();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall: Number(process.hrtime.bigint() - t0) / 1e6 };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The cost of an option, measured robustly on a loaded machine: `rounds` pairs of runs with it on and off, the order
 * alternating from pair to pair (a drift in load hits both), timed in CPU time; the answer is the median of the pairs'
 * ratios (on ÷ off) and the median times. One warm-up pair first, not counted.
 */
export async function pairedCost(
  rounds: number,
  run: (on: boolean) => unknown,
): Promise<{ ratio: number; on: number; off: number; wallRatio: number; pairs: number }> {
  await run(true);
  await run(false);
  const ratios: number[] = [];
  const wallRatios: number[] = [];
  const on: number[] = [];
  const off: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? [true, false] : [false, true];
    const t: Record<string, { cpu: number; wall: number }> = {};
    for (const o of order) t[String(o)] = await cpuMs(() => run(o));
    ratios.push(t.true!.cpu / t.false!.cpu);
    wallRatios.push(t.true!.wall / t.false!.wall);
    on.push(t.true!.cpu);
    off.push(t.false!.cpu);
  }
  return { ratio: median(ratios), on: median(on), off: median(off), wallRatio: median(wallRatios), pairs: rounds };
}
