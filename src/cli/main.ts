#!/usr/bin/env node
// Entry point of the `vivant` command: dispatches to a sub-command, maps every failure to an exit code.

import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { COMMANDS } from "./commands.js";
import { EXIT, inLang, type CliIo } from "./io.js";
import { isVivantError, messageOf, type Lang } from "../errors.js";
import { t } from "../i18n.js";
import { closest } from "../records/messages.js";
import { langFromArgv } from "./args.js";

/** The package's version, from its package.json (two levels up from src/cli, three from dist/src/cli). */
export function packageVersion(): string {
  for (const rel of ["../../package.json", "../../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === PACKAGE_NAME && pkg.version) return pkg.version;
    } catch {
      // not this level
    }
  }
  return "unknown";
}

/** The npm package that provides the `vivant` command. */
export const PACKAGE_NAME = "vivant-ld";

export function usage(lang: Lang = "en"): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${inLang(c.summary, lang)}`);
  return [
    t("cli/usage-title", { package: PACKAGE_NAME }, lang),
    "",
    t("cli/usage-line", {}, lang),
    "",
    t("cli/usage-commands", {}, lang),
    ...lines,
    "",
    t("cli/usage-more", {}, lang),
  ].join("\n");
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  // `vivant --lang fr …`: the language may come before the command too.
  const lead = /^--(lang|messages)(=.*)?$/.exec(argv[0] ?? "");
  const lang = langFromArgv(argv);
  const [name, ...rest] = lead ? argv.slice(lead[2] !== undefined ? 1 : 2) : argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(`${usage(lang)}\n`);
    return name === undefined ? EXIT.unusable : EXIT.ok;
  }
  if (name === "--version") {
    io.stdout.write(`vivant ${packageVersion()} (${PACKAGE_NAME})\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const guess = closest(
      name,
      COMMANDS.map((c) => c.name),
    );
    const hint =
      guess !== undefined ? ` (${t("cli/unknown-command.hint", { suggestion: `vivant ${guess}` }, lang)})` : "";
    io.stderr.write(`vivant: ${t("cli/unknown-command", { name }, lang)}${hint}\n\n${usage(lang)}\n`);
    return EXIT.unusable;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(`${inLang(command.help, lang)}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (isVivantError(e)) {
      io.stderr.write(`vivant ${name}: ${messageOf(e, lang)}\n`);
      return EXIT.unusable;
    }
    throw Object.assign(e instanceof Error ? e : new Error(String(e)), { lang });
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // A bug, not a usage error: the stack helps a report.
      const lang: Lang = (e as { lang?: Lang }).lang ?? "en";
      process.stderr.write(
        `vivant: ${t("error/internal", { detail: e instanceof Error ? (e.stack ?? e.message) : String(e) }, lang)}\n`,
      );
      process.exitCode = EXIT.unusable;
    },
  );
}
