// Ingest, stage 2 (preparing): the inputs of one publisher graph read (./read.ts), mapped or parsed, joined,
// given their catalog facts (graph, licence, title, namespaces), validated with the core profile and checked for
// ownership of their subjects. Nothing here writes: `ingest()` (./index.ts) writes a prepared graph only when it conforms.

import { tx } from "../i18n.js";
import type { Quad } from "@rdfjs/types";
import { InputError, type Problem } from "../errors.js";
import type { Origin } from "../mapping/types.js";
import type { RdfFormat } from "../rdf/io.js";
import {
  readJsonValue,
  readQuads,
  readRecords,
  readValidationInput,
  type InputNote,
  type ValidationInput,
} from "./read.js";
import { validateInParallel } from "../validate/parallel.js";
import type { ValidationReport } from "../validate/types.js";
import { checkNamespace, graphBase, mergeNamespaces, subjectIrisOutside } from "../store/ownership.js";
import { ownershipIssues, ownSubjectIssues } from "./ownership.js";
import type { GraphInfo, GraphMeta, ProgressListener } from "../store/types.js";
import { pushAll } from "../arrays.js";
import { LICENCE_IRI } from "../mapping/terms.js";
import { isHttpIri } from "../records/parse.js";

/**
 * A licence as given (`--licence`, `?licence=`): one of the documented keys or an http(s) IRI. Anything else,
 * the empty value included, is an InputError (400 on the server), never a graph published under a licence nobody can read.
 */
export function checkLicence(licence: string): void {
  if (Object.hasOwn(LICENCE_IRI, licence) || (isHttpIri(licence) && !/[\u0000-\u0020]/.test(licence))) return;
  const keys = Object.keys(LICENCE_IRI).join(", ");
  const shown = JSON.stringify(licence);
  throw new InputError(
    "load/bad-licence",
    {
      en: `licence ${shown} is neither a licence key nor an http(s) IRI`,
      fr: `la licence ${shown} n'est ni une clé de licence ni une IRI http(s)`,
    },
    {
      hint: {
        en: `give one of ${keys}, or the licence's http(s) IRI`,
        fr: `indiquez une clé parmi ${keys}, ou l'IRI http(s) de la licence`,
      },
    },
  );
}

/** One input: a file's text, or a request body. */
export interface LoadFile {
  readonly text: string;
  /** File name or label; its extension picks the format unless `format` is given. */
  readonly source: string;
  /** The format when known from elsewhere (an HTTP Content-Type). JSON input is records or JSON-LD, told apart by its content. */
  readonly format?: RdfFormat;
}

/**
 * A record document given as data: parsed JSON, or an importer's document. Mapped as it is, never turned into text.
 * @example { records: result.document, source: "uitdatabank.json" }
 */
export interface RecordsInput {
  readonly records: unknown;
  /** Its name in messages and in the catalog's `source`. */
  readonly source: string;
}

/**
 * Quads given as data (a harvest's): read as they are, with the same consumer readings as RDF text, never serialised
 * and parsed back.
 */
export interface QuadsInput {
  readonly quads: readonly Quad[];
  /** Its name in messages and in the catalog's `source`. */
  readonly source: string;
}

/**
 * Parsed JSON whose kind is not known yet: a record document or JSON-LD, told apart by its content as a `.json`
 * file's text is (what `vivant load` and `vivant validate` read from files parsed as a stream).
 * @example { json: await readJsonFile("season.json", "season.json"), source: "season.json" }
 */
export interface JsonInput {
  readonly json: unknown;
  /** Its name in messages and in the catalog's `source`. */
  readonly source: string;
}

/** Anything ingest reads: a file's text or request body (records, RDF, JSON-LD), parsed JSON, records as data, or quads as data. */
export type IngestInput = LoadFile | JsonInput | RecordsInput | QuadsInput;

/** Reads one input into quads (and, for records, the mapper's result). Throws InputError when it is unusable. */
export async function readInput(input: IngestInput): Promise<ValidationInput> {
  if ("records" in input) return readRecords(input.records, input.source, { form: "graph" });
  if ("quads" in input) return readQuads(input.quads);
  if ("json" in input) return readJsonValue(input.json, input.source, { form: "graph" });
  const name =
    input.format !== undefined && !input.source.endsWith(EXT[input.format])
      ? `${input.source}${EXT[input.format]}`
      : input.source;
  return readValidationInput(input.text, name, { form: "graph" });
}

/** Who the data is for. Records carry their publisher; RDF needs `publisherId` and a graph. */
export interface LoadTarget {
  /** The publisher's id. Must match the records' publisher when records are given. */
  readonly publisherId?: string;
  /** The graph to replace. Records give it (publisherGraphIri); for RDF, defaults to the publisher's current graph. */
  readonly graphIri?: string;
  /** Licence key or IRI. Records give it; for RDF, defaults to the publisher's current graph's. */
  readonly licence?: string;
  readonly title?: string;
  /** The catalog's `source`; defaults to the input names. */
  readonly source?: string;
  /**
   * Namespaces the publisher registers besides its base IRI: every subject IRI of the input must be under the base
   * IRI or one of them (see `ownSubjectIssues`).
   * @default the namespaces its graph registered before
   * @example ["https://www.venue.example/"]
   */
  readonly namespaces?: readonly string[];
}

export interface PrepareOptions {
  /** The publisher's current graph, to default the graph IRI and licence of RDF input. */
  readonly known?: (publisherId: string) => GraphInfo | undefined;
  /** Validation progress (focus nodes done / total) on big inputs. */
  readonly onValidate?: ProgressListener;
}

/** A graph ready to be written, or the reasons it may not be. */
export interface PreparedGraph {
  readonly graphIri: string;
  readonly meta: GraphMeta;
  /** The graph's quads as an array (made on first read when the input was one record document). */
  readonly quads: Quad[];
  /** The core profile's report on `quads`. */
  readonly report: ValidationReport;
  /** Records that could not be mapped (violations) and warnings on records. */
  readonly recordProblems: readonly Problem[];
  /** How the input was read (https schema.org normalised, schema:Date datatypes fixed…). */
  readonly notes: readonly InputNote[];
  /** No violation in the report and no rejected record: only then may the graph be replaced. */
  readonly ok: boolean;
}

/** A prepared graph with its quads as a writer streams them. */
export interface PreparedData extends PreparedGraph {
  /**
   * The graph's quads for a writer that streams them: the array, or for one record document the mapper's triples,
   * whose quads are made as they are read (a large season is never held as quad objects).
   */
  readonly data: Iterable<Quad>;
  /** How many quads `data` has. */
  readonly size: number;
}

const EXT: Readonly<Record<RdfFormat, string>> = {
  turtle: ".ttl",
  ntriples: ".nt",
  nquads: ".nq",
  trig: ".trig",
  jsonld: ".json",
};

/** The publisher a record document names. */
type RecordsPublisher = {
  id: string;
  baseIri: string;
  licence: string;
  name: Readonly<Record<string, string>>;
  url?: string | undefined;
};

/** The inputs read, with what their record documents say: their publisher, graph and record problems. */
interface ReadInputs {
  readonly parts: ValidationInput[];
  readonly problems: Problem[];
  readonly notes: InputNote[];
  readonly publisher: RecordsPublisher | undefined;
  readonly recordsGraph: string | undefined;
}

/**
 * Reads, maps or parses, and validates the inputs of one publisher graph with the core profile.
 * Throws InputError when an input is unusable (syntax, unknown publisher, mixed publishers) — nothing is written then either.
 */
export async function prepareGraph(
  files: readonly IngestInput[],
  target: LoadTarget,
  options: PrepareOptions = {},
): Promise<PreparedData> {
  if (!files.length)
    throw new InputError("load/no-input", tx("load/no-input"), {
      hint: tx("load/no-input.hint", { extensions: ".json, .jsonld, .ttl, .nt, .nq, .trig" }),
    });
  const read = await readInputs(files);
  const { parts, problems, notes } = read;
  const { publisherId, graphIri, licence, title, namespaces } = catalogFacts(target, options, read);
  const origins = new Map<string, Origin>();
  // One record document: its triples are validated and written as the mapper makes them, never held as quads, and
  // its origins are made for the subjects of the issues only. Several: their origins are joined.
  const only = parts.length === 1 && parts[0]!.map && parts[0]!.form === "graph" ? parts[0]!.map.triples : undefined;
  if (!only) for (const p of parts) if (p.map?.document) for (const [k, v] of p.map.origins) origins.set(k, v);
  let array: Quad[] | undefined;
  const all = (): Quad[] => {
    if (array === undefined) {
      array = [];
      for (const p of parts) for (const q of p.quads) array.push(q);
    }
    return array;
  };
  const data: Iterable<Quad> = only ?? all();
  const size = only ? only.size : all().length;
  const validated = await validateInParallel(data, "core", {
    ...(only ? { size } : {}),
    ...(only ? { originsOf: parts[0]!.map!.originsOf } : origins.size ? { origins } : {}),
    ...(options.onValidate ? { onProgress: options.onValidate } : {}),
  });
  // One record document: its subjects read from the mapper's triples, no quad made.
  const own = only
    ? ownershipIssues(
        subjectIrisOutside((visit) => only.forEach((s) => visit(s)), [graphBase(graphIri), ...namespaces]),
        graphIri,
        namespaces,
      )
    : ownSubjectIssues(data, graphIri, namespaces);
  const report: ValidationReport = own.length
    ? {
        ...validated,
        conforms: false,
        violations: validated.violations + own.length,
        issues: [...own, ...validated.issues],
      }
    : validated;
  const rejected = problems.some((p) => p.severity === "violation");
  return {
    graphIri,
    meta: {
      publisherId,
      licence,
      source: target.source ?? files.map((f) => f.source).join(", "),
      ...(title !== undefined ? { title } : {}),
      ...(namespaces.length ? { namespaces } : {}),
    },
    get quads() {
      return all();
    },
    data,
    size,
    report,
    recordProblems: problems,
    notes,
    ok: report.conforms && !rejected,
  };
}

/**
 * Throws InputError `load/conflicting-publisher` when two record documents of one publisher describe it differently
 * (name, base IRI, licence, url or the graph they go to): loaded together, one would silently win.
 */
function samePublisher(
  source: string,
  before: RecordsPublisher,
  now: RecordsPublisher,
  graphBefore: string | undefined,
  graphNow: string | undefined,
): void {
  const fields: [string, unknown, unknown][] = [
    // A name's languages in any order.
    [
      "name",
      Object.fromEntries(Object.entries(before.name).sort()),
      Object.fromEntries(Object.entries(now.name).sort()),
    ],
    ["baseIri", before.baseIri, now.baseIri],
    ["licence", before.licence, now.licence],
    ["url", before.url, now.url],
    ["graph", graphBefore, graphNow],
  ];
  for (const [field, a, b] of fields) {
    const [other, value] = [JSON.stringify(a) ?? "none", JSON.stringify(b) ?? "none"];
    if (other === value) continue;
    throw new InputError(
      "load/conflicting-publisher",
      tx("load/conflicting-publisher", { source, publisher: now.id, field, value, other }),
      { hint: tx("load/conflicting-publisher.hint") },
    );
  }
}

/**
 * Reads every input; throws InputError `load/mixed-publishers` when two record documents name different publishers,
 * `load/conflicting-publisher` when they describe one differently.
 */
async function readInputs(files: readonly IngestInput[]): Promise<ReadInputs> {
  const parts: ValidationInput[] = [];
  const problems: Problem[] = [];
  const notes: InputNote[] = [];
  let publisher: RecordsPublisher | undefined;
  let recordsGraph: string | undefined;
  for (const f of files) {
    const input = await readInput(f);
    pushAll(notes, input.notes);
    if (input.map?.document) {
      const p = input.map.document.publisher;
      if (publisher && publisher.id !== p.id) {
        throw new InputError(
          "load/mixed-publishers",
          tx("load/mixed-publishers", { source: f.source, publisher: p.id, other: publisher.id }),
          {
            hint: tx("load/mixed-publishers.hint"),
          },
        );
      }
      if (publisher) samePublisher(f.source, publisher, p, recordsGraph, input.map.graphIri);
      publisher = p;
      recordsGraph = input.map.graphIri;
      pushAll(problems, input.map.problems);
    }
    parts.push(input);
  }
  return { parts, problems, notes, publisher, recordsGraph };
}

/**
 * The graph's catalog facts, from the target, the record documents and the publisher's current graph; throws
 * InputError when one is missing or they disagree.
 */
function catalogFacts(
  target: LoadTarget,
  options: PrepareOptions,
  { publisher, recordsGraph }: Pick<ReadInputs, "publisher" | "recordsGraph">,
): { publisherId: string; graphIri: string; licence: string; title: string | undefined; namespaces: string[] } {
  const publisherId = target.publisherId ?? publisher?.id;
  if (publisher && target.publisherId !== undefined && target.publisherId !== publisher.id) {
    throw new InputError(
      "load/publisher-mismatch",
      tx("load/publisher-mismatch", { publisher: publisher.id, asked: target.publisherId }),
      {
        hint: tx("load/publisher-mismatch.hint", { publisher: publisher.id }),
      },
    );
  }
  if (publisherId === undefined) {
    throw new InputError("load/no-publisher", tx("load/no-publisher"), { hint: tx("load/no-publisher.hint") });
  }
  const known = options.known?.(publisherId);
  if (recordsGraph !== undefined && target.graphIri !== undefined && target.graphIri !== recordsGraph) {
    throw new InputError(
      "load/graph-mismatch",
      tx("load/graph-mismatch", { graph: recordsGraph, asked: target.graphIri }),
      {
        hint: tx("load/graph-mismatch.hint"),
      },
    );
  }
  const graphIri = recordsGraph ?? target.graphIri ?? known?.graphIri;
  if (graphIri === undefined) {
    throw new InputError("load/no-graph", tx("load/no-graph", { publisher: publisherId }), {
      hint: tx("load/no-graph.hint"),
    });
  }
  if (target.licence !== undefined) checkLicence(target.licence);
  const licence = target.licence ?? publisher?.licence ?? known?.licence;
  if (licence === undefined) {
    throw new InputError("load/no-licence", tx("load/no-licence", { publisher: publisherId, graph: graphIri }), {
      hint: tx("load/no-licence.hint"),
    });
  }
  const title = target.title ?? (publisher ? (publisher.name.fr ?? Object.values(publisher.name)[0]) : known?.title);
  (target.namespaces ?? []).forEach((ns, i) => checkNamespace(ns, `namespaces[${i}]`));
  const namespaces = mergeNamespaces(
    target.namespaces ?? (known?.graphIri === graphIri ? known.namespaces : undefined),
  );
  return { publisherId, graphIri, licence, title, namespaces };
}
