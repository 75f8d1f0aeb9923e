// `vivant map`: records JSON → JSON-LD (graph or embed form), N-Quads or Turtle; problems on stderr.

import { resolve } from "node:path";
import { formatProblem, InputError } from "../errors.js";
import { embedScript, mapRecords, toEmbeds, toGraph } from "../mapping/index.js";
import type { MapResult } from "../mapping/types.js";
import type { RecordDocument } from "../records/types.js";
import { Writer } from "n3";
import type { Quad } from "@rdfjs/types";
import { DEFAULT_PREFIXES } from "../rdf/io.js";
import { readJsonFile } from "../rdf/json-file.js";
import { Progress } from "../harvest/progress.js";
import { t, tx } from "../i18n.js";
import { oneOf, parseOptions } from "./args.js";
import { EXIT, progressOn, type Command } from "./io.js";
import { openOutput, type Output } from "./output.js";

/** Called with how many items (nodes, events, triples) are written so far. */
type Written = (count: number) => void;

/** `JSON.stringify(items, null, 2)` nested at `indent`, followed by a new line, written one item at a time. */
async function writeJsonArray(out: Output, items: Iterable<unknown>, indent: string, written?: Written): Promise<void> {
  let first = true;
  let n = 0;
  for (const item of items) {
    await out.write(
      `${first ? "[\n" : ",\n"}${indent}  ${JSON.stringify(item, null, 2).replace(/\n/g, `\n${indent}  `)}`,
    );
    first = false;
    written?.(++n);
  }
  await out.write(first ? "[]\n" : `\n${indent}]\n`);
}

/** The Turtle n3 writes for these quads (as `serializeRdf` does), handed out in chunks of about 64 KiB. */
async function writeTurtle(out: Output, quads: Iterable<Quad>, written?: Written): Promise<void> {
  let buf = "";
  let n = 0;
  const collect = {
    write: (chunk: string, _enc?: unknown, done?: () => void) => ((buf += chunk), done?.(), true),
    end: (done?: () => void) => done?.(),
  };
  const writer = new Writer(collect, { format: "text/turtle", prefixes: DEFAULT_PREFIXES });
  for (const q of quads) {
    writer.addQuad(q);
    n++;
    if (buf.length >= 1 << 16) {
      await out.write(buf);
      buf = "";
      written?.(n);
    }
  }
  await new Promise<void>((res) => writer.end(() => res()));
  await out.write(`${buf}\n`);
  written?.(n);
}

/** Every line of the N-Quads of these triples, written chunk by chunk. */
async function writeNquads(out: Output, triples: MapResult["triples"], written: Written): Promise<void> {
  let n = 0;
  let any = false;
  for (const chunk of triples.nquadChunks()) {
    any = true;
    await out.write(chunk);
    for (let i = chunk.indexOf("\n"); i !== -1; i = chunk.indexOf("\n", i + 1)) n++;
    written(n);
  }
  if (!any) await out.write("\n");
}

/** The mapped records in the form and format asked, with a progress counter of the unit each writes. */
async function writeMapped(step: {
  out: Output;
  document: RecordDocument;
  triples: MapResult["triples"];
  form: "graph" | "embed";
  format: "jsonld" | "nquads" | "turtle" | "html";
  pageLang: string | undefined;
  counting: (unit: "unit/nodes" | "unit/events" | "unit/triples", total: number) => Written;
}): Promise<void> {
  const { out, document, triples, format, pageLang, counting } = step;
  if (step.form === "embed") {
    const embeds = toEmbeds(document, pageLang !== undefined ? { lang: pageLang } : {});
    const written = counting("unit/events", embeds.size);
    if (format === "html") {
      let n = 0;
      for (const e of embeds.values()) {
        await out.write(`${n === 0 ? "" : "\n"}${embedScript(e)}`);
        written(++n);
      }
      await out.write("\n");
    } else await writeJsonArray(out, embeds.values(), "", written);
  } else if (format === "jsonld") {
    const { "@graph": nodes, ...rest } = toGraph(document) as { "@graph": unknown[] };
    // The text JSON.stringify(document, null, 2) gives, written node by node.
    await out.write(`${JSON.stringify(rest, null, 2).replace(/\n}$/, "")},\n  "@graph": `);
    await writeJsonArray(out, nodes, "  ", counting("unit/nodes", nodes.length));
    await out.write("}\n");
  } else if (format === "turtle") {
    await writeTurtle(out, triples, counting("unit/triples", triples.size));
  } else {
    await writeNquads(out, triples, counting("unit/triples", triples.size));
  }
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

const HELP = `Usage: vivant map <records.json> [options]

Maps a record document (see the README's record model) to schema.org.

Options:
  --form graph|embed         graph: one flattened @graph with stable IRIs (default);
                             embed: one self-contained Event per performance, for web pages
  --format jsonld|nquads|turtle|html
                             output format (default jsonld; html = one <script> element per
                             performance, embed form only)
  --page-lang fr|en|…        embed form: language of the page (default: each text's first language;
                             was --lang before 0.2.0)
  --lang en|fr               language of messages (default en; --messages: old spelling)
  -o, --output FILE          write to FILE (atomically) instead of stdout

Exit codes: 0 every record mapped; 1 some records rejected (problems on stderr, the others
are still written); 2 unusable input (not JSON, no valid publisher).`;

const HELP_FR = `Usage : vivant map <fiches.json> [options]

Traduit un document de fiches (voir le modèle de fiches du README) en schema.org.

Options :
  --form graph|embed         « graph » : un seul @graph aplati aux IRI stables (par défaut) ;
                             « embed » : un Event autonome par représentation, pour les pages web
  --format jsonld|nquads|turtle|html
                             format de sortie (jsonld par défaut ; html = un élément <script> par
                             représentation, forme embed seulement)
  --page-lang fr|en|…        forme embed : langue de la page (par défaut : la première langue de chaque
                             texte ; s'appelait --lang avant la 0.2.0)
  --lang en|fr               langue des messages (en par défaut ; --messages : ancienne graphie)
  -o, --output FICHIER       écrit dans FICHIER (de façon atomique) au lieu de la sortie standard

Codes de sortie : 0 toutes les fiches traduites ; 1 des fiches rejetées (problèmes sur stderr, les
autres sont écrites quand même) ; 2 entrée inutilisable (pas du JSON, pas d'éditeur valide).`;

export const mapCommand: Command = {
  name: "map",
  summary: {
    en: "map records to schema.org JSON-LD, N-Quads or Turtle",
    fr: "traduire des fiches en JSON-LD schema.org, N-Quads ou Turtle",
  },
  help: { en: HELP, fr: HELP_FR },
  async run(argv, io) {
    const { values, positionals, lang } = parseOptions(
      argv,
      {
        form: { type: "string" },
        format: { type: "string" },
        "page-lang": { type: "string" },
        output: { type: "string", short: "o" },
      },
      "map",
      { langRenamed: "--page-lang" },
    );
    const form = oneOf(str(values.form), ["graph", "embed"] as const, "graph", "--form");
    const format = oneOf(str(values.format), ["jsonld", "nquads", "turtle", "html"] as const, "jsonld", "--format");
    if (positionals.length !== 1)
      throw new InputError("cli/usage", tx("cli/need-one-records-file"), {
        hint: tx("cli/example", { example: "vivant map season.json" }),
      });
    if (form === "embed" && (format === "nquads" || format === "turtle")) {
      throw new InputError("cli/usage", tx("cli/embed-no-rdf", { format }), { hint: tx("cli/embed-no-rdf.hint") });
    }
    if (format === "html" && form !== "embed")
      throw new InputError("cli/usage", tx("cli/html-needs-embed"), {
        hint: tx("cli/example", { example: "vivant map season.json --form embed --format html" }),
      });

    // Read as a stream: a record document of any size (a 1M-performance one is larger than one string can be).
    const input = await readJsonFile(resolve(io.cwd, positionals[0]!), positionals[0]!);
    const result = mapRecords(input, { origins: false });
    for (const p of result.problems) io.stderr.write(`${formatProblem(p, lang)}\n`);
    if (!result.document) {
      io.stderr.write(`vivant map: ${t("cli/map-nothing", { count: result.rejected.length }, lang)}\n`);
      return EXIT.unusable;
    }
    // Streamed: each piece is written once the stream has room, so an output of any size never becomes one string.
    const out = openOutput(io, str(values.output));
    // Large outputs: what is written so far, of the total, on stderr (nodes, events or triples).
    let progress: Progress | undefined;
    const counting = (unit: "unit/nodes" | "unit/events" | "unit/triples", total: number): Written => {
      const p = (progress = progressOn(io, unit, lang));
      return (n) => p.update(n, total);
    };
    try {
      await writeMapped({
        out,
        document: result.document,
        triples: result.triples,
        form,
        format,
        pageLang: str(values["page-lang"]),
        counting,
      });
      progress?.done();
      await out.close();
    } catch (e) {
      progress?.done();
      await out.abort();
      throw e;
    }
    io.stderr.write(
      `vivant map: ${t("cli/map-done", { accepted: result.accepted.length, rejected: result.rejected.length, triples: result.triples.size }, lang)}\n`,
    );
    return result.rejected.length > 0 ? EXIT.rejected : EXIT.ok;
  },
};
