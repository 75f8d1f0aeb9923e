// JSON files read as a stream (readJsonFile, what `vivant map`, `load`, `validate` and `import` read): the same value
// as JSON.parse at every chunk size, the same error and position as parseJsonText, a file cut short refused, keys
// "__proto__" kept as JSON.parse keeps them; through the CLI, bad JSON mid-stream writes nothing.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { generateSeason } from "../../bench/generate.js";
import { parseJsonText } from "../../src/rdf/io.js";
import { readJsonFile } from "../../src/rdf/json-file.js";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "vivant-json-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(text: string): string {
  const path = join(dir, `f${n++}.json`);
  writeFileSync(path, text);
  return path;
}

/** What parseJsonText says of `text`: the value, or the error's message, line and column. */
function expected(text: string): { value: unknown } | { message: string; line: number; column: number } {
  try {
    return { value: parseJsonText(text, "x.json") };
  } catch (e) {
    const { message, line, column } = e as { message: string; line: number; column: number };
    return { message, line, column };
  }
}

async function actual(text: string, chunkSize: number): Promise<ReturnType<typeof expected>> {
  try {
    return { value: await readJsonFile(file(text), "x.json", "rdf/syntax", { chunkSize }) };
  } catch (e) {
    const { message, line, column } = e as { message: string; line: number; column: number };
    return { message, line, column };
  }
}

describe("readJsonFile", () => {
  it("gives JSON.parse's value at every chunk size", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue(),
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        async (value, chunkSize, pretty) => {
          const text = JSON.stringify(value, null, pretty ? 2 : undefined);
          expect(await actual(text, chunkSize)).toEqual({ value: JSON.parse(text) });
        },
      ),
      { numRuns: 150 },
    );
  });

  it("refuses broken JSON at the line and column parseJsonText names (cut, extra or missing characters)", async () => {
    const broken = fc.record({
      value: fc.jsonValue(),
      at: fc.nat(),
      cut: fc.constantFrom("truncate", "delete", "insert"),
      extra: fc.constantFrom(...'{}[],:"\\x1 \n'),
    });
    await fc.assert(
      fc.asyncProperty(broken, fc.integer({ min: 1, max: 32 }), async ({ value, at, cut, extra }, chunkSize) => {
        const whole = JSON.stringify({ a: [value, { b: value }] }, null, 1);
        const i = at % whole.length;
        const text =
          cut === "truncate"
            ? whole.slice(0, i)
            : cut === "delete"
              ? whole.slice(0, i) + whole.slice(i + 1)
              : whole.slice(0, i) + extra + whole.slice(i);
        // The same place; the parser's own words may differ (a file cut short is "Unexpected end of JSON input").
        const want = expected(text);
        const got = await actual(text, chunkSize);
        if ("value" in want) expect(got).toEqual(want);
        else
          expect({ ...got, message: (got as { message: string }).message.replace(/ not JSON: .*/s, "") }).toEqual({
            ...want,
            message: want.message.replace(/ not JSON: .*/s, ""),
          });
      }),
      { numRuns: 400 },
    );
  });

  it("refuses a file cut just after a closing bracket, and trailing commas (which the parser alone would accept)", async () => {
    const text = '{"performances": [{"id": "p1"}, {"id": "p2"}]';
    for (const size of [1, 3, 1024]) {
      await expect(readJsonFile(file(text), "cut.json", "rdf/syntax", { chunkSize: size })).rejects.toMatchObject({
        code: "rdf/syntax",
        line: 1,
        column: text.length + 1,
      });
    }
    await expect(readJsonFile(file("  \n"), "blank.json")).rejects.toMatchObject({ line: 2, column: 1 });
    // Commas before a closing bracket, which the parser alone accepts between pieces.
    for (const [text, column] of [
      ['{"a": [{"b": {}}, {"c": 1},]}', 28],
      ['{"a": {"b": {},}}', 16],
    ] as const) {
      for (const size of [1, 4, 1024]) {
        await expect(readJsonFile(file(text), "comma.json", "rdf/syntax", { chunkSize: size })).rejects.toMatchObject({
          line: 1,
          column,
        });
      }
    }
  });

  it("reads a key written twice in one object as JSON.parse does (the last one kept), at every chunk size", async () => {
    const texts = [
      // The parser appended the second "a"'s 3 to "b" ({"a":[2],"b":[9,3]}), or failed on valid JSON.
      '{"a":[1],"b":[9],"a":[2,3]}',
      '{"a":[1],"b":0,"a":[2]}',
      '{"a":{"x":1},"b":{"y":1},"a":{"z":1,"w":2}}',
      '{"a":"x","a":{"b":1}}',
      '{"a":1,"\\u0061":[2,3],"b":[4]}',
      '{"k":[{"a":[1],"b":[9],"a":[2,3]}],"k":[{"c":1}]}',
      // More keys than are compared one by one, then one of them again.
      `{${Array.from({ length: 40 }, (_, i) => `"k${i}":[${i}]`).join(",")},"k3":[7,8]}`,
      // The same key in different objects is no repetition.
      '{"a":{"a":{"a":[1,2]}},"b":[{"a":1},{"a":2}]}',
    ];
    for (const text of texts)
      for (const size of [1, 2, 3, 4, 5, 7, 1024])
        expect(await actual(text, size), `${text} in chunks of ${size}`).toEqual({ value: JSON.parse(text) });
  });

  it("reads objects with repeated keys as JSON.parse does, whatever the keys, values and chunk size", async () => {
    const key = fc.constantFrom("a", "b", "c", "\\u0061", "");
    const value: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
      v: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.jsonValue({ maxDepth: 1 }).map((v) => JSON.stringify(v)),
        fc.array(tie("v"), { maxLength: 3 }).map((vs) => `[${vs.join(",")}]`),
        fc
          .array(fc.tuple(key, tie("v")), { maxLength: 5 })
          .map((es) => `{${es.map(([k, v]) => `"${k}":${v}`).join(",")}}`),
      ),
    })).v;
    await fc.assert(
      fc.asyncProperty(value, fc.integer({ min: 1, max: 16 }), async (text, chunkSize) => {
        expect(await actual(text, chunkSize)).toEqual({ value: JSON.parse(text) });
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with parseJsonText on a cut that leaves a key twice in one object (a case the property found)", async () => {
    const value = {
      "": true,
      '"  ': -1.1028288609969031e186,
      "  ": "  ",
      "   ": null,
      " ": { " ": "          ", "       ": "      ", "   ": "  " },
      "     ": null,
      " # ": true,
    };
    const whole = JSON.stringify({ a: [value, { b: value }] }, null, 1);
    const i = 1153088073 % whole.length;
    // Deleting one quote turns `"  ": "  "` into a second key " " whose value is a string, then an object.
    const text = whole.slice(0, i) + whole.slice(i + 1);
    for (const size of [1, 7, 1024]) expect(await actual(text, size)).toEqual(expected(text));
    expect(expected(text)).toHaveProperty("value");
  });

  it('keeps a key "__proto__" as an own property, as JSON.parse does, at every chunk size', async () => {
    const text = '{"a": {"x": 1, "y": [1, 2], "__proto__": {"polluted": 1}}, "b": [{"\\u005f_proto__": []}]}';
    for (const size of [1, 2, 3, 5, 1024]) {
      const v = (await readJsonFile(file(text), "proto.json", "rdf/syntax", { chunkSize: size })) as {
        a: object;
        b: object[];
      };
      expect(Object.getPrototypeOf(v.a)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(v.b[0])).toBe(Object.prototype);
      expect(Object.hasOwn(v.a, "__proto__")).toBe(true);
      expect(v).toEqual(JSON.parse(text));
    }
  });

  it("says io/read for a file that cannot be read", async () => {
    await expect(readJsonFile(join(dir, "missing.json"), "missing.json")).rejects.toMatchObject({ code: "io/read" });
  });
});

describe("bad JSON mid-stream through the CLI", () => {
  // About 2 MiB: the error is in the second megabyte, past the first chunk, on a line of its own.
  const text = JSON.stringify(generateSeason(3_000, { seed: 3 }), null, 1);
  const at = text.indexOf('"startDate"', Math.floor(text.length * 0.7));
  const bad = `${text.slice(0, at)}"startDate": 2026-10-01T20:00,\n${text.slice(text.indexOf("\n", at) + 1)}`;
  // Where the whole-text reader (parseJsonText) places the error.
  const { line, column } = expected(bad) as { line: number; column: number };
  const season = join(dir, "season-bad.json");
  writeFileSync(season, bad);

  it("is refused by map, load and validate with its line and column, and nothing is written", async () => {
    expect(text.length).toBeGreaterThan(2 * 2 ** 20);
    const out = join(dir, "out.nq");
    const m = await runCli(["map", season, "--format", "nquads", "-o", out]);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain(`${season}:${line}:${column}: not JSON`);
    expect(existsSync(out)).toBe(false);
    const data = join(dir, "data");
    const l = await runCli(["load", season, "--data", data, "--lang", "fr"]);
    expect(l.code).toBe(2);
    expect(l.stderr).toContain(`:${line}:${column} : pas du JSON`);
    expect(existsSync(data)).toBe(false);
    const v = await runCli(["validate", season]);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain(`:${line}:${column}: not JSON`);
    expect(v.stdout).toBe("");
  }, 120_000);

  it("a season cut short is refused by load, nothing written", async () => {
    const cut = join(dir, "season-cut.json");
    writeFileSync(cut, text.slice(0, text.lastIndexOf("]") + 1));
    const data = join(dir, "data-cut");
    const l = await runCli(["load", cut, "--data", data]);
    expect(l.code).toBe(2);
    expect(l.stderr).toMatch(/not JSON: Unexpected end of JSON input/);
    expect(existsSync(data)).toBe(false);
  }, 120_000);
});
