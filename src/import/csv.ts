// A ticketing CSV export → records, driven by a column-mapping file (JSON, documented in the README and
// in fixtures/import/mapping.json). One row per performance and tariff: rows sharing a performance id
// add offers to it. A row that cannot be read is rejected with its reasons; nothing is guessed.

import type { Problem } from "../errors.js";
import { endAfterMidnight } from "../records/time.js";
import { InputError } from "../errors.js";
import { normalizeDate, parseDayMonthYear } from "../harvest/dates.js";
import { Fixes, type FixKind } from "../harvest/fixes.js";
import { Ledger, RepairLog } from "../harvest/ledger.js";
import { TableTally } from "./tableTally.js";
import type { RecordRef } from "../mapping/types.js";
import {
  AVAILABILITIES,
  EVENT_TYPES,
  GENRES,
  STATUS_KINDS,
  type Availability,
  type EventType,
  type Genre,
  type Organization,
  type Performance,
  type Person,
  type Production,
  type Role,
  type StatusKind,
  type Venue,
} from "../records/types.js";
import { cleanUrl, readCsv, slug } from "./csvFile.js";
import {
  compact,
  makePublisher,
  recordProblem,
  uniqueById,
  type ImportResult,
  type PublisherOptions,
} from "./types.js";
import { pushAll } from "../arrays.js";
import { tx, type Params } from "../i18n.js";
import { parseJsonText } from "../rdf/io.js";

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

/**
 * A CSV and the text of its column-mapping file (as uploaded on the pages), imported as `vivant import csv` does:
 * the mapping is parsed (a JSON error names its line and column) and checked, then the CSV imported with it.
 */
export function importCsvWithMappingText(
  csvText: string,
  mappingText: string,
  mappingSource: string,
  options: Omit<CsvImportOptions, "mapping"> = {},
): ImportResult {
  const mapping = parseCsvMapping(parseJsonText(mappingText, mappingSource, "csv/invalid-mapping"));
  return importCsv(csvText, { ...options, mapping });
}

export interface CsvImportOptions {
  readonly mapping: CsvMapping;
  /** Called every 500 rows and at the end with the rows read and the total. */
  readonly onProgress?: (rowsRead: number, total: number) => void;
  /** Overrides the mapping's publisher. */
  readonly publisher?: PublisherOptions;
  /** Keep the fidelity ledger (what became of each column of each row). @default true */
  readonly ledger?: boolean;
}

export function importCsv(text: string, options: CsvImportOptions): ImportResult {
  const m = options.mapping;
  const fixes = new Fixes();
  const problems: Problem[] = [];
  const rejected: RecordRef[] = [];
  const lang = m.language ?? "fr";
  const sep = m.listSeparator ?? "|";
  const { header, rows, cells } = readCsv(text, m.delimiter ?? ",", fixes, options.ledger !== false);
  for (const [field, column] of Object.entries(m.columns)) {
    if (column && !header.includes(column))
      throw new InputError("csv/missing-column", tx("csv/missing-column", { column, field }), {
        hint: tx("csv/missing-column.hint", { header: header.join(", ") }),
      });
  }
  const venues = new Map<string, Venue>();
  const productions = new Map<string, Production>();
  const organizations = new Map<string, Organization>();
  const people = new Map<string, Person>();
  const performances = new Map<string, Performance>();
  // The ledger's account: node = row line, property = column; what no field reads is "not mapped".
  const tally = options.ledger === false ? undefined : new TableTally(header);
  // The columns a field reads: carried unless dropped or the row rejected.
  const mappedColumns = tally?.mask(Object.values(m.columns));
  // Each repair is noted on its cell (row line, column): a repaired cell counts as repaired in its column's ledger row.
  const repairs = tally ? new RepairLog() : undefined;

  rows.forEach((row, i) => {
    if (options.onProgress && i > 0 && i % 500 === 0) options.onProgress(i, rows.length);
    const line = i + 2;
    const node = String(line);
    const slot = tally ? tally.row(line, cells![i]!) : -1;
    const dropCell = (f: CsvField) => {
      const c = m.columns[f];
      if (c !== undefined) tally?.drop(slot, c, "invalid");
    };
    const path = `$[${line}]`;
    /** The fixes of one cell: counted with the others, and noted on the cell. */
    const cellFixes = (f: CsvField): Fixes => {
      const c = m.columns[f];
      return c === undefined || repairs === undefined ? fixes : new CellFixes(fixes, (k) => repairs.note(node, c, k));
    };
    const cell = (f: CsvField): string | undefined => {
      const c = m.columns[f];
      const v = c !== undefined ? row[c] : undefined;
      return v !== undefined && v !== "" ? v : m.defaults?.[f];
    };
    const reasons: Problem[] = [];
    const bad = (f: CsvField, value: unknown, en: string, fr: string, expected: [string, string]) =>
      reasons.push(
        recordProblem(
          `csv/invalid-${f.split(".").pop()!.toLowerCase()}`,
          "row",
          String(line),
          `${path}.${m.columns[f] ?? f}`,
          value,
          [`line ${line}: ${en}`, `ligne ${line} : ${fr}`],
          expected,
          ["fix the cell or the mapping file", "corriger la cellule ou le fichier de correspondance"],
        ),
      );
    const warn = (f: CsvField, value: unknown, en: string, fr: string) => {
      if (f !== "production.genres") dropCell(f);
      return problems.push(
        recordProblem(
          `csv/unmapped-${f.split(".").pop()!.toLowerCase()}`,
          "row",
          String(line),
          `${path}.${m.columns[f] ?? f}`,
          value,
          [`line ${line}: ${en}`, `ligne ${line} : ${fr}`],
          ['a value listed in the mapping\'s "values"', 'une valeur listée dans "values" du fichier de correspondance'],
          ["add the value to the mapping file", "ajouter la valeur au fichier de correspondance"],
          "warning",
        ),
      );
    };
    const mapped = <T extends string>(f: CsvField, allowed: readonly T[]): T | undefined => {
      const v = cell(f);
      if (v === undefined) return undefined;
      const to = m.values?.[f]?.[v] ?? v;
      if ((allowed as readonly string[]).includes(to)) return to as T;
      warn(
        f,
        v,
        `${JSON.stringify(v)} is not a known ${f} value: left out`,
        `${JSON.stringify(v)} n'est pas une valeur connue de ${f} : écartée`,
      );
      return undefined;
    };
    const date = (v: string | undefined, f: CsvField, time?: string): string | undefined => {
      if (v === undefined) return undefined;
      const joined = time !== undefined ? `${v} ${time}` : v;
      const d =
        (m.dateFormat ?? "iso") === "dmy"
          ? parseDayMonthYear(joined)
          : normalizeDate(joined.replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, "$1T$2"));
      if (!d) {
        bad(f, joined, `${JSON.stringify(joined)} is not a date`, `${JSON.stringify(joined)} n'est pas une date`, [
          m.dateFormat === "dmy" ? "20/11/2026 20:00" : "2026-11-20T20:00",
          m.dateFormat === "dmy" ? "20/11/2026 20:00" : "2026-11-20T20:00",
        ]);
        return undefined;
      }
      const fx = cellFixes(f);
      for (const k of d.fixes) if (k !== "date-without-timezone") fx.add(k);
      // Local time stays local: the mapper resolves it with the venue's zone, or keeps it without offset.
      return d.kind === "dateTime" && !d.hasOffset ? d.value.slice(0, 16) : d.value;
    };
    const perfId = cell("performance.id");
    if (perfId === undefined)
      bad("performance.id", undefined, "no performance id", "pas d'identifiant de représentation", [
        "an id such as S-2026-001",
        "un identifiant tel que S-2026-001",
      ]);
    const startDate =
      cell("performance.startDate") !== undefined
        ? date(cell("performance.startDate"), "performance.startDate")
        : date(cell("performance.date"), "performance.date", cell("performance.time"));
    if (startDate === undefined && !reasons.length)
      bad("performance.date", undefined, "no date", "pas de date", ["a date", "une date"]);
    const productionName = cell("production.name");
    if (productionName === undefined)
      bad("production.name", undefined, "no show name", "pas de nom de spectacle", [
        "the show's name",
        "le nom du spectacle",
      ]);
    const venueName = cell("venue.name");
    if (venueName === undefined)
      bad("venue.name", undefined, "no venue name", "pas de nom de lieu", ["the venue's name", "le nom du lieu"]);
    const priceText = cell("offer.price");
    let price: number | undefined;
    if (priceText !== undefined) {
      const normalized =
        (m.decimal ?? ".") === "," ? priceText.replace(/\s/g, "").replace(",", ".") : priceText.replace(/\s/g, "");
      if (normalized !== priceText.replace(/\s/g, "")) cellFixes("offer.price").add("decimal-comma");
      price = /^\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : undefined;
      if (price === undefined)
        bad(
          "offer.price",
          priceText,
          `${JSON.stringify(priceText)} is not a price`,
          `${JSON.stringify(priceText)} n'est pas un prix`,
          ["a number such as 18.50", "un nombre tel que 18,50"],
        );
    }
    const currency = cell("offer.currency")?.toUpperCase();
    if (price !== undefined && (currency === undefined || !/^[A-Z]{3}$/.test(currency)))
      bad("offer.currency", currency, "a price without an ISO 4217 currency", "un prix sans devise ISO 4217", [
        "EUR",
        "EUR",
      ]);
    if (tally) tally.carryMask(slot, mappedColumns!);
    if (reasons.length) {
      tally?.reject(slot);
      pushAll(problems, reasons);
      rejected.push({ entity: "row", recordId: String(line), path });
      return;
    }
    const venueId = cell("venue.id") ?? slug(venueName!);
    if (!venues.has(venueId)) {
      const city = cell("venue.city");
      const country = cell("venue.country")?.toUpperCase();
      const lat = Number(cell("venue.latitude"));
      const lon = Number(cell("venue.longitude"));
      if (!(city && country && /^[A-Z]{2}$/.test(country)))
        for (const f of ["venue.street", "venue.postalCode", "venue.city", "venue.country"] as const) dropCell(f);
      if (!(Number.isFinite(lat) && Number.isFinite(lon)))
        for (const f of ["venue.latitude", "venue.longitude"] as const) dropCell(f);
      venues.set(
        venueId,
        compact({
          id: venueId,
          name: { [lang]: venueName! },
          address:
            city && country && /^[A-Z]{2}$/.test(country)
              ? compact({
                  streetAddress: cell("venue.street"),
                  postalCode: cell("venue.postalCode"),
                  addressLocality: city,
                  addressCountry: country,
                })
              : undefined,
          geo:
            cell("venue.latitude") !== undefined && Number.isFinite(lat) && Number.isFinite(lon)
              ? { latitude: lat, longitude: lon }
              : undefined,
          timeZone: m.timeZone,
        }),
      );
    }
    const productionId = cell("production.id") ?? slug(productionName!);
    if (!productions.has(productionId)) {
      const genres = (cell("production.genres") ?? "")
        .split(sep)
        .map((g) => g.trim())
        .filter(Boolean)
        .flatMap((g) => {
          const to = m.values?.["production.genres"]?.[g] ?? g;
          if ((GENRES as readonly string[]).includes(to)) return [to as Genre]; // eslint-disable-line @typescript-eslint/no-unnecessary-type-assertion -- tsc infers string[] without it
          warn(
            "production.genres",
            g,
            `genre ${JSON.stringify(g)} is not in Vivant's list: left out`,
            `le genre ${JSON.stringify(g)} n'est pas dans la liste de Vivant : écarté`,
          );
          return [];
        });
      const image = cell("production.image") && cleanUrl(cell("production.image")!, cellFixes("production.image"));
      if (cell("production.image") && !image) dropCell("production.image");
      if (genres.length === 0 && cell("production.genres")) dropCell("production.genres");
      productions.set(
        productionId,
        compact({
          id: productionId,
          name: { [lang]: productionName! },
          description: cell("production.description") ? { [lang]: cell("production.description")! } : undefined,
          genres: [...new Set(genres)],
          images: image ? [image] : undefined,
          url: cell("production.url") && cleanUrl(cell("production.url")!, cellFixes("production.url")),
        }),
      );
    }
    let perf = performances.get(perfId!);
    if (!perf) {
      const organizer = cell("organizer.name");
      if (organizer !== undefined && !organizations.has(slug(organizer)))
        organizations.set(slug(organizer), { id: slug(organizer), name: { [lang]: organizer } });
      const performers: Role[] = (cell("performers") ?? "")
        .split(sep)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => {
          if (!people.has(slug(p))) people.set(slug(p), { id: slug(p), name: p });
          return { person: slug(p) };
        });
      const status = mapped<StatusKind>(
        "performance.status",
        STATUS_KINDS.filter((k) => k !== "rescheduled"),
      );
      const free = cell("performance.free");
      let endDate = date(cell("performance.endDate"), "performance.endDate");
      const overnight = endDate !== undefined ? endAfterMidnight(startDate!, endDate) : undefined;
      if (overnight !== undefined) {
        endDate = overnight;
        cellFixes("performance.endDate").add("end-after-midnight");
      }
      perf = compact({
        id: perfId!,
        production: productionId,
        type: mapped<EventType>("performance.type", EVENT_TYPES),
        startDate: startDate!,
        endDate,
        venue: venueId,
        status: status && { kind: status },
        free:
          free === undefined
            ? undefined
            : /^(1|true|oui|yes|gratuit)$/i.test(free)
              ? true
              : /^(0|false|non|no)$/i.test(free)
                ? false
                : undefined,
        url: cell("performance.url") && cleanUrl(cell("performance.url")!, cellFixes("performance.url")),
        performers,
        organizers: organizer !== undefined ? [{ organization: slug(organizer) }] : undefined,
      });
      performances.set(perfId!, perf);
    }
    if (price !== undefined || cell("offer.category") !== undefined) {
      const offers = [...(perf.offers ?? [])];
      const validFrom =
        cell("offer.validFrom") !== undefined ? date(cell("offer.validFrom"), "offer.validFrom") : undefined;
      offers.push(
        compact({
          id: String(offers.length + 1),
          category: cell("offer.category") ? { [lang]: cell("offer.category")! } : undefined,
          price,
          priceCurrency: price !== undefined ? currency : undefined,
          availability: mapped<Availability>("offer.availability", AVAILABILITIES),
          validFrom,
          url: cell("offer.url") && cleanUrl(cell("offer.url")!, cellFixes("offer.url")),
        }),
      );
      performances.set(perfId!, { ...perf, offers });
    }
  });
  options.onProgress?.(rows.length, rows.length);
  const ledger = new Ledger();
  tally?.settle(ledger, repairs, (c) => c, "not-mapped");
  return {
    document: {
      publisher: makePublisher(options.publisher ?? m.publisher),
      venues: uniqueById(venues.values()),
      organizations: uniqueById(organizations.values()),
      people: uniqueById(people.values()),
      productions: uniqueById(productions.values()),
      performances: uniqueById(performances.values()),
    },
    read: rows.length,
    unit: "rows",
    fixes,
    ledger,
    ...(repairs && tally ? { repairedCells: repairedCells(repairs, tally) } : {}),
    problems: [...problems, ...ledger.problems()],
    rejected,
  };
}

/** Fixes of one cell: each is counted in the import's fixes and noted on the cell. */
class CellFixes extends Fixes {
  readonly #all: Fixes;
  readonly #note: (kind: FixKind) => void;
  constructor(all: Fixes, note: (kind: FixKind) => void) {
    super();
    this.#all = all;
    this.#note = note;
  }

  override add(kind: FixKind, n = 1): void {
    if (n <= 0) return;
    this.#all.add(kind, n);
    this.#note(kind);
  }
}

/** The repaired cells of a CSV import that were carried (the node of a row is its line), in row then column order. */
export function repairedCells(repairs: RepairLog, tally: TableTally): { row: number; column: string; fix: FixKind }[] {
  return [...repairs.entries()]
    .filter(([node, column]) => tally.isCarried(Number(node), column))
    .map(([node, column, fix]) => ({ row: Number(node), column, fix }))
    .sort((a, b) => a.row - b.row || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
}
