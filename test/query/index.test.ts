// The query area's entry point gives each name from its one home.

import { describe, expect, it } from "vitest";
import * as entry from "../../src/query/index.js";
import * as filter from "../../src/query/filter.js";
import * as performances from "../../src/query/performances.js";
import * as aggregates from "../../src/query/aggregates.js";
import * as perfIndex from "../../src/query/perf-index.js";

describe("src/query/index.ts", () => {
  it("re-exports the typed queries from their modules, the same objects", () => {
    expect(entry.filterBlock).toBe(filter.filterBlock);
    expect(entry.findPerformances).toBe(performances.findPerformances);
    expect(entry.decodeCursor).toBe(performances.decodeCursor);
    expect(entry.JSONLD_CONTEXT).toBe(performances.JSONLD_CONTEXT);
    expect(entry.observatory).toBe(aggregates.observatory);
    expect(entry.FACETS).toBe(aggregates.FACETS);
    expect(entry.PerformanceIndex).toBe(perfIndex.PerformanceIndex);
  });
  it("exports exactly the runtime names it lists", () => {
    expect(Object.keys(entry).sort()).toEqual(
      [
        "filterBlock",
        "findPerformances",
        "performancesQuery",
        "describePerformances",
        "describeQuery",
        "pageToJsonLd",
        "JSONLD_CONTEXT",
        "encodeCursor",
        "decodeCursor",
        "performanceFacets",
        "performanceFacetsByGraph",
        "facetQuery",
        "facetQueryByGraph",
        "observatory",
        "aggregateQuery",
        "FACETS",
        "DISCIPLINES",
        "PerformanceIndex",
      ].sort(),
    );
    for (const [name, value] of Object.entries(entry)) expect(value, name).toBeDefined();
  });
});
