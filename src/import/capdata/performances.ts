// CapData events (Evenement) → performances of a production read before, at a venue read before, with their
// performers, organizers, cancellation and the production's seasons.

import type { Role } from "../../records/types.js";
import { compact } from "../types.js";
import { asRole, participations } from "./agents.js";
import type { CapDataContext } from "./context.js";

export function readPerformance(c: CapDataContext, s: string): void {
  c.begin(s);
  const [production] = [
    ...c.linked(s, "aPourProduction", "ProductionPrimaire"),
    ...c.linked(s, "aPourProduction", "Production"),
  ];
  const start = c.text(s, "dateDebut");
  const productionId = production !== undefined ? c.id(production) : undefined;
  if (productionId === undefined || !c.out.productions.some((p) => p.id === productionId)) {
    c.reject(
      "performance",
      s,
      "capdata:aPourProduction",
      "capdata/event-without-production",
      ["an Evenement without a (readable) production", "un Evenement sans production (lisible)"],
      ["aPourProduction: a ProductionPrimaire with a titre", "aPourProduction : une ProductionPrimaire avec un titre"],
      ["link the event to its production", "reliez l'événement à sa production"],
    );
    return;
  }
  if (start === undefined) {
    c.reject(
      "performance",
      s,
      "capdata:dateDebut",
      "capdata/event-without-start",
      ["an Evenement without a start date", "un Evenement sans date de début"],
      ["dateDebut, e.g. 2026-11-20T19:00:00Z", "dateDebut, par ex. 2026-11-20T19:00:00Z"],
      ["give the performance's dateDebut", "donnez la dateDebut de la représentation"],
    );
    return;
  }
  const [venue] = c.linked(s, "aPourLieu", "Lieu").filter((v) => c.out.venues.some((x) => x.id === c.id(v)));
  if (venue === undefined) {
    c.reject(
      "performance",
      s,
      "capdata:aPourLieu",
      "capdata/event-without-place",
      [
        "an Evenement without a (readable) Lieu: the model has no online performances",
        "un Evenement sans Lieu (lisible) : le modèle n'a pas de représentations en ligne",
      ],
      ["aPourLieu: a Lieu with a nom or an address", "aPourLieu : un Lieu avec un nom ou une adresse"],
      ["link the event to its place", "reliez l'événement à son lieu"],
    );
    return;
  }
  const cancelled = c.objects(s, "annulation").some((x) => x.value === "true" || x.value === "1");
  if (c.objects(s, "annulation").length) c.carry(s, "annulation");
  const performers: Role[] = participations(c, s, "aPourInterpretation", "Interpretation").map(asRole);
  const organizers = participations(c, s, "aPourProgrammation", "Programmation").map((x) => x.agent);
  c.out.performances.push(
    compact({
      id: c.id(s),
      production: productionId,
      name: c.texts(s, "titre"),
      description: c.texts(s, "description"),
      startDate: start,
      endDate: c.text(s, "dateFin"),
      venue: c.id(venue),
      status: cancelled ? { kind: "cancelled" as const } : undefined,
      performers,
      organizers,
      series: c.seasonsOf.get(production!),
    }),
  );
}
