// External identifiers (Wikidata, ISNI, BnF, Artsdata, SIRET) → canonical sameAs IRIs, merged with the record's own.

import { normalizeId, ID_EXAMPLES, type IdScheme } from "../identifiers.js";
import type { ExternalIds } from "../types.js";
import { bounded, type RecordCheck } from "./check.js";

const ID_SCHEMES: readonly IdScheme[] = ["wikidata", "isni", "bnf", "artsdata", "siret"];
/** External ids → sameAs IRIs (merged with the record's own sameAs, deduplicated, order kept). */
export function normalizeIds(
  ids: ExternalIds | undefined,
  sameAs: readonly string[] | undefined,
  path: string,
  c: RecordCheck,
): { sameAs?: string[]; ids?: ExternalIds } {
  // Known identifier URLs given directly in sameAs get their canonical form too (Wikidata /wiki/ → /entity/).
  const out: string[] = (sameAs ?? []).map((iri) => canonicalSameAs(iri));
  let siret: string | undefined;
  if (ids) {
    // Only the known schemes: unknown keys were already reported as unknown fields.
    for (const scheme of ID_SCHEMES) {
      const raw = ids[scheme];
      if (typeof raw !== "string") continue;
      const r = normalizeId(scheme, raw);
      if (!r.ok) {
        c.report({
          code: "record/invalid-identifier",
          path: `${path}.ids.${scheme}`,
          value: raw,
          expected: { en: `a valid ${scheme} identifier`, fr: `un identifiant ${scheme} valide` },
          message: {
            en: `ids.${scheme} ${JSON.stringify(bounded(raw))} is not a valid ${scheme} identifier`,
            fr: `ids.${scheme} ${JSON.stringify(bounded(raw))} n'est pas un identifiant ${scheme} valide`,
          },
          hint: { en: `write it as ${ID_EXAMPLES[scheme]}`, fr: `écrivez-le comme ${ID_EXAMPLES[scheme]}` },
        });
      } else if (scheme === "siret") siret = r.value;
      else out.push(r.value);
    }
  }
  const unique = [...new Set(out)];
  return { ...(unique.length ? { sameAs: unique } : {}), ...(siret ? { ids: { siret } } : {}) };
}

function canonicalSameAs(iri: string): string {
  if (/wikidata\.org\/(?:wiki|entity)\/Q\d+$/.test(iri)) {
    const r = normalizeId("wikidata", iri);
    if (r.ok) return r.value;
  }
  if (/isni\.org\/isni\//i.test(iri)) {
    const r = normalizeId("isni", iri);
    if (r.ok) return r.value;
  }
  return iri;
}
