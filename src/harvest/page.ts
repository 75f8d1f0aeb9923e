// One harvested page → the programme it carries: JSON-LD blocks expanded with the pinned schema.org
// context, normalised, page furniture dropped, provenance added. A bad block is reported; the page's
// other blocks are kept.

import type { Quad } from "@rdfjs/types";
import type { Problem, ProblemCode } from "../errors.js";
import { jsonLdToQuads } from "../jsonld/convert.js";
import { extractScripts, parseJsonBlock } from "./extract.js";
import { provenanceQuads, selectEntities, type KeptClass } from "./entities.js";
import { Fixes } from "./fixes.js";
import { RepairLog, SourceTally, type Ledger } from "./ledger.js";
import { normalizeQuads } from "./normalize.js";
import { problem } from "./problems.js";
import { schemaVocabulary } from "./vocabulary.js";
import { pushAll } from "../arrays.js";

export interface PageInput {
  /** The page URL (after redirects): base of relative IRIs, provenance and minted IRIs. */
  readonly url: string;
  /** When it was fetched, ISO 8601. */
  readonly fetchedAt: string;
  readonly fixes?: Fixes;
  /** Fidelity ledger to add the page's account to (one per harvest). */
  readonly ledger?: Ledger;
}

export interface PageResult {
  readonly url: string;
  readonly fetchedAt: string;
  /** JSON-LD blocks found. */
  readonly blocks: number;
  /** Kept nodes plus provenance, in the default graph. */
  readonly quads: Quad[];
  readonly counts: Readonly<Record<KeptClass, number>>;
  readonly dropped: ReadonlyMap<string, number>;
  /** Per-block failures (`harvest/invalid-json`, `harvest/jsonld-error`) and normalisation warnings. */
  readonly problems: Problem[];
}

/** jsonld.js puts what safe mode refused in `details.event`: say which term or value it was. */
export function jsonLdFailureDetail(e: unknown): string {
  const cause = (e as { cause?: { details?: { event?: { code?: string; details?: unknown } } } }).cause;
  const event = cause?.details?.event;
  const base = e instanceof Error ? e.message : String(e);
  return event?.code ? `${event.code} ${JSON.stringify(event.details ?? {})}` : base;
}

function blockProblem(
  code: ProblemCode,
  url: string,
  block: number,
  line: number,
  en: string,
  fr: string,
  severity: "violation" | "warning" = "violation",
): Problem {
  return problem({
    code,
    severity,
    entity: "page",
    recordId: url,
    path: `script[${block}]${line ? ` (line ${line})` : ""}`,
    message: { en, fr },
    expected: { en: "a JSON-LD script block using schema.org", fr: "un bloc script JSON-LD utilisant schema.org" },
    hint: {
      en: "fix the page's <script type=\"application/ld+json\"> block; the page's other blocks were kept",
      fr: 'corriger le bloc <script type="application/ld+json"> de la page ; ses autres blocs ont été gardés',
    },
  });
}

/** Expands one parsed JSON-LD value (a block or a whole document) to normalised quads. */
export async function expandBlock(
  value: unknown,
  url: string,
  block: number,
  line: number,
  fixes: Fixes,
  base = url,
  repairs?: RepairLog,
): Promise<{ quads: Quad[]; problems: Problem[]; withheld: Quad[] }> {
  const problems: Problem[] = [];
  let raw: Quad[];
  try {
    raw = await jsonLdToQuads(value, { base });
  } catch (strictError) {
    // Safe mode refuses to drop a term that does not expand; retry loosely, and say what was dropped.
    try {
      raw = await jsonLdToQuads(value, { base, safe: false });
    } catch {
      const message = (strictError as Error).message;
      problems.push(
        blockProblem(
          "harvest/jsonld-error",
          url,
          block,
          line,
          `JSON-LD cannot be expanded: ${message}`,
          `le JSON-LD ne peut pas être développé : ${message}`,
        ),
      );
      return { quads: [], problems, withheld: [] };
    }
    const message = jsonLdFailureDetail(strictError);
    problems.push(
      blockProblem(
        "harvest/dropped-terms",
        url,
        block,
        line,
        `terms that do not expand to IRIs were dropped: ${message}`,
        `des termes qui ne se développent pas en IRI ont été écartés : ${message}`,
        "warning",
      ),
    );
  }
  const normalized = normalizeQuads(raw, { source: url, block, fixes, ...(repairs ? { repairs } : {}) });
  return { quads: normalized.quads, problems: [...problems, ...normalized.problems], withheld: normalized.withheld };
}

/** Processes an HTML page. */
export async function processHtml(html: string, input: PageInput): Promise<PageResult> {
  const fixes = input.fixes ?? new Fixes();
  const { blocks, baseHref } = extractScripts(html);
  let base = input.url;
  if (baseHref !== undefined) {
    try {
      base = new URL(baseHref, input.url).href;
    } catch {
      // an unusable <base href> is ignored: the page URL stays the base
    }
  }
  const problems: Problem[] = [];
  const quads: Quad[] = [];
  const repairs = input.ledger ? new RepairLog() : undefined;
  const withheld: Quad[] = [];
  for (const b of blocks) {
    const parsed = parseJsonBlock(b.text, fixes);
    if (!parsed.ok) {
      problems.push(
        blockProblem(
          "harvest/invalid-json",
          input.url,
          b.index,
          b.line,
          `script block is not JSON: ${parsed.message}`,
          `le bloc script n'est pas du JSON : ${parsed.message}`,
        ),
      );
      continue;
    }
    const expanded = await expandBlock(parsed.value, input.url, b.index, b.line, fixes, base, repairs);
    pushAll(withheld, expanded.withheld);
    pushAll(quads, expanded.quads);
    pushAll(problems, expanded.problems);
  }
  return finish(input, blocks.length, quads, problems, repairs, withheld);
}

/** Processes a JSON-LD document served as such (`application/ld+json`). */
export async function processJsonLd(text: string, input: PageInput): Promise<PageResult> {
  const fixes = input.fixes ?? new Fixes();
  const parsed = parseJsonBlock(text, fixes);
  if (!parsed.ok) {
    return finish(
      input,
      1,
      [],
      [
        blockProblem(
          "harvest/invalid-json",
          input.url,
          0,
          0,
          `document is not JSON: ${parsed.message}`,
          `le document n'est pas du JSON : ${parsed.message}`,
        ),
      ],
    );
  }
  const repairs = input.ledger ? new RepairLog() : undefined;
  const expanded = await expandBlock(parsed.value, input.url, 0, 0, fixes, input.url, repairs);
  return finish(input, 1, expanded.quads, expanded.problems, repairs, expanded.withheld);
}

function finish(
  input: PageInput,
  blocks: number,
  quads: Quad[],
  problems: Problem[],
  repairs?: RepairLog,
  withheld: readonly Quad[] = [],
): PageResult {
  const selection = selectEntities(quads, schemaVocabulary());
  if (input.ledger) {
    // Kept nodes are carried whole into the publisher's graph; the others are outside the programme.
    const tally = new SourceTally();
    for (const q of quads) tally.seen(q.subject.value, q.predicate.value, selection.kept.has(q.subject.value));
    for (const q of quads) if (!selection.kept.has(q.subject.value)) tally.reject(q.subject.value, "outside-programme");
    for (const q of withheld) {
      tally.seen(q.subject.value, q.predicate.value);
      tally.drop(q.subject.value, q.predicate.value, "invalid");
    }
    tally.settle(input.ledger, repairs);
  }
  const kept = selection.quads.length
    ? [...selection.quads, ...provenanceQuads(selection.quads, input.url, input.fetchedAt)]
    : [];
  return {
    url: input.url,
    fetchedAt: input.fetchedAt,
    blocks,
    quads: kept,
    counts: selection.counts,
    dropped: selection.dropped,
    problems,
  };
}
