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
