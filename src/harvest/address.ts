// Harvest's address policy: how host names are resolved (the system resolver or a test's), which addresses count
// as public (ipaddr.js ranges), and the connection lookup that hands a socket only addresses that passed, so a
// name cannot resolve to a public address for the check and to a private one for the connection.

import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

/** Resolves a host name to its addresses (`dns.lookup` with `all: true` by default; tests give their own). */
export type Resolver = (hostname: string, family?: 4 | 6) => Promise<readonly LookupAddress[]>;

export const systemResolver: Resolver = (hostname, family) =>
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

/** The PrivateAddressError in an error's chain of causes (the HTTP client wraps what the lookup threw). */
export function findPrivateAddressError(e: unknown): PrivateAddressError | undefined {
  for (let c: unknown = e, depth = 0; c && depth < 8; c = (c as { cause?: unknown }).cause, depth++) {
    if (c instanceof PrivateAddressError) return c;
  }
  return undefined;
}

/** A `net.connect` lookup that resolves once and hands the socket only addresses that passed the check. */
export function guardedLookup(resolver: Resolver, allowPrivate: boolean): LookupFunction {
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
