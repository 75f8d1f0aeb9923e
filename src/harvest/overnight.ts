// Ends past midnight in harvested markup: an event whose endDate is on its start's day but at an
// earlier time (startDate 22:00, endDate 05:30 the same day) ends the next morning. Repaired here
// (fix kind end-after-midnight), rather than refused whole by the core profile's end-after-start rule.

import { DataFactory } from "n3";
import type { Literal, Quad } from "@rdfjs/types";
import { endAfterMidnight } from "../records/time.js";
import { SCHEMA } from "../vocab.js";
import type { Fixes } from "./fixes.js";

const START = `${SCHEMA}startDate`;
const END = `${SCHEMA}endDate`;

/** The quads with each same-day earlier end moved to the next day (one start and one end per node only). */
export function repairEndsAfterMidnight(quads: readonly Quad[], fixes: Fixes): Quad[] {
  const starts = new Map<string, Literal[]>();
  const ends = new Map<string, number[]>();
  quads.forEach((q, i) => {
    if (q.object.termType !== "Literal") return;
    const key = `${q.subject.termType} ${q.subject.value} ${q.graph.value}`;
    if (q.predicate.value === START) (starts.get(key) ?? starts.set(key, []).get(key)!).push(q.object);
    else if (q.predicate.value === END) (ends.get(key) ?? ends.set(key, []).get(key)!).push(i);
  });
  let out: Quad[] | undefined;
  for (const [key, idx] of ends) {
    const s = starts.get(key);
    if (s?.length !== 1 || idx.length !== 1) continue;
    const q = quads[idx[0]!]!;
    const moved = endAfterMidnight(s[0]!.value, q.object.value);
    if (moved === undefined) continue;
    out ??= [...quads];
    out[idx[0]!] = DataFactory.quad(
      q.subject,
      q.predicate,
      DataFactory.literal(moved, (q.object as Literal).datatype),
      q.graph,
    );
    fixes.add("end-after-midnight");
  }
  return out ?? [...quads];
}
