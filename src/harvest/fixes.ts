// Every repair Vivant makes to real-world markup or exports has a kind, a count and a sentence in
// English and French: nothing is fixed silently. Harvest and the importers share this counter.

import type { Text } from "../errors.js";

/** The kinds of fix, with what each one does. */
export const FIX_DESCRIPTIONS = {
  "https-schema-org": {
    en: "https://schema.org/ IRI (type, property, value or datatype) rewritten to http://schema.org/",
    fr: "IRI https://schema.org/ (type, propriété, valeur ou type de donnée) réécrite en http://schema.org/",
  },
  "schema-iri-literal": {
    en: 'text holding a schema.org IRI ("https://schema.org/InStock") turned into that IRI',
    fr: "texte contenant une IRI schema.org (« https://schema.org/InStock ») changé en cette IRI",
  },
  "enum-as-text": {
    en: 'enumeration value written as text ("EventCancelled", "outOfStock") turned into the schema.org IRI',
    fr: "valeur d'énumération écrite en texte (« EventCancelled », « outOfStock ») changée en IRI schema.org",
  },
  "type-case": {
    en: 'lower-case or misspelled type ("place", "TheatreEvent") replaced by the schema.org class',
    fr: "type en minuscules ou mal orthographié (« place », « TheatreEvent ») remplacé par la classe schema.org",
  },
  "type-without-vocab": {
    en: "type that expanded against the page URL (no @vocab in the context) resolved to the schema.org class",
    fr: "type résolu contre l'URL de la page (contexte sans @vocab) ramené à la classe schema.org",
  },
  "date-schema-typed": {
    en: "literal typed schema:Date / schema:DateTime retyped xsd:date / xsd:dateTime",
    fr: "littéral typé schema:Date / schema:DateTime retypé en xsd:date / xsd:dateTime",
  },
  "date-plain-typed": {
    en: "date written as plain text typed xsd:date / xsd:dateTime",
    fr: "date écrite en texte simple typée xsd:date / xsd:dateTime",
  },
  "date-space-separator": {
    en: 'space between date and time ("2015-03-31 20:00:00") replaced by T',
    fr: "espace entre date et heure (« 2015-03-31 20:00:00 ») remplacé par T",
  },
  "date-missing-seconds": {
    en: 'time without seconds ("19:30") completed with ":00"',
    fr: "heure sans secondes (« 19:30 ») complétée par « :00 »",
  },
  "date-timezone-colon": {
    en: 'UTC offset without colon ("-0700") written "-07:00"',
    fr: "décalage UTC sans deux-points (« -0700 ») écrit « -07:00 »",
  },
  "date-without-timezone": {
    en: "date-time without UTC offset: kept as local time, no offset invented",
    fr: "date-heure sans décalage UTC : gardée en heure locale, aucun décalage inventé",
  },
  "date-end-of-day": {
    en: "time 24:00 (end of day) written as 00:00 the next day",
    fr: "heure 24:00 (fin de journée) écrite 00:00 le lendemain",
  },
  "end-after-midnight": {
    en: "end written on the start's day at an earlier time (22:00 → 05:30) read as the next day",
    fr: "fin écrite le jour du début à une heure antérieure (22:00 → 05:30) lue comme le lendemain",
  },
  "date-day-month-year": {
    en: 'date written day/month/year ("01/01/2016 00:00") read as ISO 8601',
    fr: "date écrite jour/mois/année (« 01/01/2016 00:00 ») lue en ISO 8601",
  },
  "wikidata-iri": {
    en: "Wikidata page URL (/wiki/Q…, https, www) rewritten to the entity IRI http://www.wikidata.org/entity/Q…",
    fr: "URL de page Wikidata (/wiki/Q…, https, www) réécrite en IRI d'entité http://www.wikidata.org/entity/Q…",
  },
  "isni-bare": {
    en: "bare ISNI string turned into its IRI https://isni.org/isni/… (in sameAs)",
    fr: "ISNI écrit seul changé en son IRI https://isni.org/isni/… (dans sameAs)",
  },
  "iri-as-literal": {
    en: "URL given as text for url, sameAs, image… turned into an IRI",
    fr: "URL donnée en texte pour url, sameAs, image… changée en IRI",
  },
  "malformed-url": {
    en: 'HTML entity left in a URL ("&#038;", "&amp;") decoded',
    fr: "entité HTML restée dans une URL (« &#038; », « &amp; ») décodée",
  },
  "language-on-non-text": {
    en: "language tag removed from a number, code or date (price, postalCode, latitude…)",
    fr: "étiquette de langue retirée d'un nombre, d'un code ou d'une date (prix, code postal, latitude…)",
  },
  "number-as-text": {
    en: 'number written as text ("430", "112.00") typed as a number',
    fr: "nombre écrit en texte (« 430 », « 112.00 ») typé en nombre",
  },
  "boolean-as-text": {
    en: 'boolean written as text ("True") typed xsd:boolean',
    fr: "booléen écrit en texte (« True ») typé xsd:boolean",
  },
  "address-country-node": {
    en: "addressCountry given as a Country node replaced by its code (or name)",
    fr: "addressCountry donné comme nœud Country remplacé par son code (ou son nom)",
  },
  "country-name": {
    en: 'country written by name ("Canada") replaced by its ISO 3166 code',
    fr: "pays écrit en toutes lettres (« Canada ») remplacé par son code ISO 3166",
  },
  "blank-node-iri": {
    en: "node without @id given a stable IRI from the page URL and its position (#vivant-…)",
    fr: "nœud sans @id doté d'une IRI stable tirée de l'URL de la page et de sa position (#vivant-…)",
  },
  "duplicate-place": {
    en: "duplicate place within one source (same name, compatible address) merged into one",
    fr: "lieu en double dans une même source (même nom, adresse compatible) fusionné en un seul",
  },
  "duplicate-node": {
    en: "identical nested nodes (two equal addresses after a merge) collapsed",
    fr: "nœuds imbriqués identiques (deux adresses égales après fusion) réunis",
  },
  "json-control-characters": {
    en: "raw line break or tab inside a JSON string in a script block escaped",
    fr: "saut de ligne ou tabulation brut dans une chaîne JSON d'un bloc script échappé",
  },
  "script-wrapper": {
    en: "HTML comment or CDATA wrapper around a JSON-LD script block removed",
    fr: "commentaire HTML ou CDATA autour d'un bloc script JSON-LD retiré",
  },
  "byte-order-mark": {
    en: "byte order mark(s) at the start of the file removed",
    fr: "marque(s) d'ordre des octets en début de fichier retirée(s)",
  },
  "spreadsheet-error-cell": {
    en: 'spreadsheet error cell ("#NOM?", "#N/A", "#REF!") read as empty',
    fr: "cellule d'erreur de tableur (« #NOM? », « #N/A », « #REF! ») lue comme vide",
  },
  "postcode-leading-zero": {
    en: 'French postcode that lost its leading zero ("2220") restored ("02220")',
    fr: "code postal français ayant perdu son zéro initial (« 2220 ») rétabli (« 02220 »)",
  },
  "url-scheme-added": {
    en: 'web address without scheme ("www.example.fr") given http://',
    fr: "adresse web sans schéma (« www.exemple.fr ») complétée par http://",
  },
  "url-redirect-unwrapped": {
    en: "search-engine redirect link unwrapped to the address it points to",
    fr: "lien de redirection d'un moteur de recherche remplacé par l'adresse visée",
  },
  "id-disambiguated": {
    en: "identifier shared by different rows made unique with the row's name and commune",
    fr: "identifiant partagé par des lignes différentes rendu unique avec le nom et la commune de la ligne",
  },
  "decimal-comma": {
    en: 'decimal comma ("12,50") read as a decimal point',
    fr: "virgule décimale (« 12,50 ») lue comme un point décimal",
  },
  "agent-as-text": {
    en: 'performer or organizer written as text ("Alex Roy") carried as an agent with that name, its kind left open',
    fr: "interprète ou organisateur écrit en texte (« Alex Roy ») repris comme un agent de ce nom, sans en inventer le type",
  },
  "price-range": {
    en: 'price written as a range ("25 – 45", "15 à 21") read as a price specification with minPrice and maxPrice',
    fr: "prix écrit comme une fourchette (« 25 – 45 », « 15 à 21 ») lu comme une spécification de prix avec minPrice et maxPrice",
  },
  "price-list": {
    en: 'list of prices ("44 - 69,44 - 79") read as the range from its lowest to its highest price',
    fr: "liste de prix (« 44 - 69,44 - 79 ») lue comme la fourchette de son prix le plus bas à son prix le plus haut",
  },
  "whitespace-trimmed": {
    en: "leading or trailing spaces removed from a value",
    fr: "espaces en début ou fin de valeur retirées",
  },
} as const satisfies Record<string, Text>;

export type FixKind = keyof typeof FIX_DESCRIPTIONS;
export const FIX_KINDS = Object.keys(FIX_DESCRIPTIONS) as FixKind[];

/** A counter of fixes by kind. */
export class Fixes {
  readonly #counts = new Map<FixKind, number>();

  add(kind: FixKind, n = 1): void {
    if (n > 0) this.#counts.set(kind, (this.#counts.get(kind) ?? 0) + n);
  }

  count(kind: FixKind): number {
    return this.#counts.get(kind) ?? 0;
  }

  get total(): number {
    let t = 0;
    for (const n of this.#counts.values()) t += n;
    return t;
  }

  merge(other: Fixes): this {
    for (const [k, n] of other.entries()) this.add(k, n);
    return this;
  }

  /** Kinds with their counts, most frequent first. */
  entries(): [FixKind, number][] {
    return [...this.#counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }

  toJSON(): Partial<Record<FixKind, number>> {
    return Object.fromEntries(this.entries());
  }
}
