// UiTdatabank's vocabulary read into Vivant's: language maps, event-type and theme terms, status and booking
// availability, age ranges, performer agent types.

import type { AgeRange, Availability, EventType, Genre, LangMap, StatusKind } from "../../records/types.js";
import { compact } from "../types.js";
import { isObject, str } from "./json.js";

/** schema.org agent types UiTdatabank performers may carry, and what Vivant records them as. */
export const GROUP_TYPES = new Set(["PerformingGroup", "TheaterGroup", "DanceGroup", "MusicGroup"]);

export function langMap(v: unknown): LangMap | undefined {
  if (typeof v === "string") return undefined;
  if (!isObject(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, t] of Object.entries(v))
    if (typeof t === "string" && t.trim() !== "" && /^[a-z]{2,3}$/.test(k)) out[k] = t.trim();
  return Object.keys(out).length ? out : undefined;
}

export const STATUS: Readonly<Record<string, StatusKind>> = {
  Available: "scheduled",
  TemporarilyUnavailable: "postponed",
  Unavailable: "cancelled",
};
export const BOOKING: Readonly<Record<string, Availability>> = { Available: "InStock", Unavailable: "SoldOut" };

/** UiTdatabank event-type and theme labels (nl, fr, en) → Vivant's event type and genre. Unknown labels give neither. */
export const TERMS: Readonly<Record<string, { type?: EventType; genre?: Genre }>> = {
  concert: { type: "MusicEvent", genre: "music" },
  muziek: { genre: "music" },
  musique: { genre: "music" },
  music: { genre: "music" },
  theatervoorstelling: { type: "TheaterEvent", genre: "theatre" },
  "spectacle de théâtre": { type: "TheaterEvent", genre: "theatre" },
  theater: { type: "TheaterEvent", genre: "theatre" },
  théâtre: { type: "TheaterEvent", genre: "theatre" },
  theatre: { type: "TheaterEvent", genre: "theatre" },
  dansvoorstelling: { type: "DanceEvent", genre: "dance" },
  dans: { type: "DanceEvent", genre: "dance" },
  danse: { type: "DanceEvent", genre: "dance" },
  dance: { type: "DanceEvent", genre: "dance" },
  circus: { genre: "circus" },
  cirque: { genre: "circus" },
  opera: { type: "MusicEvent", genre: "opera" },
  opéra: { type: "MusicEvent", genre: "opera" },
  humor: { type: "ComedyEvent", genre: "comedy" },
  humour: { type: "ComedyEvent", genre: "comedy" },
  comedy: { type: "ComedyEvent", genre: "comedy" },
  "klassieke muziek": { type: "MusicEvent", genre: "classical" },
  jazz: { type: "MusicEvent", genre: "jazz" },
  "jazz en blues": { type: "MusicEvent", genre: "jazz" },
  "pop en rock": { type: "MusicEvent", genre: "rock" },
  wereldmuziek: { type: "MusicEvent", genre: "worldMusic" },
  "mime en bewegingstheater": { type: "TheaterEvent", genre: "mime" },
  poppentheater: { type: "TheaterEvent", genre: "puppetry" },
  muziektheater: { type: "TheaterEvent", genre: "musicalTheatre" },
  festival: { type: "Festival" },
};

export function ageRange(v: unknown): AgeRange | undefined {
  const m = /^(\d*)-(\d*)$/.exec(str(v) ?? "");
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  return compact({ min: m[1] ? Number(m[1]) : undefined, max: m[2] ? Number(m[2]) : undefined });
}
