import { describe, expect, it } from "vitest";
import { DataFactory } from "rdf-data-factory";
import { OWN_SUBJECT_CODE, ownershipIssues, ownSubjectIssues } from "../../src/ingest/ownership.js";
import { SCHEMA } from "../../src/vocab.js";

const f = new DataFactory();
const q = (s: string) => f.quad(f.namedNode(s), f.namedNode(`${SCHEMA}name`), f.literal("x"));

describe("ownSubjectIssues", () => {
  const graph = "https://data.example/graph";
  it("passes subjects under the graph's base, blank nodes, and registered namespaces", () => {
    const quads = [
      q("https://data.example/event/1"),
      f.quad(f.blankNode("b"), f.namedNode(`${SCHEMA}name`), f.literal("x")),
      q("urn:mine:2"),
    ];
    expect(ownSubjectIssues(quads, graph, ["urn:mine:"])).toEqual([]);
  });
  it("gives one violation per subject outside them, naming it and the graph", () => {
    const issues = ownSubjectIssues(
      [q("https://other.example/event/1"), q("https://other.example/event/1"), q("https://data.example.evil/x")],
      graph,
    );
    expect(issues.map((i) => [i.code, i.severity, i.focusNode])).toEqual([
      [OWN_SUBJECT_CODE, "violation", "https://other.example/event/1"],
      [OWN_SUBJECT_CODE, "violation", "https://data.example.evil/x"],
    ]);
    expect(issues[0]!.message.en).toContain(graph);
    expect(issues[0]!.message.en).toContain("https://data.example/");
    expect(issues[0]!.message.fr).toContain("<https://other.example/event/1>");
  });
  it("ownershipIssues lists every registered namespace in its message", () => {
    const [issue] = ownershipIssues(["https://x.example/a"], graph, ["urn:mine:"]);
    expect(issue).toMatchObject({ code: OWN_SUBJECT_CODE, focusNode: "https://x.example/a", severity: "violation" });
    expect(issue!.message.en).toContain("https://data.example/, urn:mine:");
    expect(ownershipIssues([], graph, [])).toEqual([]);
  });
});
