// Sitemaps (sitemaps.org 0.9): a `<urlset>` lists pages, a `<sitemapindex>` lists further sitemaps.
// Read in one linear pass (indexOf from the last match: no regex that rescans the rest of the text
// for each unclosed tag), under a deadline; an entry that cannot be read is reported, never fatal.

export interface SitemapEntryProblem {
  /** 1-based position of the `<loc>` in the sitemap. */
  readonly entry: number;
  /** The text of the `<loc>` (cut to 200 characters). */
  readonly text: string;
  readonly reason: string;
}

export interface Sitemap {
  readonly kind: "urlset" | "sitemapindex";
  readonly locations: string[];
  /** Entries skipped: an invalid character reference, a location that is not a URL, one too long. */
  readonly invalid: SitemapEntryProblem[];
  /** The deadline passed before the end: `locations` holds what was read until then. */
  readonly timedOut: boolean;
}

export interface SitemapOptions {
  /** Relative locations resolve against it. */
  readonly base?: string;
  /** Stop reading at this `Date.now()` time (`timedOut` is then true). */
  readonly deadline?: number;
}

/** Longest `<loc>` read, in characters (the protocol allows 2,048; a longer one is reported and skipped). */
export const MAX_LOCATION_LENGTH = 8192;

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** XML 1.0 Char: what a character reference may name. */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** The text of a `<loc>`: CDATA sections unwrapped, references resolved. Throws a reason string when invalid. */
function decode(s: string): string {
  let out = "";
  let i = 0;
  const text = (segment: string) => {
    if (segment.includes("<")) throw new SyntaxError("markup inside <loc> (an unclosed tag?)");
    out += segment;
  };
  while (i < s.length) {
    const cdata = s.indexOf("<![CDATA[", i);
    const amp = s.indexOf("&", i);
    if (cdata >= 0 && (amp < 0 || cdata < amp)) {
      text(s.slice(i, cdata));
      const end = s.indexOf("]]>", cdata + 9);
      if (end < 0) throw new SyntaxError("unclosed CDATA section");
      out += s.slice(cdata + 9, end);
      i = end + 3;
      continue;
    }
    if (amp < 0) {
      text(s.slice(i));
      break;
    }
    text(s.slice(i, amp));
    const semi = s.indexOf(";", amp);
    const ref = semi > amp && semi - amp <= 12 ? s.slice(amp + 1, semi) : undefined;
    if (ref === undefined) throw new SyntaxError(`"&" that starts no reference (write &amp;)`);
    if (ref[0] === "#") {
      const hex = ref[1] === "x" || ref[1] === "X";
      const digits = ref.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9a-f]+$/i : /^\d+$/).test(digits)) throw new SyntaxError(`invalid character reference &${ref};`);
      const cp = parseInt(digits, hex ? 16 : 10);
      if (!isXmlChar(cp)) throw new SyntaxError(`character reference &${ref}; names no XML character`);
      out += String.fromCodePoint(cp);
    } else {
      const e = ENTITIES[ref];
      if (e === undefined) throw new SyntaxError(`unknown entity &${ref};`);
      out += e;
    }
    i = semi + 1;
  }
  return out.trim();
}

const OPEN_LOC = /<(?:[\w-]{1,64}:)?loc>/g;
const CLOSE_LOC = /<\/(?:[\w-]{1,64}:)?loc>/g;

/** Reads a sitemap; undefined when the text is not one. */
export function parseSitemap(xml: string, options: SitemapOptions | string = {}): Sitemap | undefined {
  const { base, deadline } = typeof options === "string" ? { base: options, deadline: undefined } : options;
  const root = /<(?:[\w-]{1,64}:)?(urlset|sitemapindex)[\s>]/.exec(xml);
  if (!root) return undefined;
  const locations: string[] = [];
  const invalid: SitemapEntryProblem[] = [];
  let timedOut = false;
  let entry = 0;
  let from = 0;
  for (;;) {
    if (deadline !== undefined && entry % 256 === 0 && Date.now() > deadline) {
      timedOut = true;
      break;
    }
    OPEN_LOC.lastIndex = from;
    const open = OPEN_LOC.exec(xml);
    if (!open) break;
    CLOSE_LOC.lastIndex = open.index + open[0].length;
    const close = CLOSE_LOC.exec(xml);
    // No closing tag after this one: none after any later one either.
    if (!close) break;
    entry++;
    from = close.index + close[0].length;
    const raw = xml.slice(open.index + open[0].length, close.index);
    const report = (reason: string) =>
      invalid.push({ entry, text: raw.length > 200 ? `${raw.slice(0, 200)}…` : raw, reason });
    if (raw.length > MAX_LOCATION_LENGTH) {
      report(`a location longer than ${MAX_LOCATION_LENGTH} characters`);
      continue;
    }
    let text: string;
    try {
      text = decode(raw);
    } catch (reason) {
      report(reason instanceof Error ? reason.message : String(reason));
      continue;
    }
    if (!text) continue;
    try {
      locations.push(new URL(text, base).href);
    } catch {
      report("not a URL");
    }
  }
  return { kind: root[1] as Sitemap["kind"], locations, invalid, timedOut };
}
