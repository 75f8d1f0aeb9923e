// Runs the vivant CLI in-process with captured output, so tests never depend on a stale dist/.

import { Writable } from "node:stream";
import { main } from "../../src/cli/main.js";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function sink(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

export async function runCli(argv: readonly string[], cwd = process.cwd()): Promise<CliRun> {
  const out = sink();
  const err = sink();
  const code = await main(argv, { stdout: out.stream, stderr: err.stream, cwd, isTTY: false, env: {} });
  return { code, stdout: out.text(), stderr: err.text() };
}
