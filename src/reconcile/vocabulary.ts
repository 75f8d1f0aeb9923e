// What the reconciliation service reconciles: its six types (venues, people, organizations, works, productions,
// performances), which store classes fall in each, and the properties a query may match on or a client may fetch
// (data extension), with their names in English and French and the ids clients may write them with.

import type { Text } from "../errors.js";
import { shippedClassEdges, subclassesOf } from "../query/events.js";
import { ADO, SCHEMA } from "../vocab.js";

export type Family = "venue" | "person" | "organization" | "work" | "production" | "performance";

export interface ReconType {
  readonly id: string;
  readonly family: Family;
  readonly name: Text;
  readonly description: Text;
}

/** The types, in the order the manifest lists them (its `defaultTypes`). */
export const TYPES: readonly ReconType[] = [
  {
    id: `${SCHEMA}Place`,
    family: "venue",
    name: { en: "Venue", fr: "Lieu" },
    description: {
      en: "a venue or hall (schema:Place and its subclasses)",
      fr: "un lieu ou une salle (schema:Place et ses sous-classes)",
    },
  },
  {
    id: `${SCHEMA}Person`,
    family: "person",
    name: { en: "Person", fr: "Personne" },
    description: { en: "an artist or any person (schema:Person)", fr: "un artiste ou toute personne (schema:Person)" },
  },
  {
    id: `${SCHEMA}Organization`,
    family: "organization",
    name: { en: "Organization", fr: "Structure" },
    description: {
      en: "a company, ensemble or institution (schema:Organization)",
      fr: "une compagnie, un ensemble ou une institution (schema:Organization)",
    },
  },
  {
    id: `${SCHEMA}CreativeWork`,
    family: "work",
    name: { en: "Work", fr: "Œuvre" },
    description: {
      en: "a work staged by productions (schema:CreativeWork)",
      fr: "une œuvre montée par des productions (schema:CreativeWork)",
    },
  },
  {
    id: `${ADO}LivePerformanceWork`,
    family: "production",
    name: { en: "Production", fr: "Spectacle" },
    description: {
      en: "a production or show (ado:LivePerformanceWork)",
      fr: "un spectacle ou une production (ado:LivePerformanceWork)",
    },
  },
  {
    id: `${SCHEMA}Event`,
    family: "performance",
    name: { en: "Performance", fr: "Représentation" },
    description: {
      en: "one performance (schema:Event and its subclasses)",
      fr: "une représentation (schema:Event et ses sous-classes)",
    },
  },
];

const ROOTS: Readonly<Record<Family, string>> = {
  venue: `${SCHEMA}Place`,
  person: `${SCHEMA}Person`,
  organization: `${SCHEMA}Organization`,
  work: `${SCHEMA}CreativeWork`,
  production: `${ADO}LivePerformanceWork`,
  performance: `${SCHEMA}Event`,
};

let classFamilies: ReadonlyMap<string, readonly Family[]> | undefined;

/** Every store class that makes an entity one of the families (a class may be in two: a LocalBusiness is a Place and an Organization). */
export function familyClasses(): ReadonlyMap<string, readonly Family[]> {
  if (classFamilies === undefined) {
    const map = new Map<string, Family[]>();
    for (const family of Object.keys(ROOTS) as Family[]) {
      for (const c of subclassesOf([ROOTS[family]], shippedClassEdges())) {
        const l = map.get(c);
        if (l) l.push(family);
        else map.set(c, [family]);
      }
    }
    classFamilies = map;
  }
  return classFamilies;
}

/** The families of an entity typed with `classes`: a production is a CreativeWork but not a work. */
export function familiesOf(classes: Iterable<string>): Family[] {
  const found = new Set<Family>();
  for (const c of classes) for (const f of familyClasses().get(c) ?? []) found.add(f);
  if (found.has("production")) found.delete("work");
  return [...found];
}

/** The type a client names: its id, the same with https://schema.org/, a `schema:`/`ado:` prefixed or bare local name. */
export function typeOf(id: string): ReconType | undefined {
  const local = id.replace(/^(?:https?:\/\/schema\.org\/|schema:|http:\/\/kg\.artsdata\.ca\/ontology\/|ado:)/, "");
  return TYPES.find((t) => t.id === id || t.id.endsWith(`/${local}`));
}

/** How a property's values are compared and returned. */
export type PropertyKind = "text" | "code" | "iri" | "entity" | "date" | "number";

export interface ReconProperty {
  readonly id: string;
  /** The store predicate (the value's own, for a path through `via`). */
  readonly predicate: string;
  /** A node in between: `schema:address` for a postal code, `schema:geo` for a latitude. */
  readonly via?: string;
  readonly kind: PropertyKind;
  readonly name: Text;
  readonly description: Text;
  /** The families whose entities have it (data extension proposals, property suggest). */
  readonly families: readonly Family[];
  /** Other ids clients may use for it. */
  readonly aliases?: readonly string[];
}

const ALL: readonly Family[] = ["venue", "person", "organization", "work", "production", "performance"];
const P = (local: string): string => `${SCHEMA}${local}`;

/** The properties, in the order proposals list them. */
export const PROPERTIES: readonly ReconProperty[] = [
  {
    id: "name",
    predicate: P("name"),
    kind: "text",
    families: ALL,
    name: { en: "name", fr: "nom" },
    description: { en: "the name, in each language given", fr: "le nom, dans chaque langue donnée" },
  },
  {
    id: "alternateName",
    predicate: P("alternateName"),
    kind: "text",
    families: ALL,
    name: { en: "other name", fr: "autre nom" },
    description: { en: "another name the entity is known by", fr: "un autre nom sous lequel l'entité est connue" },
  },
  {
    id: "sameAs",
    predicate: P("sameAs"),
    kind: "iri",
    families: ALL,
    aliases: ["wikidata", "isni", "bnf", "artsdata", "owl:sameAs"],
    name: { en: "same as (Wikidata, ISNI, BnF, Artsdata)", fr: "identique à (Wikidata, ISNI, BnF, Artsdata)" },
    description: {
      en: "an external identifier: a match on it is certain",
      fr: "un identifiant externe : une correspondance sur lui est certaine",
    },
  },
  {
    id: "description",
    predicate: P("description"),
    kind: "text",
    families: ALL,
    name: { en: "description", fr: "description" },
    description: { en: "the description", fr: "la description" },
  },
  {
    id: "url",
    predicate: P("url"),
    kind: "iri",
    families: ALL,
    name: { en: "web page", fr: "page web" },
    description: {
      en: "the entity's page on the publisher's site",
      fr: "la page de l'entité sur le site de l'éditeur",
    },
  },
  {
    id: "postalCode",
    predicate: P("postalCode"),
    via: P("address"),
    kind: "code",
    families: ["venue", "organization", "performance"],
    name: { en: "postal code", fr: "code postal" },
    description: {
      en: "the postal code of the address (a performance's: its venue's)",
      fr: "le code postal de l'adresse (pour une représentation : celui de son lieu)",
    },
  },
  {
    id: "addressLocality",
    predicate: P("addressLocality"),
    via: P("address"),
    kind: "text",
    families: ["venue", "organization", "performance"],
    aliases: ["city"],
    name: { en: "city", fr: "ville" },
    description: {
      en: "the city of the address (a performance's: its venue's)",
      fr: "la ville de l'adresse (pour une représentation : celle de son lieu)",
    },
  },
  {
    id: "streetAddress",
    predicate: P("streetAddress"),
    via: P("address"),
    kind: "text",
    families: ["venue", "organization"],
    name: { en: "street address", fr: "adresse" },
    description: { en: "the street and number", fr: "la rue et le numéro" },
  },
  {
    id: "addressRegion",
    predicate: P("addressRegion"),
    via: P("address"),
    kind: "text",
    families: ["venue", "organization"],
    aliases: ["region"],
    name: { en: "region", fr: "région" },
    description: { en: "the region of the address", fr: "la région de l'adresse" },
  },
  {
    id: "addressCountry",
    predicate: P("addressCountry"),
    via: P("address"),
    kind: "code",
    families: ["venue", "organization"],
    aliases: ["country"],
    name: { en: "country", fr: "pays" },
    description: { en: "the country code of the address", fr: "le code du pays de l'adresse" },
  },
  {
    id: "latitude",
    predicate: P("latitude"),
    via: P("geo"),
    kind: "number",
    families: ["venue"],
    name: { en: "latitude", fr: "latitude" },
    description: { en: "WGS 84 latitude, in degrees", fr: "latitude WGS 84, en degrés" },
  },
  {
    id: "longitude",
    predicate: P("longitude"),
    via: P("geo"),
    kind: "number",
    families: ["venue"],
    name: { en: "longitude", fr: "longitude" },
    description: { en: "WGS 84 longitude, in degrees", fr: "longitude WGS 84, en degrés" },
  },
  {
    id: "containedInPlace",
    predicate: P("containedInPlace"),
    kind: "entity",
    families: ["venue"],
    name: { en: "in venue", fr: "dans le lieu" },
    description: { en: "the venue a hall is part of", fr: "le lieu dont une salle fait partie" },
  },
  {
    id: "startDate",
    predicate: P("startDate"),
    kind: "date",
    families: ["performance"],
    aliases: ["date"],
    name: { en: "start", fr: "début" },
    description: {
      en: "the start (a date matches every performance of that day)",
      fr: "le début (une date correspond à toutes les représentations de ce jour)",
    },
  },
  {
    id: "location",
    predicate: P("location"),
    kind: "entity",
    families: ["performance"],
    aliases: ["venue"],
    name: { en: "venue", fr: "lieu" },
    description: {
      en: "where the performance is: a venue or hall (id or name)",
      fr: "où a lieu la représentation : un lieu ou une salle (id ou nom)",
    },
  },
  {
    id: "workPerformed",
    predicate: P("workPerformed"),
    kind: "entity",
    families: ["performance"],
    aliases: ["production"],
    name: { en: "production", fr: "spectacle" },
    description: { en: "the production performed (id or name)", fr: "le spectacle joué (id ou nom)" },
  },
  {
    id: "performer",
    predicate: P("performer"),
    kind: "entity",
    families: ["performance"],
    name: { en: "performer", fr: "interprète" },
    description: {
      en: "a person or group performing (id or name)",
      fr: "une personne ou un groupe qui se produit (id ou nom)",
    },
  },
  {
    id: "isBasedOn",
    predicate: P("isBasedOn"),
    kind: "entity",
    families: ["production"],
    aliases: ["work"],
    name: { en: "work", fr: "œuvre" },
    description: { en: "the work a production stages (id or name)", fr: "l'œuvre qu'un spectacle monte (id ou nom)" },
  },
  {
    id: "composer",
    predicate: P("composer"),
    kind: "entity",
    families: ["work"],
    name: { en: "composer", fr: "compositeur" },
    description: { en: "who composed the work (id or name)", fr: "qui a composé l'œuvre (id ou nom)" },
  },
  {
    id: "author",
    predicate: P("author"),
    kind: "entity",
    families: ["work"],
    name: { en: "author", fr: "auteur" },
    description: { en: "who wrote the work (id or name)", fr: "qui a écrit l'œuvre (id ou nom)" },
  },
  {
    id: "eventStatus",
    predicate: P("eventStatus"),
    kind: "iri",
    families: ["performance"],
    name: { en: "status", fr: "statut" },
    description: {
      en: "scheduled, cancelled, postponed, rescheduled or moved online",
      fr: "programmée, annulée, reportée, déplacée ou passée en ligne",
    },
  },
];

/** The property a client names: its id, an alias, `schema:` + id or its full schema.org IRI. */
export function propertyOf(id: string): ReconProperty | undefined {
  const local = id.replace(/^(?:https?:\/\/schema\.org\/|schema:)/, "");
  return PROPERTIES.find((p) => p.id === local || p.aliases?.includes(local) === true);
}
