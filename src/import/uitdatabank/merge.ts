// Documents that share an id (an export split in pages, a place embedded in each event and also given whole): grouped
// by kind and id, merged field by field, their conflicts and superseded fields reported.

import type { Problem } from "../../errors.js";
import { recordProblem } from "../types.js";
import { isBareReference, isObject, kindOf, str, uuidOf, type Json, type Kind } from "./json.js";

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (
    typeof a !== "object" ||
    typeof b !== "object" ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  )
    return false;
  if (Array.isArray(a))
    return a.length === (b as unknown[]).length && a.every((v, i) => sameJson(v, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson((a as Json)[k], (b as Json)[k]))
  );
}

/**
 * Documents that share an id (one export split in pages, a place embedded in each event and also given
 * whole) are merged field by field: a field only one of them gives is kept, equal fields once. When two
 * give different values, the one `modified` later wins (an info says so); with no such order the field
 * is a conflict: a violation names the field and both values, and the record is rejected rather than
 * one version picked.
 */
export function mergeDocuments(
  docs: readonly { doc: Json; index: number; embedded?: boolean }[],
  read?: ReadonlySet<string>,
): {
  doc: Json;
  from: ReadonlyMap<string, number>;
  conflicts: { field: string; values: unknown[]; indexes: number[] }[];
  superseded: { field: string; kept: number; dropped: number }[];
} {
  const out: Json = {};
  const from = new Map<string, number>();
  const conflicts: { field: string; values: unknown[]; indexes: number[] }[] = [];
  const superseded: { field: string; kept: number; dropped: number }[] = [];
  const modified = (d: Json): number | undefined => {
    const m = str(d.modified);
    return m !== undefined && !Number.isNaN(Date.parse(m)) ? Date.parse(m) : undefined;
  };
  // Whole documents first, then the copies embedded in events, which only fill fields the documents leave out.
  const ordered = [...docs.filter((d) => !d.embedded), ...docs.filter((d) => d.embedded)];
  for (const { doc, index, embedded } of ordered) {
    for (const [k, v] of Object.entries(doc)) {
      if (!(k in out)) {
        out[k] = v;
        from.set(k, index);
        continue;
      }
      if (sameJson(out[k], v) || k === "modified") continue;
      // A copy embedded in an event is a snapshot: the document itself wins over it, and a field
      // Vivant does not read cannot conflict.
      if (embedded || (read !== undefined && !read.has(k))) continue;
      const prevIndex = from.get(k)!;
      const prev = docs.find((d) => d.index === prevIndex)!.doc;
      const [mPrev, mThis] = [modified(prev), modified(doc)];
      if (mPrev !== undefined && mThis !== undefined && mPrev !== mThis) {
        if (mThis > mPrev) {
          out[k] = v;
          from.set(k, index);
          superseded.push({ field: k, kept: index, dropped: prevIndex });
        } else superseded.push({ field: k, kept: prevIndex, dropped: index });
        continue;
      }
      const c = conflicts.find((x) => x.field === k);
      if (c) {
        c.values.push(v);
        c.indexes.push(index);
      } else conflicts.push({ field: k, values: [out[k], v], indexes: [prevIndex, index] });
    }
  }
  const latest = ordered
    .filter((d) => !d.embedded || ordered.every((x) => x.embedded))
    .map((d) => str(d.doc.modified))
    .filter((m): m is string => m !== undefined)
    .sort()
    .at(-1);
  if (latest !== undefined) out.modified = latest;
  // Built key by key, `out` has gone to V8's slow (dictionary) properties past a dozen keys: every later read of it
  // (and each for…in of the ledger) pays a hash look-up or a fresh key list. A copy has fast properties, same order.
  return { doc: { ...out }, from, conflicts, superseded };
}

/**
 * The fields this importer reads, per kind: only they can conflict between two versions of a document, and (with the
 * identity keys) they are what the fidelity ledger counts as carried (ledger.ts).
 */
export const READ: Readonly<Record<"event" | "place" | "organizer", ReadonlySet<string>>> = {
  event: new Set([
    "name",
    "description",
    "location",
    "organizer",
    "calendarType",
    "subEvent",
    "startDate",
    "endDate",
    "openingHours",
    "openingHoursClosedDays",
    "openingHoursAdjustedDays",
    "status",
    "bookingAvailability",
    "bookingInfo",
    "priceInfo",
    "terms",
    "production",
    "image",
    "mediaObject",
    "typicalAgeRange",
    "attendanceMode",
    "onlineUrl",
    "sameAs",
    "mainLanguage",
    "performer",
  ]),
  place: new Set(["name", "description", "address", "geo", "sameAs", "mainLanguage"]),
  organizer: new Set(["name", "description", "url", "mainLanguage"]),
};

/** One event once its documents are merged: where it was read, and the input's documents of its id. */
export interface EventDoc {
  readonly doc: Json;
  readonly path: string;
  readonly id: string;
  /** Where each field was read (a merged event's fields come from several documents). */
  readonly fieldPaths: ReadonlyMap<string, string>;
  /** The input's event documents of this id (only when the ledger is kept: they are counted with its outcome). */
  readonly events: readonly Json[] | undefined;
}

/** The merged documents of an input, by kind, and the `kind id` of those whose versions conflict. */
export interface Grouped {
  readonly placeDocs: Map<string, Json>;
  readonly orgDocs: Map<string, Json>;
  readonly eventDocs: EventDoc[];
  readonly conflicted: ReadonlySet<string>;
}

interface Group {
  kind: Kind;
  id: string;
  parts: { doc: Json; index: number; path: string; embedded: boolean }[];
  events: Json[] | undefined;
}

/** The documents grouped by kind and id, embedded places and organizers included; `keepEvents` keeps each event's. */
function collectGroups(docs: readonly Json[], keepEvents: boolean): Map<string, Group> {
  const groups = new Map<string, Group>();
  /** Groups document `d`; returns its group, or undefined when it is not one of an event, place or organizer. */
  const collect = (d: unknown, index: number, path: string) => {
    if (!isObject(d)) return;
    const kind = kindOf(d);
    // An event without an id (publiq's write examples) stays one event of its own.
    const id = uuidOf(d) ?? (kind === "event" && path === `$[${index}]` ? `event-${index + 1}` : undefined);
    if (id === undefined || kind === undefined) return undefined;
    const key = `${kind} ${id}`;
    let g = groups.get(key);
    // `events` set from the start: one shape of group whether the ledger is kept or not.
    if (!g) groups.set(key, (g = { kind, id, parts: [], events: undefined }));
    // A bare {"@id"} reference adds nothing to merge.
    if (!isBareReference(d) || g.parts.length === 0)
      g.parts.push({ doc: d, index, path, embedded: path !== `$[${index}]` });
    if (g.parts.length > 1 && isBareReference(g.parts[0]!.doc)) g.parts.shift();
    return g;
  };
  docs.forEach((d, index) => {
    const g = collect(d, index, `$[${index}]`);
    if (kindOf(d) === "event") {
      if (keepEvents && g) (g.events ??= []).push(d);
      collect(d.location, index, `$[${index}].location`);
      collect(d.organizer, index, `$[${index}].organizer`);
    }
  });
  return groups;
}

/** Reports the conflicts (and marks the group conflicted) and the superseded fields of a merged group. */
function reportMerge(
  g: Group,
  { conflicts, superseded }: Pick<ReturnType<typeof mergeDocuments>, "conflicts" | "superseded">,
  problems: Problem[],
  conflicted: Set<string>,
): void {
  const entity = g.kind === "event" ? "performance" : g.kind === "place" ? "venue" : "organization";
  const pathOf = (i: number) => g.parts.find((p) => p.index === i)?.path ?? `$[${i}]`;
  for (const c of conflicts) {
    conflicted.add(`${g.kind} ${g.id}`);
    problems.push(
      recordProblem(
        "uitdatabank/conflicting-documents",
        entity,
        g.id,
        `${pathOf(c.indexes[1]!)}.${c.field}`,
        c.values,
        [
          `${g.kind} ${g.id} is given ${c.indexes.length} times with different ${c.field} (at ${c.indexes.map(pathOf).join(", ")}), and no later "modified" date says which is current`,
          `${g.kind} ${g.id} est donné ${c.indexes.length} fois avec des ${c.field} différents (en ${c.indexes.map(pathOf).join(", ")}), sans date « modified » plus récente pour dire lequel est à jour`,
        ],
        ["one value per field for one id", "une valeur par champ pour un même id"],
        [
          "keep one version of the document, or give each its modified date",
          "garder une version du document, ou donner à chacune sa date modified",
        ],
      ),
    );
  }
  for (const x of superseded) {
    problems.push(
      recordProblem(
        "uitdatabank/superseded-field",
        entity,
        g.id,
        `${pathOf(x.dropped)}.${x.field}`,
        undefined,
        [
          `${g.kind} ${g.id}: ${x.field} at ${pathOf(x.dropped)} is replaced by the later-modified document at ${pathOf(x.kept)}`,
          `${g.kind} ${g.id} : ${x.field} en ${pathOf(x.dropped)} est remplacé par le document modifié plus tard en ${pathOf(x.kept)}`,
        ],
        ["the latest version of each field", "la dernière version de chaque champ"],
        ["nothing to do", "rien à faire"],
        "info",
      ),
    );
  }
}

/** Groups and merges the documents of an input (problems for conflicting and superseded fields). */
export function groupDocuments(docs: readonly Json[], keepEvents: boolean, problems: Problem[]): Grouped {
  const placeDocs = new Map<string, Json>();
  const orgDocs = new Map<string, Json>();
  const eventDocs: EventDoc[] = [];
  const conflicted = new Set<string>();
  for (const g of collectGroups(docs, keepEvents).values()) {
    const merged =
      g.parts.length === 1
        ? { doc: g.parts[0]!.doc, from: new Map<string, number>(), conflicts: [], superseded: [] }
        : mergeDocuments(g.parts, READ[g.kind]);
    reportMerge(g, merged, problems, conflicted);
    const pathOf = (i: number) => g.parts.find((p) => p.index === i)?.path ?? `$[${i}]`;
    if (g.kind === "place") placeDocs.set(g.id, merged.doc);
    else if (g.kind === "organizer") orgDocs.set(g.id, merged.doc);
    else
      eventDocs.push({
        doc: merged.doc,
        path: g.parts[0]!.path,
        id: g.id,
        fieldPaths: new Map([...merged.from].map(([f, i]) => [f, pathOf(i)])),
        events: g.events,
      });
  }
  return { placeDocs, orgDocs, eventDocs, conflicted };
}
