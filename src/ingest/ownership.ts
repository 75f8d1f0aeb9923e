// Ingest's ownership rule: a publisher's graph describes only its own resources (subjects under its graph's base IRI
// or a namespace it registered). Checked by prepareGraph (./prepare.ts) before anything is written.

import type { Quad } from "@rdfjs/types";
import { graphBase, subjectsOutside } from "../store/ownership.js";
import type { ValidationIssue } from "../validate/types.js";
import { VIVANT } from "../vocab.js";

/** The code of the ownership rule's issues. */
export const OWN_SUBJECT_CODE = "core/own-subject";
const OWN_SUBJECT_CONSTRAINT = `${VIVANT}OwnSubjectConstraintComponent`;

/**
 * The ownership rule of a publisher's graph: every subject IRI is under the graph's base IRI (`graphBase`) or a
 * namespace the publisher registered; blank nodes aside. One violation per other subject, naming it: statements
 * about another publisher's performance (cancelling, re-pricing, re-titling it) are refused, never merged.
 */
export function ownSubjectIssues(
  quads: Iterable<Quad>,
  graphIri: string,
  namespaces: readonly string[] = [],
): ValidationIssue[] {
  return ownershipIssues(subjectsOutside(quads, [graphBase(graphIri), ...namespaces]), graphIri, namespaces);
}

/** The ownership rule's violations for these subjects, found outside the graph's namespaces. */
export function ownershipIssues(
  outside: readonly string[],
  graphIri: string,
  namespaces: readonly string[],
): ValidationIssue[] {
  const list = [graphBase(graphIri), ...namespaces].join(", ");
  return outside.map((s) => ({
    code: OWN_SUBJECT_CODE,
    severity: "violation" as const,
    focusNode: s,
    constraint: OWN_SUBJECT_CONSTRAINT,
    message: {
      en: `<${s}> is not a resource of this publisher: graph ${graphIri} may only describe IRIs under ${list}. Link to another publisher's resource as an object, mint your own IRI, or register your namespace (tokens file "namespaces", --namespace).`,
      fr: `<${s}> n'est pas une ressource de ce diffuseur : le graphe ${graphIri} ne peut décrire que des IRI sous ${list}. Liez la ressource d'un autre diffuseur comme objet, créez votre propre IRI, ou déclarez votre espace de noms (« namespaces » du fichier de jetons, --namespace).`,
    },
  }));
}
