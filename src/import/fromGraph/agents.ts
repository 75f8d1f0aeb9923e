// Performers and organizers → people and organizations: an agent node read once, a Role node's name and
// character, and an agent written as a bare name (carried by its name, its kind left open).

import type { Term } from "@rdfjs/types";
import { ORGANIZATION_TYPES, type AgentRef, type OrganizationType, type Role } from "../../records/types.js";
import { compact, recordProblem } from "../types.js";
import { localIdOf, type GraphContext } from "./context.js";

/** The agents of `s`'s property `field` (performer, organizer), in the source's order. */
export function roles(c: GraphContext, s: string, field: string): Role[] {
  const out: Role[] = [];
  for (const t of c.ix.values(s, field)) {
    if (t.termType === "Literal") {
      // "performer": "Alex Roy": an agent of unknown kind, carried by its name.
      const name = t.value.trim();
      if (name === "") c.dropValue(s, field, "invalid");
      else {
        out.push({ name });
        c.carry(s, field);
        kindLeftOpen(c, s, field, name);
      }
      continue;
    }
    if (c.isA(t.value, "Role")) {
      const inner = c.ix.values(t.value, field).find((x) => x.termType !== "Literal");
      const a = inner && agentOf(c, inner, field, s);
      if (a) {
        out.push(
          compact({
            ...a,
            roleName: c.langMap(t.value, "roleName"),
            characterName: c.langMap(t.value, "characterName"),
          }),
        );
        c.carry(s, field);
        c.carry(t.value, field);
        c.carryType(t.value);
      } else c.rejectNode(t.value, "unresolved");
      continue;
    }
    const a = agentOf(c, t, field, s);
    if (a) {
      c.carry(s, field);
      out.push(a);
    } else c.dropValue(s, field, c.ix.has(t.value) ? "invalid" : "unresolved");
  }
  return out;
}

/** Agent `t`, named in `owner`'s property `field`, as a reference to a person or an organization (read once). */
export function agentOf(c: GraphContext, t: Term, field: string, owner: string): AgentRef | undefined {
  const s = t.value;
  if (!c.ix.has(s)) {
    c.problems.push(
      recordProblem(
        "import/unknown-agent",
        "performance",
        localIdOf(c.termOf.get(owner)!),
        `<${owner}> schema:${field}`,
        s,
        [
          `${field} ${s} is not described in the source: left out`,
          `${field} ${s} n'est pas décrit dans la source : écarté`,
        ],
        ["a Person or Organization node", "un nœud Person ou Organization"],
        ["describe the agent in the same source", "décrire l'agent dans la même source"],
        "info",
      ),
    );
    return undefined;
  }
  const id = localIdOf(c.termOf.get(s)!);
  if (c.isA(s, "Person")) return personOf(c, s, id);
  if (c.isA(s, "Organization")) return organizationOf(c, s, id);
  // A node with a name and no type at all: an agent of unknown kind, carried by its name.
  if (c.ix.typeIris(s).length === 0) {
    const name = c.first(s, "name");
    if (name !== undefined) {
      kindLeftOpen(c, owner, field, name);
      return { name };
    }
  }
  c.problems.push(
    recordProblem(
      "import/performer-of-unknown-kind",
      "performance",
      localIdOf(c.termOf.get(owner)!),
      `<${owner}> schema:${field}`,
      s,
      [
        `${field} ${s} is typed ${c.ix.types(s).join(", ") || "nothing"}, neither Person nor Organization: left out`,
        `${field} ${s} est typé ${c.ix.types(s).join(", ") || "rien"}, ni Person ni Organization : écarté`,
      ],
      ["a Person or an Organization (PerformingGroup…)", "une Person ou une Organization (PerformingGroup…)"],
      ["type the agent at the source", "typer l'agent à la source"],
      "info",
    ),
  );
  return undefined;
}

function personOf(c: GraphContext, s: string, id: string): AgentRef | undefined {
  if (!c.people.has(s)) {
    const name = c.first(s, "name");
    if (name === undefined) {
      c.rejectNode(s);
      return undefined;
    }
    c.carryType(s);
    c.people.set(s, compact({ id, name, url: c.iris(s, "url")[0], sameAs: c.iris(s, "sameAs") }));
  }
  return { person: id };
}

function organizationOf(c: GraphContext, s: string, id: string): AgentRef | undefined {
  if (!c.organizations.has(s)) {
    const name = c.langMap(s, "name");
    if (!name) {
      c.rejectNode(s);
      return undefined;
    }
    c.carryType(s);
    const type = c.ix
      .types(s)
      .find(
        (x): x is OrganizationType => (ORGANIZATION_TYPES as readonly string[]).includes(x) && x !== "Organization",
      );
    c.organizations.set(
      s,
      compact({
        id,
        type,
        name,
        description: c.langMap(s, "description"),
        url: c.iris(s, "url")[0],
        sameAs: c.iris(s, "sameAs"),
      }),
    );
  }
  return { organization: id };
}

/** Says where an agent's kind had to be left open (the embed, read by Google as Person or PerformingGroup, leaves it out). */
function kindLeftOpen(c: GraphContext, owner: string, field: string, name: string): void {
  c.problems.push(
    recordProblem(
      "import/agent-kind-unknown",
      "performance",
      c.idOf(owner),
      `<${owner}> schema:${field}`,
      name,
      [
        `${field} "${name}" is carried by its name: the source does not say whether it is a person or a group (the embed form leaves it out)`,
        `${field} « ${name} » est repris par son nom : la source ne dit pas s'il s'agit d'une personne ou d'un groupe (la forme embed l'écarte)`,
      ],
      ["a Person or a PerformingGroup (Organization)", "une Person ou un PerformingGroup (Organization)"],
      ["type the agent at the source", "typer l'agent à la source"],
      "info",
    ),
  );
}
