// The CapData Culture import (src/import/capdata.ts): the demo season goes records → schema.org graph → CapData
// RDF/XML (the export) → records, and the key facts come back equal: titles, start dates (the same instants, now in
// UTC with a Z), places and their addresses, participants with their functions, cancellation. A foreign file with
// an unknown property, a hostile or broken file, and the ledger's balance are checked too.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { capdataRdfXml, graphToCapData } from "../../src/export/capdata.js";
import { InputError } from "../../src/errors.js";
import { importCapData } from "../../src/import/capdata.js";
import { localIdOf } from "../../src/import/fromGraph.js";
import { mapRecords, parseRecords } from "../../src/mapping/index.js";
import type { AgentRef, RecordDocument, Role } from "../../src/records/types.js";
import { runCli } from "../helpers/cli.js";

const demo = JSON.parse(
  readFileSync(new URL("../../fixtures/demo-season.json", import.meta.url), "utf8"),
) as RecordDocument;
const BASE = "https://data.reseau-scenes.example/";
const NS = "https://vivant.dev/ns/capdata-provisional#";

function roundTrip(): { doc: RecordDocument; result: ReturnType<typeof importCapData> } {
  const mapped = mapRecords(demo, { origins: false });
  const text = capdataRdfXml(graphToCapData(mapped.quads, { graphIri: mapped.graphIri }));
  return {
    doc: parseRecords(demo).document!,
    result: importCapData(text, { publisher: { id: "retour" }, country: "FR" }),
  };
}

/** The imported id of an original record: its IRI without the scheme. */
const idOf = (kind: string, id: string): string =>
  localIdOf({ termType: "NamedNode", value: `${BASE}${kind}/${id}` } as never);
const instant = (d: string): number => Date.parse(d);

describe("CapData import: the demo season's export comes back", () => {
  const { doc, result } = roundTrip();
  const back = result.document;
  const people = new Map([
    ...(doc.people ?? []).map((p) => [idOf("person", p.id), p.name] as const),
    ...(doc.organizations ?? []).map(
      (o) => [idOf("organization", o.id), o.name.fr ?? Object.values(o.name)[0]!] as const,
    ),
  ]);
  const nameOf = (a: AgentRef, ids: (kind: string, id: string) => string = (_, id) => id): string | undefined =>
    a.person !== undefined
      ? people.get(ids("person", a.person))
      : a.organization !== undefined
        ? people.get(ids("organization", a.organization))
        : a.name;
  const orig = (a: AgentRef): string | undefined => nameOf(a, idOf);
  const roleKey =
    (ids: (kind: string, id: string) => string) =>
    (r: Role): string =>
      `${nameOf(r, ids)}: ${r.roleName?.fr ?? ""}`;

  it("is a valid record document with every performance, production, venue, work and season", () => {
    const parsed = parseRecords(back);
    expect(parsed.problems.filter((p) => p.severity === "violation")).toEqual([]);
    // Online performances have no place in the model (no attendance mode, no virtual location): rejected, each said.
    const online = doc
      .performances!.filter((p) => p.attendanceMode === "online")
      .map((p) => idOf("performance", p.id))
      .sort();
    expect(online.length).toBeGreaterThan(0);
    expect(result.rejected.map((r) => r.recordId).sort()).toEqual(online);
    expect(result.problems.filter((p) => p.code === "capdata/event-without-place").length).toBe(online.length);
    expect(back.performances).toHaveLength(doc.performances!.length - online.length);
    expect(back.productions).toHaveLength(doc.productions!.length);
    expect(back.works).toHaveLength(doc.works!.length);
    expect(back.venues).toHaveLength(doc.venues!.length);
    expect(back.series).toHaveLength(doc.series!.filter((s) => s.kind !== "festival").length);
    expect(result.ledger.unbalanced()).toEqual([]);
  });

  it("gives each performance its title, start instant in UTC with a Z, venue and cancellation", () => {
    const byId = new Map(back.performances!.map((p) => [p.id, p]));
    const productionName = new Map(doc.productions!.map((p) => [p.id, p.name]));
    for (const p of doc.performances!.filter((x) => x.attendanceMode !== "online")) {
      const b = byId.get(idOf("performance", p.id))!;
      expect(b, p.id).toBeDefined();
      expect(b.name?.fr, p.id).toBe((p.name ?? productionName.get(p.production))!.fr);
      expect(b.production).toBe(idOf("production", p.production));
      expect(b.startDate).toMatch(/Z$/);
      expect(instant(b.startDate), p.id).toBe(
        instant(parseRecords({ ...demo, performances: [p] }).document!.performances![0]!.startDate),
      );
      expect(b.status?.kind === "cancelled", p.id).toBe(p.status?.kind === "cancelled");
      if (p.venue !== undefined) expect(b.venue, p.id).toBe(idOf("venue", p.venue));
      expect((b.performers ?? []).map(roleKey((_, id) => id)).sort(), p.id).toEqual(
        (p.performers ?? []).map(roleKey(idOf)).sort(),
      );
    }
    expect(back.performances!.filter((p) => p.status?.kind === "cancelled").length).toBe(
      doc.performances!.filter((p) => p.status?.kind === "cancelled" && p.attendanceMode !== "online").length,
    );
    expect(back.performances!.some((p) => p.status?.kind === "cancelled")).toBe(true);
  });

  it("gives each venue its name and address, each production its cast, directors and producers, each work its authors", () => {
    for (const v of doc.venues!) {
      const b = back.venues!.find((x) => x.id === idOf("venue", v.id))!;
      expect(b.name?.fr).toBe(v.name?.fr);
      expect(b.address?.addressLocality).toBe(v.address?.addressLocality);
      expect(b.address?.postalCode).toBe(v.address?.postalCode);
      expect(b.address?.streetAddress).toBe(v.address?.streetAddress);
    }
    for (const p of doc.productions!) {
      const b = back.productions!.find((x) => x.id === idOf("production", p.id))!;
      expect(b.name.fr, p.id).toBe(p.name.fr);
      expect((b.cast ?? []).map(roleKey((_, id) => id)).sort(), p.id).toEqual((p.cast ?? []).map(roleKey(idOf)).sort());
      expect((b.directors ?? []).map((a) => nameOf(a)).sort(), p.id).toEqual((p.directors ?? []).map(orig).sort());
      expect((b.producers ?? []).map((a) => nameOf(a)).sort(), p.id).toEqual((p.producers ?? []).map(orig).sort());
      expect(b.works ?? [], p.id).toEqual((p.works ?? []).map((w) => idOf("work", w)).sort());
    }
    for (const w of doc.works!) {
      const b = back.works!.find((x) => x.id === idOf("work", w.id))!;
      expect(b.name.fr).toBe(w.name.fr);
      expect((b.composers ?? []).map((a) => nameOf(a)).sort()).toEqual((w.composers ?? []).map(orig).sort());
      expect((b.librettists ?? []).map((a) => nameOf(a)).sort()).toEqual((w.librettists ?? []).map(orig).sort());
      expect((b.authors ?? []).map((a) => nameOf(a)).sort()).toEqual((w.authors ?? []).map(orig).sort());
    }
  });

  it("keeps an address as one text when no --country is given: no country is guessed", () => {
    const mapped = mapRecords(demo, { origins: false });
    const text = capdataRdfXml(graphToCapData(mapped.quads, { graphIri: mapped.graphIri }));
    const r = importCapData(text, { publisher: { id: "retour" } });
    const v = r.document.venues!.find((x) => x.id === idOf("venue", "grand-quai-nantes"))!;
    expect(v.address).toBeUndefined();
    expect(v.addressText).toBe("12 quai de la Fosse, 44000 Nantes");
  });
});

describe("CapData import: foreign and broken files", () => {
  const file = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cd="${NS}" xmlns:x="https://other.example/">
${body}
</rdf:RDF>`;

  it("reads a house's own export: typed nodes, an unknown property in the ledger, an event without production rejected", () => {
    const r = importCapData(
      file(`
  <cd:ProductionPrimaire rdf:about="https://opera.example/node/1"><cd:titre xml:lang="fr">Carmen &amp; Cie &lt;3</cd:titre><x:prix>30</x:prix></cd:ProductionPrimaire>
  <cd:Lieu rdf:about="https://opera.example/node/2"><cd:nom>Grand Théâtre</cd:nom></cd:Lieu>
  <cd:Evenement rdf:about="https://opera.example/node/3"><cd:titre>Carmen</cd:titre><cd:dateDebut>2026-11-20T19:00:00Z</cd:dateDebut>
    <cd:annulation>true</cd:annulation><cd:aPourProduction rdf:resource="https://opera.example/node/1"/><cd:aPourLieu rdf:resource="https://opera.example/node/2"/></cd:Evenement>
  <cd:Evenement rdf:about="https://opera.example/node/4"><cd:titre>Orpheline</cd:titre><cd:dateDebut>2026-11-21T19:00:00Z</cd:dateDebut></cd:Evenement>`),
      { publisher: { id: "opera" } },
    );
    expect(r.document.productions![0]!.name).toEqual({ fr: "Carmen & Cie <3" });
    expect(r.document.performances).toEqual([
      {
        id: "opera.example/node/3",
        production: "opera.example/node/1",
        name: { fr: "Carmen" },
        startDate: "2026-11-20T19:00:00Z",
        venue: "opera.example/node/2",
        status: { kind: "cancelled" },
      },
    ]);
    expect(r.rejected.map((x) => x.recordId)).toEqual(["opera.example/node/4"]);
    expect(r.problems.some((p) => p.code === "capdata/event-without-production")).toBe(true);
    const prix = r.ledger.rows().find((x) => x.property === "https://other.example/prix")!;
    expect(prix.notCarried).toBe(1);
    expect(r.ledger.unbalanced()).toEqual([]);
  });

  it("refuses a file that is not RDF/XML, or too large, with a clear error; warns when no entity is under the namespace", () => {
    expect(() => importCapData("<rdf:RDF", { publisher: { id: "x" } })).toThrow(InputError);
    expect(() => importCapData('{"@context": {}}', { publisher: { id: "x" } })).toThrow(/RDF\/XML/);
    expect(() => importCapData(file(""), { publisher: { id: "x" }, maxBytes: 10 })).toThrow(/bytes/);
    const other = importCapData(file(`<cd:Lieu rdf:about="https://x.example/1"><cd:nom>L</cd:nom></cd:Lieu>`), {
      publisher: { id: "x" },
      namespace: "https://real.example/capdata#",
    });
    expect(other.problems.map((p) => p.code)).toContain("capdata/no-entities");
    expect(other.document.venues).toEqual([]);
  });

  it("stops at maxTriples with a warning; refuses nested, external and oversized XML entities (a billion laughs)", () => {
    const many = file(
      Array.from(
        { length: 50 },
        (_, i) => `<cd:Lieu rdf:about="https://x.example/${i}"><cd:nom>L${i}</cd:nom></cd:Lieu>`,
      ).join("\n"),
    );
    const r = importCapData(many, { publisher: { id: "x" }, maxTriples: 20 });
    expect(r.problems.map((p) => p.code)).toContain("capdata/truncated");
    expect(r.document.venues!.length).toBeLessThanOrEqual(10);
    const laughs = `<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cd="${NS}"><cd:Lieu rdf:about="https://x.example/1"><cd:nom>&h;</cd:nom></cd:Lieu></rdf:RDF>`;
    expect(() => importCapData(laughs, { publisher: { id: "x" } })).toThrow(/refers to another/);
    const external = laughs.replace(
      /<!DOCTYPE[\s\S]*?\]>/,
      '<!DOCTYPE rdf:RDF [<!ENTITY h SYSTEM "file:///etc/passwd">]>',
    );
    expect(() => importCapData(external, { publisher: { id: "x" } })).toThrow(/external entity/);
    const wide = laughs
      .replace(/<!DOCTYPE[\s\S]*?\]>/, `<!DOCTYPE rdf:RDF [<!ENTITY h "${"a".repeat(1000)}">]>`)
      .replace("&h;", "&h;".repeat(100));
    expect(() => importCapData(wide, { publisher: { id: "x" }, maxBytes: 50_000 })).toThrow(/expand past/);
    // Namespace abbreviations, the usual use of entities in RDF/XML, are read.
    const abbreviated = `<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY cd "${NS}">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="https://x.example/1"><rdf:type rdf:resource="&cd;Lieu"/><nom xmlns="&cd;">L</nom></rdf:Description></rdf:RDF>`;
    expect(importCapData(abbreviated, { publisher: { id: "x" } }).document.venues).toEqual([
      { id: "x.example/1", name: { fr: "L" } },
    ]);
  });
});

describe("vivant import capdata", () => {
  it("writes the records of an export, and refuses a broken file in the reader's language", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vivant-capdata-import-"));
    try {
      const mapped = mapRecords(demo, { origins: false });
      writeFileSync(
        join(dir, "capdata-export.rdf"),
        capdataRdfXml(graphToCapData(mapped.quads, { graphIri: mapped.graphIri })),
      );
      const r = await runCli(
        ["import", "capdata", "capdata-export.rdf", "--publisher", "opera", "--country", "FR", "-o", "out.json"],
        dir,
      );
      expect(r.code, r.stderr).toBe(1); // the online performances are rejected, each listed
      expect(r.stderr).toContain("capdata/event-without-place");
      const doc = JSON.parse(readFileSync(join(dir, "out.json"), "utf8")) as RecordDocument;
      expect(doc.publisher.id).toBe("opera");
      expect(doc.venues!.find((v) => v.name?.fr === "Théâtre de la Vilaine")!.address).toMatchObject({
        addressLocality: "Rennes",
        addressCountry: "FR",
      });
      writeFileSync(join(dir, "broken.rdf"), "<rdf:RDF xmlns:rdf=");
      const bad = await runCli(["import", "capdata", "broken.rdf", "--publisher", "opera", "--lang", "fr"], dir);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("erreur de syntaxe");
      const country = await runCli(
        ["import", "capdata", "capdata-export.rdf", "--publisher", "opera", "--country", "France"],
        dir,
      );
      expect(country.code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
