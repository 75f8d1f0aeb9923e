// The reconciliation index: every venue, person, organization, work, production and performance of the store's
// publisher graphs with its names (each language), identifiers (`sameAs`) and the properties queries match on,
// read with three SELECT queries through the server's query backend (so with its time and size limits), and
// inverted on name words, external identifiers and property values so that a query scans only likely candidates.

import type { Term } from "@rdfjs/types";
import { CATALOG_GRAPH } from "../store/catalog.js";
import type { SelectSource } from "../store/types.js";
import { forEachInSlices } from "../turns.js";
import { externalIri, foldCode, foldName, tokens } from "./text.js";
import { familiesOf, familyClasses, PROPERTIES, type Family, type ReconProperty } from "./vocabulary.js";

/** One value as stored: an IRI, or a literal with its language or datatype. */
export interface Value {
  readonly value: string;
  readonly iri: boolean;
  readonly lang?: string;
  readonly datatype?: string;
}

export interface Entity {
  readonly id: string;
  /** The publisher graphs that describe it. */
  readonly graphs: string[];
  readonly classes: string[];
  families: Family[];
  /** Property id (vocabulary.ts) → values. `name` holds the names in every language. */
  readonly props: Map<string, Value[]>;
  /** Its names and other names, folded (text.ts). */
  folded: string[];
}

const DIRECT = PROPERTIES.filter((p) => p.via === undefined);
const NESTED = PROPERTIES.filter((p) => p.via !== undefined);
const byPredicate = new Map(DIRECT.map((p) => [p.predicate, p]));
const byPath = new Map(NESTED.map((p) => [`${p.via!} ${p.predicate}`, p]));

function valueOf(t: Term): Value {
  if (t.termType === "NamedNode") return { value: t.value, iri: true };
  if (t.termType === "Literal")
    return { value: t.value, iri: false, ...(t.language ? { lang: t.language } : { datatype: t.datatype.value }) };
  return { value: t.value, iri: false };
}

/** The key a value is indexed (and compared) under for its property. */
export function valueKey(p: ReconProperty, v: string): string {
  switch (p.kind) {
    case "code":
      return foldCode(v);
    case "date":
      return v.slice(0, 10);
    case "iri":
      return p.id === "sameAs" ? (externalIri(v) ?? v) : v;
    case "entity":
      return v;
    default:
      return foldName(v);
  }
}

export class EntityIndex {
  readonly entities = new Map<string, Entity>();
  readonly #byToken = new Map<string, string[]>();
  readonly #bySameAs = new Map<string, string[]>();
  readonly #byValue = new Map<string, string[]>();

  /**
   * Reads the index from a store (the server's query backend, or a store opened in this thread), in slices of
   * SLICE rows or entities with a turn of the event loop between two: on a server's HTTP thread a build at a
   * million triples never holds the other requests for more than a slice.
   */
  static async build(source: SelectSource): Promise<EntityIndex> {
    const index = new EntityIndex();
    const notCatalog = `FILTER(isIRI(?s) && ?g != <${CATALOG_GRAPH}>)`;
    const classes = [...familyClasses().keys()].map((c) => `<${c}>`).join(" ");
    const typed = await source.select(
      `SELECT ?g ?s ?t WHERE { GRAPH ?g { VALUES ?t { ${classes} } ?s a ?t } ${notCatalog} }`,
      { unionDefaultGraph: false },
    );
    await forEachInSlices(typed.bindings, (b) => index.#typed(b.s!.value, b.g!.value, b.t!.value));
    const direct = await source.select(
      `SELECT ?s ?p ?o WHERE { GRAPH ?g { VALUES ?p { ${DIRECT.map((p) => `<${p.predicate}>`).join(" ")} } ?s ?p ?o } ${notCatalog} }`,
      { unionDefaultGraph: false },
    );
    await forEachInSlices(direct.bindings, (b) => index.#add(b.s!.value, byPredicate.get(b.p!.value)!, valueOf(b.o!)));
    const paths = NESTED.map((p) => `(<${p.via!}> <${p.predicate}>)`).join(" ");
    const nested = await source.select(
      `SELECT ?s ?via ?p ?o WHERE { GRAPH ?g { VALUES (?via ?p) { ${paths} } ?s ?via ?n . ?n ?p ?o } ${notCatalog} }`,
      { unionDefaultGraph: false },
    );
    await forEachInSlices(nested.bindings, (b) =>
      index.#add(b.s!.value, byPath.get(`${b.via!.value} ${b.p!.value}`)!, valueOf(b.o!)),
    );
    await index.#finish();
    return index;
  }

  #typed(id: string, graph: string, cls: string): void {
    let e = this.entities.get(id);
    if (!e) this.entities.set(id, (e = { id, graphs: [], classes: [], families: [], props: new Map(), folded: [] }));
    if (!e.graphs.includes(graph)) e.graphs.push(graph);
    if (!e.classes.includes(cls)) e.classes.push(cls);
  }

  #add(id: string, p: ReconProperty, v: Value): void {
    const e = this.entities.get(id);
    if (!e) return;
    const list = e.props.get(p.id);
    if (!list) e.props.set(p.id, [v]);
    else if (!list.some((x) => x.value === v.value && x.lang === v.lang && x.datatype === v.datatype)) list.push(v);
  }

  /** Families, what performances inherit (names from their production, address from their venue), the inverted lists. */
  async #finish(): Promise<void> {
    for (const e of this.entities.values()) e.families = familiesOf(e.classes);
    await forEachInSlices(this.entities.values(), (e) => {
      if (!e.families.includes("performance")) return;
      if (!e.props.get("name")?.length) {
        const names = (e.props.get("workPerformed") ?? []).flatMap(
          (w) => this.entities.get(w.value)?.props.get("name") ?? [],
        );
        if (names.length) e.props.set("name", names);
      }
      for (const id of ["postalCode", "addressLocality"]) {
        if (e.props.get(id)?.length) continue;
        const found = (e.props.get("location") ?? []).flatMap((l) => this.#placeValue(l.value, id, 0));
        if (found.length) e.props.set(id, found);
      }
    });
    await forEachInSlices(this.entities.values(), (e) => {
      const names = [...(e.props.get("name") ?? []), ...(e.props.get("alternateName") ?? [])];
      e.folded = [...new Set(names.map((n) => foldName(n.value)).filter((f) => f))];
      for (const w of new Set(e.folded.flatMap(tokens))) push(this.#byToken, w, e.id);
      for (const s of e.props.get("sameAs") ?? []) push(this.#bySameAs, externalIri(s.value) ?? s.value, e.id);
      for (const p of PROPERTIES) {
        if (p.id === "name" || p.id === "description" || p.kind === "number") continue;
        for (const v of e.props.get(p.id) ?? []) push(this.#byValue, `${p.id}\u0000${valueKey(p, v.value)}`, e.id);
      }
    });
  }

  /** A place's property, else its containing venue's (a hall's address is often its venue's). */
  #placeValue(id: string, prop: string, depth: number): Value[] {
    const place = this.entities.get(id);
    if (!place || depth > 3) return [];
    const own = place.props.get(prop);
    if (own?.length) return own;
    return (place.props.get("containedInPlace") ?? []).flatMap((c) => this.#placeValue(c.value, prop, depth + 1));
  }

  /** Entities with this word in a name (folded). */
  withToken(word: string): readonly string[] {
    return this.#byToken.get(word) ?? [];
  }

  /** Entities that say they are the same as this external IRI (in its stored form, see text.ts `externalIri`). */
  sameAs(iri: string): readonly string[] {
    return this.#bySameAs.get(externalIri(iri) ?? iri) ?? [];
  }

  /** Entities with this property value (compared as `valueKey` does). */
  withValue(p: ReconProperty, value: string): readonly string[] {
    return this.#byValue.get(`${p.id}\u0000${valueKey(p, value)}`) ?? [];
  }

  /** Entities with a value of this property whose key (as `valueKey` gives it) passes `test`: a scan of the property's distinct values. */
  withValueWhere(p: ReconProperty, test: (key: string) => boolean, max: number): string[] {
    const prefix = `${p.id}\u0000`;
    const out: string[] = [];
    for (const [key, ids] of this.#byValue) {
      if (out.length >= max) break;
      if (key.startsWith(prefix) && test(key.slice(prefix.length))) for (const id of ids) out.push(id);
    }
    return out;
  }

  /** Entities with a name word that passes `test` (a scan of the distinct words). */
  withTokenWhere(test: (word: string) => boolean, max: number): string[] {
    const out: string[] = [];
    for (const [word, ids] of this.#byToken) {
      if (out.length >= max) break;
      if (test(word)) for (const id of ids) out.push(id);
    }
    return out;
  }

  /** The best name of an entity for a language: one tagged with it, else untagged, else any. */
  name(id: string, lang?: string): Value | undefined {
    const names = this.entities.get(id)?.props.get("name") ?? [];
    const base = lang?.toLowerCase().split("-")[0];
    return (
      names.find((n) => n.lang?.toLowerCase() === lang?.toLowerCase()) ??
      names.find((n) => base !== undefined && n.lang?.toLowerCase().split("-")[0] === base) ??
      names.find((n) => !n.lang) ??
      names[0]
    );
  }

  /** The size of the index (entities, distinct name words). */
  get size(): { readonly entities: number; readonly words: number } {
    return { entities: this.entities.size, words: this.#byToken.size };
  }
}

function push(map: Map<string, string[]>, key: string, id: string): void {
  const l = map.get(key);
  if (!l) map.set(key, [id]);
  else if (l[l.length - 1] !== id) l.push(id);
}
