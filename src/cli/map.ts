// `vivant map`: records JSON → JSON-LD (graph or embed form), N-Quads or Turtle; problems on stderr.

import { readFile, writeFile, rename } from "node:fs/promises";
import { resolve } from "node:path";
import { formatProblem, InputError, type Lang } from "../errors.js";
import { embedScript, mapRecords, toEmbeds, toGraph } from "../mapping/index.js";
import { parseJsonText, serializeRdf } from "../rdf/io.js";
import { oneOf, parseOptions } from "./args.js";
import { EXIT, type Command } from "./io.js";

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

export const mapCommand: Command = {
  name: "map",
  summary: "map records to schema.org JSON-LD, N-Quads or Turtle",
  help: HELP,
  async run(argv, io) {
    const { values, positionals, lang } = parseOptions(argv, {
      form: { type: "string" },
      format: { type: "string" },
      "page-lang": { type: "string" },
      output: { type: "string", short: "o" },
    }, "map", { langRenamed: "--page-lang" });
    const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
    const form = oneOf(str(values.form), ["graph", "embed"] as const, "graph", "--form");
    const format = oneOf(str(values.format), ["jsonld", "nquads", "turtle", "html"] as const, "jsonld", "--format");
    if (positionals.length !== 1) throw new InputError("cli/usage", "give exactly one records file", { hint: "vivant map season.json" });
    if (form === "embed" && (format === "nquads" || format === "turtle")) {
      throw new InputError("cli/usage", `--form embed is JSON-LD for web pages; it has no ${format} output`, { hint: "use --form graph for RDF formats" });
    }
    if (format === "html" && form !== "embed") throw new InputError("cli/usage", "--format html needs --form embed", { hint: "vivant map season.json --form embed --format html" });

    const path = resolve(io.cwd, positionals[0]!);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (e) {
      throw new InputError("io/read", `cannot read ${path}: ${(e as Error).message}`, { hint: "check the path" });
    }
    const input = parseJsonText(text, positionals[0]!);
    const result = mapRecords(input, { origins: false });
    for (const p of result.problems) io.stderr.write(`${formatProblem(p, lang)}\n`);
    if (!result.document) {
      io.stderr.write(`vivant map: nothing mapped: the publisher is unusable (${result.rejected.length} records not mapped)\n`);
      return EXIT.unusable;
    }
    let out: string;
    if (form === "embed") {
      const embeds = toEmbeds(result.document, str(values["page-lang"]) !== undefined ? { lang: str(values["page-lang"])! } : {});
      out = format === "html"
        ? [...embeds.values()].map((e) => embedScript(e)).join("\n")
        : JSON.stringify([...embeds.values()], null, 2);
    } else if (format === "jsonld") out = JSON.stringify(toGraph(result.document), null, 2);
    else if (format === "turtle") out = await serializeRdf(result.quads, "turtle");
    else {
      const chunks: string[] = [];
      result.triples.writeNQuads((c) => chunks.push(c));
      out = chunks.join("").replace(/\n$/, "");
    }
    const output = str(values.output);
    if (output !== undefined) {
      const target = resolve(io.cwd, output);
      const tmp = `${target}.${process.pid}.tmp`;
      await writeFile(tmp, `${out}\n`);
      await rename(tmp, target);
    } else io.stdout.write(`${out}\n`);
    io.stderr.write(`vivant map: ${result.accepted.length} records mapped, ${result.rejected.length} rejected, ${result.triples.size} triples\n`);
    return result.rejected.length > 0 ? EXIT.rejected : EXIT.ok;
  },
};
