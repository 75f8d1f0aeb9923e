// Where entity emitters write: the same calls feed the quad sink (hot path) or the JSON-LD graph sink.

import type { RecordRef } from "./types.js";

export interface Sink {
  /** Starts describing `subject`, produced by `origin` (a record) — used for provenance. */
  subject(subject: string, origin: RecordRef): void;
  /** subject —predicate→ IRI. `field` is the input JSON path that produced it. */
  iri(subject: string, predicate: string, object: string, field: string): void;
  /** subject —predicate→ literal of a datatype (xsd:string for plain text). */
  literal(subject: string, predicate: string, value: string, datatype: string, field: string): void;
  /** subject —predicate→ language-tagged literal. */
  text(subject: string, predicate: string, value: string, lang: string, field: string): void;
}
