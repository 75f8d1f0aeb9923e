// The W3C SPARQL 1.1 query-evaluation tests (the 232 QueryEvaluationTest entries of manifest-sparql11-query.ttl
// and manifest-sparql11-results.ttl), run against the HTTP endpoint by test/helpers/w3c-sparql.ts: each test's
// dataset is loaded into the server, its query is sent over the SPARQL Protocol, and the answer is compared with
// the expected one by value and by strict term equality. Prints both counts and names every failure of each.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VivantServer } from "../../src/server/index.js";
import {
  BASE,
  CORPUS,
  present,
  readManifest,
  runW3cTest,
  STRICT_FLOOR,
  type W3cTarget,
} from "../helpers/w3c-sparql.js";

if (!present) console.log(`W3C SPARQL 1.1 query evaluation: skipped, ${CORPUS} not found`);
let target: W3cTarget;

describe.skipIf(!present)("W3C SPARQL 1.1 query evaluation over the HTTP endpoint", () => {
  beforeAll(async () => {
    target = { server: await VivantServer.start({ port: 0, workers: 1, queryTimeoutMs: 20_000 }), loaded: new Set() };
  });
  afterAll(() => target?.server.close());

  it("passes at least 95 % of the 232 query-evaluation tests", async () => {
    const tests = [
      ...readManifest(`${BASE}manifest-sparql11-query.ttl`),
      ...readManifest(`${BASE}manifest-sparql11-results.ttl`),
    ];
    const failures: string[] = [];
    const valueOnly: string[] = [];
    const skips: string[] = [];
    let passed = 0;
    let strict = 0;
    const only = process.env.VIVANT_W3C_ONLY ? new RegExp(process.env.VIVANT_W3C_ONLY) : undefined;
    for (const t of tests) {
      if (only && !only.test(t.uri)) continue;
      try {
        const outcome = await runW3cTest(target, t, only);
        passed++;
        if (outcome === "strict") strict++;
        else valueOnly.push(`${t.name} <${t.uri.replace(BASE, "")}>`);
      } catch (e) {
        failures.push(
          `${t.name} <${t.uri.replace(BASE, "")}>: ${only ? (e as Error).message : (e as Error).message.split("\n")[0]!.slice(0, 240)}`,
        );
      }
    }
    const lines = [
      `W3C SPARQL 1.1 query evaluation: ${passed}/${tests.length} passed by value (${failures.length} failed, ${skips.length} skipped); ${strict}/${tests.length} by strict term equality`,
    ];
    for (const f of failures) lines.push(`  FAIL ${f}`);
    for (const v of valueOnly) lines.push(`  VALUE-ONLY (equal by value, not term for term) ${v}`);
    for (const s of skips) lines.push(`  SKIP ${s}`);
    console.log(lines.join("\n"));
    if (only) return;
    expect(tests.length).toBe(232);
    expect(passed / tests.length).toBeGreaterThanOrEqual(0.95);
    expect(strict + valueOnly.length).toBe(passed);
    expect(strict / tests.length).toBeGreaterThanOrEqual(STRICT_FLOOR);
  }, 900_000);
});
