// The server's sentences (HTTP routes, SPARQL protocol, Graph Store, discoverability API, pages' forms), in English
// and French. Merged into the one catalogue of src/i18n.ts: use them with `t`/`tx` from there.

import type { Text } from "../errors.js";
import { RECONCILE_TEXT } from "./reconcile.js";

export const SERVER_TEXT = {
  // --- any route -------------------------------------------------------------------------------------------
  "request/method-here": { en: "{method} is not allowed here", fr: "la méthode {method} n'est pas permise ici" },
  "request/method-gsp": {
    en: "{method} is not allowed on the graph store",
    fr: "la méthode {method} n'est pas permise sur le Graph Store",
  },
  "request/method-sparql": {
    en: "{method} is not allowed on the query endpoint",
    fr: "la méthode {method} n'est pas permise sur le point d'accès SPARQL",
  },
  "request/catalog-read-only": { en: "the catalog is read-only", fr: "le catalogue est en lecture seule" },
  "request/use-one-of": { en: "use {list}", fr: "utilisez l'un de « {list} »" },
  "request/accept-one-of": { en: "accept one of {list}", fr: "acceptez l'un de {list}" },

  "dump/read-only": {
    en: "the dumps are read-only: {method} is not allowed",
    fr: "les exports sont en lecture seule : la méthode {method} n'est pas permise",
  },
  "feed/read-only": {
    en: "the change feed is read-only: {method} is not allowed",
    fr: "le flux de changements est en lecture seule : la méthode {method} n'est pas permise",
  },
  "catalog/not-acceptable": {
    en: "the catalog is in Turtle, JSON-LD, RDF/XML or N-Triples",
    fr: "le catalogue est en Turtle, JSON-LD, RDF/XML ou N-Triples",
  },

  // --- /feed -----------------------------------------------------------------------------------------------
  "feed/not-found": { en: "no change feed {path}", fr: "pas de flux de changements {path}" },
  "feed/not-found.hint": {
    en: "the catalog (GET /catalog) lists each dataset's feed",
    fr: "le catalogue (GET /catalog) donne le flux de chaque jeu de données",
  },
  "feed/compacted": {
    en: "page {page} of this feed was compacted away",
    fr: "la page {page} de ce flux a été compactée",
  },
  "feed/compacted.hint": {
    en: "copy the graph again from its dump (GET {dump}), then follow {last}",
    fr: "recopiez le graphe depuis son export (GET {dump}), puis suivez {last}",
  },

  // --- /mcp ------------------------------------------------------------------------------------------------
  "mcp/sdk-missing": {
    en: "the Model Context Protocol interface needs @modelcontextprotocol/sdk, which is not installed ({detail})",
    fr: "l'interface Model Context Protocol a besoin de @modelcontextprotocol/sdk, qui n'est pas installé ({detail})",
  },
  "mcp/sdk-missing.hint": {
    en: "install it beside Vivant: npm install @modelcontextprotocol/sdk",
    fr: "installez-le à côté de Vivant : npm install @modelcontextprotocol/sdk",
  },
  "mcp/json": {
    en: "the body is not JSON: {detail}",
    fr: "le corps n'est pas du JSON (message de l'analyseur : « {detail} »)",
  },
  "mcp/json.hint": {
    en: "send a JSON-RPC message of the Model Context Protocol",
    fr: "envoyez un message JSON-RPC du Model Context Protocol",
  },

  // --- /api ------------------------------------------------------------------------------------------------
  "api/repeated-parameter": {
    en: "{name} is given {count} times",
    fr: "le paramètre « {name} » est donné {count} fois",
  },
  "api/repeated-parameter.hint": { en: "give {name} once", fr: "donnez « {name} » une seule fois" },
  "api/unknown-parameter": { en: "unknown parameter {name}", fr: "paramètre inconnu « {name} »" },
  "api/bad-facet": { en: "unknown facet {name}", fr: "facette inconnue « {name} »" },
  "api/bad-by": {
    en: "by={value}: facet counts are grouped by graph only",
    fr: "by={value} : les décomptes des facettes ne se regroupent que par graphe (graph)",
  },
  "query/bad-cursor": {
    en: "the cursor is not one this server gave",
    fr: "ce curseur n'a pas été donné par ce serveur",
  },
  "query/bad-cursor.hint": {
    en: "use the `next` value of the previous page, unchanged",
    fr: "reprenez tel quel le `next` de la page précédente",
  },
  "query/bad-limit": {
    en: "limit {value} is not between 1 and 500",
    fr: "« limit » {value} n'est pas compris entre 1 et 500",
  },
  "query/bad-limit.hint": {
    en: "ask for at most 500 performances a page and follow `next`",
    fr: "demandez au plus 500 représentations par page et suivez `next`",
  },

  // --- federated search (/api/federation/…, /federation) ---------------------------------------------------
  "federation/not-configured": { en: "this node searches no other node", fr: "ce nœud n'interroge aucun autre nœud" },
  "federation/not-configured.hint": {
    en: "start it with vivant serve --federate URL[,URL…] (or the federation option of VivantServer.start)",
    fr: "démarrez-le avec vivant serve --federate URL[,URL…] (ou l'option federation de VivantServer.start)",
  },
  "federation/bad-node": { en: "{url} is not a node's base URL", fr: "{url} n'est pas l'adresse de base d'un nœud" },
  "federation/bad-node.hint": {
    en: "give each node once, as an http or https URL without query, fragment, user or password, e.g. https://data.theatre.example/",
    fr: "donnez chaque nœud une fois, en URL http ou https sans requête, fragment, utilisateur ni mot de passe, par ex. https://data.theatre.example/",
  },
  "federation/duplicate-node": { en: "{url} is given twice", fr: "{url} est donné deux fois" },
  "federation/bad-token": {
    en: "the read token for {url} is not a bearer token",
    fr: "le jeton de lecture pour {url} n'est pas un jeton (bearer)",
  },
  "federation/bad-token.hint": {
    en: "16 to 512 printable characters without spaces, as the node's tokens file holds it",
    fr: "de 16 à 512 caractères imprimables sans espace, tel que le fichier de jetons du nœud le contient",
  },
  "federation/bad-limit": {
    en: "limit {value} is not between 1 and {max}",
    fr: "« limit » {value} n'est pas compris entre 1 et {max}",
  },
  "federation/bad-limit.hint": {
    en: "a federated page holds at most {max} performances: follow `next`",
    fr: "une page fédérée contient au plus {max} représentations : suivez `next`",
  },
  "federation/bad-timeout": {
    en: "the federation's time limit {value} is not a whole number of milliseconds",
    fr: "le délai de la fédération {value} n'est pas un nombre entier de millisecondes",
  },
  "federation/bad-timeout.hint": { en: "e.g. --federate-timeout 3000", fr: "par ex. --federate-timeout 3000" },
  "federation/bad-cursor": {
    en: "the cursor is not one this federated search gave",
    fr: "ce curseur n'a pas été donné par cette recherche fédérée",
  },
  "federation/timeout": { en: "no answer within {ms} ms", fr: "pas de réponse en {ms} ms" },
  "federation/too-large": {
    en: "the answer is larger than the size limit",
    fr: "la réponse dépasse la taille permise",
  },
  "federation/http-status": { en: "answered HTTP {status}", fr: "a répondu HTTP {status}" },
  "federation/redirect": {
    en: "answered a redirection, which is not followed",
    fr: "a répondu par une redirection, qui n'est pas suivie",
  },
  "federation/unreachable": { en: "unreachable ({code})", fr: "injoignable ({code})" },
  "federation/local-failed": { en: "this node's own search failed", fr: "la recherche de ce nœud lui-même a échoué" },
  "federation/invalid-json": { en: "the answer is not JSON", fr: "la réponse n'est pas du JSON" },
  "federation/invalid-shape": {
    en: "the answer is not the typed API's: {what} is missing or of the wrong type",
    fr: "la réponse n'est pas celle de l'API : {what} manque ou n'a pas le bon type",
  },
  "federation/invalid-count": {
    en: "the answer holds {count} performances where at most {asked} were asked",
    fr: "la réponse contient {count} représentations alors qu'au plus {asked} étaient demandées",
  },

  // --- Graph Store ---------------------------------------------------------------------------------------------
  "gsp/target": {
    en: "give exactly one of ?graph=IRI or ?default",
    fr: "donnez exactement l'un de ?graph=IRI ou ?default",
  },
  "gsp/target.hint": { en: "e.g. {example}", fr: "par ex. {example}" },
  "gsp/graph-iri": { en: "{iri} is not an absolute IRI", fr: "{iri} n'est pas une IRI absolue" },
  "gsp/graph-iri.hint": { en: "URL-encode an absolute IRI", fr: "donnez une IRI absolue, encodée pour l'URL" },
  "auth/token-unknown": { en: "the bearer token is not known", fr: "ce jeton (bearer) est inconnu" },
  "auth/token-missing": { en: "writing needs a bearer token", fr: "écrire demande un jeton (bearer)" },
  "auth/token.hint": {
    en: "send Authorization: Bearer <your publisher token>",
    fr: "envoyez Authorization: Bearer <votre jeton d'éditeur>",
  },
  "auth/other-graph": {
    en: 'this token writes the graph of publisher "{publisher}" ({graph}), not {asked}',
    fr: "ce jeton écrit le graphe de l'éditeur « {publisher} » ({graph}), pas {asked}",
  },
  "auth/other-graph.hint": {
    en: "each publisher writes its own graph only",
    fr: "chaque éditeur n'écrit que son propre graphe",
  },
  "gsp/media-type": { en: "cannot read {type}", fr: "impossible de lire {type}" },
  "gsp/media-type-untyped": { en: "cannot read an untyped body", fr: "impossible de lire un corps sans type" },
  "gsp/media-type.hint": {
    en: "send text/turtle, application/n-triples, application/n-quads, application/trig, application/ld+json, application/json (Vivant records), or files as multipart/form-data",
    fr: "envoyez du text/turtle, application/n-triples, application/n-quads, application/trig, application/ld+json, application/json (fiches Vivant), ou des fichiers en multipart/form-data",
  },
  "gsp/not-acceptable": { en: "cannot send a graph as {accept}", fr: "impossible d'envoyer un graphe en {accept}" },
  "gsp/no-graph": { en: "no graph {graph}", fr: "aucun graphe {graph}" },
  "gsp/no-graph.hint": { en: "GET /catalog lists the graphs", fr: "GET /catalog liste les graphes" },
  "gsp/read-only-graph": { en: "this graph is kept by the server", fr: "ce graphe est tenu par le serveur" },
  "gsp/read-only-graph.hint": {
    en: "publishers write their own named graph: ?graph=<your graph IRI>",
    fr: "les éditeurs écrivent leur propre graphe nommé : ?graph=<IRI de votre graphe>",
  },

  // --- SPARQL protocol -------------------------------------------------------------------------------------
  "sparql/update-refused": {
    en: "SPARQL Update is not accepted: this endpoint is read-only",
    fr: "SPARQL Update n'est pas accepté : ce point d'accès est en lecture seule",
  },
  "sparql/update-refused.hint": {
    en: "publishers replace their graph with the Graph Store Protocol (PUT /graph-store?graph=…) and a bearer token; every write is validated",
    fr: "les éditeurs remplacent leur graphe par le Graph Store Protocol (PUT /graph-store?graph=…) avec un jeton (bearer) ; chaque écriture est validée",
  },
  "sparql/several-queries": { en: "more than one query parameter", fr: "plus d'un paramètre « query »" },
  "sparql/several-queries.hint": { en: "send one query per request", fr: "envoyez une requête par appel" },
  "sparql/no-query-form": { en: "the form has no query parameter", fr: "le formulaire n'a pas de paramètre « query »" },
  "sparql/no-query-form.hint": { en: "send query=… (URL-encoded)", fr: "envoyez « query=… » (encodé pour l'URL)" },
  "sparql/no-query": { en: "no query parameter", fr: "pas de paramètre « query »" },
  "sparql/no-query.hint": {
    en: "GET /sparql?query=… (URL-encoded), or POST the query",
    fr: "GET /sparql?query=… (encodé pour l'URL), ou envoyez la requête par POST",
  },
  "sparql/post-media-type": {
    en: "a query POST must be application/sparql-query or application/x-www-form-urlencoded, not {type}",
    fr: "un POST de requête doit être en application/sparql-query ou application/x-www-form-urlencoded, pas {type}",
  },
  "sparql/post-media-type.hint": {
    en: "send the query as the body with Content-Type: application/sparql-query",
    fr: "envoyez la requête comme corps, avec Content-Type: application/sparql-query",
  },
  "sparql/not-acceptable": {
    en: "cannot answer a {form} query in {accept}",
    fr: "impossible de répondre à une requête {form} en {accept}",
  },
  "sparql/not-acceptable.hint": {
    en: "accept one of {offers}, or give format= one of {names}",
    fr: "acceptez l'un de {offers}, ou donnez format= parmi {names}",
  },
  "sparql/description-not-acceptable": {
    en: "the service description is in Turtle, N-Triples, JSON-LD or RDF/XML",
    fr: "la description du service est en Turtle, N-Triples, JSON-LD ou RDF/XML",
  },
  "sparql/expected-select": {
    en: "expected a SELECT query, got {form}",
    fr: "une requête SELECT était attendue, pas {form}",
  },

  // --- query workers ---------------------------------------------------------------------------------------
  "query/worker-failed": {
    en: "the query worker failed while answering ({reason}) and is being replaced",
    fr: "le fil de requêtes a échoué en répondant ({reason}) et va être remplacé",
  },
  "query/worker-failed.hint": {
    en: "if the query is large, narrow it (fewer unbound patterns, a LIMIT)",
    fr: "si la requête est lourde, resserrez-la (moins de motifs libres, un LIMIT)",
  },
  "server/worker-failed": {
    en: "a query worker could not open the store: {reason}",
    fr: "un fil de requêtes n'a pas pu ouvrir le stock : {reason}",
  },
  "server/worker-failed.hint": {
    en: "check that the data directory was written by vivant serve or vivant load, and that this process may read it",
    fr: "vérifiez que le dossier de données a été écrit par vivant serve ou vivant load, et que ce processus peut le lire",
  },
  "query/timeout": { en: "the query did not finish within {ms} ms", fr: "la requête n'a pas fini en {ms} ms" },
  "query/timeout.hint": {
    en: "narrow the query (fewer unbound patterns, a LIMIT), or run it on your own copy of the data",
    fr: "resserrez la requête (moins de motifs libres, un LIMIT), ou lancez-la sur votre propre copie des données",
  },
  "server/write-failed": {
    en: "the write thread stopped while preparing the write ({reason}); nothing was written",
    fr: "le fil d'écriture s'est arrêté en préparant l'écriture ({reason}) ; rien n'a été écrit",
  },
  "server/write-failed.hint": {
    en: "send the data again; if it keeps failing, split it or ask the operator about the server's memory",
    fr: "renvoyez les données ; si l'échec se répète, découpez-les ou interrogez l'exploitant sur la mémoire du serveur",
  },
  "server/closing": { en: "the server is shutting down", fr: "le serveur s'arrête" },
  "query/result-too-large": {
    en: "the answer is {bytes} bytes, more than this server sends ({limit})",
    fr: "la réponse fait {bytes} octets, plus que ce serveur n'envoie ({limit})",
  },
  "query/result-too-large.hint": {
    en: "add LIMIT and OFFSET, or narrow the query",
    fr: "ajoutez LIMIT et OFFSET, ou resserrez la requête",
  },

  ...RECONCILE_TEXT,

  // --- pages' forms ----------------------------------------------------------------------------------------
  "form/not-a-form": {
    en: "send the checker's form as multipart/form-data or application/x-www-form-urlencoded",
    fr: "envoyez le formulaire du vérificateur en multipart/form-data ou application/x-www-form-urlencoded",
  },
  "form/unreadable": { en: "the form could not be read: {reason}", fr: "le formulaire est illisible : « {reason} »" },
  "form/too-large": {
    en: "the checker takes at most {limit} bytes",
    fr: "le vérificateur prend au plus {limit} octets",
  },
  "form/file-too-large": { en: "the file is larger than {limit} bytes", fr: "le fichier dépasse {limit} octets" },
  "form/charset": {
    en: "the field {name} is not valid {charset}: {detail}",
    fr: "le champ {name} n'est pas du {charset} valide : {detail}",
  },
} as const satisfies Readonly<Record<string, Text>>;
