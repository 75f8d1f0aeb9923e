// Progress of long harvests and imports: a bar redrawn in place on a terminal, a counter line every
// few seconds otherwise (logs, CI), and the final summary both print.

import { pushAll } from "../arrays.js";
import type { Lang } from "../errors.js";
import { t, type MessageKey } from "../i18n.js";
import type { Fixes } from "./fixes.js";
import type { Ledger } from "./ledger.js";

export interface ProgressOptions {
  readonly stream: NodeJS.WritableStream;
  /** Redraw one line in place (terminal) or print periodic lines (pipes, logs). */
  readonly isTTY: boolean;
  /** e.g. `pages`, `rows`, already in the language of `lang`. */
  readonly unit: string;
  /** Least time between two counter lines when not a terminal, in ms. @default 2000 */
  readonly intervalMs?: number;
  /** Least time between two redraws on a terminal, in ms (the last state is always drawn by `done`). @default 100 */
  readonly redrawMs?: number;
  /** Language of the words (elapsed, ETA). @default "en" */
  readonly lang?: Lang;
  /**
   * Width of the terminal in columns; the line never takes more than this less one (so it never wraps). Read at each
   * redraw (the terminal may be resized). @default the stream's `columns`, else process.stdout.columns, else 80
   */
  readonly columns?: () => number | undefined;
  /** The clock, in ms (tests give a fake one). @default performance.now */
  readonly now?: () => number;
}

/** What a progress line shows; `total` ≤ 0 means unknown (then no bar, percentage nor ETA). */
export interface ProgressState {
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
  readonly unit: string;
  readonly counters?: Readonly<Record<string, number>>;
}

/** `m:ss`, or `h:mm:ss` from one hour. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

function decimal(n: number, lang: Lang): string {
  const text = n >= 100 ? String(Math.round(n)) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
  return lang === "fr" ? text.replace(".", ",") : text;
}

/** The pieces of a progress line, most important first: counts, rate, elapsed, ETA, extra counters. */
function pieces(s: ProgressState, lang: Lang): { count: string; percent?: string; rest: string[] } {
  const known = s.total > 0;
  const seconds = s.elapsedMs / 1000;
  const rate = seconds > 0 ? s.done / seconds : 0;
  const rest: string[] = [];
  if (seconds > 0) rest.push(t("progress/rate", { rate: decimal(rate, lang), unit: s.unit }, lang));
  rest.push(t("progress/elapsed", { time: formatDuration(s.elapsedMs) }, lang));
  if (known && s.done < s.total && rate > 0)
    rest.push(t("progress/eta", { time: formatDuration(((s.total - s.done) / rate) * 1000) }, lang));
  for (const [k, v] of Object.entries(s.counters ?? {})) rest.push(`${v} ${k}`);
  const pct = known ? Math.min(100, Math.floor((s.done / s.total) * 100)) : undefined;
  return {
    count: known ? `${s.done}/${s.total} ${s.unit}` : `${s.done} ${s.unit}`,
    ...(pct !== undefined ? { percent: lang === "fr" ? `${pct} %` : `${pct}%` } : {}),
    rest,
  };
}

/** One counter line (logs, pipes): everything, however long. */
export function formatCounterLine(s: ProgressState, lang: Lang = "en"): string {
  const p = pieces(s, lang);
  return [`${p.count}${p.percent !== undefined ? ` (${p.percent})` : ""}`, ...p.rest].join(" · ");
}

/**
 * The terminal line, at most `columns - 1` characters: a bar (shrunk first, down to nothing), the counts, then as many
 * of rate, elapsed, ETA and the extra counters as fit, in that order; cut with "…" if even the counts do not fit.
 */
export function formatBarLine(s: ProgressState, columns: number, lang: Lang = "en"): string {
  const max = Math.max(1, Math.floor(columns) - 1);
  const p = pieces(s, lang);
  const head = `${p.count}${p.percent !== undefined ? ` ${p.percent}` : ""}`;
  let text = head;
  for (const r of p.rest) {
    if (text.length + 3 + r.length > max) break;
    text += ` · ${r}`;
  }
  if (s.total > 0) {
    // [####    ] + a space: 3 characters of frame, at least 6 of bar to be worth showing, at most 24.
    const room = max - text.length - 3;
    const width = Math.min(24, room);
    if (width >= 6) {
      const filled = Math.min(width, Math.round((s.done / s.total) * width));
      text = `[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${text}`;
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export class Progress {
  readonly #o: ProgressOptions;
  readonly #now: () => number;
  readonly #start: number;
  #last = -Infinity;
  #drawn = false;
  #state: { done: number; total: number; counters: Readonly<Record<string, number>> } | undefined;
  #printed: string | undefined;

  constructor(options: ProgressOptions) {
    this.#o = options;
    this.#now = options.now ?? (() => performance.now());
    this.#start = this.#now();
  }

  #columns(): number {
    const fromOption = this.#o.columns?.();
    const fromStream = (this.#o.stream as { columns?: number }).columns;
    const c = fromOption ?? fromStream ?? process.stdout.columns;
    return typeof c === "number" && c > 0 ? c : 80;
  }

  #render(): void {
    const st = this.#state;
    if (!st) return;
    const state: ProgressState = {
      done: st.done,
      total: st.total,
      elapsedMs: this.#now() - this.#start,
      unit: this.#o.unit,
      counters: st.counters,
    };
    const lang = this.#o.lang ?? "en";
    if (this.#o.isTTY) {
      this.#o.stream.write(`\r${formatBarLine(state, this.#columns(), lang)}\x1b[K`);
      this.#drawn = true;
    } else {
      const line = formatCounterLine(state, lang);
      this.#o.stream.write(`${line}\n`);
      this.#printed = `${st.done}/${st.total}`;
    }
  }

  /** `done` of `total` (total may grow; 0 when unknown), with extra counters such as `{ entities: 120, failed: 2 }`. */
  update(done: number, total: number, counters: Readonly<Record<string, number>> = {}): void {
    this.#state = { done, total, counters };
    const now = this.#now();
    const finished = total > 0 && done >= total;
    const wait = this.#o.isTTY ? (this.#o.redrawMs ?? 100) : (this.#o.intervalMs ?? 2000);
    if (!finished && now - this.#last < wait) return;
    this.#last = now;
    this.#render();
  }

  /** Draws the last state (a terminal's bar, or a final counter line if the last one printed was older) and ends the line. */
  done(): void {
    if (this.#o.isTTY) {
      if (this.#state) this.#render();
      if (this.#drawn) this.#o.stream.write("\n");
    } else if (this.#state && this.#printed !== `${this.#state.done}/${this.#state.total}`) this.#render();
    this.#drawn = false;
  }
}

export interface Summary {
  /** e.g. `["pages read", 165]`, `["rows read", 7283]`. */
  readonly read: readonly [string, number][];
  /** Entities loaded (or written) by kind. */
  readonly entities: Readonly<Record<string, number>>;
  readonly fixes: Fixes;
  /** Rejections (or failures) by reason code. */
  readonly rejections: readonly [string, number][];
  readonly failures?: readonly [string, number][];
  /** The fidelity ledger: per property, seen / carried / repaired / not carried. */
  readonly ledger?: Ledger;
}

/** The final summary, one fact per line, in `lang` (the `read` labels and entity names are given in it). */
export function formatSummary(s: Summary, lang: Lang = "en"): string {
  const lines: string[] = [];
  for (const [label, n] of s.read) lines.push(`${label}: ${n}`.replace(/: /, lang === "fr" ? " : " : ": "));
  const ents = Object.entries(s.entities).filter(([, n]) => n > 0);
  lines.push(
    t(
      "summary/entities",
      {
        list: ents.length
          ? ents.map(([k, n]) => `${n} ${entityName(k, lang)}`).join(", ")
          : t("summary/none", {}, lang),
      },
      lang,
    ),
  );
  const fixes = s.fixes.entries();
  lines.push(t("summary/fixes", { count: fixes.length ? fixes.reduce((sum, [, n]) => sum + n, 0) : 0 }, lang));
  const sep = lang === "fr" ? " : " : ": ";
  for (const [k, n] of fixes) lines.push(`  ${k}${sep}${n}`);
  if (s.failures) {
    lines.push(t("summary/failed-urls", { count: s.failures.reduce((sum, [, n]) => sum + n, 0) }, lang));
    for (const [k, n] of s.failures) lines.push(`  ${k}${sep}${n}`);
  }
  lines.push(t("summary/rejected", { count: s.rejections.reduce((sum, [, n]) => sum + n, 0) }, lang));
  for (const [k, n] of s.rejections) lines.push(`  ${k}${sep}${n}`);
  if (s.ledger) pushAll(lines, s.ledger.summaryLines(lang));
  return lines.join("\n");
}

const COLLECTION_KEYS: Readonly<Record<string, MessageKey>> = {
  venues: "collection/venues",
  organizations: "collection/organizations",
  people: "collection/people",
  works: "collection/works",
  productions: "collection/productions",
  series: "collection/series",
  performances: "collection/performances",
};

/** A record collection's name in `lang` (schema.org class names such as Event stay as they are). */
function entityName(name: string, lang: Lang): string {
  const key = COLLECTION_KEYS[name];
  return key ? t(key, {}, lang) : name;
}
