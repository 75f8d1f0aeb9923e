// One publisher's graph (schema.org, as the store holds it) → the CapData Culture model (../shared/design/CAPDATA.md)
// as RDF/XML: works → Oeuvre, productions → ProductionPrimaire, performances → Evenement, venues → Lieu and
// AdressePostale, organizations → Collectivite, people → Personne, event series → Saison, and the participation
// kinds (each with its Fonction). French texts only (the `fr` text, else a language-less one), dates in UTC with a
// `Z`, cancellation as `annulation`. Everything the model has no place for (prices, tickets, attendance mode,
// accessibility, halls, geo…) is left out and counted in `leftOut`, never silently dropped.
//
// The RDF/XML is written by Oxigraph's serializer (already a dependency, maintained; n3 writes no RDF/XML), never
// by hand. Oxigraph escapes `<`, `&`, `>` and quotes but writes C0 control characters and CR as they are, which
// XML 1.0 cannot carry (or turns into LF): texts are made XML-safe first (`xmlSafe`), and each repair is counted.
// This entry point runs the parts under capdata/: the shared context and value writers, the programme's nodes, the
// agents and participations; then it settles what was left out.

import type { Quad } from "@rdfjs/types";
import { DataFactory } from "n3";
import { serializeTriples } from "../store/oxigraph.js";
import { ADO } from "../vocab.js";
import { writeAgent } from "./capdata/agents.js";
import { ExportContext, label, ORG_TYPES, PLACE_TYPES, WORK_TYPES } from "./capdata/context.js";
import { writePerformance, writeProduction, writeSeries, writeVenue, writeWork } from "./capdata/entities.js";
import { capdataTerms, type CapDataClass } from "./capdata-terms.js";

export { utcDateTime, xmlSafe } from "./capdata/context.js";

const { namedNode } = DataFactory;

export interface CapDataExportOptions {
  /** The ontology's namespace. @default PROVISIONAL_CAPDATA_NAMESPACE (provisional: see src/export/capdata-terms.ts) */
  readonly namespace?: string;
  /**
   * The publishing organisation's IRI (the one CapData's platform assigned it, `https://capdataculture.fr/graph/identifier/<id>`),
   * written as every entity's `catalogageSourceAgence`. @default the graph's own publisher node, when it has one
   */
  readonly publisherIri?: string;
  /** The graph's IRI (`<base>graph`): its publisher node `<base>publisher` is the default `publisherIri`. */
  readonly graphIri?: string;
}

/** Why a value of the graph is not in the export. */
export type LeftOutReason = "not-in-model" | "no-french-text" | "no-utc-offset" | "invalid";

export interface LeftOutRow {
  /** `schema:offers`, `schema:Festival` (a node of that type), `schema:location (hall)`… */
  readonly property: string;
  readonly reason: LeftOutReason;
  readonly count: number;
}

export interface CapDataExport {
  readonly quads: Quad[];
  /** Entities written, by CapData class. */
  readonly counts: Partial<Record<CapDataClass, number>>;
  readonly leftOut: LeftOutRow[];
  /** Texts repaired to be XML 1.0 (characters XML cannot carry → U+FFFD, CR line ends → LF). */
  readonly repairedTexts: number;
}

/** Converts the graph; `capdataRdfXml` writes the result. */
export function graphToCapData(graph: readonly Quad[], options: CapDataExportOptions = {}): CapDataExport {
  return exportGraph(new ExportContext(graph, capdataTerms(options.namespace), options));
}

/** The export as RDF/XML text (UTF-8, by Oxigraph's serializer). */
export function capdataRdfXml(result: Pick<CapDataExport, "quads">): string {
  return serializeTriples(result.quads, "application/rdf+xml");
}

/** What exported nodes (and role nodes) had and the model did not take; nodes of the graph never reached. */
function settle(c: ExportContext): void {
  const reached = new Set<string>(c.used.keys());
  for (const [s, used] of c.used) {
    for (const [p, objects] of c.ix.properties(s)) {
      if (used.has(p)) continue;
      c.leave(label(p), "not-in-model", objects.length);
      for (const o of objects) reached.add(o.value);
    }
  }
  for (const s of c.ix.subjects) {
    if (reached.has(s) || s === c.publisher) continue;
    // A node only the left-out values point at (an offer, its price specification) goes with them.
    const types = c.ix.typeIris(s);
    if (
      c.ix
        .types(s)
        .some((x) =>
          [
            "Offer",
            "PriceSpecification",
            "GeoCoordinates",
            "LocationFeatureSpecification",
            "PostalAddress",
            "VirtualLocation",
            "WatchAction",
            "PropertyValue",
          ].includes(x),
        )
    )
      continue;
    if (c.ix.types(s).some((x) => PLACE_TYPES.has(x))) continue; // a hall, counted above
    if (!c.written.has(`NamedNode:${s}`)) c.leave(types.length ? label(types[0]!) : "(untyped node)", "not-in-model");
  }
}

/** Every node the export reaches, in order: the publisher, the series, the performances, then the rest. */
function exportGraph(c: ExportContext): CapDataExport {
  const ix = c.ix;
  const performances: string[] = [];
  const series: string[] = [];
  const subjects = [...ix.subjects].sort();
  for (const s of subjects) {
    const types = ix.types(s);
    if (
      types.includes("EventSeries") ||
      (types.includes("Festival") && ix.values(s, "subEvent").length && !ix.values(s, "workPerformed").length)
    )
      series.push(s);
    else if (
      ix.values(s, "workPerformed").length ||
      (ix.values(s, "startDate").length && types.some((x) => x.endsWith("Event")))
    )
      performances.push(s);
  }
  if (c.publisher && c.ix.has(c.publisher)) writeAgent(c, namedNode(c.publisher));
  else if (c.publisher) c.begin(namedNode(c.publisher), "Collectivite");
  for (const s of series) writeSeries(c, s);
  for (const s of performances) writePerformance(c, s);
  // What no performance reaches is exported all the same: a venue, a work, an agent of the programme.
  for (const s of subjects) {
    const types = ix.types(s);
    const node = namedNode(s);
    if (types.includes("PerformanceRole") || ix.values(s, "startDate").length) continue;
    if (types.includes("LivePerformanceWork") || ix.typeIris(s).includes(`${ADO}LivePerformanceWork`))
      writeProduction(c, s);
    else if (types.some((x) => WORK_TYPES.has(x))) writeWork(c, s);
    else if (types.some((x) => PLACE_TYPES.has(x))) {
      if (ix.values(s, "containedInPlace").some((v) => ix.has(v.value))) c.leave("schema:Place (hall)", "not-in-model");
      else writeVenue(c, s);
    } else if (types.includes("Person") || types.some((x) => ORG_TYPES.has(x))) writeAgent(c, node);
  }
  settle(c);
  const leftOut = [...c.left]
    .map(([k, count]) => {
      const [reason, property] = k.split("\u0000") as [LeftOutReason, string];
      return { property, reason, count };
    })
    .sort((a, b) => (a.property < b.property ? -1 : a.property > b.property ? 1 : a.reason < b.reason ? -1 : 1));
  return { quads: c.out, counts: c.counts, leftOut, repairedTexts: c.repaired };
}
