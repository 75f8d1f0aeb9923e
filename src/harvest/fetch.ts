// Polite HTTP for harvest: robots.txt honoured, a per-host gate (concurrency and delay between
// requests, robots Crawl-delay when larger), a timeout over the whole exchange, a body size cap,
// redirects followed by hand (counted, loops detected), 429/503 retried as Retry-After asks (inside
// the timeout), gzip bodies read, and only public addresses contacted unless allowed.
// Failures are values, never throws.
//
// Address policy (address.ts): a host name is resolved inside the connection (a `lookup` on the HTTP agent), the
// addresses are classified (ipaddr.js) and the socket connects only to an address that passed, so a
// name cannot resolve to a public address for the check and to a private one for the connection (no
// DNS-rebinding gap). An IP literal is classified before any request. Every redirect hop and every
// robots.txt goes through the same path.

import { isIP } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import robotsParserModule from "robots-parser";
import { Agent, fetch as undiciFetch } from "undici";
import {
  addressRange,
  findPrivateAddressError,
  guardedLookup,
  isPublicAddress,
  PrivateAddressError,
  systemResolver,
  type Resolver,
} from "./address.js";
import { GZIP_TYPES, readBody } from "./body.js";
import {
  DEFAULT_FETCH_POLICY,
  type FetchFailure,
  type FetchOutcome,
  type FetchPolicy,
  type GetOptions,
} from "./fetch-policy.js";
import { HostGate } from "./host-gate.js";

// The address policy's checks, long imported from here.
export { addressRange, isPublicAddress, type Resolver } from "./address.js";
export {
  DEFAULT_FETCH_POLICY,
  type FetchedBody,
  type FetchErrorCode,
  type FetchFailure,
  type FetchOutcome,
  type FetchPolicy,
  type GetOptions,
} from "./fetch-policy.js";

// robots-parser is CommonJS (`module.exports = fn`); its typings declare an ES default export.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => Robots;

type FetchFn = typeof globalThis.fetch;

/** Retry-After (delta-seconds or an HTTP date) in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const v = header.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const RETRIED = new Set([429, 503]);

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** One exchange's state across its hops (redirects and retries). */
interface Exchange {
  /** The URL asked for, which every outcome names. */
  readonly url: string;
  /** Its origin: extra headers go there only. */
  readonly origin: string;
  readonly accept: string;
  readonly extra: Readonly<Record<string, string>> | undefined;
  readonly controller: AbortController;
  /** Aborts the exchange at its deadline; set at the first request. */
  timer: NodeJS.Timeout | undefined;
  deadline: number;
  readonly visited: Set<string>;
  redirects: number;
  retries: number;
}

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
    if (current.protocol !== "http:" && current.protocol !== "https:") {
      return {
        ok: false,
        url,
        code: "invalid-url",
        message: `only http and https are harvested, not ${current.protocol}`,
      };
    }
    // The clock starts with the first request, not while waiting for the host's turn.
    const x: Exchange = {
      url,
      origin: current.origin,
      accept,
      extra,
      controller: new AbortController(),
      timer: undefined,
      deadline: Infinity,
      visited: new Set<string>(),
      redirects: 0,
      retries: 0,
    };
    try {
      for (;;) {
        const refused =
          this.#literalRefusal(url, current) ?? (checkRobots ? await this.#robotsRefusal(x, current) : undefined);
        if (refused) return refused;
        x.visited.add(current.href);
        const hop = await this.#hop(x, current);
        if ("ok" in hop) return hop;
        if ("retryWait" in hop) {
          x.retries++;
          await sleep(hop.retryWait, undefined, { signal: x.controller.signal });
          continue;
        }
        const next = this.#redirectTarget(x, current, hop.redirect, maxRedirects);
        if (!(next instanceof URL)) return next;
        current = next;
      }
    } catch (e) {
      return this.#thrown(x, current, e);
    } finally {
      clearTimeout(x.timer);
    }
  }

  /** Why robots.txt keeps the fetcher from `at`, if it does. */
  async #robotsRefusal(x: Exchange, at: URL): Promise<FetchFailure | undefined> {
    const allowed = await this.#allowed(at);
    if (allowed === true) return undefined;
    if (allowed !== false) return { ...allowed, url: x.url };
    return {
      ok: false,
      url: x.url,
      code: "robots-disallowed",
      message: `robots.txt of ${at.origin} disallows ${at.href}`,
    };
  }

  /**
   * One request to `current`, inside the host's gate (the exchange's clock starts at the first): the outcome, a
   * wait before retrying a 429 or 503, or a redirect to follow.
   */
  async #hop(x: Exchange, current: URL): Promise<FetchOutcome | { retryWait: number } | { redirect: Response }> {
    const gate = this.#gate(current.origin);
    await gate.acquire();
    if (x.timer === undefined) {
      x.deadline = Date.now() + this.policy.timeoutMs;
      const { controller } = x;
      x.timer = setTimeout(() => controller.abort(), this.policy.timeoutMs);
    }
    try {
      if (x.controller.signal.aborted) throw new DOMException("aborted", "AbortError");
      const response = await this.#fetch(current.href, {
        redirect: "manual",
        signal: x.controller.signal,
        headers: {
          ...(x.extra && current.origin === x.origin ? x.extra : {}),
          "user-agent": this.policy.userAgent,
          accept: x.accept,
        },
        // The undici package's Agent is the dispatcher Node's own fetch types name (undici-types), one major apart.
        dispatcher: this.#agent as unknown as NonNullable<RequestInit["dispatcher"]>,
      });
      if (REDIRECTS.has(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        return { redirect: response };
      }
      if (RETRIED.has(response.status) && x.retries < this.policy.maxRetries) {
        await response.body?.cancel().catch(() => undefined);
        return this.#retry(x, current, response, gate);
      }
      return await this.#answer(x, current, response);
    } finally {
      gate.release();
    }
  }

  /** A 429 or 503 to retry: the wait it asks (or the policy's backoff), the host held that long; a failure past the deadline. */
  #retry(x: Exchange, current: URL, response: Response, gate: HostGate): FetchFailure | { retryWait: number } {
    const asked = retryAfterMs(response.headers.get("retry-after"));
    const wait = asked ?? this.policy.retryDelayMs * 2 ** x.retries;
    if (Date.now() + wait >= x.deadline) {
      return {
        ok: false,
        url: x.url,
        code: "http-status",
        status: response.status,
        message: `HTTP ${response.status} for ${current.href}: a retry ${asked !== undefined ? `after the ${Math.ceil(asked / 1000)} s it asks (Retry-After)` : `in ${wait} ms`} would end past the ${this.policy.timeoutMs} ms timeout (raise --timeout to wait)`,
      };
    }
    gate.holdUntil(Date.now() + wait);
    return { retryWait: wait };
  }

  /** The final answer: its body read, then a failure for a status outside 2xx, or the fetched body. */
  async #answer(x: Exchange, current: URL, response: Response): Promise<FetchOutcome> {
    const { url, retries } = x;
    const body = await readBody(response, current, this.policy.maxBytes);
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
      redirects: x.redirects,
      retries,
      gunzipped: body.gunzipped,
      deadline: x.deadline,
      receivedBytes: body.received,
      ...(response.headers.get("etag") !== null ? { etag: response.headers.get("etag")! } : {}),
    };
  }

  /** Where a redirect leads, or why it is not followed (no Location, a loop, too many, not http(s)). */
  #redirectTarget(x: Exchange, current: URL, response: Response, maxRedirects: number): URL | FetchFailure {
    const { url } = x;
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
    if (x.visited.has(next.href))
      return { ok: false, url, code: "redirect-loop", message: `redirect loop: ${current.href} → ${next.href}` };
    if (++x.redirects > maxRedirects)
      return {
        ok: false,
        url,
        code: "too-many-redirects",
        message: `more than ${maxRedirects} redirects from ${url}`,
      };
    if (next.protocol !== "http:" && next.protocol !== "https:")
      return { ok: false, url, code: "invalid-url", message: `redirect to ${next.protocol} refused` };
    return next;
  }

  /** What a throw during the exchange means: the timeout, a refused address, or a network error. */
  #thrown(x: Exchange, current: URL, e: unknown): FetchFailure {
    const { url } = x;
    if (x.controller.signal.aborted)
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
  }
}
