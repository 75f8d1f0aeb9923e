// CapData works and productions (Oeuvre, ProductionPrimaire/Production) → works with their composers, authors and
// librettists, productions with their directors, producers and cast; each production's seasons kept for its events.

import type { AgentRef, Role } from "../../records/types.js";
import { compact } from "../types.js";
import { asRole, participations } from "./agents.js";
import type { CapDataContext } from "./context.js";

export function readWork(c: CapDataContext, s: string): void {
  c.begin(s);
  const name = c.texts(s, "titre");
  if (!name) {
    c.reject(
      "work",
      s,
      "capdata:titre",
      "capdata/work-without-title",
      ["an Oeuvre without a title", "une Oeuvre sans titre"],
      ["titre", "titre"],
      ["give the work's titre", "donnez le titre de l'œuvre"],
    );
    return;
  }
  const composers: AgentRef[] = [],
    authors: AgentRef[] = [],
    librettists: AgentRef[] = [];
  for (const { agent, fonction } of participations(c, s, "aPourAuteur", "Auteur")) {
    const f = Object.values(fonction ?? {})
      .join(" ")
      .toLowerCase();
    (/compos/.test(f) ? composers : /libret|parol/.test(f) ? librettists : authors).push(agent);
  }
  const created = c.text(s, "dateDeCreation");
  const dateCreated = created !== undefined && /^\d{4}(-\d\d-\d\d)?$/.test(created) ? created : undefined;
  if (created !== undefined && dateCreated === undefined) c.tally?.drop(s, c.t.prop("dateDeCreation"), "invalid");
  c.out.works.push(
    compact({
      id: c.id(s),
      name,
      description: c.texts(s, "description"),
      composers,
      authors,
      librettists,
      dateCreated,
    }),
  );
}

export function readProduction(c: CapDataContext, s: string): void {
  c.begin(s);
  const name = c.texts(s, "titre");
  if (!name) {
    c.reject(
      "production",
      s,
      "capdata:titre",
      "capdata/production-without-title",
      ["a production without a title", "une production sans titre"],
      ["titre", "titre"],
      ["give the production's titre", "donnez le titre de la production"],
    );
    return;
  }
  const directors: AgentRef[] = [];
  const cast: Role[] = participations(c, s, "aPourInterpretation", "Interpretation").map(asRole);
  for (const x of participations(c, s, "aPourCollaboration", "Collaboration")) {
    if (
      /mise en sc|direction artistique|metteu/.test(
        Object.values(x.fonction ?? {})
          .join(" ")
          .toLowerCase(),
      )
    )
      directors.push(x.agent);
    else cast.push(asRole(x));
  }
  const producers = [
    ...participations(c, s, "aPourMentionProduction", "MentionProduction"),
    ...participations(c, s, "aPourMaitriseOeuvre", "MaitriseOeuvre"),
  ].map((x) => x.agent);
  const works = c
    .linked(s, "oeuvreRepresentee", "Oeuvre")
    .map((w) => c.id(w))
    .filter((id) => c.out.works.some((w) => w.id === id));
  c.seasonsOf.set(
    s,
    c.linked(s, "aPourSaison", "Saison").map((x) => c.id(x)),
  );
  c.out.productions.push(
    compact({ id: c.id(s), name, description: c.texts(s, "description"), works, directors, producers, cast }),
  );
}
