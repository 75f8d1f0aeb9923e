// Seasons, tours and festivals → schema:EventSeries / schema:Festival (subEvent links come from performances).

import type { NamedNode } from "@rdfjs/types";
import type { Series } from "../../records/types.js";
import { ADR } from "../../vocab.js";
import { SERIES_TYPE } from "../terms.js";
import { X, N, agents, begin, iriList, iriOf, langText, S, type MapContext } from "./common.js";

const ADR_FESTIVAL = N(`${ADR}Festival`);
const ADR_EVENT_SERIES = N(`${ADR}EventSeries`);

export function dateDatatype(value: string): NamedNode {
  return value.includes("T") ? X.dateTime : X.date;
}

export function emitSeries(ctx: MapContext, x: Series, path: string): void {
  const s = iriOf(ctx, "series", x.id);
  const type = SERIES_TYPE[x.kind];
  begin(ctx, s, { entity: "series", recordId: x.id, path }, [S(type)], `${path}.kind`);
  ctx.sink.iri(s, S("additionalType"), type === "Festival" ? ADR_FESTIVAL : ADR_EVENT_SERIES, `${path}.kind`);
  langText(ctx, s, S("name"), x.name, `${path}.name`);
  langText(ctx, s, S("description"), x.description, `${path}.description`);
  if (x.startDate !== undefined) ctx.sink.literal(s, S("startDate"), x.startDate, dateDatatype(x.startDate), `${path}.startDate`);
  if (x.endDate !== undefined) ctx.sink.literal(s, S("endDate"), x.endDate, dateDatatype(x.endDate), `${path}.endDate`);
  agents(ctx, s, S("organizer"), x.organizers, `${path}.organizers`);
  if (x.venue !== undefined) ctx.sink.iri(s, S("location"), iriOf(ctx, "venue", x.venue), `${path}.venue`);
  if (x.url) ctx.sink.iri(s, S("url"), x.url, `${path}.url`);
  iriList(ctx, s, S("image"), x.images, `${path}.images`);
}
