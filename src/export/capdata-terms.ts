// Every IRI of the CapData Culture model that Vivant's export writes and its import reads, in one place: the classes
// and properties named in ../shared/design/CAPDATA.md, under a namespace that is a setting. The ontology's
// namespace and the exact spelling of its local names are not published where we could read them: the default
// namespace below is PROVISIONAL (a Vivant IRI, on purpose, so that nobody mistakes it for the real one) and the
// local names are those the Drupal connector's source suggests. When the ontology is published, pass its namespace
// (`--capdata-namespace`, `capdataTerms(ns)`) and correct a local name here, in this one module.

import { InputError } from "../errors.js";
import { tx } from "../i18n.js";
import { RDF_TYPE, XSD } from "../vocab.js";

/**
 * PROVISIONAL: not the CapData Culture ontology's namespace (unpublished), a placeholder under Vivant's own domain.
 * Replace it with the real one through `--capdata-namespace` / the `namespace` option as soon as it is known.
 */
export const PROVISIONAL_CAPDATA_NAMESPACE = "https://vivant.dev/ns/capdata-provisional#";

/** The datatypes the export writes: dates (UTC, `Z`) and the cancellation flag. */
export const XSD_DATE_TIME = `${XSD}dateTime`;
export const XSD_BOOLEAN = `${XSD}boolean`;

/** The classes the export writes (and the import reads). */
export const CAPDATA_CLASSES = [
  "Oeuvre",
  "ProductionPrimaire",
  "Production",
  "Evenement",
  "Lieu",
  "AdressePostale",
  "Collectivite",
  "Personne",
  "Saison",
  "Fonction",
  "Participation",
  "Auteur",
  "Interpretation",
  "Collaboration",
  "MaitriseOeuvre",
  "MentionProduction",
  "Partenariat",
  "Programmation",
] as const;
export type CapDataClass = (typeof CAPDATA_CLASSES)[number];

/**
 * The properties the export writes (and the import reads). `adresse` (a Lieu's AdressePostale) is our guess: the
 * connector's source names the address of a Lieu and the text of an AdressePostale both "adresse postale"; we keep
 * `adressePostale` for the text, as its literal key suggests, and `adresse` (Collectivite's key) for the link.
 */
export const CAPDATA_PROPERTIES = [
  // literals
  "titre",
  "description",
  "dateDebut",
  "dateFin",
  "annulation",
  "nom",
  "prenom",
  "label",
  "adressePostale",
  "codePostal",
  "commune",
  "siret",
  "siteWeb",
  "dateDeCreation",
  // relations
  "adresse",
  "aPourLieu",
  "aPourProduction",
  "aPourSaison",
  "oeuvreRepresentee",
  "productionPrimaire",
  "aPourParticipant",
  "aPourFonction",
  "aPourAuteur",
  "aPourInterpretation",
  "aPourCollaboration",
  "aPourMaitriseOeuvre",
  "aPourMentionProduction",
  "aPourPartenariat",
  "aPourProgrammation",
  "aPourParticipation",
  "catalogageSourceAgence",
] as const;
export type CapDataProperty = (typeof CAPDATA_PROPERTIES)[number];

/** The participation kinds and the relation that links each to what it is about. */
export const PARTICIPATION_RELATION: Readonly<Record<ParticipationKind, CapDataProperty>> = {
  Auteur: "aPourAuteur",
  Interpretation: "aPourInterpretation",
  Collaboration: "aPourCollaboration",
  MaitriseOeuvre: "aPourMaitriseOeuvre",
  MentionProduction: "aPourMentionProduction",
  Partenariat: "aPourPartenariat",
  Programmation: "aPourProgrammation",
  Participation: "aPourParticipation",
};
export type ParticipationKind =
  | "Auteur"
  | "Interpretation"
  | "Collaboration"
  | "MaitriseOeuvre"
  | "MentionProduction"
  | "Partenariat"
  | "Programmation"
  | "Participation";

/** The model's IRIs under one namespace. */
export interface CapDataTerms {
  readonly namespace: string;
  readonly cls: (name: CapDataClass) => string;
  readonly prop: (name: CapDataProperty) => string;
  /** Every IRI the export may write: the classes, the properties, rdf:type and the datatypes. */
  readonly all: () => ReadonlySet<string>;
}

const NAMESPACE = /^https?:\/\/[^\s<>"{}|^`\\]+[#/]$/;

/** The terms under `namespace` (an http(s) IRI ending in `#` or `/`); an InputError names the bad value. */
export function capdataTerms(namespace: string = PROVISIONAL_CAPDATA_NAMESPACE): CapDataTerms {
  if (!NAMESPACE.test(namespace)) {
    throw new InputError("capdata/bad-namespace", tx("capdata/bad-namespace", { value: JSON.stringify(namespace) }), {
      hint: tx("capdata/bad-namespace.hint"),
    });
  }
  const all = new Set<string>([
    RDF_TYPE,
    XSD_DATE_TIME,
    XSD_BOOLEAN,
    ...CAPDATA_CLASSES.map((c) => namespace + c),
    ...CAPDATA_PROPERTIES.map((p) => namespace + p),
  ]);
  return { namespace, cls: (c) => namespace + c, prop: (p) => namespace + p, all: () => all };
}
