// Namespace IRIs used across Vivant. schema.org terms are stored with http://schema.org/ (DOMAIN.md).

export const SCHEMA = "http://schema.org/";
export const SCHEMA_HTTPS = "https://schema.org/";
export const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
export const RDFS = "http://www.w3.org/2000/01/rdf-schema#";
export const XSD = "http://www.w3.org/2001/XMLSchema#";
export const SKOS = "http://www.w3.org/2004/02/skos/core#";
export const SH = "http://www.w3.org/ns/shacl#";
export const DCAT = "http://www.w3.org/ns/dcat#";
export const DCTERMS = "http://purl.org/dc/terms/";
export const VOID = "http://rdfs.org/ns/void#";
export const PROV = "http://www.w3.org/ns/prov#";
/** Artsdata ontology (`ado:`) and resources (`adr:`: SKOS concepts, K-ids). */
export const ADO = "http://kg.artsdata.ca/ontology/";
export const ADR = "http://kg.artsdata.ca/resource/";
/** Vivant's own terms (catalog, provenance of harvested pages). */
export const VIVANT = "https://vivant.dev/ns#";

export const RDF_TYPE = `${RDF}type`;
export const RDF_LANG_STRING = `${RDF}langString`;
export const XSD_STRING = `${XSD}string`;
export const XSD_DATE = `${XSD}date`;
export const XSD_DATETIME = `${XSD}dateTime`;

/** SHACL Core's constraint parameters, one per component (the first parameter of multi-parameter components). */
export const SHACL_CORE_PARAMETERS = [
  "class",
  "datatype",
  "nodeKind",
  "minCount",
  "maxCount",
  "minExclusive",
  "minInclusive",
  "maxExclusive",
  "maxInclusive",
  "minLength",
  "maxLength",
  "pattern",
  "languageIn",
  "uniqueLang",
  "equals",
  "disjoint",
  "lessThan",
  "lessThanOrEquals",
  "not",
  "and",
  "or",
  "xone",
  "node",
  "qualifiedValueShape",
  "closed",
  "hasValue",
  "in",
] as const;
