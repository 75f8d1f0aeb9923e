// `vivant-ld/export`: a publisher's graph in the CapData Culture model (RDF/XML), with what it leaves out and why.

export { graphToCapData, capdataRdfXml } from "../export/capdata.js";
export type { CapDataExport, CapDataExportOptions, LeftOutRow, LeftOutReason } from "../export/capdata.js";
export {
  capdataTerms,
  PROVISIONAL_CAPDATA_NAMESPACE,
  CAPDATA_CLASSES,
  CAPDATA_PROPERTIES,
} from "../export/capdata-terms.js";
export type { CapDataTerms } from "../export/capdata-terms.js";
