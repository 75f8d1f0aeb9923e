// What each publisher graph covers, for its catalog entry: the first and last start of its performances, its venues'
// regions and their bounding box. Three aggregate queries over all graphs (each fact read inside its own graph).

import type { SelectSource } from "../store/types.js";
import type { DatasetCoverage } from "./catalog.js";

const P = "PREFIX schema: <http://schema.org/>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n";

/** The coverage of every graph that has performances or venues (graphs with neither are absent). */
export async function datasetCoverage(source: SelectSource): Promise<Map<string, DatasetCoverage>> {
  const acc = new Map<
    string,
    { dateTime?: [string, string]; date?: [string, string]; regions: Set<string>; bbox?: DatasetCoverage["bbox"] }
  >();
  const of = (g: string) => {
    let v = acc.get(g);
    if (!v) acc.set(g, (v = { regions: new Set() }));
    return v;
  };
  const dates = await source.select(`${P}SELECT ?g ?t (MIN(?s) AS ?first) (MAX(?s) AS ?last) WHERE {
    GRAPH ?g { ?e schema:startDate ?s FILTER(DATATYPE(?s) = xsd:dateTime || DATATYPE(?s) = xsd:date) } BIND(DATATYPE(?s) AS ?t)
  } GROUP BY ?g ?t`);
  for (const b of dates.bindings) {
    if (!b.g || !b.t || !b.first || !b.last) continue;
    const kind = b.t.value.endsWith("#dateTime") ? "dateTime" : "date";
    of(b.g.value)[kind] = [b.first.value, b.last.value];
  }
  const regions = await source.select(`${P}SELECT DISTINCT ?g ?r WHERE {
    GRAPH ?g { ?e schema:location ?v . ?v schema:address ?a . ?a schema:addressRegion ?r FILTER(isLiteral(?r)) }
  }`);
  for (const b of regions.bindings) if (b.g && b.r && b.r.value.trim()) of(b.g.value).regions.add(b.r.value.trim());
  const boxes =
    await source.select(`${P}SELECT ?g (MIN(?lat) AS ?minLat) (MAX(?lat) AS ?maxLat) (MIN(?lon) AS ?minLon) (MAX(?lon) AS ?maxLon) WHERE {
    GRAPH ?g { ?e schema:location ?v . ?v schema:geo ?geo . ?geo schema:latitude ?la ; schema:longitude ?lo }
    BIND(xsd:double(STR(?la)) AS ?lat) BIND(xsd:double(STR(?lo)) AS ?lon)
    FILTER(?lat >= -90 && ?lat <= 90 && ?lon >= -180 && ?lon <= 180)
  } GROUP BY ?g`);
  for (const b of boxes.bindings) {
    const n = (k: string) => Number(b[k]?.value);
    if (!b.g || ![n("minLat"), n("maxLat"), n("minLon"), n("maxLon")].every(Number.isFinite)) continue;
    of(b.g.value).bbox = { minLat: n("minLat"), maxLat: n("maxLat"), minLon: n("minLon"), maxLon: n("maxLon") };
  }
  const out = new Map<string, DatasetCoverage>();
  for (const [g, v] of acc) {
    const span = v.dateTime ?? v.date;
    out.set(g, {
      ...(span ? { first: span[0], last: span[1] } : {}),
      regions: [...v.regions].sort((x, y) => x.localeCompare(y)),
      ...(v.bbox ? { bbox: v.bbox } : {}),
    });
  }
  return out;
}
