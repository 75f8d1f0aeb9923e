// The columns of the festivals CSV: the dataset's documented names with their other spellings, matched on
// normalised headers; the header line's separator; and the check of a header (no name column: unusable; any
// other missing: one warning).

import { InputError, type Problem } from "../../errors.js";
import { tx } from "../../i18n.js";
import { recordProblem } from "../types.js";

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
export type Column = keyof typeof FESTIVAL_COLUMNS;

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
export function delimiterOf(text: string): string {
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

/** The header holding each column (an absent one: a key no header has); throws without the name column. */
export function columnsOf(header: readonly string[], problems: Problem[]): Record<Column, string> {
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
  return Object.fromEntries(Object.keys(FESTIVAL_COLUMNS).map((c) => [c, cols[c as Column] ?? `\u0000${c}`])) as Record<
    Column,
    string
  >;
}
