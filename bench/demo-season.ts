// The demo season: a fictional network of venues in western France and its 2026-27 programme, written
// by hand as data and expanded into performances by rules, so fixtures/demo-season.json can be regenerated.
// Names of venues, companies and living artists are invented; historical authors carry their Wikidata ids.

import type {
  AccessibilityFeature,
  AgentRef,
  Availability,
  EventType,
  LangMap,
  Offer,
  Organization,
  Performance,
  Person,
  Production,
  RecordDocument,
  Role,
  Series,
  Venue,
  Work,
} from "../src/records/types.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Draft = Mutable<Performance>;

const fr = (text: string): LangMap => ({ fr: text });
const frEn = (frText: string, enText: string): LangMap => ({ fr: frText, en: enText });

const SITE = "https://www.reseau-scenes.example/";
const TICKETS = "https://billetterie.reseau-scenes.example/";
const IMAGES = "https://images.reseau-scenes.example/2026-27/";
const LIVE = "https://live.reseau-scenes.example/";
const ZONE = "Europe/Paris";

// ---------------------------------------------------------------------------------------------- venues

const NANTES = "grand-quai-nantes";
const RENNES = "theatre-vilaine-rennes";
const ANGERS = "la-cale-angers";
const TOURS = "chapiteau-du-cher-tours";
const SAINT_NAZAIRE = "site-embarcaderes-saint-nazaire";
const GRANDE_SALLE = "grand-quai-grande-salle";
const STUDIO = "grand-quai-studio";

const venues: Venue[] = [
  {
    id: NANTES,
    type: "PerformingArtsTheater",
    name: fr("Le Grand Quai, scène conventionnée de Nantes"),
    description: frEn(
      "Théâtre de bord de Loire avec une grande salle à l'italienne et un studio de création.",
      "Riverside theatre with a large proscenium hall and a studio for new work.",
    ),
    address: {
      streetAddress: "12 quai de la Fosse",
      postalCode: "44000",
      addressLocality: "Nantes",
      addressRegion: "Pays de la Loire",
      addressCountry: "FR",
    },
    geo: { latitude: 47.2184, longitude: -1.5536 },
    timeZone: ZONE,
    maximumAttendeeCapacity: 1100,
    halls: [
      {
        id: GRANDE_SALLE,
        name: frEn("Grande salle", "Main hall"),
        maximumAttendeeCapacity: 900,
        accessibility: ["wheelchairAccessible", "hearingLoop"],
      },
      { id: STUDIO, name: fr("Studio"), maximumAttendeeCapacity: 200, accessibility: ["wheelchairAccessible"] },
    ],
    accessibility: ["wheelchairAccessible", "hearingLoop"],
    url: "https://www.grand-quai.example/",
  },
  {
    id: RENNES,
    type: "PerformingArtsTheater",
    name: fr("Théâtre de la Vilaine"),
    description: fr("Théâtre municipal de 620 places, au cœur de Rennes."),
    address: {
      streetAddress: "24 rue de Saint-Malo",
      postalCode: "35000",
      addressLocality: "Rennes",
      addressRegion: "Bretagne",
      addressCountry: "FR",
    },
    geo: { latitude: 48.1173, longitude: -1.6778 },
    timeZone: ZONE,
    maximumAttendeeCapacity: 620,
    accessibility: ["wheelchairAccessible", "hearingLoop"],
    url: "https://www.theatre-vilaine.example/",
  },
  {
    id: ANGERS,
    type: "MusicVenue",
    name: fr("La Cale, scène de musiques"),
    address: {
      streetAddress: "9 rue de la Roë",
      postalCode: "49000",
      addressLocality: "Angers",
      addressRegion: "Pays de la Loire",
      addressCountry: "FR",
    },
    geo: { latitude: 47.4784, longitude: -0.5632 },
    timeZone: ZONE,
    maximumAttendeeCapacity: 450,
    accessibility: ["wheelchairAccessible"],
    url: "https://www.lacale-angers.example/",
  },
  {
    id: TOURS,
    type: "EventVenue",
    name: fr("Le Chapiteau du Cher"),
    description: fr("Chapiteau permanent dédié au cirque et aux formes itinérantes."),
    address: {
      streetAddress: "120 avenue de Grammont",
      postalCode: "37000",
      addressLocality: "Tours",
      addressRegion: "Centre-Val de Loire",
      addressCountry: "FR",
    },
    geo: { latitude: 47.3941, longitude: 0.6848 },
    timeZone: ZONE,
    maximumAttendeeCapacity: 700,
    accessibility: ["wheelchairAccessible"],
    url: "https://www.chapiteau-du-cher.example/",
  },
  {
    id: SAINT_NAZAIRE,
    type: "Park",
    name: fr("Site des Embarcadères"),
    description: fr("Esplanade en plein air face à l'estuaire, ouverte pour le festival."),
    address: {
      streetAddress: "3 quai des Frégates",
      postalCode: "44600",
      addressLocality: "Saint-Nazaire",
      addressRegion: "Pays de la Loire",
      addressCountry: "FR",
    },
    geo: { latitude: 47.2735, longitude: -2.2138 },
    timeZone: ZONE,
    maximumAttendeeCapacity: 3000,
    accessibility: ["wheelchairAccessible"],
  },
];

// -------------------------------------------------------------------------------------- organizations

const organizations: Organization[] = [
  { id: "reseau-scenes", name: frEn("Réseau des Scènes de l'Ouest", "Western Stages Network"), url: SITE },
  {
    id: "association-embarcaderes",
    name: fr("Association Les Embarcadères"),
    url: "https://www.festival-embarcaderes.example/",
  },
  {
    id: "atelier-lyrique",
    name: frEn("Atelier lyrique de l'Ouest", "Western Opera Workshop"),
    description: fr("Structure de production d'opéra en région."),
  },
  {
    id: "compagnie-grand-large",
    type: "TheaterGroup",
    name: fr("Compagnie du Grand Large"),
    url: "https://www.grand-large-theatre.example/",
  },
  {
    id: "compagnie-petits-pas",
    type: "TheaterGroup",
    name: fr("Compagnie Petits Pas"),
    description: fr("Théâtre et marionnettes pour le très jeune public."),
  },
  {
    id: "compagnie-maree-haute",
    type: "DanceGroup",
    name: fr("Compagnie Marée Haute"),
    url: "https://www.maree-haute-danse.example/",
  },
  { id: "ballet-de-l-ouest", type: "DanceGroup", name: frEn("Ballet de l'Ouest", "Western Ballet") },
  { id: "collectif-bitume", type: "DanceGroup", name: fr("Collectif Bitume") },
  {
    id: "orchestre-estuaire",
    type: "MusicGroup",
    name: frEn("Orchestre de l'Estuaire", "Estuary Orchestra"),
    url: "https://www.orchestre-estuaire.example/",
  },
  { id: "ensemble-aria", type: "MusicGroup", name: fr("Ensemble vocal Aria") },
  { id: "quatuor-ligerien", type: "MusicGroup", name: fr("Quatuor Ligérien") },
  { id: "trio-boreal", type: "MusicGroup", name: fr("Trio Boréal") },
  { id: "ensemble-harmattan", type: "MusicGroup", name: fr("Ensemble Harmattan") },
  { id: "collectif-onde-courte", type: "MusicGroup", name: fr("Collectif Onde Courte") },
  {
    id: "cirque-des-embruns",
    type: "PerformingGroup",
    name: frEn("Cirque des Embruns", "Sea Spray Circus"),
    url: "https://www.cirque-embruns.example/",
  },
  { id: "troupe-des-ondes", type: "PerformingGroup", name: fr("Troupe des Ondes") },
];

// ---------------------------------------------------------------------------------------------- people

const people: Person[] = [
  // Historical authors and composers (public domain): only Wikidata ids checked against Wikidata.
  { id: "giuseppe-verdi", name: "Giuseppe Verdi", ids: { wikidata: "Q7317" } },
  { id: "francesco-maria-piave", name: "Francesco Maria Piave" },
  { id: "wolfgang-amadeus-mozart", name: "Wolfgang Amadeus Mozart", ids: { wikidata: "Q254" } },
  { id: "lorenzo-da-ponte", name: "Lorenzo Da Ponte" },
  { id: "moliere", name: "Molière", ids: { wikidata: "Q687" } },
  { id: "william-shakespeare", name: "William Shakespeare", ids: { wikidata: "Q692" } },
  { id: "ludwig-van-beethoven", name: "Ludwig van Beethoven", ids: { wikidata: "Q255" } },
  { id: "piotr-ilitch-tchaikovski", name: "Piotr Ilitch Tchaïkovski", ids: { wikidata: "Q7315" } },
  { id: "claudio-monteverdi", name: "Claudio Monteverdi" },
  { id: "madame-de-sevigne", name: "Madame de Sévigné" },
  // Invented contemporary artists.
  ...[
    "Claire Morvan",
    "Antoine Leclerc",
    "Hélène Quéré",
    "Nicolas Bertin",
    "Léa Marchal",
    "Maxime Caradec",
    "Sylvain Roche",
    "Margaux Villeneuve",
    "Élise Garnier",
    "Marion Lefèvre",
    "Julien Mercadier",
    "Paul-Henri Leduc",
    "Agathe Rivoal",
    "Romain Keller",
    "Lucas Ferrand",
    "Chloé Benoît",
    "Inès Darras",
    "Nora Castel",
    "Karim Ouali",
    "Inès Benali",
    "Tom Kerhervé",
    "Yasmine Haddad",
    "Hugo Lemoine",
    "Yann Le Goff",
    "Camille Rousseau",
    "Mathis Guérin",
    "Sophie Delacroix",
    "Ana Lopes",
    "Théo Marchand",
    "Bastien Morel",
    "Louise Tanguy",
    "Awa Diallo",
    "Sami Benhamou",
    "Victor Allain",
    "Jeanne Lavaud",
  ].map((name): Person => ({ id: slug(name), name })),
];

function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

const person = (id: string): AgentRef => ({ person: id });
const org = (id: string): AgentRef => ({ organization: id });
const as = (id: string, roleName: string, characterName?: string): Role =>
  characterName === undefined
    ? { person: id, roleName: fr(roleName) }
    : { person: id, roleName: fr(roleName), characterName: fr(characterName) };
const group = (id: string, roleName: string): Role => ({ organization: id, roleName: fr(roleName) });

// ----------------------------------------------------------------------------------------------- works

const works: Work[] = [
  {
    id: "verdi-la-traviata",
    type: "MusicComposition",
    name: fr("La traviata"),
    composers: [person("giuseppe-verdi")],
    librettists: [person("francesco-maria-piave")],
    dateCreated: "1853-03-06",
    inLanguage: ["it"],
  },
  {
    id: "mozart-don-giovanni",
    type: "MusicComposition",
    name: fr("Don Giovanni"),
    composers: [person("wolfgang-amadeus-mozart")],
    librettists: [person("lorenzo-da-ponte")],
    dateCreated: "1787-10-29",
    inLanguage: ["it"],
  },
  {
    id: "moliere-le-misanthrope",
    type: "Play",
    name: fr("Le Misanthrope"),
    authors: [person("moliere")],
    dateCreated: "1666",
    inLanguage: ["fr"],
  },
  {
    id: "shakespeare-songe",
    type: "Play",
    name: frEn("Le Songe d'une nuit d'été", "A Midsummer Night's Dream"),
    authors: [person("william-shakespeare")],
    inLanguage: ["en"],
  },
  {
    id: "tchaikovski-casse-noisette",
    type: "MusicComposition",
    name: frEn("Casse-Noisette", "The Nutcracker"),
    composers: [person("piotr-ilitch-tchaikovski")],
    dateCreated: "1892",
  },
  {
    id: "beethoven-symphonie-7",
    type: "MusicComposition",
    name: frEn("Symphonie n° 7 en la majeur, op. 92", "Symphony No. 7 in A major, Op. 92"),
    composers: [person("ludwig-van-beethoven")],
    dateCreated: "1812",
  },
  {
    id: "mozart-quatuor-k465",
    type: "MusicComposition",
    name: fr("Quatuor à cordes n° 19 en ut majeur, K. 465, « Les Dissonances »"),
    composers: [person("wolfgang-amadeus-mozart")],
    dateCreated: "1785",
  },
  {
    id: "monteverdi-vepres",
    type: "MusicComposition",
    name: fr("Vêpres de la Vierge"),
    composers: [person("claudio-monteverdi")],
    dateCreated: "1610",
    inLanguage: ["la"],
  },
  {
    id: "sevigne-lettres",
    type: "Book",
    name: fr("Lettres"),
    authors: [person("madame-de-sevigne")],
    inLanguage: ["fr"],
  },
  {
    id: "castel-marees",
    name: frEn("Marées", "Tides"),
    authors: [person("nora-castel")],
    dateCreated: "2026",
    description: fr("Pièce chorégraphique pour quatre interprètes."),
  },
];

// ----------------------------------------------------------------------------------------- productions

const production = (p: Production): Production => ({ url: `${SITE}spectacles/${p.id}`, ...p });

const productions: Production[] = [
  production({
    id: "traviata",
    name: fr("La traviata"),
    description: frEn(
      "Verdi dans une mise en scène qui transpose la fête parisienne dans un cabaret d'aujourd'hui. Chanté en italien, surtitré en français et en anglais.",
      "Verdi's opera staged in a present-day cabaret. Sung in Italian with French and English surtitles.",
    ),
    images: [`${IMAGES}traviata.jpg`],
    works: ["verdi-la-traviata"],
    producers: [org("atelier-lyrique"), org("reseau-scenes")],
    directors: [person("claire-morvan")],
    cast: [
      as("elise-garnier", "soprano", "Violetta Valéry"),
      as("julien-mercadier", "ténor", "Alfredo Germont"),
      as("paul-henri-leduc", "baryton", "Giorgio Germont"),
      as("agathe-rivoal", "mezzo-soprano", "Flora Bervoix"),
      as("sylvain-roche", "direction musicale"),
      group("orchestre-estuaire", "orchestre"),
      group("ensemble-aria", "chœur"),
    ],
    duration: "PT2H50M",
    genres: ["opera"],
    inLanguage: ["it"],
    surtitles: ["fr", "en"],
  }),
  production({
    id: "don-giovanni",
    name: fr("Don Giovanni"),
    description: fr("Le dramma giocoso de Mozart et Da Ponte, en version scénique. Chanté en italien, surtitré."),
    images: [`${IMAGES}don-giovanni.jpg`],
    works: ["mozart-don-giovanni"],
    producers: [org("atelier-lyrique")],
    directors: [person("antoine-leclerc")],
    cast: [
      as("romain-keller", "baryton", "Don Giovanni"),
      as("lucas-ferrand", "basse", "Leporello"),
      as("chloe-benoit", "soprano", "Donna Anna"),
      as("ines-darras", "soprano", "Zerlina"),
      as("julien-mercadier", "ténor", "Don Ottavio"),
      as("sylvain-roche", "direction musicale"),
      group("orchestre-estuaire", "orchestre"),
    ],
    duration: "PT3H10M",
    genres: ["opera"],
    inLanguage: ["it"],
    surtitles: ["fr", "en"],
  }),
  production({
    id: "misanthrope",
    name: fr("Le Misanthrope"),
    description: fr(
      "Alceste refuse les compromis du monde ; Célimène s'en amuse. Une lecture vive et sans perruques de Molière.",
    ),
    images: [`${IMAGES}misanthrope.jpg`],
    works: ["moliere-le-misanthrope"],
    producers: [org("compagnie-grand-large")],
    directors: [person("helene-quere")],
    cast: [
      as("yann-le-goff", "comédien", "Alceste"),
      as("camille-rousseau", "comédienne", "Célimène"),
      as("mathis-guerin", "comédien", "Philinte"),
      as("sophie-delacroix", "comédienne", "Arsinoé"),
    ],
    duration: "PT2H",
    genres: ["theatre"],
    inLanguage: ["fr"],
    audienceAge: { min: 12 },
  }),
  production({
    id: "songe",
    name: frEn("Le Songe d'une nuit d'été", "A Midsummer Night's Dream"),
    description: frEn(
      "Shakespeare dans une nouvelle traduction, entre forêt enchantée et fête foraine.",
      "Shakespeare in a new French translation, between an enchanted forest and a funfair.",
    ),
    images: [`${IMAGES}songe.jpg`],
    works: ["shakespeare-songe"],
    producers: [org("compagnie-grand-large")],
    directors: [person("nicolas-bertin")],
    cast: [
      as("ana-lopes", "comédienne", "Titania"),
      as("bastien-morel", "comédien", "Obéron"),
      as("theo-marchand", "comédien", "Puck"),
      as("camille-rousseau", "comédienne", "Hermia"),
    ],
    duration: "PT2H20M",
    genres: ["theatre"],
    inLanguage: ["fr"],
  }),
  production({
    id: "marees",
    name: frEn("Marées", "Tides"),
    description: frEn(
      "Quatre danseurs et le va-et-vient de l'océan : une création pour la saison.",
      "Four dancers and the ebb and flow of the ocean: a new piece for the season.",
    ),
    images: [`${IMAGES}marees.jpg`],
    works: ["castel-marees"],
    producers: [org("compagnie-maree-haute")],
    directors: [person("nora-castel")],
    cast: [
      as("nora-castel", "chorégraphie"),
      as("ines-benali", "danseuse"),
      as("tom-kerherve", "danseur"),
      as("yasmine-haddad", "danseuse"),
      as("hugo-lemoine", "danseur"),
    ],
    duration: "PT1H10M",
    genres: ["dance", "contemporaryDance"],
  }),
  production({
    id: "casse-noisette",
    name: frEn("Casse-Noisette", "The Nutcracker"),
    description: fr("Le ballet de Noël, avec l'Orchestre de l'Estuaire en fosse."),
    images: [`${IMAGES}casse-noisette.jpg`],
    works: ["tchaikovski-casse-noisette"],
    producers: [org("ballet-de-l-ouest")],
    cast: [
      group("ballet-de-l-ouest", "ballet"),
      as("yasmine-haddad", "danseuse", "Clara"),
      as("hugo-lemoine", "danseur", "le Prince"),
      group("orchestre-estuaire", "orchestre"),
      as("margaux-villeneuve", "direction musicale"),
    ],
    duration: "PT2H",
    genres: ["ballet", "dance"],
    audienceAge: { min: 5 },
  }),
  production({
    id: "petit-bois",
    name: fr("Le Petit Bois qui chante"),
    description: fr("Un conte en marionnettes et en chansons pour les tout-petits, à partir de 3 ans."),
    images: [`${IMAGES}petit-bois.jpg`],
    producers: [org("compagnie-petits-pas")],
    directors: [person("lea-marchal")],
    cast: [group("compagnie-petits-pas", "marionnettistes")],
    duration: "PT40M",
    genres: ["puppetry", "storytelling"],
    audienceAge: { min: 3, max: 6 },
    inLanguage: ["fr"],
  }),
  production({
    id: "lune",
    name: fr("La Lune dans le seau"),
    description: fr(
      "Un gardien de phare, une lune tombée dans un seau et tout un village pour la rendre au ciel. Dès 6 ans.",
    ),
    producers: [org("compagnie-petits-pas")],
    directors: [person("maxime-caradec")],
    cast: [as("theo-marchand", "comédien", "le gardien du phare"), as("ana-lopes", "comédienne", "la Lune")],
    duration: "PT55M",
    genres: ["theatre"],
    audienceAge: { min: 6, max: 11 },
    inLanguage: ["fr"],
  }),
  production({
    id: "beethoven-7",
    name: fr("Beethoven, Septième Symphonie"),
    works: ["beethoven-symphonie-7"],
    producers: [org("orchestre-estuaire")],
    cast: [group("orchestre-estuaire", "orchestre"), as("sylvain-roche", "direction musicale")],
    duration: "PT1H40M",
    genres: ["classical", "music"],
  }),
  production({
    id: "quatuors-mozart",
    name: fr("Mozart, les Dissonances"),
    description: fr("Le Quatuor Ligérien joue le quatuor K. 465 et présente chaque œuvre au public."),
    works: ["mozart-quatuor-k465"],
    producers: [org("quatuor-ligerien")],
    cast: [group("quatuor-ligerien", "quatuor à cordes")],
    duration: "PT1H20M",
    genres: ["classical", "instrumental"],
  }),
  production({
    id: "vepres",
    name: fr("Vêpres de la Vierge"),
    works: ["monteverdi-vepres"],
    producers: [org("ensemble-aria")],
    cast: [group("ensemble-aria", "chœur"), as("margaux-villeneuve", "direction")],
    duration: "PT1H30M",
    genres: ["classical"],
    inLanguage: ["la"],
    surtitles: ["fr"],
  }),
  production({
    id: "nuits-bleues",
    name: fr("Trio Boréal, Nuits bleues"),
    producers: [org("trio-boreal")],
    cast: [group("trio-boreal", "trio de jazz")],
    duration: "PT1H30M",
    genres: ["jazz"],
  }),
  production({
    id: "vertiges",
    name: frEn("Vertiges", "Vertigo"),
    description: frEn(
      "Sept acrobates, un mât chinois et une bascule sous le chapiteau. Tout public dès 6 ans.",
      "Seven acrobats, a Chinese pole and a teeterboard under the big top. For everyone from 6.",
    ),
    images: [`${IMAGES}vertiges.jpg`],
    producers: [org("cirque-des-embruns")],
    cast: [group("cirque-des-embruns", "acrobates")],
    duration: "PT1H15M",
    genres: ["circus"],
    audienceAge: { min: 6 },
  }),
  production({
    id: "fil-ariane",
    name: fr("Le Fil d'Ariane"),
    description: fr("Funambulisme en plein air au-dessus de l'esplanade. Gratuit."),
    producers: [org("cirque-des-embruns")],
    cast: [group("cirque-des-embruns", "funambules")],
    duration: "PT50M",
    genres: ["circus"],
  }),
  production({
    id: "chansons-loire",
    name: fr("Louise Tanguy, Chansons de la Loire"),
    producers: [org("reseau-scenes")],
    cast: [as("louise-tanguy", "chant")],
    duration: "PT1H30M",
    genres: ["chanson"],
    inLanguage: ["fr"],
  }),
  production({
    id: "slam",
    name: fr("Scène ouverte slam"),
    description: fr("Awa Diallo anime une scène ouverte : inscription sur place, cinq minutes chacun."),
    producers: [org("reseau-scenes")],
    cast: [as("awa-diallo", "slam")],
    duration: "PT1H30M",
    genres: ["slam", "poetry"],
    inLanguage: ["fr"],
  }),
  production({
    id: "tout-va-bien",
    name: fr("Tout va très bien"),
    description: fr("Seul en scène de Sami Benhamou."),
    images: [`${IMAGES}tout-va-bien.jpg`],
    producers: [org("reseau-scenes")],
    cast: [as("sami-benhamou", "seul en scène")],
    duration: "PT1H25M",
    genres: ["comedy"],
    audienceAge: { min: 12 },
    inLanguage: ["fr"],
  }),
  production({
    id: "illusionniste",
    name: fr("L'Illusionniste"),
    producers: [org("reseau-scenes")],
    cast: [as("victor-allain", "magie")],
    duration: "PT1H10M",
    genres: ["magic"],
    audienceAge: { min: 7 },
  }),
  production({
    id: "nuit-electro",
    name: frEn("Nuit électronique", "Electronic night"),
    producers: [org("collectif-onde-courte")],
    cast: [group("collectif-onde-courte", "DJ sets")],
    duration: "PT4H",
    genres: ["electronic"],
    audienceAge: { min: 16 },
  }),
  production({
    id: "cabaret-ondes",
    name: fr("Le Cabaret des Ondes"),
    description: fr("Une comédie musicale sur les débuts de la radio, avec huit chanteurs et un orchestre de poche."),
    images: [`${IMAGES}cabaret-ondes.jpg`],
    producers: [org("troupe-des-ondes")],
    directors: [person("maxime-caradec")],
    cast: [group("troupe-des-ondes", "troupe")],
    duration: "PT2H15M",
    genres: ["musicalTheatre"],
    inLanguage: ["fr"],
  }),
  production({
    id: "bitume",
    name: fr("Bitume"),
    description: fr("Danse hip-hop pour six interprètes."),
    producers: [org("collectif-bitume")],
    directors: [person("karim-ouali")],
    cast: [as("karim-ouali", "chorégraphie"), group("collectif-bitume", "danseurs")],
    duration: "PT1H",
    genres: ["dance", "contemporaryDance"],
  }),
  production({
    id: "voix-sahel",
    name: fr("Voix du Sahel"),
    producers: [org("ensemble-harmattan")],
    cast: [group("ensemble-harmattan", "ensemble")],
    duration: "PT1H30M",
    genres: ["worldMusic"],
  }),
  production({
    id: "lettres-sevigne",
    name: fr("Lettres à ma fille"),
    description: fr("Jeanne Lavaud lit la correspondance de Madame de Sévigné."),
    works: ["sevigne-lettres"],
    producers: [org("compagnie-grand-large")],
    cast: [as("jeanne-lavaud", "lecture", "Madame de Sévigné")],
    duration: "PT1H05M",
    genres: ["spoken"],
    inLanguage: ["fr"],
  }),
  production({
    id: "rencontre-traviata",
    name: frEn("Dans les coulisses de La traviata", "Behind the scenes of La traviata"),
    description: fr("Rencontre en ligne avec la metteuse en scène et la soprano, avant la première."),
    producers: [org("reseau-scenes")],
    cast: [as("claire-morvan", "intervenante"), as("elise-garnier", "intervenante")],
    duration: "PT1H",
    genres: ["spoken"],
    inLanguage: ["fr"],
  }),
];

// -------------------------------------------------------------------------------------------- series

// Each series states what is true of it, so that every one has a single place (Artsdata's shapes want one
// location per EventSeries): each venue has its own season (the network publishes the four together), the
// concert series and the festival each have one venue, and the dance company's tour is one series per stop.
// The tour's stops state neither dates nor venue: the mapper derives both from their performances.

const SEASON_OF: Readonly<Record<string, string>> = {
  [NANTES]: "saison-grand-quai",
  [RENNES]: "saison-theatre-vilaine",
  [ANGERS]: "saison-la-cale",
  [TOURS]: "saison-chapiteau-du-cher",
};
const DIMANCHES = "dimanches-musicaux";
const FESTIVAL = "festival-embarcaderes";
const TOUR_STOP: Readonly<Record<string, string>> = {
  [NANTES]: "marees-tournee-nantes",
  [ANGERS]: "marees-tournee-angers",
  [TOURS]: "marees-tournee-tours",
  [RENNES]: "marees-tournee-rennes",
};

function seasonOf(venue: string): string {
  const id = SEASON_OF[venue];
  if (id === undefined) throw new Error(`demo season: venue "${venue}" has no season`);
  return id;
}

const season = (venue: string, name: LangMap, where: string): Series => ({
  id: seasonOf(venue),
  kind: "season",
  name,
  description: fr(`La saison ${where}, de septembre à juin, dans le programme commun du Réseau des Scènes de l'Ouest.`),
  startDate: "2026-09-01",
  endDate: "2027-06-30",
  organizers: [org("reseau-scenes")],
  venue,
  url: `${SITE}saison-2026-2027/${seasonOf(venue)}`,
});

const tourStop = (venue: string, city: string): Series => ({
  id: TOUR_STOP[venue]!,
  kind: "tour",
  name: fr(`Marées, tournée 2026-2027 : ${city}`),
  description: fr(`L'étape de ${city} de la tournée de la Compagnie Marée Haute.`),
  organizers: [org("compagnie-maree-haute")],
});

const series: Series[] = [
  season(NANTES, frEn("Saison 2026-2027 du Grand Quai", "Le Grand Quai: 2026–27 season"), "du Grand Quai"),
  season(
    RENNES,
    frEn("Saison 2026-2027 du Théâtre de la Vilaine", "Théâtre de la Vilaine: 2026–27 season"),
    "du Théâtre de la Vilaine",
  ),
  season(ANGERS, frEn("Saison 2026-2027 de La Cale", "La Cale: 2026–27 season"), "de La Cale"),
  season(
    TOURS,
    frEn("Saison 2026-2027 du Chapiteau du Cher", "Le Chapiteau du Cher: 2026–27 season"),
    "du Chapiteau du Cher",
  ),
  {
    id: DIMANCHES,
    kind: "series",
    name: fr("Les Dimanches musicaux"),
    description: fr("Un concert par mois, le dimanche à 17 h, à La Cale."),
    startDate: "2026-09-27",
    endDate: "2027-06-06",
    organizers: [org("reseau-scenes")],
    venue: ANGERS,
    url: `${SITE}dimanches-musicaux`,
  },
  {
    id: FESTIVAL,
    kind: "festival",
    name: frEn("Festival Les Embarcadères", "Les Embarcadères festival"),
    description: frEn(
      "Trois jours de cirque, de danse et de musique au bord de l'estuaire.",
      "Three days of circus, dance and music by the estuary.",
    ),
    startDate: "2027-06-11",
    endDate: "2027-06-13",
    organizers: [org("association-embarcaderes")],
    venue: SAINT_NAZAIRE,
    url: "https://www.festival-embarcaderes.example/",
    images: ["https://www.festival-embarcaderes.example/media/affiche-2027.jpg"],
  },
  tourStop(NANTES, "Nantes"),
  tourStop(ANGERS, "Angers"),
  tourStop(TOURS, "Tours"),
  tourStop(RENNES, "Rennes"),
];

// -------------------------------------------------------------------------------------------- tariffs

interface Tariff {
  /** A price, or a [min, max] range over seat categories. */
  readonly plein: number | readonly [number, number];
  readonly reduit: number | readonly [number, number];
  readonly jeune: number;
  /** When sales open (local time, resolved with the venue's zone). */
  readonly validFrom: string;
}

const OPEN_AUTUMN = "2026-06-20T10:00";
const OPEN_SPRING = "2026-11-14T10:00";

const CATEGORIES: readonly (readonly [string, LangMap, keyof Omit<Tariff, "validFrom">])[] = [
  ["plein", frEn("plein tarif", "full price"), "plein"],
  ["reduit", frEn("tarif réduit", "concession"), "reduit"],
  ["moins-de-26-ans", frEn("moins de 26 ans", "under 26"), "jeune"],
];

function offersFor(perfId: string, t: Tariff, availability: Availability): Offer[] {
  return CATEGORIES.map(([id, category, key]) => {
    const price = t[key];
    const amount = typeof price === "number" ? { price } : { minPrice: price[0], maxPrice: price[1] };
    return {
      id,
      category,
      ...amount,
      priceCurrency: "EUR",
      availability,
      validFrom: t.validFrom,
      url: `${TICKETS}seances/${perfId}`,
    };
  });
}

// ------------------------------------------------------------------------------------------- calendar

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
type Weekday = (typeof WEEKDAYS)[number];

/** Every local date-time from `from` to `to` (inclusive) whose weekday has times in `pattern`. */
function weekly(from: string, to: string, pattern: Partial<Record<Weekday, string | readonly string[]>>): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t);
    const times = pattern[WEEKDAYS[day.getUTCDay()]!];
    if (times === undefined) continue;
    for (const time of typeof times === "string" ? [times] : times)
      out.push(`${day.toISOString().slice(0, 10)}T${time}`);
  }
  return out;
}

/** Explicit dates, each `YYYY-MM-DD HH:MM[,HH:MM…]`. */
function on(...entries: string[]): string[] {
  return entries.flatMap((e) => {
    const [date, times] = e.split(" ") as [string, string];
    return times.split(",").map((time) => `${date}T${time}`);
  });
}

interface Run {
  readonly venue?: string;
  readonly hall?: string;
  readonly dates: readonly string[];
  /** Left out: the price is not known (no offers are published). */
  readonly tariff?: Tariff;
  readonly free?: boolean;
  readonly series?: readonly string[];
  readonly organizers?: readonly AgentRef[];
  /** Doors open this many minutes before the start. */
  readonly doorsBefore?: number;
  readonly online?: boolean;
}

interface Show {
  readonly production: string;
  readonly type: EventType;
  readonly runs: readonly Run[];
  /** Accessibility every performance of the show offers. */
  readonly accessibility?: readonly AccessibilityFeature[];
}

const FESTIVAL_ONLY = [FESTIVAL];
const SUNDAY = [seasonOf(ANGERS), DIMANCHES];
/** A stop of the dance company's tour: in the venue's season and in the tour's series for that stop. */
const touring = (venue: string): string[] => [seasonOf(venue), TOUR_STOP[venue]!];
const BY_FESTIVAL = [org("association-embarcaderes")];

const OPERA: Tariff = { plein: [28, 72], reduit: [22, 58], jeune: 15, validFrom: OPEN_AUTUMN };
const OPERA_SPRING: Tariff = { ...OPERA, validFrom: OPEN_SPRING };
const THEATRE: Tariff = { plein: 26, reduit: 19, jeune: 12, validFrom: OPEN_AUTUMN };
const THEATRE_SPRING: Tariff = { ...THEATRE, validFrom: OPEN_SPRING };
const STUDIO_T: Tariff = { plein: 18, reduit: 13, jeune: 9, validFrom: OPEN_AUTUMN };
const STUDIO_SPRING: Tariff = { ...STUDIO_T, validFrom: OPEN_SPRING };
const FAMILY: Tariff = { plein: 10, reduit: 8, jeune: 6, validFrom: OPEN_AUTUMN };
const FAMILY_SPRING: Tariff = { ...FAMILY, validFrom: OPEN_SPRING };
const CONCERT: Tariff = { plein: 22, reduit: 16, jeune: 10, validFrom: OPEN_AUTUMN };
const CONCERT_SPRING: Tariff = { ...CONCERT, validFrom: OPEN_SPRING };
const SYMPHONIC: Tariff = { plein: [20, 45], reduit: [15, 36], jeune: 10, validFrom: OPEN_AUTUMN };
// One ticketing export gives the opening of sales with its offset already applied.
const CLUB: Tariff = { plein: 15, reduit: 12, jeune: 8, validFrom: "2026-06-20T10:00:00+02:00" };
const CIRCUS: Tariff = { plein: 24, reduit: 18, jeune: 12, validFrom: OPEN_SPRING };
const BALLET: Tariff = { plein: [25, 60], reduit: [20, 48], jeune: 14, validFrom: OPEN_AUTUMN };

const shows: readonly Show[] = [
  {
    production: "traviata",
    type: "MusicEvent",
    accessibility: ["surtitles"],
    runs: [
      {
        venue: NANTES,
        hall: GRANDE_SALLE,
        tariff: OPERA,
        dates: weekly("2026-10-20", "2026-10-29", { tue: "20:00", thu: "20:00", sat: "20:00", sun: "15:00" }),
      },
      { venue: RENNES, tariff: OPERA, dates: on("2026-11-06 20:00", "2026-11-08 15:00") },
    ],
  },
  {
    production: "don-giovanni",
    type: "MusicEvent",
    accessibility: ["surtitles"],
    runs: [
      {
        venue: RENNES,
        tariff: OPERA_SPRING,
        dates: weekly("2027-03-23", "2027-03-30", { tue: "20:00", wed: "20:00", fri: "20:00", sun: "15:00" }),
      },
      { venue: NANTES, hall: GRANDE_SALLE, tariff: OPERA_SPRING, dates: on("2027-04-09 20:00", "2027-04-11 15:00") },
    ],
  },
  {
    production: "misanthrope",
    type: "TheaterEvent",
    runs: [
      {
        venue: NANTES,
        hall: STUDIO,
        tariff: STUDIO_T,
        dates: weekly("2026-09-29", "2026-10-10", {
          tue: "20:00",
          wed: "20:00",
          thu: "19:00",
          fri: "20:00",
          sat: "18:00",
        }),
      },
      { venue: ANGERS, tariff: THEATRE, dates: on("2026-11-13 20:00") },
      // Presented by the partner venue: its prices are not in the export.
      { venue: TOURS, dates: on("2026-11-17 20:00", "2026-11-18 20:00") },
      {
        venue: RENNES,
        tariff: THEATRE_SPRING,
        dates: weekly("2027-05-11", "2027-05-15", {
          tue: "20:00",
          wed: "20:00",
          thu: "19:00",
          fri: "20:00",
          sat: "18:00",
        }),
      },
    ],
  },
  {
    production: "songe",
    type: "TheaterEvent",
    runs: [
      {
        venue: RENNES,
        tariff: THEATRE_SPRING,
        dates: weekly("2027-01-12", "2027-01-23", {
          tue: "20:00",
          wed: "20:00",
          thu: "19:00",
          fri: "20:00",
          sat: "18:00",
        }),
      },
      { venue: TOURS, tariff: THEATRE_SPRING, dates: on("2027-02-05 20:00") },
    ],
  },
  {
    production: "marees",
    type: "DanceEvent",
    runs: [
      {
        venue: NANTES,
        hall: GRANDE_SALLE,
        tariff: THEATRE,
        series: touring(NANTES),
        dates: on("2026-11-18 20:00", "2026-11-19 20:00", "2026-11-20 20:00"),
      },
      { venue: ANGERS, tariff: THEATRE, series: touring(ANGERS), dates: on("2026-12-04 20:30") },
      { venue: TOURS, tariff: THEATRE_SPRING, series: touring(TOURS), dates: on("2027-01-29 20:00") },
      {
        venue: RENNES,
        tariff: THEATRE_SPRING,
        series: touring(RENNES),
        dates: on("2027-02-10 20:00", "2027-02-11 20:00"),
      },
    ],
  },
  {
    production: "casse-noisette",
    type: "DanceEvent",
    runs: [
      {
        venue: NANTES,
        hall: GRANDE_SALLE,
        tariff: BALLET,
        dates: weekly("2026-12-17", "2026-12-23", {
          tue: "20:00",
          wed: "20:00",
          thu: "20:00",
          fri: "20:00",
          sat: ["15:00", "20:00"],
          sun: "15:00",
        }),
      },
    ],
  },
  {
    production: "petit-bois",
    type: "ChildrensEvent",
    runs: [
      { venue: ANGERS, tariff: FAMILY, dates: on("2026-10-14 10:00,15:00") },
      { venue: NANTES, hall: STUDIO, tariff: FAMILY, dates: on("2026-10-21 10:00,15:00", "2026-10-24 11:00,16:00") },
      { venue: RENNES, tariff: FAMILY_SPRING, dates: on("2027-02-17 10:00,15:00") },
      { venue: TOURS, tariff: FAMILY_SPRING, dates: on("2027-05-05 10:00,15:00", "2027-05-08 11:00") },
      { venue: NANTES, hall: STUDIO, tariff: FAMILY_SPRING, dates: on("2027-05-19 10:00,15:00") },
    ],
  },
  {
    production: "lune",
    type: "ChildrensEvent",
    runs: [
      {
        venue: NANTES,
        hall: STUDIO,
        tariff: FAMILY,
        dates: on("2026-12-09 15:00", "2026-12-12 11:00,16:00", "2026-12-16 15:00"),
      },
      { venue: RENNES, tariff: FAMILY_SPRING, dates: on("2027-03-03 15:00", "2027-03-06 16:00") },
      { venue: ANGERS, tariff: FAMILY_SPRING, dates: on("2027-04-21 10:00,15:00") },
    ],
  },
  {
    production: "beethoven-7",
    type: "MusicEvent",
    runs: [
      { venue: NANTES, hall: GRANDE_SALLE, tariff: SYMPHONIC, dates: on("2026-10-02 20:00") },
      { venue: RENNES, tariff: SYMPHONIC, dates: on("2026-10-03 20:00") },
      { venue: ANGERS, tariff: CONCERT, series: SUNDAY, doorsBefore: 30, dates: on("2026-10-04 17:00") },
      { venue: ANGERS, tariff: CONCERT_SPRING, series: SUNDAY, doorsBefore: 30, dates: on("2027-06-06 17:00") },
    ],
  },
  {
    production: "quatuors-mozart",
    type: "MusicEvent",
    runs: [
      { venue: NANTES, hall: STUDIO, tariff: CONCERT, dates: on("2026-11-14 20:00") },
      { venue: ANGERS, tariff: CONCERT, series: SUNDAY, doorsBefore: 30, dates: on("2026-11-15 17:00") },
      { venue: TOURS, tariff: CONCERT_SPRING, dates: on("2027-01-16 20:00") },
      { venue: ANGERS, tariff: CONCERT_SPRING, series: SUNDAY, doorsBefore: 30, dates: on("2027-01-17 17:00") },
    ],
  },
  {
    production: "vepres",
    type: "MusicEvent",
    accessibility: ["surtitles"],
    runs: [
      { venue: RENNES, tariff: CONCERT, dates: on("2026-12-12 20:00") },
      { venue: ANGERS, tariff: CONCERT, series: SUNDAY, doorsBefore: 30, dates: on("2026-12-13 17:00") },
      { venue: ANGERS, tariff: CONCERT_SPRING, series: SUNDAY, doorsBefore: 30, dates: on("2027-03-14 17:00") },
    ],
  },
  {
    production: "nuits-bleues",
    type: "MusicEvent",
    runs: [
      { venue: ANGERS, tariff: CLUB, doorsBefore: 30, dates: on("2026-11-27 21:00", "2026-11-28 21:00") },
      {
        venue: ANGERS,
        tariff: CONCERT_SPRING,
        series: SUNDAY,
        doorsBefore: 30,
        dates: on("2027-02-14 17:00", "2027-05-16 17:00"),
      },
      { venue: TOURS, tariff: CONCERT_SPRING, dates: on("2027-03-12 20:30") },
      // Festival prices are sold as passes, not in this export.
      { venue: SAINT_NAZAIRE, series: FESTIVAL_ONLY, organizers: BY_FESTIVAL, dates: on("2027-06-12 22:00") },
    ],
  },
  {
    production: "vertiges",
    type: "Event",
    runs: [
      {
        venue: TOURS,
        tariff: CIRCUS,
        dates: weekly("2027-04-02", "2027-04-18", {
          wed: "15:00",
          fri: "20:00",
          sat: ["15:00", "20:00"],
          sun: "15:00",
        }),
      },
    ],
  },
  {
    production: "fil-ariane",
    type: "Event",
    runs: [
      {
        venue: SAINT_NAZAIRE,
        free: true,
        series: FESTIVAL_ONLY,
        organizers: BY_FESTIVAL,
        dates: on("2027-06-11 19:00", "2027-06-12 16:00,19:00", "2027-06-13 16:00"),
      },
    ],
  },
  {
    production: "chansons-loire",
    type: "MusicEvent",
    runs: [
      { venue: NANTES, hall: STUDIO, tariff: CONCERT, dates: on("2026-09-18 20:30", "2026-09-19 20:30") },
      { venue: ANGERS, tariff: CONCERT, series: SUNDAY, doorsBefore: 30, dates: on("2026-09-27 17:00") },
      { venue: RENNES, tariff: CONCERT_SPRING, dates: on("2027-05-21 20:00") },
      { venue: SAINT_NAZAIRE, series: FESTIVAL_ONLY, organizers: BY_FESTIVAL, dates: on("2027-06-13 18:00") },
    ],
  },
  {
    production: "slam",
    type: "LiteraryEvent",
    runs: [
      { venue: RENNES, free: true, dates: on("2026-11-25 19:00", "2027-01-27 19:00") },
      {
        venue: ANGERS,
        tariff: { plein: 8, reduit: 6, jeune: 5, validFrom: OPEN_SPRING },
        dates: on("2027-03-10 19:30"),
      },
      { venue: NANTES, hall: STUDIO, free: true, dates: on("2027-05-26 19:00") },
    ],
  },
  {
    production: "tout-va-bien",
    type: "ComedyEvent",
    runs: [
      { venue: TOURS, tariff: THEATRE, dates: on("2026-10-09 20:30", "2026-10-10 20:30") },
      { venue: NANTES, hall: GRANDE_SALLE, tariff: THEATRE_SPRING, dates: on("2027-02-19 20:30", "2027-02-20 20:30") },
      { venue: ANGERS, tariff: THEATRE_SPRING, dates: on("2027-05-28 20:30", "2027-05-29 20:30") },
    ],
  },
  {
    production: "illusionniste",
    type: "Event",
    runs: [
      {
        venue: RENNES,
        tariff: FAMILY,
        dates: on("2026-12-26 15:00,20:00", "2026-12-27 15:00", "2026-12-29 15:00", "2026-12-30 15:00"),
      },
    ],
  },
  {
    production: "nuit-electro",
    type: "MusicEvent",
    runs: [
      // The second night spans the change to summer time (2027-03-28, 02:00 → 03:00).
      { venue: ANGERS, tariff: CLUB, dates: on("2026-10-31 22:00", "2027-03-27 22:00") },
      { venue: SAINT_NAZAIRE, series: FESTIVAL_ONLY, organizers: BY_FESTIVAL, dates: on("2027-06-12 23:00") },
    ],
  },
  {
    production: "cabaret-ondes",
    type: "TheaterEvent",
    runs: [
      {
        venue: NANTES,
        hall: GRANDE_SALLE,
        tariff: THEATRE_SPRING,
        dates: weekly("2027-01-07", "2027-01-17", {
          thu: "20:00",
          fri: "20:00",
          sat: ["15:00", "20:00"],
          sun: "15:00",
        }),
      },
      { venue: TOURS, tariff: THEATRE_SPRING, dates: on("2027-05-14 20:30", "2027-05-15 20:30") },
    ],
  },
  {
    production: "bitume",
    type: "DanceEvent",
    runs: [
      { venue: RENNES, tariff: STUDIO_T, dates: on("2026-09-24 20:00", "2026-09-25 20:00") },
      { venue: TOURS, tariff: STUDIO_SPRING, dates: on("2027-03-19 20:00") },
      { venue: ANGERS, tariff: STUDIO_SPRING, dates: on("2027-04-24 20:30") },
      {
        venue: SAINT_NAZAIRE,
        series: FESTIVAL_ONLY,
        organizers: BY_FESTIVAL,
        dates: on("2027-06-11 21:00", "2027-06-12 18:00"),
      },
    ],
  },
  {
    production: "voix-sahel",
    type: "MusicEvent",
    runs: [
      { venue: NANTES, hall: GRANDE_SALLE, tariff: CONCERT_SPRING, dates: on("2027-04-16 20:30") },
      { venue: RENNES, tariff: CONCERT_SPRING, dates: on("2027-04-17 20:30") },
      { venue: ANGERS, tariff: CONCERT_SPRING, series: SUNDAY, doorsBefore: 30, dates: on("2027-04-18 17:00") },
      { venue: SAINT_NAZAIRE, series: FESTIVAL_ONLY, organizers: BY_FESTIVAL, dates: on("2027-06-13 20:00") },
    ],
  },
  {
    production: "lettres-sevigne",
    type: "LiteraryEvent",
    runs: [
      { venue: NANTES, hall: STUDIO, tariff: STUDIO_SPRING, dates: on("2027-02-02 19:00", "2027-02-03 19:00") },
      { venue: RENNES, tariff: STUDIO_SPRING, dates: on("2027-03-16 19:00") },
      // A streamed reading with no price given, from the Grand Quai's season.
      { online: true, series: [seasonOf(NANTES)], dates: on("2027-03-18 19:00") },
    ],
  },
  {
    production: "rencontre-traviata",
    type: "EducationEvent",
    // Online talks before the premiere at the Grand Quai, in its season.
    runs: [{ online: true, free: true, series: [seasonOf(NANTES)], dates: on("2026-10-14 18:30", "2026-10-19 18:30") }],
  },
];

// ------------------------------------------------------------------------------- performances, then changes

/** `20:00` minus `minutes`, on the same day (shows start well after midnight). */
function before(localDateTime: string, minutes: number): string {
  const [date, time] = localDateTime.split("T") as [string, string];
  const [h, m] = time.split(":").map(Number) as [number, number];
  const total = h * 60 + m - minutes;
  return `${date}T${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

function expand(show: Show): Draft[] {
  const out: Draft[] = [];
  for (const run of show.runs) {
    for (const startDate of run.dates) {
      const id = `${show.production}-${String(out.length + 1).padStart(2, "0")}`;
      const p: Draft = { id, production: show.production, type: show.type, startDate };
      if (run.online) {
        p.attendanceMode = "online";
        p.onlineUrl = `${LIVE}${id}`;
        p.timeZone = ZONE;
      } else {
        if (run.venue === undefined)
          throw new Error(`demo season: run of ${show.production} has neither venue nor online`);
        p.venue = run.venue;
        if (run.hall !== undefined) p.hall = run.hall;
      }
      if (run.doorsBefore !== undefined) p.doorTime = before(startDate, run.doorsBefore);
      if (run.free) p.free = true;
      if (run.tariff) {
        // The ticketing system states the status of what it sells; other runs leave it unknown.
        p.status = { kind: "scheduled" };
        p.offers = offersFor(id, run.tariff, "InStock");
      }
      p.organizers = [...(run.organizers ?? [org("reseau-scenes")])];
      if (show.accessibility) p.accessibility = [...show.accessibility];
      if (run.series === undefined && run.venue === undefined)
        throw new Error(`demo season: online run of ${show.production} names no series`);
      p.series = [...(run.series ?? [seasonOf(run.venue!)])];
      p.url = `${SITE}agenda/${id}`;
      out.push(p);
    }
  }
  return out;
}

const drafts = new Map<string, Draft>(shows.flatMap(expand).map((p) => [p.id, p]));

function edit(id: string, change: (p: Draft) => void): void {
  const p = drafts.get(id);
  if (p === undefined) throw new Error(`demo season: no performance "${id}" to edit`);
  change(p);
}
const cancel = (id: string, reason: LangMap) =>
  edit(id, (p) => {
    p.status = { kind: "cancelled", reason };
  });
const postpone = (id: string, reason: LangMap) =>
  edit(id, (p) => {
    p.status = { kind: "postponed", reason };
  });
const reschedule = (id: string, startDate: string, reason: LangMap) =>
  edit(id, (p) => {
    p.status = { kind: "rescheduled", previousStartDate: p.startDate, reason };
    if (p.doorTime !== undefined) p.doorTime = before(startDate, 30);
    p.startDate = startDate;
  });
const moveOnline = (id: string, reason: LangMap) =>
  edit(id, (p) => {
    p.status = { kind: "movedOnline", reason };
    p.attendanceMode = "online";
    p.onlineUrl = `${LIVE}${id}`;
    p.timeZone = ZONE;
    delete p.venue;
    delete p.hall;
    delete p.doorTime;
    delete p.offers;
  });
const stream = (id: string) =>
  edit(id, (p) => {
    p.attendanceMode = "mixed";
    p.onlineUrl = `${LIVE}${id}`;
  });
const setAvailability = (availability: Availability, ...ids: string[]) =>
  ids.forEach((id) =>
    edit(id, (p) => {
      p.offers = p.offers?.map((o) => ({ ...o, availability }));
    }),
  );
const offer = (feature: AccessibilityFeature, ...ids: string[]) =>
  ids.forEach((id) =>
    edit(id, (p) => {
      p.accessibility = [...(p.accessibility ?? []), feature];
    }),
  );
const surtitle = (languages: string[], ...ids: string[]) =>
  ids.forEach((id) =>
    edit(id, (p) => {
      p.surtitles = languages;
      p.accessibility = [...(p.accessibility ?? []), "surtitles"];
    }),
  );

cancel("misanthrope-04", frEn("Annulée pour raison de santé d'un comédien.", "Cancelled: a cast member is ill."));
cancel("vertiges-06", fr("Annulée : alerte tempête, le chapiteau est fermé."));
cancel("nuits-bleues-02", fr("Annulée par l'artiste."));
cancel("slam-02", fr("Annulée faute de salle disponible."));
postpone("songe-11", fr("Reportée : travaux dans la salle. Nouvelle date à venir."));
postpone("cabaret-ondes-12", fr("Reportée à la saison prochaine."));
// Both of these move across a change of UTC offset (summer time ends on 2026-10-25).
reschedule("tout-va-bien-01", "2026-11-06T20:30", frEn("Reportée au 6 novembre.", "Moved to 6 November."));
reschedule("marees-04", "2027-01-08T20:30", fr("Reportée au 8 janvier, à la demande de la compagnie."));
reschedule("illusionniste-05", "2027-01-02T15:00", fr("Déplacée au 2 janvier."));
moveOnline("lettres-sevigne-03", fr("Diffusée en ligne uniquement : la salle est indisponible."));
moveOnline("quatuors-mozart-03", fr("Concert diffusé en ligne, le public ne pouvant se déplacer (neige)."));
stream("traviata-01");
stream("don-giovanni-01");
setAvailability(
  "SoldOut",
  "traviata-03",
  "traviata-04",
  "casse-noisette-04",
  "casse-noisette-05",
  "casse-noisette-06",
  "tout-va-bien-03",
  "cabaret-ondes-04",
  "vertiges-03",
);
setAvailability("LimitedAvailability", "traviata-05", "casse-noisette-07", "cabaret-ondes-05");
offer("signLanguage", "misanthrope-07", "lune-03", "tout-va-bien-04", "slam-04", "lettres-sevigne-02");
offer("audioDescription", "traviata-05", "misanthrope-09", "casse-noisette-07", "songe-06", "cabaret-ondes-06");
offer("relaxedPerformance", "petit-bois-02", "petit-bois-09", "marees-03", "cabaret-ondes-09");
surtitle(["en"], "songe-03", "songe-08", "misanthrope-16");
// A second cast sings Violetta in Rennes.
for (const id of ["traviata-07", "traviata-08"]) {
  edit(id, (p) => {
    p.performers = [
      as("marion-lefevre", "soprano", "Violetta Valéry"),
      as("julien-mercadier", "ténor", "Alfredo Germont"),
      as("paul-henri-leduc", "baryton", "Giorgio Germont"),
    ];
  });
}
edit("traviata-01", (p) => {
  p.name = frEn("La traviata, première", "La traviata, opening night");
  p.description = frEn("Soirée de première, retransmise en direct.", "Opening night, streamed live.");
});
edit("casse-noisette-04", (p) => {
  p.name = fr("Casse-Noisette, soirée du samedi");
});
edit("nuit-electro-02", (p) => {
  p.endDate = "2027-03-28T04:00";
});
edit("nuit-electro-01", (p) => {
  p.endDate = "2026-11-01T04:00";
});

// ------------------------------------------------------------------------------------------ the document

export function buildDemoSeason(): RecordDocument {
  const performances = [...drafts.values()]
    .map((p): Performance => structuredClone(p))
    .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.id < b.id ? -1 : 1));
  return structuredClone({
    publisher: {
      id: "reseau-scenes",
      name: frEn("Réseau des Scènes de l'Ouest", "Western Stages Network"),
      baseIri: "https://data.reseau-scenes.example/",
      licence: "etalab-2.0",
      url: SITE,
    },
    venues,
    organizations,
    people,
    works,
    productions,
    series,
    performances,
  });
}
