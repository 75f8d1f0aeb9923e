// A readable dataset's distributions in the catalog: Graph Store GET, SPARQL, each dump file (size, triples,
// checksum) and the change feed with its own data service; each with the dataset's licence and policy.

import type { NamedNode } from "@rdfjs/types";
import { DataFactory } from "n3";
import type { GraphInfo } from "../store/types.js";
import { DCAT, DCTERMS, VOID, XSD } from "../vocab.js";
import type { CatalogInput, DumpFile } from "./catalog.js";
import { IANA, ODRL, SPDX, type CatalogQuads } from "./catalog-quads.js";

const { namedNode, literal } = DataFactory;

/** A readable dataset's distributions share these. */
export interface Dist {
  readonly g: GraphInfo;
  readonly d: NamedNode;
  readonly id: string;
  readonly name: string;
  readonly licence: NamedNode;
  readonly policy: NamedNode;
}

/** The writer of the catalog the distributions go into, and the services they are reached through. */
export interface DistributionWriter extends CatalogQuads {
  readonly input: CatalogInput;
  readonly catalog: NamedNode;
  readonly sparql: NamedNode;
  readonly gsp: NamedNode;
}

function distribution(
  w: DistributionWriter,
  x: Dist,
  frag: string,
  title: string,
  props: (s: NamedNode) => void,
): void {
  const s = w.once(w.c(`${frag}-${x.id}`), `${DCAT}Distribution`);
  w.add(x.d, `${DCAT}distribution`, s);
  w.add(s, `${DCTERMS}title`, literal(title, "en"));
  w.add(s, `${DCTERMS}license`, x.licence);
  w.add(s, `${ODRL}hasPolicy`, x.policy);
  props(s);
}

/** Graph Store GET, SPARQL, each dump file, and the change feed (with its own service). */
export function writeDistributions(w: DistributionWriter, x: Dist): void {
  const base = w.base;
  distribution(w, x, "graph-store", "The graph (Graph Store GET, any RDF format by content negotiation)", (s) => {
    w.add(s, `${DCAT}accessURL`, w.resource(`${base}graph-store?graph=${encodeURIComponent(x.g.graphIri)}`));
    w.add(s, `${DCAT}accessService`, w.gsp);
    w.mediaType(s, "text/turtle");
  });
  distribution(w, x, "sparql", "SPARQL queries over the graph (GRAPH <graph IRI>)", (s) => {
    w.add(s, `${DCAT}accessURL`, w.resource(`${base}sparql`));
    w.add(s, `${DCAT}accessService`, w.sparql);
  });
  for (const f of w.input.dumps?.get(x.g.graphIri) ?? []) dump(w, x, f);
  if (w.input.feeds) feed(w, x);
}

function dump(w: DistributionWriter, x: Dist, f: DumpFile): void {
  const kind = f.path.endsWith(".nq.gz") ? "nquads" : "turtle";
  distribution(
    w,
    x,
    `dump-${kind}`,
    `Dump, version ${f.version} (${kind === "nquads" ? "N-Quads, gzip" : "Turtle"})`,
    (s) => {
      const url = w.resource(`${w.base}${f.path}`);
      w.add(s, `${DCAT}accessURL`, url);
      w.add(s, `${DCAT}downloadURL`, url);
      w.mediaType(s, f.mediaType);
      if (f.compressFormat)
        w.add(s, `${DCAT}compressFormat`, w.once(namedNode(`${IANA}${f.compressFormat}`), `${DCTERMS}MediaType`));
      w.add(s, `${DCAT}byteSize`, literal(String(f.byteSize), namedNode(`${XSD}nonNegativeInteger`)));
      w.add(s, `${VOID}triples`, literal(String(f.triples), namedNode(`${XSD}integer`)));
      w.add(s, `${DCTERMS}modified`, literal(f.modified, namedNode(`${XSD}dateTime`)));
      w.add(s, `${DCAT}version`, literal(String(f.version)));
      const sum = w.once(w.c(`${kind}-checksum-${x.id}`), `${SPDX}Checksum`);
      w.add(sum, `${SPDX}algorithm`, w.once(namedNode(`${SPDX}checksumAlgorithm_sha256`), `${SPDX}ChecksumAlgorithm`));
      w.add(sum, `${SPDX}checksumValue`, literal(f.sha256, namedNode(`${XSD}hexBinary`)));
      w.add(s, `${SPDX}checksum`, sum);
    },
  );
}

function feed(w: DistributionWriter, x: Dist): void {
  const base = w.base;
  const feed = w.once(namedNode(`${base}feed/${x.id}#service`), `${DCAT}DataService`);
  w.add(
    feed,
    `${DCTERMS}title`,
    literal(`Change feed of ${x.name} (Activity Streams 2.0, paged, in the style of Linked Data Event Streams)`, "en"),
  );
  w.add(feed, `${DCAT}endpointURL`, w.resource(`${base}feed/${x.id}`));
  w.add(feed, `${DCAT}servesDataset`, x.d);
  w.add(
    feed,
    `${DCTERMS}conformsTo`,
    w.once(namedNode("https://www.w3.org/TR/activitystreams-core/"), `${DCTERMS}Standard`),
  );
  w.add(feed, `${ODRL}hasPolicy`, x.policy);
  w.add(w.catalog, `${DCAT}service`, feed);
  distribution(w, x, "feed", "Change feed (Activity Streams 2.0 Create/Update/Delete of entities)", (s) => {
    w.add(s, `${DCAT}accessURL`, w.resource(`${base}feed/${x.id}`));
    w.add(s, `${DCAT}accessService`, feed);
    w.mediaType(s, "application/activity+json");
  });
}
