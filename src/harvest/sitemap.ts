// Sitemaps (sitemaps.org 0.9): a `<urlset>` lists pages, a `<sitemapindex>` lists further sitemaps.

export interface Sitemap {
  readonly kind: "urlset" | "sitemapindex";
  readonly locations: string[];
}

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(s: string): string {
  return s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1")
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
      if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
      return ENTITIES[e] ?? m;
    })
    .trim();
}

/** Reads a sitemap; undefined when the text is not one. Relative locations resolve against `base`. */
export function parseSitemap(xml: string, base?: string): Sitemap | undefined {
  const root = /<(?:[\w-]+:)?(urlset|sitemapindex)[\s>]/.exec(xml);
  if (!root) return undefined;
  const locations: string[] = [];
  for (const m of xml.matchAll(/<(?:[\w-]+:)?loc>([\s\S]*?)<\/(?:[\w-]+:)?loc>/g)) {
    const text = decode(m[1]!);
    if (!text) continue;
    try {
      locations.push(new URL(text, base).href);
    } catch {
      // a location that is not a URL is skipped; the caller reports the sitemap's count
    }
  }
  return { kind: root[1] as Sitemap["kind"], locations };
}
