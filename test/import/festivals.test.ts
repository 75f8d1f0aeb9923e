// The festivals CSV: a small in-test sample with each kind of dirt, then the whole 7,283-row file.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importFestivals, normalizeHeader } from "../../src/import/festivals.js";
import { parse } from "csv-parse/sync";
import { parseRecords } from "../../src/mapping/index.js";
import { CORPORA, HAS_CORPORA, fixtureText, warnIfNoCorpora } from "./helpers.js";

const HEADER =
  "Nom du festival;Envergure territoriale;Région principale de déroulement;Département principal de déroulement;Commune principale de déroulement;Code postal (de la commune principale de déroulement);Code Insee commune;Code Insee EPCI;Libellé EPCI;Numéro de voie;Type de voie (rue, Avenue, boulevard, etc.);Nom de la voie;Adresse postale;Complément d'adresse (facultatif);Site internet du festival;Adresse e-mail;Décennie de création du festival;Année de création du festival;Discipline dominante;Sous-catégorie spectacle vivant;Sous-catégorie musique;Sous-catégorie Musique CNM;Sous-catégorie cinéma et audiovisuel;Sous-catégorie arts visuels et arts numériques;Sous-catégorie livre et littérature;Période principale de déroulement du festival;Identifiant Agence A;Identifiant;Géocodage xy;identifiant CNM";
// Invented rows in the ministry's layout (not copied from the dataset).
const ROWS = [
  "Festival des Essais;;Hauts-de-France;Aisne;Laon;2000;2408;;;;;;#NOM?;;www.essais.example;;;01/01/2016 00:00;Spectacle vivant;Théâtre;;;;;;Saison (21 juin - 5 septembre);;FEST_02408_1;49.5639, 3.6244;",
  "Nuits d'ici;;Bretagne;Finistère;Brest;29200;29019;;;;;;2 rue de Siam;;https://www.google.com/url?q=https%3A%2F%2Fnuits.example%2F&sa=D;;;2012;Musique;;Jazz, blues;;;;;Après-saison (6 septembre - 31 décembre);;FEST__9;48.39, -4.49;",
  "Océan en scène;;Polynésie;;Papeete;98713;98735;;;;;;;;/;;;;Spectacle vivant;Danse;;;;;;;;FEST__9;;",
  ";;Bretagne;Finistère;Quimper;29000;29232;;;;;;;;;;;;Musique;;;;;;;;;FEST_29232_3;;",
];
const SAMPLE = `\uFEFF\uFEFF${HEADER}\r\n${ROWS.join("\r\n")}\r\n`;

describe("importFestivals on a sample with the dataset's dirt", () => {
  const r = importFestivals(SAMPLE);
  it("repairs and counts: double BOM, lost zero, #NOM?, day/month/year year, bare and redirected addresses, shared ids", () => {
    expect(r.fixes.toJSON()).toEqual({
      "byte-order-mark": 2,
      "id-disambiguated": 2,
      "postcode-leading-zero": 1,
      "spreadsheet-error-cell": 1,
      "date-day-month-year": 1,
      "url-scheme-added": 1,
      "url-redirect-unwrapped": 1,
    });
    const essais = r.document.series!.find((s) => s.id === "FEST_02408_1")!;
    expect(essais).toMatchObject({
      kind: "festival",
      name: { fr: "Festival des Essais" },
      url: "http://www.essais.example/",
    });
    expect(essais.description!.fr).toContain("Créé en 2016.");
    const lieu = r.document.venues!.find((v) => v.id === essais.venue)!;
    expect(lieu).toMatchObject({
      address: { postalCode: "02000", addressLocality: "Laon", addressCountry: "FR" },
      geo: { latitude: 49.5639, longitude: 3.6244 },
      timeZone: "Europe/Paris",
    });
    expect(lieu.address!.streetAddress).toBeUndefined();
    expect(r.document.series!.find((s) => s.name.fr === "Nuits d'ici")!.url).toBe("https://nuits.example/");
  });
  it("rejects the nameless row with its reason and keeps the others", () => {
    expect(r.rejected).toEqual([expect.objectContaining({ path: "$[5]" })]);
    expect(r.problems.filter((p) => p.severity === "violation").map((p) => p.code)).toEqual(["festivals/missing-name"]);
    expect(r.problems.find((p) => p.code === "festivals/invalid-url")?.value).toBe("/");
    expect(r.document.series).toHaveLength(3);
    expect(parseRecords(r.document).problems.filter((p) => p.severity === "violation")).toEqual([]);
  });
});

describe.skipIf(!HAS_CORPORA)("importFestivals on the ministry's 7,283 festivals", () => {
  warnIfNoCorpora("the French festivals CSV (fr-festivals-culture-gouv)");
  it("reads every row, gives most festivals coordinates and the parser accepts them all", () => {
    const r = importFestivals(
      readFileSync(`${CORPORA}fr-festivals-culture-gouv/festivals-global-festivals-_-pl.csv`, "utf8"),
    );
    expect(r.read).toBe(7283);
    expect(r.document.series!.length + r.rejected.length).toBe(7283);
    expect(r.document.venues!.filter((v) => v.geo).length).toBeGreaterThan(7200);
    expect(r.fixes.count("byte-order-mark")).toBe(2);
    expect(r.fixes.count("postcode-leading-zero")).toBeGreaterThan(500);
    expect(r.fixes.count("spreadsheet-error-cell")).toBeGreaterThan(0);
    expect(r.fixes.count("date-day-month-year")).toBe(223);
    expect(new Set(r.document.series!.map((s) => s.id)).size).toBe(r.document.series!.length);
    const parsed = parseRecords(r.document);
    expect(parsed.problems.filter((p) => p.severity === "violation")).toEqual([]);
  });
});

describe("importFestivals: the Ministry's other exports (headers by normalised name and alias)", () => {
  it("normalises case, accents, spaces, underscores and punctuation", () => {
    expect(normalizeHeader("Code postal (de la commune principale de déroulement)")).toBe(
      normalizeHeader("code_postal_de_la_commune_principale_de_deroulement"),
    );
    expect(normalizeHeader("Complément d'adresse (facultatif)")).toBe(
      normalizeHeader("COMPLEMENT_D_ADRESSE_FACULTATIF"),
    );
    expect(normalizeHeader("Type de voie (rue, Avenue, boulevard, etc.)")).toBe(
      normalizeHeader("type_de_voie_rue_avenue_boulevard_etc"),
    );
  });
  it("reads the field-name export (`,` separator, snake_case headers) like the labelled one", () => {
    const r = importFestivals(fixtureText("festivals-fields.csv"));
    expect(r.rejected).toEqual([]);
    expect(r.problems.filter((p) => p.code === "festivals/missing-columns")).toEqual([]);
    expect(r.document.series!.map((s) => s.id)).toEqual(["FEST_02408_9001", "FEST_29019_9002"]);
    const lieu = r.document.venues!.find((v) => v.id === "lieu-FEST_02408_9001")!;
    expect(lieu).toMatchObject({
      address: {
        streetAddress: "3 rue des Essais",
        postalCode: "02000",
        addressLocality: "Laon",
        addressCountry: "FR",
      },
      geo: { latitude: 49.5639, longitude: 3.6244 },
    });
    expect(r.document.series![1]!.description!.fr).toContain("Jazz, blues");
  });
  it("a file whose headers match nothing is refused once, naming the expected and the found columns", () => {
    let err: unknown;
    try {
      importFestivals(fixtureText("festivals-unknown-columns.csv"));
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: "festivals/unknown-columns" });
    expect(String((err as Error).message)).toMatch(
      /Expected columns: Nom du festival \| .*Found: title \| town \| zip/,
    );
  });
  it("keeps the dataset's licence (Licence Ouverte) for any publisher id, unless told otherwise", () => {
    expect(
      importFestivals(fixtureText("festivals-fields.csv"), { publisher: { id: "mes-festivals" } }).document.publisher
        .licence,
    ).toBe("etalab-2.0");
    expect(
      importFestivals(fixtureText("festivals-fields.csv"), { publisher: { id: "x", licence: "cc0-1.0" } }).document
        .publisher.licence,
    ).toBe("cc0-1.0");
  });
});

describe.skipIf(!HAS_CORPORA)("importFestivals on the ministry's dataset re-exported with field names and `,`", () => {
  warnIfNoCorpora("the French festivals CSV re-exported");
  it("imports the same festivals as the labelled export", () => {
    const text = readFileSync(`${CORPORA}fr-festivals-culture-gouv/festivals-global-festivals-_-pl.csv`, "utf8");
    const labelled = importFestivals(text);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- csv-parse's typed overload would require `columns`
    const records = parse(text.replace(/^\uFEFF+/, ""), {
      delimiter: ";",
      relax_quotes: true,
      skip_empty_lines: true,
    }) as string[][];
    const field = (h: string) => normalizeHeader(h).replace(/ /g, "_");
    const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const other = [records[0]!.map(field).join(","), ...records.slice(1).map((r) => r.map(q).join(","))].join("\n");
    const r = importFestivals(other);
    expect(r.read).toBe(7283);
    expect(r.rejected.length).toBe(labelled.rejected.length);
    expect(r.document.series!.length).toBe(labelled.document.series!.length);
    expect(r.document.series!.map((s) => s.id)).toEqual(labelled.document.series!.map((s) => s.id));
    expect(r.problems.filter((p) => p.code === "festivals/missing-name")).toHaveLength(
      labelled.problems.filter((p) => p.code === "festivals/missing-name").length,
    );
  });
});
