// What a compiled shape check answers (a verdict: surely nothing found, surely something, or only the engine
// knows), the check types, and how verdicts combine.

import type { Term } from "@rdfjs/types";
import type { IndexedDataset } from "../dataset.js";

/** true: the shape surely finds nothing; false: it surely finds something; undefined: only the engine knows. */
export type Verdict = boolean | undefined;
/** A compiled shape: its verdict on one focus node of a data graph. */
export type NodeCheck = (node: Term, data: IndexedDataset) => Verdict;
export type ValueCheck = (value: Term, data: IndexedDataset) => Verdict;
export type ValuesCheck = (focus: Term, values: readonly Term[], data: IndexedDataset) => Verdict;

/** Both verdicts at once: false when either is, true when both are, else unknown. */
export function and(a: Verdict, b: Verdict): Verdict {
  if (a === false || b === false) return false;
  return a === true && b === true ? true : undefined;
}
