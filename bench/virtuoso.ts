// Starts a private Virtuoso Open Source (Debian's virtuoso-t) for tests and benchmarks: its own virtuoso.ini in a
// temporary folder, bound to 127.0.0.1 on two ports of the range given (never its defaults 1111/8890), waits until
// its SPARQL endpoint answers, lets the SPARQL user update (Vivant is its only client), and stops it after.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const VIRTUOSO_BIN = "/usr/bin/virtuoso-t";
export const ISQL_BIN = "/usr/bin/isql-vt";

/** The loopback ports this project's Virtuoso instances may use (47000–47099). */
export const VIRTUOSO_PORTS = { first: 47000, last: 47099 } as const;

export interface VirtuosoInstance {
  /** SPARQL endpoint, e.g. `http://127.0.0.1:47001/sparql`. */
  readonly endpoint: string;
  /** Graph Store Protocol endpoint. */
  readonly graphStore: string;
  readonly pid: number;
  readonly dir: string;
  /** Resident memory of the virtuoso-t process, in bytes (from /proc). */
  rss(): number;
  stop(): Promise<void>;
}

/** Whether Debian's Virtuoso is installed. */
export function virtuosoInstalled(): boolean {
  return existsSync(VIRTUOSO_BIN) && existsSync(ISQL_BIN);
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

function ini(dir: string, sqlPort: number, httpPort: number, buffers: number): string {
  return `[Database]
DatabaseFile = ${dir}/virtuoso.db
ErrorLogFile = ${dir}/virtuoso.log
LockFile = ${dir}/virtuoso.lck
TransactionFile = ${dir}/virtuoso.trx
xa_persistent_file = ${dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = ${dir}/virtuoso-temp.db
TransactionFile = ${dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:${sqlPort}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 20
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ${dir}
NumberOfBuffers = ${buffers}
MaxDirtyBuffers = ${Math.round(buffers * 0.75)}
ThreadsPerQuery = 2
MaxQueryMem = 1G
AsyncQueueMaxThreads = 4
[HTTPServer]
ServerPort = 127.0.0.1:${httpPort}
ServerRoot = ${dir}
MaxClientConnections = 20
ServerThreads = 20
MaxKeepAlives = 20
KeepAliveTimeout = 10
Charset = UTF-8
EnabledGzipContent = 0
[SPARQL]
ResultSetMaxRows = 1000000000
MaxSortedTopRows = 1000000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 0
`;
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const r = await fetch(`${endpoint}?query=${encodeURIComponent("ASK {}")}`, {
      headers: { accept: "application/sparql-results+json" },
      signal: AbortSignal.timeout(2000),
    });
    await r.text();
    return r.ok;
  } catch {
    return false;
  }
}

export interface StartOptions {
  /** 8 KiB pages of cache: 170k ≈ 1.3 GiB, Virtuoso's guide for 2 GB of memory. @default 40000 (≈ 310 MiB) */
  readonly buffers?: number;
  /** @default 60000 */
  readonly startTimeoutMs?: number;
}

/**
 * Starts a Virtuoso in a new temporary folder on a free pair of ports in VIRTUOSO_PORTS. Throws when it cannot
 * (not installed, no free port, did not answer in time: the message quotes its log).
 */
export async function startVirtuoso(options: StartOptions = {}): Promise<VirtuosoInstance> {
  if (!virtuosoInstalled())
    throw new Error(`Virtuoso is not installed (${VIRTUOSO_BIN}): apt-get install virtuoso-opensource`);
  // Parallel test files each start their own: a random even offset, then the next pairs.
  const pairs = (VIRTUOSO_PORTS.last - VIRTUOSO_PORTS.first + 1) >> 1;
  const start = Math.floor(Math.random() * pairs);
  let sqlPort = 0;
  for (let i = 0; i < pairs && !sqlPort; i++) {
    const p = VIRTUOSO_PORTS.first + ((start + i) % pairs) * 2;
    if ((await portFree(p)) && (await portFree(p + 1))) sqlPort = p;
  }
  if (!sqlPort) throw new Error(`no free port pair in ${VIRTUOSO_PORTS.first}-${VIRTUOSO_PORTS.last} for Virtuoso`);
  const httpPort = sqlPort + 1;
  const dir = mkdtempSync(join(tmpdir(), "vivant-virtuoso-"));
  writeFileSync(join(dir, "virtuoso.ini"), ini(dir, sqlPort, httpPort, options.buffers ?? 40_000));
  const child: ChildProcess = spawn(VIRTUOSO_BIN, ["+foreground", "+configfile", join(dir, "virtuoso.ini")], {
    cwd: dir,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  let exited: number | null | undefined;
  child.on("exit", (code) => (exited = code));
  const endpoint = `http://127.0.0.1:${httpPort}/sparql`;
  const log = (): string => {
    try {
      return readFileSync(join(dir, "virtuoso.log"), "utf8").split("\n").slice(-15).join("\n");
    } catch {
      return stderr;
    }
  };
  const stop = async (): Promise<void> => {
    if (exited === undefined) {
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited !== undefined) {
      const why = log();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`Virtuoso exited with code ${exited} while starting:\n${why}`);
    }
    if (await answers(endpoint)) break;
    if (Date.now() > deadline) {
      const why = log();
      await stop();
      throw new Error(`Virtuoso did not answer at ${endpoint} within ${options.startTimeoutMs ?? 60_000} ms:\n${why}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  // Vivant is the store's only client (bound to 127.0.0.1, never exposed): its SPARQL user may update.
  const grant = spawnSync(ISQL_BIN, [`127.0.0.1:${sqlPort}`, "dba", "dba", `exec=GRANT SPARQL_UPDATE TO "SPARQL";`], {
    encoding: "utf8",
    timeout: 30_000,
  });
  if (grant.status !== 0) {
    await stop();
    throw new Error(`could not grant SPARQL_UPDATE: ${grant.stderr || grant.stdout}`);
  }
  return {
    endpoint,
    graphStore: `http://127.0.0.1:${httpPort}/sparql-graph-crud`,
    pid: child.pid!,
    dir,
    stop,
    rss: () => {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        return m ? Number(m[1]) * 1024 : NaN;
      } catch {
        return NaN;
      }
    },
  };
}
