// Normalised schema.org quads → typed records: events become performances of a production, places
// venues, organizations and people agents, offers tariffs. What the source does not say stays absent.

import type { Literal, Quad, Term } from "@rdfjs/types";
import type { Problem, ProblemCode } from "../errors.js";
import { isAnonymous, QuadIndex } from "../harvest/graph.js";
import { PROV_WAS_DERIVED_FROM } from "../harvest/entities.js";
import { schemaVocabulary } from "../harvest/vocabulary.js";
import type { RecordRef } from "../mapping/types.js";
import {
  AVAILABILITIES,
  EVENT_TYPES,
  ORGANIZATION_TYPES,
  VENUE_TYPES,
  type AgentRef,
  type Availability,
  type AttendanceMode,
  type EventType,
  type LangMap,
  type Offer,
  type Organization,
  type OrganizationType,
  type Performance,
  type Person,
  type PostalAddress,
  type Production,
  type Role,
  type Series,
  type Status,
  type StatusKind,
  type Venue,
  type VenueType,
} from "../records/types.js";
import { RDF_TYPE, SCHEMA } from "../vocab.js";
import type { NotCarriedReason, SourceTally } from "../harvest/ledger.js";
import { compact, recordProblem, uniqueById } from "./types.js";

export interface FromGraphOptions {
  /**
   * Language of texts that carry no language tag. `und` (undetermined) unless the caller knows better.
   * @default "und"
   */
  readonly defaultLanguage?: string;
  /** The fidelity ledger's account of this graph: each (node, property) carried or not. */
  readonly tally?: SourceTally;
}

export interface GraphRecords {
  readonly venues: Venue[];
  readonly organizations: Organization[];
  readonly people: Person[];
  readonly productions: Production[];
  readonly performances: Performance[];
  readonly series: Series[];
  readonly problems: Problem[];
  readonly rejected: RecordRef[];
  /** Events seen (accepted or rejected). */
  readonly events: number;
}

const STATUS: Readonly<Record<string, StatusKind>> = {
  EventScheduled: "scheduled",
  EventCancelled: "cancelled",
  EventPostponed: "postponed",
  EventRescheduled: "rescheduled",
  EventMovedOnline: "movedOnline",
};
const ATTENDANCE: Readonly<Record<string, AttendanceMode>> = {
  OfflineEventAttendanceMode: "offline",
  OnlineEventAttendanceMode: "online",
  MixedEventAttendanceMode: "mixed",
};

/** A source IRI → a local id (the IRI without its scheme; blank nodes `_<label>`). */
export function localIdOf(t: Term): string {
  return t.termType === "BlankNode" ? `_${t.value}` : t.value.replace(/^https?:\/\//, "");
}

const isHttp = (s: string) => /^https?:\/\/\S+$/i.test(s);

export function graphToRecords(quads: readonly Quad[], options: FromGraphOptions = {}): GraphRecords {
  const vocab = schemaVocabulary();
  const ix = new QuadIndex(quads);
  const lang = options.defaultLanguage ?? "und";
  const problems: Problem[] = [];
  const rejected: RecordRef[] = [];
  const termOf = new Map<string, Term>();
  const tally = options.tally;
  for (const q of quads) termOf.set(q.subject.value, q.subject);
  // Each (subject, property) once, with the index's strings: no term read again per quad.
  tally?.seenIndex(ix);
  // schema.org IRIs by local name, each built once (the tally looks the same string up again, not a new one).
  const schemaIris = new Map<string, string>();
  const schemaIri = (name: string): string => {
    let v = schemaIris.get(name);
    if (v === undefined) schemaIris.set(name, (v = SCHEMA + name));
    return v;
  };
  /** The schema.org property `name` of `s` was carried into a record. */
  const carry = (s: string, name: string): void => tally?.carry(s, schemaIri(name));
  const carryType = (s: string): void => tally?.carry(s, RDF_TYPE);
  const dropValue = (s: string, name: string, reason: NotCarriedReason): void =>
    tally?.drop(s, schemaIri(name), reason);
  /** A rejected node: its properties and those of the anonymous nodes it owns are not carried. */
  const rejectNode = (s: string, reason: NotCarriedReason = "rejected", seen = new Set<string>()): void => {
    if (!tally || seen.has(s)) return;
    seen.add(s);
    tally.reject(s, reason);
    for (const [, objects] of ix.properties(s))
      for (const o of objects) if (isAnonymous(o) && ix.has(o.value)) rejectNode(o.value, reason, seen);
  };

  const lits = (s: string, p: string): Literal[] =>
    ix.values(s, p).filter((t): t is Literal => t.termType === "Literal");
  const first = (s: string, p: string): string | undefined => {
    const v = lits(s, p)
      .map((l) => l.value.trim())
      .find((x) => x !== "");
    if (v !== undefined) carry(s, p);
    return v;
  };
  const langMap = (s: string, p: string): LangMap | undefined => {
    const out: Record<string, string> = {};
    for (const l of lits(s, p)) {
      const v = l.value.trim();
      if (v === "") continue;
      const k = l.language || lang;
      if (out[k] === undefined) out[k] = v;
    }
    if (Object.keys(out).length === 0) return undefined;
    carry(s, p);
    return out;
  };
  const iris = (s: string, p: string): string[] => {
    const out = [
      ...new Set(
        ix
          .values(s, p)
          .map((t) => t.value)
          .filter(isHttp),
      ),
    ];
    if (out.length) carry(s, p);
    else if (ix.values(s, p).length) dropValue(s, p, "invalid");
    return out;
  };
  /** Image URLs: written as URLs, or as ImageObject nodes with a contentUrl or url. */
  const images = (s: string): string[] => {
    const out = new Set<string>();
    for (const t of ix.values(s, "image")) {
      if (t.termType !== "Literal" && ix.has(t.value)) {
        const u = iris(t.value, "contentUrl")[0] ?? iris(t.value, "url")[0];
        if (u !== undefined) {
          out.add(u);
          carryType(t.value);
        }
        continue;
      }
      if (isHttp(t.value)) out.add(t.value);
    }
    if (out.size) carry(s, "image");
    else if (ix.values(s, "image").length) dropValue(s, "image", "invalid");
    return [...out];
  };
  const num = (s: string, p: string): number | undefined => {
    const v = lits(s, p)
      .map((l) => l.value.trim())
      .find((x) => x !== "");
    const n = v === undefined ? NaN : Number(v);
    if (Number.isFinite(n)) {
      carry(s, p);
      return n;
    }
    if (v !== undefined) dropValue(s, p, "invalid");
    return undefined;
  };
  const isA = (s: string, c: string) => ix.types(s).some((t) => vocab.isA(t, c));
  const ref = (entity: string, s: string, path = s): RecordRef => ({
    entity,
    recordId: localIdOf(termOf.get(s) ?? ({ termType: "NamedNode", value: s } as Term)),
    path,
  });

  // Venues
  const venues = new Map<string, Venue>();
  const rejectedVenues = new Set<string>();
  const venueOf = (s: string): string | undefined => {
    if (venues.has(s)) return localIdOf(termOf.get(s)!);
    if (rejectedVenues.has(s)) return undefined;
    const id = localIdOf(termOf.get(s)!);
    const name = langMap(s, "name");
    const type = ix
      .types(s)
      .find((t): t is VenueType => (VENUE_TYPES as readonly string[]).includes(t) && t !== "Place");
    let address: PostalAddress | undefined;
    let addressText: string | undefined;
    for (const a of ix.values(s, "address")) {
      if (a.termType === "Literal") {
        if (a.value.trim() !== "") addressText ??= a.value.trim();
        continue;
      }
      const locality = first(a.value, "addressLocality");
      const country = first(a.value, "addressCountry")?.toUpperCase();
      if (locality === undefined || country === undefined || !/^[A-Z]{2}$/.test(country)) {
        rejectNode(a.value, "invalid");
        dropValue(s, "address", "invalid");
        problems.push(
          recordProblem(
            "import/incomplete-address",
            "venue",
            id,
            `<${a.value}>`,
            country ?? locality,
            [
              "address left out: it needs a locality and a two-letter country code",
              "adresse écartée : il faut une localité et un code pays à deux lettres",
            ],
            [
              "addressLocality and addressCountry (ISO 3166-1 alpha-2)",
              "addressLocality et addressCountry (ISO 3166-1 alpha-2)",
            ],
            ["complete the address at the source", "compléter l'adresse à la source"],
            "warning",
          ),
        );
        continue;
      }
      address = compact({
        streetAddress: first(a.value, "streetAddress"),
        postalCode: first(a.value, "postalCode"),
        addressLocality: locality,
        addressRegion: first(a.value, "addressRegion"),
        addressCountry: country,
      });
      carry(s, "address");
      carryType(a.value);
      break;
    }
    // An address written as one text: carried as written (schema.org allows it), said to be unstructured.
    if (address === undefined && addressText !== undefined) {
      carry(s, "address");
      problems.push(
        recordProblem(
          "import/address-not-structured",
          "venue",
          id,
          `<${s}> schema:address`,
          addressText,
          [
            "address written as one text: kept as written, it cannot be searched by city or postal code",
            "adresse écrite en un seul texte : gardée telle qu'écrite, elle ne permet pas de chercher par ville ou code postal",
          ],
          [
            "a PostalAddress (streetAddress, postalCode, addressLocality, addressCountry)",
            "une PostalAddress (streetAddress, postalCode, addressLocality, addressCountry)",
          ],
          ["structure the address at the source", "structurer l'adresse à la source"],
          "warning",
        ),
      );
    } else addressText = undefined;
    let geo: Venue["geo"];
    for (const g of ix.values(s, "geo")) {
      const latitude = num(g.value, "latitude");
      const longitude = num(g.value, "longitude");
      if (latitude !== undefined && longitude !== undefined && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) {
        geo = { latitude, longitude };
        carry(s, "geo");
        carryType(g.value);
      } else {
        dropValue(s, "geo", "invalid");
        rejectNode(g.value, "invalid");
      }
    }
    // A place with an address but no name is accepted (the core profile warns); with neither, nothing says which place it is.
    if (!name && !address && !addressText) {
      rejectedVenues.add(s);
      rejectNode(s);
      rejected.push(ref("venue", s));
      problems.push(
        recordProblem(
          "import/missing-name",
          "venue",
          id,
          `<${s}> schema:name`,
          undefined,
          ["place with neither a name nor a usable address", "lieu sans nom ni adresse utilisable"],
          [
            "a schema:name, or an address with a locality and a country",
            "un schema:name, ou une adresse avec localité et pays",
          ],
          ["name the place at the source", "nommer le lieu à la source"],
        ),
      );
      return undefined;
    }
    if (!name) {
      problems.push(
        recordProblem(
          "import/venue-without-name",
          "venue",
          id,
          `<${s}> schema:name`,
          undefined,
          ["place with an address but no name: accepted", "lieu avec une adresse mais sans nom : accepté"],
          ["a schema:name", "un schema:name"],
          ["name the place at the source", "nommer le lieu à la source"],
          "warning",
        ),
      );
    }
    const capacity = num(s, "maximumAttendeeCapacity");
    if (capacity !== undefined && !(Number.isInteger(capacity) && capacity > 0))
      dropValue(s, "maximumAttendeeCapacity", "invalid");
    carryType(s);
    venues.set(
      s,
      compact({
        id,
        type,
        name,
        description: langMap(s, "description"),
        address,
        addressText,
        geo,
        maximumAttendeeCapacity:
          capacity !== undefined && Number.isInteger(capacity) && capacity > 0 ? capacity : undefined,
        url: iris(s, "url")[0],
        telephone: first(s, "telephone"),
        sameAs: iris(s, "sameAs"),
      }),
    );
    return id;
  };

  // Organizations and people
  const organizations = new Map<string, Organization>();
  const people = new Map<string, Person>();
  /** Says where an agent's kind had to be left open (the embed, read by Google as Person or PerformingGroup, leaves it out). */
  const kindLeftOpen = (owner: string, field: string, name: string): void => {
    problems.push(
      recordProblem(
        "import/agent-kind-unknown",
        "performance",
        localIdOf(termOf.get(owner) ?? ({ termType: "NamedNode", value: owner } as Term)),
        `<${owner}> schema:${field}`,
        name,
        [
          `${field} "${name}" is carried by its name: the source does not say whether it is a person or a group (the embed form leaves it out)`,
          `${field} « ${name} » est repris par son nom : la source ne dit pas s'il s'agit d'une personne ou d'un groupe (la forme embed l'écarte)`,
        ],
        ["a Person or a PerformingGroup (Organization)", "une Person ou un PerformingGroup (Organization)"],
        ["type the agent at the source", "typer l'agent à la source"],
        "info",
      ),
    );
  };
  const agentOf = (t: Term, field: string, owner: string): AgentRef | undefined => {
    const s = t.value;
    if (!ix.has(s)) {
      problems.push(
        recordProblem(
          "import/unknown-agent",
          "performance",
          localIdOf(termOf.get(owner)!),
          `<${owner}> schema:${field}`,
          s,
          [
            `${field} ${s} is not described in the source: left out`,
            `${field} ${s} n'est pas décrit dans la source : écarté`,
          ],
          ["a Person or Organization node", "un nœud Person ou Organization"],
          ["describe the agent in the same source", "décrire l'agent dans la même source"],
          "info",
        ),
      );
      return undefined;
    }
    const id = localIdOf(termOf.get(s)!);
    if (isA(s, "Person")) {
      if (!people.has(s)) {
        const name = first(s, "name");
        if (name === undefined) {
          rejectNode(s);
          return undefined;
        }
        carryType(s);
        people.set(s, compact({ id, name, url: iris(s, "url")[0], sameAs: iris(s, "sameAs") }));
      }
      return { person: id };
    }
    if (isA(s, "Organization")) {
      if (!organizations.has(s)) {
        const name = langMap(s, "name");
        if (!name) {
          rejectNode(s);
          return undefined;
        }
        carryType(s);
        const type = ix
          .types(s)
          .find(
            (x): x is OrganizationType => (ORGANIZATION_TYPES as readonly string[]).includes(x) && x !== "Organization",
          );
        organizations.set(
          s,
          compact({
            id,
            type,
            name,
            description: langMap(s, "description"),
            url: iris(s, "url")[0],
            sameAs: iris(s, "sameAs"),
          }),
        );
      }
      return { organization: id };
    }
    // A node with a name and no type at all: an agent of unknown kind, carried by its name.
    if (ix.typeIris(s).length === 0) {
      const name = first(s, "name");
      if (name !== undefined) {
        kindLeftOpen(owner, field, name);
        return { name };
      }
    }
    problems.push(
      recordProblem(
        "import/performer-of-unknown-kind",
        "performance",
        localIdOf(termOf.get(owner)!),
        `<${owner}> schema:${field}`,
        s,
        [
          `${field} ${s} is typed ${ix.types(s).join(", ") || "nothing"}, neither Person nor Organization: left out`,
          `${field} ${s} est typé ${ix.types(s).join(", ") || "rien"}, ni Person ni Organization : écarté`,
        ],
        ["a Person or an Organization (PerformingGroup…)", "une Person ou une Organization (PerformingGroup…)"],
        ["type the agent at the source", "typer l'agent à la source"],
        "info",
      ),
    );
    return undefined;
  };
  const roles = (s: string, field: string): Role[] => {
    const out: Role[] = [];
    for (const t of ix.values(s, field)) {
      if (t.termType === "Literal") {
        // "performer": "Alex Roy": an agent of unknown kind, carried by its name.
        const name = t.value.trim();
        if (name === "") dropValue(s, field, "invalid");
        else {
          out.push({ name });
          carry(s, field);
          kindLeftOpen(s, field, name);
        }
        continue;
      }
      if (isA(t.value, "Role")) {
        const inner = ix.values(t.value, field).find((x) => x.termType !== "Literal");
        const a = inner && agentOf(inner, field, s);
        if (a) {
          out.push(
            compact({ ...a, roleName: langMap(t.value, "roleName"), characterName: langMap(t.value, "characterName") }),
          );
          carry(s, field);
          carry(t.value, field);
          carryType(t.value);
        } else rejectNode(t.value, "unresolved");
        continue;
      }
      const a = agentOf(t, field, s);
      if (a) {
        carry(s, field);
        out.push(a);
      } else dropValue(s, field, ix.has(t.value) ? "invalid" : "unresolved");
    }
    return out;
  };

  // Offers
  const offersOf = (s: string, eventId: string): Offer[] => {
    const out: Offer[] = [];
    for (const o of ix.values(s, "offers")) {
      if (o.termType === "Literal") {
        dropValue(s, "offers", "invalid");
        continue;
      }
      const availability = ix
        .values(o.value, "availability")
        .map((t) => t.value)
        .find((v) => v.startsWith(SCHEMA))
        ?.slice(SCHEMA.length) as Availability | undefined;
      let price = num(o.value, "price");
      let minPrice = num(o.value, "lowPrice") ?? num(o.value, "minPrice");
      let maxPrice = num(o.value, "highPrice") ?? num(o.value, "maxPrice");
      let currency = first(o.value, "priceCurrency")?.toUpperCase();
      // A price range (or a single price) in a PriceSpecification: what real markup and Vivant's own graph write.
      const specs: string[] = [];
      for (const ps of ix.values(o.value, "priceSpecification")) {
        if (ps.termType === "Literal" || !ix.has(ps.value)) {
          dropValue(o.value, "priceSpecification", ps.termType === "Literal" ? "invalid" : "unresolved");
          continue;
        }
        specs.push(ps.value);
        price ??= num(ps.value, "price");
        minPrice ??= num(ps.value, "minPrice");
        maxPrice ??= num(ps.value, "maxPrice");
        currency ??= first(ps.value, "priceCurrency")?.toUpperCase();
        carry(o.value, "priceSpecification");
        carryType(ps.value);
      }
      if (
        (price !== undefined || minPrice !== undefined || maxPrice !== undefined) &&
        (currency === undefined || !/^[A-Z]{3}$/.test(currency))
      ) {
        problems.push(
          recordProblem(
            "import/price-without-currency",
            "performance",
            eventId,
            `<${o.value}> schema:price`,
            price,
            [
              "price left out: no ISO 4217 currency says what it counts",
              "prix écarté : aucune devise ISO 4217 ne dit ce qu'il compte",
            ],
            ["a priceCurrency such as EUR or CAD", "une priceCurrency telle que EUR ou CAD"],
            ["give the currency at the source", "donner la devise à la source"],
            "warning",
          ),
        );
        price = minPrice = maxPrice = undefined;
        for (const n of [o.value, ...specs])
          for (const p of ["price", "lowPrice", "minPrice", "highPrice", "maxPrice", "priceCurrency"])
            dropValue(n, p, "invalid");
      }
      const validFrom = first(o.value, "validFrom");
      const knownAvailability =
        availability && (AVAILABILITIES as readonly string[]).includes(availability) ? availability : undefined;
      if (knownAvailability) carry(o.value, "availability");
      else if (ix.values(o.value, "availability").length) dropValue(o.value, "availability", "invalid");
      carry(s, "offers");
      carryType(o.value);
      out.push(
        compact({
          id: String(out.length + 1),
          category: langMap(o.value, "name") ?? langMap(o.value, "category"),
          price,
          minPrice,
          maxPrice,
          priceCurrency: price !== undefined || minPrice !== undefined || maxPrice !== undefined ? currency : undefined,
          availability: knownAvailability,
          validFrom,
          url: iris(o.value, "url")[0],
        }),
      );
    }
    return out;
  };

  // Events
  const productions = new Map<string, Production>();
  const performances: Performance[] = [];
  const performanceSubjects: string[] = [];
  const series: Series[] = [];
  const seriesSubjects = new Map<string, string>();
  let events = 0;
  for (const s of ix.subjects) {
    const types = ix.types(s);
    if (!types.some((t) => vocab.isA(t, "Event"))) continue;
    events++;
    const id = localIdOf(termOf.get(s)!);
    const reject = (
      code: ProblemCode,
      path: string,
      message: [string, string],
      expected: [string, string],
      hint: [string, string],
    ) => {
      rejectNode(s);
      rejected.push(ref("performance", s));
      problems.push(recordProblem(code, "performance", id, `<${s}> ${path}`, undefined, message, expected, hint));
    };
    const name = langMap(s, "name");
    if (types.some((t) => vocab.isA(t, "EventSeries") || t === "Festival") && ix.values(s, "subEvent").length > 0) {
      if (!name) {
        reject(
          "import/missing-name",
          "schema:name",
          ["series without a name", "série sans nom"],
          ["a schema:name", "un schema:name"],
          ["name it at the source", "la nommer à la source"],
        );
        continue;
      }
      seriesSubjects.set(s, id);
      carryType(s);
      carry(s, "subEvent");
      series.push(
        compact({
          id,
          kind: types.includes("Festival") ? "festival" : "series",
          name,
          description: langMap(s, "description"),
          startDate: first(s, "startDate"),
          endDate: first(s, "endDate"),
          url: iris(s, "url")[0],
          images: images(s),
        }),
      );
      continue;
    }
    const startDate = first(s, "startDate");
    if (startDate === undefined) {
      reject(
        "import/missing-start-date",
        "schema:startDate",
        ["event without a start date", "événement sans date de début"],
        ["a schema:startDate", "un schema:startDate"],
        ["give the date at the source", "donner la date à la source"],
      );
      continue;
    }
    if (!name) {
      reject(
        "import/missing-name",
        "schema:name",
        ["event without a name", "événement sans nom"],
        ["a schema:name", "un schema:name"],
        ["name it at the source", "le nommer à la source"],
      );
      continue;
    }
    let venue: string | undefined;
    let onlineUrl: string | undefined;
    let unusableVenue = false;
    for (const l of ix.values(s, "location")) {
      if (l.termType === "Literal" || !ix.has(l.value)) {
        dropValue(s, "location", l.termType === "Literal" ? "invalid" : "unresolved");
        continue;
      }
      if (isA(l.value, "VirtualLocation")) {
        onlineUrl ??= iris(l.value, "url")[0];
        if (onlineUrl !== undefined) {
          carry(s, "location");
          carryType(l.value);
        }
      } else if (isA(l.value, "Place") && venue === undefined) {
        venue = venueOf(l.value);
        if (venue === undefined) unusableVenue = true;
        else carry(s, "location");
      }
    }
    // Vivant's graph form (and Artsdata's one-location rule) gives a mixed event its place as location and its
    // stream as a WatchAction: at a VirtualLocation, or targeting its URL.
    for (const a of onlineUrl === undefined ? ix.values(s, "potentialAction") : []) {
      if (a.termType === "Literal" || !isA(a.value, "WatchAction")) continue;
      for (const l of ix.values(a.value, "location")) {
        if (l.termType !== "Literal" && isA(l.value, "VirtualLocation")) {
          onlineUrl ??= iris(l.value, "url")[0];
          carry(a.value, "location");
          carryType(l.value);
        }
      }
      onlineUrl ??= iris(a.value, "target")[0];
      if (onlineUrl !== undefined) {
        carry(s, "potentialAction");
        carryType(a.value);
      }
    }
    const attendance = ix
      .values(s, "eventAttendanceMode")
      .map((t) => ATTENDANCE[t.value.slice(SCHEMA.length)])
      .find((m) => m !== undefined);
    if (attendance !== undefined) carry(s, "eventAttendanceMode");
    else if (ix.values(s, "eventAttendanceMode").length) dropValue(s, "eventAttendanceMode", "invalid");
    if (venue === undefined && !(onlineUrl !== undefined && attendance === "online")) {
      reject(
        unusableVenue ? "import/unusable-location" : "import/missing-location",
        "schema:location",
        unusableVenue
          ? ["its place was rejected", "son lieu a été rejeté"]
          : ["event without a place (nor an online location)", "événement sans lieu (ni lieu en ligne)"],
        ["a Place with a name", "un Place avec un nom"],
        ["give the place at the source", "donner le lieu à la source"],
      );
      continue;
    }
    // A production groups the performances of one show: workPerformed when given, else the page
    // they were published on and their name (each performance of a run on the show's page).
    const work = ix.values(s, "workPerformed").find((t) => t.termType !== "Literal" && ix.has(t.value));
    const page = ix.objects(s, PROV_WAS_DERIVED_FROM)[0]?.value;
    if (work) {
      carry(s, "workPerformed");
      carryType(work.value);
    }
    if (page !== undefined) tally?.carry(s, PROV_WAS_DERIVED_FROM);
    const productionKey = work
      ? localIdOf(work)
      : page
        ? `${page.replace(/^https?:\/\//, "")}#${Object.values(name)[0]}`
        : id;
    if (!productions.has(productionKey)) {
      productions.set(
        productionKey,
        compact({
          id: productionKey,
          name: (work && langMap(work.value, "name")) ?? name,
          description: (work && langMap(work.value, "description")) ?? langMap(s, "description"),
          images: images(s),
          url: page ?? iris(s, "url")[0],
        }),
      );
    }
    const statusIri = ix
      .values(s, "eventStatus")
      .map((t) => STATUS[t.value.slice(SCHEMA.length)])
      .find((k) => k !== undefined);
    if (statusIri === undefined && ix.values(s, "eventStatus").length) dropValue(s, "eventStatus", "invalid");
    const previous = first(s, "previousStartDate");
    let status: Status | undefined;
    if (statusIri === "rescheduled" && previous === undefined) {
      dropValue(s, "eventStatus", "invalid");
      problems.push(
        recordProblem(
          "import/rescheduled-without-previous-date",
          "performance",
          id,
          `<${s}> schema:eventStatus`,
          "EventRescheduled",
          [
            "status left out: EventRescheduled needs the previousStartDate",
            "statut écarté : EventRescheduled exige previousStartDate",
          ],
          ["a schema:previousStartDate", "un schema:previousStartDate"],
          ["give the former date at the source", "donner l'ancienne date à la source"],
          "warning",
        ),
      );
    } else if (statusIri !== undefined) {
      status = compact({ kind: statusIri, previousStartDate: statusIri === "rescheduled" ? previous : undefined });
      carry(s, "eventStatus");
      if (statusIri !== "rescheduled" && previous !== undefined) dropValue(s, "previousStartDate", "invalid");
    }
    const free = lits(s, "isAccessibleForFree")
      .map((l) => l.value.toLowerCase())
      .find((v) => v === "true" || v === "false");
    if (free !== undefined) carry(s, "isAccessibleForFree");
    else if (ix.values(s, "isAccessibleForFree").length) dropValue(s, "isAccessibleForFree", "invalid");
    const inLanguage = lits(s, "inLanguage")
      .map((l) => l.value)
      .filter((v) => /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(v));
    if (inLanguage.length) carry(s, "inLanguage");
    else if (ix.values(s, "inLanguage").length) dropValue(s, "inLanguage", "invalid");
    carryType(s);
    const type =
      types.find((t): t is EventType => (EVENT_TYPES as readonly string[]).includes(t) && t !== "Event") ?? "Event";
    const offers = offersOf(s, id);
    performanceSubjects.push(s);
    performances.push(
      compact({
        id,
        production: productionKey,
        type,
        name,
        description: langMap(s, "description"),
        startDate,
        endDate: first(s, "endDate"),
        doorTime: first(s, "doorTime"),
        duration: first(s, "duration"),
        venue,
        onlineUrl,
        attendanceMode: attendance,
        status,
        offers,
        free: free === undefined ? undefined : free === "true",
        performers: roles(s, "performer"),
        organizers: roles(s, "organizer").map((r) =>
          r.person !== undefined
            ? { person: r.person }
            : r.organization !== undefined
              ? { organization: r.organization }
              : { name: r.name! },
        ),
        inLanguage,
        url: iris(s, "url")[0],
        images: images(s),
      }),
    );
  }

  // superEvent / subEvent links to an accepted series.
  const parents = new Map<string, Set<string>>();
  for (const [sub, id] of seriesSubjects)
    for (const e of ix.values(sub, "subEvent")) parents.set(e.value, new Set([...(parents.get(e.value) ?? []), id]));
  performances.forEach((p, i) => {
    const s = performanceSubjects[i]!;
    const ids = new Set(parents.get(s));
    for (const up of ix.values(s, "superEvent")) {
      const id = seriesSubjects.get(up.value);
      if (id !== undefined) {
        ids.add(id);
        carry(s, "superEvent");
      } else dropValue(s, "superEvent", "unresolved");
    }
    if (ids.size) performances[i] = { ...p, series: [...ids].sort() };
  });

  // Places, organizations and people described on their own (directories of venues, presenters, artists).
  for (const s of ix.subjects) {
    if (isAnonymous(termOf.get(s)!)) continue;
    if (isA(s, "Place") && !isA(s, "Event")) venueOf(s);
    else if (isA(s, "Person") || isA(s, "Organization")) agentOf(termOf.get(s)!, "agent", s);
    else if (
      !["Event", "Offer", "CreativeWork", "Intangible", "StructuredValue", "Action"].some((c) => isA(s, c)) &&
      ix.types(s).length > 0 &&
      !ix.types(s).some((t) => vocab.isA(t, "Role"))
    ) {
      rejectNode(s, "outside-programme");
      problems.push(
        recordProblem(
          "import/unsupported-type",
          "node",
          localIdOf(termOf.get(s)!),
          `<${s}> rdf:type`,
          ix.types(s).join(" "),
          [
            `a ${ix.types(s).join(", ")} is neither an event, a place, an organization nor a person: not imported`,
            `un ${ix.types(s).join(", ")} n'est ni un événement, ni un lieu, ni une organisation, ni une personne : non importé`,
          ],
          ["Event, Place, Organization or Person", "Event, Place, Organization ou Person"],
          ["type it more precisely at the source", "le typer plus précisément à la source"],
          "info",
        ),
      );
    }
  }

  return {
    venues: uniqueById(venues.values()),
    organizations: uniqueById(organizations.values()),
    people: uniqueById(people.values()),
    productions: uniqueById(productions.values()),
    performances: uniqueById(performances),
    series: uniqueById(series),
    problems,
    rejected,
    events,
  };
}
