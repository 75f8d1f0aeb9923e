// The publishing page's sign-in is limited per client address: after SIGN_IN_FAILURES wrong tokens within the
// window, the address gets 429 with Retry-After (in French or English), the right token included, while other
// addresses still sign in; the limiter's memory is bounded; IPv6 clients are counted by their /64.

import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenTable, VivantServer } from "../../src/server/index.js";
import { clientKey, SIGN_IN_FAILURES, SignInLimiter } from "../../src/web/publish.js";

let server: VivantServer;
let token: string;
beforeAll(async () => {
  const tokens = new TokenTable();
  server = await VivantServer.start({ port: 0, tokens });
  token = tokens.issue({ publisherId: "p", graphIri: "https://data.p.example/graph" });
});
afterAll(() => server?.close());

/** A sign-in from a given loopback address (Linux routes all of 127.0.0.0/8 to the loopback interface). */
function signIn(
  from: string,
  value: string,
  ui: string,
): Promise<{ status: number; retryAfter: string | undefined; text: string }> {
  const body = new URLSearchParams({ token: value, ui }).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      new URL("publish/sign-in", server.url),
      {
        method: "POST",
        localAddress: from,
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) },
        timeout: 30_000,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers["retry-after"],
            text: text.replace(/&#39;/g, "'"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error("sign-in timed out")));
    req.end(body);
  });
}

describe("sign-in rate limit", () => {
  it("answers 429 with Retry-After after too many wrong tokens from one address, in both languages, and not to another address", async () => {
    for (let i = 0; i < SIGN_IN_FAILURES; i++) expect((await signIn("127.0.0.2", `wrong-${i}`, "fr")).status).toBe(401);
    const blocked = await signIn("127.0.0.2", "wrong-again", "fr");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
    expect(Number(blocked.retryAfter)).toBeLessThanOrEqual(15 * 60);
    expect(blocked.text).toContain("Trop de tentatives de connexion depuis votre adresse : réessayez dans");
    // The right token is refused too while the address waits: a blocked try says nothing of the token.
    const right = await signIn("127.0.0.2", token, "en");
    expect(right.status).toBe(429);
    expect(right.text).toContain("Too many sign-in attempts from your address: try again in");
    // Another address signs in.
    expect((await signIn("127.0.0.3", token, "fr")).status).toBe(303);
  });
});

describe("SignInLimiter", () => {
  it("lets a client try again once its oldest failure leaves the window", () => {
    let now = 1_000_000;
    const limiter = new SignInLimiter({ now: () => now, failures: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter("a")).toBe(0);
      limiter.fail("a");
      now += 1000;
    }
    expect(limiter.retryAfter("a")).toBe(57);
    expect(limiter.retryAfter("b")).toBe(0);
    now += 57_000;
    expect(limiter.retryAfter("a")).toBe(0);
    limiter.fail("a");
    expect(limiter.retryAfter("a")).toBe(1);
  });

  it("remembers at most its number of addresses, forgetting the longest-remembered first", () => {
    const limiter = new SignInLimiter({ now: () => 0, failures: 1, windowMs: 60_000, addresses: 100 });
    for (let i = 0; i < 1000; i++) limiter.fail(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.size).toBe(100);
    expect(limiter.retryAfter("10.0.3.231")).toBeGreaterThan(0);
    expect(limiter.retryAfter("10.0.0.0")).toBe(0);
  });

  it("counts IPv4-mapped addresses as IPv4 and IPv6 clients by their /64", () => {
    expect(clientKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(clientKey("192.0.2.7")).toBe("192.0.2.7");
    expect(clientKey("2001:db8:1:2:aaaa::1")).toBe(clientKey("2001:db8:1:2:bbbb::9"));
    expect(clientKey("2001:db8:1:2::1")).not.toBe(clientKey("2001:db8:1:3::1"));
    expect(clientKey(undefined)).toBe("unknown");
    expect(clientKey("not an address")).toBe("unknown");
  });
});
