// A CapData Culture export (RDF/XML, the `capdata-export.rdf` of a French opera house, or Vivant's own) → records:
// Oeuvre → work, ProductionPrimaire/Production → production, Evenement → performance, Lieu + AdressePostale → venue,
// Collectivite → organization, Personne → person, Saison → series of kind season, and the participations back into
// cast, performers, directors, producers, authors and organizers by their kind and Fonction. Parsed by Oxigraph
// (already a dependency) as a stream, bounded in bytes and triples; the IRIs are those of src/export/capdata-terms.ts
// under the namespace given. Never writes RDF; every property of every node ends in the fidelity ledger.

import type { Literal, Quad, Term } from "@rdfjs/types";
import oxigraph from "oxigraph";
import { InputError, type Problem, type ProblemCode } from "../errors.js";
import { Fixes } from "../harvest/fixes.js";
import { QuadIndex } from "../harvest/graph.js";
import { Ledger, SourceTally } from "../harvest/ledger.js";
import { t, tx } from "../i18n.js";
import type { RecordRef } from "../mapping/types.js";
import type {
  AgentRef,
  LangMap,
  Organization,
  Performance,
  Person,
  Production,
  Role,
  Series,
  Venue,
  Work,
} from "../records/types.js";
import { RDF_TYPE } from "../vocab.js";
import { capdataTerms, type CapDataClass, type CapDataProperty, type CapDataTerms } from "../export/capdata-terms.js";
import { localIdOf } from "./fromGraph.js";
import {
  compact,
  makePublisher,
  recordProblem,
  uniqueById,
  type ImportResult,
  type PublisherOptions,
} from "./types.js";

export interface CapDataImportOptions {
  readonly publisher: PublisherOptions;
  /** The ontology's namespace the file uses. @default PROVISIONAL_CAPDATA_NAMESPACE */
  readonly namespace?: string;
  /**
   * ISO 3166-1 country of the addresses: the model has none. Without it an address is kept as one text
   * (`addressText`), never given a guessed country.
   */
  readonly country?: string;
  /** Language of texts without a language tag. @default "fr" (the model's exports are in French) */
  readonly defaultLanguage?: string;
  /** Base IRI of relative IRIs in the file. @default "https://capdata.invalid/" */
  readonly baseIri?: string;
  /** @default 256 MiB */
  readonly maxBytes?: number;
  /** Triples read at most (the rest reported, not read). @default 5,000,000 */
  readonly maxTriples?: number;
  /** Keep the fidelity ledger. @default true */
  readonly ledger?: boolean;
}

const MAX_TEXT = 100_000;
const isHttp = (s: string): boolean => /^https?:\/\/\S+$/i.test(s);

const ENTITY = /<!ENTITY\s+(%\s*)?([^\s"']+)\s+(?:"([^"]*)"|'([^']*)'|(\S[^>]*))>/g;

/**
 * XML entities, bounded before the parser sees them (Oxigraph expands internal entities: a few nested ones turn a
 * kilobyte into gigabytes). Namespace abbreviations pass; parameter, external and nested entities are refused, and
 * so is a file whose references would expand past `maxBytes`.
 */
function checkEntities(text: string, maxBytes: number): void {
  const start = text.indexOf("<!DOCTYPE");
  if (start < 0) return;
  const refuse = (en: string, fr: string): never => {
    throw new InputError(
      "capdata/entities",
      { en: t("capdata/entities", { what: en }, "en"), fr: t("capdata/entities", { what: fr }, "fr") },
      { hint: tx("capdata/entities.hint") },
    );
  };
  let expanded = 0;
  for (const m of text.matchAll(ENTITY)) {
    const [, parameter, name, dq, sq, external] = m;
    if (parameter !== undefined) refuse(`a parameter entity (%${name})`, `une entité paramètre (%${name})`);
    if (external !== undefined) refuse(`an external entity (${name})`, `une entité externe (${name})`);
    const value = dq ?? sq ?? "";
    if (/&(?!#)/.test(value))
      refuse(`an entity that refers to another (${name})`, `une entité qui en appelle une autre (${name})`);
    const uses = text.split(`&${name};`).length - 1;
    expanded += uses * value.length;
    if (expanded > maxBytes)
      refuse(
        `entities whose uses expand past ${maxBytes} bytes`,
        `des entités dont les appels dépassent ${maxBytes} octets une fois étendus`,
      );
  }
}

/** Parses the RDF/XML (an InputError for a file that is not), stopping after `max` triples. */
function parseRdfXml(text: string, base: string, max: number): { quads: Quad[]; truncated: boolean } {
  const quads: Quad[] = [];
  try {
    for (const q of oxigraph.parse([text] as Iterable<string>, {
      format: "application/rdf+xml",
      base_iri: base,
    }) as unknown as Iterable<Quad>) {
      if (quads.length >= max) return { quads, truncated: true };
      quads.push(q);
    }
  } catch (e) {
    throw new InputError("capdata/syntax", tx("capdata/syntax", { detail: (e as Error).message.slice(0, 500) }), {
      hint: tx("capdata/syntax.hint"),
    });
  }
  return { quads, truncated: false };
}

/** Imports one CapData Culture export into one publisher's records. */
export function importCapData(text: string, options: CapDataImportOptions): ImportResult {
  const maxBytes = options.maxBytes ?? 256 * 2 ** 20;
  const size = Buffer.byteLength(text, "utf8");
  if (size > maxBytes)
    throw new InputError("capdata/too-large", tx("capdata/too-large", { size, max: maxBytes }), {
      hint: tx("capdata/too-large.hint"),
    });
  checkEntities(text, maxBytes);
  const terms = capdataTerms(options.namespace);
  const { quads, truncated } = parseRdfXml(
    text,
    options.baseIri ?? "https://capdata.invalid/",
    options.maxTriples ?? 5_000_000,
  );
  const keep = options.ledger !== false;
  const tally = keep ? new SourceTally() : undefined;
  const reader = new Reader(quads, terms, options, tally);
  const result = reader.read();
  if (truncated) {
    result.problems.push(
      recordProblem(
        "capdata/truncated",
        "document",
        undefined,
        "$",
        options.maxTriples ?? 5_000_000,
        [
          "the file has more triples than the import reads: the rest was not read",
          "le fichier a plus de triplets que l'import n'en lit : la suite n'a pas été lue",
        ],
        ["at most maxTriples triples", "au plus maxTriples triplets"],
        ["split the export, or raise maxTriples", "découpez l'export, ou augmentez maxTriples"],
        "warning",
      ),
    );
  }
  if (!quads.some((q) => q.predicate.value === RDF_TYPE && q.object.value.startsWith(terms.namespace))) {
    result.problems.push(
      recordProblem(
        "capdata/no-entities",
        "document",
        undefined,
        "$",
        terms.namespace,
        [
          tx("capdata/no-entities", { namespace: terms.namespace }).en,
          tx("capdata/no-entities", { namespace: terms.namespace }).fr,
        ],
        ["classes of the CapData Culture model", "des classes du modèle CapData Culture"],
        [tx("capdata/no-entities.hint").en, tx("capdata/no-entities.hint").fr],
        "warning",
      ),
    );
  }
  const ledger = new Ledger();
  const label = (p: string): string =>
    p === RDF_TYPE ? "@type" : p.startsWith(terms.namespace) ? `capdata:${p.slice(terms.namespace.length)}` : p;
  tally?.settle(ledger, undefined, label);
  return {
    document: {
      publisher: makePublisher(options.publisher),
      venues: uniqueById(result.venues),
      organizations: uniqueById(result.organizations),
      people: uniqueById(result.people),
      works: uniqueById(result.works),
      productions: uniqueById(result.productions),
      series: uniqueById(result.series),
      performances: uniqueById(result.performances),
    },
    read: result.entities,
    unit: "documents",
    fixes: new Fixes(),
    ledger,
    problems: [...result.problems, ...ledger.problems()],
    rejected: result.rejected,
  };
}

interface Read {
  venues: Venue[];
  organizations: Organization[];
  people: Person[];
  works: Work[];
  productions: Production[];
  series: Series[];
  performances: Performance[];
  problems: Problem[];
  rejected: RecordRef[];
  entities: number;
}

class Reader {
  readonly #ix: QuadIndex;
  readonly #t: CapDataTerms;
  readonly #o: CapDataImportOptions;
  readonly #tally: SourceTally | undefined;
  readonly #lang: string;
  readonly #out: Read = {
    venues: [],
    organizations: [],
    people: [],
    works: [],
    productions: [],
    series: [],
    performances: [],
    problems: [],
    rejected: [],
    entities: 0,
  };
  readonly #termOf = new Map<string, Term>();

  constructor(
    quads: readonly Quad[],
    terms: CapDataTerms,
    options: CapDataImportOptions,
    tally: SourceTally | undefined,
  ) {
    this.#ix = new QuadIndex(quads);
    this.#t = terms;
    this.#o = options;
    this.#tally = tally;
    this.#lang = options.defaultLanguage ?? "fr";
    for (const q of quads) this.#termOf.set(q.subject.value, q.subject);
    // Each (subject, property) once, with the index's strings: Oxigraph's terms decode their value on each read.
    tally?.seenIndex(this.#ix);
  }

  #is(s: string, c: CapDataClass): boolean {
    return this.#ix.typeIris(s).includes(this.#t.cls(c));
  }

  #id(s: string): string {
    return localIdOf(this.#termOf.get(s) ?? ({ termType: "NamedNode", value: s } as Term));
  }

  #carry(s: string, p: CapDataProperty | typeof RDF_TYPE): void {
    this.#tally?.carry(s, p === RDF_TYPE ? RDF_TYPE : this.#t.prop(p));
  }

  #objects(s: string, p: CapDataProperty): readonly Term[] {
    return this.#ix.objects(s, this.#t.prop(p));
  }

  /** Every language's text of a literal property (untagged: the default language), bounded; carried when any. */
  #texts(s: string, p: CapDataProperty): LangMap | undefined {
    const out: Record<string, string> = {};
    for (const l of this.#objects(s, p).filter((x): x is Literal => x.termType === "Literal")) {
      const v = l.value.trim().slice(0, MAX_TEXT);
      const k = l.language || this.#lang;
      if (v !== "" && out[k] === undefined) out[k] = v;
    }
    if (!Object.keys(out).length) return undefined;
    this.#carry(s, p);
    return out;
  }

  #text(s: string, p: CapDataProperty): string | undefined {
    const l = this.#objects(s, p).find((x) => x.termType === "Literal" && x.value.trim() !== "");
    if (!l) return undefined;
    this.#carry(s, p);
    return l.value.trim().slice(0, MAX_TEXT);
  }

  /** The nodes a relation points at that are of class `c` (the others are not carried: the tally says so). */
  #linked(s: string, p: CapDataProperty, c: CapDataClass): string[] {
    const out = this.#objects(s, p)
      .map((o) => o.value)
      .filter((o) => this.#is(o, c));
    if (out.length) this.#carry(s, p);
    else if (this.#objects(s, p).length) this.#tally?.drop(s, this.#t.prop(p), "unresolved");
    return [...new Set(out)].sort();
  }

  #reject(
    entity: string,
    s: string,
    p: string,
    code: ProblemCode,
    message: [string, string],
    expected: [string, string],
    hint: [string, string],
  ): void {
    const recordId = this.#id(s);
    this.#out.problems.push(recordProblem(code, entity, recordId, `<${s}> ${p}`, undefined, message, expected, hint));
    this.#out.rejected.push({ entity, recordId, path: `<${s}>` });
    this.#tally?.reject(s);
  }

  read(): Read {
    const byClass = (c: CapDataClass): string[] => this.#ix.subjects.filter((s) => this.#is(s, c)).sort();
    for (const s of byClass("Personne")) this.#person(s);
    for (const s of byClass("Collectivite")) this.#organization(s);
    for (const s of byClass("Lieu")) this.#venue(s);
    for (const s of byClass("Saison")) this.#season(s);
    for (const s of byClass("Oeuvre")) this.#work(s);
    const productions = [...new Set([...byClass("ProductionPrimaire"), ...byClass("Production")])].sort();
    for (const s of productions) this.#production(s);
    for (const s of byClass("Evenement")) this.#performance(s);
    return this.#out;
  }

  #begin(s: string): void {
    this.#out.entities++;
    this.#carry(s, RDF_TYPE);
    if (this.#objects(s, "catalogageSourceAgence").length) this.#carry(s, "catalogageSourceAgence");
  }

  #person(s: string): void {
    this.#begin(s);
    const name = [this.#text(s, "prenom"), this.#text(s, "nom")].filter((x) => x !== undefined).join(" ");
    if (!name) {
      this.#reject(
        "person",
        s,
        "capdata:nom",
        "capdata/person-without-name",
        ["a Personne without a name", "une Personne sans nom"],
        ["nom (and prenom)", "nom (et prenom)"],
        ["give the person's nom", "donnez le nom de la personne"],
      );
      return;
    }
    this.#out.people.push({ id: this.#id(s), name });
  }

  #organization(s: string): void {
    this.#begin(s);
    const name = this.#texts(s, "nom");
    if (!name) {
      this.#reject(
        "organization",
        s,
        "capdata:nom",
        "capdata/organization-without-name",
        ["a Collectivite without a name", "une Collectivite sans nom"],
        ["nom", "nom"],
        ["give the organisation's nom", "donnez le nom de l'organisme"],
      );
      return;
    }
    const url = this.#text(s, "siteWeb");
    if (url !== undefined && !isHttp(url)) this.#tally?.drop(s, this.#t.prop("siteWeb"), "invalid");
    const siret = this.#text(s, "siret")?.replace(/\s+/g, "");
    if (siret !== undefined && !/^\d{14}$/.test(siret)) this.#tally?.drop(s, this.#t.prop("siret"), "invalid");
    this.#out.organizations.push(
      compact({
        id: this.#id(s),
        name,
        description: this.#texts(s, "description"),
        url: url !== undefined && isHttp(url) ? url : undefined,
        ids: siret !== undefined && /^\d{14}$/.test(siret) ? { siret } : undefined,
      }),
    );
  }

  #venue(s: string): void {
    this.#begin(s);
    const [a] = this.#linked(s, "adresse", "AdressePostale");
    let address: Venue["address"];
    let addressText: string | undefined;
    if (a !== undefined) {
      this.#begin(a);
      this.#out.entities--;
      const street = this.#text(a, "adressePostale");
      const postalCode = this.#text(a, "codePostal");
      const commune = this.#text(a, "commune");
      if (commune !== undefined && this.#o.country !== undefined)
        address = compact({
          streetAddress: street,
          postalCode,
          addressLocality: commune,
          addressCountry: this.#o.country,
        });
      else
        addressText = [street, [postalCode, commune].filter(Boolean).join(" ")].filter(Boolean).join(", ") || undefined;
    }
    const name = this.#texts(s, "nom");
    if (!name && !address && !addressText) {
      this.#reject(
        "venue",
        s,
        "capdata:nom",
        "capdata/place-without-name",
        ["a Lieu with neither a name nor an address", "un Lieu sans nom ni adresse"],
        ["nom, or an AdressePostale", "nom, ou une AdressePostale"],
        ["give the place's nom", "donnez le nom du lieu"],
      );
      return;
    }
    this.#out.venues.push(
      compact({ id: this.#id(s), name, description: this.#texts(s, "description"), address, addressText }),
    );
  }

  #season(s: string): void {
    this.#begin(s);
    const name = this.#texts(s, "label") ?? this.#texts(s, "titre");
    if (!name) {
      this.#reject(
        "series",
        s,
        "capdata:label",
        "capdata/season-without-name",
        ["a Saison without a label", "une Saison sans libellé"],
        ["label", "label"],
        ["give the season's label", "donnez le libellé de la saison"],
      );
      return;
    }
    this.#out.series.push({ id: this.#id(s), kind: "season", name });
  }

  /** The agent of a participation: a person, an organization, or a name of unknown kind. */
  #agent(p: string): AgentRef | undefined {
    const a = this.#objects(p, "aPourParticipant").map((x) => x.value)[0];
    if (a === undefined) return undefined;
    this.#carry(p, "aPourParticipant");
    if (this.#is(a, "Personne") && this.#out.people.some((x) => x.id === this.#id(a))) return { person: this.#id(a) };
    if (this.#is(a, "Collectivite") && this.#out.organizations.some((x) => x.id === this.#id(a)))
      return { organization: this.#id(a) };
    const name = this.#text(a, "nom");
    if (name !== undefined && !this.#ix.typeIris(a).length) return { name };
    this.#tally?.drop(p, this.#t.prop("aPourParticipant"), "unresolved");
    return undefined;
  }

  /** The participations of kind `c` of `s` (through `p`): each agent and its Fonction's French label. */
  #participations(s: string, p: CapDataProperty, c: CapDataClass): { agent: AgentRef; fonction?: LangMap }[] {
    const out: { agent: AgentRef; fonction?: LangMap }[] = [];
    for (const n of this.#linked(s, p, c)) {
      this.#carry(n, RDF_TYPE);
      const agent = this.#agent(n);
      if (!agent) continue;
      const [f] = this.#linked(n, "aPourFonction", "Fonction");
      if (f !== undefined) this.#carry(f, RDF_TYPE);
      const fonction = f !== undefined ? this.#texts(f, "label") : undefined;
      out.push(fonction ? { agent, fonction } : { agent });
    }
    return out;
  }

  #work(s: string): void {
    this.#begin(s);
    const name = this.#texts(s, "titre");
    if (!name) {
      this.#reject(
        "work",
        s,
        "capdata:titre",
        "capdata/work-without-title",
        ["an Oeuvre without a title", "une Oeuvre sans titre"],
        ["titre", "titre"],
        ["give the work's titre", "donnez le titre de l'œuvre"],
      );
      return;
    }
    const composers: AgentRef[] = [],
      authors: AgentRef[] = [],
      librettists: AgentRef[] = [];
    for (const { agent, fonction } of this.#participations(s, "aPourAuteur", "Auteur")) {
      const f = Object.values(fonction ?? {})
        .join(" ")
        .toLowerCase();
      (/compos/.test(f) ? composers : /libret|parol/.test(f) ? librettists : authors).push(agent);
    }
    const created = this.#text(s, "dateDeCreation");
    const dateCreated = created !== undefined && /^\d{4}(-\d\d-\d\d)?$/.test(created) ? created : undefined;
    if (created !== undefined && dateCreated === undefined)
      this.#tally?.drop(s, this.#t.prop("dateDeCreation"), "invalid");
    this.#out.works.push(
      compact({
        id: this.#id(s),
        name,
        description: this.#texts(s, "description"),
        composers,
        authors,
        librettists,
        dateCreated,
      }),
    );
  }

  readonly #seasonsOf = new Map<string, string[]>();

  #production(s: string): void {
    this.#begin(s);
    const name = this.#texts(s, "titre");
    if (!name) {
      this.#reject(
        "production",
        s,
        "capdata:titre",
        "capdata/production-without-title",
        ["a production without a title", "une production sans titre"],
        ["titre", "titre"],
        ["give the production's titre", "donnez le titre de la production"],
      );
      return;
    }
    const role = ({ agent, fonction }: { agent: AgentRef; fonction?: LangMap }): Role =>
      compact({ ...agent, roleName: fonction });
    const directors: AgentRef[] = [];
    const cast: Role[] = this.#participations(s, "aPourInterpretation", "Interpretation").map(role);
    for (const c of this.#participations(s, "aPourCollaboration", "Collaboration")) {
      if (
        /mise en sc|direction artistique|metteu/.test(
          Object.values(c.fonction ?? {})
            .join(" ")
            .toLowerCase(),
        )
      )
        directors.push(c.agent);
      else cast.push(role(c));
    }
    const producers = [
      ...this.#participations(s, "aPourMentionProduction", "MentionProduction"),
      ...this.#participations(s, "aPourMaitriseOeuvre", "MaitriseOeuvre"),
    ].map((x) => x.agent);
    const works = this.#linked(s, "oeuvreRepresentee", "Oeuvre")
      .map((w) => this.#id(w))
      .filter((id) => this.#out.works.some((w) => w.id === id));
    this.#seasonsOf.set(
      s,
      this.#linked(s, "aPourSaison", "Saison").map((x) => this.#id(x)),
    );
    this.#out.productions.push(
      compact({ id: this.#id(s), name, description: this.#texts(s, "description"), works, directors, producers, cast }),
    );
  }

  #performance(s: string): void {
    this.#begin(s);
    const [production] = [
      ...this.#linked(s, "aPourProduction", "ProductionPrimaire"),
      ...this.#linked(s, "aPourProduction", "Production"),
    ];
    const start = this.#text(s, "dateDebut");
    const productionId = production !== undefined ? this.#id(production) : undefined;
    if (productionId === undefined || !this.#out.productions.some((p) => p.id === productionId)) {
      this.#reject(
        "performance",
        s,
        "capdata:aPourProduction",
        "capdata/event-without-production",
        ["an Evenement without a (readable) production", "un Evenement sans production (lisible)"],
        [
          "aPourProduction: a ProductionPrimaire with a titre",
          "aPourProduction : une ProductionPrimaire avec un titre",
        ],
        ["link the event to its production", "reliez l'événement à sa production"],
      );
      return;
    }
    if (start === undefined) {
      this.#reject(
        "performance",
        s,
        "capdata:dateDebut",
        "capdata/event-without-start",
        ["an Evenement without a start date", "un Evenement sans date de début"],
        ["dateDebut, e.g. 2026-11-20T19:00:00Z", "dateDebut, par ex. 2026-11-20T19:00:00Z"],
        ["give the performance's dateDebut", "donnez la dateDebut de la représentation"],
      );
      return;
    }
    const [venue] = this.#linked(s, "aPourLieu", "Lieu").filter((v) =>
      this.#out.venues.some((x) => x.id === this.#id(v)),
    );
    if (venue === undefined) {
      this.#reject(
        "performance",
        s,
        "capdata:aPourLieu",
        "capdata/event-without-place",
        [
          "an Evenement without a (readable) Lieu: the model has no online performances",
          "un Evenement sans Lieu (lisible) : le modèle n'a pas de représentations en ligne",
        ],
        ["aPourLieu: a Lieu with a nom or an address", "aPourLieu : un Lieu avec un nom ou une adresse"],
        ["link the event to its place", "reliez l'événement à son lieu"],
      );
      return;
    }
    const cancelled = this.#objects(s, "annulation").some((x) => x.value === "true" || x.value === "1");
    if (this.#objects(s, "annulation").length) this.#carry(s, "annulation");
    const performers: Role[] = this.#participations(s, "aPourInterpretation", "Interpretation").map(
      ({ agent, fonction }) => compact({ ...agent, roleName: fonction }),
    );
    const organizers = this.#participations(s, "aPourProgrammation", "Programmation").map((x) => x.agent);
    this.#out.performances.push(
      compact({
        id: this.#id(s),
        production: productionId,
        name: this.#texts(s, "titre"),
        description: this.#texts(s, "description"),
        startDate: start,
        endDate: this.#text(s, "dateFin"),
        venue: this.#id(venue),
        status: cancelled ? { kind: "cancelled" as const } : undefined,
        performers,
        organizers,
        series: this.#seasonsOf.get(production!),
      }),
    );
  }
}
