// Nodes described on their own, outside any event (directories of venues, presenters, artists): places become
// venues, people and organizations agents; any other typed node is said not to be imported.

import { isAnonymous } from "../../harvest/graph.js";
import { recordProblem } from "../types.js";
import { agentOf } from "./agents.js";
import { localIdOf, type GraphContext } from "./context.js";
import { venueOf } from "./venues.js";

const NOT_ON_THEIR_OWN = ["Event", "Offer", "CreativeWork", "Intangible", "StructuredValue", "Action"];

/** Every named (not anonymous) subject not read yet through an event. */
export function readDirectories(c: GraphContext): void {
  for (const s of c.ix.subjects) {
    if (isAnonymous(c.termOf.get(s)!)) continue;
    if (c.isA(s, "Place") && !c.isA(s, "Event")) venueOf(c, s);
    else if (c.isA(s, "Person") || c.isA(s, "Organization")) agentOf(c, c.termOf.get(s)!, "agent", s);
    else if (
      !NOT_ON_THEIR_OWN.some((k) => c.isA(s, k)) &&
      c.ix.types(s).length > 0 &&
      !c.ix.types(s).some((t) => c.vocab.isA(t, "Role"))
    ) {
      c.rejectNode(s, "outside-programme");
      c.problems.push(
        recordProblem(
          "import/unsupported-type",
          "node",
          localIdOf(c.termOf.get(s)!),
          `<${s}> rdf:type`,
          c.ix.types(s).join(" "),
          [
            `a ${c.ix.types(s).join(", ")} is neither an event, a place, an organization nor a person: not imported`,
            `un ${c.ix.types(s).join(", ")} n'est ni un événement, ni un lieu, ni une organisation, ni une personne : non importé`,
          ],
          ["Event, Place, Organization or Person", "Event, Place, Organization ou Person"],
          ["type it more precisely at the source", "le typer plus précisément à la source"],
          "info",
        ),
      );
    }
  }
}
