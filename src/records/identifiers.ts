// External identifiers → full IRIs (Wikidata, ISNI, BnF ARK, Artsdata) with their check digits verified.

export type IdScheme = "wikidata" | "isni" | "bnf" | "artsdata" | "siret";

export type IdResult = { readonly ok: true; readonly value: string } | { readonly ok: false };

const WIKIDATA_RE = /^(?:(?:https?:\/\/)?(?:www\.)?wikidata\.org\/(?:entity|wiki)\/)?(Q[1-9]\d*)$/;
const ARTSDATA_RE = /^(?:https?:\/\/kg\.artsdata\.ca\/resource\/)?(K\d+-\d+)$/;
const BNF_RE = /^(?:https?:\/\/(?:catalogue|data)\.bnf\.fr\/)?(ark:\/12148\/[a-z0-9]+)(?:\/.*)?$/i;

/** ISO 27729 check character (ISO 7064 MOD 11-2) over the first 15 digits. */
function isniCheckOk(isni: string): boolean {
  let total = 0;
  for (let i = 0; i < 15; i++) total = (total + Number(isni[i])) * 2;
  const check = (12 - (total % 11)) % 11;
  return (check === 10 ? "X" : String(check)) === isni[15];
}

/** Luhn over 14 digits (La Poste's SIRETs, starting 356000000, use a digit-sum rule instead). */
function siretOk(siret: string): boolean {
  if (siret.startsWith("356000000")) return [...siret].reduce((s, c) => s + Number(c), 0) % 5 === 0;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = Number(siret[13 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Normalises one identifier to its canonical IRI (SIRET: to its 14 digits). */
export function normalizeId(scheme: IdScheme, raw: string): IdResult {
  const text = raw.trim();
  switch (scheme) {
    case "wikidata": {
      const m = WIKIDATA_RE.exec(text);
      return m ? { ok: true, value: `http://www.wikidata.org/entity/${m[1]}` } : { ok: false };
    }
    case "isni": {
      const compact = text
        .replace(/^(?:https?:\/\/)?(?:www\.)?isni\.org\/isni\//i, "")
        .replace(/[\s-]/g, "")
        .toUpperCase();
      return /^\d{15}[\dX]$/.test(compact) && isniCheckOk(compact)
        ? { ok: true, value: `https://isni.org/isni/${compact}` }
        : { ok: false };
    }
    case "bnf": {
      const m = BNF_RE.exec(text);
      return m ? { ok: true, value: `https://catalogue.bnf.fr/${m[1]!.toLowerCase()}` } : { ok: false };
    }
    case "artsdata": {
      const m = ARTSDATA_RE.exec(text);
      return m ? { ok: true, value: `http://kg.artsdata.ca/resource/${m[1]}` } : { ok: false };
    }
    case "siret": {
      const compact = text.replace(/\s/g, "");
      return /^\d{14}$/.test(compact) && siretOk(compact) ? { ok: true, value: compact } : { ok: false };
    }
  }
}

export const ID_EXAMPLES: Readonly<Record<IdScheme, string>> = {
  wikidata: "Q193599 or http://www.wikidata.org/entity/Q193599",
  isni: "0000 0001 2141 6468 (16 characters, check digit verified)",
  bnf: "ark:/12148/cb13894801b",
  artsdata: "K10-123",
  siret: "73282932000074 (14 digits, Luhn check)",
};
