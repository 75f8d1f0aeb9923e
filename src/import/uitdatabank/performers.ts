// Performers: UiTdatabank gives them by name (a string, or a node with a name and maybe a type); a person or a
// group becomes a record of its own, one whose kind is not said is reported and left out.

import type { Problem } from "../../errors.js";
import type { OrganizationType, Person, Role } from "../../records/types.js";
import { slug } from "../csvFile.js";
import { compact, recordProblem } from "../types.js";
import { isObject, str, type Json } from "./json.js";
import type { Places } from "./places.js";
import { GROUP_TYPES, langMap } from "./vocabulary.js";

function invalidPerformer(eventId: string, at: string, item: unknown): Problem {
  return recordProblem(
    "uitdatabank/invalid-performer",
    "performance",
    eventId,
    at,
    item,
    ["a performer without a name: left out", "un interprète sans nom : écarté"],
    ['a name, e.g. "Kommil Foo" or {"name": "Kommil Foo"}', 'un nom, p. ex. « Kommil Foo » ou {"name": "Kommil Foo"}'],
    ["give the performer's name", "donner le nom de l'interprète"],
    "warning",
  );
}

function kindUnknown(eventId: string, at: string, name: string): Problem {
  return recordProblem(
    "uitdatabank/performer-kind-unknown",
    "performance",
    eventId,
    at,
    name,
    [
      `performer "${name}" is not carried: the document does not say whether it is a person or a group`,
      `l'interprète « ${name} » n'est pas repris : le document ne dit pas s'il s'agit d'une personne ou d'un groupe`,
    ],
    [
      'a performer with "@type": "Person" or "PerformingGroup" (MusicGroup, TheaterGroup, DanceGroup)',
      'un interprète avec "@type" : "Person" ou "PerformingGroup" (MusicGroup, TheaterGroup, DanceGroup)',
    ],
    ["add the performer's @type at the source", "ajouter le @type de l'interprète à la source"],
    "warning",
  );
}

/** The roles of event `d`'s performers (people in `people`, groups and organizations in `places.organizations`). */
export function performersOf(
  d: Json,
  eventId: string,
  path: (field: string) => string,
  places: Places,
  people: Map<string, Person>,
  problems: Problem[],
): Role[] {
  const raw = d.performer;
  if (raw === undefined) return [];
  const items = Array.isArray(raw) ? raw : [raw];
  const out: Role[] = [];
  items.forEach((item, i) => {
    const at = Array.isArray(raw) ? `${path("performer")}[${i}]` : path("performer");
    const node = isObject(item) ? item : undefined;
    const name =
      typeof item === "string"
        ? str(item)
        : node && (str(node.name) ?? (langMap(node.name) && Object.values(langMap(node.name)!)[0]));
    const type = node && str(node["@type"]);
    if (name === undefined) {
      problems.push(invalidPerformer(eventId, at, item));
      return;
    }
    const key = `performer-${slug(name) || i}`;
    if (type === "Person") {
      if (!people.has(key))
        people.set(
          key,
          compact({
            id: key,
            name,
            url: node && str(node.url),
            sameAs:
              node && Array.isArray(node.sameAs)
                ? node.sameAs.filter((x): x is string => typeof x === "string" && /^https?:\/\//.test(x))
                : undefined,
          }),
        );
      out.push({ person: key });
    } else if (type !== undefined && (GROUP_TYPES.has(type) || type === "Organization")) {
      if (!places.organizations.has(key))
        places.organizations.set(
          key,
          compact({
            id: key,
            type: type as OrganizationType,
            name: { [str(d.mainLanguage) ?? "nl"]: name },
            url: node && str(node.url),
          }),
        );
      out.push({ organization: key });
    } else {
      // Neither a person nor a group is said: Vivant records no kind it would have to invent.
      problems.push(kindUnknown(eventId, at, name));
    }
  });
  return out;
}
