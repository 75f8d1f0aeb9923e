// What a follow run is asked (the nodes' catalogs, the writer, the use, tokens and limits) and what it reports: per
// node and per dataset, the outcome, why a full copy was made, and why a dataset was not brought up to date.

import type { FetchErrorCode, FetchPolicy } from "../harvest/fetch.js";
import type { GraphWriter } from "../store/writer.js";
import type { FollowUse } from "./follow-catalog.js";

/** Why a dataset was not brought up to date: a code (the CLI words it in English or French) and its details. */
export interface FollowReason {
  readonly code:
    | "policy-none"
    | "policy-not-permitted"
    | "policy-prohibited"
    | "no-licence"
    | "not-readable"
    | "fetch"
    | "invalid-rdf"
    | "invalid-profile"
    | "invalid-feed"
    | "rejected";
  readonly detail?: string;
  readonly action?: string;
  readonly violations?: number;
  /** For `fetch`: the fetcher's failure code and HTTP status. */
  readonly failure?: FetchErrorCode;
  readonly status?: number;
}

/** Why a full copy was made. */
export type FullCopyReason =
  "first" | "no-feed" | "compacted" | "reset" | "unreachable-blank-nodes" | "local-missing" | "licence-changed";

export interface DatasetOutcome {
  readonly catalog: string;
  readonly graph: string;
  readonly title?: string;
  /** copied: full copy written; updated: feed applied; unchanged; refused: policy; failed: fetch or invalid data (local copy kept). */
  readonly status: "copied" | "updated" | "unchanged" | "refused" | "failed";
  readonly fullCopy?: FullCopyReason;
  readonly reason?: FollowReason;
  readonly licenceChanged?: { readonly from: string; readonly to: string };
  /** Activities applied from the feed. */
  readonly activities: number;
  /** Triples of the local graph after the write. */
  readonly triples?: number;
  /** Bytes received for this dataset (bodies as sent on the wire, before any gunzip). */
  readonly bytes: number;
  /** The source's version now held. */
  readonly version?: number;
  /** The dataset is restricted to named partners (`dct:accessRights` RESTRICTED): its copy must not be served to anyone else. */
  readonly restricted?: true;
}

export interface NodeOutcome {
  readonly catalog: string;
  /** The catalog could not be read: none of its datasets was looked at. */
  readonly failure?: FollowReason;
  readonly datasets: readonly DatasetOutcome[];
  readonly bytes: number;
}

export interface FollowOptions {
  /** The nodes' catalog URLs (e.g. `http://127.0.0.1:8080/catalog`). */
  readonly catalogs: readonly string[];
  readonly writer: GraphWriter;
  /** What the follower does with the data; a dataset whose policy does not permit it is not copied. */
  readonly use: FollowUse;
  /** Read tokens (partners' `Authorization: Bearer`) by catalog URL or by origin. */
  readonly tokens?: ReadonlyMap<string, string>;
  /** Fetch policy (timeout per request, size cap, private addresses…). */
  readonly policy?: Partial<FetchPolicy>;
  /** Stops between steps: what is written stays consistent, the next run goes on from there. */
  readonly signal?: AbortSignal;
  /** Called after each dataset. */
  readonly onDataset?: (outcome: DatasetOutcome) => void;
  /** Most feed pages read per dataset in one run (the rest waits for the next run). @default 10000 */
  readonly maxPages?: number;
}
