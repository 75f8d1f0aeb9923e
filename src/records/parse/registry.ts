// The registry of ids met so far (accepted records, rejected ids, halls) and the references checked against it.

import { ENTITY_OF, type AgentRef, type Collection } from "../types.js";
import { fieldPath, type RecordCheck } from "./check.js";

/** The value of a rejected record's id in the registry (so a reference to it is "rejected", not "unknown"). */
export const REJECTED: unique symbol = Symbol("rejected");

export interface Registry {
  /** Per collection, every id met so far: its accepted record, or REJECTED. */
  readonly records: Map<Collection, Map<string, unknown>>;
  /** hall id → venue id, for accepted venues. */
  readonly halls: Map<string, string>;
  /** hall id → venue id, for every venue seen (accepted or not). */
  readonly allHalls: Map<string, string>;
}

/** The accepted record `id` of `to`, or undefined after reporting why the reference cannot be followed. */
export function checkRef(
  reg: Registry,
  to: Collection,
  id: string,
  c: RecordCheck,
  at: string,
  key: string,
  index?: number,
  leaf?: string,
): unknown {
  const found = reg.records.get(to)?.get(id);
  if (found !== undefined && found !== REJECTED) return found;
  referenceProblem(c, { path: fieldPath(at, key, index, leaf), to, id, rejected: found === REJECTED });
  return undefined;
}

/** A reference that cannot be followed: to a rejected record, or to no record at all. */
function referenceProblem(
  c: RecordCheck,
  { path, to, id, rejected }: { path: string; to: Collection; id: string; rejected: boolean },
): void {
  const entity = ENTITY_OF[to];
  if (rejected) {
    c.report({
      code: "record/rejected-reference",
      path,
      value: id,
      expected: { en: `an accepted ${entity}`, fr: `un élément ${entity} accepté` },
      message: {
        en: `${entity} "${id}" was rejected, so this record cannot refer to it`,
        fr: `${entity} « ${id} » a été rejeté : cette fiche ne peut pas y renvoyer`,
      },
      hint: {
        en: `fix ${entity} "${id}" first (see its own problems)`,
        fr: `corrigez d'abord ${entity} « ${id} » (voir ses propres problèmes)`,
      },
    });
  } else {
    c.report({
      code: "record/unknown-reference",
      path,
      value: id,
      expected: { en: `the id of one of the document's ${to}`, fr: `l'id d'un élément de ${to} du document` },
      message: { en: `no ${entity} has id "${id}"`, fr: `aucun élément ${entity} n'a l'id « ${id} »` },
      hint: {
        en: `add ${entity} "${id}" to ${to}, or correct the id`,
        fr: `ajoutez ${entity} « ${id} » à ${to}, ou corrigez l'id`,
      },
    });
  }
}

export function checkAgents(
  reg: Registry,
  refs: readonly AgentRef[] | undefined,
  at: string,
  key: string,
  c: RecordCheck,
): void {
  if (!refs) return;
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i]!;
    if (r.person !== undefined) checkRef(reg, "people", r.person, c, at, key, i, "person");
    if (r.organization !== undefined) checkRef(reg, "organizations", r.organization, c, at, key, i, "organization");
  }
}
