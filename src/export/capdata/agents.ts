// The agents of the CapData export: people (Personne) and organisations (Collectivite, with their website and SIRET),
// and the participations that link them to a work, production or event, each with its Fonction (one blank node per
// distinct label).

import type { Literal, NamedNode, Term } from "@rdfjs/types";
import { DataFactory } from "n3";
import { RDF_TYPE } from "../../vocab.js";
import { PARTICIPATION_RELATION, type ParticipationKind } from "../capdata-terms.js";
import { ORG_TYPES, sorted, xmlSafe, type ExportContext } from "./context.js";

const { namedNode, blankNode, literal } = DataFactory;

/** An agent: Personne, Collectivite, or (a name only, of unknown kind) a node with its name and no class. */
export function writeAgent(c: ExportContext, t: NamedNode): boolean {
  const s = t.value;
  if (!c.ix.has(s)) return false;
  const types = c.ix.types(s);
  if (types.includes("Person")) {
    if (c.begin(t, "Personne")) c.french(s, "name", "nom");
  } else if (types.some((x) => ORG_TYPES.has(x))) {
    if (!c.begin(t, "Collectivite")) return true;
    c.french(s, "name", "nom");
    c.french(s, "description", "description");
    const url = c.ix.values(s, "url").find((x) => x.termType === "NamedNode" || x.termType === "Literal");
    if (url) {
      c.use(s, "url");
      c.add(t, c.t.prop("siteWeb"), literal(xmlSafe(url.value)));
    }
    for (const id of c.ix.values(s, "identifier")) {
      if (c.ix.values(id.value, "propertyID")[0]?.value !== "SIRET") continue;
      const v = c.ix.values(id.value, "value")[0];
      if (v?.termType === "Literal") {
        c.use(s, "identifier");
        c.add(t, c.t.prop("siret"), literal(xmlSafe(v.value)));
      }
    }
  } else if (types.length === 0 && !c.written.has(`NamedNode:${s}`)) {
    c.written.add(`NamedNode:${s}`);
    c.french(s, "name", "nom");
  }
  return true;
}

function fonctionOf(c: ExportContext, lit: Literal | undefined): Term | undefined {
  if (!lit) return undefined;
  const key = `${lit.language} ${lit.value}`;
  let f = c.fonctions.get(key);
  if (!f) {
    f = blankNode(`fonction${c.fonctions.size + 1}`);
    c.fonctions.set(key, f);
    c.begin(f, "Fonction");
    c.add(f, c.t.prop("label"), c.text(lit.value, lit.language ? "fr" : ""));
  }
  return f;
}

function participation(
  c: ExportContext,
  owner: string,
  kind: ParticipationKind,
  agent: NamedNode,
  fonction: Literal | undefined,
): void {
  // Numbered within its owner, in the order of the agents' IRIs: the same graph gives the same IRIs, however read.
  const key = `${owner} ${kind}`;
  const n = (c.perOwner.get(key) ?? 0) + 1;
  c.perOwner.set(key, n);
  const frag = `capdata-${kind.toLowerCase()}-${n}`;
  const p = namedNode(owner.includes("#") ? `${owner}-${frag}` : `${owner}#${frag}`);
  c.begin(p, kind);
  c.add(namedNode(owner), c.t.prop(PARTICIPATION_RELATION[kind]), p);
  c.add(p, c.t.prop("aPourParticipant"), agent);
  const f = fonctionOf(c, fonction);
  if (f) c.add(p, c.t.prop("aPourFonction"), f);
}

/** Direct agents (`schema:director`…): one participation each, with a fixed function. */
export function writeAgents(
  c: ExportContext,
  s: string,
  name: string,
  kind: ParticipationKind,
  fonction: string,
): void {
  for (const a of sorted(c.ix.values(s, name))) {
    const iri = c.iri(a);
    if (!iri || c.ix.types(iri.value).includes("PerformanceRole") || !writeAgent(c, iri)) continue;
    c.use(s, name);
    participation(c, s, kind, iri, literal(fonction, "fr"));
  }
}

/** `schema:PerformanceRole` nodes (cast, performers): a participation each, its function the role's name in French. */
export function writeRoles(c: ExportContext, s: string, name: string, kind: ParticipationKind): void {
  for (const r of sorted(c.ix.values(s, name))) {
    const iri = c.iri(r);
    if (!iri) continue;
    if (!c.ix.types(iri.value).includes("PerformanceRole")) {
      if (writeAgent(c, iri)) {
        c.use(s, name);
        participation(c, s, kind, iri, undefined);
      }
      continue;
    }
    const agent = c.ix
      .values(iri.value, name)
      .map((x) => c.iri(x))
      .find((x) => x !== undefined);
    if (!agent || !writeAgent(c, agent)) continue;
    c.use(s, name);
    c.use(iri.value, RDF_TYPE, name);
    const roles = c.ix.values(iri.value, "roleName").filter((x): x is Literal => x.termType === "Literal");
    const fr = roles.find((l) => l.language.toLowerCase().startsWith("fr")) ?? roles.find((l) => l.language === "");
    if (roles.length) c.use(iri.value, "roleName");
    if (roles.length && !fr) c.leave("schema:roleName", "no-french-text");
    participation(c, s, kind, agent, fr);
  }
}
