// CapData people and organisations (Personne, Collectivite) → records, and the participations that name them: an
// agent with its Fonction's label, read for works, productions and performances alike.

import { RDF_TYPE } from "../../vocab.js";
import type { CapDataClass, CapDataProperty } from "../../export/capdata-terms.js";
import type { AgentRef, LangMap, Role } from "../../records/types.js";
import { compact } from "../types.js";
import { isHttp, type CapDataContext } from "./context.js";

export function readPerson(c: CapDataContext, s: string): void {
  c.begin(s);
  const name = [c.text(s, "prenom"), c.text(s, "nom")].filter((x) => x !== undefined).join(" ");
  if (!name) {
    c.reject(
      "person",
      s,
      "capdata:nom",
      "capdata/person-without-name",
      ["a Personne without a name", "une Personne sans nom"],
      ["nom (and prenom)", "nom (et prenom)"],
      ["give the person's nom", "donnez le nom de la personne"],
    );
    return;
  }
  c.out.people.push({ id: c.id(s), name });
}

export function readOrganization(c: CapDataContext, s: string): void {
  c.begin(s);
  const name = c.texts(s, "nom");
  if (!name) {
    c.reject(
      "organization",
      s,
      "capdata:nom",
      "capdata/organization-without-name",
      ["a Collectivite without a name", "une Collectivite sans nom"],
      ["nom", "nom"],
      ["give the organisation's nom", "donnez le nom de l'organisme"],
    );
    return;
  }
  const url = c.text(s, "siteWeb");
  if (url !== undefined && !isHttp(url)) c.tally?.drop(s, c.t.prop("siteWeb"), "invalid");
  const siret = c.text(s, "siret")?.replace(/\s+/g, "");
  if (siret !== undefined && !/^\d{14}$/.test(siret)) c.tally?.drop(s, c.t.prop("siret"), "invalid");
  c.out.organizations.push(
    compact({
      id: c.id(s),
      name,
      description: c.texts(s, "description"),
      url: url !== undefined && isHttp(url) ? url : undefined,
      ids: siret !== undefined && /^\d{14}$/.test(siret) ? { siret } : undefined,
    }),
  );
}

/** The agent of a participation: a person, an organization, or a name of unknown kind. */
function agentOf(c: CapDataContext, p: string): AgentRef | undefined {
  const a = c.objects(p, "aPourParticipant").map((x) => x.value)[0];
  if (a === undefined) return undefined;
  c.carry(p, "aPourParticipant");
  if (c.is(a, "Personne") && c.out.people.some((x) => x.id === c.id(a))) return { person: c.id(a) };
  if (c.is(a, "Collectivite") && c.out.organizations.some((x) => x.id === c.id(a))) return { organization: c.id(a) };
  const name = c.text(a, "nom");
  if (name !== undefined && !c.ix.typeIris(a).length) return { name };
  c.tally?.drop(p, c.t.prop("aPourParticipant"), "unresolved");
  return undefined;
}

/** The participations of kind `cls` of `s` (through `p`): each agent and its Fonction's French label. */
export function participations(
  c: CapDataContext,
  s: string,
  p: CapDataProperty,
  cls: CapDataClass,
): { agent: AgentRef; fonction?: LangMap }[] {
  const out: { agent: AgentRef; fonction?: LangMap }[] = [];
  for (const n of c.linked(s, p, cls)) {
    c.carry(n, RDF_TYPE);
    const agent = agentOf(c, n);
    if (!agent) continue;
    const [f] = c.linked(n, "aPourFonction", "Fonction");
    if (f !== undefined) c.carry(f, RDF_TYPE);
    const fonction = f !== undefined ? c.texts(f, "label") : undefined;
    out.push(fonction ? { agent, fonction } : { agent });
  }
  return out;
}

/** A participation as a role: its agent, with its Fonction as role name. */
export function asRole({ agent, fonction }: { agent: AgentRef; fonction?: LangMap }): Role {
  return compact({ ...agent, roleName: fonction });
}
