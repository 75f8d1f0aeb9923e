// What every part of importCsv shares: the mapping, the records built so far, the problems and fixes, the
// ledger's tally, and the row being read with the readers of its cells (through the mapping's columns, value
// lists and date format) and the builders of its problems.

import type { Problem } from "../../errors.js";
import { normalizeDate, parseDayMonthYear } from "../../harvest/dates.js";
import { Fixes, type FixKind } from "../../harvest/fixes.js";
import type { RepairLog } from "../../harvest/ledger.js";
import type { RecordRef } from "../../mapping/types.js";
import type { Organization, Performance, Person, Production, Venue } from "../../records/types.js";
import type { TableTally } from "../tableTally.js";
import { recordProblem } from "../types.js";
import type { CsvField, CsvMapping } from "./mapping.js";

/** A violation of one cell: the row is rejected with it. */
export interface CellViolation {
  readonly field: CsvField;
  readonly value: unknown;
  readonly en: string;
  readonly fr: string;
  readonly expected: [string, string];
}

/** A cell value the mapping's value lists do not know: left out with a warning. */
export interface UnmappedValue {
  readonly field: CsvField;
  readonly value: unknown;
  readonly en: string;
  readonly fr: string;
}

/**
 * One CSV being imported: built once per call and passed to each part in place of the variables a closure would
 * capture. `at` moves it to the next row (nothing is allocated per row but the row's own strings).
 */
export class CsvContext {
  readonly lang: string;
  /** Separator inside one cell for lists (performers, genres). */
  readonly sep: string;
  readonly problems: Problem[] = [];
  readonly rejected: RecordRef[] = [];
  readonly venues = new Map<string, Venue>();
  readonly productions = new Map<string, Production>();
  readonly organizations = new Map<string, Organization>();
  readonly people = new Map<string, Person>();
  readonly performances = new Map<string, Performance>();
  /** The columns a field reads: carried unless dropped or the row rejected. */
  readonly mappedColumns: Uint8Array | undefined;
  /** The violations of the row being read: any one rejects it. */
  readonly reasons: Problem[] = [];
  row: Readonly<Record<string, string>> = {};
  line = 0;
  /** The row's node in the ledger (its line). */
  node = "";
  path = "";
  slot = -1;

  constructor(
    readonly m: CsvMapping,
    readonly fixes: Fixes,
    /** The ledger's account: node = row line, property = column; what no field reads is "not mapped". */
    readonly tally: TableTally | undefined,
    /** Each repair noted on its cell (row line, column): a repaired cell counts as repaired in its column's ledger row. */
    readonly repairs: RepairLog | undefined,
    readonly cells: readonly string[][] | undefined,
  ) {
    this.lang = m.language ?? "fr";
    this.sep = m.listSeparator ?? "|";
    this.mappedColumns = tally?.mask(Object.values(m.columns));
  }

  /** Moves to data row `i` (line i + 2 of the file). */
  at(i: number, row: Readonly<Record<string, string>>): void {
    this.row = row;
    this.line = i + 2;
    this.node = String(this.line);
    this.slot = this.tally ? this.tally.row(this.line, this.cells![i]!) : -1;
    this.path = `$[${this.line}]`;
    this.reasons.length = 0;
  }

  /** The cell of field `f` (its column through the mapping), or the mapping's default when absent or empty. */
  cell(f: CsvField): string | undefined {
    const c = this.m.columns[f];
    const v = c !== undefined ? this.row[c] : undefined;
    return v !== undefined && v !== "" ? v : this.m.defaults?.[f];
  }

  /** The cell of field `f` is left out as invalid. */
  dropCell(f: CsvField): void {
    const c = this.m.columns[f];
    if (c !== undefined) this.tally?.drop(this.slot, c, "invalid");
  }

  /** The fixes of one cell: counted with the others, and noted on the cell. */
  cellFixes(f: CsvField): Fixes {
    const c = this.m.columns[f];
    const repairs = this.repairs;
    const node = this.node;
    return c === undefined || repairs === undefined
      ? this.fixes
      : new CellFixes(this.fixes, (k) => repairs.note(node, c, k));
  }

  /** Notes a violation of the row (reported, with the others, if the row is rejected). */
  bad(v: CellViolation): void {
    const line = this.line;
    this.reasons.push(
      recordProblem(
        `csv/invalid-${v.field.split(".").pop()!.toLowerCase()}`,
        "row",
        String(line),
        `${this.path}.${this.m.columns[v.field] ?? v.field}`,
        v.value,
        [`line ${line}: ${v.en}`, `ligne ${line} : ${v.fr}`],
        v.expected,
        ["fix the cell or the mapping file", "corriger la cellule ou le fichier de correspondance"],
      ),
    );
  }

  /** Warns of a value left out (its cell dropped, except a genre: the others of the cell may be carried). */
  warn(v: UnmappedValue): void {
    const line = this.line;
    if (v.field !== "production.genres") this.dropCell(v.field);
    this.problems.push(
      recordProblem(
        `csv/unmapped-${v.field.split(".").pop()!.toLowerCase()}`,
        "row",
        String(line),
        `${this.path}.${this.m.columns[v.field] ?? v.field}`,
        v.value,
        [`line ${line}: ${v.en}`, `ligne ${line} : ${v.fr}`],
        ['a value listed in the mapping\'s "values"', 'une valeur listée dans "values" du fichier de correspondance'],
        ["add the value to the mapping file", "ajouter la valeur au fichier de correspondance"],
        "warning",
      ),
    );
  }

  /** The cell of `f` through the mapping's value list, if it is one of `allowed` (else left out with a warning). */
  mapped<T extends string>(f: CsvField, allowed: readonly T[]): T | undefined {
    const v = this.cell(f);
    if (v === undefined) return undefined;
    const to = this.m.values?.[f]?.[v] ?? v;
    if ((allowed as readonly string[]).includes(to)) return to as T;
    this.warn({
      field: f,
      value: v,
      en: `${JSON.stringify(v)} is not a known ${f} value: left out`,
      fr: `${JSON.stringify(v)} n'est pas une valeur connue de ${f} : écartée`,
    });
    return undefined;
  }

  /** Date `v` of field `f` (with a separate `time`) in the mapping's date format; a violation when it is not one. */
  date(v: string | undefined, f: CsvField, time?: string): string | undefined {
    if (v === undefined) return undefined;
    const m = this.m;
    const joined = time !== undefined ? `${v} ${time}` : v;
    const d =
      (m.dateFormat ?? "iso") === "dmy"
        ? parseDayMonthYear(joined)
        : normalizeDate(joined.replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, "$1T$2"));
    if (!d) {
      this.bad({
        field: f,
        value: joined,
        en: `${JSON.stringify(joined)} is not a date`,
        fr: `${JSON.stringify(joined)} n'est pas une date`,
        expected: [
          m.dateFormat === "dmy" ? "20/11/2026 20:00" : "2026-11-20T20:00",
          m.dateFormat === "dmy" ? "20/11/2026 20:00" : "2026-11-20T20:00",
        ],
      });
      return undefined;
    }
    const fx = this.cellFixes(f);
    for (const k of d.fixes) if (k !== "date-without-timezone") fx.add(k);
    // Local time stays local: the mapper resolves it with the venue's zone, or keeps it without offset.
    return d.kind === "dateTime" && !d.hasOffset ? d.value.slice(0, 16) : d.value;
  }
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
