// The small context Vivant's graph form uses: schema.org as @vocab plus the prefixes it emits.
// A small context keeps jsonld.js fast (schema.org's 3,000-term context makes toRDF ~10× slower).

import { ADO, ADR, SCHEMA, XSD } from "../vocab.js";

export const VIVANT_CONTEXT = {
  "@vocab": SCHEMA,
  schema: SCHEMA,
  xsd: XSD,
  ado: ADO,
  adr: ADR,
} as const;
