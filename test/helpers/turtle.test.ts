// The shared Turtle fixture is what its name says: it passes the core profile, and it is a graph of three
// named nodes (so a test that counts or changes it starts from a known state).
import { describe, expect, it } from "vitest";
import { validateText } from "../../src/validate/index.js";
import { CORE_VALID_TURTLE, THEATRE_X } from "./turtle.js";

describe("CORE_VALID_TURTLE", () => {
  it("passes the core profile (no violation)", async () => {
    const { report } = await validateText(CORE_VALID_TURTLE, "fixture.ttl", "core");
    expect(report.issues.filter((i) => i.severity === "violation").map((i) => i.code)).toEqual([]);
    expect(report.conforms).toBe(true);
  });

  it("describes the performance, production and venue under THEATRE_X", () => {
    for (const path of ["performance/p1", "production/berenice", "venue/main"])
      expect(CORE_VALID_TURTLE).toContain(`<${THEATRE_X}${path}> a schema:`);
  });
});
