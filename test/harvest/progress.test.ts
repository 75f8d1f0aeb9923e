// Progress of long runs, with a fake clock and a fake stream (no wall clock): rate, elapsed time and ETA when the
// total is known, a terminal line that never takes the last column (so never wraps), counter lines every
// `intervalMs` when not a terminal, in English and French.

import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { formatBarLine, formatCounterLine, formatDuration, Progress } from "../../src/harvest/progress.js";

class FakeStream extends Writable {
  readonly writes: string[] = [];
  columns: number | undefined;
  constructor(columns?: number) {
    super();
    this.columns = columns;
  }
  override _write(chunk: Buffer, _e: BufferEncoding, done: () => void): void {
    this.writes.push(chunk.toString("utf8"));
    done();
  }
}

function clock(start = 1_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

/** What a terminal shows after these writes: the text after the last \r, escapes removed. */
function screenLine(writes: readonly string[]): string {
  const all = writes.join("");
  return all
    .slice(all.lastIndexOf("\r") + 1)
    .replace(/\x1b\[K/g, "")
    .replace(/\n$/, "");
}

describe("progress lines", () => {
  it("show the rate, the elapsed time and the ETA when the total is known", () => {
    const s = { done: 250, total: 1000, elapsedMs: 50_000, unit: "rows" };
    expect(formatCounterLine(s)).toBe("250/1000 rows (25%) · 5.00 rows/s · 0:50 elapsed · ETA 2:30");
    expect(formatCounterLine(s, "fr")).toBe("250/1000 rows (25 %) · 5,00 rows/s · durée 0:50 · reste ~2:30");
  });

  it("show no percentage nor ETA when the total is unknown, and no ETA once done", () => {
    expect(formatCounterLine({ done: 40, total: 0, elapsedMs: 4_000, unit: "pages" })).toBe(
      "40 pages · 10.0 pages/s · 0:04 elapsed",
    );
    expect(formatCounterLine({ done: 10, total: 10, elapsedMs: 3_723_000, unit: "URLs" })).toBe(
      "10/10 URLs (100%) · 0.00 URLs/s · 1:02:03 elapsed",
    );
    expect(formatDuration(59_400)).toBe("0:59");
    expect(formatDuration(3_600_000)).toBe("1:00:00");
  });

  it("fit any terminal width: never more than columns - 1 characters; words first, the bar in the room left", () => {
    const s = {
      done: 123_456,
      total: 1_000_000,
      elapsedMs: 61_000,
      unit: "nodes validated",
      counters: { entities: 12, failed: 3 },
    };
    for (let columns = 1; columns <= 200; columns++) {
      const line = formatBarLine(s, columns);
      expect(line.length, `${columns} columns: ${line}`).toBeLessThanOrEqual(Math.max(1, columns - 1));
    }
    const wide = formatBarLine(s, 200);
    expect(wide).toMatch(
      /^\[#{3} {21}\] 123456\/1000000 nodes validated 12% · 2024 nodes validated\/s · 1:01 elapsed · ETA 7:13 · 12 entities · 3 failed$/,
    );
    // Narrower: the bar goes first (it needs 6 characters of room), then the extra counters, the ETA, the elapsed
    // time, the rate; the counts are cut last, with "…".
    expect(formatBarLine(s, 120)).toBe(
      "[#     ] 123456/1000000 nodes validated 12% · 2024 nodes validated/s · 1:01 elapsed · ETA 7:13 · 12 entities · 3 failed",
    );
    expect(formatBarLine(s, 80)).toBe("123456/1000000 nodes validated 12% · 2024 nodes validated/s · 1:01 elapsed");
    expect(formatBarLine(s, 40)).toBe("123456/1000000 nodes validated 12%");
    expect(formatBarLine(s, 20)).toBe("123456/1000000 nod…");
  });
});

describe("Progress", () => {
  it("redraws one line in place on a terminal, at most every redrawMs, within the stream's columns", () => {
    const stream = new FakeStream(40);
    const c = clock();
    const p = new Progress({ stream, isTTY: true, unit: "rows", now: c.now, redrawMs: 100 });
    p.update(0, 500);
    c.advance(50);
    p.update(10, 500); // within 100 ms of the last draw: not drawn
    expect(stream.writes).toHaveLength(1);
    c.advance(950);
    p.update(100, 500);
    expect(stream.writes).toHaveLength(2);
    expect(stream.writes.every((w) => w.startsWith("\r") && !w.includes("\n"))).toBe(true);
    expect(screenLine(stream.writes)).toBe("[#      ] 100/500 rows 20% · 100 rows/s");
    // The terminal is resized: the next line fits the new width.
    stream.columns = 24;
    c.advance(1000);
    p.update(300, 500);
    expect(screenLine(stream.writes)).toBe("300/500 rows 60%");
    expect(screenLine(stream.writes).length).toBeLessThan(24);
    p.update(500, 500); // the last one is always drawn
    p.done();
    expect(stream.writes.at(-1)).toBe("\n");
    expect(screenLine(stream.writes.slice(0, -1))).toBe("500/500 rows 100%");
  });

  it("prints a counter line every intervalMs when not a terminal, and the final state once", () => {
    const stream = new FakeStream();
    const c = clock();
    const p = new Progress({ stream, isTTY: false, unit: "lignes", lang: "fr", now: c.now, intervalMs: 2000 });
    for (let i = 1; i <= 100; i++) {
      c.advance(100);
      p.update(i * 10, 1000);
    }
    // 10 s in 100 ms steps: the first update, then one every 2 s, then the last (done = total).
    expect(stream.writes).toEqual([
      "10/1000 lignes (1 %) · 100 lignes/s · durée 0:00 · reste ~0:10\n",
      "210/1000 lignes (21 %) · 100 lignes/s · durée 0:02 · reste ~0:08\n",
      "410/1000 lignes (41 %) · 100 lignes/s · durée 0:04 · reste ~0:06\n",
      "610/1000 lignes (61 %) · 100 lignes/s · durée 0:06 · reste ~0:04\n",
      "810/1000 lignes (81 %) · 100 lignes/s · durée 0:08 · reste ~0:02\n",
      "1000/1000 lignes (100 %) · 100 lignes/s · durée 0:10\n",
    ]);
    p.done(); // already printed: nothing more
    expect(stream.writes).toHaveLength(6);
  });

  it("prints the last state at done() when the last counter line was older", () => {
    const stream = new FakeStream();
    const c = clock();
    const p = new Progress({ stream, isTTY: false, unit: "URLs", now: c.now, intervalMs: 5000 });
    p.update(1, 3);
    c.advance(1000);
    p.update(2, 4); // total grew; within the interval: not printed
    expect(stream.writes).toHaveLength(1);
    p.done();
    expect(stream.writes).toEqual([
      "1/3 URLs (33%) · 0:00 elapsed\n",
      "2/4 URLs (50%) · 2.00 URLs/s · 0:01 elapsed · ETA 0:01\n",
    ]);
  });
});
