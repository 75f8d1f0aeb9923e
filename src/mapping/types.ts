// What the mapper returns: plain data between stages (quads, JSON-LD objects, provenance, problems).

import type { Quad } from "@rdfjs/types";
import type { Problem } from "../errors.js";
import type { RecordDocument } from "../records/types.js";
import type { Triples } from "./triples.js";

/** A record of the input, as identified in reports. */
export interface RecordRef {
  /** `venue`, `performance`, … */
  readonly entity: string;
  readonly recordId: string;
  /** JSON path of the record in the input, e.g. `$.performances[3]`. */
  readonly path: string;
}

/** Where a subject of the output came from: the record, and the input field behind each predicate. */
export interface Origin extends RecordRef {
  /** Predicate IRI → JSON path of the input field that produced it (e.g. `$.performances[3].startDate`). */
  readonly fields: ReadonlyMap<string, string>;
}

/** Subject IRI → its origin. Lets a SHACL result on a triple name the record and field to fix. */
export type Origins = ReadonlyMap<string, Origin>;

/** What `parseRecords` returns: the records that passed, every problem, and which records were accepted or rejected. */
export interface ParseResult {
  /**
   * The records that passed, normalised (local times resolved to their offset, external ids as sameAs IRIs),
   * with references only to records that passed. Absent when the publisher itself is unusable.
   */
  readonly document?: RecordDocument;
  /** Every problem found, all at once. Violations reject their record; warnings do not. */
  readonly problems: readonly Problem[];
  readonly accepted: readonly RecordRef[];
  readonly rejected: readonly RecordRef[];
}

/** What `mapRecords` returns: `parseRecords`' result with the publisher's graph IRI and its RDF, as quads or streamed. */
export interface MapResult extends ParseResult {
  /** The publisher's data as RDF/JS quads in the default graph (made on first read). */
  readonly quads: Quad[];
  /**
   * The same triples, made from the parsed records each time they are read (nothing is stored per triple):
   * `forEach`, `writeNQuads`, or iteration as quads made one record at a time; pass it to a writer
   * (`GraphStore.replaceGraph`, `GraphWriter.replaceGraph`) to stream a large season without holding every quad.
   */
  readonly triples: Triples;
  /** Every subject's origin (made on first read; see `originsOf` for a few subjects of a large season). */
  readonly origins: Origins;
  /**
   * The origins of `subjects` only, made by reading the records once (what a validation report needs). With
   * `predicates`, a subject listed there keeps the fields of those predicates only (what its issues read).
   */
  readonly originsOf: (subjects: ReadonlySet<string>, predicates?: ReadonlyMap<string, ReadonlySet<string>>) => Origins;
  /** The named graph this publisher's data belongs in. */
  readonly graphIri: string;
}

/** A JSON-LD document: `{"@context": …, "@graph": […]}` or a single node. */
export type JsonLdObject = { readonly [key: string]: unknown };
