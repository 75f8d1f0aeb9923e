// A dataset's ODRL policy in the catalog: one Offer per dataset (as the Dataspace Protocol lists them), its
// permissions with the duties its licence asks for (attribution, share-alike), and for a restricted dataset the
// named partners as assignees and a prohibition to distribute.

import type { NamedNode } from "@rdfjs/types";
import { DataFactory } from "n3";
import { DCTERMS } from "../vocab.js";
import type { DatasetAccess } from "./catalog.js";
import { FOAF, ODRL, type CatalogQuads } from "./catalog-quads.js";

const { namedNode, literal } = DataFactory;

/** The licences Vivant knows, by IRI: whether they ask for attribution and for share-alike. */
function licenceTerms(iri: string): { attribution: boolean; shareAlike: boolean } {
  if (/publicdomain\/zero/.test(iri)) return { attribution: false, shareAlike: false };
  if (/by-sa|odbl|opendatacommons\.org\/licenses\/odbl/i.test(iri)) return { attribution: true, shareAlike: true };
  return { attribution: true, shareAlike: false };
}

/** The policy: what a reader may do with the data (one Offer per dataset, as the Dataspace Protocol lists them). */
export function writePolicy(
  w: CatalogQuads,
  id: string,
  rule: DatasetAccess,
  publisher: NamedNode,
  licence: NamedNode,
): NamedNode {
  const policy = w.once(w.c(`policy-${id}`), `${ODRL}Offer`, `${ODRL}Policy`);
  w.add(policy, `${ODRL}uid`, w.c(`policy-${id}`));
  w.add(policy, `${ODRL}assigner`, publisher);
  w.add(policy, `${DCTERMS}license`, licence);
  const terms = licenceTerms(licence.value);
  const partners = rule.public
    ? []
    : rule.partners.map((p) => w.once(w.c(`partner-${encodeURIComponent(p)}`), `${ODRL}Party`, `${FOAF}Agent`));
  for (const p of partners) w.add(p, `${FOAF}name`, literal(p.value.slice(p.value.lastIndexOf("partner-") + 8)));
  for (const action of ["display", "index", "reproduce", "derive", ...(rule.public ? ["distribute"] : [])]) {
    const perm = w.once(w.c(`policy-${id}-${action}`), `${ODRL}Permission`);
    w.add(policy, `${ODRL}permission`, perm);
    w.add(perm, `${ODRL}action`, namedNode(`${ODRL}${action}`));
    for (const p of partners) w.add(perm, `${ODRL}assignee`, p);
    if (
      terms.attribution &&
      (action === "reproduce" || action === "derive" || action === "distribute" || action === "display")
    ) {
      const duty = w.once(w.c(`policy-${id}-${action}-attribute`), `${ODRL}Duty`);
      w.add(duty, `${ODRL}action`, namedNode(`${ODRL}attribute`));
      w.add(duty, `${ODRL}attributedParty`, publisher);
      w.add(perm, `${ODRL}duty`, duty);
    }
    if (terms.shareAlike && (action === "derive" || action === "distribute")) {
      const duty = w.once(w.c(`policy-${id}-${action}-share-alike`), `${ODRL}Duty`);
      w.add(duty, `${ODRL}action`, namedNode(`${ODRL}nextPolicy`));
      w.add(duty, `${ODRL}target`, licence);
      w.add(perm, `${ODRL}duty`, duty);
    }
  }
  if (!rule.public) {
    // Shared with named partners: passing the data on to anyone else is not permitted.
    const no = w.once(w.c(`policy-${id}-no-distribute`), `${ODRL}Prohibition`);
    w.add(policy, `${ODRL}prohibition`, no);
    w.add(no, `${ODRL}action`, namedNode(`${ODRL}distribute`));
  }
  return policy;
}
