// `vivant-ld/ingest`: read any input, map, validate and write a publisher's graph only when it conforms.

export { ingest, loadValidated, openDataDir, publisherGraph, prepareGraph } from "../ingest/index.js";
export type {
  GraphTarget,
  LoadInput,
  LoadRequest,
  LoadOutcome,
  IngestInput,
  IngestOptions,
  RecordsInput,
  QuadsInput,
  LoadFile,
  LoadTarget,
  JsonInput,
  PrepareOptions,
  PreparedGraph,
} from "../ingest/index.js";
