// `vivant validate`: records, JSON-LD or RDF files against a SHACL profile; a report per file in text, JSON or Turtle.

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { InputError, isInputError, type Lang } from "../errors.js";
import {
  DEFAULT_FORM, formatReportText, PROFILE_SUMMARIES, PROFILES, reportToTurtle, validateText,
  type ProfileName, type RecordForm,
} from "../validate/index.js";
import { oneOf, parseOptions } from "./args.js";
import { EXIT, type Command } from "./io.js";

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
    }, "validate");
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
        io.stdout.write(formatReportText(report, { lang, source, problems, notes: input.notes, rejected: input.map?.rejected.length ?? 0 }));
      } else if (format === "json") {
        json.push({ file, input: input.kind, ...(input.form ? { form: input.form } : {}), notes: input.notes, problems, ...report });
      } else {
        io.stdout.write(`# ${file}\n${await reportToTurtle(report)}\n`);
      }
    }
    if (format === "json") io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return exit;
  },
};
