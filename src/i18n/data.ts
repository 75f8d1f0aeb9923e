// The sentences of the data paths (store, load, validation, importers, parsers), in English and French. Merged into
// the one catalogue of src/i18n.ts: use them with `t`/`tx` from there.

import type { Text } from "../errors.js";
import { STORE_TEXT } from "./store.js";

export const DATA_TEXT = {
  // --- loading a publisher's graph ---------------------------------------------------------------------------
  "load/no-input": { en: "nothing to load", fr: "rien à charger" },
  "load/no-input-in": { en: "no loadable file in {path}", fr: "aucun fichier chargeable dans {path}" },
  "load/no-input.hint": {
    en: "give a file or a folder with {extensions} files",
    fr: "donnez un fichier ou un dossier de fichiers {extensions}",
  },
  "load/mixed-publishers": {
    en: '{source}: publisher "{publisher}" differs from "{other}" of the other inputs',
    fr: "{source} : l'éditeur « {publisher} » diffère de « {other} » des autres entrées",
  },
  "load/conflicting-publisher": {
    en: '{source}: publisher "{publisher}" gives {field} {value}, the other inputs {other}',
    fr: "{source} : l'éditeur « {publisher} » donne {field} {value}, les autres entrées {other}",
  },
  "load/conflicting-publisher.hint": {
    en: "give the publisher the same name, baseIri, licence and url in every file loaded together",
    fr: "donnez à l'éditeur le même nom, baseIri, licence et url dans tous les fichiers chargés ensemble",
  },
  "load/mixed-publishers.hint": {
    en: "load each publisher's files separately: one publisher, one graph",
    fr: "chargez à part les fichiers de chaque éditeur : un éditeur, un graphe",
  },
  "load/publisher-mismatch": {
    en: 'the records are published by "{publisher}", not "{asked}"',
    fr: "les fiches sont publiées par « {publisher} », pas par « {asked} »",
  },
  "load/publisher-mismatch.hint": {
    en: "run with --publisher {publisher}, or load that publisher's own records",
    fr: "relancez avec --publisher {publisher}, ou chargez les fiches de cet éditeur-là",
  },
  "load/no-publisher": {
    en: "RDF and JSON-LD input needs a publisher",
    fr: "une entrée RDF ou JSON-LD demande un éditeur",
  },
  "load/no-publisher.hint": {
    en: "give --publisher ID (and --graph IRI and --licence the first time)",
    fr: "donnez --publisher ID (et, la première fois, --graph IRI et --licence)",
  },
  "load/graph-mismatch": {
    en: "the records belong in {graph}, not {asked}",
    fr: "les fiches vont dans {graph}, pas dans {asked}",
  },
  "load/graph-mismatch.hint": {
    en: 'leave the graph out: records name their publisher\'s graph (its baseIri + "graph")',
    fr: "ne donnez pas le graphe : les fiches nomment celui de leur éditeur (son baseIri + « graph »)",
  },
  "load/no-graph": {
    en: 'publisher "{publisher}" has no graph yet',
    fr: "l'éditeur « {publisher} » n'a pas encore de graphe",
  },
  "load/no-graph.hint": {
    en: "give --graph IRI (e.g. https://example.org/graph) for its first load",
    fr: "donnez --graph IRI (par ex. https://example.org/graph) pour son premier chargement",
  },
  "load/no-licence": {
    en: 'publisher "{publisher}": no licence for graph {graph}',
    fr: "éditeur « {publisher} » : aucune licence pour le graphe {graph}",
  },
  "load/no-licence.hint": {
    en: "give --licence (etalab-2.0, cc0-1.0, cc-by-4.0, cc-by-sa-4.0, odbl-1.0 or an IRI)",
    fr: "donnez --licence (etalab-2.0, cc0-1.0, cc-by-4.0, cc-by-sa-4.0, odbl-1.0 ou une IRI)",
  },
  "load/empty": {
    en: 'nothing to load for publisher "{publisher}"',
    fr: "rien à charger pour l'éditeur « {publisher} »",
  },
  "load/empty-kept": {
    en: 'nothing to load for publisher "{publisher}": its graph {graph} is left as it is',
    fr: "rien à charger pour l'éditeur « {publisher} » : son graphe {graph} reste tel quel",
  },
  "load/empty.hint": {
    en: "check the failures above: a harvest or import that read nothing never replaces a graph",
    fr: "voyez les échecs plus haut : une moisson ou un import qui n'a rien lu ne remplace jamais un graphe",
  },
  "load/publisher-graph-mismatch": {
    en: 'publisher "{publisher}" already has graph {graph}, not {asked}',
    fr: "l'éditeur « {publisher} » a déjà le graphe {graph}, pas {asked}",
  },
  "load/publisher-graph-mismatch.hint": {
    en: "import: give the publisher the baseIri of its existing graph (--base-iri); harvest: leave --base-iri out to replace the existing graph",
    fr: "import : donnez à l'éditeur le baseIri de son graphe existant (--base-iri) ; moisson : ne donnez pas --base-iri pour remplacer le graphe existant",
  },
  "load/publisher-graph-mismatch.harvest-hint": {
    en: "leave --base-iri out to replace {graph}, or harvest for another --publisher",
    fr: "ne donnez pas --base-iri pour remplacer {graph}, ou moissonnez pour un autre --publisher",
  },

  ...STORE_TEXT,

  // --- a remote store (--store URL, src/store/remote.ts) -------------------------------------------------------
  "store/bad-url": { en: "--store {value} is not a URL", fr: "--store {value} n'est pas une URL" },
  "store/bad-scheme": {
    en: "--store {value}: only http and https stores are supported",
    fr: "--store {value} : seuls les stocks http et https sont pris en charge",
  },
  "store/bad-url.hint": {
    en: "give the store's SPARQL endpoint, e.g. http://127.0.0.1:8890/sparql",
    fr: "donnez le point d'accès SPARQL du stock, par ex. http://127.0.0.1:8890/sparql",
  },
  "store/remote-closed.hint": { en: "open a new RemoteStore", fr: "ouvrez un nouveau RemoteStore" },
  "store/remote-timeout": {
    en: "the store at {url} did not answer within {ms} ms",
    fr: "le stock {url} n'a pas répondu en {ms} ms",
  },
  "store/remote-timeout.hint": {
    en: "narrow the query, or raise the store's timeout",
    fr: "resserrez la requête, ou relevez le délai du stock",
  },
  "store/unreachable": {
    en: "the store at {url} cannot be reached: {reason}",
    fr: "le stock {url} est injoignable : « {reason} »",
  },
  "store/unreachable.hint": {
    en: "check that the store runs and that --store gives its SPARQL endpoint",
    fr: "vérifiez que le stock tourne et que --store donne son point d'accès SPARQL",
  },
  "store/remote-refused-query": {
    en: "the store refused the query: {detail}",
    fr: "le stock a refusé la requête (sa réponse : « {detail} »)",
  },
  "store/remote-status": {
    en: "the store answered {status}: {detail}",
    fr: "le stock a répondu {status} (sa réponse : « {detail} »)",
  },
  "store/remote-refused-load": {
    en: "the store refused a graph load ({status}): {detail}",
    fr: "le stock a refusé le chargement d'un graphe ({status} ; sa réponse : « {detail} »)",
  },
  "store/remote-count": {
    en: "graph {graph}: the store holds {held} triples of the {sent} sent",
    fr: "graphe {graph} : le stock garde {held} triplets des {sent} envoyés",
  },
  "store/remote-log.hint": { en: "see the store's log", fr: "voyez le journal du stock" },
  "store/remote-count.hint": {
    en: "see the store's log; nothing was replaced",
    fr: "voyez le journal du stock ; rien n'a été remplacé",
  },
  "sparql/service-refused": {
    en: "SERVICE is not accepted: Vivant answers from its own data only",
    fr: "SERVICE n'est pas accepté : Vivant ne répond qu'avec ses propres données",
  },
  "sparql/service-refused.hint": {
    en: "query the other endpoint yourself",
    fr: "interrogez vous-même l'autre point d'accès",
  },
  "sparql/function-refused": { en: "the function {name} is not accepted", fr: "la fonction {name} n'est pas acceptée" },
  "sparql/function-refused.hint": {
    en: "use SPARQL 1.1's own functions",
    fr: "utilisez les fonctions propres à SPARQL 1.1",
  },

  // --- SPARQL ---------------------------------------------------------------------------------------------------
  "sparql/bad-graph-iri": { en: "graph {iri} is not an absolute IRI", fr: "le graphe {iri} n'est pas une IRI absolue" },
  "sparql/bad-graph-iri.hint": {
    en: "give absolute IRIs for the dataset",
    fr: "donnez des IRI absolues pour le jeu de données",
  },
  "sparql/syntax": {
    en: "SPARQL syntax error: {detail}",
    fr: "erreur de syntaxe SPARQL (message de l'analyseur : « {detail} »)",
  },
  "sparql/syntax.hint": {
    en: "fix the query at that line and column",
    fr: "corrigez la requête à cette ligne et cette colonne",
  },
  "sparql/evaluation": {
    en: "SPARQL evaluation failed: {detail}",
    fr: "l'évaluation SPARQL a échoué (message d'Oxigraph : « {detail} »)",
  },
  "sparql/evaluation.hint": { en: "check the query", fr: "vérifiez la requête" },

  // --- validation -------------------------------------------------------------------------------------------
  "validate/unknown-profile": { en: 'unknown profile "{name}"', fr: "profil inconnu « {name} »" },
  "validate/unknown-profile.hint": { en: "use one of: {list}", fr: "utilisez l'un de : {list}" },
  "io/shapes-missing": { en: "SHACL shapes not found next to {dir}", fr: "formes SHACL introuvables à côté de {dir}" },
  "io/shapes-missing.hint": {
    en: "reinstall the package: the shapes/ folder ships with it",
    fr: "réinstallez le paquet : le dossier shapes/ est livré avec",
  },
  "io/ontologies-missing": {
    en: "pinned vocabularies not found next to {dir}",
    fr: "vocabulaires figés introuvables à côté de {dir}",
  },
  "io/ontologies-missing.hint": {
    en: "reinstall the package: the ontologies/ folder ships with it",
    fr: "réinstallez le paquet : le dossier ontologies/ est livré avec",
  },
  "validate/shapes-syntax": { en: "{source}:{line}: {detail}", fr: "{source}:{line} : « {detail} »" },
  "validate/shapes-syntax.hint": {
    en: "fix the Turtle of this shapes file",
    fr: "corrigez le Turtle de ce fichier de formes",
  },
  "validate/unusable-records": {
    en: "{source}: the record document cannot be mapped: its publisher is unusable",
    fr: "{source} : le document de fiches ne peut pas être traduit : son éditeur est inutilisable",
  },
  "validate/unusable-records.hint": {
    en: "fix the publisher (id, name, baseIri, licence): every IRI is minted from it",
    fr: "corrigez l'éditeur (id, name, baseIri, licence) : toutes les IRI en sont tirées",
  },

  // --- parsers ----------------------------------------------------------------------------------------------
  "rdf/syntax": {
    en: "{source}:{line}:{column}: {detail}",
    fr: "{source}:{line}:{column} : erreur de syntaxe (message de l'analyseur : « {detail} »)",
  },
  "rdf/syntax.hint": {
    en: "check the {format} syntax at that position",
    fr: "vérifiez la syntaxe {format} à cet endroit",
  },

  // --- importers ---------------------------------------------------------------------------------------------
  "csv/syntax": { en: "CSV: {detail}", fr: "CSV : erreur de syntaxe (message de l'analyseur : « {detail} »)" },
  "csv/syntax.hint": {
    en: 'check the separator ("{delimiter}") and the quotes near that line',
    fr: "vérifiez le séparateur (« {delimiter} ») et les guillemets près de cette ligne",
  },
  "csv/empty": { en: "CSV: no header row", fr: "CSV : aucune ligne d'en-tête" },
  "csv/empty.hint": { en: "the first line must name the columns", fr: "la première ligne doit nommer les colonnes" },
  "festivals/unknown-columns": {
    en: "festivals CSV: no column holds the festival name. Expected columns: {expected}. Found: {found}",
    fr: "CSV des festivals : aucune colonne ne porte le nom du festival. Colonnes attendues : {expected}. Trouvées : {found}",
  },
  "festivals/unknown-columns.hint": {
    en: 'export the Ministry\'s "Liste des festivals en France" again (labels or field names both work, separated by ; or ,)',
    fr: "réexportez la « Liste des festivals en France » du ministère (libellés ou noms de champs, séparés par ; ou ,)",
  },
  // --- CapData Culture export and import (src/export/capdata*.ts, src/import/capdata.ts) ----------------------
  "capdata/bad-namespace": {
    en: "CapData namespace {value} is not an http(s) IRI ending in # or /",
    fr: "l'espace de noms CapData {value} n'est pas une IRI http(s) finissant par # ou /",
  },
  "capdata/bad-namespace.hint": {
    en: "give the ontology's namespace, e.g. --capdata-namespace https://example.org/capdata#, or leave it out for the provisional default",
    fr: "donnez l'espace de noms de l'ontologie, par ex. --capdata-namespace https://example.org/capdata#, ou omettez-le pour la valeur provisoire par défaut",
  },
  "capdata/left-out": {
    en: "left out (the CapData model has no place for it): {property}, {count} value(s) ({reason})",
    fr: "laissé de côté (le modèle CapData n'a pas de place pour cela) : {property}, {count} valeur(s) ({reason})",
  },
  "capdata/reason/not-in-model": { en: "not in the model", fr: "absent du modèle" },
  "capdata/reason/no-french-text": {
    en: "no French or language-less text",
    fr: "aucun texte en français ou sans langue",
  },
  "capdata/reason/no-utc-offset": {
    en: "a local time without offset cannot be written in UTC",
    fr: "une heure locale sans décalage ne peut s'écrire en UTC",
  },
  "capdata/reason/invalid": { en: "not a valid date", fr: "date invalide" },
  "capdata/repaired-texts": {
    en: "{count} text(s) made XML-safe (characters XML 1.0 cannot carry replaced by U+FFFD, CR line ends by LF)",
    fr: "{count} texte(s) rendu(s) sûr(s) pour XML (caractères interdits en XML 1.0 remplacés par U+FFFD, fins de ligne CR par LF)",
  },
  "capdata/written": { en: "CapData export: {summary}", fr: "export CapData : {summary}" },
  "capdata/syntax": {
    en: "RDF/XML: {detail}",
    fr: "RDF/XML : erreur de syntaxe (message de l'analyseur : « {detail} »)",
  },
  "capdata/syntax.hint": {
    en: "the file must be a CapData Culture export in RDF/XML (capdata-export.rdf)",
    fr: "le fichier doit être un export CapData Culture en RDF/XML (capdata-export.rdf)",
  },
  "capdata/too-large": {
    en: "RDF/XML: {size} bytes is more than the {max} bytes an import reads",
    fr: "RDF/XML : {size} octets dépassent les {max} octets qu'un import lit",
  },
  "capdata/too-large.hint": {
    en: "split the export, or raise maxBytes",
    fr: "découpez l'export, ou augmentez maxBytes",
  },
  "capdata/entities": {
    en: "RDF/XML: the DOCTYPE declares {what}: refused, as it could expand without bound",
    fr: "RDF/XML : le DOCTYPE déclare {what} : refusé, car cela pourrait s'étendre sans limite",
  },
  "capdata/entities.hint": {
    en: 'an export needs no entities beyond namespace abbreviations (<!ENTITY rdf "http://…">): write the text out',
    fr: "un export n'a besoin d'aucune entité au-delà des abréviations d'espaces de noms (<!ENTITY rdf \"http://…\">) : écrivez le texte en entier",
  },
  "capdata/no-publisher": { en: "no graph of publisher {id}", fr: "aucun graphe de l'éditeur {id}" },
  "capdata/no-publisher.hint": { en: "publishers here: {ids}", fr: "éditeurs présents : {ids}" },
  "capdata/which-publisher": {
    en: "say which publisher to export: there are several graphs",
    fr: "dites quel éditeur exporter : il y a plusieurs graphes",
  },
  "capdata/which-publisher.hint": {
    en: "e.g. {example} (publishers here: {ids})",
    fr: "par ex. {example} (éditeurs présents : {ids})",
  },
  "capdata/no-graphs": { en: "there is no graph to export", fr: "il n'y a aucun graphe à exporter" },
  "capdata/no-graphs.hint": {
    en: "load a publisher's data first: vivant load FILE --data DIR",
    fr: "chargez d'abord les données d'un éditeur : vivant load FICHIER --data DOSSIER",
  },
  "capdata/no-entities": {
    en: "no CapData Culture entity under namespace {namespace}",
    fr: "aucune entité CapData Culture sous l'espace de noms {namespace}",
  },
  "capdata/no-entities.hint": {
    en: "if the file uses another namespace, give it with --capdata-namespace",
    fr: "si le fichier utilise un autre espace de noms, donnez-le avec --capdata-namespace",
  },
  "store/not-a-graph-file": {
    en: "{path} is not a graph file ({kind}): skipped; move it out of {dir}",
    fr: "{path} n'est pas un fichier de graphe ({kind}) : ignoré ; sortez-le de {dir}",
  },
  "store/kind-directory": { en: "a directory", fr: "un dossier" },
  "store/kind-link": { en: "a symbolic link", fr: "un lien symbolique" },
  "store/kind-other": { en: "not a regular file", fr: "pas un fichier ordinaire" },
  "store/corrupt-skipped": { en: "{detail} (skipped)", fr: "{detail} (ignoré)" },
  "store/corrupt-moved": { en: "{detail}; moved to {to}", fr: "{detail} ; déplacé dans {to}" },
  "store/foreign-dropped": {
    en: "graph {graph}: statements about {count} resource(s) of other publishers not loaded ({list}): a graph speaks only about its own resources",
    fr: "graphe {graph} : déclarations sur {count} ressource(s) d'autres éditeurs non chargées ({list}) : un graphe ne parle que de ses propres ressources",
  },
  "store/orphans-dropped": {
    en: "graphs of interrupted writes dropped from the store: {count}",
    fr: "graphes d'écritures interrompues retirés du store : {count}",
  },
  "store/drop-failed": {
    en: "could not drop the replaced graph {graph}: {detail} (dropped at next open)",
    fr: "impossible de retirer le graphe remplacé {graph} : {detail} (retiré à la prochaine ouverture)",
  },
  "server/warning": { en: "warning: {detail}", fr: "avertissement : {detail}" },
  "server/feed-not-updated": {
    en: "change feed of {graph} not updated: {detail}",
    fr: "flux des changements de {graph} non mis à jour : {detail}",
  },
  "server/dumps-not-made": { en: "dumps not made: {detail}", fr: "dumps non faits : {detail}" },
  "server/reload-failed": {
    en: "reload failed in a worker: {detail}",
    fr: "rechargement échoué dans un worker : {detail}",
  },
  "server/worker-failed-log": {
    en: "a query worker failed: {detail}",
    fr: "un worker de requêtes a échoué : {detail}",
  },
  "server/worker-not-replaced": {
    en: "cannot replace a query worker: {detail}",
    fr: "impossible de remplacer un worker de requêtes : {detail}",
  },
} as const satisfies Readonly<Record<string, Text>>;
