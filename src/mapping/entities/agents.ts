// Publisher, organizations (incl. performing groups) and people → schema:Organization / schema:Person.

import type { Organization, Person, Publisher } from "../../records/types.js";
import { childIri, publisherIri } from "../iri.js";
import { X, begin, iriList, iriOf, langText, plain, S, type MapContext } from "./common.js";

export function emitPublisher(ctx: MapContext, p: Publisher): void {
  const s = publisherIri(p);
  const field = "$.publisher";
  begin(ctx, s, { entity: "publisher", recordId: p.id, path: field }, S("Organization"), field);
  langText(ctx, s, S("name"), p.name, `${field}.name`);
  if (p.url) ctx.sink.iri(s, S("url"), p.url, `${field}.url`);
}

export function emitOrganization(ctx: MapContext, o: Organization, path: string): void {
  const s = iriOf(ctx, "organization", o.id);
  const types = [S(o.type ?? "Organization")];
  begin(ctx, s, { entity: "organization", recordId: o.id, path }, types, `${path}.type`);
  langText(ctx, s, S("name"), o.name, `${path}.name`);
  langText(ctx, s, S("description"), o.description, `${path}.description`);
  if (o.url) ctx.sink.iri(s, S("url"), o.url, `${path}.url`);
  iriList(ctx, s, S("sameAs"), o.sameAs, `${path}.sameAs`);
  if (o.ids?.siret) {
    const id = childIri(s, "siret");
    begin(ctx, id, { entity: "organization", recordId: o.id, path }, S("PropertyValue"), `${path}.ids.siret`);
    ctx.sink.iri(s, S("identifier"), id, `${path}.ids.siret`);
    ctx.sink.literal(id, S("propertyID"), "SIRET", X.string, `${path}.ids.siret`);
    ctx.sink.literal(id, S("value"), o.ids.siret, X.string, `${path}.ids.siret`);
  }
}

export function emitPerson(ctx: MapContext, p: Person, path: string): void {
  const s = iriOf(ctx, "person", p.id);
  begin(ctx, s, { entity: "person", recordId: p.id, path }, S("Person"), path);
  plain(ctx, s, S("name"), p.name, `${path}.name`);
  if (p.url) ctx.sink.iri(s, S("url"), p.url, `${path}.url`);
  iriList(ctx, s, S("sameAs"), p.sameAs, `${path}.sameAs`);
}
