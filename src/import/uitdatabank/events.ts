// One merged event document → its production and performances, or a rejection that names the field: a conflict
// between versions of it (or of its place or organizer), no name, no place, no readable calendar.

import type { EventType, Genre, LangMap } from "../../records/types.js";
import { pushAll } from "../../arrays.js";
import { compact, recordProblem } from "../types.js";
import { isObject, str, uuidOf, type Json } from "./json.js";
import type { EventDoc } from "./merge.js";
import { commonOf, performancesOf } from "./performances.js";
import type { EventAt, EventRun } from "./run.js";
import { TERMS, ageRange, langMap } from "./vocabulary.js";

/**
 * A conflict (reported field by field by merge.ts) rejects the event, and the events of a conflicted place or
 * organizer; true when the event is rejected.
 */
function rejectedByConflict({ run, d, id, path }: EventAt): boolean {
  const { conflicted, rejectedEvents, rejected, problems } = run;
  const refConflict = (
    [
      ["location", "place"],
      ["organizer", "organizer"],
    ] as const
  ).find(([f, k]) => isObject(d[f]) && conflicted.has(`${k} ${uuidOf(d[f])}`));
  if (conflicted.has(`event ${id}`) || refConflict) {
    rejectedEvents.add(id);
    rejected.push({ entity: "performance", recordId: id, path });
    if (refConflict && !conflicted.has(`event ${id}`)) {
      const refId = uuidOf(d[refConflict[0]] as Json);
      problems.push(
        recordProblem(
          "uitdatabank/conflicting-documents",
          "performance",
          id,
          `${path}.${refConflict[0]}`,
          refId,
          [
            `its ${refConflict[1]} ${refId} is given several times with conflicting fields (reported above)`,
            `son ${refConflict[1] === "place" ? "lieu" : "organisateur"} ${refId} est donné plusieurs fois avec des champs en conflit (signalés plus haut)`,
          ],
          ["one version of the document", "une version du document"],
          ["keep one version of that document", "garder une version de ce document"],
        ),
      );
    }
    return true;
  }
  return false;
}

function rejectUnknownPlace({ reject }: EventAt, placeId: string | undefined): void {
  reject({
    code: "uitdatabank/unknown-place",
    field: "location",
    value: placeId,
    message: [
      placeId
        ? `place ${placeId} is only referenced: its document (name, address) is not in the input`
        : "event without a location",
      placeId
        ? `le lieu ${placeId} n'est que référencé : son document (nom, adresse) n'est pas dans l'entrée`
        : "événement sans lieu",
    ],
    expected: ["the place document in the same input", "le document du lieu dans la même entrée"],
    hint: ["add the places (GET /places/{id}) to the input", "ajouter les lieux (GET /places/{id}) à l'entrée"],
  });
}

/** The event's type and genres from its taxonomy terms (the terms Vivant has no type or genre for are noted). */
function termsOf(run: EventRun, d: Json): { type: EventType | undefined; genres: Set<Genre> } {
  const { unmapped } = run;
  let type: EventType | undefined;
  const genres = new Set<Genre>();
  for (const t of Array.isArray(d.terms) ? d.terms.filter(isObject) : []) {
    const label = str(t.label)?.toLowerCase();
    if (label === undefined) continue;
    const m = TERMS[label];
    if (!m) {
      unmapped.add(`${str(t.domain) ?? "term"}:${str(t.label)}`);
      continue;
    }
    type ??= m.type;
    if (m.genre) genres.add(m.genre);
  }
  return { type, genres };
}

/** The event's production (its own, or one made of the event), made once; returns its id. */
function productionOf({ run, d, id }: EventAt, name: LangMap, genres: ReadonlySet<Genre>): string {
  const { productions } = run;
  const main = str(d.mainLanguage) ?? "nl";
  const production = isObject(d.production) ? d.production : undefined;
  const productionId = str(production?.id) ?? id;
  if (!productions.has(productionId)) {
    const images = [
      str(d.image),
      ...(Array.isArray(d.mediaObject) ? d.mediaObject.filter(isObject).map((m) => str(m.contentUrl)) : []),
    ].filter((u): u is string => u !== undefined && /^https?:\/\//.test(u));
    productions.set(
      productionId,
      compact({
        id: productionId,
        name: production && str(production.title) ? { [main]: str(production.title)! } : name,
        description: langMap(d.description),
        images: [...new Set(images)],
        genres: [...genres],
        audienceAge: ageRange(d.typicalAgeRange),
      }),
    );
  }
  return productionId;
}

/** Reads one merged event: its production and performances into `run`, or its rejection. */
export function readEvent(run: EventRun, { doc: d, path, id, fieldPaths }: EventDoc): void {
  const at = (field: string) => `${fieldPaths.get(field.split(/[.[]/)[0]!) ?? path}.${field}`;
  const reject: EventAt["reject"] = ({ code, field, value, message, expected, hint }) => {
    run.rejectedEvents.add(id);
    run.rejected.push({ entity: "performance", recordId: id, path });
    run.problems.push(recordProblem(code, "performance", id, at(field), value, message, expected, hint));
  };
  const e: EventAt = { run, d, id, path, at, reject };
  if (rejectedByConflict(e)) return;
  const name = langMap(d.name);
  if (!name)
    return reject({
      code: "uitdatabank/missing-name",
      field: "name",
      value: d.name,
      message: ["event without a name", "événement sans nom"],
      expected: ['a language map, e.g. {"nl": "…"}', 'une table de langues, p. ex. {"nl": "…"}'],
      hint: ["name the event", "nommer l'événement"],
    });
  const attendanceMode = (["offline", "online", "mixed"] as const).find((m) => m === d.attendanceMode);
  const onlineUrl = str(d.onlineUrl);
  const placeId = isObject(d.location) ? uuidOf(d.location) : undefined;
  const venue = placeId !== undefined ? run.places.venueOf(placeId) : undefined;
  if (venue === undefined && !(attendanceMode === "online" && onlineUrl)) return rejectUnknownPlace(e, placeId);
  const { type, genres } = termsOf(run, d);
  const production = productionOf(e, name, genres);
  const common = commonOf(e, { production, type, name, venue, onlineUrl, attendanceMode });
  const made = performancesOf(e, common);
  if (made === undefined) return;
  if (made.length === 0) {
    return reject({
      code: "uitdatabank/no-dates",
      field: "subEvent",
      value: undefined,
      message: ["no date could be read from the calendar", "aucune date lisible dans le calendrier"],
      expected: ["subEvent dates or opening hours", "des dates de subEvent ou des heures d'ouverture"],
      hint: ["complete the calendar", "compléter le calendrier"],
    });
  }
  pushAll(run.performances, made);
}
