// Type-level tests of the package's public types (the root, src/index.ts, and its entry points, src/api/*.ts): what
// compiles and what must not. `tsc --noEmit` (the first step of `npm test`) checks them: an `expectTypeOf` that no
// longer holds, or a `@ts-expect-error` line that compiles, is a type error; vitest runs the file too, where the same
// calls are no-ops. test/api-types-check.test.ts shows that breaking a public type makes this file fail to compile.

import { describe, expectTypeOf, it } from "vitest";
import {
  findPerformances,
  GraphStore,
  isErrorNamed,
  isInputError,
  isProblemCode,
  isStorageError,
  isVivantError,
  mapRecords,
  PROBLEM_CODES,
  StorageError,
  validateRecords,
  VivantError,
  VivantServer,
  type GraphInfo,
  type MapResult,
  type PerformancePage,
  type Problem,
  type ProblemCode,
  type ProfileName,
  type ServerOptions,
  type ValidationReport,
  type VivantErrorName,
  type ErrorCopy,
} from "../src/index.js";
import { HttpError, isHttpError, QueryError } from "../src/api/server.js";
import { InputError } from "../src/errors.js";
import { QueryTooComplexError, RemoteStoreError, SparqlSyntaxError } from "../src/api/store.js";
import type { ShapeCode } from "../src/api/validate.js";

describe("problem codes", () => {
  it("are one closed union: a listed code compiles, a misspelt one does not", () => {
    const ok: ProblemCode = "record/invalid-date";
    const fromJsonLd: ProblemCode = "jsonld/loading-document-failed";
    // @ts-expect-error not a code Vivant emits (invalid-dates)
    const typo: ProblemCode = "record/invalid-dates";
    // @ts-expect-error a code is not any string
    const anyString: ProblemCode = String(ok);
    void [ok, fromJsonLd, typo, anyString];
    expectTypeOf<Problem["code"]>().toEqualTypeOf<ProblemCode>();
    expectTypeOf<VivantError["code"]>().toEqualTypeOf<ProblemCode>();
    expectTypeOf<keyof typeof PROBLEM_CODES>().toExtend<ProblemCode>();
    expectTypeOf<"core/offer-currency-required">().toExtend<ShapeCode>();
  });

  it("narrow an unknown value with isProblemCode", () => {
    const v: unknown = JSON.parse('"store/closed"');
    if (isProblemCode(v)) expectTypeOf(v).toEqualTypeOf<ProblemCode>();
    expectTypeOf(isProblemCode).parameter(0).toEqualTypeOf<unknown>();
  });

  it("are required when an error is made", () => {
    // @ts-expect-error not a code
    const bad = new InputError("input/oops", "message");
    void bad;
  });
});

describe("the error family", () => {
  it("has every class under VivantError, each with its name", () => {
    expectTypeOf<HttpError>().toExtend<VivantError>();
    expectTypeOf<QueryError>().toExtend<VivantError>();
    expectTypeOf<StorageError>().toExtend<VivantError>();
    expectTypeOf<SparqlSyntaxError>().toExtend<InputError>();
    expectTypeOf<QueryTooComplexError>().toExtend<InputError>();
    expectTypeOf<RemoteStoreError>().toExtend<VivantError>();
    expectTypeOf<VivantError["name"]>().toEqualTypeOf<VivantErrorName>();
    expectTypeOf<"StorageError">().toExtend<VivantErrorName>();
    // @ts-expect-error not a class of the family
    const unknownName: VivantErrorName = "TypeError";
    void unknownName;
  });

  it("has guards that narrow unknown values", () => {
    const e: unknown = undefined;
    if (isVivantError(e)) expectTypeOf(e).toEqualTypeOf<ErrorCopy<VivantError>>();
    if (isInputError(e)) expectTypeOf(e).toEqualTypeOf<ErrorCopy<InputError>>();
    if (isStorageError(e)) expectTypeOf(e.status).toEqualTypeOf<number>();
    if (isHttpError(e)) expectTypeOf(e.headers).toEqualTypeOf<Readonly<Record<string, string>>>();
    expectTypeOf(isErrorNamed).parameter(1).toEqualTypeOf<VivantErrorName>();
    expectTypeOf(isErrorNamed).returns.toEqualTypeOf<boolean>();
  });
});

describe("the main calls", () => {
  it("map, validate, store and query with the documented types", () => {
    expectTypeOf(mapRecords).returns.toEqualTypeOf<MapResult>();
    expectTypeOf(validateRecords).parameter(1).toEqualTypeOf<ProfileName>();
    expectTypeOf(validateRecords).returns.resolves.toHaveProperty("report").toEqualTypeOf<ValidationReport>();
    expectTypeOf<ValidationReport["profile"]>().toEqualTypeOf<ProfileName>();
    expectTypeOf<GraphStore["replaceGraph"]>().returns.toEqualTypeOf<Promise<GraphInfo>>();
    expectTypeOf(findPerformances).returns.toEqualTypeOf<Promise<PerformancePage>>();
    expectTypeOf(VivantServer.start).returns.toEqualTypeOf<Promise<VivantServer>>();
    // Never called: only compiled.
    // @ts-expect-error not a profile
    const wrongProfile = (): unknown => validateRecords({}, "schema");
    void wrongProfile;
  });

  it("take options as documented, and refuse unknown ones", () => {
    const options: ServerOptions = { port: 0, workers: 1 };
    // @ts-expect-error the port is a number
    const badPort: ServerOptions = { port: "8080" };
    void [options, badPort];
    expectTypeOf<ServerOptions>().toHaveProperty("dataDir");
  });
});
