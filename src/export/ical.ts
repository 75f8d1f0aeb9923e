// Performances as an iCalendar feed (RFC 5545), written by ical-generator (never by hand): one VEVENT per
// performance, its UID the performance's IRI; DTSTART/DTEND in the venue's time zone with a VTIMEZONE for each
// zone used (@touch4it/ical-timezones, from the IANA database), in UTC when no zone fits the date's offset, or
// floating when the data gives a local time only; STATUS from the event status; the previous date of a
// rescheduled performance, the price range of its offers and its production in the description; LOCATION with
// the venue's address; URL. Texts are picked in the request's language, and SUMMARY, DESCRIPTION and LOCATION say
// which language they are in (RFC 5545 §3.2.10 LANGUAGE): the tag of the text picked, never a guess.

import icalGenerator, { foldLines, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { DateTime, Duration } from "luxon";
import type { Lang } from "../errors.js";
import type { IcalOptions } from "./ical-options.js";
import type { PerformanceNode } from "../query/performances.js";

export type { IcalOptions } from "./ical-options.js";

/**
 * The IANA zone of a country whose whole mainland keeps one civil time. Only a candidate: a date is put in it
 * only when the zone's offset at that instant is the date's own (so Réunion, the Canaries or Quebec fall back to UTC).
 */
const COUNTRY_ZONE: Readonly<Record<string, string>> = {
  FR: "Europe/Paris",
  BE: "Europe/Brussels",
  LU: "Europe/Luxembourg",
  CH: "Europe/Zurich",
  MC: "Europe/Monaco",
  DE: "Europe/Berlin",
  AT: "Europe/Vienna",
  IT: "Europe/Rome",
  ES: "Europe/Madrid",
  PT: "Europe/Lisbon",
  NL: "Europe/Amsterdam",
  GB: "Europe/London",
  IE: "Europe/Dublin",
  DK: "Europe/Copenhagen",
  SE: "Europe/Stockholm",
  NO: "Europe/Oslo",
  FI: "Europe/Helsinki",
  PL: "Europe/Warsaw",
  CZ: "Europe/Prague",
  GR: "Europe/Athens",
  HU: "Europe/Budapest",
  RO: "Europe/Bucharest",
  SN: "Africa/Dakar",
  MA: "Africa/Casablanca",
  TN: "Africa/Tunis",
  CI: "Africa/Abidjan",
  JP: "Asia/Tokyo",
  KR: "Asia/Seoul",
};

const SENTENCES = {
  rescheduled: { en: "Rescheduled: previously {date}.", fr: "Reportée : initialement le {date}." },
  postponed: {
    en: "Postponed: the new date is not known yet.",
    fr: "Reportée : la nouvelle date n'est pas encore connue.",
  },
  cancelled: { en: "Cancelled.", fr: "Annulée." },
  online: { en: "Moved online.", fr: "Passée en ligne." },
  prices: { en: "Prices: {range}.", fr: "Tarifs : {range}." },
  free: { en: "Free admission.", fr: "Entrée libre." },
  production: { en: "Production: {name}", fr: "Production : {name}" },
  source: { en: "Source: {iri}", fr: "Source : {iri}" },
} as const;

function say(key: keyof typeof SENTENCES, lang: Lang, params: Record<string, string> = {}): string {
  return SENTENCES[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? "");
}

type Json = unknown;

/** A text in `lang` from a JSON-LD value (string, `{@value, @language}` or a list of them): `lang`, else untagged, else the first. */
export function pickText(value: Json, lang: Lang): string | undefined {
  return pickTagged(value, lang)?.text;
}

/** `pickText` with the language tag of the text picked (`""` for an untagged text). */
export function pickTagged(value: Json, lang: Lang): { readonly text: string; readonly tag: string } | undefined {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const texts = list
    .map((v) =>
      typeof v === "string"
        ? { text: v, tag: "" }
        : typeof v === "object" && v && typeof (v as { "@value"?: unknown })["@value"] === "string"
          ? {
              text: (v as { "@value": string })["@value"],
              tag: (typeof (v as { "@language"?: unknown })["@language"] === "string"
                ? (v as { "@language": string })["@language"]
                : ""
              ).toLowerCase(),
            }
          : undefined,
    )
    .filter((t) => t !== undefined);
  return (
    texts.find((t) => t.tag === lang || t.tag.startsWith(`${lang}-`)) ?? texts.find((t) => t.tag === "") ?? texts[0]
  );
}

/** The languages of an event's texts, as LANGUAGE parameters (absent when the text's language is not known). */
interface TextLanguages {
  readonly summary?: string;
  readonly description?: string;
  readonly location?: string;
}

/** A BCP 47 tag as a parameter value (letters, digits and hyphens only: nothing to quote), or nothing. */
function languageParam(tag: string | undefined): string | undefined {
  return tag !== undefined && /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/i.test(tag) ? tag : undefined;
}

/** Whether two language tags are of one language (`fr-CA` and `fr`). */
const sameLanguage = (a: string, b: string): boolean =>
  a.split("-")[0]!.toLowerCase() === b.split("-")[0]!.toLowerCase();

/**
 * The calendar text with `;LANGUAGE=…` on the SUMMARY, DESCRIPTION and LOCATION of each VEVENT (in the order the
 * events were made), as ical-generator would write them if it knew the parameter: its lines unfolded (RFC 5545
 * §3.1), the parameter put after the property name, and the text folded again by ical-generator's own `foldLines`.
 */
function withLanguages(text: string, languages: readonly TextLanguages[]): string {
  const lines = text.replace(/\r\n[ \t]/g, "").split("\r\n");
  let event = -1;
  let depth = 0;
  const out = lines.map((line) => {
    if (line === "BEGIN:VEVENT") {
      event++;
      depth = 1;
      return line;
    }
    if (depth > 0 && line.startsWith("BEGIN:")) depth++;
    else if (depth > 0 && line.startsWith("END:")) depth--;
    // Only the event's own properties (depth 1), not those of a component inside it.
    if (depth !== 1) return line;
    const m = /^(SUMMARY|DESCRIPTION|LOCATION)([:;])/.exec(line);
    const tag = m ? languages[event]?.[m[1]!.toLowerCase() as keyof TextLanguages] : undefined;
    return m && tag ? `${m[1]};LANGUAGE=${tag}${line.slice(m[1]!.length)}` : line;
  });
  return foldLines(out.join("\r\n"));
}

const obj = (v: Json): Record<string, Json> | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, Json>) : undefined;
const list = (v: Json): Json[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const num = (v: Json): number | undefined =>
  typeof v === "number" && Number.isFinite(v)
    ? v
    : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))
      ? Number(v)
      : undefined;

/** How a date of the data is written in the feed. */
export type IcalTime =
  | { readonly kind: "zoned"; readonly zone: string; readonly at: DateTime }
  | { readonly kind: "utc"; readonly at: DateTime }
  | { readonly kind: "floating"; readonly at: DateTime };

const OFFSET = /(?:Z|[+-]\d\d:?\d\d)$/i;

/** An `xsd:dateTime` of the data placed in a zone (first of `zones` whose offset fits), in UTC, or floating. */
export function icalTime(value: string, zones: readonly (string | undefined)[]): IcalTime | undefined {
  if (!OFFSET.test(value)) {
    const at = DateTime.fromISO(value, { zone: "UTC" });
    return at.isValid ? { kind: "floating", at } : undefined;
  }
  const at = DateTime.fromISO(value, { setZone: true });
  if (!at.isValid) return undefined;
  for (const zone of zones) {
    if (zone === undefined) continue;
    const inZone = at.setZone(zone);
    if (inZone.isValid && inZone.offset === at.offset && getVtimezoneComponent(zone))
      return { kind: "zoned", zone, at: inZone };
  }
  return { kind: "utc", at: at.setZone("UTC") };
}

/** The place of a performance: its hall (`location`) and the venue containing it, with an address. */
function placeOf(
  node: PerformanceNode,
  lang: Lang,
): { title: string; address?: string; geo?: { lat: number; lon: number }; country?: string; tag?: string } | undefined {
  const loc = obj(node.location);
  if (!loc) return undefined;
  const venue = obj(loc.containedInPlace);
  const tagged = [pickTagged(loc.name, lang), venue ? pickTagged(venue.name, lang) : undefined].filter(
    (n) => n !== undefined && n.text !== "",
  );
  const names = tagged.map((n) => n!.text);
  // The title's language: its names' own, when they are all tagged with one language.
  const tag =
    tagged.length && tagged.every((n) => n!.tag !== "" && sameLanguage(n!.tag, tagged[0]!.tag))
      ? tagged[0]!.tag
      : undefined;
  const address = obj(loc.address) ?? (venue ? obj(venue.address) : undefined);
  const street = address
    ? [
        pickText(address.streetAddress, lang),
        [pickText(address.postalCode, lang), pickText(address.addressLocality, lang)].filter(Boolean).join(" "),
        pickText(address.addressCountry, lang),
      ]
    : [];
  const geo = obj(loc.geo) ?? (venue ? obj(venue.geo) : undefined);
  const lat = num(geo?.latitude);
  const lon = num(geo?.longitude);
  const country = address ? pickText(address.addressCountry, lang)?.toUpperCase() : undefined;
  if (!names.length && !street.some(Boolean)) return undefined;
  return {
    title: (names.length ? names : [street.filter(Boolean).join(", ")]).join(", "),
    ...(street.some(Boolean) ? { address: street.filter(Boolean).join(", ") } : {}),
    ...(lat !== undefined && lon !== undefined ? { geo: { lat, lon } } : {}),
    ...(country ? { country } : {}),
    ...(names.length && tag ? { tag } : {}),
  };
}

/** The offers' price range, e.g. `10–22 EUR`, or undefined when no offer has a price. */
export function priceRange(node: PerformanceNode): string | undefined {
  const prices: number[] = [];
  const currencies = new Set<string>();
  for (const o of list(node.offers).map(obj)) {
    if (!o) continue;
    for (const p of [o.price, o.minPrice, o.maxPrice].map(num)) if (p !== undefined) prices.push(p);
    const spec = obj(o.priceSpecification);
    for (const p of [spec?.price, spec?.minPrice, spec?.maxPrice].map(num)) if (p !== undefined) prices.push(p);
    if (typeof o.priceCurrency === "string") currencies.add(o.priceCurrency);
  }
  if (!prices.length) return undefined;
  const lo = Math.min(...prices);
  const hi = Math.max(...prices);
  const cur = currencies.size === 1 ? ` ${[...currencies][0]}` : "";
  return lo === hi ? `${lo}${cur}` : `${lo}–${hi}${cur}`;
}

const short = (v: Json): string | undefined =>
  typeof v === "string" ? v.replace(/^https?:\/\/schema\.org\//, "") : undefined;

/** UTF-8 length of one UTF-16 unit (a lone surrogate is written as U+FFFD by TextEncoder: 3 octets). */
function unitLength(ch: string): number {
  const c = ch.charCodeAt(0);
  return c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
}

/** What ical-generator's line folding reads of `new TextEncoder().encode(ch)`: its `length`, and nothing else. */
class OctetCounter {
  encode(ch: string): { length: number } {
    return { length: ch.length === 1 ? unitLength(ch) : Buffer.byteLength(ch, "utf8") };
  }
}

/**
 * Runs `fn` (a synchronous `calendar.toString()`) with a TextEncoder that only counts octets. ical-generator 10
 * folds lines by creating a TextEncoder and encoding each character of the whole calendar (upstream issue
 * sebbo2002/ical-generator#765: 5 s for 2,600 events here); version 11 fixes it but needs Node 22. The folding
 * itself stays the library's: only the octet count is computed without an allocation, and the swap is undone
 * before anything else can run (the call is synchronous). test/export/ical-fold.test.ts checks the output is the
 * same byte for byte with and without it. Remove once the package's engines allow ical-generator 11.
 */
function withOctetCounter<T>(fn: () => T): T {
  const real = globalThis.TextEncoder;
  globalThis.TextEncoder = OctetCounter as unknown as typeof TextEncoder;
  try {
    return fn();
  } finally {
    globalThis.TextEncoder = real;
  }
}

/** The event's end: its endDate (in its start's zone), else its start plus its duration. */
function endOf(node: PerformanceNode, from: IcalTime): IcalTime | undefined {
  let to: IcalTime | undefined =
    typeof node.endDate === "string" ? icalTime(node.endDate, from.kind === "zoned" ? [from.zone] : []) : undefined;
  if (!to && typeof node.duration === "string") {
    const d = Duration.fromISO(node.duration);
    if (d.isValid) to = { ...from, at: from.at.plus(d) };
  }
  return to;
}

type Tagged = NonNullable<ReturnType<typeof pickTagged>>;

/** The event's summary (its name, else its production's, else its IRI) and its description's lines in `lang`. */
function eventTexts(
  node: PerformanceNode,
  lang: Lang,
  status: string | undefined,
): { lines: string[]; description: Tagged | undefined; named: Tagged | undefined; name: string } {
  const lines: string[] = [];
  const description =
    pickTagged(node.description, lang) ??
    (obj(node.workPerformed) ? pickTagged(obj(node.workPerformed)!.description, lang) : undefined);
  if (description) lines.push(description.text);
  const productionName = obj(node.workPerformed) ? pickTagged(obj(node.workPerformed)!.name, lang) : undefined;
  const production = productionName?.text;
  const named = pickTagged(node.name, lang) ?? productionName;
  const name = named?.text ?? node["@id"];
  if (production && production !== name) lines.push(say("production", lang, { name: production }));
  if (status === "EventRescheduled" && typeof node.previousStartDate === "string") {
    const prev = DateTime.fromISO(node.previousStartDate, { setZone: true });
    lines.push(
      say("rescheduled", lang, {
        date: prev.isValid ? prev.setLocale(lang).toLocaleString(DateTime.DATETIME_FULL) : node.previousStartDate,
      }),
    );
  }
  if (status === "EventPostponed") lines.push(say("postponed", lang));
  if (status === "EventCancelled") lines.push(say("cancelled", lang));
  if (status === "EventMovedOnline") lines.push(say("online", lang));
  const range = priceRange(node);
  if (range) lines.push(say("prices", lang, { range }));
  if (node.isAccessibleForFree === true) lines.push(say("free", lang));
  lines.push(say("source", lang, { iri: node["@id"] }));
  return { lines, description, named, name };
}

/**
 * The feed of `items` as iCalendar text (CRLF lines folded at 75 octets, texts escaped, by ical-generator).
 * @param fastFold - internal: false folds with the library's own per-character TextEncoder (for the differential test).
 */
export function performancesToIcal(
  items: readonly PerformanceNode[],
  options: IcalOptions = {},
  fastFold = true,
): string {
  const lang = options.lang ?? "en";
  const cal = icalGenerator({
    prodId: { company: "vivant", product: "vivant-ld", language: lang.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    ...(options.name ? { name: options.name } : {}),
  });
  // A VTIMEZONE for each zone the events use, from the IANA database packaged by @touch4it/ical-timezones.
  cal.timezone({ name: null, generator: (zone: string) => getVtimezoneComponent(zone) });
  const stamp = options.now ?? new Date();
  const languages: TextLanguages[] = [];
  for (const node of items) {
    const start = typeof node.startDate === "string" ? node.startDate : undefined;
    if (start === undefined) continue;
    const place = placeOf(node, lang);
    const zones = [options.timeZone, place?.country ? COUNTRY_ZONE[place.country] : undefined];
    const from = icalTime(start, zones);
    if (!from) continue;
    const status = short(node.eventStatus);
    const to = endOf(node, from);
    const { lines, description, named, name } = eventTexts(node, lang, status);
    const url =
      typeof node.url === "string"
        ? node.url
        : Array.isArray(node.url) && typeof node.url[0] === "string"
          ? node.url[0]
          : undefined;
    // The description is the feed's sentences (in `lang`) around the data's text: in `lang` unless that text is
    // tagged with another language (then mixed, and no LANGUAGE is claimed).
    const summary = languageParam(named?.tag || undefined);
    const said =
      description === undefined || description.tag === "" || sameLanguage(description.tag, lang) ? lang : undefined;
    const where = languageParam(place?.tag || undefined);
    languages.push({
      ...(summary ? { summary } : {}),
      ...(said ? { description: said } : {}),
      ...(place && where ? { location: where } : {}),
    });
    cal.createEvent({
      id: node["@id"],
      stamp,
      start: from.at,
      ...(to ? { end: to.at } : {}),
      ...(from.kind === "zoned" ? { timezone: from.zone } : from.kind === "floating" ? { floating: true } : {}),
      summary: name,
      description: lines.join("\n"),
      ...(place
        ? {
            location: {
              title: place.title,
              ...(place.address ? { address: place.address } : {}),
              ...(place.geo ? { geo: place.geo } : {}),
            },
          }
        : {}),
      ...(url ? { url } : {}),
      status:
        status === "EventCancelled"
          ? ICalEventStatus.CANCELLED
          : status === "EventPostponed"
            ? ICalEventStatus.TENTATIVE
            : ICalEventStatus.CONFIRMED,
    });
  }
  // RFC 5545 §3.1: every content line ends with CRLF, the last one too (ical-generator leaves it off).
  const text = fastFold
    ? withOctetCounter(() => withLanguages(cal.toString(), languages))
    : withLanguages(cal.toString(), languages);
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}
