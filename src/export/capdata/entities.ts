// The programme's nodes in the CapData export: event series → Saison, performances → Evenement (with their place,
// production and seasons), venues → Lieu and AdressePostale, productions → ProductionPrimaire, works → Oeuvre.

import type { NamedNode, Term } from "@rdfjs/types";
import { DataFactory } from "n3";
import { XSD_BOOLEAN } from "../capdata-terms.js";
import { writeAgents, writeRoles } from "./agents.js";
import { WORK_TYPES, xmlSafe, type ExportContext } from "./context.js";

const { namedNode, literal } = DataFactory;

export function writeSeries(c: ExportContext, s: string): void {
  const node = namedNode(s);
  if (c.ix.types(s).includes("Festival")) {
    c.leave("schema:Festival", "not-in-model");
    return;
  }
  c.begin(node, "Saison");
  c.saisons.add(s);
  c.french(s, "name", "label");
  c.use(s, "subEvent");
}

export function writePerformance(c: ExportContext, s: string): void {
  const node = namedNode(s);
  if (!c.begin(node, "Evenement")) return;
  const ix = c.ix;
  c.french(s, "name", "titre");
  c.french(s, "description", "description");
  c.date(s, "startDate", "dateDebut");
  c.date(s, "endDate", "dateFin");
  const status = ix.values(s, "eventStatus")[0]?.value.replace(/^https?:\/\/schema\.org\//, "");
  if (status !== undefined) {
    c.use(s, "eventStatus");
    c.add(node, c.t.prop("annulation"), literal(String(status === "EventCancelled"), namedNode(XSD_BOOLEAN)));
    if (status === "EventPostponed" || status === "EventMovedOnline")
      c.leave(`schema:eventStatus (${status})`, "not-in-model");
  }
  for (const loc of ix.values(s, "location")) {
    const place = placeOf(c, loc);
    if (place) {
      c.use(s, "location");
      c.add(node, c.t.prop("aPourLieu"), place);
    }
  }
  for (const p of ix
    .values(s, "workPerformed")
    .map((t) => c.iri(t))
    .filter((t) => t !== undefined)) {
    c.use(s, "workPerformed");
    writeProduction(c, p.value);
    c.add(node, c.t.prop("aPourProduction"), p);
    for (const season of ix.values(s, "superEvent")) {
      if (c.saisons.has(season.value)) {
        c.use(s, "superEvent");
        seasonOf(c, p, season as NamedNode);
      }
    }
  }
  writeRoles(c, s, "performer", "Interpretation");
  writeAgents(c, s, "organizer", "Programmation", "programmation");
}

/** A production's seasons: those of its performances (the model puts the season on the production). */
function seasonOf(c: ExportContext, production: NamedNode, season: NamedNode): void {
  const k = `${production.value} ${season.value}`;
  if (c.seasons.has(k)) return;
  c.seasons.add(k);
  c.add(production, c.t.prop("aPourSaison"), season);
}

/** A performance's place: its venue (a hall's venue: the model has no hall); undefined for an online place. */
function placeOf(c: ExportContext, t: Term): NamedNode | undefined {
  const iri = c.iri(t);
  if (!iri || !c.ix.has(iri.value)) return undefined;
  const types = c.ix.types(iri.value);
  if (types.includes("VirtualLocation")) {
    c.leave("schema:location (VirtualLocation)", "not-in-model");
    return undefined;
  }
  const venue = c.ix
    .values(iri.value, "containedInPlace")
    .map((x) => c.iri(x))
    .find((x) => x !== undefined && c.ix.has(x.value));
  if (venue) {
    c.leave("schema:location (hall)", "not-in-model");
    writeVenue(c, venue.value);
    return venue;
  }
  writeVenue(c, iri.value);
  return iri;
}

export function writeVenue(c: ExportContext, s: string): void {
  const node = namedNode(s);
  if (!c.begin(node, "Lieu")) return;
  c.french(s, "name", "nom");
  c.french(s, "description", "description");
  const address = c.ix
    .values(s, "address")
    .map((x) => (x.termType === "Literal" ? undefined : x))
    .find((x) => x !== undefined);
  if (address && c.ix.has(address.value)) {
    c.use(s, "address");
    const a = address.value;
    c.begin(address, "AdressePostale");
    c.add(node, c.t.prop("adresse"), address);
    c.french(a, "streetAddress", "adressePostale", address);
    c.french(a, "postalCode", "codePostal", address);
    c.french(a, "addressLocality", "commune", address);
  }
}

export function writeProduction(c: ExportContext, s: string): void {
  const node = namedNode(s);
  if (!c.begin(node, "ProductionPrimaire")) return;
  c.french(s, "name", "titre");
  c.french(s, "description", "description");
  for (const w of c.ix
    .values(s, "isBasedOn")
    .map((t) => c.iri(t))
    .filter((t) => t !== undefined)) {
    if (!c.ix.has(w.value) || !c.ix.types(w.value).some((x) => WORK_TYPES.has(x))) continue;
    c.use(s, "isBasedOn");
    writeWork(c, w.value);
    c.add(node, c.t.prop("oeuvreRepresentee"), w);
  }
  writeAgents(c, s, "director", "Collaboration", "mise en scène");
  writeAgents(c, s, "producer", "MentionProduction", "production");
  writeRoles(c, s, "contributor", "Interpretation");
}

export function writeWork(c: ExportContext, s: string): void {
  if (!c.begin(namedNode(s), "Oeuvre")) return;
  c.french(s, "name", "titre");
  c.french(s, "description", "description");
  const created = c.ix.values(s, "dateCreated").find((t) => t.termType === "Literal");
  if (created) {
    c.use(s, "dateCreated");
    c.add(namedNode(s), c.t.prop("dateDeCreation"), literal(xmlSafe(created.value), created.datatype));
  }
  writeAgents(c, s, "composer", "Auteur", "compositeur");
  writeAgents(c, s, "author", "Auteur", "auteur");
  writeAgents(c, s, "lyricist", "Auteur", "librettiste");
}
