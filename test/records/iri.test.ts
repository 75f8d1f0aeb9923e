import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isHttpIri } from "../../src/records/parse.js";
import { encodeLocalId } from "../../src/mapping/iri.js";

/** What isHttpIri promised before its fast path: http(s), no spaces or markup characters, and a URL with a host. */
function byUrlParser(value: string): boolean {
  if (!/^https?:\/\/[^\s<>"{}|\\^`\u0000-\u001f\u007f]+$/i.test(value)) return false;
  try {
    return new URL(value).hostname.length > 0;
  } catch {
    return false;
  }
}

describe("isHttpIri", () => {
  it("agrees with the URL parser on hosts and paths built from the characters that matter (fast path included)", () => {
    const host = fc.stringMatching(/^[a-zA-Z0-9.-]{0,12}$/).map((h) => h.replace(/^$/, "a"));
    const label = fc.constantFrom("xn--", "xn--ls8h", "0x10", "999", "1.2.3.4", "[::1]", "a:80", "a:99999", "", ".");
    const path = fc
      .array(
        fc.constantFrom("/", "?", "#", "%", "%zz", "a", "é", "\u00a0", "\u2028", " ", "<", "\\", ":", "@", "[", "]"),
        { maxLength: 8 },
      )
      .map((a) => a.join(""));
    fc.assert(
      fc.property(
        fc.constantFrom("http://", "https://", "HTTP://", "ftp://"),
        host,
        fc.option(label),
        path,
        (scheme, h, l, p) => {
          const iri = `${scheme}${h}${l ?? ""}${p}`;
          expect(isHttpIri(iri), iri).toBe(byUrlParser(iri));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ["https://www.example.org/agenda/1", true],
    ["http://xn--ls8h.la/", true],
    ["http://xn--a/", false],
    ["http://1.2.3.999/", false],
    ["http://example.org:99999/", false],
    ["http://", false],
    ["https://exa mple.org/", false],
    ["javascript:alert(1)", false],
  ])("%s → %s", (iri, ok) => {
    expect(isHttpIri(iri)).toBe(ok);
  });
});

describe("encodeLocalId", () => {
  it("is encodeURIComponent with !'()* escaped too, for any string (unreserved ids returned as they are)", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9_.~-]{0,20}$/), fc.string({ unit: "binary" })),
        (id) => {
          let expected: string;
          try {
            expected = encodeURIComponent(id).replace(
              /[!'()*]/g,
              (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
            );
          } catch {
            return; // lone surrogates: encodeURIComponent throws, and so does encodeLocalId
          }
          expect(encodeLocalId(id)).toBe(expected);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
