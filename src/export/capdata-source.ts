// Which graph of a data directory or a server is a publisher's, for the CapData export (the CLI's --publisher, the
// server's ?publisher=), and the export's account of what it left out, in the reader's language.

import { datasetId } from "../dataspace/catalog.js";
import { t, type Lang } from "../i18n.js";
import type { GraphInfo } from "../store/types.js";
import type { Quad } from "@rdfjs/types";
import { Parser } from "n3";
import { capdataRdfXml, graphToCapData, type CapDataExport } from "./capdata.js";

/** A graph's N-Triples as its CapData Culture export in RDF/XML (what the route serves, made in a query worker). */
export function capdataOfNTriples(
  nt: string,
  options: { readonly graphIri: string; readonly namespace?: string | undefined },
): string {
  const quads = new Parser({ format: "application/n-triples" }).parse(nt) as Quad[];
  return capdataRdfXml(
    graphToCapData(quads, {
      graphIri: options.graphIri,
      ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
    }),
  );
}

/**
 * The graph of publisher `id` (its publisher id, its dataset id as in /dumps/, or its graph IRI); without an id,
 * the one graph there is. `ambiguous` when no id is given and there are several.
 */
export function publisherGraph(
  graphs: readonly GraphInfo[],
  id: string | undefined,
): GraphInfo | "ambiguous" | undefined {
  if (id === undefined || id === "")
    return graphs.length === 1 ? graphs[0] : graphs.length === 0 ? undefined : "ambiguous";
  return graphs.find((g) => g.publisherId === id) ?? graphs.find((g) => datasetId(g) === id || g.graphIri === id);
}

/** The ids a publisher can be named by, for a hint (at most 20). */
export function publisherIds(graphs: readonly GraphInfo[]): string {
  const ids = graphs.map((g) => datasetId(g)).sort();
  return ids.length > 20 ? `${ids.slice(0, 20).join(", ")}, …` : ids.join(", ");
}

/** One line per property and reason left out, and one for the texts made XML-safe. */
export function leftOutLines(x: Pick<CapDataExport, "leftOut" | "repairedTexts">, lang: Lang): string[] {
  const lines = x.leftOut.map((r) =>
    t(
      "capdata/left-out",
      { property: r.property, count: r.count, reason: t(`capdata/reason/${r.reason}`, {}, lang) },
      lang,
    ),
  );
  if (x.repairedTexts) lines.push(t("capdata/repaired-texts", { count: x.repairedTexts }, lang));
  return lines;
}

/** `Evenement 165, Lieu 5, …`: the entities written. */
export function countsLine(x: Pick<CapDataExport, "counts">): string {
  return Object.entries(x.counts)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
}
