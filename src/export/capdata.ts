// One publisher's graph (schema.org, as the store holds it) → the CapData Culture model (../shared/design/CAPDATA.md)
// as RDF/XML: works → Oeuvre, productions → ProductionPrimaire, performances → Evenement, venues → Lieu and
// AdressePostale, organizations → Collectivite, people → Personne, event series → Saison, and the participation
// kinds (each with its Fonction). French texts only (the `fr` text, else a language-less one), dates in UTC with a
// `Z`, cancellation as `annulation`. Everything the model has no place for (prices, tickets, attendance mode,
// accessibility, halls, geo…) is left out and counted in `leftOut`, never silently dropped.
//
// The RDF/XML is written by Oxigraph's serializer (already a dependency, maintained; n3 writes no RDF/XML), never
// by hand. Oxigraph escapes `<`, `&`, `>` and quotes but writes C0 control characters and CR as they are, which
// XML 1.0 cannot carry (or turns into LF): texts are made XML-safe first (`xmlSafe`), and each repair is counted.

import type { Literal, NamedNode, Quad, Term } from "@rdfjs/types";
import { DataFactory } from "n3";
import { QuadIndex } from "../harvest/graph.js";
import { epochOf, parseIsoDate } from "../records/time.js";
import { serializeTriples } from "../store/oxigraph.js";
import { ADO, RDF_TYPE, SCHEMA, XSD_STRING } from "../vocab.js";
import {
  capdataTerms,
  PARTICIPATION_RELATION,
  XSD_BOOLEAN,
  XSD_DATE_TIME,
  type CapDataClass,
  type CapDataProperty,
  type CapDataTerms,
  type ParticipationKind,
} from "./capdata-terms.js";

const { namedNode, blankNode, literal, quad } = DataFactory;

export interface CapDataExportOptions {
  /** The ontology's namespace. @default PROVISIONAL_CAPDATA_NAMESPACE (provisional: see src/export/capdata-terms.ts) */
  readonly namespace?: string;
  /**
   * The publishing organisation's IRI (the one CapData's platform assigned it, `https://capdataculture.fr/graph/identifier/<id>`),
   * written as every entity's `catalogageSourceAgence`. @default the graph's own publisher node, when it has one
   */
  readonly publisherIri?: string;
  /** The graph's IRI (`<base>graph`): its publisher node `<base>publisher` is the default `publisherIri`. */
  readonly graphIri?: string;
}

/** Why a value of the graph is not in the export. */
export type LeftOutReason = "not-in-model" | "no-french-text" | "no-utc-offset" | "invalid";

export interface LeftOutRow {
  /** `schema:offers`, `schema:Festival` (a node of that type), `schema:location (hall)`… */
  readonly property: string;
  readonly reason: LeftOutReason;
  readonly count: number;
}

export interface CapDataExport {
  readonly quads: Quad[];
  /** Entities written, by CapData class. */
  readonly counts: Partial<Record<CapDataClass, number>>;
  readonly leftOut: LeftOutRow[];
  /** Texts repaired to be XML 1.0 (characters XML cannot carry → U+FFFD, CR line ends → LF). */
  readonly repairedTexts: number;
}

// Characters XML 1.0 cannot carry: C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF.

const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A text XML 1.0 carries as it is: forbidden characters → U+FFFD, CR LF and lone CR → LF (what XML parsers read anyway). */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, "\uFFFD").replace(/\r\n?/g, "\n");
}

/** An `xsd:dateTime` with an offset → the same instant in UTC with a `Z` (`2026-11-20T19:00:00Z`); undefined when local or malformed. */
export function utcDateTime(value: string): string | undefined {
  const p = parseIsoDate(value.trim(), false);
  if (!p || p.offsetMinutes === undefined) return undefined;
  const ms = epochOf(p);
  if (!Number.isFinite(ms)) return undefined;
  // The fraction as written (epochOf counts whole seconds: the offset never changes a fraction).
  return `${new Date(ms).toISOString().slice(0, 19)}${p.fraction ? `.${p.fraction}` : ""}Z`;
}

const S = (name: string): string => SCHEMA + name;
const label = (iri: string): string =>
  iri === RDF_TYPE ? "@type" : iri.startsWith(SCHEMA) ? `schema:${iri.slice(SCHEMA.length)}` : iri;

/** Terms in code-point order of their values (the export's order never depends on how the graph was read). */
const sorted = (terms: readonly Term[]): Term[] =>
  [...terms].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));

const WORK_TYPES = new Set(["CreativeWork", "MusicComposition", "Play", "Book", "Movie"]);
const PLACE_TYPES = new Set(["Place", "PerformingArtsTheater", "MusicVenue", "EventVenue", "StadiumOrArena", "Park"]);
const ORG_TYPES = new Set(["Organization", "PerformingGroup", "TheaterGroup", "DanceGroup", "MusicGroup"]);

/** Converts the graph; `capdataRdfXml` writes the result. */
export function graphToCapData(graph: readonly Quad[], options: CapDataExportOptions = {}): CapDataExport {
  return new Exporter(graph, capdataTerms(options.namespace), options).run();
}

/** The export as RDF/XML text (UTF-8, by Oxigraph's serializer). */
export function capdataRdfXml(result: Pick<CapDataExport, "quads">): string {
  return serializeTriples(result.quads, "application/rdf+xml");
}

class Exporter {
  readonly #ix: QuadIndex;
  readonly #t: CapDataTerms;
  readonly #out: Quad[] = [];
  readonly #counts: Partial<Record<CapDataClass, number>> = {};
  readonly #left = new Map<string, number>();
  /** Exported node → the source properties it used (the others are left out). */
  readonly #used = new Map<string, Set<string>>();
  readonly #written = new Set<string>();
  readonly #fonctions = new Map<string, Term>();
  #repaired = 0;
  readonly #publisher: string | undefined;

  constructor(graph: readonly Quad[], terms: CapDataTerms, options: CapDataExportOptions) {
    this.#ix = new QuadIndex(graph);
    this.#t = terms;
    const own = options.graphIri?.endsWith("graph")
      ? `${options.graphIri.slice(0, -"graph".length)}publisher`
      : undefined;
    this.#publisher = options.publisherIri ?? (own !== undefined && this.#ix.has(own) ? own : undefined);
  }

  run(): CapDataExport {
    const ix = this.#ix;
    const performances: string[] = [];
    const series: string[] = [];
    const subjects = [...ix.subjects].sort();
    for (const s of subjects) {
      const types = ix.types(s);
      if (
        types.includes("EventSeries") ||
        (types.includes("Festival") && ix.values(s, "subEvent").length && !ix.values(s, "workPerformed").length)
      )
        series.push(s);
      else if (
        ix.values(s, "workPerformed").length ||
        (ix.values(s, "startDate").length && types.some((x) => x.endsWith("Event")))
      )
        performances.push(s);
    }
    if (this.#publisher && this.#ix.has(this.#publisher)) this.#agent(namedNode(this.#publisher));
    else if (this.#publisher) this.#begin(namedNode(this.#publisher), "Collectivite");
    for (const s of series) this.#series(s);
    for (const s of performances) this.#performance(s);
    // What no performance reaches is exported all the same: a venue, a work, an agent of the programme.
    for (const s of subjects) {
      const types = ix.types(s);
      const node = namedNode(s);
      if (types.includes("PerformanceRole") || ix.values(s, "startDate").length) continue;
      if (types.includes("LivePerformanceWork") || ix.typeIris(s).includes(`${ADO}LivePerformanceWork`))
        this.#production(s);
      else if (types.some((x) => WORK_TYPES.has(x))) this.#work(s);
      else if (types.some((x) => PLACE_TYPES.has(x))) {
        if (ix.values(s, "containedInPlace").some((v) => ix.has(v.value)))
          this.#leave("schema:Place (hall)", "not-in-model");
        else this.#venue(s);
      } else if (types.includes("Person") || types.some((x) => ORG_TYPES.has(x))) this.#agent(node);
    }
    this.#settle();
    const leftOut = [...this.#left]
      .map(([k, count]) => {
        const [reason, property] = k.split("\u0000") as [LeftOutReason, string];
        return { property, reason, count };
      })
      .sort((a, b) => (a.property < b.property ? -1 : a.property > b.property ? 1 : a.reason < b.reason ? -1 : 1));
    return { quads: this.#out, counts: this.#counts, leftOut, repairedTexts: this.#repaired };
  }

  #leave(property: string, reason: LeftOutReason, n = 1): void {
    const k = `${reason}\u0000${property}`;
    this.#left.set(k, (this.#left.get(k) ?? 0) + n);
  }

  #use(s: string, ...names: string[]): void {
    let u = this.#used.get(s);
    if (!u) this.#used.set(s, (u = new Set()));
    for (const n of names) u.add(n.startsWith("http") ? n : S(n));
  }

  /** Begins a node of a CapData class, once; false when it was written already. */
  #begin(s: Term, cls: CapDataClass): boolean {
    const key = `${s.termType}:${s.value}`;
    if (this.#written.has(key)) return false;
    this.#written.add(key);
    this.#add(s, RDF_TYPE, namedNode(this.#t.cls(cls)));
    this.#counts[cls] = (this.#counts[cls] ?? 0) + 1;
    this.#use(s.value, RDF_TYPE);
    if (
      this.#publisher &&
      s.value !== this.#publisher &&
      s.termType === "NamedNode" &&
      cls !== "Fonction" &&
      cls !== "AdressePostale" &&
      !(cls in PARTICIPATION_RELATION)
    ) {
      this.#add(s, this.#t.prop("catalogageSourceAgence"), namedNode(this.#publisher));
    }
    return true;
  }

  #add(s: Term, p: string, o: Term): void {
    this.#out.push(quad(s as NamedNode, namedNode(p), o as NamedNode));
  }

  #text(value: string, lang: string): Literal {
    const safe = xmlSafe(value);
    if (safe !== value) this.#repaired++;
    return lang ? literal(safe, lang) : literal(safe);
  }

  /** The French text of a schema.org property (`fr`, `fr-*`, else language-less), written as `p`; counted when none is French. */
  #french(s: string, name: string, p: CapDataProperty, subject: Term = namedNode(s)): string | undefined {
    const lits = this.#ix.values(s, name).filter((t): t is Literal => t.termType === "Literal");
    if (!lits.length) return undefined;
    this.#use(s, name);
    const fr = lits.find((l) => l.language.toLowerCase() === "fr" || l.language.toLowerCase().startsWith("fr-"));
    const plain = lits.find(
      (l) => l.language === "" && (l.datatype.value === XSD_STRING || l.datatype.value === `${SCHEMA}Text`),
    );
    const pick = fr ?? plain;
    if (!pick || pick.value.trim() === "") {
      this.#leave(label(S(name)), "no-french-text");
      return undefined;
    }
    this.#add(subject, this.#t.prop(p), this.#text(pick.value, fr ? "fr" : ""));
    return pick.value;
  }

  #date(s: string, name: string, p: CapDataProperty): void {
    const v = this.#ix.values(s, name).find((t) => t.termType === "Literal");
    if (!v) return;
    this.#use(s, name);
    const utc = utcDateTime(v.value);
    if (utc === undefined) {
      this.#leave(label(S(name)), parseIsoDate(v.value.trim(), false) ? "no-utc-offset" : "invalid");
      return;
    }
    this.#add(namedNode(s), this.#t.prop(p), literal(utc, namedNode(XSD_DATE_TIME)));
  }

  #iri(t: Term): NamedNode | undefined {
    return t.termType === "NamedNode" ? t : undefined;
  }

  #series(s: string): void {
    const node = namedNode(s);
    if (this.#ix.types(s).includes("Festival")) {
      this.#leave("schema:Festival", "not-in-model");
      return;
    }
    this.#begin(node, "Saison");
    this.#saisons.add(s);
    this.#french(s, "name", "label");
    this.#use(s, "subEvent");
  }

  #performance(s: string): void {
    const node = namedNode(s);
    if (!this.#begin(node, "Evenement")) return;
    const ix = this.#ix;
    this.#french(s, "name", "titre");
    this.#french(s, "description", "description");
    this.#date(s, "startDate", "dateDebut");
    this.#date(s, "endDate", "dateFin");
    const status = ix.values(s, "eventStatus")[0]?.value.replace(/^https?:\/\/schema\.org\//, "");
    if (status !== undefined) {
      this.#use(s, "eventStatus");
      this.#add(node, this.#t.prop("annulation"), literal(String(status === "EventCancelled"), namedNode(XSD_BOOLEAN)));
      if (status === "EventPostponed" || status === "EventMovedOnline")
        this.#leave(`schema:eventStatus (${status})`, "not-in-model");
    }
    for (const loc of ix.values(s, "location")) {
      const place = this.#place(loc);
      if (place) {
        this.#use(s, "location");
        this.#add(node, this.#t.prop("aPourLieu"), place);
      }
    }
    for (const p of ix
      .values(s, "workPerformed")
      .map((t) => this.#iri(t))
      .filter((t) => t !== undefined)) {
      this.#use(s, "workPerformed");
      this.#production(p.value);
      this.#add(node, this.#t.prop("aPourProduction"), p);
      for (const season of ix.values(s, "superEvent")) {
        if (this.#saisons.has(season.value)) {
          this.#use(s, "superEvent");
          this.#seasonOf(p, season as NamedNode);
        }
      }
    }
    this.#roles(s, "performer", "Interpretation");
    this.#agents(s, "organizer", "Programmation", "programmation");
  }

  readonly #seasons = new Set<string>();
  readonly #perOwner = new Map<string, number>();
  readonly #saisons = new Set<string>();

  /** A production's seasons: those of its performances (the model puts the season on the production). */
  #seasonOf(production: NamedNode, season: NamedNode): void {
    const k = `${production.value} ${season.value}`;
    if (this.#seasons.has(k)) return;
    this.#seasons.add(k);
    this.#add(production, this.#t.prop("aPourSaison"), season);
  }

  /** A performance's place: its venue (a hall's venue: the model has no hall); undefined for an online place. */
  #place(t: Term): NamedNode | undefined {
    const iri = this.#iri(t);
    if (!iri || !this.#ix.has(iri.value)) return undefined;
    const types = this.#ix.types(iri.value);
    if (types.includes("VirtualLocation")) {
      this.#leave("schema:location (VirtualLocation)", "not-in-model");
      return undefined;
    }
    const venue = this.#ix
      .values(iri.value, "containedInPlace")
      .map((x) => this.#iri(x))
      .find((x) => x !== undefined && this.#ix.has(x.value));
    if (venue) {
      this.#leave("schema:location (hall)", "not-in-model");
      this.#venue(venue.value);
      return venue;
    }
    this.#venue(iri.value);
    return iri;
  }

  #venue(s: string): void {
    const node = namedNode(s);
    if (!this.#begin(node, "Lieu")) return;
    this.#french(s, "name", "nom");
    this.#french(s, "description", "description");
    const address = this.#ix
      .values(s, "address")
      .map((x) => (x.termType === "Literal" ? undefined : x))
      .find((x) => x !== undefined);
    if (address && this.#ix.has(address.value)) {
      this.#use(s, "address");
      const a = address.value;
      this.#begin(address, "AdressePostale");
      this.#add(node, this.#t.prop("adresse"), address);
      this.#french(a, "streetAddress", "adressePostale", address);
      this.#french(a, "postalCode", "codePostal", address);
      this.#french(a, "addressLocality", "commune", address);
    }
  }

  #production(s: string): void {
    const node = namedNode(s);
    if (!this.#begin(node, "ProductionPrimaire")) return;
    this.#french(s, "name", "titre");
    this.#french(s, "description", "description");
    for (const w of this.#ix
      .values(s, "isBasedOn")
      .map((t) => this.#iri(t))
      .filter((t) => t !== undefined)) {
      if (!this.#ix.has(w.value) || !this.#ix.types(w.value).some((x) => WORK_TYPES.has(x))) continue;
      this.#use(s, "isBasedOn");
      this.#work(w.value);
      this.#add(node, this.#t.prop("oeuvreRepresentee"), w);
    }
    this.#agents(s, "director", "Collaboration", "mise en scène");
    this.#agents(s, "producer", "MentionProduction", "production");
    this.#roles(s, "contributor", "Interpretation");
  }

  #work(s: string): void {
    if (!this.#begin(namedNode(s), "Oeuvre")) return;
    this.#french(s, "name", "titre");
    this.#french(s, "description", "description");
    const created = this.#ix.values(s, "dateCreated").find((t) => t.termType === "Literal");
    if (created) {
      this.#use(s, "dateCreated");
      this.#add(namedNode(s), this.#t.prop("dateDeCreation"), literal(xmlSafe(created.value), created.datatype));
    }
    this.#agents(s, "composer", "Auteur", "compositeur");
    this.#agents(s, "author", "Auteur", "auteur");
    this.#agents(s, "lyricist", "Auteur", "librettiste");
  }

  /** An agent: Personne, Collectivite, or (a name only, of unknown kind) a node with its name and no class. */
  #agent(t: NamedNode): boolean {
    const s = t.value;
    if (!this.#ix.has(s)) return false;
    const types = this.#ix.types(s);
    if (types.includes("Person")) {
      if (this.#begin(t, "Personne")) this.#french(s, "name", "nom");
    } else if (types.some((x) => ORG_TYPES.has(x))) {
      if (!this.#begin(t, "Collectivite")) return true;
      this.#french(s, "name", "nom");
      this.#french(s, "description", "description");
      const url = this.#ix.values(s, "url").find((x) => x.termType === "NamedNode" || x.termType === "Literal");
      if (url) {
        this.#use(s, "url");
        this.#add(t, this.#t.prop("siteWeb"), literal(xmlSafe(url.value)));
      }
      for (const id of this.#ix.values(s, "identifier")) {
        if (this.#ix.values(id.value, "propertyID")[0]?.value !== "SIRET") continue;
        const v = this.#ix.values(id.value, "value")[0];
        if (v?.termType === "Literal") {
          this.#use(s, "identifier");
          this.#add(t, this.#t.prop("siret"), literal(xmlSafe(v.value)));
        }
      }
    } else if (types.length === 0 && !this.#written.has(`NamedNode:${s}`)) {
      this.#written.add(`NamedNode:${s}`);
      this.#french(s, "name", "nom");
    }
    return true;
  }

  #fonction(lit: Literal | undefined): Term | undefined {
    if (!lit) return undefined;
    const key = `${lit.language} ${lit.value}`;
    let f = this.#fonctions.get(key);
    if (!f) {
      f = blankNode(`fonction${this.#fonctions.size + 1}`);
      this.#fonctions.set(key, f);
      this.#begin(f, "Fonction");
      this.#add(f, this.#t.prop("label"), this.#text(lit.value, lit.language ? "fr" : ""));
    }
    return f;
  }

  #participation(owner: string, kind: ParticipationKind, agent: NamedNode, fonction: Literal | undefined): void {
    // Numbered within its owner, in the order of the agents' IRIs: the same graph gives the same IRIs, however read.
    const key = `${owner} ${kind}`;
    const n = (this.#perOwner.get(key) ?? 0) + 1;
    this.#perOwner.set(key, n);
    const frag = `capdata-${kind.toLowerCase()}-${n}`;
    const p = namedNode(owner.includes("#") ? `${owner}-${frag}` : `${owner}#${frag}`);
    this.#begin(p, kind);
    this.#add(namedNode(owner), this.#t.prop(PARTICIPATION_RELATION[kind]), p);
    this.#add(p, this.#t.prop("aPourParticipant"), agent);
    const f = this.#fonction(fonction);
    if (f) this.#add(p, this.#t.prop("aPourFonction"), f);
  }

  /** Direct agents (`schema:director`…): one participation each, with a fixed function. */
  #agents(s: string, name: string, kind: ParticipationKind, fonction: string): void {
    for (const a of sorted(this.#ix.values(s, name))) {
      const iri = this.#iri(a);
      if (!iri || this.#ix.types(iri.value).includes("PerformanceRole") || !this.#agent(iri)) continue;
      this.#use(s, name);
      this.#participation(s, kind, iri, literal(fonction, "fr"));
    }
  }

  /** `schema:PerformanceRole` nodes (cast, performers): a participation each, its function the role's name in French. */
  #roles(s: string, name: string, kind: ParticipationKind): void {
    for (const r of sorted(this.#ix.values(s, name))) {
      const iri = this.#iri(r);
      if (!iri) continue;
      if (!this.#ix.types(iri.value).includes("PerformanceRole")) {
        if (this.#agent(iri)) {
          this.#use(s, name);
          this.#participation(s, kind, iri, undefined);
        }
        continue;
      }
      const agent = this.#ix
        .values(iri.value, name)
        .map((x) => this.#iri(x))
        .find((x) => x !== undefined);
      if (!agent || !this.#agent(agent)) continue;
      this.#use(s, name);
      this.#use(iri.value, RDF_TYPE, name);
      const roles = this.#ix.values(iri.value, "roleName").filter((x): x is Literal => x.termType === "Literal");
      const fr = roles.find((l) => l.language.toLowerCase().startsWith("fr")) ?? roles.find((l) => l.language === "");
      if (roles.length) this.#use(iri.value, "roleName");
      if (roles.length && !fr) this.#leave("schema:roleName", "no-french-text");
      this.#participation(s, kind, agent, fr);
    }
  }

  /** What exported nodes (and role nodes) had and the model did not take; nodes of the graph never reached. */
  #settle(): void {
    const reached = new Set<string>(this.#used.keys());
    for (const [s, used] of this.#used) {
      for (const [p, objects] of this.#ix.properties(s)) {
        if (used.has(p)) continue;
        this.#leave(label(p), "not-in-model", objects.length);
        for (const o of objects) reached.add(o.value);
      }
    }
    for (const s of this.#ix.subjects) {
      if (reached.has(s) || s === this.#publisher) continue;
      // A node only the left-out values point at (an offer, its price specification) goes with them.
      const types = this.#ix.typeIris(s);
      if (
        this.#ix
          .types(s)
          .some((x) =>
            [
              "Offer",
              "PriceSpecification",
              "GeoCoordinates",
              "LocationFeatureSpecification",
              "PostalAddress",
              "VirtualLocation",
              "WatchAction",
              "PropertyValue",
            ].includes(x),
          )
      )
        continue;
      if (this.#ix.types(s).some((x) => PLACE_TYPES.has(x))) continue; // a hall, counted above
      if (!this.#written.has(`NamedNode:${s}`))
        this.#leave(types.length ? label(types[0]!) : "(untyped node)", "not-in-model");
    }
  }
}
