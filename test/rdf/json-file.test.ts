// readJsonFile on small files (test/cli/json-file.test.ts holds the properties against JSON.parse and the CLI).

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readJsonFile } from "../../src/rdf/json-file.js";
import { InputError } from "../../src/errors.js";
import { rejected } from "../helpers/errors.js";

const dir = mkdtempSync(join(tmpdir(), "vivant-rdf-json-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(text: string): string {
  const path = join(dir, `f${n++}.json`);
  writeFileSync(path, text);
  return path;
}

describe("readJsonFile", () => {
  it("reads a value, byte-order marks at the start dropped, at every chunk size", async () => {
    for (const chunkSize of [1, 2, 5, 1024]) {
      const path = file('\uFEFF\uFEFF{"name": "Carmen", "n": [1, 2.5]}');
      expect(await readJsonFile(path, "x.json", "rdf/syntax", { chunkSize })).toEqual({ name: "Carmen", n: [1, 2.5] });
    }
  });
  it("reads a scalar at the top level", async () => {
    expect(await readJsonFile(file(" 42 "), "x.json")).toBe(42);
    expect(await readJsonFile(file('"s"'), "x.json")).toBe("s");
  });
  it("refuses an empty file, or one with only byte-order marks, as a syntax error at 1:1", async () => {
    for (const text of ["", "\uFEFF", "  "]) {
      const e = await rejected(readJsonFile(file(text), "empty.json"));
      expect(e).toBeInstanceOf(InputError);
      expect(e.code).toBe("rdf/syntax");
      expect(e.line).toBe(1);
      expect(e.message).toMatch(/^empty\.json:1:\d+: not JSON: /);
    }
  });
  it("says the error with the code it is given, at its line and column", async () => {
    const e = await rejected(readJsonFile(file('{\n  "a": 1,\n  "b": tru\n}'), "x.json", "records/invalid" as never));
    expect(e.code).toBe("records/invalid");
    expect([e.line, e.column]).toEqual([3, 8]);
  });
  it("refuses text after the value", async () => {
    const e = await rejected(readJsonFile(file('{"a":1} {"b":2}'), "x.json", "rdf/syntax", { chunkSize: 3 }));
    expect(e.code).toBe("rdf/syntax");
    expect([e.line, e.column]).toEqual([1, 9]);
  });
  it("keeps the last of a key written twice, and a key __proto__ as an own property", async () => {
    const v = (await readJsonFile(file('{"a":1,"b":[2],"a":{"c":3}}'), "x.json", "rdf/syntax", { chunkSize: 2 })) as {
      a: unknown;
    };
    expect(v).toEqual({ a: { c: 3 }, b: [2] });
    const p = (await readJsonFile(file('{"__proto__":{"x":1}}'), "x.json")) as object;
    expect(Object.hasOwn(p, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
  });
  it("says io/read, naming the path, for a path that cannot be read", async () => {
    const e = await rejected(readJsonFile(dir, "dir"));
    expect(e.code).toBe("io/read");
    expect(e.message).toContain(dir);
  });
});
