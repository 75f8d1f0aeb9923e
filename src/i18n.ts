// The one catalogue of Vivant's own sentences (CLI, HTTP problem documents, progress, summaries), in English
// and French, and the one function that renders them: `t(key, params, lang)`.
//
// Adding a message: put a key in CATALOGUE (under the section of your area), with `{name}` placeholders,
// then `t("my-area/what", { name }, lang)` for a string in one language, or `tx("my-area/what", { name })`
// for both (a `Text`, what errors carry so that the CLI and the server answer in the reader's language):
//   throw new HttpError(404, "api/not-found", tx("api/not-found", { path }));
//   throw new InputError("cli/usage", tx("cli/need-file"), { hint: tx("cli/need-file.hint") });
// `langOf(req.headers["accept-language"])` picks the language of an HTTP request (English by default).

import Negotiator from "negotiator";
import type { Lang, Text } from "./errors.js";
import { CLI_TEXT } from "./i18n/cli.js";
import { DATA_TEXT } from "./i18n/data.js";
import { SERVER_TEXT } from "./i18n/server.js";

// Not imported from errors.ts, which imports this module.
const LANGS: readonly Lang[] = ["en", "fr"];

export type { Lang, Text };
export type Params = Readonly<Record<string, string | number | bigint | boolean | undefined>>;

/**
 * key → { en, fr }. Placeholders are `{name}`; a missing parameter renders as `?`. The sections of the commands
 * (src/i18n/cli.ts), the server (src/i18n/server.ts) and the data paths (src/i18n/data.ts) are merged in.
 */
export const CATALOGUE = {
  ...CLI_TEXT,
  ...SERVER_TEXT,
  ...DATA_TEXT,
  // --- generic -------------------------------------------------------------------------------------------
  "error/internal": { en: "internal error: {detail}", fr: "erreur interne : {detail}" },
  "severity/violation": { en: "violation", fr: "violation" },
  "severity/warning": { en: "warning", fr: "avertissement" },
  "severity/info": { en: "info", fr: "info" },
  "word/value": { en: "value", fr: "valeur" },
  "word/record": { en: "record", fr: "fiche" },
  "word/row": { en: "row", fr: "ligne" },

  // --- dumps and the data space ------------------------------------------------------------------------
  "dump/need-data": { en: "vivant dump needs --data DIR", fr: "vivant dump attend --data DOSSIER" },
  "dump/need-data.hint": {
    en: "give the data directory of vivant serve or vivant load: vivant dump --data ./data",
    fr: "donnez le dossier de données de vivant serve ou vivant load : vivant dump --data ./data",
  },
  "dump/no-graphs": { en: "{dir} has no graphs folder", fr: "{dir} n'a pas de dossier « graphs »" },
  "dump/no-such-graph": {
    en: "no graph {graph} in the data directory",
    fr: "pas de graphe {graph} dans le dossier de données",
  },
  "dump/file": {
    en: "{path}: {bytes} bytes, {triples} triples, version {version}",
    fr: "{path} : {bytes} octets, {triples} triplets, version {version}",
  },
  "dump/failed": { en: "graph {graph} not dumped: {reason}", fr: "graphe {graph} non exporté : {reason}" },
  "dump/failed-all": {
    en: "the dump of every graph (dumps/all/) not made: {reason}",
    fr: "export de tous les graphes (dumps/all/) non fait : {reason}",
  },
  "dump/summary": {
    en: "{graphs} graph(s) dumped in {dir}, {failed} failure(s)",
    fr: "{graphs} graphe(s) exporté(s) dans {dir}, {failed} échec(s)",
  },
  "dump/corrupt-graph-file": {
    en: "graph file {path} cannot be dumped: {why}",
    fr: "le fichier de graphe {path} ne peut pas être exporté : {why}",
  },
  "dump/corrupt-graph-file.hint": {
    en: "the graph is left out of the dumps; load the publisher's data again",
    fr: "le graphe est laissé hors des exports ; rechargez les données de l'éditeur",
  },
  "dump/corrupt.no-header": { en: "no vivant-graph header", fr: "pas d'en-tête vivant-graph" },
  "dump/corrupt.size": {
    en: "size {size} does not match its header",
    fr: "la taille {size} ne correspond pas à son en-tête",
  },
  "dump/corrupt.truncated": { en: "unexpected end of file", fr: "fin de fichier inattendue" },
  "dump/corrupt.sha256": { en: "SHA-256 mismatch", fr: "le SHA-256 ne correspond pas" },
  "dump/corrupt.header": { en: "unreadable header", fr: "en-tête illisible" },
  "dump/not-found": { en: "no dump {path}", fr: "pas d'export {path}" },
  "dump/not-found.hint": {
    en: "GET /dumps/ lists the dumps of this server",
    fr: "GET /dumps/ liste les exports de ce serveur",
  },

  // --- CLI: options and usage --------------------------------------------------------------------------
  "cli/unknown-option": { en: "unknown option {option}", fr: "option inconnue {option}" },
  "cli/unknown-option.hint": {
    en: "did you mean {suggestion}? See vivant {command} --help",
    fr: "vouliez-vous dire {suggestion} ? Voir vivant {command} --help",
  },
  "cli/unknown-option.hint-none": {
    en: "see vivant {command} --help for the options",
    fr: "voir vivant {command} --help pour les options",
  },
  "cli/option-needs-value": { en: "option {option} needs a value", fr: "l'option {option} attend une valeur" },
  "cli/option-needs-value.hint": {
    en: "e.g. {option} VALUE; see vivant {command} --help",
    fr: "par ex. {option} VALEUR ; voir vivant {command} --help",
  },
  "cli/option-takes-no-value": { en: "option {option} takes no value", fr: "l'option {option} ne prend pas de valeur" },
  "cli/option-takes-no-value.hint": {
    en: "write {option} alone; see vivant {command} --help",
    fr: "écrivez {option} seule ; voir vivant {command} --help",
  },
  "cli/bad-arguments": { en: "cannot read the arguments: {detail}", fr: "arguments illisibles : « {detail} »" },
  "cli/see-help": { en: "see vivant {command} --help", fr: "voir vivant {command} --help" },
  "cli/not-one-of": {
    en: '{option} "{value}" is not one of: {allowed}',
    fr: "{option} « {value} » n'est pas parmi : {allowed}",
  },
  "cli/not-one-of.hint": { en: "use {option} {example}", fr: "utilisez {option} {example}" },
  "cli/not-whole-number": {
    en: '{option} "{value}" is not a whole number ≥ {min}',
    fr: "{option} « {value} » n'est pas un nombre entier ≥ {min}",
  },
  "cli/not-whole-number.hint": { en: "e.g. {option} {example}", fr: "par ex. {option} {example}" },
  "cli/unknown-command": { en: 'unknown command "{name}"', fr: "commande inconnue « {name} »" },
  "cli/unknown-command.hint": { en: "did you mean {suggestion}?", fr: "vouliez-vous dire {suggestion} ?" },
  "cli/lang-renamed": {
    en: '--lang sets the language of messages (en or fr) since 0.2.0; for the language "{value}" use {option} {value}',
    fr: "--lang donne la langue des messages (en ou fr) depuis la 0.2.0 ; pour la langue « {value} », utilisez {option} {value}",
  },

  "io/write": { en: "cannot write {path}: {detail}", fr: "impossible d'écrire {path} : {detail}" },
  "io/write.hint": {
    en: "check that the folder exists and that you may write in it",
    fr: "vérifiez que le dossier existe et que vous pouvez y écrire",
  },

  // --- reports: summaries on a terminal (src/validate/summary.ts) --------------------------------------
  "summary/heading-conforms": {
    en: "{source}profile {profile}: conforms: {counts}{rejected}",
    fr: "{source}profil {profile} : conforme : {counts}{rejected}",
  },
  "summary/heading-fails": {
    en: "{source}profile {profile}: does not conform: {counts}{rejected}",
    fr: "{source}profil {profile} : non conforme : {counts}{rejected}",
  },
  "summary/violations.one": { en: "{count} violation", fr: "{count} violation" },
  "summary/violations.other": { en: "{count} violations", fr: "{count} violations" },
  "summary/warnings.one": { en: "{count} warning", fr: "{count} avertissement" },
  "summary/warnings.other": { en: "{count} warnings", fr: "{count} avertissements" },
  "summary/rejected.one": { en: "; {count} record rejected", fr: " ; {count} fiche rejetée" },
  "summary/rejected.other": { en: "; {count} records rejected", fr: " ; {count} fiches rejetées" },
  "summary/note": { en: "note: {message}: {count}", fr: "note : {message} : {count}" },
  "summary/record-problems": { en: "record problems:", fr: "problèmes des fiches :" },
  "summary/more": {
    en: "… {count} more not shown (--max-issues N to show more, --report FILE for the full report)",
    fr: "… {count} de plus non affichés (--max-issues N pour en voir plus, --report FICHIER pour le rapport complet)",
  },
  "summary/more-in-file": {
    en: "… {count} more not shown: the full report is in {file}",
    fr: "… {count} de plus non affichés : le rapport complet est dans {file}",
  },
  "summary/report-written": { en: "full report: {file}", fr: "rapport complet : {file}" },

  // --- server: HTTP problem documents ------------------------------------------------------------------
  "http/400": { en: "Bad Request", fr: "Requête incorrecte" },
  "http/401": { en: "Unauthorized", fr: "Non authentifié" },
  "http/403": { en: "Forbidden", fr: "Interdit" },
  "http/404": { en: "Not Found", fr: "Introuvable" },
  "http/405": { en: "Method Not Allowed", fr: "Méthode non permise" },
  "http/406": { en: "Not Acceptable", fr: "Format non acceptable" },
  "http/409": { en: "Conflict", fr: "Conflit" },
  "http/412": { en: "Precondition Failed", fr: "Précondition non remplie" },
  "http/413": { en: "Content Too Large", fr: "Contenu trop volumineux" },
  "http/415": { en: "Unsupported Media Type", fr: "Type de média non pris en charge" },
  "http/422": { en: "Unprocessable Content", fr: "Contenu inexploitable" },
  "http/429": { en: "Too Many Requests", fr: "Trop de requêtes" },
  "http/500": { en: "Internal Server Error", fr: "Erreur interne du serveur" },
  "http/503": { en: "Service Unavailable", fr: "Service indisponible" },
  "http/507": { en: "Insufficient Storage", fr: "Espace de stockage insuffisant" },
  "http/error": { en: "Error", fr: "Erreur" },
  "http/too-large": {
    en: "the request body is larger than {limit} bytes",
    fr: "le corps de la requête dépasse {limit} octets",
  },
  "http/too-large.write-hint": {
    en: "split the data, send it with vivant load on the server's machine, or ask the operator to raise --max-write",
    fr: "découpez les données, chargez-les avec vivant load sur la machine du serveur, ou demandez à l'exploitant de relever --max-write",
  },
  "http/too-large.hint": {
    en: "split the data (one publisher graph per request) or ask the operator to raise --max-body",
    fr: "découpez les données (un graphe d'éditeur par requête) ou demandez à l'exploitant de relever --max-body",
  },
  "http/not-found": { en: "nothing at {path}", fr: "rien à l'adresse {path}" },
  "http/not-found.hint": { en: "GET / lists what this server offers", fr: "GET / liste ce que ce serveur propose" },
  "http/internal": { en: "the server failed to answer: {detail}", fr: "le serveur n'a pas pu répondre : {detail}" },

  // --- server: start-up --------------------------------------------------------------------------------
  "serve/port-in-use": { en: "port {port} on {host} is already in use", fr: "le port {port} de {host} est déjà pris" },
  "serve/port-in-use.hint": {
    en: "stop the other server, or choose another port: --port N or PORT=N (0 picks a free one)",
    fr: "arrêtez l'autre serveur ou choisissez un autre port : --port N ou PORT=N (0 en choisit un libre)",
  },
  "serve/bad-host": {
    en: 'cannot listen on host "{host}": {reason}',
    fr: "impossible d'écouter sur l'hôte « {host} » : {reason}",
  },
  "serve/bad-host-syntax": {
    en: '--host "{host}" is not an IP address or a host name',
    fr: "--host « {host} » n'est ni une adresse IP ni un nom d'hôte",
  },
  "serve/bad-host.hint": {
    en: "give an address of this machine: --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every interface)",
    fr: "donnez une adresse de cette machine : --host 127.0.0.1 (cette machine seule) ou --host 0.0.0.0 (toutes les interfaces)",
  },
  "serve/no-permission": {
    en: "not allowed to listen on port {port} of {host}",
    fr: "pas le droit d'écouter sur le port {port} de {host}",
  },
  "serve/no-permission.hint": {
    en: "ports below 1024 need privileges: choose --port {suggest}",
    fr: "les ports sous 1024 demandent des privilèges : choisissez --port {suggest}",
  },
  "serve/bad-port": {
    en: 'PORT "{value}" is not a port number (0 to 65535)',
    fr: "PORT « {value} » n'est pas un numéro de port (0 à 65535)",
  },
  "serve/bad-port.hint": { en: "e.g. PORT=8080, or --port 8080", fr: "par ex. PORT=8080, ou --port 8080" },

  // --- JSON input ----------------------------------------------------------------------------------------
  "json/syntax": {
    en: "{source}:{line}:{column}: not JSON: {detail}",
    fr: "{source}:{line}:{column} : pas du JSON (message de l'analyseur : « {detail} »)",
  },
  "json/syntax.hint": { en: "fix the JSON at that position", fr: "corrigez le JSON à cet endroit" },
  "json/proto-key-too-large": {
    en: '{source}: a key "__proto__" in a JSON file too large to be read whole',
    fr: "{source} : une clé « __proto__ » dans un fichier JSON trop grand pour être lu d'un bloc",
  },
  "json/repeated-key-too-large": {
    en: '{source}:{line}:{column}: the key "{key}" is written twice in one object, in a JSON file too large to be read whole',
    fr: "{source}:{line}:{column} : la clé « {key} » est écrite deux fois dans un même objet, dans un fichier JSON trop grand pour être lu d'un bloc",
  },
  "json/repeated-key-too-large.hint": {
    en: "write each key once per object (JSON.parse would keep the last one), or split the file",
    fr: "n'écrivez chaque clé qu'une fois par objet (JSON.parse garderait la dernière), ou découpez le fichier",
  },
  "json/proto-key-too-large.hint": {
    en: 'remove the "__proto__" keys (no record field has that name), or split the file',
    fr: "retirez les clés « __proto__ » (aucun champ de fiche ne porte ce nom), ou découpez le fichier",
  },

  // --- CSV import: the column-mapping file ------------------------------------------------------------------
  "csv/mapping-not-object": {
    en: "mapping file: not a JSON object",
    fr: "fichier de correspondance : pas un objet JSON",
  },
  "csv/mapping-not-object.hint": { en: "see fixtures/import/mapping.json", fr: "voir fixtures/import/mapping.json" },
  "csv/mapping-no-publisher": {
    en: "mapping file: publisher.id is missing",
    fr: "fichier de correspondance : publisher.id manque",
  },
  "csv/mapping-no-publisher.hint": { en: 'add "publisher": {"id": "…"}', fr: 'ajoutez "publisher": {"id": "…"}' },
  "csv/mapping-no-columns": {
    en: "mapping file: columns is missing",
    fr: "fichier de correspondance : columns manque",
  },
  "csv/mapping-no-columns.hint": {
    en: 'map fields to columns, e.g. "performance.id": "Code séance"',
    fr: 'associez les champs aux colonnes, par ex. "performance.id": "Code séance"',
  },
  "csv/mapping-unknown-field": {
    en: 'mapping file: unknown field "{field}"',
    fr: "fichier de correspondance : champ inconnu « {field} »",
  },
  "csv/mapping-unknown-field.hint": { en: "fields: {fields}", fr: "champs : {fields}" },
  "csv/mapping-no-id": {
    en: "mapping file: performance.id has no column",
    fr: "fichier de correspondance : performance.id n'a pas de colonne",
  },
  "csv/mapping-no-id.hint": {
    en: "every row must name its performance",
    fr: "chaque ligne doit nommer sa représentation",
  },
  "csv/mapping-no-date": {
    en: "mapping file: no column for performance.startDate (or performance.date)",
    fr: "fichier de correspondance : pas de colonne pour performance.startDate (ou performance.date)",
  },
  "csv/mapping-no-date.hint": { en: "map the date column", fr: "associez la colonne des dates" },
  "csv/missing-column": {
    en: 'column "{column}" (for {field}) is not in the CSV header',
    fr: "la colonne « {column} » (pour {field}) n'est pas dans l'en-tête du CSV",
  },
  "csv/missing-column.hint": { en: "the header has: {header}", fr: "l'en-tête a : {header}" },

  // --- pages: checking a page by its URL, CSV uploads, publishing sign-in -------------------------------------
  "check/url-invalid": { en: "{url} is not an http or https address", fr: "{url} n'est pas une adresse http ou https" },
  "check/fetch/private-address": {
    en: "{url} is not a public address: this server does not fetch it",
    fr: "{url} n'est pas une adresse publique : ce serveur ne la consulte pas",
  },
  "check/fetch/robots-disallowed": {
    en: "the site's robots.txt does not let Vivant fetch {url}",
    fr: "le robots.txt du site interdit à Vivant de consulter {url}",
  },
  "check/fetch/timeout": { en: "{url} did not answer in time", fr: "{url} n'a pas répondu à temps" },
  "check/fetch/too-large": {
    en: "the page at {url} is larger than this server reads",
    fr: "la page {url} dépasse ce que ce serveur lit",
  },
  "check/fetch/too-many-redirects": { en: "{url} redirects too many times", fr: "{url} redirige trop de fois" },
  "check/fetch/redirect-loop": { en: "{url} redirects in a loop", fr: "{url} redirige en boucle" },
  "check/fetch/http-status": { en: "{url} answered HTTP {status}", fr: "{url} a répondu HTTP {status}" },
  "check/fetch/network": { en: "{url} could not be reached", fr: "{url} est injoignable" },
  "check/fetch/invalid-url": {
    en: "{url} is not an address that can be fetched",
    fr: "{url} n'est pas une adresse consultable",
  },
  "check/fetch.detail": { en: "({detail})", fr: "({detail})" },
  "check/csv-needs-mapping": {
    en: "a CSV is read with its column-mapping file: choose it in the mapping field",
    fr: "un CSV se lit avec son fichier de correspondance des colonnes : choisissez-le dans le champ prévu",
  },
  "check/mapping-without-csv": {
    en: "a column-mapping file goes with a CSV file (.csv)",
    fr: "un fichier de correspondance accompagne un fichier CSV (.csv)",
  },
  "check/too-many-files": {
    en: "at most two files at a time: the data and, for a CSV, its mapping",
    fr: "deux fichiers au plus : les données et, pour un CSV, sa correspondance",
  },
  "check/csv-rows": { en: "{read} rows read, {rejected} rejected", fr: "{read} lignes lues, {rejected} rejetées" },
  "publish/csv-rejected": {
    en: "{rejected} of {read} rows were rejected: nothing is published while a row is left out; fix them (see below) or remove them from the file",
    fr: "{rejected} lignes sur {read} ont été rejetées : rien n'est publié tant qu'une ligne est écartée ; corrigez-les (voir ci-dessous) ou retirez-les du fichier",
  },
  "publish/too-many-attempts": {
    en: "Too many sign-in attempts from your address: try again in {seconds} s.",
    fr: "Trop de tentatives de connexion depuis votre adresse : réessayez dans {seconds} s.",
  },
} as const satisfies Readonly<Record<string, Text>>;

export type MessageKey = keyof typeof CATALOGUE;

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    return v === undefined ? "?" : String(v);
  });
}

/** The catalogue's sentence `key` in `lang`, with its `{placeholders}` filled from `params`. */
export function t(key: MessageKey, params: Params = {}, lang: Lang = "en"): string {
  return fill(CATALOGUE[key][lang], params);
}

/**
 * Settles the one plural mark `(s)` of a sentence for the count `n`: English plural unless n is 1, French plural from 2
 * (`"{n} fichier(s)"` → `"1 fichier"`, `"0 fichier"`, `"2 fichiers"`).
 */
export function plural(sentence: string, n: number, lang: Lang): string {
  const many = lang === "fr" ? n >= 2 : n !== 1;
  return sentence.replace(/\(s\)/g, many ? "s" : "");
}

/** `plural` in every language of a text. */
export function pluralText(text: Text, n: number): Text {
  return { en: plural(text.en, n, "en"), fr: plural(text.fr, n, "fr") };
}

/** The catalogue's sentence `key` in every language (what errors carry). */
export function tx(key: MessageKey, params: Params = {}): Text {
  const entry = CATALOGUE[key];
  return { en: fill(entry.en, params), fr: fill(entry.fr, params) };
}

/** The catalogue's sentence `key` in every language, with parameters that differ by language (words inside the sentence). */
export function txBy(key: MessageKey, params: (lang: Lang) => Params): Text {
  const entry = CATALOGUE[key];
  return { en: fill(entry.en, params("en")), fr: fill(entry.fr, params("fr")) };
}

/** A sentence in both languages from a template written in place (`{ en, fr }`), for one-off wording. */
export function txt(text: Text, params: Params = {}): Text {
  return { en: fill(text.en, params), fr: fill(text.fr, params) };
}

/** The same sentence in both languages (a technical string: an IRI, a parser's message, a code). */
export function same(s: string): Text {
  return { en: s, fr: s };
}

/** The language of an HTTP request from its Accept-Language header (RFC 9110 §12.5.4): English unless French is preferred. */
export function langOf(acceptLanguage: string | string[] | undefined): Lang {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(", ") : acceptLanguage;
  if (!header || !header.trim()) return "en";
  const best = new Negotiator({ headers: { "accept-language": header } }).language([...LANGS]);
  return best === "fr" ? "fr" : "en";
}

/** `fr`, `fr-CA`, `FR` → `fr`; anything else (or nothing) → undefined. */
export function parseLang(value: string | undefined): Lang | undefined {
  if (value === undefined) return undefined;
  const primary = value.trim().toLowerCase().split(/[-_]/)[0];
  return (LANGS as readonly string[]).includes(primary ?? "") ? (primary as Lang) : undefined;
}
