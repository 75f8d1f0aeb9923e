// The state one UiTdatabank import shares between the modules that read its events: what they add to (records,
// problems, fixes) and what they look up (places, conflicts, the window and limit the caller gave).

import type { Problem, ProblemCode } from "../../errors.js";
import type { Fixes } from "../../harvest/fixes.js";
import type { RecordRef } from "../../mapping/types.js";
import type { Performance, Person, Production } from "../../records/types.js";
import type { Json } from "./json.js";
import type { Places } from "./places.js";

export interface EventRun {
  readonly fixes: Fixes;
  readonly problems: Problem[];
  readonly rejected: RecordRef[];
  readonly places: Places;
  readonly people: Map<string, Person>;
  readonly productions: Map<string, Production>;
  readonly performances: Performance[];
  /** Terms with no Vivant type or genre (`domain:label`), reported once each at the end. */
  readonly unmapped: Set<string>;
  /** The ids of the events rejected (merged from several documents or not). */
  readonly rejectedEvents: Set<string>;
  /** `kind id` of the documents whose versions conflict (merge.ts). */
  readonly conflicted: ReadonlySet<string>;
  readonly permanentWindow: { readonly from: string; readonly to: string } | undefined;
  /** Performances made at most from one periodic or permanent event. */
  readonly max: number;
}

/** Why an event is rejected: the violation's code, the field (a path inside the event) and value, and its words. */
export interface Rejection {
  readonly code: ProblemCode;
  readonly field: string;
  readonly value: unknown;
  /** English, then French. */
  readonly message: [string, string];
  readonly expected: [string, string];
  readonly hint: [string, string];
}

/** One event being read: its merged document, id and path, where a field was read, and how to reject it. */
export interface EventAt {
  readonly run: EventRun;
  readonly d: Json;
  readonly id: string;
  readonly path: string;
  /** Where a field was read: a merged event's fields come from several documents. */
  readonly at: (field: string) => string;
  /** Rejects the event with a violation on `field`. */
  readonly reject: (rejection: Rejection) => void;
}
