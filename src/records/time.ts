// Dates and times: ISO 8601 parsing, and local wall-clock time + IANA zone → the real UTC offset.
// Uses the platform's ICU (Intl), so zone rules are the runtime's tz database; no offset is ever invented.

/** A parsed date or date-time, as written. */
export interface ParsedDate {
  readonly kind: "date" | "dateTime";
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Fraction of a second as written (digits after the dot), or "". */
  readonly fraction: string;
  /** Offset in minutes east of UTC; undefined when the value is local (no Z, no offset). */
  readonly offsetMinutes?: number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`; undefined when malformed or impossible. */
export function parseIsoDate(text: string, allowDate = true): ParsedDate | undefined {
  const d = DATE_RE.exec(text);
  if (d) {
    if (!allowDate) return undefined;
    const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
    return { kind: "date", year, month, day, hour: 0, minute: 0, second: 0, fraction: "" };
  }
  const m = DATETIME_RE.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes: number | undefined;
  if (m[8] === "Z") offsetMinutes = 0;
  else if (m[8]) {
    const sign = m[8][0] === "-" ? -1 : 1;
    const oh = Number(m[8].slice(1, 3));
    const om = Number(m[8].slice(4, 6));
    if (oh > 14 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  return {
    kind: "dateTime",
    year,
    month,
    day,
    hour,
    minute,
    second,
    fraction: m[7] ?? "",
    ...(offsetMinutes !== undefined ? { offsetMinutes } : {}),
  };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

export function formatOffset(minutes: number): string {
  if (minutes === 0) return "Z";
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The xsd:date or xsd:dateTime lexical form, seconds always written, offset only when known. */
export function formatIsoDate(p: ParsedDate): string {
  const date = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  if (p.kind === "date") return date;
  const frac = p.fraction ? `.${p.fraction}` : "";
  const off = p.offsetMinutes === undefined ? "" : formatOffset(p.offsetMinutes);
  return `${date}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${frac}${off}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether the runtime knows this IANA zone. */
export function isTimeZone(zone: string): boolean {
  return formatterFor(zone) !== undefined;
}

function formatterFor(zone: string): Intl.DateTimeFormat | undefined {
  let f = formatters.get(zone);
  if (f) return f;
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) return undefined;
  try {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    return undefined;
  }
  formatters.set(zone, f);
  return f;
}

// Offsets change on whole minutes at most once per hour in every real zone: caching per UTC hour
// keeps the Intl call (the slow part) out of the per-performance hot path.
const offsetCache = new Map<string, Map<number, number>>();

/** The zone's UTC offset in minutes at a given instant. */
export function offsetAt(zone: string, epochMs: number): number {
  const bucket = Math.floor(epochMs / 3_600_000);
  let byHour = offsetCache.get(zone);
  if (!byHour) {
    byHour = new Map();
    offsetCache.set(zone, byHour);
  }
  const cached = byHour.get(bucket);
  if (cached !== undefined) return cached;
  const f = formatterFor(zone);
  if (!f) throw new RangeError(`unknown time zone ${zone}`);
  const at = bucket * 3_600_000;
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(at))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second);
  const offset = Math.round((asUtc - at) / 60_000);
  if (byHour.size > 200_000) byHour.clear();
  byHour.set(bucket, offset);
  return offset;
}

export type ZoneResolution =
  | { readonly ok: true; readonly offsetMinutes: number }
  | { readonly ok: false; readonly reason: "gap" | "ambiguous"; readonly offsets: readonly number[] };

/**
 * Resolves a local wall-clock time in a zone. A time skipped by a DST change ("gap") or lived twice
 * ("ambiguous") is not resolved: the caller reports it rather than picking an offset.
 */
export function resolveLocalTime(p: ParsedDate, zone: string): ZoneResolution {
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const candidates = new Set([
    offsetAt(zone, wall - 86_400_000),
    offsetAt(zone, wall + 86_400_000),
    offsetAt(zone, wall),
  ]);
  const valid: number[] = [];
  for (const o of candidates) if (offsetAt(zone, wall - o * 60_000) === o) valid.push(o);
  if (valid.length === 1) return { ok: true, offsetMinutes: valid[0]! };
  return {
    ok: false,
    reason: valid.length === 0 ? "gap" : "ambiguous",
    offsets: [...candidates].sort((a, b) => a - b),
  };
}

/** Milliseconds since the epoch; a local value is compared as if UTC (only against other local values). */
export function epochOf(p: ParsedDate): number {
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (p.offsetMinutes ?? 0) * 60_000;
}

const DURATION_RE = /^P(?!$)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;
/** ISO 8601 / xsd:duration, e.g. `PT2H30M`. */
export function isDuration(text: string): boolean {
  return DURATION_RE.test(text);
}

const WALL_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?$/;

/**
 * An end written on the same day as its start but at an earlier clock time (22:00 → 05:30) means the
 * next day: returns the end moved to the next day, or undefined when nothing is to be done (different
 * days, the end already later, a date without time, or the two written with different offsets).
 * @example endAfterMidnight("2026-10-01T22:00", "2026-10-01T05:30") // "2026-10-02T05:30"
 */
export function endAfterMidnight(start: string, end: string): string | undefined {
  const s = WALL_RE.exec(start);
  const e = WALL_RE.exec(end);
  if (!s || !e || s[1] !== e[1] || (s[3] ?? "") !== (e[3] ?? "")) return undefined;
  const [sp, ep] = [parseIsoDate(start), parseIsoDate(end)];
  if (!sp || !ep || epochOf(ep) >= epochOf(sp)) return undefined;
  const next = new Date(Date.UTC(ep.year, ep.month - 1, ep.day + 1)).toISOString().slice(0, 10);
  return `${next}T${e[2]}${e[3] ?? ""}`;
}

const DURATION_PARTS =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d+))?S)?)?$/;

/**
 * A date-time plus an ISO 8601 duration, on the wall clock of the start's own offset (`2026-11-20T20:00:00+01:00`
 * + `PT2H30M` → `2026-11-20T22:30:00+01:00`; months and years by the calendar, clamped to the month's last day).
 * Undefined when the start is a date without a time, or either is malformed.
 */
export function addDuration(start: string, duration: string): string | undefined {
  const p = parseIsoDate(start, false);
  const m = isDuration(duration) ? DURATION_PARTS.exec(duration) : null;
  if (!p || !m) return undefined;
  const [y, mo, w, d, h, mi, s] = [1, 2, 3, 4, 5, 6, 7].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const months = p.month - 1 + mo + 12 * y;
  const year = p.year + Math.floor(months / 12);
  const month = (months % 12) + 1;
  const day = Math.min(p.day, daysInMonth(year, month));
  const frac = Number(`0.${p.fraction || "0"}`) + Number(`0.${m[8] ?? "0"}`);
  const t = new Date(
    Date.UTC(year, month - 1, day + 7 * w + d, p.hour + h, p.minute + mi, p.second + s + Math.floor(frac)),
  );
  if (Number.isNaN(t.getTime())) return undefined;
  const fraction = String(Math.round((frac % 1) * 1e9))
    .padStart(9, "0")
    .replace(/0+$/, "");
  return formatIsoDate({
    kind: "dateTime",
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
    fraction: p.fraction || m[8] ? fraction : "",
    ...(p.offsetMinutes !== undefined ? { offsetMinutes: p.offsetMinutes } : {}),
  });
}
