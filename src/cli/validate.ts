// `vivant validate`: records, JSON-LD or RDF files against a SHACL profile; a report per file in text, JSON or Turtle.

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { InputError, isInputError } from "../errors.js";
import {
  DEFAULT_FORM, PROFILE_SUMMARIES, PROFILES, reportToTurtle, validateText,
  type ProfileName, type RecordForm, type ValidationReport,
} from "../validate/index.js";
import { oneOf, parseOptions } from "./args.js";
import { EXIT, type Command } from "./io.js";
import { openOutput } from "./output.js";
import { REPORT_HELP, REPORT_OPTIONS, reportOptions } from "./report.js";
import { formatReportBounded, reportJsonChunks } from "../validate/summary.js";

const HELP = `Usage: vivant validate <file…> [options]

Checks event data against a SHACL profile before it is published, and says which field of which record to fix.
Each file can be a record document (JSON with a "publisher"), JSON-LD (.jsonld, .json), Turtle (.ttl),
N-Triples (.nt), N-Quads (.nq) or TriG (.trig).

Options:
  --profile core|google|artsdata  the profile (default core):
${PROFILES.map((p) => `      ${p.padEnd(9)} ${PROFILE_SUMMARIES[p]}`).join("\n")}
  --lang en|fr                    language of the messages (default en)
  --format text|json|turtle       text: issues grouped by record and field (default);
                                  json: an array with one report object per file (messages in both languages);
                                  turtle: one SHACL sh:ValidationReport per file
  --form graph|embed              records only: validate the graph form, or the embed form that web pages
                                  carry (default: embed for google, graph otherwise)
${REPORT_HELP.replace(/^ {2}/gm, "  ")}
  --report FILE       write the full reports as JSON (the --format json array), whatever --format says

Exit codes: 0 every file conforms (warnings allowed); 1 some file has violations (or rejected records);
2 unusable input (malformed JSON, JSON-LD or Turtle: with its line and column; unknown profile or option).`;

export const validateCommand: Command = {
  name: "validate",
  summary: "check records, JSON-LD or RDF against the core, google or artsdata SHACL profile",
  help: HELP,
  async run(argv, io) {
    const { values, positionals, lang } = parseOptions(argv, {
      profile: { type: "string" },
      format: { type: "string" },
      form: { type: "string" },
      ...REPORT_OPTIONS,
      report: { type: "string" },
    }, "validate");
    const shown = reportOptions(values);
    const reportFile = typeof values.report === "string" ? values.report : undefined;
    const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
    const profile: ProfileName = oneOf(str(values.profile), PROFILES, "core", "--profile");
    const format = oneOf(str(values.format), ["text", "json", "turtle"] as const, "text", "--format");
    const form: RecordForm = oneOf(str(values.form), ["graph", "embed"] as const, DEFAULT_FORM[profile], "--form");
    if (positionals.length === 0) throw new InputError("cli/usage", "give at least one file to validate", { hint: "vivant validate season.json --profile google" });

    let exit: number = EXIT.ok;
    const json: unknown[] = [];
    for (const file of positionals) {
      const path = resolve(io.cwd, file);
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch (e) {
        io.stderr.write(`vivant validate: cannot read ${file}: ${(e as Error).message}\n`);
        exit = EXIT.unusable;
        continue;
      }
      let result: Awaited<ReturnType<typeof validateText>>;
      try {
        result = await validateText(text, file, profile, { form });
      } catch (e) {
        if (!isInputError(e)) throw e;
        io.stderr.write(`vivant validate: ${e.message}\n`);
        for (const p of e.problems) io.stderr.write(`  ${p.path}: ${p.message[lang]}\n`);
        exit = EXIT.unusable;
        continue;
      }
      const { input, report } = result;
      const problems = input.map?.problems ?? [];
      const rejected = problems.some((p) => p.severity === "violation");
      if ((!report.conforms || rejected) && exit === EXIT.ok) exit = EXIT.rejected;
      if (format === "text") {
        const source = input.kind === "records" ? `${file} (records, ${input.form} form)` : file;
        io.stdout.write(formatReportBounded(report, {
          lang, source, problems, notes: input.notes, rejected: input.map?.rejected.length ?? 0, ...shown, ...(reportFile !== undefined ? { reportFile } : {}),
        }));
      }
      if (format === "json" || reportFile !== undefined) {
        json.push({ file, input: input.kind, ...(input.form ? { form: input.form } : {}), notes: input.notes, problems, ...report });
      }
      if (format === "turtle") {
        io.stdout.write(`# ${file}\n${await reportToTurtle(report)}\n`);
      }
    }
    if (format === "json") io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    if (reportFile !== undefined) {
      const out = openOutput(io, reportFile);
      try {
        let first = true;
        for (const r of json as ValidationReport[]) {
          await out.write(first ? "[\n" : ",\n");
          for (const chunk of reportJsonChunks(r)) await out.write(chunk);
          first = false;
        }
        await out.write(first ? "[]\n" : "\n]\n");
        await out.close();
      } catch (e) {
        await out.abort();
        throw e;
      }
    }
    return exit;
  },
};
