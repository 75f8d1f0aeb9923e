// Moved: harvest and import reach the store through ingest (src/ingest/index.ts); this name stays for existing importers.

export {
  loadValidated,
  openDataDir,
  openGraphTarget,
  publisherGraph,
  type GraphTarget,
  type LoadInput,
  type LoadRequest,
  type LoadOutcome,
} from "../ingest/index.js";
