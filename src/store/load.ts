// Moved: preparing a publisher's graph (read, map, validate) is ingest's (src/ingest/); this name stays for existing importers.

export * from "../ingest/prepare.js";
