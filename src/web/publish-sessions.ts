// The publishing page's sessions (in memory, one cookie each, with a CSRF token) and the limit on failed sign-ins
// per client address: what keeps a publisher's token on the server and out of reach of guessing.

import { randomBytes, timingSafeEqual } from "node:crypto";
import ipaddr from "ipaddr.js";
import type { IncomingMessage } from "node:http";
import type { TokenGrant } from "../server/auth.js";
import type { LoadFile } from "../store/load.js";

/** A session lasts this long without use. */
export const SESSION_MS = 60 * 60 * 1000;
/** Sessions kept at once (the oldest goes first). */
const MAX_SESSIONS = 1000;
const COOKIE = "vivant_publish";

interface Pending {
  readonly id: string;
  readonly files: LoadFile[];
  readonly licence?: string;
}

export interface Session {
  readonly id: string;
  readonly csrf: string;
  readonly grant: TokenGrant;
  lastUsed: number;
  pending?: Pending | undefined;
}

/** Failed sign-ins an address may make within `SIGN_IN_WINDOW_MS` before it must wait. */
export const SIGN_IN_FAILURES = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Addresses remembered at once (the one remembered longest goes first): memory stays bounded whatever the traffic. */
export const SIGN_IN_ADDRESSES = 10_000;

/**
 * The client an attempt is counted against: its IPv4 address (an IPv4-mapped IPv6 address as IPv4), or the /64
 * network of an IPv6 address (one host usually holds a whole /64, and could otherwise take a new address per try).
 */
export function clientKey(address: string | undefined): string {
  if (address === undefined || !ipaddr.isValid(address)) return "unknown";
  const a = ipaddr.process(address);
  if (a.kind() === "ipv4") return a.toString();
  const parts = (a as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(":")}::/64`;
}

/**
 * Failed sign-ins per client: after `SIGN_IN_FAILURES` failures within `SIGN_IN_WINDOW_MS`, the client's attempts
 * are refused (right token or not) until the oldest failure leaves the window. At most `SIGN_IN_ADDRESSES` clients
 * are remembered, each with at most `SIGN_IN_FAILURES` times.
 */
export class SignInLimiter {
  readonly #failures = new Map<string, number[]>();
  readonly #now: () => number;
  readonly #max: number;
  readonly #window: number;
  readonly #addresses: number;

  constructor(
    options: {
      readonly now?: () => number;
      readonly failures?: number;
      readonly windowMs?: number;
      readonly addresses?: number;
    } = {},
  ) {
    this.#now = options.now ?? Date.now;
    this.#max = options.failures ?? SIGN_IN_FAILURES;
    this.#window = options.windowMs ?? SIGN_IN_WINDOW_MS;
    this.#addresses = options.addresses ?? SIGN_IN_ADDRESSES;
  }

  /** Seconds the client must wait before its next attempt, or 0 when it may try now. */
  retryAfter(key: string): number {
    const times = this.#recent(key);
    if (times.length < this.#max) return 0;
    return Math.max(1, Math.ceil((times[0]! + this.#window - this.#now()) / 1000));
  }

  /** Counts a failed attempt of the client. */
  fail(key: string): void {
    const times = this.#recent(key);
    times.push(this.#now());
    while (times.length > this.#max) times.shift();
    // Most recently failed last: the first key is the one forgotten when the table is full.
    this.#failures.delete(key);
    if (this.#failures.size >= this.#addresses) this.#failures.delete(this.#failures.keys().next().value!);
    this.#failures.set(key, times);
  }

  /** Clients remembered now. */
  get size(): number {
    return this.#failures.size;
  }

  #recent(key: string): number[] {
    const times = this.#failures.get(key);
    if (times === undefined) return [];
    const since = this.#now() - this.#window;
    while (times.length && times[0]! <= since) times.shift();
    if (times.length === 0) this.#failures.delete(key);
    return times;
  }
}

/** The sessions of one server (in memory: a restart signs everyone out, which is the safe side). */
export class PublishSessions {
  readonly #byId = new Map<string, Session>();
  /** Failed sign-ins per client address. */
  readonly signIns = new SignInLimiter();

  open(grant: TokenGrant): Session {
    this.#prune();
    if (this.#byId.size >= MAX_SESSIONS) this.#byId.delete(this.#byId.keys().next().value!);
    const s: Session = {
      id: randomBytes(24).toString("base64url"),
      csrf: randomBytes(24).toString("base64url"),
      grant,
      lastUsed: Date.now(),
    };
    this.#byId.set(s.id, s);
    return s;
  }

  of(req: IncomingMessage): Session | undefined {
    const id = cookie(req.headers.cookie, COOKIE);
    const s = id ? this.#byId.get(id) : undefined;
    if (!s) return undefined;
    if (Date.now() - s.lastUsed > SESSION_MS) {
      this.#byId.delete(s.id);
      return undefined;
    }
    s.lastUsed = Date.now();
    return s;
  }

  close(s: Session): void {
    this.#byId.delete(s.id);
  }

  #prune(): void {
    const now = Date.now();
    for (const [id, s] of this.#byId) if (now - s.lastUsed > SESSION_MS) this.#byId.delete(id);
  }
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}

export function sameSecret(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The session cookie's header (an empty id and 0 clear it). */
export const setCookie = (id: string, maxAge: number): string =>
  `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/publish; Max-Age=${maxAge}`;
