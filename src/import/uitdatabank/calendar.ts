// Calendars of periodic and permanent events: opening hours (with closed and adjusted days) expanded into
// occurrences between two dates.

import { endAfterMidnight } from "../../records/time.js";
import { compact } from "../types.js";
import { isObject, str } from "./json.js";

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export interface Hours {
  readonly opens?: string | undefined;
  readonly closes?: string | undefined;
  readonly dayOfWeek: readonly string[];
}
export function hoursOf(v: unknown): Hours[] {
  return Array.isArray(v)
    ? v.filter(isObject).map((h) => ({
        opens: str(h.opens),
        closes: str(h.closes),
        dayOfWeek: Array.isArray(h.dayOfWeek) ? h.dayOfWeek.filter((d): d is string => typeof d === "string") : [],
      }))
    : [];
}
const hhmm = (t: string) => t.padStart(5, "0");

/** Occurrences of opening hours between two dates (included): local start and end times, no offset. */
export function expandOpeningHours(
  from: string,
  to: string,
  hours: readonly Hours[],
  closed: readonly { startDate: string; endDate: string }[] = [],
  adjusted: readonly { startDate: string; endDate: string; hours: readonly Hours[] }[] = [],
  max = 1000,
): { occurrences: { start: string; end?: string | undefined }[]; truncated: boolean; overnight: number } {
  const out: { start: string; end?: string | undefined }[] = [];
  let overnight = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (closed.some((c) => c.startDate <= day && day <= c.endDate)) continue;
    const override = adjusted.find((a) => a.startDate <= day && day <= a.endDate);
    const dow = DAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]!;
    for (const h of override?.hours ?? hours) {
      if (!h.dayOfWeek.includes(dow) || h.opens === undefined) continue;
      if (out.length >= max) return { occurrences: out, truncated: true, overnight };
      // Hours past midnight (opens 20:00, closes 02:00) close the next day.
      const start = `${day}T${hhmm(h.opens)}`;
      let end = h.closes !== undefined ? `${day}T${hhmm(h.closes)}` : undefined;
      const moved = end !== undefined ? endAfterMidnight(start, end) : undefined;
      if (moved !== undefined) {
        end = moved;
        overnight++;
      }
      out.push(compact({ start, end }));
    }
  }
  return { occurrences: out, truncated: false, overnight };
}
