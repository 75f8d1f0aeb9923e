// The filter's date bounds and the performances' start times: read from their lexical forms, compared in JavaScript
// (`passes`, for the index) and in SPARQL (`timeBlock`, `ORDER_BIND`), so that both compare and order alike.

import {
  epochOf,
  formatIsoDate,
  isTimeZone,
  offsetAt,
  parseIsoDate,
  resolveLocalTime,
  type ParsedDate,
} from "../../records/time.js";
import type { PerformanceFilter } from "../filter.js";
import { countryZoneTable } from "../zones.js";
import { bad, EXPECTED, str } from "./terms.js";

/** A bound as written: parsed, with a date moved to midnight (the next day's, for an end of day). */
function boundLexical(text: string, field: string, endOfDay: boolean): ParsedDate {
  const p = parseIsoDate(text);
  if (!p)
    throw bad(field, text, {
      en: "a date (2026-11-21) or a date-time (2026-11-21T20:00:00+01:00)",
      fr: "une date (2026-11-21) ou une date-heure (2026-11-21T20:00:00+01:00)",
    });
  let at: ParsedDate = p;
  if (p.kind === "date") {
    at = { ...p, kind: "dateTime" };
    if (endOfDay) {
      const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
      at = { ...at, year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
    }
  }
  return at;
}

/** A local wall time resolved in `zone`: a time skipped or lived twice by a DST change takes the earliest offset (the bound stays inclusive). */
function offsetIn(at: ParsedDate, zone: string): number {
  const r = resolveLocalTime(at, zone);
  return r.ok ? r.offsetMinutes : Math.max(...r.offsets);
}

/**
 * A date bound (`from`, `to`) as the performances are compared with it. An `instant` bound (a date-time with an
 * offset, or any bound read in the asked `tz`) is one point in time; a `wall` bound (a date or local date-time, no
 * `tz`) is a time on each performance's own clock.
 */
export interface Bound {
  readonly kind: "instant" | "wall";
  /** instant: milliseconds since the epoch; wall: the wall time's milliseconds read as if UTC. */
  readonly ms: number;
  /** The bound's date and time as written (as if UTC): what a local start of unknown zone is compared with. */
  readonly wallMs: number;
}

/** Reads a bound: throws InputError `query/bad-filter` when it is not a date or a date-time. */
export function boundOf(text: string, tz: string | undefined, field: string, endOfDay: boolean): Bound {
  const at = boundLexical(text, field, endOfDay);
  const wallMs = epochOf({ ...at, offsetMinutes: 0 });
  if (at.offsetMinutes !== undefined) return { kind: "instant", ms: epochOf(at), wallMs };
  if (tz === undefined) return { kind: "wall", ms: wallMs, wallMs };
  if (!isTimeZone(tz)) throw bad("timeZone", tz, EXPECTED.timeZone);
  return { kind: "instant", ms: wallMs - offsetIn(at, tz) * 60_000, wallMs };
}

/**
 * The bound in a performance's zone: an instant bound's wall time there (as if UTC), or a wall bound's instant there.
 * Both the SPARQL (a VALUES table per zone) and the index use it, so they compare alike.
 */
export function boundInZone(b: Bound, zone: string): number {
  if (b.kind === "instant") return b.ms + offsetAt(zone, b.ms) * 60_000;
  return b.ms - offsetIn(utcFields(b.ms, ""), zone) * 60_000;
}

/** The UTC fields of `ms` as a date-time with no offset (its fraction as given). */
function utcFields(ms: number, fraction: string): ParsedDate {
  const d = new Date(ms);
  return {
    kind: "dateTime",
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    fraction,
  };
}

/** A key → value table as one SPARQL string, `|key=value|…|`, read with STRBEFORE(STRAFTER(table, "|key="), "|"). */
function lookupTable(rows: readonly (readonly [string, string])[]): string {
  return str(`|${rows.map(([k, v]) => `${k}=${v}`).join("|")}|`);
}

/** Milliseconds as an xsd:dateTime literal: UTC (`Z`) or, with `floating`, a local date-time (no offset). */
export function msLiteral(ms: number, floating: boolean): string {
  return `${str(msLiteralText(ms, floating))}^^xsd:dateTime`;
}

function msLiteralText(ms: number, floating: boolean): string {
  const d = new Date(ms);
  const frac = d.getUTCMilliseconds() ? String(d.getUTCMilliseconds()).padStart(3, "0").replace(/0+$/, "") : "";
  const p: ParsedDate = { ...utcFields(ms, frac), ...(floating ? {} : { offsetMinutes: 0 }) };
  return formatIsoDate(p);
}

/**
 * How a start is compared with date bounds and ordered, in JavaScript (the index) as the SPARQL of `timeBlock` does.
 * `wallMs` is the start's date and time as written, offset dropped (a date: its midnight), read as if UTC.
 */
export interface StartTimes {
  readonly hasOffset: boolean;
  /** Instant in ms when the start has an offset; NaN otherwise. */
  readonly epoch: number;
  readonly wallMs: number;
  /** The sort key: the instant when there is an offset, else the wall time read as UTC (SPARQL's `?ord`). */
  readonly key: number;
}

/** The StartTimes of a start's lexical form (an xsd:dateTime or an xsd:date); undefined when it is not one. */
export function startTimes(lexical: string): StartTimes | undefined {
  const p = parseIsoDate(lexical);
  if (!p) return undefined;
  const wallMs = epochOf({ ...p, offsetMinutes: 0 });
  const hasOffset = p.kind === "dateTime" && p.offsetMinutes !== undefined;
  const epoch = hasOffset ? epochOf(p) : NaN;
  return { hasOffset, epoch, wallMs, key: hasOffset ? epoch : wallMs };
}

/**
 * Whether a start passes a bound (`from`: at or after; `to`: strictly before), given the start's zone (undefined:
 * unknown) and `inZone`, the bound in that zone (boundInZone, memoised by the caller).
 */
export function passes(
  s: StartTimes,
  zone: string | undefined,
  b: Bound,
  inZone: (zone: string) => number,
  lower: boolean,
): boolean {
  let a: number;
  let t: number;
  if (b.kind === "instant") {
    if (s.hasOffset) [a, t] = [s.epoch, b.ms];
    else if (zone !== undefined) [a, t] = [s.wallMs, inZone(zone)];
    else [a, t] = [s.wallMs, b.wallMs];
  } else if (s.hasOffset && zone !== undefined) [a, t] = [s.epoch, inZone(zone)];
  else [a, t] = [s.wallMs, b.ms];
  return lower ? a >= t : a < t;
}

/** An xsd:dateTime literal of a bound in its own terms (an instant: UTC; a wall time: local). */
function boundLiteral(b: Bound): string {
  return msLiteral(b.ms, b.kind === "wall");
}

/**
 * The SPARQL of the start times: binds ?st (the start as an xsd:dateTime; a date at its midnight), ?wall (its date
 * and time as written, without offset), ?zone (the venue's zone from its country, or "") and, for each bound, ?zlo /
 * ?zhi (the bound in ?zone); then the date FILTERs, exactly as `passes`.
 */
export function timeBlock(f: PerformanceFilter): string[] {
  const lines = [
    `BIND(IF(DATATYPE(?start) = xsd:date, STRDT(CONCAT(STR(?start), "T00:00:00"), xsd:dateTime), ?start) AS ?st)`,
    `BIND(STRDT(REPLACE(STR(?st), "(Z|[+-][0-9]{2}:[0-9]{2})$", ""), xsd:dateTime) AS ?wall)`,
    // The country → zone table as one string ("|FR=Europe/Paris|…|"), read with STRAFTER: a lookup per row, where a
    // VALUES table of 231 rows made every date question twice as slow. Zone names hold no "|" or "=", so a value of
    // two characters finds a zone only when it is a code of the table.
    `OPTIONAL { SELECT ?e (IF(COUNT(DISTINCT ?zz) = 1, MIN(?zz), "") AS ?zone0) WHERE { { ?e schema:location ?zv } UNION { ?e schema:location/schema:containedInPlace ?zv } ?zv schema:address/schema:addressCountry ?zc . BIND(UCASE(STR(?zc)) AS ?zcu) BIND(IF(BOUND(?zcu) && STRLEN(?zcu) = 2, STRBEFORE(STRAFTER(${lookupTable(countryZoneTable())}, CONCAT("|", ?zcu, "=")), "|"), "") AS ?zz) } GROUP BY ?e }`,
    `BIND(COALESCE(?zone0, "") AS ?zone)`,
  ];
  const from = f.from !== undefined ? boundOf(f.from, f.timeZone, "from", false) : undefined;
  const to = f.to !== undefined ? boundOf(f.to, f.timeZone, "to", true) : undefined;
  const bounds: [string, Bound][] = [];
  if (from) bounds.push(["?zlo", from]);
  if (to) bounds.push(["?zhi", to]);
  const zones = [...new Set(countryZoneTable().map(([, z]) => z))].sort();
  for (const [v, b] of bounds) {
    // The bound in each zone, looked up as the country's zone is; unbound when ?zone is "".
    const table = lookupTable(zones.map((z) => [z, msLiteralText(boundInZone(b, z), b.kind === "instant")] as const));
    lines.push(
      `BIND(IF(?zone != "", STRDT(STRBEFORE(STRAFTER(${table}, CONCAT("|", ?zone, "=")), "|"), xsd:dateTime), ?unbound) AS ${v})`,
    );
  }
  for (const [v, b] of bounds) {
    const op = v === "?zlo" ? ">=" : "<";
    if (b.kind === "instant") {
      lines.push(
        `FILTER(IF(TZ(?st) != "", ?st ${op} ${boundLiteral(b)}, IF(BOUND(${v}), ?wall ${op} ${v}, ?wall ${op} ${msLiteral(b.wallMs, true)})))`,
      );
    } else {
      lines.push(`FILTER(IF(TZ(?st) != "" && BOUND(${v}), ?st ${op} ${v}, ?wall ${op} ${boundLiteral(b)}))`);
    }
  }
  return lines;
}

/** SPARQL's order of performances (`?ord`, after timeBlock): the instant when the start has an offset, else its wall time read as UTC. */
export const ORDER_BIND = `BIND(IF(TZ(?st) != "", ?st, STRDT(CONCAT(STR(?wall), "Z"), xsd:dateTime)) AS ?ord)`;
