// What a CLI command receives: its arguments and the process streams (replaceable in tests).

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Working directory that relative paths resolve against. */
  readonly cwd: string;
  /** Whether stderr is a terminal (progress bars) or not (periodic counters). */
  readonly isTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, rejected: 1, unusable: 2 } as const;

export interface Command {
  readonly name: string;
  /** One line for `vivant --help`. */
  readonly summary: string;
  /** Full `vivant <name> --help` text. */
  readonly help: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
