// Events → performances of a production, and series (an EventSeries or Festival with sub-events): the
// start date, name and place each event needs, its online location, status, offers, performers and organizers.

import type { ProblemCode } from "../../errors.js";
import { PROV_WAS_DERIVED_FROM } from "../../harvest/entities.js";
import {
  EVENT_TYPES,
  type AttendanceMode,
  type EventType,
  type LangMap,
  type Performance,
  type Production,
  type Series,
  type Status,
  type StatusKind,
} from "../../records/types.js";
import { SCHEMA } from "../../vocab.js";
import { compact, recordProblem } from "../types.js";
import { roles } from "./agents.js";
import { localIdOf, type GraphContext } from "./context.js";
import { offersOf } from "./offers.js";
import { venueOf } from "./venues.js";

const STATUS: Readonly<Record<string, StatusKind>> = {
  EventScheduled: "scheduled",
  EventCancelled: "cancelled",
  EventPostponed: "postponed",
  EventRescheduled: "rescheduled",
  EventMovedOnline: "movedOnline",
};
const ATTENDANCE: Readonly<Record<string, AttendanceMode>> = {
  OfflineEventAttendanceMode: "offline",
  OnlineEventAttendanceMode: "online",
  MixedEventAttendanceMode: "mixed",
};

/** The events of a graph, accepted or not, in subject order. */
export interface EventRecords {
  readonly productions: Map<string, Production>;
  readonly performances: Performance[];
  /** The subject of each performance, at the same index. */
  readonly performanceSubjects: string[];
  readonly series: Series[];
  /** Subject → id of each accepted series. */
  readonly seriesSubjects: Map<string, string>;
  /** Events seen (accepted or rejected). */
  events: number;
}

/** Where an event takes place: its venue, its stream, and how it is attended. */
interface Whereabouts {
  venue: string | undefined;
  onlineUrl: string | undefined;
  /** Its place was found but rejected. */
  unusableVenue: boolean;
  attendance: AttendanceMode | undefined;
}

/** Every event of the graph, then each performance's links to its accepted series. */
export function readEvents(c: GraphContext): EventRecords {
  const ev: EventRecords = {
    productions: new Map(),
    performances: [],
    performanceSubjects: [],
    series: [],
    seriesSubjects: new Map(),
    events: 0,
  };
  for (const s of c.ix.subjects) {
    const types = c.ix.types(s);
    if (!types.some((t) => c.vocab.isA(t, "Event"))) continue;
    ev.events++;
    readEvent(c, ev, s, types);
  }
  linkSeries(c, ev);
  return ev;
}

function readEvent(c: GraphContext, ev: EventRecords, s: string, types: string[]): void {
  const id = localIdOf(c.termOf.get(s)!);
  const name = c.langMap(s, "name");
  if (types.some((t) => c.vocab.isA(t, "EventSeries") || t === "Festival") && c.ix.values(s, "subEvent").length > 0) {
    readSeries(c, ev, s, id, types, name);
    return;
  }
  const startDate = c.first(s, "startDate");
  if (startDate === undefined) {
    rejectEvent(
      c,
      s,
      id,
      "import/missing-start-date",
      "schema:startDate",
      ["event without a start date", "événement sans date de début"],
      ["a schema:startDate", "un schema:startDate"],
      ["give the date at the source", "donner la date à la source"],
    );
    return;
  }
  if (!name) {
    rejectEvent(
      c,
      s,
      id,
      "import/missing-name",
      "schema:name",
      ["event without a name", "événement sans nom"],
      ["a schema:name", "un schema:name"],
      ["name it at the source", "le nommer à la source"],
    );
    return;
  }
  const where = whereaboutsOf(c, s);
  if (where.venue === undefined && !(where.onlineUrl !== undefined && where.attendance === "online")) {
    rejectEvent(
      c,
      s,
      id,
      where.unusableVenue ? "import/unusable-location" : "import/missing-location",
      "schema:location",
      where.unusableVenue
        ? ["its place was rejected", "son lieu a été rejeté"]
        : ["event without a place (nor an online location)", "événement sans lieu (ni lieu en ligne)"],
      ["a Place with a name", "un Place avec un nom"],
      ["give the place at the source", "donner le lieu à la source"],
    );
    return;
  }
  const production = productionOf(c, ev, s, id, name);
  ev.performanceSubjects.push(s);
  ev.performances.push(performanceOf(c, s, id, types, name, startDate, production, where));
}

/** Event `s` is rejected: the problem says which field it lacks. */
function rejectEvent(
  c: GraphContext,
  s: string,
  id: string,
  code: ProblemCode,
  path: string,
  message: [string, string],
  expected: [string, string],
  hint: [string, string],
): void {
  c.rejectNode(s);
  c.rejected.push(c.ref("performance", s));
  c.problems.push(recordProblem(code, "performance", id, `<${s}> ${path}`, undefined, message, expected, hint));
}

function readSeries(
  c: GraphContext,
  ev: EventRecords,
  s: string,
  id: string,
  types: string[],
  name: LangMap | undefined,
): void {
  if (!name) {
    rejectEvent(
      c,
      s,
      id,
      "import/missing-name",
      "schema:name",
      ["series without a name", "série sans nom"],
      ["a schema:name", "un schema:name"],
      ["name it at the source", "la nommer à la source"],
    );
    return;
  }
  ev.seriesSubjects.set(s, id);
  c.carryType(s);
  c.carry(s, "subEvent");
  ev.series.push(
    compact({
      id,
      kind: types.includes("Festival") ? "festival" : "series",
      name,
      description: c.langMap(s, "description"),
      startDate: c.first(s, "startDate"),
      endDate: c.first(s, "endDate"),
      url: c.iris(s, "url")[0],
      images: c.images(s),
    }),
  );
}

function whereaboutsOf(c: GraphContext, s: string): Whereabouts {
  let venue: string | undefined;
  let onlineUrl: string | undefined;
  let unusableVenue = false;
  for (const l of c.ix.values(s, "location")) {
    if (l.termType === "Literal" || !c.ix.has(l.value)) {
      c.dropValue(s, "location", l.termType === "Literal" ? "invalid" : "unresolved");
      continue;
    }
    if (c.isA(l.value, "VirtualLocation")) {
      onlineUrl ??= c.iris(l.value, "url")[0];
      if (onlineUrl !== undefined) {
        c.carry(s, "location");
        c.carryType(l.value);
      }
    } else if (c.isA(l.value, "Place") && venue === undefined) {
      venue = venueOf(c, l.value);
      if (venue === undefined) unusableVenue = true;
      else c.carry(s, "location");
    }
  }
  // Vivant's graph form (and Artsdata's one-location rule) gives a mixed event its place as location and its
  // stream as a WatchAction: at a VirtualLocation, or targeting its URL.
  for (const a of onlineUrl === undefined ? c.ix.values(s, "potentialAction") : []) {
    if (a.termType === "Literal" || !c.isA(a.value, "WatchAction")) continue;
    for (const l of c.ix.values(a.value, "location")) {
      if (l.termType !== "Literal" && c.isA(l.value, "VirtualLocation")) {
        onlineUrl ??= c.iris(l.value, "url")[0];
        c.carry(a.value, "location");
        c.carryType(l.value);
      }
    }
    onlineUrl ??= c.iris(a.value, "target")[0];
    if (onlineUrl !== undefined) {
      c.carry(s, "potentialAction");
      c.carryType(a.value);
    }
  }
  const attendance = c.ix
    .values(s, "eventAttendanceMode")
    .map((t) => ATTENDANCE[t.value.slice(SCHEMA.length)])
    .find((m) => m !== undefined);
  if (attendance !== undefined) c.carry(s, "eventAttendanceMode");
  else if (c.ix.values(s, "eventAttendanceMode").length) c.dropValue(s, "eventAttendanceMode", "invalid");
  return { venue, onlineUrl, unusableVenue, attendance };
}

/**
 * The production event `s` performs, made on first sight. A production groups the performances of one show:
 * workPerformed when given, else the page they were published on and their name (each performance of a run
 * on the show's page).
 */
function productionOf(c: GraphContext, ev: EventRecords, s: string, id: string, name: LangMap): string {
  const work = c.ix.values(s, "workPerformed").find((t) => t.termType !== "Literal" && c.ix.has(t.value));
  const page = c.ix.objects(s, PROV_WAS_DERIVED_FROM)[0]?.value;
  if (work) {
    c.carry(s, "workPerformed");
    c.carryType(work.value);
  }
  if (page !== undefined) c.tally?.carry(s, PROV_WAS_DERIVED_FROM);
  const productionKey = work
    ? localIdOf(work)
    : page
      ? `${page.replace(/^https?:\/\//, "")}#${Object.values(name)[0]}`
      : id;
  if (!ev.productions.has(productionKey)) {
    ev.productions.set(
      productionKey,
      compact({
        id: productionKey,
        name: (work && c.langMap(work.value, "name")) ?? name,
        description: (work && c.langMap(work.value, "description")) ?? c.langMap(s, "description"),
        images: c.images(s),
        url: page ?? c.iris(s, "url")[0],
      }),
    );
  }
  return productionKey;
}

/** Event `s`, accepted, as a performance of `production`. */
function performanceOf(
  c: GraphContext,
  s: string,
  id: string,
  types: string[],
  name: LangMap,
  startDate: string,
  production: string,
  where: Whereabouts,
): Performance {
  const status = statusOf(c, s, id);
  const free = c
    .lits(s, "isAccessibleForFree")
    .map((l) => l.value.toLowerCase())
    .find((v) => v === "true" || v === "false");
  if (free !== undefined) c.carry(s, "isAccessibleForFree");
  else if (c.ix.values(s, "isAccessibleForFree").length) c.dropValue(s, "isAccessibleForFree", "invalid");
  const inLanguage = c
    .lits(s, "inLanguage")
    .map((l) => l.value)
    .filter((v) => /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(v));
  if (inLanguage.length) c.carry(s, "inLanguage");
  else if (c.ix.values(s, "inLanguage").length) c.dropValue(s, "inLanguage", "invalid");
  c.carryType(s);
  const type =
    types.find((t): t is EventType => (EVENT_TYPES as readonly string[]).includes(t) && t !== "Event") ?? "Event";
  const offers = offersOf(c, s, id);
  return compact({
    id,
    production,
    type,
    name,
    description: c.langMap(s, "description"),
    startDate,
    endDate: c.first(s, "endDate"),
    doorTime: c.first(s, "doorTime"),
    duration: c.first(s, "duration"),
    venue: where.venue,
    onlineUrl: where.onlineUrl,
    attendanceMode: where.attendance,
    status,
    offers,
    free: free === undefined ? undefined : free === "true",
    performers: roles(c, s, "performer"),
    organizers: roles(c, s, "organizer").map((r) =>
      r.person !== undefined
        ? { person: r.person }
        : r.organization !== undefined
          ? { organization: r.organization }
          : { name: r.name! },
    ),
    inLanguage,
    url: c.iris(s, "url")[0],
    images: c.images(s),
  });
}

/** Event `s`'s status; EventRescheduled only with the former date. */
function statusOf(c: GraphContext, s: string, id: string): Status | undefined {
  const statusIri = c.ix
    .values(s, "eventStatus")
    .map((t) => STATUS[t.value.slice(SCHEMA.length)])
    .find((k) => k !== undefined);
  if (statusIri === undefined && c.ix.values(s, "eventStatus").length) c.dropValue(s, "eventStatus", "invalid");
  const previous = c.first(s, "previousStartDate");
  if (statusIri === "rescheduled" && previous === undefined) {
    c.dropValue(s, "eventStatus", "invalid");
    c.problems.push(
      recordProblem(
        "import/rescheduled-without-previous-date",
        "performance",
        id,
        `<${s}> schema:eventStatus`,
        "EventRescheduled",
        [
          "status left out: EventRescheduled needs the previousStartDate",
          "statut écarté : EventRescheduled exige previousStartDate",
        ],
        ["a schema:previousStartDate", "un schema:previousStartDate"],
        ["give the former date at the source", "donner l'ancienne date à la source"],
        "warning",
      ),
    );
    return undefined;
  }
  if (statusIri === undefined) return undefined;
  c.carry(s, "eventStatus");
  if (statusIri !== "rescheduled" && previous !== undefined) c.dropValue(s, "previousStartDate", "invalid");
  return compact({ kind: statusIri, previousStartDate: statusIri === "rescheduled" ? previous : undefined });
}

/** superEvent / subEvent links to an accepted series. */
function linkSeries(c: GraphContext, ev: EventRecords): void {
  const parents = new Map<string, Set<string>>();
  for (const [sub, id] of ev.seriesSubjects)
    for (const e of c.ix.values(sub, "subEvent")) parents.set(e.value, new Set([...(parents.get(e.value) ?? []), id]));
  ev.performances.forEach((p, i) => {
    const s = ev.performanceSubjects[i]!;
    const ids = new Set(parents.get(s));
    for (const up of c.ix.values(s, "superEvent")) {
      const id = ev.seriesSubjects.get(up.value);
      if (id !== undefined) {
        ids.add(id);
        c.carry(s, "superEvent");
      } else c.dropValue(s, "superEvent", "unresolved");
    }
    if (ids.size) ev.performances[i] = { ...p, series: [...ids].sort() };
  });
}
