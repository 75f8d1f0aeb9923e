// The commands' sentences (usage errors, what a run did, its summary), in English and French. Merged into the one
// catalogue of src/i18n.ts: use them with `t`/`tx` from there.

import type { Text } from "../errors.js";

export const CLI_TEXT = {
  // --- vivant --help ---------------------------------------------------------------------------------------
  "cli/usage-title": {
    en: "vivant (npm package {package}): live-performance programming as linked open data",
    fr: "vivant (paquet npm {package}) : la programmation du spectacle vivant en données ouvertes liées",
  },
  "cli/usage-line": { en: "Usage: vivant <command> [options]", fr: "Usage : vivant <commande> [options]" },
  "cli/usage-commands": { en: "Commands:", fr: "Commandes :" },
  "cli/usage-more": {
    en: "Run `vivant <command> --help` for a command's options.",
    fr: "Lancez `vivant <commande> --help` pour les options d'une commande.",
  },

  // --- vivant duplicates --------------------------------------------------------------------------------------
  "duplicates/need-data": { en: "vivant duplicates needs --data DIR", fr: "vivant duplicates attend --data DOSSIER" },
  "duplicates/need-data.hint": {
    en: "give the data directory of vivant serve or vivant load: vivant duplicates --data ./data",
    fr: "donnez le dossier de données de vivant serve ou vivant load : vivant duplicates --data ./data",
  },
  "duplicates/bad-family": {
    en: "--family {value} is not one of {list}",
    fr: "--family {value} n'est pas l'un de {list}",
  },
  "duplicates/pair": {
    en: "{score}  {family}  {a} ({graphA})  ≈  {b} ({graphB})  [{features}]",
    fr: "{score}  {family}  {a} ({graphA})  ≈  {b} ({graphB})  [{features}]",
  },
  "duplicates/summary": {
    en: "{pairs} probable duplicate(s) across graphs (score ≥ {min}) among {entities} entities; {compared} pairs compared, {skipped} not compared (--max-comparisons). Nothing was merged: to confirm a pair, a publisher adds schema:sameAs in its own graph.",
    fr: "{pairs} doublon(s) probable(s) entre graphes (score ≥ {min}) parmi {entities} entités ; {compared} paires comparées, {skipped} non comparées (--max-comparisons). Rien n'a été fusionné : pour confirmer une paire, un éditeur ajoute schema:sameAs dans son propre graphe.",
  },

  // --- usage errors ------------------------------------------------------------------------------------------
  "cli/need-one-records-file": { en: "give exactly one records file", fr: "donnez un seul fichier de fiches" },
  "cli/need-files-validate": { en: "give at least one file to validate", fr: "donnez au moins un fichier à valider" },
  "cli/need-one-load": { en: "give one file or folder to load", fr: "donnez un fichier ou un dossier à charger" },
  "cli/need-kind-and-file": { en: "give a kind and at least one file", fr: "donnez un type et au moins un fichier" },
  "cli/need-urls": { en: "give at least one URL or sitemap", fr: "donnez au moins une URL ou un plan de site" },
  "cli/need-publisher": { en: "--publisher is required", fr: "--publisher est obligatoire" },
  "cli/need-publisher.harvest-hint": {
    en: "name whose graph this is: --publisher {example}",
    fr: "nommez l'éditeur de ce graphe : --publisher {example}",
  },
  "cli/load-needs-data": { en: "--load needs --data DIR", fr: "--load demande --data DOSSIER" },
  "cli/nothing-to-write": {
    en: "nothing to write: give -o FILE or --data DIR",
    fr: "rien à écrire : donnez -o FICHIER ou --data DOSSIER",
  },
  "cli/example": { en: "e.g. {example}", fr: "par ex. {example}" },
  "cli/embed-no-rdf": {
    en: "--form embed is JSON-LD for web pages; it has no {format} output",
    fr: "--form embed est du JSON-LD pour pages web ; il n'a pas de sortie {format}",
  },
  "cli/embed-no-rdf.hint": { en: "use --form graph for RDF formats", fr: "utilisez --form graph pour les formats RDF" },
  "cli/html-needs-embed": { en: "--format html needs --form embed", fr: "--format html demande --form embed" },
  "cli/bad-window": { en: '--window "{value}" is not FROM/TO', fr: "--window « {value} » n'est pas de la forme DU/AU" },
  "cli/csv-needs-map": {
    en: "csv needs --map FILE (the column-mapping file)",
    fr: "csv demande --map FICHIER (le fichier de correspondance des colonnes)",
  },
  "cli/see-file": { en: "see {file}", fr: "voir {file}" },
  "cli/reads-one-file": { en: "{kind} reads one file", fr: "{kind} lit un seul fichier" },
  "cli/unexpected-argument": { en: "unexpected argument {value}", fr: "argument inattendu {value}" },
  "cli/not-whole-number-plain": {
    en: '{option} "{value}" is not a whole number',
    fr: "{option} « {value} » n'est pas un nombre entier",
  },
  "io/read": { en: "cannot read {path}: {reason}", fr: "impossible de lire {path} : « {reason} »" },
  "io/read.hint": { en: "check the path", fr: "vérifiez le chemin" },
  "io/demo-missing": {
    en: "fixtures/demo-season.json not found next to the package",
    fr: "fixtures/demo-season.json introuvable à côté du paquet",
  },
  "io/reinstall": { en: "reinstall the package", fr: "réinstallez le paquet" },
  "serve/demo-invalid": {
    en: "the demo season does not pass the core profile",
    fr: "la saison de démonstration ne passe pas le profil core",
  },
  "serve/demo-invalid.hint": {
    en: "run vivant validate fixtures/demo-season.json",
    fr: "lancez vivant validate fixtures/demo-season.json",
  },

  "export/what": { en: "say what to export", fr: "dites quoi exporter" },
  "export/cannot": { en: "cannot export {what}", fr: "impossible d'exporter {what}" },
  "export/needs-data": { en: "--data DIR is needed", fr: "--data DOSSIER est nécessaire" },
  "export/count": { en: "{count} performance(s)", fr: "{count} représentation(s)" },
  "export/truncated": {
    en: " (the first ones only: a feed holds at most 5000)",
    fr: " (les premières seulement : un flux en contient au plus 5000)",
  },

  // --- what a run did ----------------------------------------------------------------------------------------
  "cli/warning": { en: "warning: {detail}", fr: "avertissement : {detail}" },
  "cli/note-unknown-extension": {
    en: "note: {file}: unknown extension, read as Turtle",
    fr: "note : {file} : extension inconnue, lu comme du Turtle",
  },
  "cli/reading-files": { en: "reading {count} file(s) ({size} MiB)", fr: "lecture de {count} fichier(s) ({size} Mio)" },
  "cli/nothing-written": {
    en: "nothing written: {violations} violation(s){records} (graph {graph} unchanged)",
    fr: "rien d'écrit : {violations} violation(s){records} (graphe {graph} inchangé)",
  },
  "cli/and-rejected-records": { en: " and rejected records", fr: " et des fiches rejetées" },
  "cli/validated": {
    en: "validated {triples} triples: {warnings} warning(s)",
    fr: "{triples} triplets validés : {warnings} avertissement(s)",
  },
  "cli/validated-writing": {
    en: "validated {triples} triples: {warnings} warning(s); writing {graph}",
    fr: "{triples} triplets validés : {warnings} avertissement(s) ; écriture de {graph}",
  },
  "cli/loaded": {
    en: "loaded {triples} triples into {graph} (publisher {publisher}, version {version}, {licence}) in {dir}",
    fr: "{triples} triplets chargés dans {graph} (éditeur {publisher}, version {version}, {licence}) dans {dir}",
  },
  "cli/map-nothing": {
    en: "nothing mapped: the publisher is unusable ({count} records not mapped)",
    fr: "rien de traduit : l'éditeur est inutilisable ({count} fiches non traduites)",
  },
  "cli/map-done": {
    en: "{accepted} records mapped, {rejected} rejected, {triples} triples",
    fr: "{accepted} fiches traduites, {rejected} rejetées, {triples} triplets",
  },
  "cli/import-no-entities": {
    en: "warning: {read} input units read and no entity found in them (no performance, venue, production, person, organization or series): check that the input is the kind this importer reads (JSON-LD with schema.org terms for artsdata)",
    fr: "avertissement : {read} unités d'entrée lues et aucune entité trouvée (ni représentation, ni lieu, ni production, ni personne, ni organisation, ni série) : vérifiez que l'entrée est du type que lit cet import (du JSON-LD avec les termes de schema.org pour artsdata)",
  },
  "cli/import-nothing-to-load": {
    en: "no record to load: nothing written (the publisher's graph is unchanged)",
    fr: "aucune fiche à charger : rien d'écrit (le graphe de l'éditeur est inchangé)",
  },
  "cli/import-would-refuse": {
    en: "`vivant load` would refuse these records: {violations} violation(s){records} (listed above; fix them before loading)",
    fr: "`vivant load` refuserait ces fiches : {violations} violation(s){records} (listées plus haut ; corrigez-les avant de charger)",
  },
  "cli/harvest-nothing": {
    en: "nothing harvested: nothing written (graph {graph} unchanged)",
    fr: "rien de moissonné : rien d'écrit (graphe {graph} inchangé)",
  },
  "cli/failed-url": { en: "FAILED {code} {url}: {detail}", fr: "ÉCHEC {code} {url} : {detail}" },
  "cli/records-form": { en: "{file} (records, {form} form)", fr: "{file} (fiches, forme {form})" },
  "cli/cannot-read-file": { en: "cannot read {file}: {reason}", fr: "impossible de lire {file} : « {reason} »" },
  "cli/serving-pages": {
    en: "Pages (discovery, observatory, query, checker, publishing): {url}",
    fr: "Pages (découverte, observatoire, requêtes, vérificateur, publication) : {url}",
  },
  "cli/serving": {
    en: "Vivant is serving {graphs} graph(s) ({triples} triples)",
    fr: "Vivant sert {graphs} graphe(s) ({triples} triplets)",
  },
  "cli/serving-sparql": { en: "  SPARQL endpoint:  {url}", fr: "  Point d'accès SPARQL : {url}" },
  "cli/serving-gsp": { en: "  Graph Store:      {url}", fr: "  Graph Store :          {url}" },
  "cli/serving-api": { en: "  Performances API: {url}", fr: "  API des représentations : {url}" },
  "cli/serving-catalog": { en: "  Catalog:          {url}", fr: "  Catalogue :            {url}" },
  "cli/serving-federation": {
    en: "  Federated search: {url} ({nodes} other node(s))",
    fr: "  Recherche fédérée :     {url} ({nodes} autre(s) nœud(s))",
  },
  "serve/federate-needed": {
    en: "--federate-token and --federate-timeout need --federate URL[,URL…]",
    fr: "--federate-token et --federate-timeout demandent --federate URL[,URL…]",
  },
  "serve/federate-token-node": {
    en: "{url} (of --federate-token) is none of the --federate nodes",
    fr: "{url} (de --federate-token) n'est aucun des nœuds de --federate",
  },
  "cli/serving-token": {
    en: "  Demo publisher token (this run only): {token}",
    fr: "  Jeton de l'éditeur de démonstration (ce lancement seulement) : {token}",
  },
  "cli/serving-stop": { en: "Stop with Ctrl-C.", fr: "Arrêt par Ctrl-C." },
  "cli/stopping": { en: "stopping…", fr: "arrêt…" },
  "cli/demo-loaded": {
    en: "loaded the demo season: {triples} triples in {graph}",
    fr: "saison de démonstration chargée : {triples} triplets dans {graph}",
  },

  // --- summaries (harvest, import) ----------------------------------------------------------------------------
  "summary/urls-fetched": { en: "URLs fetched", fr: "URL récupérées" },
  "summary/pages-read": { en: "pages read", fr: "pages lues" },
  "summary/sitemaps-read": { en: "sitemaps read", fr: "plans de site lus" },
  "summary/entities": { en: "entities: {list}", fr: "entités : {list}" },
  "summary/none": { en: "none", fr: "aucune" },
  "summary/fixes": { en: "fixes applied: {count}", fr: "corrections appliquées : {count}" },
  "summary/failed-urls": { en: "failed URLs: {count}", fr: "URL en échec : {count}" },
  "summary/rejected": { en: "rejected: {count}", fr: "rejetées : {count}" },
  "summary/ledger-total": {
    en: "properties: {seen} seen, {carried} carried, {repaired} repaired, {notCarried} not carried",
    fr: "propriétés : {seen} vues, {carried} reprises, {repaired} réparées, {notCarried} non reprises",
  },
  "summary/ledger-row": {
    en: "  {property}: {seen} seen, {carried} carried, {repaired} repaired, {notCarried} not carried{reasons}",
    fr: "  {property} : {seen} vues, {carried} reprises, {repaired} réparées, {notCarried} non reprises{reasons}",
  },
  "ledger/reason/not-modelled": { en: "not-modelled", fr: "non modélisée" },
  "ledger/reason/invalid": { en: "invalid", fr: "invalide" },
  "ledger/reason/unresolved": { en: "unresolved", fr: "non résolue" },
  "ledger/reason/rejected": { en: "rejected", fr: "rejetée" },
  "ledger/reason/not-mapped": { en: "not-mapped", fr: "non lue" },
  "ledger/reason/outside-programme": { en: "outside-programme", fr: "hors programmation" },
  "unit/rows": { en: "rows", fr: "lignes" },
  "unit/documents": { en: "documents", fr: "documents" },
  "unit/events": { en: "events", fr: "événements" },
  "unit/urls": { en: "URLs", fr: "URL" },
  "unit/nodes-validated": { en: "nodes validated", fr: "nœuds validés" },
  "unit/triples": { en: "triples", fr: "triplets" },
  "unit/nodes": { en: "nodes", fr: "nœuds" },
  "unit/records": { en: "records", fr: "fiches" },
  "counter/entities": { en: "entities", fr: "entités" },
  "counter/failed": { en: "failed", fr: "en échec" },
  "collection/venues": { en: "venues", fr: "lieux" },
  "collection/organizations": { en: "organizations", fr: "organisations" },
  "collection/people": { en: "people", fr: "personnes" },
  "collection/works": { en: "works", fr: "œuvres" },
  "collection/productions": { en: "productions", fr: "productions" },
  "collection/series": { en: "series", fr: "séries" },
  "collection/performances": { en: "performances", fr: "représentations" },
  "progress/rate": { en: "{rate} {unit}/s", fr: "{rate} {unit}/s" },
  "progress/elapsed": { en: "{time} elapsed", fr: "durée {time}" },
  "progress/eta": { en: "ETA {time}", fr: "reste ~{time}" },
  "summary/read.rows": { en: "rows read", fr: "lignes lues" },
  "summary/read.documents": { en: "documents read", fr: "documents lus" },
  "summary/read.events": { en: "events read", fr: "événements lus" },
  "failure/invalid-url": { en: "not an http(s) URL", fr: "pas une URL http(s)" },
  "failure/robots-disallowed": { en: "robots.txt disallows this page", fr: "robots.txt interdit cette page" },
  "failure/timeout": {
    en: "no complete answer within the timeout",
    fr: "pas de réponse complète dans le délai (--timeout)",
  },
  "failure/too-large": { en: "the body is larger than the limit", fr: "le corps dépasse la limite (--max-bytes)" },
  "failure/too-many-redirects": { en: "too many redirects", fr: "trop de redirections (--max-redirects)" },
  "failure/redirect-loop": { en: "redirect loop", fr: "boucle de redirections" },
  "failure/http-status": { en: "HTTP {status}", fr: "réponse HTTP {status}" },
  "failure/private-address": {
    en: "a private address (see --allow-private)",
    fr: "une adresse privée (voir --allow-private)",
  },
  "failure/network": { en: "network failure", fr: "échec réseau" },
  "failure/not-html": { en: "neither HTML nor JSON-LD", fr: "ni du HTML ni du JSON-LD" },
  "failure/no-json-ld": {
    en: 'no <script type="application/ld+json"> block in the page',
    fr: 'aucun bloc <script type="application/ld+json"> dans la page',
  },
  "failure/invalid-sitemap": { en: "neither <urlset> nor <sitemapindex>", fr: "ni <urlset> ni <sitemapindex>" },
  "failure/invalid-sitemap-entry": { en: "a <loc> of the sitemap skipped", fr: "une <loc> du plan de site ignorée" },
  "failure/too-many-pages": {
    en: "not fetched: the page limit was reached",
    fr: "non récupérée : la limite de pages est atteinte (--max-pages)",
  },
  "failure/detail": { en: "{what} (details in --report)", fr: "{what} (détail dans --report)" },
  // --- vivant follow -----------------------------------------------------------------------------------------
  "follow/need-catalogs": {
    en: "give at least one node's catalog URL",
    fr: "donnez l'URL du catalogue d'au moins un nœud",
  },
  "follow/need-data": {
    en: "--data DIR is required: the follower's data directory",
    fr: "--data DOSSIER est obligatoire : le dossier de données du suiveur",
  },
  "follow/bad-use": { en: '--use "{value}" is not one of {uses}', fr: "--use « {value} » n'est pas parmi {uses}" },
  "follow/bad-every": {
    en: '--every "{value}" is not a duration such as 30s, 15m or 2h (at least 1s)',
    fr: "--every « {value} » n'est pas une durée comme 30s, 15m ou 2h (au moins 1s)",
  },
  "follow/bad-token": {
    en: '--token "{value}" is not URL=TOKEN',
    fr: "--token « {value} » n'est pas de la forme URL=JETON",
  },
  "follow/node-failed": { en: "{catalog}: not followed: {reason}", fr: "{catalog} : non suivi : {reason}" },
  "follow/copied": {
    en: "{graph}: full copy ({why}): {triples} triples, version {version}, {bytes} bytes",
    fr: "{graph} : copie complète ({why}) : {triples} triplets, version {version}, {bytes} octets",
  },
  "follow/updated": {
    en: "{graph}: {activities} change(s) applied from the feed: {triples} triples, version {version}, {bytes} bytes",
    fr: "{graph} : {activities} changement(s) appliqué(s) depuis le flux : {triples} triplets, version {version}, {bytes} octets",
  },
  "follow/unchanged": { en: "{graph}: unchanged (version {version})", fr: "{graph} : inchangé (version {version})" },
  "follow/refused": { en: "{graph}: not copied: {reason}", fr: "{graph} : non copié : {reason}" },
  "follow/failed": {
    en: "{graph}: not updated, the local copy is kept: {reason}",
    fr: "{graph} : non mis à jour, la copie locale est gardée : {reason}",
  },
  "follow/restricted-copy": {
    en: '{graph}: shared with named partners only: do not serve this copy to anyone else (a tokens file with "share")',
    fr: "{graph} : partagé avec des partenaires nommés seulement : ne servez cette copie à personne d'autre (un fichier de jetons avec « share »)",
  },
  "follow/licence-changed": {
    en: "{graph}: the licence changed from {from} to {to}",
    fr: "{graph} : la licence a changé, de {from} à {to}",
  },
  "follow/why.first": { en: "first copy", fr: "première copie" },
  "follow/why.no-feed": { en: "the node offers no change feed", fr: "le nœud n'offre pas de flux de changements" },
  "follow/why.compacted": {
    en: "the feed was compacted past the last position seen",
    fr: "le flux a été compacté au-delà de la dernière position vue",
  },
  "follow/why.reset": { en: "the feed was reset", fr: "le flux a été réinitialisé" },
  "follow/why.unreachable-blank-nodes": {
    en: "the graph has blank nodes no entity reaches, which the feed does not carry",
    fr: "le graphe a des nœuds anonymes qu'aucune entité n'atteint, que le flux ne transporte pas",
  },
  "follow/why.local-missing": { en: "the local copy is missing", fr: "la copie locale manque" },
  "follow/why.licence-changed": { en: "the licence changed", fr: "la licence a changé" },
  "follow/reason.policy-none": {
    en: "the dataset has no ODRL policy: no use is permitted",
    fr: "le jeu de données n'a pas de politique ODRL : aucun usage n'est permis",
  },
  "follow/reason.policy-not-permitted": {
    en: "its policy does not permit odrl:{action}, which --use {use} needs",
    fr: "sa politique ne permet pas odrl:{action}, dont --use {use} a besoin",
  },
  "follow/reason.policy-prohibited": {
    en: "its policy prohibits odrl:{action}, which --use {use} needs",
    fr: "sa politique interdit odrl:{action}, dont --use {use} a besoin",
  },
  "follow/reason.not-readable": {
    en: "shared with named partners only: give their read token (--token)",
    fr: "partagé avec des partenaires nommés seulement : donnez leur jeton de lecture (--token)",
  },
  "follow/reason.no-licence": {
    en: "the catalog declares no licence for it",
    fr: "le catalogue ne lui déclare aucune licence",
  },
  "follow/reason.invalid-rdf": { en: "unreadable RDF ({detail})", fr: "RDF illisible ({detail})" },
  "follow/reason.invalid-profile": {
    en: "{violations} violation(s) of the core profile",
    fr: "{violations} violation(s) du profil core",
  },
  "follow/reason.invalid-feed": {
    en: "an invalid change feed ({detail})",
    fr: "un flux de changements invalide ({detail})",
  },
  "follow/reason.rejected": {
    en: "refused by the local store ({detail})",
    fr: "refusé par le stockage local ({detail})",
  },
  "follow/summary": {
    en: "follow: {nodes} node(s), {failedNodes} not reached; {copied} copied, {updated} updated, {unchanged} unchanged, {refused} not permitted, {failed} failed; {bytes} bytes received",
    fr: "suivi : {nodes} nœud(s), {failedNodes} injoignable(s) ; {copied} copié(s), {updated} mis à jour, {unchanged} inchangé(s), {refused} non permis, {failed} en échec ; {bytes} octets reçus",
  },
  "follow/round": { en: "round {round} at {time}", fr: "tour {round} à {time}" },
  "follow/next": { en: "next round in {every} (Ctrl-C stops)", fr: "prochain tour dans {every} (Ctrl-C arrête)" },
  "follow/stopping": {
    en: "stopping: the current step ends, what is written stays consistent",
    fr: "arrêt : l'étape en cours se termine, ce qui est écrit reste cohérent",
  },
} as const satisfies Readonly<Record<string, Text>>;
