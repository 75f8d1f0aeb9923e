// The options of an iCalendar feed, apart from the writer (src/export/ical.ts) so that the types that name them
// (the server's query backends) do not bring the writer's libraries' types into the published declarations.

import type { Lang } from "../errors.js";

/** Options of a feed. */
export interface IcalOptions {
  /** Language of the texts picked from the data (names, descriptions) and of the feed's own sentences. @default "en" */
  readonly lang?: Lang;
  /** The calendar's name (`X-WR-CALNAME`). */
  readonly name?: string;
  /**
   * An IANA zone tried first for every performance (e.g. the request's `tz`): used when its offset at that instant
   * is the date's own offset, else the venue's country's zone, else UTC.
   */
  readonly timeZone?: string;
  /** When the feed was made (`DTSTAMP` of each event). @default now */
  readonly now?: Date;
}
