// The sentences of /reconcile (the W3C Reconciliation API) and of confirming a probable duplicate, in English and
// French. Part of SERVER_TEXT (src/i18n/server.ts), merged into the one catalogue of src/i18n.ts.

import type { Text } from "../errors.js";

export const RECONCILE_TEXT = {
  // --- /reconcile (W3C Reconciliation API) -----------------------------------------------------------------
  "reconcile/not-json": { en: "the {what} is not JSON{where}", fr: "le {what} n'est pas du JSON{where}" },
  "reconcile/bad-field": {
    en: "`{path}`: expected {expected}, got {got}",
    fr: "`{path}` : attendu {expected}, reçu {got}",
  },
  "reconcile/unknown-field": { en: "`{path}`: unknown field {name}", fr: "`{path}` : champ inconnu « {name} »" },
  "reconcile/too-long": {
    en: "`{path}` is {length} characters long, more than {max}",
    fr: "`{path}` fait {length} caractères, plus que {max}",
  },
  "reconcile/too-many": {
    en: "`{path}` has {count} items, more than {max}",
    fr: "`{path}` a {count} éléments, plus que {max}",
  },
  "reconcile/batch.hint": {
    en: 'send {"queries": [{"conditions": [{"matchType": "name", "propertyValue": "…"}]}]} (the 1.0 draft), see GET /reconcile',
    fr: 'envoyez {"queries": [{"conditions": [{"matchType": "name", "propertyValue": "…"}]}]} (brouillon 1.0), voir GET /reconcile',
  },
  "reconcile/old-batch.hint": {
    en: 'send {"q0": {"query": "…", "type": "…", "limit": 3}} as the form field `queries=` (version 0.2)',
    fr: 'envoyez {"q0": {"query": "…", "type": "…", "limit": 3}} dans le champ de formulaire `queries=` (version 0.2)',
  },
  "reconcile/old-format": {
    en: 'this is a version 0.2 batch (keys such as q0); /reconcile/match takes the 1.0 draft\'s {"queries": […]}',
    fr: 'ceci est un lot de la version 0.2 (clés comme q0) ; /reconcile/match prend le format du brouillon 1.0, {"queries": […]}',
  },
  "reconcile/old-format.hint": {
    en: "POST a 0.2 batch as `queries=…` to /reconcile itself",
    fr: "envoyez un lot 0.2 en `queries=…` à /reconcile même",
  },
  "reconcile/no-queries": { en: "the form has no field {field}", fr: "le formulaire n'a pas de champ « {field} »" },
  "reconcile/media-type": { en: "cannot read a {type} body here", fr: "impossible de lire ici un corps {type}" },
  "reconcile/media-type.hint": {
    en: "send application/json, or application/x-www-form-urlencoded with the JSON in the field {field}",
    fr: "envoyez de l'application/json, ou de l'application/x-www-form-urlencoded avec le JSON dans le champ « {field} »",
  },
  "reconcile/batch-too-large": {
    en: "{count} queries in one batch, more than {max}",
    fr: "{count} requêtes dans un lot, plus que {max}",
  },
  "reconcile/batch-too-large.hint": {
    en: "split the batch: the manifest's batchSize is {max}",
    fr: "découpez le lot : le batchSize du manifeste est {max}",
  },
  "reconcile/bad-parameter": {
    en: "the parameter {name} must be {expected}",
    fr: "le paramètre « {name} » doit être {expected}",
  },
  "reconcile/bad-parameter.hint": { en: "e.g. `{example}`", fr: "par ex. `{example}`" },
  "reconcile/no-entity": {
    en: "no entity {id} in the reconciled graphs",
    fr: "pas d'entité {id} dans les graphes rapprochés",
  },
  "reconcile/no-entity.hint": {
    en: "use an id a match or suggest answer gave",
    fr: "utilisez un id donné par une réponse de match ou de suggest",
  },
  "reconcile/unknown-qualifier": {
    en: "`{path}`: unknown matchQualifier {qualifier} (for {what})",
    fr: "`{path}` : matchQualifier {qualifier} inconnu (pour {what})",
  },
  "reconcile/qualifier-not-here": {
    en: "`{path}`: the matchQualifier {qualifier} does not apply to {what}",
    fr: "`{path}` : le matchQualifier {qualifier} ne s'applique pas à {what}",
  },
  "reconcile/qualifier.hint": {
    en: "for {what}, use one of {allowed}, or leave matchQualifier out; GET /reconcile/suggest/property lists each property's matchQualifiers",
    fr: "pour {what}, utilisez l'un de {allowed}, ou omettez matchQualifier ; GET /reconcile/suggest/property donne les matchQualifiers de chaque propriété",
  },
  "reconcile/pattern-empty": {
    en: "`{path}`: a WildcardMatch pattern needs at least one letter or digit",
    fr: "`{path}` : un motif WildcardMatch doit contenir au moins une lettre ou un chiffre",
  },
  "reconcile/pattern-empty.hint": {
    en: 'e.g. "Grand Qu*"; to match any value, leave the condition out',
    fr: "par ex. « Grand Qu* » ; pour accepter toute valeur, omettez la condition",
  },
  "reconcile/method": {
    en: "{method} is not allowed on {path}",
    fr: "la méthode {method} n'est pas permise sur {path}",
  },

  // --- confirming a probable duplicate (POST /duplicates/confirm, /publish/same-as) ------------------------
  "duplicates/confirm-missing": {
    en: "the field {field} is missing or empty",
    fr: "le champ « {field} » est absent ou vide",
  },
  "duplicates/confirm-not-iri": {
    en: "the field {field} is not an absolute IRI: {value}",
    fr: "le champ « {field} » n'est pas une IRI absolue : {value}",
  },
  "duplicates/confirm-itself": {
    en: "an entity cannot be confirmed as the same as itself",
    fr: "une entité ne peut pas être confirmée identique à elle-même",
  },
  "duplicates/confirm-not-json": { en: "the body is not JSON", fr: "le corps de la requête n'est pas du JSON" },
  "duplicates/confirm-media-type": {
    en: "cannot read a {type} body here",
    fr: "impossible de lire ici un corps {type}",
  },
  "duplicates/confirm.hint": {
    en: 'POST {"entity": "<your entity\'s IRI>", "sameAs": "<the other IRI, or Q…>"} (application/json or a form) with your publisher token',
    fr: 'envoyez {"entity": "<IRI de votre entité>", "sameAs": "<l\'autre IRI, ou Q…>"} (application/json ou formulaire) avec votre jeton d\'éditeur',
  },
  "duplicates/not-yours": {
    en: 'your graph ({graph}, publisher "{publisher}") does not describe {entity}: a publisher confirms sameAs for its own entities only',
    fr: "votre graphe ({graph}, éditeur « {publisher} ») ne décrit pas {entity} : un éditeur ne confirme sameAs que pour ses propres entités",
  },
  "duplicates/not-yours.hint": {
    en: "swap entity and sameAs (your entity first), or ask the other publisher to confirm in its graph",
    fr: "inversez entity et sameAs (votre entité d'abord), ou demandez à l'autre éditeur de confirmer dans son graphe",
  },
  "duplicates/confirm-rejected": {
    en: "the graph with this sameAs does not pass the core profile: nothing was written",
    fr: "le graphe avec ce sameAs ne passe pas le profil core : rien n'a été écrit",
  },
  "duplicates/confirmed": {
    en: "added to your graph: {entity} schema:sameAs {sameAs}",
    fr: "ajouté à votre graphe : {entity} schema:sameAs {sameAs}",
  },
  "duplicates/confirmed-already": {
    en: "your graph says so already: {entity} schema:sameAs {sameAs}",
    fr: "votre graphe le dit déjà : {entity} schema:sameAs {sameAs}",
  },
} as const satisfies Readonly<Record<string, Text>>;
