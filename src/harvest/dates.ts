// Dates as the web writes them, read into ISO 8601 without inventing anything: a missing UTC
// offset stays missing (local time), a missing time stays a date.

import type { FixKind } from "./fixes.js";

export interface NormalizedDate {
  /** ISO 8601: `2025-09-01`, `2025-09-01T19:30:00`, `2025-09-01T19:30:00-05:00`. */
  readonly value: string;
  readonly kind: "date" | "dateTime";
  /** True when the value carries a UTC offset (or Z). */
  readonly hasOffset: boolean;
  /** The repairs made to reach `value` (empty when it was already ISO 8601). */
  readonly fixes: readonly FixKind[];
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})([T ])(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Reads an ISO 8601-ish date or date-time; undefined when it is not one. */
export function normalizeDate(raw: string): NormalizedDate | undefined {
  const text = raw.trim();
  const d = DATE_ONLY.exec(text);
  if (d) {
    return validDay(Number(d[1]), Number(d[2]), Number(d[3]))
      ? { value: text, kind: "date", hasOffset: false, fixes: [] }
      : undefined;
  }
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, da, sep, hh, mi, ss, frac, tz] = m;
  if (!validDay(Number(y), Number(mo), Number(da))) return undefined;
  if (Number(hh) > 24 || Number(mi) > 59 || (ss !== undefined && Number(ss) > 60)) return undefined;
  const fixes: FixKind[] = [];
  if (sep === " ") fixes.push("date-space-separator");
  if (ss === undefined) fixes.push("date-missing-seconds");
  let offset = tz ?? "";
  if (offset && offset !== "Z") {
    if (offset.length === 3) {
      offset = `${offset}:00`;
      fixes.push("date-timezone-colon");
    } else if (!offset.includes(":")) {
      offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
      fixes.push("date-timezone-colon");
    }
    const [oh, om] = offset.slice(1).split(":").map(Number);
    if (oh! > 14 || om! > 59) return undefined;
  }
  if (!offset) fixes.push("date-without-timezone");
  let [year, month, day, hour] = [y!, mo!, da!, hh!];
  if (hour === "24") {
    // 24:00 is the end of the day (ISO 8601): the next day at 00:00, which every parser reads.
    if (Number(mi) !== 0 || Number(ss ?? 0) !== 0) return undefined;
    const next = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(da) + 1));
    [year, month, day, hour] = [
      String(next.getUTCFullYear()).padStart(4, "0"),
      String(next.getUTCMonth() + 1).padStart(2, "0"),
      String(next.getUTCDate()).padStart(2, "0"),
      "00",
    ];
    fixes.push("date-end-of-day");
  }
  const value = `${year}-${month}-${day}T${hour}:${mi}:${ss ?? "00"}${frac ?? ""}${offset}`;
  return { value, kind: "dateTime", hasOffset: offset !== "", fixes };
}

/** `31/12/2016`, `01/01/2016 00:00` (day first, as French exports write them) → ISO 8601. */
export function parseDayMonthYear(raw: string): NormalizedDate | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(raw.trim());
  if (!m) return undefined;
  const [, d, mo, y, hh, mi, ss] = m;
  if (!validDay(Number(y), Number(mo), Number(d))) return undefined;
  const date = `${y}-${mo!.padStart(2, "0")}-${d!.padStart(2, "0")}`;
  if (hh === undefined) return { value: date, kind: "date", hasOffset: false, fixes: ["date-day-month-year"] };
  if (Number(hh) > 24) return undefined;
  return {
    value: `${date}T${hh.padStart(2, "0")}:${mi}:${ss ?? "00"}`,
    kind: "dateTime",
    hasOffset: false,
    fixes: ["date-day-month-year", "date-without-timezone"],
  };
}
