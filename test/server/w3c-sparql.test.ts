// The W3C SPARQL 1.1 query-evaluation tests (the 232 QueryEvaluationTest entries of manifest-sparql11-query.ttl
// and manifest-sparql11-results.ttl), run against the HTTP endpoint by test/helpers/w3c-sparql.ts: each test's
// dataset is loaded into the server, its query is sent over the SPARQL Protocol, and the answer is compared with
// the expected one by value and by strict term equality. Prints both counts and names every failure of each; the
// failures and the value-only passes must be exactly those listed in test/helpers/w3c-sparql-expected.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VivantServer } from "../../src/server/index.js";
import { CORPUS, present, runW3cSuite, type W3cTarget } from "../helpers/w3c-sparql.js";
import { EMBEDDED_FAILURES, EMBEDDED_VALUE_ONLY } from "../helpers/w3c-sparql-expected.js";

if (!present) console.log(`W3C SPARQL 1.1 query evaluation: skipped, ${CORPUS} not found`);
let target: W3cTarget;

describe.skipIf(!present)("W3C SPARQL 1.1 query evaluation over the HTTP endpoint", () => {
  beforeAll(async () => {
    target = { server: await VivantServer.start({ port: 0, workers: 1, queryTimeoutMs: 20_000 }), loaded: new Set() };
  });
  afterAll(() => target?.server.close());

  it("fails exactly the listed tests, and passes the listed ones by value only", async () => {
    const only = process.env.VIVANT_W3C_ONLY ? new RegExp(process.env.VIVANT_W3C_ONLY) : undefined;
    const run = await runW3cSuite(target, "W3C SPARQL 1.1 query evaluation", only);
    if (only) return;
    expect(run.total).toBe(232);
    // A listed test that passes now, or an unlisted one that fails: update test/helpers/w3c-sparql-expected.ts and the README.
    expect(run.failed).toEqual(Object.keys(EMBEDDED_FAILURES).sort());
    expect(run.valueOnly).toEqual([...EMBEDDED_VALUE_ONLY].sort());
    expect(run.strict + run.valueOnly.length).toBe(run.passed);
  }, 900_000);
});
