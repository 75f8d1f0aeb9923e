// Messages between the server's main thread (HTTP, writes) and its query workers (each holds a replica of the store).

import type { Message, Text, ProblemCode } from "../errors.js";
import type { FormattedResult, QueryOptions } from "../store/types.js";
import type { QueryLimits } from "../store/sparql-limits.js";
import type { PerformanceFilter } from "../query/filter.js";
import type { FeedWithin } from "../export/ical-feed.js";
import type { IcalOptions } from "../export/ical-options.js";
import type { PageOptions } from "../query/performances.js";
import type { Facet } from "../query/aggregates.js";

export interface WorkerConfig {
  readonly dataDir: string;
  readonly unionDefaultGraph: boolean;
  /** Serialised answers longer than this (bytes) are refused. */
  readonly maxResultBytes: number;
  /** Queries deeper or larger than these are refused before Oxigraph sees them. */
  readonly queryLimits?: QueryLimits;
  /** Graphs the workers never load (restricted graphs: served from their files to the callers allowed, never queried). */
  readonly exclude?: readonly string[];
  /** Graph files already checked for the ownership rule (path → key, see `OpenOptions.ownershipChecked`). */
  readonly ownershipChecked?: readonly (readonly [string, string])[];
}

export type ToWorker =
  | {
      readonly type: "query";
      readonly id: number;
      readonly query: string;
      readonly results: string;
      readonly graph: string;
      readonly options: QueryOptions;
    }
  | {
      readonly type: "reload";
      readonly id: number;
      readonly graphIri: string;
      readonly ownershipChecked: readonly (readonly [string, string])[];
    }
  | IndexRequest;

/** A typed question answered from the worker's performance index. */
export type IndexRequest =
  | {
      readonly type: "index";
      readonly id: number;
      readonly op: "find" | "page";
      readonly filter: PerformanceFilter;
      readonly page: PageOptions;
    }
  | {
      readonly type: "index";
      readonly id: number;
      readonly op: "facets" | "facetsByGraph";
      readonly filter: PerformanceFilter;
      readonly facets: readonly Facet[];
    }
  | { readonly type: "index"; readonly id: number; readonly op: "observatory"; readonly filter: PerformanceFilter }
  | { readonly type: "index"; readonly id: number; readonly op: "describe"; readonly ids: readonly string[] }
  | { readonly type: "index"; readonly id: number; readonly op: "names"; readonly iris: readonly string[] }
  | {
      readonly type: "index";
      readonly id: number;
      readonly op: "ical";
      readonly filter: PerformanceFilter;
      readonly within: FeedWithin;
      readonly options: IcalOptions;
    }
  /** A graph's CapData Culture export, from its file (restricted graphs too: read, never loaded into the replica). */
  | {
      readonly type: "index";
      readonly id: number;
      readonly op: "capdata";
      readonly file: string;
      readonly graphIri: string;
      readonly namespace?: string | undefined;
    };

export interface WorkerError {
  /** `sparql/syntax`, `sparql/update-refused`, `query/result-too-large`… */
  readonly code: ProblemCode;
  /** The message (without hint), in each language when the thrower gave both (see src/i18n.ts). */
  readonly message: Message;
  readonly hint?: Message;
  readonly line?: number;
  readonly column?: number;
  /** Whether the client's request is at fault (400-class) or the server (500). */
  readonly client: boolean;
  /** The HTTP status when not 400/500. */
  readonly status?: number;
  /** The worker's store is damaged (a WebAssembly trap): the worker ends after this message and is replaced. */
  readonly broken?: boolean;
}

export type FromWorker =
  | {
      readonly type: "ready";
      readonly graphs: number;
      readonly triples: number;
      readonly warnings: readonly Text[];
      readonly ownershipChecked: readonly (readonly [string, string])[];
      readonly ownershipScans: number; /* since the worker's last message saying it */
    }
  | {
      readonly type: "fatal";
      readonly message: string;
      /** A Vivant error's message and hint in each language. */ readonly text?: Text;
    }
  | {
      readonly type: "result";
      readonly id: number;
      readonly result: Omit<FormattedResult, "body">;
      readonly body: Uint8Array;
    }
  | {
      readonly type: "reloaded";
      readonly id: number;
      readonly ownershipChecked: readonly (readonly [string, string])[];
      readonly ownershipScans: number;
    }
  | { readonly type: "value"; readonly id: number; readonly value: unknown }
  | { readonly type: "error"; readonly id: number; readonly error: WorkerError };
