// The column-mapping file of a ticketing CSV import: the fields a column can fill, the file's shape (publisher,
// separators, date format, column names, value lists, defaults) and the check that rejects an unusable one.

import { InputError } from "../../errors.js";
import { tx, type Params } from "../../i18n.js";
import type { PublisherOptions } from "../types.js";

/** The fields a column can fill. */
export const CSV_FIELDS = [
  "performance.id",
  "performance.startDate",
  "performance.date",
  "performance.time",
  "performance.endDate",
  "performance.type",
  "performance.status",
  "performance.url",
  "performance.free",
  "production.id",
  "production.name",
  "production.description",
  "production.genres",
  "production.image",
  "production.url",
  "venue.id",
  "venue.name",
  "venue.street",
  "venue.postalCode",
  "venue.city",
  "venue.country",
  "venue.latitude",
  "venue.longitude",
  "organizer.name",
  "performers",
  "offer.category",
  "offer.price",
  "offer.currency",
  "offer.availability",
  "offer.validFrom",
  "offer.url",
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** The column-mapping file. */
export interface CsvMapping {
  readonly publisher: PublisherOptions;
  /** @default "," */
  readonly delimiter?: string;
  /** Decimal separator of prices. @default "." */
  readonly decimal?: "." | ",";
  /** How dates are written: ISO 8601 (`2026-11-20`) or day first (`20/11/2026`). @default "iso" */
  readonly dateFormat?: "iso" | "dmy";
  /** IANA zone of the venues, so local times get their real offset. */
  readonly timeZone?: string;
  /** Language of the texts (names, descriptions, tariff names). @default "fr" */
  readonly language?: string;
  /** Separator inside one cell for lists (performers, genres). @default "|" */
  readonly listSeparator?: string;
  /** Field → column name. */
  readonly columns: Partial<Record<CsvField, string>>;
  /** Field → (cell value → Vivant value), for status, availability, genres and type. */
  readonly values?: Partial<Record<CsvField, Readonly<Record<string, string>>>>;
  /** Field → value used when the column is absent or the cell empty. */
  readonly defaults?: Partial<Record<CsvField, string>>;
}

/** Checks a parsed mapping file; throws InputError (unusable input) naming what is wrong, in English and French. */
export function parseCsvMapping(input: unknown): CsvMapping {
  const fail = (
    key: "not-object" | "no-publisher" | "no-columns" | "unknown-field" | "no-id" | "no-date",
    params: Params = {},
  ): never => {
    throw new InputError("csv/invalid-mapping", tx(`csv/mapping-${key}`, params), {
      hint: tx(`csv/mapping-${key}.hint`, params),
    });
  };
  if (typeof input !== "object" || input === null || Array.isArray(input)) fail("not-object");
  const m = input as Record<string, unknown>;
  if (
    typeof m.publisher !== "object" ||
    m.publisher === null ||
    typeof (m.publisher as { id?: unknown }).id !== "string"
  )
    fail("no-publisher");
  if (typeof m.columns !== "object" || m.columns === null) fail("no-columns");
  for (const k of Object.keys(m.columns as object))
    if (!(CSV_FIELDS as readonly string[]).includes(k))
      fail("unknown-field", { field: k, fields: CSV_FIELDS.join(", ") });
  const cols = m.columns as Record<string, unknown>;
  if (!cols["performance.id"]) fail("no-id");
  if (!cols["performance.startDate"] && !cols["performance.date"]) fail("no-date");
  return m as unknown as CsvMapping;
}
