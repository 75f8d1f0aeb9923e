// Works (œuvres) → CreativeWork subtypes; productions (spectacles) → ado:LivePerformanceWork, a CreativeWork.

import type { Production, Work } from "../../records/types.js";
import { ADO } from "../../vocab.js";
import { ageRangeText, genreIri } from "../terms.js";
import {
  X,
  N,
  agents,
  begin,
  iriList,
  iriOf,
  langText,
  plain,
  plainList,
  roles,
  S,
  type MapContext,
} from "./common.js";
import { durationLexical } from "../../rdf/lexical.js";

const LIVE_PERFORMANCE_WORK = N(`${ADO}LivePerformanceWork`);

export function emitWork(ctx: MapContext, w: Work, path: string): void {
  const s = iriOf(ctx, "work", w.id);
  begin(ctx, s, { entity: "work", recordId: w.id, path }, S(w.type ?? "CreativeWork"), `${path}.type`);
  langText(ctx, s, S("name"), w.name, `${path}.name`);
  langText(ctx, s, S("description"), w.description, `${path}.description`);
  agents(ctx, s, S("composer"), w.composers, `${path}.composers`);
  agents(ctx, s, S("author"), w.authors, `${path}.authors`);
  agents(ctx, s, S("lyricist"), w.librettists, `${path}.librettists`);
  if (w.dateCreated !== undefined) {
    ctx.sink.literal(
      s,
      S("dateCreated"),
      w.dateCreated,
      /^\d{4}$/.test(w.dateCreated) ? X.gYear : X.date,
      `${path}.dateCreated`,
    );
  }
  plainList(ctx, s, S("inLanguage"), w.inLanguage, `${path}.inLanguage`);
  iriList(ctx, s, S("sameAs"), w.sameAs, `${path}.sameAs`);
}

export function emitProduction(ctx: MapContext, p: Production, path: string): void {
  const s = iriOf(ctx, "production", p.id);
  const origin = { entity: "production", recordId: p.id, path };
  begin(ctx, s, origin, [LIVE_PERFORMANCE_WORK, S("CreativeWork")], path);
  langText(ctx, s, S("name"), p.name, `${path}.name`);
  langText(ctx, s, S("description"), p.description, `${path}.description`);
  iriList(ctx, s, S("image"), p.images, `${path}.images`);
  if (p.url) ctx.sink.iri(s, S("url"), p.url, `${path}.url`);
  p.works?.forEach((w, i) => ctx.sink.iri(s, S("isBasedOn"), iriOf(ctx, "work", w), `${path}.works[${i}]`));
  agents(ctx, s, S("producer"), p.producers, `${path}.producers`);
  agents(ctx, s, S("director"), p.directors, `${path}.directors`);
  roles(ctx, s, S("contributor"), p.cast, origin, `${path}.cast`, "cast");
  if (p.duration !== undefined)
    ctx.sink.literal(s, S("duration"), durationLexical(p.duration), X.duration, `${path}.duration`);
  p.genres?.forEach((g, i) => ctx.sink.iri(s, S("genre"), N(genreIri(g)), `${path}.genres[${i}]`));
  const age = p.audienceAge && ageRangeText(p.audienceAge);
  plain(ctx, s, S("typicalAgeRange"), age, `${path}.audienceAge`);
  plainList(ctx, s, S("inLanguage"), p.inLanguage, `${path}.inLanguage`);
  plainList(ctx, s, S("subtitleLanguage"), p.surtitles, `${path}.surtitles`);
  iriList(ctx, s, S("sameAs"), p.sameAs, `${path}.sameAs`);
}
