// Compiled checks: for each shape the engine runs, a closure that can tell, without the engine, that the shape
// finds nothing on a focus node (most focus nodes of a mostly valid graph). Only a certain "nothing" skips the
// engine: each check mirrors shacl-engine's own test for the constraints it knows, and answers "don't know" for
// anything else (another constraint, a datatype it does not check, a doubt), so the findings stay the engine's.
// The W3C core suite, the equivalence tests and the benchmark compare them with the plain engine's.

import type { Term } from "@rdfjs/types";
import { RDF, SH, XSD } from "../vocab.js";
import { termKey } from "../rdf/terms.js";
import { factory, type IndexedDataset } from "./dataset.js";
import { subClassesOf } from "./plan.js";

/** true: the shape surely finds nothing; false: it surely finds something; undefined: only the engine knows. */
export type Verdict = boolean | undefined;
/** A compiled shape: its verdict on one focus node of a data graph. */
export type NodeCheck = (node: Term, data: IndexedDataset) => Verdict;
type ValueCheck = (value: Term, data: IndexedDataset) => Verdict;
type ValuesCheck = (focus: Term, values: readonly Term[], data: IndexedDataset) => Verdict;

const sh = (l: string): string => `${SH}${l}`;
const RDF_TYPE = factory.namedNode(`${RDF}type`);
const STANDARD_SEVERITIES = new Set([sh("Violation"), sh("Warning"), sh("Info")]);

/** What the engine reads on a shape besides constraints, and what it never reads (targets, messages…). */
const IGNORED = new Set(
  [
    "message",
    "name",
    "description",
    "order",
    "group",
    "defaultValue",
    "severity",
    "path",
    "targetClass",
    "targetNode",
    "targetSubjectsOf",
    "targetObjectsOf",
    "flags",
  ].map(sh),
);

/** Parameters the engine reads every value of, each as a constraint of its own. */
const MANY = new Set(
  [
    "class",
    "node",
    "property",
    "message",
    "targetClass",
    "targetNode",
    "targetSubjectsOf",
    "targetObjectsOf",
    "name",
    "description",
  ].map(sh),
);

/** Term equality, as RDF/JS defines it, across term implementations. */
function same(a: Term, b: Term): boolean {
  if (a.termType !== b.termType || a.value !== b.value) return false;
  if (a.termType !== "Literal") return true;
  const la = a as { language: string; datatype: Term };
  const lb = b as { language: string; datatype: Term };
  return la.language === lb.language && la.datatype.value === lb.datatype.value;
}

const NODE_KINDS: Readonly<Record<string, readonly string[]>> = {
  [sh("BlankNode")]: ["BlankNode"],
  [sh("BlankNodeOrIRI")]: ["BlankNode", "NamedNode"],
  [sh("BlankNodeOrLiteral")]: ["BlankNode", "Literal"],
  [sh("IRI")]: ["NamedNode"],
  [sh("IRIOrLiteral")]: ["NamedNode", "Literal"],
  [sh("Literal")]: ["Literal"],
};

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
function wellFormed(value: string, dt: string): Verdict {
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
function compare(a: Term, b: Term): number | null | undefined {
  if (a.termType !== "Literal" || b.termType !== "Literal") return null;
  if (hasTimezone(a) !== hasTimezone(b)) return null;
  const va = fromRdf(a);
  const vb = fromRdf(b);
  if (va === UNKNOWN || vb === UNKNOWN) return undefined;
  if (typeof va !== typeof vb) return null;
  return (va as number) - (vb as number);
}

function and(a: Verdict, b: Verdict): Verdict {
  if (a === false || b === false) return false;
  return a === true && b === true ? true : undefined;
}

/** Compiles every shape of a shapes graph on demand, each once. */
export class CheckCompiler {
  private readonly done = new Map<string, NodeCheck | null>();
  private readonly visiting = new Set<string>();

  constructor(private readonly g: IndexedDataset) {}

  private out(s: Term, p: string): Term[] {
    return this.g.find(s, factory.namedNode(p), null, null).map((q) => q.object);
  }

  private list(head: Term): Term[] | undefined {
    const items: Term[] = [];
    for (let cur: Term | undefined = head; cur && cur.value !== `${RDF}nil`; cur = this.out(cur, `${RDF}rest`)[0]) {
      const first = this.out(cur, `${RDF}first`)[0];
      if (!first) return undefined;
      items.push(first);
    }
    return items;
  }

  /** The check of a shape, or null when it uses anything this module does not mirror. */
  check(shape: Term): NodeCheck | null {
    const key = termKey(shape);
    if (this.done.has(key)) return this.done.get(key)!;
    // A shape that refers to itself, directly or not, is left to the engine.
    if (this.visiting.has(key)) return null;
    this.visiting.add(key);
    try {
      const c = this.compile(shape);
      this.done.set(key, c);
      return c;
    } finally {
      this.visiting.delete(key);
    }
  }

  private compile(shape: Term): NodeCheck | null {
    const paths = this.out(shape, sh("path"));
    if (paths.length > 1) return null;
    let predicates: Term[] | undefined;
    if (paths.length === 1) {
      const path = paths[0]!;
      if (path.termType === "NamedNode") predicates = [path];
      else {
        const alt = this.out(path, sh("alternativePath"));
        const items = alt.length === 1 ? this.list(alt[0]!) : undefined;
        // Anything but a predicate or alternative predicates (inverse, sequence, repetition) is the engine's.
        if (
          !items ||
          !items.every((i) => i.termType === "NamedNode") ||
          this.g.find(path, null, null, null).length !== 1
        )
          return null;
        predicates = items;
      }
    }
    const severities = this.out(shape, sh("severity"));
    const standard = severities.every((s) => STANDARD_SEVERITIES.has(s.value));

    // The engine reads one value of most parameters and merges the lists of repeated sh:and/sh:or/sh:xone:
    // a shape that repeats one of those is the engine's.
    const own = this.g.find(shape, null, null, null);
    const seen = new Set<string>();
    for (const q of own) {
      const p = q.predicate.value;
      if (MANY.has(p) || !p.startsWith(SH)) continue;
      if (seen.has(p)) return null;
      seen.add(p);
    }

    const generic: ValueCheck[] = [];
    const onValues: ValuesCheck[] = [];
    for (const q of own) {
      const p = q.predicate.value;
      if (!p.startsWith(SH) || IGNORED.has(p)) continue;
      const o = q.object;
      const local = p.slice(SH.length);
      const c = this.component(shape, local, o, predicates !== undefined);
      if (c === null) return null;
      if (c === undefined) continue;
      if (c.kind === "generic") generic.push(c.fn);
      else onValues.push(c.fn);
    }

    const perValue = (value: Term, data: IndexedDataset): Verdict => {
      let v: Verdict = true;
      for (const g of generic) {
        v = and(v, g(value, data));
        if (v === false) return false;
      }
      return v;
    };
    let check: NodeCheck;
    if (predicates === undefined) {
      check = perValue;
    } else {
      const preds = predicates;
      check = (node, data) => {
        const values = valuesOf(data, node, preds);
        let v: Verdict = true;
        for (const f of onValues) {
          v = and(v, f(node, values, data));
          if (v === false) return false;
        }
        for (const value of values) {
          v = and(v, perValue(value, data));
          if (v === false) return false;
        }
        return v;
      };
    }
    // A result of another severity does not count against conformance in the engine: only "nothing found" is sure.
    return standard ? check : (node, data) => (check(node, data) === true ? true : undefined);
  }

  /**
   * One constraint: a test on each value (or on the focus node of a node shape), a test on the values together,
   * undefined when the engine does not apply it here, or null when it is not mirrored.
   */
  private component(shape: Term, local: string, o: Term, isProperty: boolean): Built {
    // closed, equals, disjoint, qualified shapes, SPARQL, deactivated, anything new: the engine's.
    const build = Object.hasOwn(COMPONENTS, local) ? COMPONENTS[local] : undefined;
    if (build === undefined) return null;
    return build({
      shape,
      local,
      o,
      isProperty,
      g: this.g,
      out: (s, p) => this.out(s, p),
      list: (head) => this.list(head),
      check: (sh) => this.check(sh),
    });
  }
}

/** What a constraint compiles to (see `CheckCompiler.component`). */
type Built = { kind: "generic"; fn: ValueCheck } | { kind: "values"; fn: ValuesCheck } | undefined | null;

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
const COMPONENTS: Readonly<Record<string, (site: ConstraintSite) => Built>> = {
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

/** The distinct values of a node for one or more predicates (an alternative path), as the engine collects them. */
function valuesOf(data: IndexedDataset, node: Term, predicates: readonly Term[]): readonly Term[] {
  if (predicates.length === 1) return data.find(node, predicates[0]!, null, null).map((q) => q.object);
  const seen = new Map<string, Term>();
  for (const p of predicates) for (const q of data.find(node, p, null, null)) seen.set(termKey(q.object), q.object);
  return [...seen.values()];
}
