// What a UiTdatabank document is, before any record is made of it: the documents of an export, their kind (event,
// place, organizer) and id, and the small readers of JSON values every other module of the importer uses.

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;

/** `https://io.uitdatabank.be/events/85b0…` → `85b0…`. */
export function uuidOf(doc: Json): string | undefined {
  const id = str(doc["@id"]) ?? str(doc.id);
  return id?.replace(/\/+$/, "").split("/").pop();
}

// publiq's schemas accept both spellings (`/event/` and `/events/`, `/place/` and `/places/`, `/organizer/`
// and `/organizers/`: event-@id.json, place-@id.json, organizer-@id.json); its own documents use both.
const EVENT_IRI = /\/events?\/[^/]+\/?$/;
const PLACE_IRI = /\/places?\/[^/]+\/?$/;
const ORGANIZER_IRI = /\/organizers?\/[^/]+\/?$/;

export type Kind = "event" | "place" | "organizer";

export function kindOf(doc: Json): Kind | undefined {
  const id = str(doc["@id"]) ?? "";
  if (EVENT_IRI.test(id) || ("calendarType" in doc && ("location" in doc || "subEvent" in doc))) return "event";
  if (PLACE_IRI.test(id)) return "place";
  if (ORGANIZER_IRI.test(id)) return "organizer";
  return "calendarType" in doc ? "event" : undefined;
}

export const isBareReference = (d: Json): boolean =>
  Object.keys(d).every((k) => k === "@id" || k === "@type" || k === "@context");

/** The documents of a UiTdatabank export: one document, an array, or a search response (`member`). */
export function uitdatabankDocuments(input: unknown): Json[] {
  if (Array.isArray(input)) return input.flatMap(uitdatabankDocuments);
  if (!isObject(input)) return [];
  if (Array.isArray(input.member)) return input.member.filter(isObject);
  if (Array.isArray(input.examples) && input.title !== undefined) return input.examples.filter(isObject);
  return [input];
}
