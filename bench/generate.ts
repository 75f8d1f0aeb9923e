// Synthetic record documents of any size for the benchmarks: schema-valid, every reference resolving,
// and the same output for the same seed. Realistic in shape (runs of a production at one venue), not in prose.

import { UsageError } from "../src/errors.js";
import {
  GENRES,
  type AccessibilityFeature,
  type AgentRef,
  type EventType,
  type Genre,
  type Offer,
  type Organization,
  type OrganizationType,
  type Performance,
  type Person,
  type Production,
  type RecordDocument,
  type Series,
  type Status,
  type Venue,
  type VenueType,
  type Work,
} from "../src/records/types.js";

export interface GenerateOptions {
  /**
   * Seed of the pseudo-random generator: the same seed and size give the same document.
   * @default 1
   */
  readonly seed?: number;
  /**
   * Local id of the publisher; its base IRI is `https://data.vivant-bench.example/<id>/`.
   * Give each publisher its own id to build several graphs (federation, harvest).
   * @default "bench"
   * @example generateSeason(10_000, { publisherId: "scene-2" })
   */
  readonly publisherId?: string;
}

/** mulberry32: a tiny 32-bit seeded PRNG, plenty for test data (not for anything secret). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Real French cities with a postcode and the coordinates of the city centre.
const CITIES: readonly (readonly [city: string, postalCode: string, region: string, lat: number, lon: number])[] = [
  ["Paris", "75011", "Île-de-France", 48.8566, 2.3522],
  ["Lyon", "69001", "Auvergne-Rhône-Alpes", 45.764, 4.8357],
  ["Marseille", "13001", "Provence-Alpes-Côte d'Azur", 43.2965, 5.3698],
  ["Toulouse", "31000", "Occitanie", 43.6047, 1.4442],
  ["Nice", "06000", "Provence-Alpes-Côte d'Azur", 43.7102, 7.262],
  ["Nantes", "44000", "Pays de la Loire", 47.2184, -1.5536],
  ["Strasbourg", "67000", "Grand Est", 48.5734, 7.7521],
  ["Montpellier", "34000", "Occitanie", 43.6108, 3.8767],
  ["Bordeaux", "33000", "Nouvelle-Aquitaine", 44.8378, -0.5792],
  ["Lille", "59000", "Hauts-de-France", 50.6292, 3.0573],
  ["Rennes", "35000", "Bretagne", 48.1173, -1.6778],
  ["Reims", "51100", "Grand Est", 49.2583, 4.0317],
  ["Grenoble", "38000", "Auvergne-Rhône-Alpes", 45.1885, 5.7245],
  ["Dijon", "21000", "Bourgogne-Franche-Comté", 47.322, 5.0415],
  ["Angers", "49000", "Pays de la Loire", 47.4784, -0.5632],
  ["Clermont-Ferrand", "63000", "Auvergne-Rhône-Alpes", 45.7772, 3.087],
  ["Tours", "37000", "Centre-Val de Loire", 47.3941, 0.6848],
  ["Avignon", "84000", "Provence-Alpes-Côte d'Azur", 43.9493, 4.8055],
  ["Brest", "29200", "Bretagne", 48.3904, -4.4861],
  ["Rouen", "76000", "Normandie", 49.4432, 1.0999],
  ["Caen", "14000", "Normandie", 49.1829, -0.3707],
  ["Metz", "57000", "Grand Est", 49.1193, 6.1757],
  ["Poitiers", "86000", "Nouvelle-Aquitaine", 46.5802, 0.3404],
  ["La Rochelle", "17000", "Nouvelle-Aquitaine", 46.1603, -1.1511],
];

const VENUE_KINDS: readonly (readonly [VenueType, string])[] = [
  ["PerformingArtsTheater", "Théâtre"],
  ["PerformingArtsTheater", "Scène nationale"],
  ["MusicVenue", "Salle de musiques actuelles"],
  ["EventVenue", "Espace culturel"],
  ["PerformingArtsTheater", "Opéra"],
  ["Park", "Parc"],
];
const STREETS = [
  "rue de la République",
  "place du Théâtre",
  "quai des Arts",
  "avenue Victor-Hugo",
  "boulevard Jean-Jaurès",
  "rue des Halles",
];
const FIRST = [
  "Camille",
  "Louise",
  "Jules",
  "Inès",
  "Hugo",
  "Léa",
  "Nora",
  "Paul",
  "Yasmine",
  "Théo",
  "Anouk",
  "Malo",
  "Sacha",
  "Rose",
  "Karim",
  "Elsa",
];
const LAST = [
  "Martin",
  "Bernard",
  "Moreau",
  "Garnier",
  "Le Goff",
  "Rousseau",
  "Benali",
  "Lemoine",
  "Caradec",
  "Morel",
  "Haddad",
  "Lefèvre",
  "Roche",
  "Tanguy",
  "Allain",
  "Diallo",
];
const WORDS = [
  "Marées",
  "Vertiges",
  "Lumières",
  "Échos",
  "Le Fil",
  "Rivages",
  "La Nuit",
  "Passages",
  "Les Ondes",
  "Traversées",
  "L'Envol",
  "Fragments",
];
const SUFFIXES = [
  "",
  " d'hiver",
  " du soir",
  " en mouvement",
  " et chansons",
  " pour deux voix",
  " sous la lune",
  " à quai",
];
const ORG_TYPES: readonly OrganizationType[] = [
  "TheaterGroup",
  "DanceGroup",
  "MusicGroup",
  "PerformingGroup",
  "Organization",
];
const TIMES = ["20:00", "20:30", "19:00", "15:00", "18:00", "11:00"];
const ROLES = ["comédienne", "comédien", "danseuse", "danseur", "soprano", "ténor", "musicienne", "musicien"];

/** Event type and a typical duration per genre family. */
function eventTypeOf(genre: Genre): EventType {
  switch (genre) {
    case "theatre":
    case "musicalTheatre":
    case "puppetry":
    case "mime":
      return "TheaterEvent";
    case "dance":
    case "ballet":
    case "contemporaryDance":
    case "modernDance":
    case "culturalDance":
      return "DanceEvent";
    case "comedy":
      return "ComedyEvent";
    case "spoken":
    case "storytelling":
    case "poetry":
    case "slam":
    case "spokenWord":
      return "LiteraryEvent";
    case "circus":
    case "variety":
    case "magic":
    case "performingArt":
      return "Event";
    default:
      return "MusicEvent";
  }
}

const SEASON_START = Date.UTC(2026, 8, 1);
const SEASON_DAYS = 302; // 2026-09-01 … 2027-06-29
const ZONE = "Europe/Paris";
// Summer time ends 2026-10-25 and starts 2027-03-28 (01:00 UTC); shows start after 10:00 local, so
// the day alone tells the offset.
const WINTER_FROM = Date.UTC(2026, 9, 25);
const SUMMER_FROM = Date.UTC(2027, 2, 28);

const pick = <T>(list: readonly T[], r: number): T => list[Math.floor(r * list.length)]!;

/**
 * A synthetic season of `performances` performances: about one production per 6 performances and one
 * venue (with halls) per 50, people, organizations, works, three-tier offers, every status and
 * attendance mode, and a few series. Deterministic for a given seed; arrays that are the same for a whole
 * production (offers, series, organizers) are shared between its performances to keep 1M in memory.
 */
export function generateSeason(performances: number, options: GenerateOptions = {}): RecordDocument {
  if (!Number.isInteger(performances) || performances < 0) {
    throw new UsageError(
      "bench/invalid-size",
      `generateSeason: performances must be a non-negative integer, got ${performances}`,
      {
        hint: "e.g. generateSeason(100_000)",
      },
    );
  }
  const rand = mulberry32(options.seed ?? 1);
  const publisherId = options.publisherId ?? "bench";
  const site = `https://www.${encodeURIComponent(publisherId)
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")}.example/`;

  // Days of the season, written once: `2026-09-01` and the offset of that day in Europe/Paris.
  const days: string[] = [];
  const offsets: string[] = [];
  for (let d = 0; d < SEASON_DAYS; d++) {
    const t = SEASON_START + d * 86_400_000;
    days.push(new Date(t).toISOString().slice(0, 10));
    offsets.push(t >= WINTER_FROM && t < SUMMER_FROM ? "+01:00" : "+02:00");
  }

  const nProductions = Math.max(1, Math.ceil(performances / 6));
  const nVenues = Math.max(1, Math.ceil(performances / 50));
  const nPeople = Math.max(8, Math.ceil(performances / 20));
  const nOrgs = Math.max(ORG_TYPES.length, Math.ceil(performances / 100));
  const nWorks = Math.max(1, Math.ceil(nProductions / 4));

  const venues: Venue[] = new Array<Venue>(nVenues);
  const hallsOf: string[][] = new Array<string[]>(nVenues);
  for (let v = 0; v < nVenues; v++) {
    const [city, postalCode, region, latitude, longitude] = CITIES[v % CITIES.length]!;
    const [type, kind] = pick(VENUE_KINDS, rand());
    const nHalls = Math.floor(rand() * 4); // 0 to 3 halls
    const halls = [];
    const ids: string[] = [];
    for (let h = 0; h < nHalls; h++) {
      const id = `venue-${v}-hall-${h}`;
      ids.push(id);
      halls.push({
        id,
        name: { fr: h === 0 ? "Grande salle" : `Salle ${h + 1}` },
        maximumAttendeeCapacity: 100 + Math.floor(rand() * 900),
      });
    }
    hallsOf[v] = ids;
    venues[v] = {
      id: `venue-${v}`,
      type,
      name: { fr: `${kind} de ${city}${v >= CITIES.length ? ` ${Math.floor(v / CITIES.length) + 1}` : ""}` },
      address: {
        streetAddress: `${1 + (v % 120)} ${STREETS[v % STREETS.length]}`,
        postalCode,
        addressLocality: city,
        addressRegion: region,
        addressCountry: "FR",
      },
      geo: { latitude, longitude },
      timeZone: ZONE,
      maximumAttendeeCapacity: 200 + Math.floor(rand() * 1800),
      ...(halls.length ? { halls } : {}),
      accessibility: rand() < 0.5 ? ["wheelchairAccessible", "hearingLoop"] : ["wheelchairAccessible"],
      url: `${site}lieux/venue-${v}`,
    };
  }

  const organizations: Organization[] = new Array<Organization>(nOrgs);
  for (let o = 0; o < nOrgs; o++) {
    const type = ORG_TYPES[o % ORG_TYPES.length]!;
    organizations[o] = {
      id: `org-${o}`,
      type,
      name: { fr: `${type === "Organization" ? "Association" : "Compagnie"} ${pick(WORDS, rand())} ${o}` },
    };
  }
  const people: Person[] = new Array<Person>(nPeople);
  for (let p = 0; p < nPeople; p++)
    people[p] = { id: `person-${p}`, name: `${pick(FIRST, rand())} ${pick(LAST, rand())}` };

  const works: Work[] = new Array<Work>(nWorks);
  for (let w = 0; w < nWorks; w++) {
    const music = w % 2 === 0;
    works[w] = {
      id: `work-${w}`,
      type: music ? "MusicComposition" : "Play",
      name: { fr: `${pick(WORDS, rand())}, opus ${w}` },
      ...(music
        ? { composers: [{ person: `person-${w % nPeople}` }], librettists: [{ person: `person-${(w + 1) % nPeople}` }] }
        : { authors: [{ person: `person-${w % nPeople}` }] }),
      dateCreated: String(1600 + Math.floor(rand() * 420)),
    };
  }

  const series: Series[] = [
    {
      id: "season",
      kind: "season",
      name: { fr: "Saison 2026-2027", en: "2026–27 season" },
      startDate: "2026-09-01",
      endDate: "2027-06-30",
      organizers: [{ organization: "org-0" }],
    },
    {
      id: "festival-0",
      kind: "festival",
      name: { fr: "Festival des Rivages" },
      venue: "venue-0",
      organizers: [{ organization: "org-0" }],
    },
    { id: "festival-1", kind: "festival", name: { fr: "Festival Traversées" } },
    {
      id: "tour-0",
      kind: "tour",
      name: { fr: "Tournée régionale" },
      organizers: [{ organization: `org-${1 % nOrgs}` }],
    },
    { id: "series-0", kind: "series", name: { fr: "Les Dimanches musicaux" } },
  ];
  const SEASON_ONLY = ["season"];
  const SERIES_SETS = [
    SEASON_ONLY,
    ["season", "festival-0"],
    ["season", "festival-1"],
    ["season", "tour-0"],
    ["season", "series-0"],
  ];
  const ORGANIZERS: AgentRef[][] = [];
  for (let o = 0; o < Math.min(nOrgs, 64); o++) ORGANIZERS.push([{ organization: `org-${o}` }]);
  const SIGN: AccessibilityFeature[] = ["signLanguage"];
  const AUDIO: AccessibilityFeature[] = ["audioDescription"];
  const SURTITLES: AccessibilityFeature[] = ["surtitles"];
  const RELAXED: AccessibilityFeature[] = ["relaxedPerformance"];

  const productions: Production[] = new Array<Production>(nProductions);
  // Per production: home venue, first day of its run, offers (normal, sold out), series, whether free.
  const home = new Int32Array(nProductions);
  const firstDay = new Int32Array(nProductions);
  const eventType: EventType[] = new Array<EventType>(nProductions);
  const offersOf: (Offer[] | undefined)[] = new Array<Offer[] | undefined>(nProductions);
  const soldOutOf: (Offer[] | undefined)[] = new Array<Offer[] | undefined>(nProductions);
  const freeOf = new Uint8Array(nProductions);
  const seriesOf: string[][] = new Array<string[]>(nProductions);
  for (let p = 0; p < nProductions; p++) {
    const genre = pick(GENRES, rand());
    const opera = genre === "opera";
    const castSize = 1 + Math.floor(rand() * 4);
    const cast = [];
    for (let c = 0; c < castSize; c++) {
      cast.push({
        person: `person-${Math.floor(rand() * nPeople)}`,
        roleName: { fr: pick(ROLES, rand()) },
        ...(c === 0 ? { characterName: { fr: `Personnage ${p}` } } : {}),
      });
    }
    const hours = 1 + Math.floor(rand() * 2);
    const minutes = Math.floor(rand() * 4) * 15;
    const age = rand();
    productions[p] = {
      id: `production-${p}`,
      name:
        p % 5 === 0
          ? { fr: `${pick(WORDS, rand())}${pick(SUFFIXES, rand())}`, en: `Production ${p}` }
          : { fr: `${pick(WORDS, rand())}${pick(SUFFIXES, rand())}` },
      description: { fr: `Spectacle n° ${p} de la saison, genre ${genre}.` },
      ...(p % 3 === 0 ? { images: [`${site}images/production-${p}.jpg`] } : {}),
      url: `${site}spectacles/production-${p}`,
      ...(p % 4 === 0 ? { works: [`work-${(p / 4) % nWorks}`] } : {}),
      producers: [{ organization: `org-${p % nOrgs}` }],
      directors: [{ person: `person-${(p * 7) % nPeople}` }],
      cast,
      duration: minutes ? `PT${hours}H${minutes}M` : `PT${hours}H`,
      genres: [genre],
      ...(age < 0.1 ? { audienceAge: { min: 3 + Math.floor(age * 60), max: 12 } } : {}),
      inLanguage: opera ? ["it"] : ["fr"],
      ...(opera ? { surtitles: ["fr", "en"] } : {}),
    };
    home[p] = Math.floor(rand() * nVenues);
    firstDay[p] = Math.floor(rand() * (SEASON_DAYS - 8));
    eventType[p] = eventTypeOf(genre);
    const tariff = rand();
    if (tariff < 0.08) freeOf[p] = 1;
    else if (tariff > 0.95)
      offersOf[p] = undefined; // price not known: no offers
    else {
      const full = 10 + Math.floor(rand() * 50);
      const validFrom = firstDay[p]! < 120 ? "2026-06-20T10:00" : "2026-11-14T10:00";
      const make = (availability: Offer["availability"]): Offer[] => [
        { id: "plein", category: { fr: "plein tarif" }, price: full, priceCurrency: "EUR", availability, validFrom },
        {
          id: "reduit",
          category: { fr: "tarif réduit" },
          price: Math.round(full * 0.75),
          priceCurrency: "EUR",
          availability,
          validFrom,
        },
        {
          id: "moins-de-26-ans",
          category: { fr: "moins de 26 ans" },
          price: Math.round(full * 0.5),
          priceCurrency: "EUR",
          availability,
          validFrom,
        },
      ];
      offersOf[p] = make("InStock");
      soldOutOf[p] = make("SoldOut");
    }
    seriesOf[p] = p % 10 < 6 ? SEASON_ONLY : SERIES_SETS[p % SERIES_SETS.length]!;
  }

  // Strings and small objects shared by many performances are built once: at 1M performances the
  // garbage collector, not the loop, is what costs.
  const productionIds = productions.map((p) => p.id);
  const venueIds = venues.map((v) => v.id);
  const starts: string[] = new Array<string>(SEASON_DAYS * TIMES.length * 2);
  for (let d = 0; d < SEASON_DAYS; d++) {
    for (let t = 0; t < TIMES.length; t++) {
      starts[(d * TIMES.length + t) * 2] = `${days[d]}T${TIMES[t]}`;
      starts[(d * TIMES.length + t) * 2 + 1] = `${days[d]}T${TIMES[t]}:00${offsets[d]}`;
    }
  }
  const startOf = (day: number, time: number, withOffset: boolean): string =>
    starts[(day * TIMES.length + time) * 2 + (withOffset ? 1 : 0)]!;
  const SCHEDULED: Status = { kind: "scheduled" };
  const CANCELLED: Status = { kind: "cancelled" };
  const POSTPONED: Status = { kind: "postponed" };
  const MOVED_ONLINE: Status = { kind: "movedOnline" };
  const EN = ["en"];

  const list: Performance[] = new Array<Performance>(performances);
  for (let i = 0; i < performances; i++) {
    const p = Math.floor(i / 6) % nProductions; // runs of six consecutive performances
    const k = i % 6;
    const v = home[p]!;
    const day = Math.min(SEASON_DAYS - 1, firstDay[p]! + k);
    const time = (p + k) % TIMES.length;
    const withOffset = i % 10 === 9; // a tenth of the feeds already carry the offset
    const id = `perf-${i}`;
    const r = rand();
    const s = rand();
    const a = rand();
    let status: Status | undefined;
    if (s < 0.015) status = CANCELLED;
    else if (s < 0.02) status = POSTPONED;
    else if (s < 0.03)
      status = { kind: "rescheduled", previousStartDate: startOf(day >= 7 ? day - 7 : day + 7, time, withOffset) };
    else if (s < 0.035 && r >= 0.03) status = MOVED_ONLINE;
    else if (s < 0.5) status = SCHEDULED;
    const online = r < 0.01 || status === MOVED_ONLINE;
    const mixed = !online && r < 0.03;

    // Properties are always added in the same order, never deleted, so performances share few shapes.
    const perf: { -readonly [K in keyof Performance]: Performance[K] } = {
      id,
      production: productionIds[p]!,
      type: eventType[p]!,
      startDate: startOf(day, time, withOffset),
    };
    if (!online) {
      perf.venue = venueIds[v]!;
      const halls = hallsOf[v]!;
      if (halls.length) perf.hall = halls[(p + k) % halls.length]!;
    }
    if (online || mixed) {
      perf.attendanceMode = online ? "online" : "mixed";
      perf.onlineUrl = `${site}live/${id}`;
    }
    if (online) perf.timeZone = ZONE;
    if (status) perf.status = status;
    if (freeOf[p]) perf.free = true;
    else {
      const offers = s > 0.95 ? soldOutOf[p] : offersOf[p];
      if (offers) perf.offers = offers;
    }
    perf.organizers = ORGANIZERS[p % ORGANIZERS.length]!;
    perf.series = seriesOf[p]!;
    if (a < 0.03) perf.accessibility = SIGN;
    else if (a < 0.06) perf.accessibility = AUDIO;
    else if (a < 0.08) perf.accessibility = RELAXED;
    else if (a < 0.1) {
      perf.accessibility = SURTITLES;
      perf.surtitles = EN;
    }
    perf.url = `${site}agenda/${id}`;
    list[i] = perf;
  }

  return {
    publisher: {
      id: publisherId,
      name: { fr: `Éditeur de test ${publisherId}`, en: `Benchmark publisher ${publisherId}` },
      baseIri: `https://data.vivant-bench.example/${encodeURIComponent(publisherId)}/`,
      licence: "etalab-2.0",
      url: site,
    },
    venues,
    organizations,
    people,
    works,
    productions,
    series,
    performances: list,
  };
}
