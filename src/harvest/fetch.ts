// Polite HTTP for harvest: robots.txt honoured, a per-host gate (concurrency and delay between
// requests, robots Crawl-delay when larger), a timeout over the whole exchange, a body size cap,
// redirects followed by hand (counted, loops detected), 429/503 retried as Retry-After asks (inside
// the timeout), gzip bodies read, and only public addresses contacted unless allowed.
// Failures are values, never throws.
//
// Address policy: a host name is resolved inside the connection (a `lookup` on the HTTP agent), the
// addresses are classified (ipaddr.js) and the socket connects only to an address that passed, so a
// name cannot resolve to a public address for the check and to a private one for the connection (no
// DNS-rebinding gap). An IP literal is classified before any request. Every redirect hop and every
// robots.txt goes through the same path.

import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import ipaddr from "ipaddr.js";
import robotsParserModule from "robots-parser";
import { Agent, fetch as undiciFetch } from "undici";

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
  /**
   * Contact loopback, private (RFC 1918), link-local, unique-local, unspecified, multicast and other
   * non-public addresses (your own intranet; tests on 127.0.0.1). @default false
   */
  readonly allowPrivate: boolean;
  /** Retries of a request answered 429 or 503, each after its Retry-After, all inside `timeoutMs`. @default 2 */
  readonly maxRetries: number;
  /** Wait before a retry when the answer has no usable Retry-After, in ms (doubled at each retry). @default 1000 */
  readonly retryDelayMs: number;
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
  allowPrivate: false,
  maxRetries: 2,
  retryDelayMs: 1000,
};

export type FetchErrorCode =
  | "invalid-url"
  | "robots-disallowed"
  | "timeout"
  | "too-large"
  | "too-many-redirects"
  | "redirect-loop"
  | "http-status"
  | "private-address"
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
  /** Retries after 429/503. */
  readonly retries: number;
  /** The body was gzip (a `.xml.gz` sitemap, `application/gzip`) and was decompressed. */
  readonly gunzipped: boolean;
  /** When this URL's time budget (`timeoutMs`) ends, in `Date.now()` ms: what is done with the body counts too. */
  readonly deadline: number;
  /** Bytes of the body as received (before any gunzip), for what a transfer cost. */
  readonly receivedBytes: number;
  /** The answer's ETag header, when it has one. */
  readonly etag?: string;
}

/** More of a request: headers sent to the URL's own origin only (an Authorization never follows a redirect elsewhere). */
export interface GetOptions {
  readonly headers?: Readonly<Record<string, string>>;
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

/** Resolves a host name to its addresses (`dns.lookup` with `all: true` by default; tests give their own). */
export type Resolver = (hostname: string, family?: 4 | 6) => Promise<readonly LookupAddress[]>;

const systemResolver: Resolver = (hostname, family) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, ...(family ? { family } : {}) }, (e, addresses) =>
      e ? reject(e) : resolve(addresses),
    ),
  );

const IPV4_COMPATIBLE = ipaddr.parseCIDR("::/96");

/**
 * The ipaddr.js range of an address, IPv4-mapped IPv6 (`::ffff:127.0.0.1`) read as its IPv4 address:
 * "unicast" for a public address, otherwise "loopback", "private", "linkLocal", "uniqueLocal",
 * "unspecified", "multicast", "carrierGradeNat", "reserved", … Undefined when it is not an address.
 */
export function addressRange(address: string): string | undefined {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return undefined;
  const parsed = ipaddr.process(bare);
  // Deprecated IPv4-compatible IPv6 (::127.0.0.1): ipaddr.js calls it unicast; it is not a public address.
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).match(IPV4_COMPATIBLE)) return "ipv4Compatible";
  return parsed.range();
}

/** True when an address is public (global unicast): the only kind harvest contacts without `allowPrivate`. */
export function isPublicAddress(address: string): boolean {
  return addressRange(address) === "unicast";
}

/** What the guarded lookup throws: the connection is never opened. */
export class PrivateAddressError extends Error {
  readonly code = "ERR_VIVANT_PRIVATE_ADDRESS";
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(
      `${hostname === address ? address : `${hostname} resolves to ${address}`} (${range}), not a public address: refused (--allow-private harvests your own network)`,
    );
  }
}

function findPrivateAddressError(e: unknown): PrivateAddressError | undefined {
  for (let c: unknown = e, depth = 0; c && depth < 8; c = (c as { cause?: unknown }).cause, depth++) {
    if (c instanceof PrivateAddressError) return c;
  }
  return undefined;
}

/** A `net.connect` lookup that resolves once and hands the socket only addresses that passed the check. */
function guardedLookup(resolver: Resolver, allowPrivate: boolean): LookupFunction {
  return (hostname, opts, cb) => {
    const family =
      opts.family === 4 || opts.family === "IPv4" ? 4 : opts.family === 6 || opts.family === "IPv6" ? 6 : undefined;
    resolver(hostname, family).then(
      (addresses) => {
        const usable = allowPrivate ? [...addresses] : addresses.filter((a) => isPublicAddress(a.address));
        if (usable.length === 0) {
          const first = addresses[0];
          if (!first) return cb(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
          return cb(new PrivateAddressError(hostname, first.address, addressRange(first.address) ?? "unknown"), "", 0);
        }
        if (opts.all) cb(null, usable);
        else cb(null, usable[0]!.address, usable[0]!.family);
      },
      (e: NodeJS.ErrnoException) => cb(e, "", 0),
    );
  };
}

/** Retry-After (delta-seconds or an HTTP date) in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const v = header.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const RETRIED = new Set([429, 503]);
const gunzipAsync = promisify(gunzip);
const GZIP_TYPES = new Set([
  "application/gzip",
  "application/x-gzip",
  "application/gzip-compressed",
  "application/x-gunzip",
]);

/** Per-host gate: at most `max` in flight, starts spaced by `delayMs`. */
class HostGate {
  #active = 0;
  #nextStart = 0;
  readonly #waiting: (() => void)[] = [];
  constructor(
    readonly max: number,
    public delayMs: number,
  ) {}

  /** Nobody starts a request to this host before `at` (a Retry-After applies to the whole host). */
  holdUntil(at: number): void {
    this.#nextStart = Math.max(this.#nextStart, at);
  }

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
  readonly #robots = new Map<string, Promise<Robots | "disallow-all" | "allow-all" | FetchFailure>>();
  readonly #agent: Agent;

  /**
   * `fetchImpl` replaces the HTTP client (tests, proxies); it is called with a `dispatcher` (an undici
   * Agent) that resolves host names through the address check and must use it for that check to hold.
   * `resolver` replaces DNS resolution (tests).
   */
  constructor(
    policy: Partial<FetchPolicy> = {},
    fetchImpl: FetchFn = undiciFetch as FetchFn,
    resolver: Resolver = systemResolver,
  ) {
    this.policy = { ...DEFAULT_FETCH_POLICY, ...policy };
    this.#fetch = fetchImpl;
    this.#agent = new Agent({ connect: { lookup: guardedLookup(resolver, this.policy.allowPrivate) } });
  }

  /** Closes the connections kept alive. */
  async close(): Promise<void> {
    await this.#agent.close();
  }

  /** A refusal when the URL's host is an IP literal outside the policy (names are checked at connection). */
  #literalRefusal(url: string, target: URL): FetchFailure | undefined {
    if (this.policy.allowPrivate) return undefined;
    const host = target.hostname.startsWith("[") ? target.hostname.slice(1, -1) : target.hostname;
    if (isIP(host) === 0 || isPublicAddress(host)) return undefined;
    const refused = new PrivateAddressError(host, host, addressRange(host) ?? "unknown");
    return { ok: false, url, code: "private-address", message: `${target.href}: ${refused.message}` };
  }

  #gate(origin: string): HostGate {
    let g = this.#gates.get(origin);
    if (!g) this.#gates.set(origin, (g = new HostGate(this.policy.perHostConcurrency, this.policy.perHostDelayMs)));
    return g;
  }

  /** robots.txt of an origin, fetched once. 4xx: everything allowed; unreachable or 5xx: nothing allowed (RFC 9309). */
  #robotsOf(origin: string): Promise<Robots | "disallow-all" | "allow-all" | FetchFailure> {
    let r = this.#robots.get(origin);
    if (!r) {
      r = (async () => {
        const robotsUrl = `${origin}/robots.txt`;
        const got = await this.#exchange(robotsUrl, "text/plain", this.policy.maxRedirects, false);
        if (got.ok) {
          const robots = robotsParser(robotsUrl, got.body);
          const delay = robots.getCrawlDelay(this.policy.userAgent);
          if (delay !== undefined && Number.isFinite(delay)) {
            const g = this.#gate(origin);
            g.delayMs = Math.max(g.delayMs, Math.min(delay * 1000, this.policy.maxCrawlDelayMs));
          }
          return robots;
        }
        if (got.code === "http-status" && got.status !== undefined && got.status >= 400 && got.status < 500)
          return "allow-all";
        // The host itself is refused: say so, not "robots disallows".
        if (got.code === "private-address") return got;
        return "disallow-all";
      })();
      this.#robots.set(origin, r);
    }
    return r;
  }

  async #allowed(url: URL): Promise<boolean | FetchFailure> {
    if (!this.policy.robots) return true;
    const robots = await this.#robotsOf(url.origin);
    if (robots === "allow-all") return true;
    if (robots === "disallow-all") return false;
    if ("ok" in robots) return robots;
    return robots.isAllowed(url.href, this.policy.userAgent) !== false;
  }

  /** GETs a URL politely. `accept` is sent as the Accept header. */
  get(
    url: string,
    accept = "text/html,application/xhtml+xml,application/ld+json;q=0.9,application/xml;q=0.8,*/*;q=0.1",
    options: GetOptions = {},
  ): Promise<FetchOutcome> {
    return this.#exchange(url, accept, this.policy.maxRedirects, this.policy.robots, options.headers);
  }

  async #exchange(
    url: string,
    accept: string,
    maxRedirects: number,
    checkRobots: boolean,
    extra?: Readonly<Record<string, string>>,
  ): Promise<FetchOutcome> {
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      return { ok: false, url, code: "invalid-url", message: `not a URL: ${url}` };
    }
    const origin = current.origin;
    if (current.protocol !== "http:" && current.protocol !== "https:") {
      return {
        ok: false,
        url,
        code: "invalid-url",
        message: `only http and https are harvested, not ${current.protocol}`,
      };
    }
    const controller = new AbortController();
    // The clock starts with the first request, not while waiting for the host's turn.
    let timer: NodeJS.Timeout | undefined;
    let deadline = Infinity;
    const visited = new Set<string>();
    let redirects = 0;
    let retries = 0;
    try {
      for (;;) {
        const refused = this.#literalRefusal(url, current);
        if (refused) return refused;
        const allowed = checkRobots ? await this.#allowed(current) : true;
        if (allowed !== true) {
          if (allowed !== false) return { ...allowed, url };
          return {
            ok: false,
            url,
            code: "robots-disallowed",
            message: `robots.txt of ${current.origin} disallows ${current.href}`,
          };
        }
        visited.add(current.href);
        const gate = this.#gate(current.origin);
        await gate.acquire();
        if (timer === undefined) {
          deadline = Date.now() + this.policy.timeoutMs;
          timer = setTimeout(() => controller.abort(), this.policy.timeoutMs);
        }
        let response: Response;
        let retryWait: number | undefined;
        try {
          if (controller.signal.aborted) throw new DOMException("aborted", "AbortError");
          response = await this.#fetch(current.href, {
            redirect: "manual",
            signal: controller.signal,
            headers: {
              ...(extra && current.origin === origin ? extra : {}),
              "user-agent": this.policy.userAgent,
              accept,
            },
            // The undici package's Agent is the dispatcher Node's own fetch types name (undici-types), one major apart.
            dispatcher: this.#agent as unknown as NonNullable<RequestInit["dispatcher"]>,
          });
          if (REDIRECTS.has(response.status)) {
            await response.body?.cancel().catch(() => undefined);
          } else if (RETRIED.has(response.status) && retries < this.policy.maxRetries) {
            await response.body?.cancel().catch(() => undefined);
            const asked = retryAfterMs(response.headers.get("retry-after"));
            const wait = asked ?? this.policy.retryDelayMs * 2 ** retries;
            if (Date.now() + wait >= deadline) {
              return {
                ok: false,
                url,
                code: "http-status",
                status: response.status,
                message: `HTTP ${response.status} for ${current.href}: a retry ${asked !== undefined ? `after the ${Math.ceil(asked / 1000)} s it asks (Retry-After)` : `in ${wait} ms`} would end past the ${this.policy.timeoutMs} ms timeout (raise --timeout to wait)`,
              };
            }
            gate.holdUntil(Date.now() + wait);
            retryWait = wait;
          } else {
            const body = await this.#readBody(response, current);
            if (!("text" in body)) return { ok: false, url, ...body };
            if (response.status < 200 || response.status > 299) {
              return {
                ok: false,
                url,
                code: "http-status",
                status: response.status,
                message: `HTTP ${response.status} for ${current.href}${retries ? ` (after ${retries} retr${retries === 1 ? "y" : "ies"})` : ""}`,
              };
            }
            const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
            return {
              ok: true,
              url,
              finalUrl: current.href,
              status: response.status,
              // A gzip file's own type says nothing of what it holds: the caller sniffs the text.
              mediaType: body.gunzipped && GZIP_TYPES.has(mediaType) ? "" : mediaType,
              body: body.text,
              fetchedAt: new Date().toISOString(),
              redirects,
              retries,
              gunzipped: body.gunzipped,
              deadline,
              receivedBytes: body.received,
              ...(response.headers.get("etag") !== null ? { etag: response.headers.get("etag")! } : {}),
            };
          }
        } finally {
          gate.release();
        }
        if (retryWait !== undefined) {
          retries++;
          await sleep(retryWait, undefined, { signal: controller.signal });
          continue;
        }
        const location = response.headers.get("location");
        if (!location)
          return {
            ok: false,
            url,
            code: "http-status",
            status: response.status,
            message: `HTTP ${response.status} without Location for ${current.href}`,
          };
        const next = new URL(location, current);
        if (visited.has(next.href))
          return { ok: false, url, code: "redirect-loop", message: `redirect loop: ${current.href} → ${next.href}` };
        if (++redirects > maxRedirects)
          return {
            ok: false,
            url,
            code: "too-many-redirects",
            message: `more than ${maxRedirects} redirects from ${url}`,
          };
        if (next.protocol !== "http:" && next.protocol !== "https:")
          return { ok: false, url, code: "invalid-url", message: `redirect to ${next.protocol} refused` };
        current = next;
      }
    } catch (e) {
      if (controller.signal.aborted)
        return {
          ok: false,
          url,
          code: "timeout",
          message: `no complete answer within ${this.policy.timeoutMs} ms from ${url}`,
        };
      const refusal = findPrivateAddressError(e);
      if (refusal) return { ok: false, url, code: "private-address", message: `${current.href}: ${refusal.message}` };
      return {
        ok: false,
        url,
        code: "network",
        message: `${(e as Error).message}${(e as { cause?: Error }).cause ? `: ${(e as { cause: Error }).cause.message}` : ""}`,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  async #readBody(
    response: Response,
    at: URL,
  ): Promise<{ text: string; gunzipped: boolean; received: number } | { code: FetchErrorCode; message: string }> {
    const max = this.policy.maxBytes;
    const declared = Number(response.headers.get("content-length") ?? NaN);
    if (Number.isFinite(declared) && declared > max) {
      await response.body?.cancel().catch(() => undefined);
      return { code: "too-large", message: `${declared} bytes announced, more than the ${max}-byte limit` };
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (response.body) {
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
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
    let bytes = Buffer.concat(chunks);
    const received = bytes.length;
    // Content-Encoding: gzip is undone by the HTTP client; a gzip file (`sitemap.xml.gz`, served as
    // application/gzip or even as XML) is recognised by its magic number and decompressed once, no larger than maxBytes.
    const gunzipped = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
    if (gunzipped) {
      try {
        bytes = await gunzipAsync(bytes, { maxOutputLength: max });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError) {
          return {
            code: "too-large",
            message: `gzip body of ${at.href} decompresses to more than the ${max}-byte limit`,
          };
        }
        return { code: "network", message: `gzip body of ${at.href} cannot be decompressed: ${(e as Error).message}` };
      }
    }
    const charset = /charset=["']?([\w-]+)/i.exec(response.headers.get("content-type") ?? "")?.[1] ?? "utf-8";
    let decoder: InstanceType<typeof TextDecoder>;
    try {
      decoder = new TextDecoder(charset);
    } catch {
      decoder = new TextDecoder("utf-8");
    }
    return { text: decoder.decode(bytes), gunzipped, received };
  }
}
