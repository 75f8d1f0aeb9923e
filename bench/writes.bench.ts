// Large authenticated writes against simple queries (issue 11, point 7): three ~22 MiB Graph Store PUTs (Vivant
// records, JSON) sent at once while a probe loops `ASK {}` and `/api/performances?limit=1` one after the other; the
// probe's p50 and max per request, and the time the three writes took. The server runs in a child process (its
// event loop is not the client's); probes are bounded in count and time.

import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { BenchModule, BenchRow } from "./harness.js";

interface Child {
  readonly url: string;
  readonly tokens: readonly { graph: string; publisherId: string; token: string }[];
  close(): Promise<void>;
}

async function startChild(writers: number, maxWriteBytes: number | undefined): Promise<Child> {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith(".ts");
  const script = fileURLToPath(new URL(fromSource ? "./writes-child.ts" : "./writes-child.js", import.meta.url));
  const execArgv = fromSource
    ? ["--import", fileURLToPath(new URL("../src/server/dev/ts-register.mjs", import.meta.url))]
    : [];
  const child = spawn(
    process.execPath,
    [...execArgv, script, String(writers), ...(maxWriteBytes ? [String(maxWriteBytes)] : [])],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`writes-child exited with code ${code}`)));
  });
  const info = JSON.parse(line) as Omit<Child, "close">;
  return {
    ...info,
    close: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.stdin.end();
      }),
  };
}

/** The writers' process (bench/writes-sender.ts): `ready` gives the body sizes; `go` sends them all at once. */
function startSender(
  server: Child,
  mib: number,
  budgetMs: number,
): { ready: Promise<number[]>; go(): Promise<{ statuses: number[]; ms: number }> } {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith(".ts");
  const script = fileURLToPath(new URL(fromSource ? "./writes-sender.ts" : "./writes-sender.js", import.meta.url));
  const execArgv = fromSource
    ? ["--import", fileURLToPath(new URL("../src/server/dev/ts-register.mjs", import.meta.url))]
    : [];
  const child = spawn(
    process.execPath,
    [...execArgv, script, server.url, JSON.stringify(server.tokens), String(mib), String(budgetMs)],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const r = await lines.next();
    if (r.done) throw new Error("writes-sender ended early");
    return r.value;
  };
  return {
    ready: next().then((l) => (JSON.parse(l) as { ready: number[] }).ready),
    async go() {
      child.stdin.write("go\n");
      const result = JSON.parse(await next()) as { statuses: number[]; ms: number };
      child.stdin.end();
      return result;
    },
  };
}

function stats(samples: readonly number[]): { p50: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length / 2)] ?? NaN, max: s[s.length - 1] ?? NaN };
}

/**
 * Runs the measure once: `writers` PUTs of `mib` MiB at once, probes until they are answered (at most `budgetMs`);
 * `maxWriteBytes` is the server's write limit (its default when not given). A PUT not answered in time counts as 0.
 */
export async function measureWrites(
  writers: number,
  mib: number,
  budgetMs: number,
  log: (l: string) => void,
  maxWriteBytes?: number,
): Promise<BenchRow[]> {
  const limit = maxWriteBytes ? `write limit ${(maxWriteBytes / 2 ** 20).toFixed(0)} MiB` : "default write limit";
  const child = await startChild(writers, maxWriteBytes);
  try {
    const sender = startSender(child, mib, budgetMs);
    const sizes = await sender.ready;
    log(`${writers} documents of ${sizes.map((b) => (b / 2 ** 20).toFixed(1)).join(", ")} MiB, ${limit}`);
    const askUrl = `${child.url}sparql?query=${encodeURIComponent("ASK {}")}`;
    const apiUrl = `${child.url}api/performances?limit=1`;
    const probeOnce = async (url: string, accept: string): Promise<{ ms: number; status: number }> => {
      const t = performance.now();
      const r = await fetch(url, { headers: { accept } });
      await r.arrayBuffer();
      return { ms: performance.now() - t, status: r.status };
    };
    // Idle figures first (same probe, no write).
    const idleAsk: number[] = [];
    const idleApi: number[] = [];
    for (let i = 0; i < 20; i++) {
      idleAsk.push((await probeOnce(askUrl, "application/sparql-results+json")).ms);
      idleApi.push((await probeOnce(apiUrl, "application/ld+json")).ms);
    }
    const ask: number[] = [];
    const api: number[] = [];
    const failed: string[] = [];
    let writing = true;
    const began = performance.now();
    const probe = (async () => {
      for (let i = 0; i < 10_000 && writing && performance.now() - began < budgetMs; i++) {
        const a = await probeOnce(askUrl, "application/sparql-results+json");
        const b = await probeOnce(apiUrl, "application/ld+json");
        ask.push(a.ms);
        api.push(b.ms);
        if (a.status !== 200 || b.status !== 200) failed.push(`${a.status}/${b.status}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const { statuses, ms: writeMs } = await sender.go();
    writing = false;
    await probe;
    const sa = stats(ask);
    const sp = stats(api);
    const ia = stats(idleAsk);
    const ip = stats(idleApi);
    log(
      `PUT statuses ${statuses.join(", ")}; ${ask.length} probe rounds, failed: ${failed.length ? failed.join(" ") : "none"}`,
    );
    return [
      { label: `${writers} PUTs of ${mib} MiB at once (${limit}): all answered`, value: writeMs, unit: "ms" },
      ...[...new Set(statuses)].map((s) => ({
        label: `PUTs answered ${s || "(no answer in time)"}`,
        value: statuses.filter((x) => x === s).length,
        unit: "writes",
      })),
      { label: "idle ASK {}: p50", value: ia.p50, unit: "ms" },
      { label: "idle ASK {}: max", value: ia.max, unit: "ms" },
      { label: "idle /api/performances: p50", value: ip.p50, unit: "ms" },
      { label: "idle /api/performances: max", value: ip.max, unit: "ms" },
      { label: "ASK {} during the writes: p50", value: sa.p50, unit: "ms" },
      { label: "ASK {} during the writes: max", value: sa.max, unit: "ms" },
      { label: "/api/performances during the writes: p50", value: sp.p50, unit: "ms" },
      { label: "/api/performances during the writes: max", value: sp.max, unit: "ms" },
      { label: "probes not answered 200", value: failed.length, unit: "probes" },
    ];
  } finally {
    await child.close();
  }
}

export const writesBench: BenchModule = {
  name: "writes",
  async run({ quick, log }) {
    const mib = quick ? 9 : 22;
    // At the default limit (8 MiB) the 22 MiB writes are refused (413) before their bodies are read; documents just
    // under the limit are spooled, prepared one at a time in the low-priority write thread, and written.
    const refused = await measureWrites(3, mib, quick ? 60_000 : 300_000, log);
    const under = quick ? 1 : 7.5;
    const accepted = await measureWrites(3, under, quick ? 120_000 : 1_200_000, log);
    return {
      name: "writes",
      rows: [
        ...refused.map((r) => ({ ...r, label: `default limit: ${r.label}` })),
        ...accepted.map((r) => ({ ...r, label: `under the limit: ${r.label}` })),
      ],
      ratios: [],
      notes: [
        "server and writers each in a child process, probes sequential from the parent over loopback (HTTP and client included); 2 query workers",
      ],
    };
  },
};

// `node --import ./src/server/dev/ts-register.mjs bench/writes.bench.ts [MiB] [limit bytes]`: one run, printed.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const mib = Number(process.argv[2] ?? 22);
  const limit = process.argv[3] ? Number(process.argv[3]) : undefined;
  for (const r of await measureWrites(3, mib, 1_200_000, (l) => console.log(l), limit))
    console.log(`${r.label}: ${r.value.toFixed(1)} ${r.unit}`);
}
