// Time and zone normalisation: a local date-time resolved with the record's zone (a gap or an overlap reported),
// and dates compared (an end before its start reported).

import {
  epochOf,
  formatIsoDate,
  formatOffset,
  parseIsoDate,
  resolveLocalTime,
  type ParsedDate,
  type ZoneResolution,
} from "../time.js";
import { fieldPath, type RecordCheck } from "./check.js";

type FailedResolution = Extract<ZoneResolution, { ok: false }>;

/** The zone a record's local times are resolved in (its own, or its venue's). */
export interface DateContext {
  readonly zone: string | undefined;
}

/** Resolves a date(-time) with the zone: returns the normalised lexical form and the parsed value. */
// A season repeats the same dates (sales openings, start times) across venues and performances:
// resolved values are immutable, so they are memoised per zone (bounded).
const resolvedCache = new Map<string, Map<string, { text: string; parsed: ParsedDate }>>();

export function resolveDate(
  value: string,
  ctx: DateContext,
  c: RecordCheck,
  at: string,
  key: string,
  index?: number,
  leaf?: string,
): { text: string; parsed: ParsedDate } | undefined {
  const zoneKey = ctx.zone ?? "";
  let cache = resolvedCache.get(zoneKey);
  if (!cache) {
    cache = new Map();
    resolvedCache.set(zoneKey, cache);
  }
  const hit = cache.get(value);
  if (hit) return hit;
  const parsed = parseIsoDate(value);
  if (!parsed) return undefined; // already reported structurally
  let result: { text: string; parsed: ParsedDate } | undefined;
  if (parsed.kind === "date" || parsed.offsetMinutes !== undefined || ctx.zone === undefined)
    result = { text: formatIsoDate(parsed), parsed };
  const r = result ? undefined : resolveLocalTime(parsed, ctx.zone!);
  if (r?.ok) {
    const withOffset = { ...parsed, offsetMinutes: r.offsetMinutes };
    result = { text: formatIsoDate(withOffset), parsed: withOffset };
  }
  if (result) {
    if (cache.size > 50_000) cache.clear();
    cache.set(value, result);
    return result;
  }
  if (!r || r.ok) return undefined;
  localTimeProblem(c, { path: fieldPath(at, key, index, leaf), value, zone: ctx.zone!, resolution: r });
  return undefined;
}

/** A local time that does not exist in its zone (a gap) or happens twice there (an overlap). */
function localTimeProblem(
  c: RecordCheck,
  { path, value, zone, resolution: r }: { path: string; value: string; zone: string; resolution: FailedResolution },
): void {
  if (r.reason === "gap") {
    c.report({
      code: "record/nonexistent-local-time",
      path,
      value,
      expected: { en: `a time that exists in ${zone}`, fr: `une heure qui existe dans ${zone}` },
      message: {
        en: `${value} does not exist in ${zone} (skipped by the change to summer time)`,
        fr: `${value} n'existe pas dans ${zone} (sautée au passage à l'heure d'été)`,
      },
      hint: {
        en: `check the time, or write it with an explicit offset`,
        fr: `vérifiez l'heure, ou écrivez-la avec un décalage explicite`,
      },
    });
    return;
  }
  const offsets = r.offsets.map(formatOffset).join(", ");
  c.report({
    code: "record/ambiguous-local-time",
    path,
    value,
    expected: { en: `a time with one offset in ${zone}`, fr: `une heure à décalage unique dans ${zone}` },
    message: {
      en: `${value} happens twice in ${zone} (offsets ${offsets})`,
      fr: `${value} a lieu deux fois dans ${zone} (décalages ${offsets})`,
    },
    hint: {
      en: `write it with the intended offset, e.g. ${value}:00${formatOffset(r.offsets.at(-1)!)}`,
      fr: `écrivez-la avec le décalage voulu, par ex. ${value}:00${formatOffset(r.offsets.at(-1)!)}`,
    },
  });
}

/** How two dates compare (negative when `a` is before `b`); undefined when they cannot be ordered. */
export function compareDates(a: ParsedDate, b: ParsedDate): number | undefined {
  // A day (xsd:date) and a date-time compare by day, the date-time's as written (its local day).
  if (a.kind !== b.kind) return Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);
  // A local value and one with an offset cannot be ordered without inventing a zone.
  if (
    (a.offsetMinutes === undefined) !== (b.offsetMinutes === undefined) &&
    a.kind === "dateTime" &&
    b.kind === "dateTime"
  )
    return undefined;
  return epochOf(a) - epochOf(b);
}

/** What an order problem names: the later field's path and value, and the earlier field it should not precede. */
export interface OrderSpec {
  readonly path: string;
  readonly value: string;
  readonly earlier: string;
  readonly earlierField: string;
  readonly laterField: string;
}

/** A date before the one it should follow (an end before its start, a start before the doors open). */
export function orderProblem(c: RecordCheck, { path, value, earlier, earlierField, laterField }: OrderSpec): void {
  c.report({
    code: "record/end-before-start",
    path,
    value,
    expected: {
      en: `${laterField} not before ${earlierField} (${earlier})`,
      fr: `${laterField} non antérieur à ${earlierField} (${earlier})`,
    },
    message: {
      en: `${laterField} ${value} is before ${earlierField} ${earlier}`,
      fr: `${laterField} ${value} est antérieur à ${earlierField} ${earlier}`,
    },
    hint: { en: `correct one of the two dates`, fr: `corrigez l'une des deux dates` },
  });
}
