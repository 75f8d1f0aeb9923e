// CapData places and seasons (Lieu with its AdressePostale, Saison) → venues and series of kind season.

import type { Venue } from "../../records/types.js";
import { compact } from "../types.js";
import type { CapDataContext } from "./context.js";

export function readVenue(c: CapDataContext, s: string): void {
  c.begin(s);
  const [a] = c.linked(s, "adresse", "AdressePostale");
  let address: Venue["address"];
  let addressText: string | undefined;
  if (a !== undefined) {
    c.begin(a);
    c.out.entities--;
    const street = c.text(a, "adressePostale");
    const postalCode = c.text(a, "codePostal");
    const commune = c.text(a, "commune");
    if (commune !== undefined && c.o.country !== undefined)
      address = compact({
        streetAddress: street,
        postalCode,
        addressLocality: commune,
        addressCountry: c.o.country,
      });
    else
      addressText = [street, [postalCode, commune].filter(Boolean).join(" ")].filter(Boolean).join(", ") || undefined;
  }
  const name = c.texts(s, "nom");
  if (!name && !address && !addressText) {
    c.reject(
      "venue",
      s,
      "capdata:nom",
      "capdata/place-without-name",
      ["a Lieu with neither a name nor an address", "un Lieu sans nom ni adresse"],
      ["nom, or an AdressePostale", "nom, ou une AdressePostale"],
      ["give the place's nom", "donnez le nom du lieu"],
    );
    return;
  }
  c.out.venues.push(compact({ id: c.id(s), name, description: c.texts(s, "description"), address, addressText }));
}

export function readSeason(c: CapDataContext, s: string): void {
  c.begin(s);
  const name = c.texts(s, "label") ?? c.texts(s, "titre");
  if (!name) {
    c.reject(
      "series",
      s,
      "capdata:label",
      "capdata/season-without-name",
      ["a Saison without a label", "une Saison sans libellé"],
      ["label", "label"],
      ["give the season's label", "donnez le libellé de la saison"],
    );
    return;
  }
  c.out.series.push({ id: c.id(s), kind: "season", name });
}
