// A CapData Culture export (RDF/XML, the `capdata-export.rdf` of a French opera house, or Vivant's own) → records:
// Oeuvre → work, ProductionPrimaire/Production → production, Evenement → performance, Lieu + AdressePostale → venue,
// Collectivite → organization, Personne → person, Saison → series of kind season, and the participations back into
// cast, performers, directors, producers, authors and organizers by their kind and Fonction. Parsed by Oxigraph
// (already a dependency) as a stream, bounded in bytes and triples; the IRIs are those of src/export/capdata-terms.ts
// under the namespace given. Never writes RDF; every property of every node ends in the fidelity ledger.
// This entry point checks and parses the file (capdata/parse.ts), then reads the nodes class by class in the
// parts under capdata/ (people and organisations first, events last: each links to what was read before).

import { InputError } from "../errors.js";
import { Fixes } from "../harvest/fixes.js";
import { Ledger, SourceTally } from "../harvest/ledger.js";
import { tx } from "../i18n.js";
import { RDF_TYPE } from "../vocab.js";
import { capdataTerms, type CapDataClass } from "../export/capdata-terms.js";
import { readOrganization, readPerson } from "./capdata/agents.js";
import { CapDataContext, type Read } from "./capdata/context.js";
import { checkEntities, parseRdfXml } from "./capdata/parse.js";
import { readPerformance } from "./capdata/performances.js";
import { readSeason, readVenue } from "./capdata/places.js";
import { readProduction, readWork } from "./capdata/works.js";
import { makePublisher, recordProblem, uniqueById, type ImportResult, type PublisherOptions } from "./types.js";

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
  const result = readNodes(new CapDataContext(quads, terms, options, tally));
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

/** Every node of each class, in the order that lets each one link to those read before. */
function readNodes(c: CapDataContext): Read {
  const byClass = (cls: CapDataClass): string[] => c.ix.subjects.filter((s) => c.is(s, cls)).sort();
  for (const s of byClass("Personne")) readPerson(c, s);
  for (const s of byClass("Collectivite")) readOrganization(c, s);
  for (const s of byClass("Lieu")) readVenue(c, s);
  for (const s of byClass("Saison")) readSeason(c, s);
  for (const s of byClass("Oeuvre")) readWork(c, s);
  const productions = [...new Set([...byClass("ProductionPrimaire"), ...byClass("Production")])].sort();
  for (const s of productions) readProduction(c, s);
  for (const s of byClass("Evenement")) readPerformance(c, s);
  return c.out;
}
