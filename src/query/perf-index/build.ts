// The performance index's build: the SELECTs that read every performance of the store's default graph (the union of
// all graphs) and every place, into the index's entries, sorted by start.

import type { Bindings } from "../../store/types.js";
import { SCHEMA } from "../../vocab.js";
import { eventClasses, isValidStart, SUBCLASS_OF } from "../events.js";
import { startTimes } from "../filter.js";
import { zoneOfCountries } from "../zones.js";
import type { SelectRowsSync } from "../perf-index.js";
import { addTo, cmp, newEntry, order, plus, put, type Entry, type Place } from "./entry.js";

const P = `PREFIX schema: <${SCHEMA}>\n`;
const PERF = "?e schema:workPerformed ?work . ";

type Intern = (s: string) => string;

/** The scans of one build: rows about a performance read, or about a production performed. */
interface Scans {
  readonly intern: Intern;
  /** Rows whose ?e is a performance read: `fn` for it. */
  each(q: string, fn: (e: Entry, b: Bindings) => void): void;
  /** Rows whose ?work is a production performed: `fn` for each of its performances. */
  eachOfWork(q: string, fn: (e: Entry, b: Bindings) => void): void;
}

function num(t: { value: string } | undefined): number {
  return t === undefined ? NaN : Number(t.value);
}

/** The entries of the store's events, in start order, and every place (see `PerformanceIndex.build`). */
export function readIndex(rows: SelectRowsSync): { sorted: Entry[]; places: Map<string, Place> } {
  const intern = interner();
  const { entries, works } = readStarts(rows, intern);
  const scans: Scans = {
    intern,
    each: (q, fn) => {
      for (const b of rows(q)) {
        const e = entries.get(b.e!.value);
        if (e) fn(e, b);
      }
    },
    eachOfWork: (q, fn) => {
      for (const b of rows(q)) {
        const w = b.work!;
        for (const e of works.get(w.termType === "BlankNode" ? `_:${w.value}` : w.value) ?? []) fn(e, b);
      }
    },
  };
  readKinds(scans);
  readLocations(scans, entries);
  readLanguagesAndAccess(scans);
  readPeopleAndTexts(scans);
  const places = readPlaces(rows, intern);
  for (const e of entries.values()) {
    const countries: (string | undefined)[] = [];
    for (const v of e.zonePlaces) for (const c of places.get(v)?.countries ?? []) countries.push(c);
    e.zone = countries.length ? zoneOfCountries(countries) : undefined;
  }

  // Only events: a node typed with an Event class, shipped or declared in the data (see events.ts).
  const declared: [string, string][] = [];
  for (const b of rows(`SELECT ?c ?d WHERE { ?c <${SUBCLASS_OF}> ?d FILTER(isIRI(?c) && isIRI(?d)) }`))
    declared.push([b.c!.value, b.d!.value]);
  const events = eventClasses(declared);
  const sorted = [...entries.values()].filter((e) => e.types.some((t) => events.has(t))).sort(order);
  return { sorted, places };
}

/**
 * One copy of each string kept: the same venue, genre or production text comes back on thousands of rows, and a
 * string cut from an answer's text would keep that whole text alive.
 */
function interner(): Intern {
  const strings = new Map<string, string>();
  return (s) => {
    let v = strings.get(s);
    if (v === undefined) {
      v = Buffer.from(s, "utf8").toString("utf8");
      strings.set(v, v);
    }
    return v;
  };
}

/**
 * An entry per performance with a valid start, and the productions performed, each with its performances: their
 * genres, languages, cast and texts are read once per production, not once per performance (at 10M triples that is
 * 2M rows fewer to write and read).
 */
function readStarts(
  rows: SelectRowsSync,
  intern: Intern,
): { entries: Map<string, Entry>; works: Map<string, Entry[]> } {
  const entries = new Map<string, Entry>();
  const works = new Map<string, Entry[]>();
  for (const b of rows(
    `${P}SELECT ?e ?start ?work WHERE { ?e schema:workPerformed ?work ; schema:startDate ?start }`,
  )) {
    const start = b.start!;
    // A start that is not a valid date never reaches the typed API (see events.ts).
    if (!isValidStart(start)) continue;
    let e = entries.get(b.e!.value);
    if (!e) {
      const t = startTimes(start.value)!;
      const id = intern(b.e!.value);
      e = newEntry(id, "", intern(start.value), start.termType === "Literal" ? intern(start.datatype.value) : "", t);
      entries.set(id, e);
    }
    const w = b.work!.termType === "BlankNode" ? `_:${b.work!.value}` : b.work!.value;
    const list = works.get(w);
    if (list === undefined) works.set(w, [e]);
    else if (!list.includes(e)) list.push(e);
  }
  return { entries, works };
}

/** Each performance's graph, types and genres. */
function readKinds({ each, eachOfWork, intern }: Scans): void {
  each(`${P}SELECT ?e ?g WHERE { GRAPH ?g { ?e schema:startDate ?start } }`, (e, b) => {
    const g = b.g!.value;
    if (e.graph === "" || cmp(g, e.graph) < 0) e.graph = intern(g);
  });
  each(`${P}SELECT ?e ?t WHERE { ${PERF}?e a ?t }`, (e, b) => (e.types = put(e.types, intern(b.t!.value))));
  eachOfWork(
    `${P}SELECT DISTINCT ?work ?g WHERE { ${PERF}?work schema:genre ?g }`,
    (e, b) => (e.genres = put(e.genres, intern(b.g!.value))),
  );
}

/** Each performance's locations, the places containing them, and its facet venues. */
function readLocations({ each, intern }: Scans, entries: ReadonlyMap<string, Entry>): void {
  const upOf = new Map<string, string[]>();
  each(
    `${P}SELECT ?e ?l ?up WHERE { ${PERF}?e schema:location ?l OPTIONAL { ?l schema:containedInPlace ?up } }`,
    (e, b) => {
      const l = intern(b.l!.value);
      e.locations = put(e.locations, l);
      e.venues = put(e.venues, l);
      e.zonePlaces = put(e.zonePlaces, l);
      if (b.up) {
        const up = intern(b.up.value);
        e.venues = put(e.venues, up);
        e.zonePlaces = put(e.zonePlaces, up);
        const ups = upOf.get(l);
        if (ups) addTo(ups, up);
        else upOf.set(l, [up]);
      }
    },
  );
  // A mixed performance's stream (a WatchAction's VirtualLocation in the graph form): a location, as filter.ts counts it.
  each(
    `${P}SELECT ?e ?l WHERE { ${PERF}?e schema:potentialAction ?a . ?a a schema:WatchAction ; schema:location ?l }`,
    (e, b) => {
      const l = intern(b.l!.value);
      e.locations = put(e.locations, l);
      e.venues = put(e.venues, l);
    },
  );
  for (const e of entries.values()) {
    // The facet's "venue", per location: the places containing it, or the location itself when it is in none.
    for (const l of e.locations) for (const v of upOf.get(l) ?? [l]) e.topVenues = put(e.topVenues, v);
  }
}

/** Each performance's languages, accessibility features, stated free entry and prices. */
function readLanguagesAndAccess({ each, eachOfWork, intern }: Scans): void {
  each(
    `${P}SELECT ?e ?l WHERE { ${PERF}?e schema:inLanguage ?l }`,
    (e, b) => (e.langs = put(e.langs, intern(b.l!.value))),
  );
  eachOfWork(
    `${P}SELECT DISTINCT ?work ?l WHERE { ${PERF}?work schema:inLanguage ?l }`,
    (e, b) => (e.langs = put(e.langs, intern(b.l!.value))),
  );
  each(
    `${P}SELECT ?e ?f WHERE { ${PERF}?e schema:accessibilityFeature ?f }`,
    (e, b) => (e.features = put(e.features, intern(b.f!.value))),
  );
  each(
    `${P}SELECT ?e ?v WHERE { ${PERF}?e schema:isAccessibleForFree ?v }`,
    (e, b) => (e.statedFree = put(e.statedFree, intern(b.v!.value))),
  );
  each(
    `${P}SELECT ?e ?p ?kind WHERE { ${PERF}?e schema:offers ?o . { ?o schema:price ?p BIND("price" AS ?kind) } UNION { ?o schema:priceSpecification/schema:minPrice ?p BIND("min" AS ?kind) } }`,
    (e, b) => {
      const p = num(b.p);
      if (Number.isNaN(p)) return;
      e.prices = plus(e.prices, p);
      if (b.kind!.value === "price" && p === 0) e.zeroPrice = true;
    },
  );
}

/** Each performance's performers (and its production's contributors) and its texts, lower-cased. */
function readPeopleAndTexts({ each, eachOfWork, intern }: Scans): void {
  each(
    `${P}SELECT ?e ?p WHERE { { ${PERF}?e schema:performer ?p } UNION { ${PERF}?e schema:performer/schema:performer ?p } }`,
    (e, b) => (e.performers = put(e.performers, intern(b.p!.value))),
  );
  eachOfWork(
    `${P}SELECT DISTINCT ?work ?p WHERE { ${PERF}?work schema:contributor/schema:contributor ?p }`,
    (e, b) => (e.performers = put(e.performers, intern(b.p!.value))),
  );
  each(
    `${P}SELECT ?e ?t WHERE { ${PERF}?e schema:name|schema:description ?t }`,
    (e, b) => (e.texts = plus(e.texts, intern(b.t!.value.toLowerCase()))),
  );
  eachOfWork(
    `${P}SELECT DISTINCT ?work ?t WHERE { ${PERF}?work schema:name|schema:description ?t }`,
    (e, b) => (e.texts = plus(e.texts, intern(b.t!.value.toLowerCase()))),
  );
}

/**
 * Every place's city, region, point, amenities and countries, whether or not a performance is there: only the places
 * a performance is at are ever looked up. (Going through the performances made the join 100× slower at 1M triples.)
 */
function readPlaces(rows: SelectRowsSync, intern: Intern): Map<string, Place> {
  const places = new Map<string, Place>();
  const place = (id: string): Place => {
    let p = places.get(id);
    if (!p)
      places.set(
        intern(id),
        (p = { cities: [], regions: [], citiesLc: [], regionsLc: [], geos: [], amenities: [], countries: [] }),
      );
    return p;
  };
  for (const b of rows(`${P}SELECT ?v ?c WHERE { ?v schema:address/schema:addressLocality ?c }`)) {
    const p = place(b.v!.value);
    addTo(p.cities, intern(b.c!.value));
    addTo(p.citiesLc, intern(b.c!.value.toLowerCase()));
  }
  for (const b of rows(`${P}SELECT ?v ?r WHERE { ?v schema:address/schema:addressRegion ?r }`)) {
    const p = place(b.v!.value);
    addTo(p.regions, intern(b.r!.value));
    addTo(p.regionsLc, intern(b.r!.value.toLowerCase()));
  }
  for (const b of rows(
    `${P}SELECT ?v ?lat ?lon WHERE { ?v schema:geo ?g . ?g schema:latitude ?lat ; schema:longitude ?lon }`,
  )) {
    const lat = num(b.lat);
    const lon = num(b.lon);
    if (Number.isFinite(lat) && Number.isFinite(lon)) place(b.v!.value).geos.push([lat, lon]);
  }
  for (const b of rows(
    `${P}SELECT ?v ?n WHERE { ?v schema:amenityFeature ?f . ?f schema:name ?n ; schema:value true }`,
  ))
    addTo(place(b.v!.value).amenities, intern(b.n!.value));
  // Every (place, address, country) row counts, as the SPARQL's COUNT(DISTINCT zone) sees them.
  for (const b of rows(`${P}SELECT ?v ?c WHERE { ?v schema:address/schema:addressCountry ?c }`))
    place(b.v!.value).countries.push(b.c!.termType === "BlankNode" ? undefined : intern(b.c!.value));
  return places;
}
