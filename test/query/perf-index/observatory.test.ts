import { describe, expect, it } from "vitest";
import { ObservatoryTally } from "../../../src/query/perf-index/observatory.js";
import { ADR } from "../../../src/vocab.js";
import { entry, place } from "./helpers.js";

const places = new Map([
  ["v:nantes", place({ regions: ["Pays de la Loire", "Other"] })],
  ["v:lyon", place({ regions: ["Auvergne-Rhône-Alpes"] })],
  ["v:none", place()],
]);

describe("ObservatoryTally", () => {
  it("gives empty groupings when nothing was added", () => {
    expect(new ObservatoryTally(places).result()).toEqual({ byMonth: [], byRegion: [], byDiscipline: [], cube: [] });
  });
  it("counts performances per month, first region and discipline (genres folded to their K6 family)", () => {
    const tally = new ObservatoryTally(places);
    tally.add(entry("e:1", "2026-03-10T20:00:00Z", { venues: ["v:nantes"], genres: [`${ADR}K6-101`, `${ADR}K6-102`] }));
    tally.add(entry("e:2", "2026-03-11T20:00:00Z", { venues: ["v:lyon"], genres: [`${ADR}K6-201`, `${ADR}K6-105`] }));
    tally.add(entry("e:3", "2026-04-01T20:00:00Z", { venues: ["v:none", "v:lyon"], genres: ["g:other"] }));
    const r = tally.result();
    expect(r.byMonth).toEqual([
      { performances: 2, month: "2026-03" },
      { performances: 1, month: "2026-04" },
    ]);
    expect(r.byRegion).toEqual([
      { performances: 2, region: "Auvergne-Rhône-Alpes" },
      { performances: 1, region: "Pays de la Loire" },
    ]);
    expect(r.byDiscipline).toEqual([
      { performances: 1 },
      { performances: 2, discipline: "theatre" },
      { performances: 1, discipline: "dance" },
    ]);
    expect(r.cube).toEqual([
      { performances: 1, month: "2026-03", region: "Auvergne-Rhône-Alpes", discipline: "theatre" },
      { performances: 1, month: "2026-03", region: "Auvergne-Rhône-Alpes", discipline: "dance" },
      { performances: 1, month: "2026-03", region: "Pays de la Loire", discipline: "theatre" },
      { performances: 1, month: "2026-04", region: "Auvergne-Rhône-Alpes" },
    ]);
  });
  it("takes the first region of the first place that names one", () => {
    const tally = new ObservatoryTally(places);
    tally.add(entry("e:1", "2026-05-01T20:00:00Z", { venues: ["v:none", "v:lyon", "v:nantes"] }));
    expect(tally.result().byRegion).toEqual([{ performances: 1, region: "Auvergne-Rhône-Alpes" }]);
  });
  it("leaves out the region of a performance whose places name none, and keeps an unknown K6 family's IRI", () => {
    const tally = new ObservatoryTally(places);
    tally.add(entry("e:1", "2026-05-01T20:00:00Z", { venues: ["v:none"], genres: [`${ADR}K6-801`] }));
    const r = tally.result();
    expect(r.byRegion).toEqual([{ performances: 1 }]);
    expect(r.byDiscipline).toEqual([{ performances: 1, discipline: `${ADR}K6-800` }]);
  });
});
