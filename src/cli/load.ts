// `vivant load`: records (mapped) or RDF/JSON-LD (parsed) → validated with the core profile → the publisher's
// graph replaced in a data directory. With violations nothing is written and the report is shown.

import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { InputError } from "../errors.js";
import { Progress } from "../harvest/progress.js";
import { formatFromPath } from "../rdf/io.js";
import { ingest, openGraphTarget, type LoadFile } from "../ingest/index.js";
import { formatReportBounded, reportJsonChunks } from "../validate/summary.js";
import { parseOptions } from "./args.js";
import { openOutput } from "./output.js";
import { REPORT_HELP, REPORT_OPTIONS, reportOptions } from "./report.js";
import { EXIT, type CliIo, type Command } from "./io.js";

/** Where `vivant load` and `vivant serve --data` keep graphs unless told otherwise. */
export const DEFAULT_DATA_DIR = "vivant-data";

const HELP = `Usage: vivant load <file|folder> [--publisher ID] [options]

Maps records (a Vivant record document) or parses RDF (.ttl .nt .nq .trig, JSON-LD .jsonld/.json),
validates the result with the core profile and replaces the publisher's graph in the data directory.
A folder loads all its files (recursively) into that one graph. With any violation nothing is written
and the report is printed.

Options:
  --publisher ID      the publisher (required for RDF; checked against the records' publisher)
  --data DIR          data directory (default ./${DEFAULT_DATA_DIR}; the one \`vivant serve --data\` serves)
  --store URL         write into a remote SPARQL + Graph Store Protocol store instead (\`vivant serve --store\`)
  --graph IRI         graph of RDF input (default: the publisher's current graph)
  --licence KEY|IRI   licence of RDF input (etalab-2.0, cc0-1.0, cc-by-4.0, cc-by-sa-4.0, odbl-1.0 or an IRI)
  --title TEXT        title of the graph in the catalog
  --namespace IRI     (repeatable) a namespace the publisher's graph may describe besides its base IRI
                      (the graph IRI without its final "graph"); default: the ones it registered before
  --lang en|fr        language of the report and messages (default en; --messages: old spelling)
${REPORT_HELP}
  --report FILE       write the full report as JSON (every issue and record problem, both languages)

A running server locks its data directory: send data to it with the Graph Store Protocol instead
(curl -X PUT … /graph-store?graph=…, see the README).

Exit codes: 0 loaded; 1 rejected (violations, nothing written); 2 unusable input.`;

const EXTENSIONS = new Set([".json", ".jsonld", ".ttl", ".nt", ".nq", ".trig"]);

async function collect(path: string, out: string[]): Promise<void> {
  const s = await stat(path).catch((e: Error) => {
    throw new InputError("io/read", `cannot read ${path}: ${e.message}`, { hint: "check the path" });
  });
  if (s.isDirectory()) {
    for (const name of (await readdir(path)).sort()) {
      if (name.startsWith(".")) continue;
      const child = join(path, name);
      const cs = await stat(child);
      if (cs.isDirectory()) await collect(child, out);
      else if (EXTENSIONS.has(name.slice(name.lastIndexOf(".")).toLowerCase())) out.push(child);
    }
  } else out.push(path);
}

export const loadCommand: Command = {
  name: "load",
  summary: "validate records or RDF and replace a publisher's graph in the data directory",
  help: HELP,
  async run(argv, io: CliIo) {
    const { values, positionals, lang } = parseOptions(argv, {
      publisher: { type: "string" },
      data: { type: "string" },
      store: { type: "string" },
      graph: { type: "string" },
      licence: { type: "string" },
      title: { type: "string" },
      namespace: { type: "string", multiple: true },
      ...REPORT_OPTIONS,
      report: { type: "string" },
    }, "load");
    const shown = reportOptions(values);
    const reportFile = typeof values.report === "string" ? values.report : undefined;
    const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
    if (positionals.length !== 1) throw new InputError("cli/usage", "give one file or folder to load", { hint: "vivant load season.json --publisher my-venue" });
    const root = resolve(io.cwd, positionals[0]!);
    const paths: string[] = [];
    await collect(root, paths);
    if (!paths.length) throw new InputError("load/no-input", `no loadable file in ${positionals[0]}`, { hint: `give ${[...EXTENSIONS].join(", ")} files` });
    const files: LoadFile[] = [];
    let bytes = 0;
    for (const p of paths) {
      const text = await readFile(p, "utf8");
      bytes += text.length;
      if (!formatFromPath(p) && !/^\s*[[{]/.test(text)) io.stderr.write(`note: ${relative(io.cwd, p)}: unknown extension, read as Turtle\n`);
      files.push({ text, source: relative(io.cwd, p) || p });
    }
    io.stderr.write(`reading ${files.length} file${files.length > 1 ? "s" : ""} (${(bytes / 2 ** 20).toFixed(1)} MiB)\n`);

    const dataDir = resolve(io.cwd, str(values.data) ?? DEFAULT_DATA_DIR);
    // Lock first: a load into a directory a server is using must fail before the work, not after.
    const writer = (await openGraphTarget(str(values.store) === undefined ? dataDir : undefined, str(values.store), (w) => io.stderr.write(`warning: ${w}\n`)))!;
    try {
      const progress = new Progress({ stream: io.stderr, isTTY: io.isTTY, unit: "nodes validated" });
      const publisher = str(values.publisher);
      const source = files.length === 1 ? files[0]!.source : relative(io.cwd, root) || root;
      const { prepared, written: info } = await ingest(files, {
        ...(publisher !== undefined ? { publisherId: publisher } : {}),
        ...(str(values.graph) !== undefined ? { graphIri: str(values.graph)! } : {}),
        ...(str(values.licence) !== undefined ? { licence: str(values.licence)! } : {}),
        ...(str(values.title) !== undefined ? { title: str(values.title)! } : {}),
        ...(Array.isArray(values.namespace) ? { namespaces: values.namespace.filter((v): v is string => typeof v === "string") } : {}),
        source,
      }, writer, {
        onValidate: (done, total) => progress.update(done, total),
        onPrepared: (p) => {
          progress.done();
          if (p.ok) io.stderr.write(`validated ${p.size} triples: ${p.report.warnings} warning${p.report.warnings === 1 ? "" : "s"}; writing ${p.graphIri}\n`);
        },
      });
      if (reportFile !== undefined) {
        const out = openOutput(io, reportFile);
        const extra = { source, graphIri: prepared.graphIri, written: info !== undefined, notes: prepared.notes, problems: prepared.recordProblems };
        try {
          for (const chunk of reportJsonChunks(prepared.report, extra)) await out.write(chunk);
          await out.write("\n");
          await out.close();
        } catch (e) {
          await out.abort();
          throw e;
        }
      }
      if (!info) {
        io.stdout.write(`${formatReportBounded(prepared.report, {
          lang, source, problems: prepared.recordProblems, notes: prepared.notes, ...shown, ...(reportFile !== undefined ? { reportFile } : {}),
        })}\n`);
        io.stderr.write(`vivant load: nothing written: ${prepared.report.violations} violation${prepared.report.violations === 1 ? "" : "s"}` +
          `${prepared.recordProblems.some((p) => p.severity === "violation") ? " and rejected records" : ""} (graph ${prepared.graphIri} unchanged)\n`);
        return EXIT.rejected;
      }
      io.stdout.write(`loaded ${info.triples} triples into ${info.graphIri} (publisher ${info.publisherId}, version ${info.version}, ${info.licenceIri}) in ${writer.where}\n`);
      return EXIT.ok;
    } finally {
      await writer.close();
    }
  },
};
