// The Ministère de la Culture's "Liste des festivals en France" CSV → festivals (Series of kind
// "festival") each at a place with its address and coordinates. Real spreadsheet dirt is repaired
// and counted (BOMs, lost leading zeros, error cells, day/month/year dates, bare web addresses).
// This entry point finds the columns (festivals/columns), then reads each row (festivals/row) with the
// context the parts share (festivals/context).

import type { Problem } from "../errors.js";
import { Fixes } from "../harvest/fixes.js";
import { Ledger, RepairLog } from "../harvest/ledger.js";
import { readCsv } from "./csvFile.js";
import { columnsOf, delimiterOf } from "./festivals/columns.js";
import { FestivalContext } from "./festivals/context.js";
import { readRow } from "./festivals/row.js";
import { TableTally } from "./tableTally.js";
import { makePublisher, type ImportResult, type PublisherOptions } from "./types.js";

export { FESTIVAL_COLUMNS, normalizeHeader } from "./festivals/columns.js";

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

export function importFestivals(text: string, options: FestivalsImportOptions = {}): ImportResult {
  const fixes = new Fixes();
  const problems: Problem[] = [];
  const { header, rows, cells } = readCsv(text, delimiterOf(text), fixes, options.ledger !== false);
  const C = columnsOf(header, problems);
  const tally = options.ledger === false ? undefined : new TableTally(header);
  const repairs = tally ? new RepairLog() : undefined;
  const c = new FestivalContext(C, rows, fixes, problems, tally, repairs, cells);
  for (let i = 0; i < rows.length; i++) {
    // Told after accepted rows only: a rejected row at a multiple of 500 makes no call.
    if (readRow(c, i, rows[i]!) && options.onProgress && (i + 1) % 500 === 0) options.onProgress(i + 1, rows.length);
  }
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
      venues: c.venues,
      series: c.series,
    },
    read: rows.length,
    unit: "rows",
    fixes,
    ledger,
    problems: [...problems, ...ledger.problems()],
    rejected: c.rejected,
  };
}
