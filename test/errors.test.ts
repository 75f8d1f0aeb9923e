// The error family (src/errors.ts): every class Vivant throws derives from VivantError, keeps its `name` and `code`,
// and the guards recognise an instance and a plain copy of one (what crosses a worker thread or JSON) by name.

import { MessageChannel } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import {
  InputError,
  isErrorNamed,
  isInputError,
  isUsageError,
  isVivantError,
  messageOf,
  UsageError,
  VivantError,
  type VivantErrorName,
} from "../src/errors.js";
import { HttpError, isHttpError } from "../src/server/http-util.js";
import { isQueryError, QueryError } from "../src/server/pool.js";
import { DurableWriteError } from "../src/store/durable.js";
import { isStorageError, StorageError } from "../src/store/files.js";
import { GraphStore } from "../src/store/graph-store.js";
import { isSparqlSyntaxError, isStoreBrokenError, SparqlSyntaxError, StoreBrokenError } from "../src/store/oxigraph.js";
import { isRemoteStoreError, RemoteStoreError } from "../src/store/remote.js";
import { checkQueryLimits, isQueryTooComplexError } from "../src/store/sparql-limits.js";

const hint = { en: "try again", fr: "réessayez" };

function tooComplex(): unknown {
  try {
    checkQueryLimits("SELECT * WHERE { " + "{ ".repeat(300) + "}".repeat(300) + " }", { maxDepth: 10 });
  } catch (e) {
    return e;
  }
  throw new Error("checkQueryLimits accepted a query 300 groups deep with maxDepth 10");
}

/** One instance of each class, with the guards that must accept it. */
const cases: { error: VivantError; name: VivantErrorName; guards: ((e: unknown) => boolean)[] }[] = [
  { error: new VivantError("internal", "boom"), name: "VivantError", guards: [] },
  {
    error: new InputError("rdf/syntax", { en: "bad", fr: "mauvais" }, { hint, line: 3 }),
    name: "InputError",
    guards: [isInputError],
  },
  { error: new UsageError("store/closed", "closed"), name: "UsageError", guards: [isUsageError] },
  {
    error: new HttpError(404, "request/not-found", "no such page", { hint }),
    name: "HttpError",
    guards: [isHttpError],
  },
  {
    error: new QueryError(400, { code: "sparql/syntax", message: "bad query" }),
    name: "QueryError",
    guards: [isQueryError],
  },
  {
    error: new SparqlSyntaxError("Parse error at 1:5"),
    name: "SparqlSyntaxError",
    guards: [isInputError, isSparqlSyntaxError],
  },
  { error: tooComplex() as VivantError, name: "QueryTooComplexError", guards: [isInputError, isQueryTooComplexError] },
  {
    error: new StorageError("store/no-space", "full", 507, { errno: "ENOSPC" }),
    name: "StorageError",
    guards: [isUsageError, isStorageError],
  },
  { error: new StoreBrokenError("unreachable"), name: "StoreBrokenError", guards: [isUsageError, isStoreBrokenError] },
  {
    error: new RemoteStoreError("store/unavailable", "down", 503),
    name: "RemoteStoreError",
    guards: [isUsageError, isRemoteStoreError],
  },
  {
    error: new DurableWriteError(
      "write",
      "/d/g",
      "/d/.g.tmp",
      Object.assign(new Error("disk full"), { code: "ENOSPC" }),
    ),
    name: "DurableWriteError",
    guards: [],
  },
];
const ALL_GUARDS = [
  isInputError,
  isUsageError,
  isHttpError,
  isQueryError,
  isSparqlSyntaxError,
  isQueryTooComplexError,
  isStorageError,
  isStoreBrokenError,
  isRemoteStoreError,
];

/** What a worker thread receives when an error's fields are posted: a plain object, no prototype. */
async function acrossThread(e: VivantError): Promise<unknown> {
  const { port1, port2 } = new MessageChannel();
  const received = new Promise<unknown>((resolve) => port2.once("message", resolve));
  port1.postMessage({ ...e });
  const m = await received;
  port1.close();
  return m;
}

describe("the error family", () => {
  it.each(cases)(
    "$name is a VivantError with its name, and only its own guards accept it",
    ({ error, name, guards }) => {
      expect(error).toBeInstanceOf(VivantError);
      expect(error.name).toBe(name);
      expect(isVivantError(error)).toBe(true);
      expect(isErrorNamed(error, name)).toBe(true);
      for (const g of ALL_GUARDS) expect(g(error), `${g.name}(${name})`).toBe(guards.includes(g));
    },
  );

  it.each(cases)(
    "the guards know a plain copy of $name (structured clone, worker thread) by its name",
    async ({ error, name, guards }) => {
      for (const copy of [
        structuredClone({ ...error }),
        await acrossThread(error),
        JSON.parse(JSON.stringify(error)) as unknown,
      ]) {
        expect(copy).not.toBeInstanceOf(Error);
        expect(isVivantError(copy)).toBe(true);
        expect(isErrorNamed(copy, name)).toBe(true);
        for (const g of ALL_GUARDS) expect(g(copy), `${g.name}(copy of ${name})`).toBe(guards.includes(g));
        // The copy has the fields, not the methods: messageOf reads it in each language.
        expect(messageOf(copy, "fr")).toBe(error.messageIn("fr"));
      }
    },
  );

  it("does not take a foreign object or a bare clone of an Error for a Vivant error", () => {
    expect(isVivantError({ name: "InputError", message: "x" })).toBe(false);
    expect(isVivantError({ name: "InputError", code: "rdf/syntax" })).toBe(false);
    expect(isVivantError({ name: "toString", code: "rdf/syntax", text: { en: "", fr: "" } })).toBe(false);
    expect(isInputError({ name: "UsageError", code: "store/closed", text: { en: "", fr: "" } })).toBe(false);
    expect(isVivantError(null)).toBe(false);
    expect(isVivantError(Object.assign(new Error("x"), { code: "store/closed" }))).toBe(false);
    // Node's structured clone of an Error keeps its message, not its class name or fields: post the fields instead.
    expect(isVivantError(structuredClone(new InputError("rdf/syntax", "bad")))).toBe(false);
  });

  it("keeps an HttpError's message its detail alone (the hint goes apart), and a durable write's code by errno", () => {
    const e = new HttpError(
      413,
      "request/too-large",
      { en: "too large", fr: "trop gros" },
      { hint, headers: { "Retry-After": "5" } },
    );
    expect(e.message).toBe("too large");
    expect(e.messageIn("fr")).toBe("trop gros (réessayez)");
    expect([e.status, e.code, e.hint, e.headers]).toEqual([
      413,
      "request/too-large",
      "try again",
      { "Retry-After": "5" },
    ]);
    const full = new DurableWriteError(
      "publish",
      "/d/g",
      "/d/.g",
      Object.assign(new Error("no space"), { code: "EDQUOT" }),
    );
    const io = new DurableWriteError("sync", "/d/g", "/d/.g", Object.assign(new Error("i/o"), { code: "EIO" }));
    expect([full.code, full.full, io.code, io.full, io.errno]).toEqual([
      "store/no-space",
      true,
      "store/io",
      false,
      "EIO",
    ]);
    expect(io.message).toBe("sync of /d/g failed: i/o");
  });
});

describe("asynchronous methods reject instead of throwing", () => {
  it("GraphStore.replaceGraph and deleteGraph reject on a bad IRI or licence, and on a closed store", async () => {
    const s = await GraphStore.open({});
    const calls = [
      () => s.replaceGraph("relative", [], { licence: "cc0-1.0" }),
      () => s.replaceGraph("https://a.example/graph", [], { licence: "" }),
      () => s.deleteGraph("relative"),
    ];
    for (const call of calls) {
      let p: Promise<unknown> | undefined;
      expect(() => (p = call())).not.toThrow();
      await expect(p).rejects.toSatisfy(isVivantError);
    }
    await s.close();
    let closed: Promise<unknown> | undefined;
    expect(() => (closed = s.replaceGraph("https://a.example/graph", [], { licence: "cc0-1.0" }))).not.toThrow();
    await expect(closed).rejects.toThrow(/closed/);
  });
});
