// The discoverability questions the store benchmark asks, on generated seasons (bench/generate.ts).

import type { PerformanceFilter } from "../src/query/filter.js";

/** IRIs of the first generated publisher ("p0"), whose venues and people the questions name. */
export const BENCH_BASE = "https://data.vivant-bench.example/p0/";

export const QUESTIONS: Readonly<Record<string, PerformanceFilter>> = {
  "date range (a week)": { from: "2026-11-16", to: "2026-11-22" },
  "upcoming (from a date, no end)": { from: "2026-12-01" },
  "city + from": { city: "Lyon", from: "2026-10-01" },
  "near a point (20 km)": { near: { latitude: 45.764, longitude: 4.8357, km: 20 }, from: "2026-10-01" },
  genre: { genre: "opera" },
  venue: { venue: `${BENCH_BASE}venue/venue-1` },
  performer: { performer: `${BENCH_BASE}person/person-3` },
  language: { lang: "it", from: "2027-01-01" },
  accessibility: { accessibility: "surtitles", from: "2026-11-01" },
  free: { free: true },
  "max price": { maxPrice: 15, from: "2027-02-01" },
  "free text": { q: "nuit" },
  "combined (city, month, surtitled, ≤ 20 €)": {
    city: "Lyon",
    from: "2026-11-01",
    to: "2026-11-30",
    accessibility: "surtitles",
    maxPrice: 20,
  },
};
