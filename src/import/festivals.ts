// The Ministère de la Culture's "Liste des festivals en France" CSV → festivals (Series of kind
// "festival") each at a place with its address and coordinates. Real spreadsheet dirt is repaired
// and counted (BOMs, lost leading zeros, error cells, day/month/year dates, bare web addresses).

import { tx } from "../i18n.js";
import { InputError, type Problem, type ProblemCode } from "../errors.js";
import { parseDayMonthYear } from "../harvest/dates.js";
import { Fixes } from "../harvest/fixes.js";
import { Ledger, RepairLog } from "../harvest/ledger.js";
import { TableTally } from "./tableTally.js";
import type { RecordRef } from "../mapping/types.js";
import type { Geo, PostalAddress, Series, Venue } from "../records/types.js";
import { cleanUrl, readCsv, slug } from "./csvFile.js";
import { compact, makePublisher, recordProblem, type ImportResult, type PublisherOptions } from "./types.js";

export interface FestivalsImportOptions {
  /** @default { id: "festivals-culture-gouv", name: { fr: "Ministère de la Culture — Liste des festivals en France" }, licence: "etalab-2.0" } */
  readonly publisher?: PublisherOptions;
  /** Keep the fidelity ledger (what became of each column of each row). @default true */
  readonly ledger?: boolean;
  /** Called every `every` rows with the number read. */
  readonly onProgress?: (rowsRead: number, total: number) => void;
}

export const FESTIVALS_PUBLISHER: PublisherOptions = {
  id: "festivals-culture-gouv",
  name: { fr: "Ministère de la Culture — Liste des festivals en France" },
  // The dataset is published on data.culture.gouv.fr under Licence Ouverte 2.0 (see the corpus SOURCE.md).
  licence: "etalab-2.0",
  url: "https://data.culture.gouv.fr/explore/dataset/festivals-global-festivals-_-pl/",
};

/**
 * The dataset's columns, as its documentation names them (corpus SOURCE.md: the 30 columns of
 * "Liste des festivals en France"), with the other spellings the Ministry's exports use. Headers are
 * compared normalised (`normalizeHeader`): case, accents, spaces, underscores and punctuation do not
 * count, so the data.culture.gouv.fr field names (`code_postal_de_la_commune_principale_de_deroulement`)
 * and the labels ("Code postal (de la commune principale de déroulement)") both match.
 */
export const FESTIVAL_COLUMNS = {
  name: ["Nom du festival", "Nom", "Nom de la manifestation", "Festival"],
  region: ["Région principale de déroulement", "Région", "Region principale"],
  department: ["Département principal de déroulement", "Département", "Departement principal"],
  commune: ["Commune principale de déroulement", "Commune", "Commune principale", "Ville"],
  postcode: ["Code postal (de la commune principale de déroulement)", "Code postal", "CP"],
  insee: ["Code Insee commune", "Code Insee", "Insee"],
  number: ["Numéro de voie", "N° de voie", "Numero"],
  streetType: ["Type de voie (rue, Avenue, boulevard, etc.)", "Type de voie"],
  street: ["Nom de la voie", "Voie"],
  address: ["Adresse postale", "Adresse"],
  complement: ["Complément d'adresse (facultatif)", "Complément d'adresse"],
  website: ["Site internet du festival", "Site internet", "Site web", "Site"],
  year: ["Année de création du festival", "Année de création"],
  discipline: ["Discipline dominante", "Discipline", "Domaine"],
  subLive: ["Sous-catégorie spectacle vivant", "Sous catégorie spectacle vivant"],
  subMusic: ["Sous-catégorie musique", "Sous catégorie musique"],
  period: ["Période principale de déroulement du festival", "Période principale de déroulement", "Période"],
  id: ["Identifiant", "Identifiant festival", "ID"],
  geo: ["Géocodage xy", "Géocodage", "geo_point_2d", "Coordonnées", "Coordonnées GPS", "xy"],
} as const satisfies Record<string, readonly string[]>;
type Column = keyof typeof FESTIVAL_COLUMNS;

/** `Code postal (de la commune…)`, `code_postal_de_la_commune…`, `CODE POSTAL DE LA COMMUNE…` → one key. */
export function normalizeHeader(h: string): string {
  return h
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Which header of the file holds each known column (the documented name first, then its aliases). */
function matchColumns(header: readonly string[]): Partial<Record<Column, string>> {
  const byKey = new Map<string, string>();
  for (const h of header) if (!byKey.has(normalizeHeader(h))) byKey.set(normalizeHeader(h), h);
  const out: Partial<Record<Column, string>> = {};
  for (const [col, names] of Object.entries(FESTIVAL_COLUMNS) as [Column, readonly string[]][]) {
    for (const n of names) {
      const h = byKey.get(normalizeHeader(n));
      if (h !== undefined) {
        out[col] = h;
        break;
      }
    }
  }
  return out;
}

/** The separator of the header line (`;` in the labelled export, `,` in others): the most frequent outside quotes. */
function delimiterOf(text: string): string {
  const line = /^[^\r\n]*/.exec(text.replace(/^\uFEFF+/, ""))![0];
  const counts: Record<string, number> = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  const [best, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return n > 0 ? best : ";";
}

function postcodeOf(raw: string, fixes: Fixes): string | undefined {
  if (/^\d{5}$/.test(raw)) return raw;
  if (/^\d{4}$/.test(raw)) {
    fixes.add("postcode-leading-zero");
    return `0${raw}`;
  }
  return undefined;
}

function geoOf(raw: string): Geo | undefined {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(raw);
  if (!m) return undefined;
  const [latitude, longitude] = [Number(m[1]), Number(m[2])];
  return Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 ? { latitude, longitude } : undefined;
}

function yearOf(raw: string, fixes: Fixes): string | undefined {
  if (/^\d{4}$/.test(raw)) return raw;
  const d = parseDayMonthYear(raw);
  if (d) {
    fixes.add("date-day-month-year");
    return d.value.slice(0, 4);
  }
  return undefined;
}

export function importFestivals(text: string, options: FestivalsImportOptions = {}): ImportResult {
  const fixes = new Fixes();
  const problems: Problem[] = [];
  const rejected: RecordRef[] = [];
  const { header, rows, cells } = readCsv(text, delimiterOf(text), fixes, options.ledger !== false);
  const cols = matchColumns(header);
  const expected = (Object.values(FESTIVAL_COLUMNS) as readonly (readonly string[])[]).map((n) => n[0]!);
  if (cols.name === undefined) {
    // No row can be read without the name column: one clear error, not one rejection per row.
    throw new InputError(
      "festivals/unknown-columns",
      tx("festivals/unknown-columns", { expected: expected.join(" | "), found: header.join(" | ") }),
      {
        hint: tx("festivals/unknown-columns.hint"),
      },
    );
  }
  const missing = (Object.keys(FESTIVAL_COLUMNS) as Column[])
    .filter((c) => cols[c] === undefined)
    .map((c) => FESTIVAL_COLUMNS[c][0]);
  if (missing.length) {
    problems.push(
      recordProblem(
        "festivals/missing-columns",
        "document",
        undefined,
        "$[0]",
        missing,
        [
          `columns not found: ${missing.join(", ")} (found: ${header.join(", ")})`,
          `colonnes absentes : ${missing.join(", ")} (trouvées : ${header.join(", ")})`,
        ],
        [`the dataset's columns: ${expected.join(", ")}`, `les colonnes du jeu de données : ${expected.join(", ")}`],
        ["export the dataset again as CSV", "réexporter le jeu de données en CSV"],
        "warning",
      ),
    );
  }
  const C = Object.fromEntries(
    Object.keys(FESTIVAL_COLUMNS).map((c) => [c, cols[c as Column] ?? `\u0000${c}`]),
  ) as Record<Column, string>;
  const idCount = new Map<string, number>();
  for (const r of rows) idCount.set(r[C.id] ?? "", (idCount.get(r[C.id] ?? "") ?? 0) + 1);

  const series: Series[] = [];
  const venues: Venue[] = [];
  const used = new Set<string>();
  // The ledger's account: node = row line, property = column.
  const tally = options.ledger === false ? undefined : new TableTally(header);
  const repairs = tally ? new RepairLog() : undefined;
  // The columns a field reads: carried as seen, unless dropped below.
  const read = tally?.mask(Object.values(C));
  rows.forEach((r, i) => {
    const line = i + 2;
    const path = `$[${line}]`;
    const slot = tally ? tally.row(line, cells![i]!, read) : -1;
    const dropCell = (c: string) => tally?.drop(slot, c, "invalid");
    const get = (c: string) => r[c] ?? "";
    const name = get(C.name);
    let id = get(C.id);
    const reject = (
      code: ProblemCode,
      field: string,
      value: unknown,
      message: [string, string],
      hint: [string, string],
    ) => {
      tally?.reject(slot);
      rejected.push({ entity: "series", recordId: id || `line ${line}`, path });
      problems.push(
        recordProblem(
          code,
          "series",
          id || undefined,
          `${path}.${field}`,
          value,
          message,
          [
            "a festival row with a name and a unique identifier",
            "une ligne de festival avec un nom et un identifiant unique",
          ],
          hint,
        ),
      );
    };
    if (!name)
      return reject(
        "festivals/missing-name",
        C.name,
        undefined,
        [`line ${line}: no festival name`, `ligne ${line} : pas de nom de festival`],
        ["fill in the name", "renseigner le nom"],
      );
    if (!id || (idCount.get(id) ?? 0) > 1) {
      // Placeholder or shared identifiers (FEST__7265 on 11 overseas rows): made unique and stable.
      id = `${id || "FEST"}~${slug(name)}~${slug(get(C.commune) || get(C.department))}`;
      fixes.add("id-disambiguated");
    }
    if (used.has(id))
      return reject(
        "festivals/duplicate-row",
        C.id,
        id,
        [
          `line ${line} repeats an earlier festival (same identifier, name and commune)`,
          `la ligne ${line} répète un festival précédent (même identifiant, nom et commune)`,
        ],
        ["remove the duplicate row", "supprimer la ligne en double"],
      );
    used.add(id);

    const commune = get(C.commune);
    const postcodeRaw = get(C.postcode);
    const postalCode = postcodeRaw ? postcodeOf(postcodeRaw, fixes) : undefined;
    if (postalCode !== undefined && postalCode !== postcodeRaw)
      repairs?.note(String(line), C.postcode, "postcode-leading-zero");
    if (postcodeRaw && postalCode === undefined) {
      dropCell(C.postcode);
      problems.push(
        recordProblem(
          "festivals/invalid-postcode",
          "series",
          id,
          `${path}.${C.postcode}`,
          postcodeRaw,
          [`postcode ${JSON.stringify(postcodeRaw)} left out`, `code postal ${JSON.stringify(postcodeRaw)} écarté`],
          ["5 digits", "5 chiffres"],
          ["fix the postcode", "corriger le code postal"],
          "warning",
        ),
      );
    }
    const street = get(C.address) || [get(C.number), get(C.streetType), get(C.street)].filter(Boolean).join(" ");
    const address: PostalAddress | undefined = commune
      ? compact({
          streetAddress: street || undefined,
          postalCode,
          addressLocality: commune,
          addressRegion: get(C.region) || undefined,
          addressCountry: "FR",
        })
      : undefined;
    const geoRaw = get(C.geo);
    const geo = geoRaw ? geoOf(geoRaw) : undefined;
    if (geoRaw && !geo) {
      dropCell(C.geo);
      problems.push(
        recordProblem(
          "festivals/invalid-geo",
          "series",
          id,
          `${path}.${C.geo}`,
          geoRaw,
          [`coordinates ${JSON.stringify(geoRaw)} left out`, `coordonnées ${JSON.stringify(geoRaw)} écartées`],
          ['"latitude, longitude"', "« latitude, longitude »"],
          ["fix the coordinates", "corriger les coordonnées"],
          "warning",
        ),
      );
    }
    const websiteRaw = get(C.website);
    const url = websiteRaw ? cleanUrl(websiteRaw, fixes) : undefined;
    if (websiteRaw && url === undefined) {
      dropCell(C.website);
      problems.push(
        recordProblem(
          "festivals/invalid-url",
          "series",
          id,
          `${path}.${C.website}`,
          websiteRaw,
          [`web address ${JSON.stringify(websiteRaw)} left out`, `adresse web ${JSON.stringify(websiteRaw)} écartée`],
          ["a web address", "une adresse web"],
          ["fix the address", "corriger l'adresse"],
          "info",
        ),
      );
    }
    const yearRaw = get(C.year);
    const year = yearRaw ? yearOf(yearRaw, fixes) : undefined;
    if (yearRaw && year === undefined) dropCell(C.year);
    else if (year !== undefined && year !== yearRaw) repairs?.note(String(line), C.year, "date-day-month-year");
    const discipline = get(C.discipline);
    const sub = [get(C.subLive), get(C.subMusic)].filter(Boolean).join(", ");
    const period = get(C.period);
    // The description only restates the row's own fields (discipline, period, year created).
    const facts = [
      discipline && `Discipline dominante : ${discipline}${sub ? ` (${sub})` : ""}.`,
      period && `Période principale : ${period}.`,
      year && `Créé en ${year}.`,
    ].filter(Boolean);
    const venueId = `lieu-${id}`;
    venues.push(
      compact({
        id: venueId,
        name: { fr: get(C.complement) || commune || get(C.department) || get(C.region) || name },
        address,
        geo,
        timeZone: postalCode?.startsWith("97") || postalCode?.startsWith("98") ? undefined : "Europe/Paris",
      }),
    );
    series.push(
      compact({
        id,
        kind: "festival",
        name: { fr: name },
        description: facts.length ? { fr: facts.join(" ") } : undefined,
        venue: venueId,
        url,
      }),
    );
    if (options.onProgress && (i + 1) % 500 === 0) options.onProgress(i + 1, rows.length);
  });
  options.onProgress?.(rows.length, rows.length);
  const ledger = new Ledger();
  // Columns no field reads (the INSEE code, the department…) are left out on purpose: "not modelled".
  tally?.settle(ledger, repairs);
  return {
    // The dataset's licence is the Ministry's (Licence Ouverte 2.0), whoever imports it, unless told otherwise.
    document: {
      publisher: makePublisher({
        ...(options.publisher ?? FESTIVALS_PUBLISHER),
        licence: options.publisher?.licence ?? FESTIVALS_PUBLISHER.licence,
      }),
      venues,
      series,
    },
    read: rows.length,
    unit: "rows",
    fixes,
    ledger,
    problems: [...problems, ...ledger.problems()],
    rejected,
  };
}
