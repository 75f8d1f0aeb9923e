// Where entity emitters write (predicates and datatypes as shared term objects: no per-call IRI strings): the same calls feed the quad sink (hot path) or the JSON-LD graph sink.

import type { NamedNode } from "@rdfjs/types";
import type { RecordRef } from "./types.js";

export interface Sink {
  /**
   * Whether the sink keeps the input field behind each triple. When it does not, emitters are given empty record
   * paths, so the per-triple field strings cost nothing.
   */
  readonly keepsFields: boolean;
  /** Starts describing `subject`, produced by `origin` (a record) — used for provenance. */
  subject(subject: string, origin: RecordRef): void;
  /** subject —predicate→ IRI. `field` is the input JSON path that produced it. */
  iri(subject: string, predicate: NamedNode, object: string | NamedNode, field: string): void;
  /** subject —predicate→ literal of a datatype (xsd:string for plain text). */
  literal(subject: string, predicate: NamedNode, value: string, datatype: NamedNode, field: string): void;
  /** subject —predicate→ language-tagged literal. */
  text(subject: string, predicate: NamedNode, value: string, lang: string, field: string): void;
}
