// Cross-record checks and normalisation of venues (names, hall ids), works, productions and series (their
// references, dates and age ranges). Performances have a module of their own.

import type { Production, Series, Venue, Work } from "../types.js";
import type { RecordCheck } from "./check.js";
import { compareDates, orderProblem, resolveDate } from "./dates.js";
import { checkAgents, checkRef, type Registry } from "./registry.js";

/** An audience age range with its bounds in order (min ≤ max), or a problem. */
export function checkAgeRange(
  age: { min?: number | undefined; max?: number | undefined } | undefined,
  path: string,
  c: RecordCheck,
): void {
  if (age?.min !== undefined && age.max !== undefined && age.min > age.max) {
    c.report({
      code: "record/invalid-age-range",
      path: `${path}.audienceAge`,
      value: age,
      expected: { en: "min ≤ max", fr: "min ≤ max" },
      message: {
        en: `audienceAge min ${age.min} is above max ${age.max}`,
        fr: `audienceAge min ${age.min} dépasse max ${age.max}`,
      },
      hint: { en: "swap or correct the bounds", fr: "inversez ou corrigez les bornes" },
    });
  }
}

/** A venue: a name (or at least an address), and hall ids unique in the document (registered once it is accepted). */
export function normalizeVenue(v: Venue, path: string, reg: Registry, c: RecordCheck): Venue {
  // A place known by its address only is still a place others can find (Google's profile accepts it):
  // a warning. With neither a name nor an address nothing says which place it is.
  if (v.name === undefined) {
    const hasAddress = v.address !== undefined;
    c.report({
      code: hasAddress ? "record/venue-without-name" : "record/missing-field",
      path: `${path}.name`,
      expected: {
        en: "the venue's name (or at least its address)",
        fr: "le nom du lieu (ou au moins son adresse)",
      },
      message: hasAddress
        ? {
            en: `venue "${v.id}" has an address but no name`,
            fr: `le lieu « ${v.id} » a une adresse mais pas de nom`,
          }
        : {
            en: `venue "${v.id}" has neither a name nor an address`,
            fr: `le lieu « ${v.id} » n'a ni nom ni adresse`,
          },
      hint: { en: `add "name": {"fr": "…"}`, fr: `ajoutez "name": {"fr": "…"}` },
      severity: hasAddress ? "warning" : "violation",
    });
  }
  v.halls?.forEach((h, i) => {
    const owner = reg.allHalls.get(h.id);
    if (owner !== undefined) {
      c.report({
        code: "record/duplicate-id",
        path: `${path}.halls[${i}].id`,
        value: h.id,
        expected: { en: "a hall id unique in the document", fr: "un id de salle unique dans le document" },
        message: {
          en: `hall "${h.id}" is already a hall of venue "${owner}"`,
          fr: `la salle « ${h.id} » est déjà une salle du lieu « ${owner} »`,
        },
        hint: { en: "give each hall its own id", fr: "donnez à chaque salle son propre id" },
      });
    } else reg.allHalls.set(h.id, v.id);
  });
  if (c.ok) v.halls?.forEach((h) => reg.halls.set(h.id, v.id));
  return v;
}

/** A work: its agents refer to accepted people and organisations. */
export function normalizeWork(w: Work, path: string, reg: Registry, c: RecordCheck): Work {
  checkAgents(reg, w.composers, path, "composers", c);
  checkAgents(reg, w.authors, path, "authors", c);
  checkAgents(reg, w.librettists, path, "librettists", c);
  return w;
}

/** A production: its works and agents refer to accepted records, its age range is in order. */
export function normalizeProduction(p: Production, path: string, reg: Registry, c: RecordCheck): Production {
  p.works?.forEach((w, i) => checkRef(reg, "works", w, c, path, "works", i));
  checkAgents(reg, p.producers, path, "producers", c);
  checkAgents(reg, p.directors, path, "directors", c);
  checkAgents(reg, p.cast, path, "cast", c);
  checkAgeRange(p.audienceAge, path, c);
  return p;
}

/** A series: its organisers and venue refer to accepted records, its dates are resolved in the venue's zone. */
export function normalizeSeries(s: Series, path: string, reg: Registry, c: RecordCheck): Series {
  checkAgents(reg, s.organizers, path, "organizers", c);
  let zone: string | undefined;
  if (s.venue !== undefined) zone = (checkRef(reg, "venues", s.venue, c, path, "venue") as Venue | undefined)?.timeZone;
  const ctx = { zone };
  const start = s.startDate !== undefined ? resolveDate(s.startDate, ctx, c, path, "startDate") : undefined;
  const end = s.endDate !== undefined ? resolveDate(s.endDate, ctx, c, path, "endDate") : undefined;
  if (start && end && (compareDates(end.parsed, start.parsed) ?? 0) < 0)
    orderProblem(c, {
      path: `${path}.endDate`,
      value: s.endDate!,
      earlier: s.startDate!,
      earlierField: "startDate",
      laterField: "endDate",
    });
  return { ...s, ...(start ? { startDate: start.text } : {}), ...(end ? { endDate: end.text } : {}) };
}
