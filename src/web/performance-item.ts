// One performance as a list item (the discovery page's results, an entity's page), and what it is written with: a
// described node's texts in the interface language, its date as the venue's wall clock, its price range.

import type { PerformanceNode } from "../query/performances.js";
import { html, type Html } from "./html.js";
import { pageOf } from "./entity.js";
import { UI, type UiLang } from "./i18n.js";

/** A text value of a described node in the interface language (language maps, value objects and lists). */
export function textIn(value: unknown, lang: UiLang): string | undefined {
  const all = (Array.isArray(value) ? value : value === undefined ? [] : [value]) as unknown[];
  const tagged = all.map((v) =>
    typeof v === "object" && v !== null && "@value" in v
      ? { text: String(v["@value"]), lang: String((v as { "@language"?: string })["@language"] ?? "") }
      : { text: String(v), lang: "" },
  );
  return (
    tagged.find((t) => t.lang.toLowerCase().split("-")[0] === lang) ??
    tagged.find((t) => t.lang === "") ??
    tagged[0]
  )?.text;
}

type Node = Readonly<Record<string, unknown>>;

/** The nodes of a described property (one or a list; literals left out). */
export function nodes(value: unknown): readonly Node[] {
  const all = Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value];
  return all.filter((v): v is Node => typeof v === "object" && v !== null && !("@value" in v));
}

function first(value: unknown): Node | undefined {
  return nodes(value)[0];
}

/** Formatters made once (making one costs more than formatting a page's dates with it). */
const DATE_FORMAT: Readonly<Record<UiLang, Intl.DateTimeFormat>> = {
  fr: new Intl.DateTimeFormat("fr-FR", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }),
  en: new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }),
};
const moneyFormats = new Map<string, (n: number) => string>();

/** A price formatter; a currency code Intl does not know (it comes from the data) is written after the number. */
function moneyFormat(lang: UiLang, currency: string): (n: number) => string {
  const key = `${lang} ${currency}`;
  let f = moneyFormats.get(key);
  if (f === undefined) {
    const locale = lang === "fr" ? "fr-FR" : "en-GB";
    try {
      const nf = new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 2 });
      f = (n) => nf.format(n);
    } catch {
      const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
      f = (n) => `${nf.format(n)} ${currency}`;
    }
    // Currencies come from the data: the cache stays small whatever is published.
    if (moneyFormats.size < 64) moneyFormats.set(key, f);
  }
  return f;
}
/** "2026-11-20T20:00:00+01:00" → the date and time as written (the venue's own wall clock), in the page's language. */
export function wallClock(dateTime: string, lang: UiLang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(dateTime);
  if (!m) return dateTime;
  const [, y, mo, d, h, mi] = m;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const date = DATE_FORMAT[lang].format(day);
  return h === undefined ? date : `${date}, ${h}:${mi}`;
}

function priceText(p: PerformanceNode, lang: UiLang): string | undefined {
  const t = UI[lang];
  const prices: number[] = [];
  let currency = "EUR";
  for (const o of nodes(p.offers)) {
    if (typeof o.priceCurrency === "string") currency = o.priceCurrency;
    if (typeof o.price === "number") prices.push(o.price);
    for (const s of nodes(o.priceSpecification)) {
      for (const k of ["price", "minPrice", "maxPrice"]) if (typeof s[k] === "number") prices.push(s[k]);
      if (typeof s.priceCurrency === "string") currency = s.priceCurrency;
    }
  }
  if (prices.length === 0) return p.isAccessibleForFree === true ? t.freeEntry : undefined;
  const fmt = moneyFormat(lang, currency);
  const lo = Math.min(...prices);
  const hi = Math.max(...prices);
  if (hi === 0) return t.freeEntry;
  return lo === hi ? fmt(lo) : `${fmt(lo)} – ${fmt(hi)}`;
}

const STATUS: Readonly<Record<string, keyof (typeof UI)["fr"]["status"]>> = {
  EventCancelled: "cancelled",
  EventPostponed: "postponed",
  EventRescheduled: "rescheduled",
  EventMovedOnline: "movedOnline",
};

/**
 * One performance as a list item; its name links to its page unless `link` is false (on that page itself). With a
 * `source` (a federated search's node), the item says where it came from and links to its page on that node.
 */
export function performanceItem(
  p: PerformanceNode,
  lang: UiLang,
  options: {
    readonly link?: boolean;
    readonly base?: string;
    readonly heading?: 2 | 3;
    readonly source?: string;
    readonly alsoAt?: readonly string[];
  } = {},
): Html {
  const t = UI[lang];
  const place = first(p.location);
  const venue = place ? (first(place.containedInPlace) ?? place) : undefined;
  const city = venue ? textIn(first(venue.address)?.addressLocality, lang) : undefined;
  const name = textIn(p.name, lang) ?? textIn(first(p.workPerformed)?.name, lang) ?? p["@id"];
  const status = typeof p.eventStatus === "string" ? STATUS[p.eventStatus] : undefined;
  const previous = typeof p.previousStartDate === "string" ? p.previousStartDate : undefined;
  const price = priceText(p, lang);
  const start = typeof p.startDate === "string" ? p.startDate : "";
  const remote = options.source !== undefined && options.source !== options.base ? options.source : undefined;
  const href =
    remote === undefined
      ? pageOf(p["@id"], options.base ?? "", lang)
      : p["@id"].startsWith(remote)
        ? p["@id"]
        : `${remote}resource?ui=${lang}&iri=${encodeURIComponent(p["@id"])}`;
  const title = options.link === false ? html`${name}` : html`<a href="${href}">${name}</a>`;
  return html`<li class="performance${status === "cancelled" ? " cancelled" : ""}" data-iri="${p["@id"]}">
${options.heading === 2 ? html`<h2>${title}</h2>` : html`<h3>${title}</h3>`}
<p class="when"><time datetime="${start}">${wallClock(start, lang)}</time>${status ? html` <strong class="status">${t.status[status]}</strong>` : ""}${previous ? html` <span class="previous">(${t.previously} <time datetime="${previous}">${wallClock(previous, lang)}</time>)</span>` : ""}</p>
<p class="where">${[venue ? textIn(venue.name, lang) : undefined, place && place !== venue ? textIn(place.name, lang) : undefined, city].filter(Boolean).join(" · ") || t.online}</p>
${price ? html`<p class="price">${t.price} ${price}</p>` : ""}
${options.source !== undefined ? html`<p class="source">${t.fromNode} <a href="${options.source}">${options.source}</a>${options.alsoAt?.length ? html` (${t.alsoAt} ${options.alsoAt.map((a, i) => html`${i ? ", " : ""}<a href="${a}">${a}</a>`)})` : ""}</p>` : ""}
</li>`;
}
