// The performances of one event from its calendar: single and multiple from their subEvents, periodic from its
// opening hours between its dates (closed days left out, adjusted days applied), permanent from its opening hours
// within the window the caller gives; each with what all of the event's performances share.

import type { Performance } from "../../records/types.js";
import { endAfterMidnight } from "../../records/time.js";
import { compact, recordProblem } from "../types.js";
import { expandOpeningHours, hoursOf } from "./calendar.js";
import { isObject, str, uuidOf } from "./json.js";
import { performersOf } from "./performers.js";
import { booking, offersOf, statusOf } from "./prices.js";
import type { EventAt } from "./run.js";

/** What every performance of event `e` shares (its performers and organizer are made here, once). */
export function commonOf(
  e: EventAt,
  fields: Pick<Performance, "production" | "type" | "name" | "venue" | "onlineUrl" | "attendanceMode">,
) {
  const { d, id, at, run } = e;
  const { production, type, name, venue, onlineUrl, attendanceMode } = fields;
  return {
    production,
    type,
    name,
    venue,
    onlineUrl,
    attendanceMode,
    performers: performersOf(d, id, at, run.places, run.people, run.problems),
    organizers:
      isObject(d.organizer) && uuidOf(d.organizer) !== undefined && run.places.organizerOf(uuidOf(d.organizer)!)
        ? [{ organization: uuidOf(d.organizer)! }]
        : undefined,
    url: Array.isArray(d.sameAs)
      ? d.sameAs.find((s): s is string => typeof s === "string" && /^https?:\/\//.test(s))
      : undefined,
  };
}
type Common = ReturnType<typeof commonOf>;

/** Single and multiple events: one performance per subEvent with a start date (or the event's own dates). */
function fromSubEvents({ d, id, run }: EventAt, common: Common, made: Performance[]): void {
  const subs =
    Array.isArray(d.subEvent) && d.subEvent.length
      ? d.subEvent.filter(isObject)
      : [{ startDate: d.startDate, endDate: d.endDate }];
  subs.forEach((s, i) => {
    const start = str(s.startDate);
    if (start === undefined) return;
    let endDate = str(s.endDate);
    const moved = endDate !== undefined ? endAfterMidnight(start, endDate) : undefined;
    if (moved !== undefined) {
      endDate = moved;
      run.fixes.add("end-after-midnight");
    }
    made.push(
      compact({
        ...common,
        id: subs.length === 1 ? id : `${id}-${typeof s.id === "number" ? s.id : i}`,
        startDate: start,
        endDate,
        status: statusOf(s.status) ?? statusOf(d.status),
        offers: offersOf(d, booking(s.bookingAvailability) ?? booking(d.bookingAvailability)),
      }),
    );
  });
}

/** Periodic and permanent events without the dates to expand their hours between: rejected. */
function rejectWithoutDates({ reject }: EventAt, calendar: "periodic" | "permanent"): void {
  reject({
    code: `uitdatabank/${calendar}-without-dates`,
    field: calendar === "periodic" ? "startDate" : "calendarType",
    value: calendar,
    message: [
      calendar === "permanent"
        ? "a permanent event has no dates: give a window to expand its opening hours"
        : "periodic event without start and end dates",
      calendar === "permanent"
        ? "un événement permanent n'a pas de dates : donner une fenêtre pour développer ses heures d'ouverture"
        : "événement périodique sans dates de début et de fin",
    ],
    expected: [
      "dates to expand the opening hours between",
      "des dates entre lesquelles développer les heures d'ouverture",
    ],
    hint: [
      calendar === "permanent"
        ? "pass permanentWindow (CLI: --window 2026-09-01/2026-12-31)"
        : "give startDate and endDate",
      calendar === "permanent"
        ? "passer permanentWindow (CLI : --window 2026-09-01/2026-12-31)"
        : "donner startDate et endDate",
    ],
  });
}

/** Periodic events (between their dates) and permanent ones (within the window): their opening hours expanded. */
function fromOpeningHours(
  e: EventAt,
  calendar: "periodic" | "permanent",
  common: Common,
  made: Performance[],
): boolean {
  const { d, id, at, run } = e;
  const max = run.max;
  const hours = hoursOf(d.openingHours);
  const from = calendar === "periodic" ? str(d.startDate)?.slice(0, 10) : run.permanentWindow?.from;
  const to = calendar === "periodic" ? str(d.endDate)?.slice(0, 10) : run.permanentWindow?.to;
  if (from === undefined || to === undefined) {
    rejectWithoutDates(e, calendar);
    return false;
  }
  if (hours.length === 0 && calendar === "periodic") {
    made.push(
      compact({
        ...common,
        id,
        startDate: str(d.startDate)!,
        endDate: str(d.endDate),
        status: statusOf(d.status),
        offers: offersOf(d, booking(d.bookingAvailability)),
      }),
    );
    return true;
  }
  const closed = (Array.isArray(d.openingHoursClosedDays) ? d.openingHoursClosedDays.filter(isObject) : []).map(
    (c) => ({ startDate: str(c.startDate) ?? "", endDate: str(c.endDate) ?? str(c.startDate) ?? "" }),
  );
  const adjusted = (Array.isArray(d.openingHoursAdjustedDays) ? d.openingHoursAdjustedDays.filter(isObject) : []).map(
    (a) => ({
      startDate: str(a.startDate) ?? "",
      endDate: str(a.endDate) ?? str(a.startDate) ?? "",
      hours: hoursOf(a.openingHours),
    }),
  );
  const { occurrences, truncated, overnight } = expandOpeningHours(from, to, hours, closed, adjusted, max);
  if (overnight) run.fixes.add("end-after-midnight", overnight);
  if (truncated) {
    run.problems.push(
      recordProblem(
        "uitdatabank/too-many-occurrences",
        "performance",
        id,
        at("openingHours"),
        max,
        [
          `opening hours give more than ${max} performances: the first ${max} are kept`,
          `les heures d'ouverture donnent plus de ${max} représentations : les ${max} premières sont gardées`,
        ],
        [`at most ${max} occurrences`, `au plus ${max} occurrences`],
        ["narrow the dates or raise maxOccurrences", "resserrer les dates ou relever maxOccurrences"],
        "warning",
      ),
    );
  }
  for (const o of occurrences) {
    made.push(
      compact({
        ...common,
        id: `${id}-${o.start.replace(/[-:]/g, "")}`,
        startDate: o.start,
        endDate: o.end,
        status: statusOf(d.status),
        offers: offersOf(d, booking(d.bookingAvailability)),
      }),
    );
  }
  return true;
}

/** The performances of event `e` by its calendar type, or undefined when it is rejected (the reason reported). */
export function performancesOf(e: EventAt, common: Common): Performance[] | undefined {
  const { d, reject } = e;
  const made: Performance[] = [];
  const calendar = str(d.calendarType);
  if (calendar === "single" || calendar === "multiple") fromSubEvents(e, common, made);
  else if (calendar === "periodic" || calendar === "permanent") {
    if (!fromOpeningHours(e, calendar, common, made)) return undefined;
  } else {
    reject({
      code: "uitdatabank/unknown-calendar-type",
      field: "calendarType",
      value: d.calendarType,
      message: [
        `calendarType ${JSON.stringify(d.calendarType)} is not one of single, multiple, periodic, permanent`,
        `calendarType ${JSON.stringify(d.calendarType)} n'est pas single, multiple, periodic ou permanent`,
      ],
      expected: ["single, multiple, periodic or permanent", "single, multiple, periodic ou permanent"],
      hint: ["fix the calendar type", "corriger le type de calendrier"],
    });
    return undefined;
  }
  return made;
}
