// `vivant-ld/harvest`: polite harvesting of venues' pages (robots.txt, sitemaps, JSON-LD and microdata), normalised to
// schema.org with every fix counted.

export { harvest, countEntities } from "../harvest/harvest.js";
export type {
  HarvestOptions,
  HarvestResult,
  HarvestProgress,
  HarvestedPage,
  PageFailure,
  PageFailureCode,
} from "../harvest/harvest.js";
export { PoliteFetcher, DEFAULT_FETCH_POLICY } from "../harvest/fetch.js";
export type { FetchPolicy, FetchOutcome, FetchErrorCode } from "../harvest/fetch.js";
export { processHtml, processJsonLd } from "../harvest/page.js";
export type { PageInput, PageResult } from "../harvest/page.js";
export { extractScripts, parseJsonBlock } from "../harvest/extract.js";
export { normalizeQuads, skolemIri, isniOf, wikidataIri } from "../harvest/normalize.js";
export type { NormalizeOptions, NormalizeResult } from "../harvest/normalize.js";
export { selectEntities, provenanceQuads, KEPT_CLASSES } from "../harvest/entities.js";
export type { KeptClass, Selection } from "../harvest/entities.js";
export { consolidate, mergeDuplicatePlaces } from "../harvest/places.js";
export { Fixes, FIX_KINDS, FIX_DESCRIPTIONS } from "../harvest/fixes.js";
export type { FixKind } from "../harvest/fixes.js";
export { parseSitemap } from "../harvest/sitemap.js";
export { Progress, formatSummary } from "../harvest/progress.js";
