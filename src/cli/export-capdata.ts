// `vivant export capdata`: one publisher's graph of a data directory in the CapData Culture model, as RDF/XML (the
// same file as the server's /.well-known/capdata-export.rdf?publisher=ID, from the same code).

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Quad } from "@rdfjs/types";
import { InputError, type Lang } from "../errors.js";
import { capdataRdfXml, graphToCapData } from "../export/capdata.js";
import { capdataTerms } from "../export/capdata-terms.js";
import { countsLine, leftOutLines, publisherGraph, publisherIds } from "../export/capdata-source.js";
import { t, tx } from "../i18n.js";
import { GraphStore } from "../store/graph-store.js";
import { EXIT, type CliIo as Io } from "./io.js";

export interface CapDataCliOptions {
  readonly data: string;
  readonly publisher?: string;
  readonly output?: string;
  readonly namespace?: string;
  readonly publisherIri?: string;
}

const EXAMPLE = "vivant export capdata --data ./data --publisher reseau-scenes -o capdata-export.rdf";

/** Throws an InputError when the graph cannot be chosen; the summary and what was left out go to stderr. */
export async function runExportCapData(o: CapDataCliOptions, io: Io, lang: Lang): Promise<number> {
  if (o.namespace !== undefined) capdataTerms(o.namespace); // a bad namespace is refused before the store is opened
  const store = await GraphStore.open({ dataDir: resolve(io.cwd, o.data), readOnly: true });
  try {
    const graphs = store.graphs();
    if (!graphs.length)
      throw new InputError("capdata/no-graphs", tx("capdata/no-graphs"), { hint: tx("capdata/no-graphs.hint") });
    const g = publisherGraph(graphs, o.publisher);
    if (g === "ambiguous")
      throw new InputError("cli/usage", tx("capdata/which-publisher"), {
        hint: tx("capdata/which-publisher.hint", { example: EXAMPLE, ids: publisherIds(graphs) }),
      });
    if (!g)
      throw new InputError("capdata/no-publisher", tx("capdata/no-publisher", { id: o.publisher }), {
        hint: tx("capdata/no-publisher.hint", { ids: publisherIds(graphs) }),
      });
    const quads: Quad[] = await store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {
      defaultGraphs: [g.graphIri],
    });
    const x = graphToCapData(quads, {
      graphIri: g.graphIri,
      ...(o.namespace !== undefined ? { namespace: o.namespace } : {}),
      ...(o.publisherIri !== undefined ? { publisherIri: o.publisherIri } : {}),
    });
    const text = capdataRdfXml(x);
    if (o.output !== undefined) writeFileSync(resolve(io.cwd, o.output), text);
    else io.stdout.write(text);
    io.stderr.write(`${t("capdata/written", { summary: countsLine(x) }, lang)}\n`);
    for (const line of leftOutLines(x, lang)) io.stderr.write(`  ${line}\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
