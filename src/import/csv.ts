// A ticketing CSV export → records, driven by a column-mapping file (JSON, documented in the README and
// in fixtures/import/mapping.json). One row per performance and tariff: rows sharing a performance id
// add offers to it. A row that cannot be read is rejected with its reasons; nothing is guessed.
// This entry point checks the header against the mapping, then reads the rows with the parts in csv/: the
// mapping file (mapping), what the parts share (context), one row (row) and the records it adds (records).

import { InputError } from "../errors.js";
import { Fixes, type FixKind } from "../harvest/fixes.js";
import { Ledger, RepairLog } from "../harvest/ledger.js";
import { tx } from "../i18n.js";
import { parseJsonText } from "../rdf/io.js";
import { CsvContext } from "./csv/context.js";
import { parseCsvMapping, type CsvMapping } from "./csv/mapping.js";
import { readRow } from "./csv/row.js";
import { readCsv } from "./csvFile.js";
import { TableTally } from "./tableTally.js";
import { makePublisher, uniqueById, type ImportResult, type PublisherOptions } from "./types.js";

export { CSV_FIELDS, parseCsvMapping, type CsvField, type CsvMapping } from "./csv/mapping.js";

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
  const { header, rows, cells } = readCsv(text, m.delimiter ?? ",", fixes, options.ledger !== false);
  for (const [field, column] of Object.entries(m.columns)) {
    if (column && !header.includes(column))
      throw new InputError("csv/missing-column", tx("csv/missing-column", { column, field }), {
        hint: tx("csv/missing-column.hint", { header: header.join(", ") }),
      });
  }
  const tally = options.ledger === false ? undefined : new TableTally(header);
  const repairs = tally ? new RepairLog() : undefined;
  const c = new CsvContext(m, fixes, tally, repairs, cells);
  for (let i = 0; i < rows.length; i++) {
    if (options.onProgress && i > 0 && i % 500 === 0) options.onProgress(i, rows.length);
    readRow(c, i, rows[i]!);
  }
  options.onProgress?.(rows.length, rows.length);
  const ledger = new Ledger();
  tally?.settle(ledger, repairs, (col) => col, "not-mapped");
  return {
    document: {
      publisher: makePublisher(options.publisher ?? m.publisher),
      venues: uniqueById(c.venues.values()),
      organizations: uniqueById(c.organizations.values()),
      people: uniqueById(c.people.values()),
      productions: uniqueById(c.productions.values()),
      performances: uniqueById(c.performances.values()),
    },
    read: rows.length,
    unit: "rows",
    fixes,
    ledger,
    ...(repairs && tally ? { repairedCells: repairedCells(repairs, tally) } : {}),
    problems: [...c.problems, ...ledger.problems()],
    rejected: c.rejected,
  };
}

/** The repaired cells of a CSV import that were carried (the node of a row is its line), in row then column order. */
export function repairedCells(repairs: RepairLog, tally: TableTally): { row: number; column: string; fix: FixKind }[] {
  return [...repairs.entries()]
    .filter(([node, column]) => tally.isCarried(Number(node), column))
    .map(([node, column, fix]) => ({ row: Number(node), column, fix }))
    .sort((a, b) => a.row - b.row || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
}
