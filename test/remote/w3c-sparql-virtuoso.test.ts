// The W3C SPARQL 1.1 query-evaluation suite (the 232 tests of test/server/w3c-sparql.test.ts, the same runner
// test/helpers/w3c-sparql.ts) through Vivant's endpoint on Virtuoso (`--store`): each difference from the embedded
// failure is listed in test/helpers/w3c-sparql-expected.ts with its reason (Virtuoso's own SPARQL deviations), and
// those the embedded store does not share are named in the README; the run fails when a listed one is gone or an
// unlisted one appears.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { VivantServer } from "../../src/server/index.js";
import { CORPUS, present, runW3cSuite, type W3cTarget } from "../helpers/w3c-sparql.js";
import { EMBEDDED_FAILURES, VIRTUOSO_FAILURES, VIRTUOSO_VALUE_ONLY } from "../helpers/w3c-sparql-expected.js";
import { requireVirtuoso, useVirtuoso } from "../helpers/virtuoso.js";

const virtuosoOk = requireVirtuoso("test/remote/w3c-sparql-virtuoso.test.ts");
const virtuoso = useVirtuoso();
if (!present) console.log(`W3C SPARQL 1.1 query evaluation on Virtuoso: skipped, ${CORPUS} not found`);
let target: W3cTarget;
const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

describe.runIf(present && virtuosoOk)("W3C SPARQL 1.1 query evaluation through Vivant on Virtuoso", () => {
  beforeAll(async () => {
    target = {
      server: await VivantServer.start({ port: 0, store: virtuoso.get().endpoint, queryTimeoutMs: 20_000 }),
      loaded: new Set(),
    };
  }, 120_000);
  afterAll(() => target?.server.close());

  it("fails exactly the tests listed for Virtuoso, each named in the README unless the embedded store fails it too", async () => {
    const run = await runW3cSuite(target, "W3C SPARQL 1.1 query evaluation on Virtuoso");
    expect(run.total).toBe(232);
    // A listed test that passes now, or an unlisted one that fails: update test/helpers/w3c-sparql-expected.ts and the README.
    expect(run.failed).toEqual(Object.keys(VIRTUOSO_FAILURES).sort());
    expect(run.valueOnly).toEqual([...VIRTUOSO_VALUE_ONLY].sort());
    // Each failure that the embedded store does not share is named in the README (by its local name).
    for (const k of Object.keys(VIRTUOSO_FAILURES))
      if (!(k in EMBEDDED_FAILURES)) expect(README, k).toContain(`\`${k.replace(/^.*#/, "")}\``);
  }, 1_500_000);
});
