// The SHACL Core components the checks mirror: each compiles one constraint of a shape (its parameter read from the
// shapes graph) to a test on each value or on the values together, or says it is the engine's.

import type { Term } from "@rdfjs/types";
import { RDF, SH, XSD } from "../../vocab.js";
import { termKey } from "../../rdf/terms.js";
import { factory, type IndexedDataset } from "../dataset.js";
import { subClassesOf } from "../plan.js";
import { compare, same, wellFormed } from "./literals.js";
import { and, type NodeCheck, type ValueCheck, type ValuesCheck, type Verdict } from "./verdict.js";

/** The SHACL IRI of a local name. */
export const sh = (l: string): string => `${SH}${l}`;
const RDF_TYPE = factory.namedNode(`${RDF}type`);

const NODE_KINDS: Readonly<Record<string, readonly string[]>> = {
  [sh("BlankNode")]: ["BlankNode"],
  [sh("BlankNodeOrIRI")]: ["BlankNode", "NamedNode"],
  [sh("BlankNodeOrLiteral")]: ["BlankNode", "Literal"],
  [sh("IRI")]: ["NamedNode"],
  [sh("IRIOrLiteral")]: ["NamedNode", "Literal"],
  [sh("Literal")]: ["Literal"],
};

/** What a constraint compiles to (see `CheckCompiler.component`). */
export type Built = { kind: "generic"; fn: ValueCheck } | { kind: "values"; fn: ValuesCheck } | undefined | null;

/** One constraint of a shape being compiled: its component, its parameter, and the compiler's reading of shapes. */
interface ConstraintSite {
  readonly shape: Term;
  /** The component's local name (`minCount`, `datatype`…). */
  readonly local: string;
  /** The parameter's value. */
  readonly o: Term;
  readonly isProperty: boolean;
  readonly g: IndexedDataset;
  out(s: Term, p: string): Term[];
  list(head: Term): Term[] | undefined;
  check(shape: Term): NodeCheck | null;
}

const generic = (fn: ValueCheck): Built => ({ kind: "generic", fn });
/** A test on the values together: only property shapes have them (a node shape's is not the engine's either). */
const onValues = (site: ConstraintSite, fn: ValuesCheck): Built =>
  site.isProperty ? { kind: "values", fn } : undefined;

function lessThan({ o: reference, local }: ConstraintSite): ValuesCheck {
  const strict = local === "lessThan";
  return (focus, vs, data) => {
    const refs = data.find(focus, reference, null, null);
    let v: Verdict = true;
    for (const value of vs) {
      for (const r of refs) {
        const c = compare(value, r.object);
        if (c === undefined) v = undefined;
        else if (c === null || (strict ? c >= 0 : c > 0)) return false;
      }
    }
    return v;
  };
}

function uniqueLang(site: ConstraintSite): Built {
  const o = site.o;
  if (!(o.value === "true" && o.termType === "Literal" && (o as { datatype: Term }).datatype.value === `${XSD}boolean`))
    return undefined;
  return onValues(site, (_f, vs) => {
    const seen = new Set<string>();
    for (const v of vs) {
      const lang = (v as { language?: string }).language;
      if (!lang) continue;
      if (seen.has(lang)) return false;
      seen.add(lang);
    }
    return true;
  });
}

function pattern({ shape, o, out }: ConstraintSite): Built {
  const flags = out(shape, sh("flags"))[0]?.value;
  // A global or sticky RegExp keeps state between calls: the engine's answers would depend on the order.
  if (flags !== undefined && /[gy]/.test(flags)) return null;
  let re: RegExp;
  try {
    re = new RegExp(o.value, flags);
  } catch {
    return null;
  }
  return generic((v) => re.test(v.value));
}

function languageIn({ o, list }: ConstraintSite): Built {
  const items = list(o);
  if (!items) return null;
  const langs = [...new Set(items.map((i) => i.value))];
  return generic((v) => {
    const lang = (v as { language?: string }).language;
    return langs.some((l) => !!lang && lang.slice(0, l.length) === l);
  });
}

const RANGE_OK: Readonly<Record<string, (c: number) => boolean>> = {
  minInclusive: (c) => c >= 0,
  minExclusive: (c) => c > 0,
  maxInclusive: (c) => c <= 0,
  maxExclusive: (c) => c < 0,
};

function range({ o: bound, local }: ConstraintSite): Built {
  const ok = RANGE_OK[local]!;
  return generic((v) => {
    const c = compare(v, bound);
    if (c === undefined) return undefined;
    return c !== null && ok(c);
  });
}

function nested({ o, check }: ConstraintSite): Built {
  const inner = check(o);
  if (!inner) return null;
  return generic((v, data) => inner(v, data));
}

function not({ o, check }: ConstraintSite): Built {
  const inner = check(o);
  if (!inner) return null;
  return generic((v, data) => {
    const r = inner(v, data);
    return r === undefined ? undefined : !r;
  });
}

function logical({ o, local, list, check }: ConstraintSite): Built {
  const members = list(o)?.map((m) => check(m));
  if (!members || members.some((m) => m === null)) return null;
  const checks = members as NodeCheck[];
  if (local === "and") {
    return generic((v, data) => {
      let r: Verdict = true;
      for (const m of checks) {
        r = and(r, m(v, data));
        if (r === false) return false;
      }
      return r;
    });
  }
  if (local === "or") {
    return generic((v, data) => {
      let r: Verdict = false;
      for (const m of checks) {
        const x = m(v, data);
        if (x === true) return true;
        if (x === undefined) r = undefined;
      }
      return r;
    });
  }
  return generic((v, data) => {
    let yes = 0;
    for (const m of checks) {
      const x = m(v, data);
      if (x === undefined) return undefined;
      if (x) yes++;
    }
    return yes === 1;
  });
}

/** The SHACL Core components this module mirrors, by local name. Twin: the engine's components (shacl-engine). */
export const COMPONENTS: Readonly<Record<string, (site: ConstraintSite) => Built>> = {
  minCount: (site) => {
    const n = parseInt(site.o.value);
    return onValues(site, (_f, vs) => vs.length >= n);
  },
  maxCount: (site) => {
    const n = parseInt(site.o.value);
    return onValues(site, (_f, vs) => vs.length <= n);
  },
  uniqueLang,
  lessThan: (site) => onValues(site, lessThan(site)),
  lessThanOrEquals: (site) => onValues(site, lessThan(site)),
  hasValue: (site) =>
    site.isProperty ? onValues(site, (_f, vs) => vs.some((v) => same(v, site.o))) : generic((v) => same(v, site.o)),
  in: ({ o, list }) => {
    const items = list(o);
    if (!items) return null;
    return generic((v) => items.some((i) => same(i, v)));
  },
  datatype: ({ o }) => {
    const dt = o.value;
    return generic((v) => {
      if (v.termType !== "Literal" || (v as { datatype: Term }).datatype.value !== dt) return false;
      return wellFormed(v.value, dt);
    });
  },
  nodeKind: ({ o }) => {
    const kinds = NODE_KINDS[o.value];
    if (!kinds) return null;
    return generic((v) => kinds.includes(v.termType));
  },
  class: ({ o, g }) => {
    const classes = new Set(subClassesOf(g, o).map(termKey));
    return generic((v, data) => {
      for (const q of data.find(v, RDF_TYPE, null, null)) if (classes.has(termKey(q.object))) return true;
      return false;
    });
  },
  pattern,
  languageIn,
  minLength: ({ o }) => {
    const n = parseInt(o.value);
    return generic((v) => v.termType !== "BlankNode" && v.value.length >= n);
  },
  maxLength: ({ o }) => {
    const n = parseInt(o.value);
    return generic((v) => v.termType !== "BlankNode" && v.value.length <= n);
  },
  minInclusive: range,
  minExclusive: range,
  maxInclusive: range,
  maxExclusive: range,
  node: nested,
  property: nested,
  not,
  and: logical,
  or: logical,
  xone: logical,
};
