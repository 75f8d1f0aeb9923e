// Places and organizers: the merged place and organizer documents an event refers to, made venues and organizations
// once each (a place needs a name or a full address, an organizer a name).

import type { Problem } from "../../errors.js";
import type { Organization, PostalAddress, Venue } from "../../records/types.js";
import { compact, recordProblem } from "../types.js";
import { isObject, str, type Json } from "./json.js";
import { langMap } from "./vocabulary.js";

export class Places {
  readonly venues = new Map<string, Venue>();
  /** The organizers, and the performing groups and organizations named as performers (performers.ts). */
  readonly organizations = new Map<string, Organization>();
  constructor(
    readonly placeDocs: ReadonlyMap<string, Json>,
    readonly orgDocs: ReadonlyMap<string, Json>,
    readonly problems: Problem[],
  ) {}

  /** The venue made of place `id` (made on first use), or undefined when its document is absent or too thin. */
  venueOf(id: string): string | undefined {
    if (this.venues.has(id)) return id;
    const d = this.placeDocs.get(id);
    const name = d && langMap(d.name);
    if (!d) return undefined;
    const main = str(d.mainLanguage) ?? "nl";
    const addr = isObject(d.address)
      ? isObject(d.address[main])
        ? d.address[main]
        : (Object.values(d.address).find(isObject) ?? d.address)
      : undefined;
    const country = str(addr?.addressCountry)?.toUpperCase();
    const address: PostalAddress | undefined =
      addr && str(addr.addressLocality) && country && /^[A-Z]{2}$/.test(country)
        ? compact({
            streetAddress: str(addr.streetAddress),
            postalCode: str(addr.postalCode),
            addressLocality: str(addr.addressLocality)!,
            addressCountry: country,
          })
        : undefined;
    // A place with an address but no name is accepted with a warning (the core profile asks one or the other).
    if (!name && !address) return undefined;
    if (!name) {
      this.problems.push(
        recordProblem(
          "uitdatabank/place-without-name",
          "venue",
          id,
          "$..location.name",
          undefined,
          [`place ${id} has an address but no name: accepted`, `le lieu ${id} a une adresse mais pas de nom : accepté`],
          ["a name language map", "une table de langues pour le nom"],
          ["name the place in UiTdatabank", "nommer le lieu dans UiTdatabank"],
          "warning",
        ),
      );
    }
    const geo =
      isObject(d.geo) && typeof d.geo.latitude === "number" && typeof d.geo.longitude === "number"
        ? { latitude: d.geo.latitude, longitude: d.geo.longitude }
        : undefined;
    this.venues.set(
      id,
      compact({
        id,
        name,
        description: langMap(d.description),
        address,
        geo,
        // Belgium keeps one time zone: local UiTdatabank times are resolved with it.
        timeZone: country === "BE" ? "Europe/Brussels" : undefined,
        sameAs: Array.isArray(d.sameAs)
          ? d.sameAs.filter((s): s is string => typeof s === "string" && /^https?:\/\//.test(s))
          : undefined,
      }),
    );
    return id;
  }

  /** The organization made of organizer `id` (made on first use), or undefined when it has no document or no name. */
  organizerOf(id: string): string | undefined {
    if (this.organizations.has(id)) return id;
    const d = this.orgDocs.get(id);
    const name =
      d &&
      (langMap(d.name) ?? (str(d.name) !== undefined ? { [str(d.mainLanguage) ?? "nl"]: str(d.name)! } : undefined));
    if (!d || !name) return undefined;
    this.organizations.set(id, compact({ id, name, description: langMap(d.description), url: str(d.url) }));
    return id;
  }
}
