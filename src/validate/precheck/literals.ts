// shacl-engine's tests on terms, mirrored for the checks: term equality, well-formed literals of the XSD datatypes
// it checks, and its comparison of literals (sh:lessThan, sh:minInclusive…).

import type { Term } from "@rdfjs/types";
import { XSD } from "../../vocab.js";
import type { Verdict } from "./verdict.js";

/** Term equality, as RDF/JS defines it, across term implementations. */
export function same(a: Term, b: Term): boolean {
  if (a.termType !== b.termType || a.value !== b.value) return false;
  if (a.termType !== "Literal") return true;
  const la = a as { language: string; datatype: Term };
  const lb = b as { language: string; datatype: Term };
  return la.language === lb.language && la.datatype.value === lb.datatype.value;
}

// Lexical forms a value surely has when it matches these (each is narrower than, or the same as, rdf-validation's
// test that shacl-engine runs; a value that does not match is left to the engine).
const DATE_TZ = "(Z|[+-]((0\\d|1[0-3]):[0-5]\\d|14:00))?";
const LEXICAL: Readonly<Record<string, RegExp>> = {
  [`${XSD}string`]: /^[^\ud800-\udfff\ufffe\uffff]*$/,
  [`${XSD}anyURI`]: /^[^\ud800-\udfff\ufffe\uffff]*$/,
  [`${XSD}boolean`]: /^(true|false|1|0)$/,
  [`${XSD}decimal`]: /^[+-]?(\d+(\.\d*)?|\.\d+)$/,
  [`${XSD}integer`]: /^[+-]?\d+$/,
  [`${XSD}dateTime`]: new RegExp(
    `^-?\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?${DATE_TZ}$`,
  ),
  [`${XSD}date`]: new RegExp(`^-?\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])${DATE_TZ}$`),
  [`${XSD}gYear`]: new RegExp(`^-?\\d{4}${DATE_TZ}$`),
};

/** Whether a literal of datatype `dt` is well-formed as shacl-engine's sh:datatype test sees it; undefined: unsure. */
export function wellFormed(value: string, dt: string): Verdict {
  // Only XSD datatypes are checked by the engine; any other datatype (rdf:langString…) passes.
  if (!dt.startsWith(XSD)) return true;
  const re = LEXICAL[dt];
  return re && re.test(value) ? true : undefined;
}

const INTEGER_TYPES = new Set(
  [
    "integer",
    "long",
    "int",
    "byte",
    "short",
    "negativeInteger",
    "nonNegativeInteger",
    "nonPositiveInteger",
    "positiveInteger",
    "unsignedByte",
    "unsignedInt",
    "unsignedLong",
    "unsignedShort",
  ].map((l) => `${XSD}${l}`),
);
const FLOAT_TYPES = new Set(["double", "decimal", "float"].map((l) => `${XSD}${l}`));
const DATE_TYPES = new Set(["dateTime", "date"].map((l) => `${XSD}${l}`));
const UNKNOWN = Symbol("unknown");

/** rdf-literal's fromRdf, as shacl-engine's comparisons call it, for the datatypes mirrored here. */
function fromRdf(t: Term): number | Date | typeof UNKNOWN {
  const dt = (t as { datatype: Term }).datatype.value;
  if (INTEGER_TYPES.has(dt)) return parseInt(t.value, 10);
  if (FLOAT_TYPES.has(dt)) return parseFloat(t.value);
  if (DATE_TYPES.has(dt)) return new Date(t.value);
  return UNKNOWN;
}

function hasTimezone(t: Term): boolean {
  return (t as { datatype: Term }).datatype.value === `${XSD}dateTime` && /^.*(((\+|-)\d{2}:\d{2})|Z)$/.test(t.value);
}

/** shacl-engine's compareTerms: null when not comparable, undefined when this mirror does not know. */
export function compare(a: Term, b: Term): number | null | undefined {
  if (a.termType !== "Literal" || b.termType !== "Literal") return null;
  if (hasTimezone(a) !== hasTimezone(b)) return null;
  const va = fromRdf(a);
  const vb = fromRdf(b);
  if (va === UNKNOWN || vb === UNKNOWN) return undefined;
  if (typeof va !== typeof vb) return null;
  return (va as number) - (vb as number);
}
