// Reading a CapData RDF/XML file safely: its XML entities bounded before Oxigraph expands them, then the triples
// parsed as a stream and cut at a maximum count.

import type { Quad } from "@rdfjs/types";
import oxigraph from "oxigraph";
import { InputError } from "../../errors.js";
import { t, tx } from "../../i18n.js";

const ENTITY = /<!ENTITY\s+(%\s*)?([^\s"']+)\s+(?:"([^"]*)"|'([^']*)'|(\S[^>]*))>/g;

/**
 * XML entities, bounded before the parser sees them (Oxigraph expands internal entities: a few nested ones turn a
 * kilobyte into gigabytes). Namespace abbreviations pass; parameter, external and nested entities are refused, and
 * so is a file whose references would expand past `maxBytes`.
 */
export function checkEntities(text: string, maxBytes: number): void {
  const start = text.indexOf("<!DOCTYPE");
  if (start < 0) return;
  const refuse = (en: string, fr: string): never => {
    throw new InputError(
      "capdata/entities",
      { en: t("capdata/entities", { what: en }, "en"), fr: t("capdata/entities", { what: fr }, "fr") },
      { hint: tx("capdata/entities.hint") },
    );
  };
  let expanded = 0;
  for (const m of text.matchAll(ENTITY)) {
    const [, parameter, name, dq, sq, external] = m;
    if (parameter !== undefined) refuse(`a parameter entity (%${name})`, `une entité paramètre (%${name})`);
    if (external !== undefined) refuse(`an external entity (${name})`, `une entité externe (${name})`);
    const value = dq ?? sq ?? "";
    if (/&(?!#)/.test(value))
      refuse(`an entity that refers to another (${name})`, `une entité qui en appelle une autre (${name})`);
    const uses = text.split(`&${name};`).length - 1;
    expanded += uses * value.length;
    if (expanded > maxBytes)
      refuse(
        `entities whose uses expand past ${maxBytes} bytes`,
        `des entités dont les appels dépassent ${maxBytes} octets une fois étendus`,
      );
  }
}

/** Parses the RDF/XML (an InputError for a file that is not), stopping after `max` triples. */
export function parseRdfXml(text: string, base: string, max: number): { quads: Quad[]; truncated: boolean } {
  const quads: Quad[] = [];
  try {
    for (const q of oxigraph.parse([text] as Iterable<string>, {
      format: "application/rdf+xml",
      base_iri: base,
    }) as unknown as Iterable<Quad>) {
      if (quads.length >= max) return { quads, truncated: true };
      quads.push(q);
    }
  } catch (e) {
    throw new InputError("capdata/syntax", tx("capdata/syntax", { detail: (e as Error).message.slice(0, 500) }), {
      hint: tx("capdata/syntax.hint"),
    });
  }
  return { quads, truncated: false };
}
