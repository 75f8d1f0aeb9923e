// What every importer returns: typed records for the normal mapping path, and an account of the
// input: what was read, what was repaired (by kind), what was rejected and why. Nothing is dropped silently.

import type { Problem, ProblemCode } from "../errors.js";
import { Fixes } from "../harvest/fixes.js";
import type { Ledger } from "../harvest/ledger.js";
import type { FixKind } from "../harvest/fixes.js";
import { countByCode, problem } from "../harvest/problems.js";
import { encodeLocalId } from "../mapping/iri.js";
import type { RecordRef } from "../mapping/types.js";
import type { LangMap, Publisher, RecordDocument } from "../records/types.js";

export interface ImportResult {
  /** The accepted records, ready for `mapRecords` / `parseRecords`. */
  readonly document: RecordDocument;
  /** Input units read: rows for CSV, documents or nodes for JSON. */
  readonly read: number;
  readonly unit: "rows" | "documents" | "events";
  readonly fixes: Fixes;
  /** Per source property: seen, carried, repaired, not carried (empty when the importer was told `ledger: false`). */
  readonly ledger: Ledger;
  /** CSV imports: each repaired cell (row line, column) and its first fix, in row then column order (with the ledger). */
  readonly repairedCells?: readonly { readonly row: number; readonly column: string; readonly fix: FixKind }[];
  /** Violations rejected a record (listed in `rejected`); warnings and infos did not. */
  readonly problems: Problem[];
  readonly rejected: RecordRef[];
}

/** Who publishes the imported data. Only `id` is required; the rest has documented defaults. */
export interface PublisherOptions {
  readonly id: string;
  /** @default { und: id } */
  readonly name?: LangMap | undefined;
  /** @default `https://vivant.dev/publishers/<id>/` */
  readonly baseIri?: string | undefined;
  /**
   * Licence key or IRI. Sources that declare none get `NO_LICENCE_DECLARED`: Vivant does not guess one.
   * @default NO_LICENCE_DECLARED
   */
  readonly licence?: string | undefined;
  readonly url?: string | undefined;
}

/** Licence IRI recorded for a source that declares no licence (nothing is assumed about reuse). */
export const NO_LICENCE_DECLARED = "https://vivant.dev/ns#NoLicenceDeclared";

export function makePublisher(p: PublisherOptions): Publisher {
  return {
    id: p.id,
    name: p.name ?? { und: p.id },
    baseIri: p.baseIri ?? `https://vivant.dev/publishers/${encodeLocalId(p.id)}/`,
    licence: p.licence ?? NO_LICENCE_DECLARED,
    ...(p.url !== undefined ? { url: p.url } : {}),
  };
}

/** Rejection counts by reason (problem code), most frequent first. */
export function rejectionsByReason(result: Pick<ImportResult, "problems">): [string, number][] {
  return countByCode(result.problems, "violation");
}

/** A problem about one input record, in both languages. */
export function recordProblem(
  code: ProblemCode,
  entity: string,
  recordId: string | undefined,
  path: string,
  value: unknown,
  message: [string, string],
  expected: [string, string],
  hint: [string, string],
  severity: "violation" | "warning" | "info" = "violation",
): Problem {
  return problem({
    code,
    severity,
    entity,
    ...(recordId !== undefined ? { recordId } : {}),
    path,
    ...(value !== undefined ? { value } : {}),
    message: { en: message[0], fr: message[1] },
    expected: { en: expected[0], fr: expected[1] },
    hint: { en: hint[0], fr: hint[1] },
  });
}

/** Drops undefined fields and empty arrays/objects, so records carry only what the source said. */
export function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out as T;
}

/** Keeps the first record of each id (stable order: sorted by id). */
export function uniqueById<T extends { readonly id: string }>(records: Iterable<T>): T[] {
  const byId = new Map<string, T>();
  for (const r of records) if (!byId.has(r.id)) byId.set(r.id, r);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
