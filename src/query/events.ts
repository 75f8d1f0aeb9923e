// What the typed questions count as a performance: a node typed with an Event class (schema:Event, a subclass the
// shipped schema.org hierarchy knows, or a class the data declares a subclass of one of those), with a work
// performed and a start that is a valid xsd:dateTime (or xsd:date, which the core profile also accepts). Nodes
// that only look like events (no such type) and starts that are not dates never reach the typed API: the core
// profile validates the former only when they are typed, and anything can be sent as the latter.

import type { Term } from "@rdfjs/types";
import { readFileSync } from "node:fs";
import { parseIsoDate } from "../records/time.js";
import { CLASS_HIERARCHY_FILE, parseShapesTurtle, shapesDir } from "../validate/profiles.js";
import { RDFS, SCHEMA, XSD_DATE, XSD_DATETIME } from "../vocab.js";

export const SUBCLASS_OF = `${RDFS}subClassOf`;
const EVENT = `${SCHEMA}Event`;

let shipped: readonly string[] | undefined;
let shippedEdges: readonly (readonly [string, string])[] | undefined;

/** The (subclass, superclass) pairs of the schema.org class hierarchy shipped with the profiles (shapes/schemaorg-classes.ttl). */
export function shippedClassEdges(): readonly (readonly [string, string])[] {
  if (shippedEdges === undefined) {
    const edges: [string, string][] = [];
    for (const q of parseShapesTurtle(
      readFileSync(`${shapesDir()}${CLASS_HIERARCHY_FILE}`, "utf8"),
      "https://vivant.dev/shapes/",
      CLASS_HIERARCHY_FILE,
    )) {
      if (q.predicate.value === SUBCLASS_OF && q.subject.termType === "NamedNode" && q.object.termType === "NamedNode")
        edges.push([q.subject.value, q.object.value]);
    }
    shippedEdges = edges;
  }
  return shippedEdges;
}

/** schema:Event and its subclasses in the class hierarchy shipped with the profiles (shapes/schemaorg-classes.ttl). */
export function shippedEventClasses(): readonly string[] {
  shipped ??= [...subclassesOf([EVENT], shippedClassEdges())].sort();
  return shipped;
}

/** `roots` and every class that `edges` (subclass, superclass) make a subclass of one of them, transitively. */
export function subclassesOf(roots: Iterable<string>, edges: Iterable<readonly [string, string]>): Set<string> {
  const subs = new Map<string, string[]>();
  for (const [c, d] of edges) {
    const l = subs.get(d);
    if (l) l.push(c);
    else subs.set(d, [c]);
  }
  const found = new Set(roots);
  const queue = [...found];
  while (queue.length) {
    for (const c of subs.get(queue.pop()!) ?? []) {
      if (!found.has(c)) {
        found.add(c);
        queue.push(c);
      }
    }
  }
  return found;
}

/** The Event classes of a store: the shipped ones and those its data declares (`rdfs:subClassOf` pairs). */
export function eventClasses(declared: Iterable<readonly [string, string]>): Set<string> {
  return subclassesOf(shippedEventClasses(), declared);
}

/** Whether a start is a literal that is a valid xsd:dateTime, or a valid xsd:date. */
export function isValidStart(t: Term): boolean {
  if (t.termType !== "Literal") return false;
  const dt = t.datatype.value;
  if (dt !== XSD_DATETIME && dt !== XSD_DATE) return false;
  const p = parseIsoDate(t.value);
  return p !== undefined && (p.kind === "dateTime") === (dt === XSD_DATETIME);
}

/** The same two tests in SPARQL, on ?e and ?start (filter.ts's block): each is one FILTER line. */
export function eventTestsSparql(): string[] {
  const classes = shippedEventClasses()
    .map((c) => `<${c}>`)
    .join(" ");
  const classList = classes.split(" ").join(", ");
  return [
    // A cast of the lexical form gives back the same value only when it is valid (an invalid one is an error: false).
    `FILTER(?start = <${XSD_DATETIME}>(STR(?start)) || ?start = <${XSD_DATE}>(STR(?start)))`,
    // A listed type, or a type the data declares a subclass of one. Two EXISTS tests, the second a one-or-more path
    // from the bound ?e tested with IN: Virtuoso refuses a transitive path with both ends unbound inside a UNION
    // ("transitive derived table"), and inside FILTER EXISTS it answered false for every node instead (every typed
    // question empty); a VALUES list at the path's end makes Oxigraph walk it from each class (twice as slow).
    `FILTER(EXISTS { ?e a ?eventType . VALUES ?eventType { ${classes} } } || EXISTS { ?e a/<${SUBCLASS_OF}>+ ?eventClass . FILTER(?eventClass IN (${classList})) })`,
  ];
}
