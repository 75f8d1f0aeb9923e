// Reading CSV exports as they come out of spreadsheets: byte order marks (even doubled), a chosen
// separator, quoted fields with separators inside, spreadsheet error cells. Each repair counted.

import { tx } from "../i18n.js";
import { parse } from "csv-parse/sync";
import { InputError } from "../errors.js";
import type { Fixes } from "../harvest/fixes.js";

export interface CsvTable {
  readonly header: string[];
  /** Data rows, as objects keyed by header. */
  readonly rows: Record<string, string>[];
  /** The same rows as arrays in header order (each cell as in `rows`), when asked for: the ledger's tally reads them. */
  readonly cells?: string[][];
}

/** Excel's error values, as French and English spreadsheets write them. */
const ERROR_CELL = /^#(NOM\?|NAME\?|N\/A|REF!|VALEUR!|VALUE!|DIV\/0!|NUM!|NULL!)$/i;

export function readCsv(text: string, delimiter: string, fixes: Fixes, withCells = false): CsvTable {
  const bom = /^\uFEFF+/.exec(text)?.[0].length ?? 0;
  if (bom) fixes.add("byte-order-mark", bom);
  let records: string[][];
  try {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- csv-parse's typed overload would require `columns`
    records = parse(text.slice(bom), { delimiter, relax_quotes: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new InputError("csv/syntax", tx("csv/syntax", { detail: (e as Error).message }), {
      hint: tx("csv/syntax.hint", { delimiter }),
      cause: e,
      ...(line !== undefined ? { line } : {}),
    });
  }
  const header = (records[0] ?? []).map((h) => h.trim());
  if (header.length === 0) throw new InputError("csv/empty", tx("csv/empty"), { hint: tx("csv/empty.hint") });
  const data = records.slice(1);
  const rows = data.map((r) => {
    const row: Record<string, string> = {};
    header.forEach((h, i) => {
      let v = r[i] ?? "";
      if (ERROR_CELL.test(v.trim())) {
        fixes.add("spreadsheet-error-cell");
        v = "";
      }
      const cell = v.trim();
      row[h] = cell;
      // The parser's own array becomes the row's cells (nothing more built per row).
      if (withCells) r[i] = cell;
    });
    return row;
  });
  return withCells ? { header, rows, cells: data } : { header, rows };
}

/** `www.x.fr` → `http://www.x.fr`; a search-engine redirect → its target; undefined when not a web address. */
export function cleanUrl(raw: string, fixes: Fixes): string | undefined {
  let v = raw.trim();
  if (v === "") return undefined;
  const redirect = /^https?:\/\/(www\.)?google\.[a-z.]+\/url\?(.*)$/i.exec(v);
  if (redirect) {
    const target = new URLSearchParams(redirect[2]).get("url") ?? new URLSearchParams(redirect[2]).get("q");
    if (target && /^https?:\/\//i.test(target)) {
      fixes.add("url-redirect-unwrapped");
      v = target;
    } else return undefined;
  }
  if (!/^https?:\/\//i.test(v)) {
    if (!/^[\w-]+(\.[\w-]+)*\.[a-z]{2,}(\/\S*)?$/i.test(v)) return undefined;
    fixes.add("url-scheme-added");
    v = `http://${v}`;
  }
  try {
    const u = new URL(v);
    if (/^(www\.)?google\./i.test(u.hostname) && u.pathname.startsWith("/search")) return undefined;
    return u.href;
  } catch {
    return undefined;
  }
}

/** Lower-case ASCII slug for ids: `Saint-Étienne` → `saint-etienne`. */
export function slug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
