// The tokens file is checked whole at start: each entry that could not work, or that would let one token or one
// graph serve two publishers, stops the server with an error naming its line, in English or French.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { TokenTable } from "../../src/server/index.js";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "vivant-tokens-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const A = "token-of-theatre-a-0123456789";
const B = "token-of-theatre-b-0123456789";
const GA = "https://theatre-a.example/graph";
const GB = "https://theatre-b.example/graph";

/** Writes a tokens file with one entry per line after the opening line, so that entry i is on line i + 3. */
function tokensFile(name: string, entries: readonly object[]): string {
  const path = join(dir, name);
  writeFileSync(path, `{\n  "tokens": [\n${entries.map((e) => `    ${JSON.stringify(e)}`).join(",\n")}\n  ]\n}\n`);
  return path;
}

function failure(path: string): InputError {
  try {
    TokenTable.fromFile(path);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error(`${path} was accepted`);
}

describe("the tokens file", () => {
  it("accepts distinct tokens, one graph per publisher, and two tokens of one publisher for its graph", () => {
    const t = TokenTable.fromFile(
      tokensFile("good.json", [
        { token: A, publisher: "a", graph: GA },
        { token: `${A}-rotated`, publisher: "a", graph: GA },
        { token: B, publisher: "b", graph: GB, licence: "cc-by-4.0" },
      ]),
    );
    expect(t.size).toBe(3);
    expect(t.grantOf(`Bearer ${B}`)).toEqual({ publisherId: "b", graphIri: GB, licence: "cc-by-4.0" });
  });

  it("refuses the same token twice, naming both lines", () => {
    const e = failure(
      tokensFile("dup.json", [
        { token: A, publisher: "a", graph: GA },
        { token: B, publisher: "b", graph: GB },
        { token: A, publisher: "a", graph: GA },
      ]),
    );
    expect(e.code).toBe("server/bad-tokens");
    expect(e.line).toBe(5);
    expect(e.message).toContain("line 5 (tokens[2]): the same token as line 3 (tokens[0])");
    expect(e.problems.map((p) => p.path)).toEqual(["$.tokens[2].token"]);
  });

  it("refuses a token given to two publishers, also when one entry gives its SHA-256", () => {
    const digest = createHash("sha256").update(A).digest("hex");
    const e = failure(
      tokensFile("shared.json", [
        { token: A, publisher: "a", graph: GA },
        { sha256: digest.toUpperCase(), publisher: "b", graph: GB },
      ]),
    );
    expect(e.line).toBe(4);
    expect(e.message).toContain(
      'line 4 (tokens[1]): this token of publisher "b" is also publisher "a"\'s (line 3 (tokens[0]))',
    );
  });

  it("refuses one graph claimed by two publishers, and one publisher given two graphs", () => {
    const two = failure(
      tokensFile("graph.json", [
        { token: A, publisher: "a", graph: GA },
        { token: B, publisher: "b", graph: GA },
      ]),
    );
    expect(two.message).toContain(
      `line 4 (tokens[1]): graph ${GA} is claimed by publisher "b" and by publisher "a" (line 3 (tokens[0]))`,
    );
    const split = failure(
      tokensFile("split.json", [
        { token: A, publisher: "a", graph: GA },
        { token: B, publisher: "a", graph: GB },
      ]),
    );
    expect(split.message).toContain(
      `line 4 (tokens[1]): publisher "a" is given graph ${GB} here and graph ${GA} at line 3 (tokens[0])`,
    );
  });

  it("refuses tokens with whitespace (which no Authorization header can carry), inside or around them", () => {
    const e = failure(
      tokensFile("space.json", [
        { token: `${A} `, publisher: "a", graph: GA },
        { token: "token of theatre b 0123", publisher: "b", graph: GB },
        { token: `\t${B}x`, publisher: "c", graph: "https://c.example/graph" },
      ]),
    );
    expect(e.problems.map((p) => p.path)).toEqual(["$.tokens[0].token", "$.tokens[1].token", "$.tokens[2].token"]);
    expect(e.message).toContain("line 3 (tokens[0]): the token contains whitespace");
    expect(e.message).toContain("line 5 (tokens[2]): the token contains whitespace");
    // The secret itself is never echoed in the error.
    expect(e.message).not.toContain(A);
  });

  it("lists every problem of the file at once, in French when asked", () => {
    const e = failure(
      tokensFile("many.json", [
        { token: A, publisher: "a", graph: GA },
        { token: A, publisher: "b", graph: GB },
        { token: "short", publisher: "c", graph: "https://c.example/graph" },
        { token: B, graph: GB },
      ]),
    );
    const fr = e.messageIn("fr");
    expect(e.problems).toHaveLength(3);
    expect(fr).toMatch(/^fichier de jetons .*many\.json : 3 problèmes/);
    expect(fr).toContain(
      "ligne 4 (tokens[1]) : ce jeton du diffuseur « b » est aussi celui du diffuseur « a » (ligne 3 (tokens[0]))",
    );
    expect(fr).toContain("ligne 5 (tokens[2]) : jeton de moins de 16 caractères");
    expect(fr).toContain("ligne 6 (tokens[3]) : pas de « publisher »");
    // Each problem carries both languages.
    for (const p of e.problems) expect(p.message.en).toMatch(/^line \d+ \(tokens\[\d\]\)/);
  });

  it("stops vivant serve before it listens, with the line named, in the language of --lang", async () => {
    const path = tokensFile("serve.json", [
      { token: A, publisher: "a", graph: GA },
      { token: B, publisher: "b", graph: GA },
    ]);
    const en = await runCli(["serve", "--port", "0", "--tokens", path]);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain("line 4 (tokens[1]): graph");
    expect(en.stdout).not.toContain("SPARQL endpoint");
    const fr = await runCli(["serve", "--port", "0", "--tokens", path, "--lang", "fr"]);
    expect(fr.code).toBe(2);
    expect(fr.stderr).toContain(
      `ligne 4 (tokens[1]) : le graphe ${GA} est réclamé par le diffuseur « b » et par le diffuseur « a »`,
    );
  });
});
