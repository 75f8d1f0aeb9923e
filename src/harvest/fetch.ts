// Polite HTTP for harvest: robots.txt honoured, a per-host gate (concurrency and delay between
// requests, robots Crawl-delay when larger), a timeout over the whole exchange, a body size cap and
// redirects followed by hand (counted, loops detected). Failures are values, never throws.

import robotsParserModule from "robots-parser";

// robots-parser is CommonJS (`module.exports = fn`); its typings declare an ES default export.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => Robots;

export interface FetchPolicy {
  /**
   * Sent as User-Agent and matched against robots.txt groups.
   * @default "VivantHarvester/0.1 (+https://vivant.dev/harvest)"
   */
  readonly userAgent: string;
  /** Whole exchange (redirects and body included), in milliseconds. @default 15000 */
  readonly timeoutMs: number;
  /** Largest body read, in bytes; bigger pages fail with `too-large`. @default 5242880 (5 MiB) */
  readonly maxBytes: number;
  /** Redirects followed before failing with `too-many-redirects`. @default 5 */
  readonly maxRedirects: number;
  /** Requests in flight at once to one host. @default 2 */
  readonly perHostConcurrency: number;
  /** Least time between two request starts to one host, in ms (robots Crawl-delay wins when larger). @default 1000 */
  readonly perHostDelayMs: number;
  /** Largest robots.txt Crawl-delay honoured, in ms (a site asking for more is still crawled, that slowly). @default 30000 */
  readonly maxCrawlDelayMs: number;
  /** Read and honour robots.txt. @default true */
  readonly robots: boolean;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = {
  userAgent: "VivantHarvester/0.1 (+https://vivant.dev/harvest)",
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  perHostConcurrency: 2,
  perHostDelayMs: 1000,
  maxCrawlDelayMs: 30_000,
  robots: true,
};

export type FetchErrorCode =
  | "invalid-url"
  | "robots-disallowed"
  | "timeout"
  | "too-large"
  | "too-many-redirects"
  | "redirect-loop"
  | "http-status"
  | "network";

export interface FetchedBody {
  readonly ok: true;
  readonly url: string;
  /** After redirects. */
  readonly finalUrl: string;
  readonly status: number;
  /** Media type without parameters, lower-case (`text/html`), or "" when absent. */
  readonly mediaType: string;
  readonly body: string;
  /** When the response arrived, ISO 8601 UTC. */
  readonly fetchedAt: string;
  readonly redirects: number;
}

export interface FetchFailure {
  readonly ok: false;
  readonly url: string;
  readonly code: FetchErrorCode;
  readonly message: string;
  readonly status?: number;
}

export type FetchOutcome = FetchedBody | FetchFailure;

type FetchFn = typeof globalThis.fetch;

/** Per-host gate: at most `max` in flight, starts spaced by `delayMs`. */
class HostGate {
  #active = 0;
  #nextStart = 0;
  readonly #waiting: (() => void)[] = [];
  constructor(
    readonly max: number,
    public delayMs: number,
  ) {}

  async acquire(): Promise<void> {
    if (this.#active >= this.max) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#active++;
    const now = Date.now();
    const wait = Math.max(0, this.#nextStart - now);
    this.#nextStart = Math.max(now, this.#nextStart) + this.delayMs;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }

  release(): void {
    this.#active--;
    this.#waiting.shift()?.();
  }
}

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class PoliteFetcher {
  readonly policy: FetchPolicy;
  readonly #fetch: FetchFn;
  readonly #gates = new Map<string, HostGate>();
  readonly #robots = new Map<string, Promise<Robots | "disallow-all" | "allow-all">>();

  constructor(policy: Partial<FetchPolicy> = {}, fetchImpl: FetchFn = globalThis.fetch) {
    this.policy = { ...DEFAULT_FETCH_POLICY, ...policy };
    this.#fetch = fetchImpl;
  }

  #gate(origin: string): HostGate {
    let g = this.#gates.get(origin);
    if (!g) this.#gates.set(origin, (g = new HostGate(this.policy.perHostConcurrency, this.policy.perHostDelayMs)));
    return g;
  }

  /** robots.txt of an origin, fetched once. 4xx: everything allowed; unreachable or 5xx: nothing allowed (RFC 9309). */
  #robotsOf(origin: string): Promise<Robots | "disallow-all" | "allow-all"> {
    let r = this.#robots.get(origin);
    if (!r) {
      r = (async () => {
        const robotsUrl = `${origin}/robots.txt`;
        const got = await this.#exchange(robotsUrl, "text/plain", this.policy.maxRedirects, false);
        if (got.ok) {
          const robots = robotsParser(robotsUrl, got.body) as Robots;
          const delay = robots.getCrawlDelay(this.policy.userAgent);
          if (delay !== undefined && Number.isFinite(delay)) {
            const g = this.#gate(origin);
            g.delayMs = Math.max(g.delayMs, Math.min(delay * 1000, this.policy.maxCrawlDelayMs));
          }
          return robots;
        }
        if (got.code === "http-status" && got.status !== undefined && got.status >= 400 && got.status < 500) return "allow-all";
        return "disallow-all";
      })();
      this.#robots.set(origin, r);
    }
    return r;
  }

  async #allowed(url: URL): Promise<boolean> {
    if (!this.policy.robots) return true;
    const robots = await this.#robotsOf(url.origin);
    if (robots === "allow-all") return true;
    if (robots === "disallow-all") return false;
    return robots.isAllowed(url.href, this.policy.userAgent) !== false;
  }

  /** GETs a URL politely. `accept` is sent as the Accept header. */
  get(url: string, accept = "text/html,application/xhtml+xml,application/ld+json;q=0.9,application/xml;q=0.8,*/*;q=0.1"): Promise<FetchOutcome> {
    return this.#exchange(url, accept, this.policy.maxRedirects, this.policy.robots);
  }

  async #exchange(url: string, accept: string, maxRedirects: number, checkRobots: boolean): Promise<FetchOutcome> {
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      return { ok: false, url, code: "invalid-url", message: `not a URL: ${url}` };
    }
    if (current.protocol !== "http:" && current.protocol !== "https:") {
      return { ok: false, url, code: "invalid-url", message: `only http and https are harvested, not ${current.protocol}` };
    }
    const controller = new AbortController();
    // The clock starts with the first request, not while waiting for the host's turn.
    let timer: NodeJS.Timeout | undefined;
    const visited = new Set<string>();
    let redirects = 0;
    try {
      for (;;) {
        if (checkRobots && !(await this.#allowed(current))) {
          return { ok: false, url, code: "robots-disallowed", message: `robots.txt of ${current.origin} disallows ${current.href}` };
        }
        visited.add(current.href);
        const gate = this.#gate(current.origin);
        await gate.acquire();
        timer ??= setTimeout(() => controller.abort(), this.policy.timeoutMs);
        let response: Response;
        try {
          if (controller.signal.aborted) throw new DOMException("aborted", "AbortError");
          response = await this.#fetch(current.href, {
            redirect: "manual",
            signal: controller.signal,
            headers: { "user-agent": this.policy.userAgent, accept },
          });
          if (REDIRECTS.has(response.status)) {
            await response.body?.cancel().catch(() => undefined);
          } else {
            const body = await this.#readBody(response);
            if (typeof body !== "string") return { ok: false, url, ...body };
            if (response.status < 200 || response.status > 299) {
              return { ok: false, url, code: "http-status", status: response.status, message: `HTTP ${response.status} for ${current.href}` };
            }
            return {
              ok: true,
              url,
              finalUrl: current.href,
              status: response.status,
              mediaType: (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase(),
              body,
              fetchedAt: new Date().toISOString(),
              redirects,
            };
          }
        } finally {
          gate.release();
        }
        const location = response.headers.get("location");
        if (!location) return { ok: false, url, code: "http-status", status: response.status, message: `HTTP ${response.status} without Location for ${current.href}` };
        const next = new URL(location, current);
        if (visited.has(next.href)) return { ok: false, url, code: "redirect-loop", message: `redirect loop: ${current.href} → ${next.href}` };
        if (++redirects > maxRedirects) return { ok: false, url, code: "too-many-redirects", message: `more than ${maxRedirects} redirects from ${url}` };
        if (next.protocol !== "http:" && next.protocol !== "https:") return { ok: false, url, code: "invalid-url", message: `redirect to ${next.protocol} refused` };
        current = next;
      }
    } catch (e) {
      if (controller.signal.aborted) return { ok: false, url, code: "timeout", message: `no complete answer within ${this.policy.timeoutMs} ms from ${url}` };
      return { ok: false, url, code: "network", message: `${(e as Error).message}${(e as { cause?: Error }).cause ? `: ${(e as { cause: Error }).cause.message}` : ""}` };
    } finally {
      clearTimeout(timer);
    }
  }

  async #readBody(response: Response): Promise<string | { code: FetchErrorCode; message: string }> {
    const max = this.policy.maxBytes;
    const declared = Number(response.headers.get("content-length") ?? NaN);
    if (Number.isFinite(declared) && declared > max) {
      await response.body?.cancel().catch(() => undefined);
      return { code: "too-large", message: `${declared} bytes announced, more than the ${max}-byte limit` };
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > max) {
          await reader.cancel().catch(() => undefined);
          return { code: "too-large", message: `body larger than the ${max}-byte limit` };
        }
        chunks.push(value);
      }
    }
    const charset = /charset=["']?([\w-]+)/i.exec(response.headers.get("content-type") ?? "")?.[1] ?? "utf-8";
    let decoder: InstanceType<typeof TextDecoder>;
    try {
      decoder = new TextDecoder(charset);
    } catch {
      decoder = new TextDecoder("utf-8");
    }
    return decoder.decode(Buffer.concat(chunks));
  }
}
