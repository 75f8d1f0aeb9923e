// `vivant harvest <url|sitemap.xml…> --publisher ID`: fetch pages politely, keep their programme,
// write it as N-Quads (and/or load it into the publisher's graph), report per URL and in a summary.

import { rename, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { InputError, formatProblem, type Lang } from "../errors.js";
import { harvest } from "../harvest/harvest.js";
import { loadGraph } from "../harvest/load.js";
import { countByCode } from "../harvest/problems.js";
import { formatSummary, Progress } from "../harvest/progress.js";
import { makePublisher, NO_LICENCE_DECLARED } from "../import/types.js";
import { publisherGraphIri } from "../mapping/iri.js";
import { serializeRdf } from "../rdf/io.js";
import { oneOf, parseOptions } from "./args.js";
import { EXIT, type Command } from "./io.js";

const HELP = `Usage: vivant harvest <url|sitemap.xml>… --publisher ID [options]

Fetches venue pages (or every page of a sitemap), extracts their <script type="application/ld+json">
blocks, repairs the markup (each fix counted), keeps events, places, organizations, people and offers
with their provenance (prov:wasDerivedFrom the page; the page vivant:fetchedAt the fetch time).

Options:
  --publisher ID          whose graph the harvest fills (required)
  --base-iri IRI          the publisher's base IRI (default https://vivant.dev/publishers/ID/)
  --licence KEY|IRI       licence of the harvested data (default: none declared)
  -o, --output FILE       write the harvested graph as N-Quads (atomically)
  --load --data DIR       replace the publisher's graph in the store kept in DIR
  --report FILE           write every failure and problem as JSON
  --timeout MS            per page, redirects and body included (default 15000)
  --max-bytes N           largest page read (default 5242880)
  --max-redirects N       (default 5)
  --delay MS              least time between two requests to one host (default 1000)
  --host-concurrency N    requests in flight to one host (default 2)
  --concurrency N         pages in flight overall (default 8)
  --max-pages N           (default 10000)
  --no-robots             do not read robots.txt (only for your own sites)
  --messages en|fr        language of messages (default en)

Exit codes: 0 every URL harvested; 1 some URLs failed or blocks were rejected (the rest is
written); 2 unusable input (no URL, bad option, nothing could be written).`;

const int = (v: unknown, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InputError("cli/bad-option", `${name} "${String(v)}" is not a whole number`, { hint: `e.g. ${name} 1000` });
  return n;
};

export const harvestCommand: Command = {
  name: "harvest",
  summary: "harvest schema.org JSON-LD from venue pages and sitemaps into a publisher's graph",
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      publisher: { type: "string" }, "base-iri": { type: "string" }, licence: { type: "string" }, output: { type: "string", short: "o" },
      load: { type: "boolean" }, data: { type: "string" }, report: { type: "string" }, timeout: { type: "string" }, "max-bytes": { type: "string" },
      "max-redirects": { type: "string" }, delay: { type: "string" }, "host-concurrency": { type: "string" }, concurrency: { type: "string" },
      "max-pages": { type: "string" }, "no-robots": { type: "boolean" }, messages: { type: "string" },
    }, "harvest");
    const s = (v: unknown) => (typeof v === "string" ? v : undefined);
    const lang = oneOf(s(values.messages), ["en", "fr"] as const, "en", "--messages") as Lang;
    if (positionals.length === 0) throw new InputError("cli/usage", "give at least one URL or sitemap", { hint: "vivant harvest https://venue.example/sitemap.xml --publisher venue" });
    const id = s(values.publisher);
    if (!id) throw new InputError("cli/usage", "--publisher is required", { hint: "name whose graph this is: --publisher grand-quai" });
    if (values.load && !s(values.data)) throw new InputError("cli/usage", "--load needs --data DIR", { hint: "vivant harvest … --load --data ./data" });
    if (!values.load && !s(values.output)) throw new InputError("cli/usage", "nothing to write: give -o FILE or --load --data DIR", { hint: "vivant harvest … -o harvest.nq" });
    const publisher = makePublisher({ id, ...(s(values["base-iri"]) ? { baseIri: s(values["base-iri"])! } : {}), ...(s(values.licence) ? { licence: s(values.licence)! } : {}) });

    const policy = Object.fromEntries(Object.entries({
      timeoutMs: int(values.timeout, "--timeout"), maxBytes: int(values["max-bytes"], "--max-bytes"), maxRedirects: int(values["max-redirects"], "--max-redirects"),
      perHostDelayMs: int(values.delay, "--delay"), perHostConcurrency: int(values["host-concurrency"], "--host-concurrency"),
      robots: values["no-robots"] ? false : undefined,
    }).filter(([, v]) => v !== undefined));
    const progress = new Progress({ stream: io.stderr, isTTY: io.isTTY, unit: "URLs" });
    const concurrency = int(values.concurrency, "--concurrency");
    const maxPages = int(values["max-pages"], "--max-pages");
    const result = await harvest(positionals, {
      policy,
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(maxPages !== undefined ? { maxPages } : {}),
      onProgress: (p) => progress.update(p.done, p.total, { entities: p.entities, failed: p.failures }),
    });
    progress.done();
    for (const f of result.failures) io.stderr.write(`FAILED ${f.code} ${f.url}: ${f.message}\n`);
    for (const p of result.problems) io.stderr.write(`${formatProblem(p, lang)}\n`);

    const graphIri = publisherGraphIri(publisher);
    const output = s(values.output);
    if (output !== undefined) {
      const target = resolve(io.cwd, output);
      const tmp = `${target}.${process.pid}.tmp`;
      await writeFile(tmp, await serializeRdf(result.quads, "nquads"));
      await rename(tmp, target);
    }
    if (values.load) {
      await loadGraph(resolve(io.cwd, s(values.data)!), graphIri, result.quads, {
        licence: publisher.licence ?? NO_LICENCE_DECLARED, modified: new Date().toISOString(), source: positionals.join(" "),
      });
    }
    const report = s(values.report);
    if (report !== undefined) {
      await writeFile(resolve(io.cwd, report), `${JSON.stringify({ graphIri, pages: result.pages, failures: result.failures, problems: result.problems, fixes: result.fixes.toJSON(), entities: result.entities, dropped: Object.fromEntries(result.dropped) }, null, 2)}\n`);
    }
    io.stderr.write(`${formatSummary({
      read: [["URLs fetched", result.pages.length + result.failures.length], ["pages read", result.pages.length], ["sitemaps read", result.sitemaps]],
      entities: result.entities,
      fixes: result.fixes,
      failures: [...result.failures.reduce((m, f) => m.set(f.code, (m.get(f.code) ?? 0) + 1), new Map<string, number>())],
      rejections: countByCode(result.problems, "violation"),
    })}\n`);
    const rejected = result.failures.length > 0 || result.problems.some((p) => p.severity === "violation");
    return rejected ? EXIT.rejected : EXIT.ok;
  },
};
