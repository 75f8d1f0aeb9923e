// Deterministic IRI minting: the same publisher base IRI and local id give the same IRI, every time.

import type { Publisher } from "../records/types.js";

/** Path segment per entity kind, under the publisher's base IRI. */
export type EntityKind =
  | "venue" | "hall" | "organization" | "person" | "work" | "production" | "performance" | "series";

const UNRESERVED = /^[A-Za-z0-9_.~-]*$/;

/** Percent-encodes a local id so that any string gives a valid, reversible IRI path segment. */
export function encodeLocalId(id: string): string {
  if (UNRESERVED.test(id)) return id; // the usual case: nothing to encode
  return encodeURIComponent(id).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `https://example.org/` + `performance/p-12`. */
export function entityIri(baseIri: string, kind: EntityKind, localId: string): string {
  return `${baseIri}${kind}/${encodeLocalId(localId)}`;
}

/** The named graph that holds one publisher's data. */
export function publisherGraphIri(publisher: Pick<Publisher, "baseIri">): string {
  return `${publisher.baseIri}graph`;
}

/** The publisher (as an organization) itself. */
export function publisherIri(publisher: Pick<Publisher, "baseIri">): string {
  return `${publisher.baseIri}publisher`;
}

/** A node that only exists inside another (address, geo, offer, role): a fragment of its owner's IRI. */
export function childIri(ownerIri: string, fragment: string): string {
  return `${ownerIri}#${encodeLocalId(fragment)}`;
}
