// What every part of importFestivals shares: the file's columns, the festivals and places built so far, the
// identifiers seen, the problems and fixes, the ledger's tally, and the row being read with the builders of
// its problems (a rejection of the row, a warning about one cell).

import type { Problem, ProblemCode } from "../../errors.js";
import type { Fixes } from "../../harvest/fixes.js";
import type { RepairLog } from "../../harvest/ledger.js";
import type { RecordRef } from "../../mapping/types.js";
import type { Series, Venue } from "../../records/types.js";
import type { TableTally } from "../tableTally.js";
import { recordProblem } from "../types.js";
import type { Column } from "./columns.js";

/** Why a row is rejected: the column, its value, what is wrong and how to fix it (English, French). */
export interface RowRejection {
  readonly code: ProblemCode;
  readonly column: string;
  readonly value: unknown;
  readonly message: [string, string];
  readonly hint: [string, string];
}

/** A cell left out of an accepted row. */
export interface CellWarning {
  readonly code: ProblemCode;
  readonly column: string;
  readonly value: string;
  readonly message: [string, string];
  readonly expected: [string, string];
  readonly hint: [string, string];
  readonly severity: "warning" | "info";
}

/**
 * One festivals file being imported: built once per call and passed to each part in place of the variables a
 * closure would capture. `at` moves it to the next row (nothing is allocated per row).
 */
export class FestivalContext {
  readonly rejected: RecordRef[] = [];
  readonly series: Series[] = [];
  readonly venues: Venue[] = [];
  /** The identifiers given so far (after disambiguation). */
  readonly used = new Set<string>();
  /** How many rows carry each identifier of the file. */
  readonly idCount = new Map<string, number>();
  /** The columns a field reads: carried as seen, unless dropped. */
  readonly read: Uint8Array | undefined;
  r: Readonly<Record<string, string>> = {};
  line = 0;
  path = "";
  slot = -1;
  /** The row's festival id: the file's, then made unique. */
  id = "";

  constructor(
    /** Each column's header (a key no header has when the file lacks it). */
    readonly C: Readonly<Record<Column, string>>,
    rows: readonly Readonly<Record<string, string>>[],
    readonly fixes: Fixes,
    readonly problems: Problem[],
    /** The ledger's account: node = row line, property = column. */
    readonly tally: TableTally | undefined,
    readonly repairs: RepairLog | undefined,
    readonly cells: readonly string[][] | undefined,
  ) {
    for (const r of rows) this.idCount.set(r[C.id] ?? "", (this.idCount.get(r[C.id] ?? "") ?? 0) + 1);
    this.read = tally?.mask(Object.values(C));
  }

  /** Moves to data row `i` (line i + 2 of the file). */
  at(i: number, r: Readonly<Record<string, string>>): void {
    this.r = r;
    this.line = i + 2;
    this.path = `$[${this.line}]`;
    this.slot = this.tally ? this.tally.row(this.line, this.cells![i]!, this.read) : -1;
  }

  /** The row's cell in column `c` ("" when absent). */
  get(c: string): string {
    return this.r[c] ?? "";
  }

  dropCell(c: string): void {
    this.tally?.drop(this.slot, c, "invalid");
  }

  /** Rejects the row; false, to return from the row's reader. */
  reject(why: RowRejection): false {
    const id = this.id;
    this.tally?.reject(this.slot);
    this.rejected.push({ entity: "series", recordId: id || `line ${this.line}`, path: this.path });
    this.problems.push(
      recordProblem(
        why.code,
        "series",
        id || undefined,
        `${this.path}.${why.column}`,
        why.value,
        why.message,
        [
          "a festival row with a name and a unique identifier",
          "une ligne de festival avec un nom et un identifiant unique",
        ],
        why.hint,
      ),
    );
    return false;
  }

  /** Warns that a cell of the row's festival is left out (the cell dropped from the ledger's carried values). */
  warn(w: CellWarning): void {
    this.dropCell(w.column);
    this.problems.push(
      recordProblem(
        w.code,
        "series",
        this.id,
        `${this.path}.${w.column}`,
        w.value,
        w.message,
        w.expected,
        w.hint,
        w.severity,
      ),
    );
  }
}
