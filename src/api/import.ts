// `vivant-ld/import`: the importers of peers' feeds and exports (Artsdata JSON-LD, UiTdatabank, ticketing CSV, the
// Ministry's festivals, CapData Culture), each with its fidelity ledger.

export { importArtsdata } from "../import/artsdata.js";
export type { ArtsdataImportOptions } from "../import/artsdata.js";
export { importUitdatabank, expandOpeningHours } from "../import/uitdatabank.js";
export type { UitdatabankImportOptions } from "../import/uitdatabank.js";
export { importCsv, parseCsvMapping, CSV_FIELDS } from "../import/csv.js";
export type { CsvMapping, CsvField, CsvImportOptions } from "../import/csv.js";
export { importFestivals, FESTIVALS_PUBLISHER } from "../import/festivals.js";
export type { FestivalsImportOptions } from "../import/festivals.js";
export { importCapData } from "../import/capdata.js";
export type { CapDataImportOptions } from "../import/capdata.js";
export { makePublisher, rejectionsByReason, NO_LICENCE_DECLARED } from "../import/types.js";
export type { ImportResult, PublisherOptions } from "../import/types.js";
export type { CsvCellCode } from "../codes.js";
