// Moved: reading inputs is the first stage of ingest (src/ingest/read.ts); this name stays for existing importers.

export * from "../ingest/read.js";
