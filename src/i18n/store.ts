// The sentences of the store (its data directory, files, graphs, namespaces, terms and writes), in English and
// French. Part of DATA_TEXT (src/i18n/data.ts), merged into the one catalogue of src/i18n.ts.

import type { Text } from "../errors.js";

export const STORE_TEXT = {
  // --- the store ----------------------------------------------------------------------------------------------
  "store/locked": {
    en: "cannot lock data directory {dir}",
    fr: "impossible de verrouiller le dossier de données {dir}",
  },
  "store/locked.hint": {
    en: "remove its lock files (lock, lock.N) if no Vivant process uses it",
    fr: "supprimez ses fichiers de verrou (lock, lock.N) si aucun processus Vivant ne s'en sert",
  },
  "store/in-use": {
    en: "data directory {dir} is in use by process {pid}",
    fr: "le dossier de données {dir} est pris par le processus {pid}",
  },
  "store/in-use.same-process": {
    en: "close the other GraphStore of this process on that directory first",
    fr: "fermez d'abord l'autre GraphStore de ce processus sur ce dossier",
  },
  "store/in-use.hint": {
    en: "stop that process, or send the data to its server with the Graph Store Protocol (PUT ?graph=)",
    fr: "arrêtez ce processus, ou envoyez les données à son serveur par le Graph Store Protocol (PUT ?graph=)",
  },
  "store/write-failed": {
    en: "cannot write graph {graph} (temp file {temp}, removed; {target} unchanged)",
    fr: "impossible d'écrire le graphe {graph} (fichier temporaire {temp}, supprimé ; {target} inchangé)",
  },
  "store/publish-failed": {
    en: "cannot publish graph file {target} (unchanged)",
    fr: "impossible de publier le fichier de graphe {target} (inchangé)",
  },
  "store/sync-failed": {
    en: "graph file {target} was replaced but the directory could not be synced: after a crash either version may be found",
    fr: "le fichier de graphe {target} a été remplacé mais le dossier n'a pas pu être synchronisé : après une panne, l'une ou l'autre version peut s'y trouver",
  },
  "store/remove-failed": {
    en: "cannot remove the file of graph {graph}",
    fr: "impossible de supprimer le fichier du graphe {graph}",
  },
  "store/no-space.hint": {
    en: "free space on the data directory's disk (or raise its quota), then send the write again",
    fr: "libérez de la place sur le disque du dossier de données (ou relevez son quota), puis renvoyez l'écriture",
  },
  "store/io.hint": {
    en: "check that the data directory is writable and its disk is healthy",
    fr: "vérifiez que le dossier de données est accessible en écriture et que son disque va bien",
  },
  "store/corrupt-file": {
    en: "graph file {path} is unusable: {reason}",
    fr: "le fichier de graphe {path} est inutilisable : {reason}",
  },
  "store/corrupt-file.hint": {
    en: "it is moved to the quarantine folder of the data directory; load the publisher's data again",
    fr: "il est déplacé dans le dossier de quarantaine du dossier de données ; rechargez les données de l'éditeur",
  },
  "jsonld/error": { en: "JSON-LD: {detail}", fr: "JSON-LD : erreur (message du processeur JSON-LD : « {detail} »)" },
  "jsonld/loading.hint": {
    en: "only schema.org's context is served offline: inline any other @context",
    fr: "seul le contexte de schema.org est servi hors ligne : recopiez tout autre @context dans le document",
  },
  "jsonld/error.hint": {
    en: "check the @context and that every property expands to an IRI",
    fr: "vérifiez le @context et que chaque propriété se développe en IRI",
  },
  "validate/worker-failed": {
    en: "validation worker failed: {detail}",
    fr: "le fil de validation a échoué : « {detail} »",
  },
  "store/bad-tsv": {
    en: "Oxigraph returned {value} in a TSV answer, which Vivant does not read",
    fr: "Oxigraph a rendu {value} dans une réponse TSV, que Vivant ne lit pas",
  },
  "store/bad-tsv.hint": {
    en: "RDF 1.2 triple terms are not supported in query answers",
    fr: "les termes triplets de RDF 1.2 ne sont pas pris en charge dans les réponses",
  },
  "store/bad-namespace": {
    en: "{where}: {value} is not a namespace",
    fr: "{where} : {value} n'est pas un espace de noms",
  },
  "store/bad-namespace.hint": {
    en: "give an absolute IRI with a host and a path ending in / or #, e.g. https://www.venue.example/ (or a urn: prefix ending in :)",
    fr: "donnez une IRI absolue avec un hôte et un chemin terminé par / ou #, par ex. https://www.venue.example/ (ou un préfixe urn: terminé par :)",
  },
  "store/namespaces-not-array": {
    en: "graph {graph}: meta.namespaces is not an array",
    fr: "graphe {graph} : meta.namespaces n'est pas un tableau",
  },
  "store/foreign-subjects": {
    en: "graph {graph} makes statements about {count} resource(s) of other publishers: {list}",
    fr: "le graphe {graph} fait des déclarations sur {count} ressource(s) d'autres éditeurs : {list}",
  },
  "store/foreign-subjects.hint": {
    en: "a graph speaks only about resources under its own namespaces; link to other publishers' resources as objects instead",
    fr: "un graphe ne parle que des ressources de ses propres espaces de noms ; reliez-vous aux ressources des autres éditeurs comme objets",
  },
  "store/namespace-taken": {
    en: "graph {graph}: the namespace {namespace} is already graph {other}'s",
    fr: "graphe {graph} : l'espace de noms {namespace} est déjà celui du graphe {other}",
  },
  "store/namespace-taken.hint": {
    en: "a namespace belongs to one publisher: register a namespace of your own",
    fr: "un espace de noms appartient à un seul éditeur : enregistrez le vôtre",
  },
  "store/reserved-graph": {
    en: "{graph} is the catalog graph, kept by the store itself",
    fr: "{graph} est le graphe du catalogue, tenu par le stock lui-même",
  },
  "store/reserved-graph.hint": {
    en: "give the publisher's own graph IRI (publisherGraphIri(publisher))",
    fr: "donnez l'IRI du graphe de l'éditeur (publisherGraphIri(publisher))",
  },
  "store/missing-licence": { en: "graph {graph}: no licence given", fr: "graphe {graph} : aucune licence donnée" },
  "store/missing-licence.hint": {
    en: 'pass meta.licence, e.g. "etalab-2.0" or a licence IRI: every publisher graph carries its licence',
    fr: "passez meta.licence, par ex. « etalab-2.0 » ou l'IRI d'une licence : chaque graphe d'éditeur porte sa licence",
  },
  "store/no-data-dir": { en: "no graphs folder in {dir}", fr: "aucun dossier « graphs » dans {dir}" },
  "store/no-data-dir.hint": { en: "open it once for writing first", fr: "ouvrez-le d'abord une fois en écriture" },
  "store/closed": { en: "the store was closed", fr: "le stock a été fermé" },
  "store/closed.hint": { en: "open a new GraphStore", fr: "ouvrez un nouveau GraphStore" },
  "store/read-only": { en: "this store was opened read-only", fr: "ce stock a été ouvert en lecture seule" },
  "store/read-only.hint": { en: "open it without readOnly to write", fr: "ouvrez-le sans readOnly pour écrire" },
  "store/load-failed": {
    en: "graph {graph} could not be loaded: {reason}",
    fr: "le graphe {graph} n'a pas pu être chargé : « {reason} »",
  },
  "store/in-memory": { en: "reloadGraph needs a data directory", fr: "reloadGraph demande un dossier de données" },
  "store/in-memory.hint": { en: "open the store with dataDir", fr: "ouvrez le stock avec dataDir" },
  "store/invalid-iri": { en: "{where} {iri} is not an absolute IRI", fr: "{where} {iri} n'est pas une IRI absolue" },
  "store/invalid-iri.hint": {
    en: 'use an absolute http(s) IRI without spaces or <>"{}|^`\\ characters (percent-encode them)',
    fr: 'utilisez une IRI http(s) absolue sans espaces ni caractères <>"{}|^`\\ (encodez-les en %XX)',
  },
  "store/invalid-language-tag": {
    en: "language tag {tag} of {value} is not BCP 47",
    fr: "l'étiquette de langue {tag} de {value} n'est pas du BCP 47",
  },
  "store/invalid-language-tag.hint": {
    en: "use a tag such as fr, en, fr-CA or zh-Hant",
    fr: "utilisez une étiquette comme fr, en, fr-CA ou zh-Hant",
  },
  "store/invalid-term": {
    en: "a {type} cannot be stored in a triple",
    fr: "un terme {type} ne peut pas être stocké dans un triplet",
  },
  "store/invalid-term.hint": {
    en: "give ground triples (no variables, no quoted triples)",
    fr: "donnez des triplets clos (sans variables ni triplets cités)",
  },
  "store/unsupported-term": {
    en: "Oxigraph returned a {type}, which Vivant does not handle",
    fr: "Oxigraph a rendu un terme {type}, que Vivant ne traite pas",
  },
  "store/broken": {
    en: "the Oxigraph store failed and cannot be used any more: {reason}",
    fr: "le stock Oxigraph a échoué et n'est plus utilisable : « {reason} »",
  },
  "store/broken.hint": {
    en: "open the store again (the server replaces such a worker from the data directory by itself)",
    fr: "rouvrez le stock (le serveur remplace de lui-même un tel fil à partir du dossier de données)",
  },
  "store/update-refused": {
    en: "SPARQL Update is not accepted here: the store is changed only by replacing a publisher's graph",
    fr: "SPARQL Update n'est pas accepté ici : le stock ne change qu'en remplaçant le graphe d'un éditeur",
  },
  "store/update-refused.hint": {
    en: "use replaceGraph (or the Graph Store Protocol over HTTP)",
    fr: "utilisez replaceGraph (ou le Graph Store Protocol sur HTTP)",
  },
  "store/wrong-form": {
    en: "this is a {form} query, expected {expected}",
    fr: "c'est une requête {form}, {expected} était attendu",
  },
  "store/wrong-form.hint": { en: "use {method}", fr: "utilisez {method}" },
  "word/or": { en: "or", fr: "ou" },
} as const satisfies Readonly<Record<string, Text>>;
