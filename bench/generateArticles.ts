/**
 * Invented articles in Broadsheet's format, for when the real news corpus (../shared) is absent.
 * Everything comes from a seeded PRNG, so a given seed and count always give the same files.
 *
 * Words follow a Zipf law over an open vocabulary: a few hundred real English words carry most
 * of the text, and beyond them invented words grow rarer without end, so, as in real news, the
 * number of distinct words keeps growing with the corpus and any size has words of every rarity.
 */

export type Rng = () => number;

/** sfc32: small, fast, and good enough that word frequencies come out as designed. */
export function createRng(seed: number): Rng {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Real words, roughly most frequent first: the head of the Zipf curve. */
const COMMON = `the of and to in a that is was for on with said as by at from it his be has are have an
not but they were which had this its their who been will would more after also about than over one two
into new year up when out there first last could other people government all some against may three
officials president minister people country state company percent million week told since before
while where during between under years state national police because our can what we she her them
only most such back made while including down any those now like just still next group well city
united month report market prices billion support talks deal plan court security military forces
economic political public local workers bank oil trade party leader foreign health election news
spokesman statement agency official members region border war attack troops killed capital water
power energy sales shares investors profit quarter growth rates interest inflation budget tax law
parliament council committee prime opposition ministry union european chinese russian
american british french german japanese indian african international global financial business
industry production exports imports demand supply crisis policy reform decision vote campaign
officials hospital school students children women families residents farmers villages town streets
north south east west central northern southern western eastern coast river mountain island province
district capital airport port bridge road railway station building tower factory plant mine field
weather storm flood drought fire earthquake rain snow temperatures season harvest crop wheat rice
coffee sugar cotton gold copper steel coal gas fuel electricity prices rose fell rise fall higher lower
increase decrease strong weak record early late later earlier recent current former future major
small large big high low long short full half several many few each every both either neither
however although though despite because unless until whether already again never always often
sometimes usually recently finally quickly slowly nearly almost about around across along behind
beyond inside outside through throughout toward towards upon within without according expected
announced agreed rejected denied confirmed warned called asked urged promised planned reported
claimed accused arrested charged released signed launched opened closed ended started continued
raised cut reduced approved blocked backed joined left won lost held met visited returned moved
faces seeks wants needs holds makes takes gives shows says keeps brings sees finds calls leads
investigation inquiry evidence trial judge lawyers prosecutors ruling appeal sentence prison
ceasefire negotiations agreement treaty sanctions aid refugees protest protesters demonstration
violence fighting bombing strike strikes shelling rebels militants soldiers army navy missile
technology internet software phones computers data network users online digital research scientists
study researchers university medicine vaccine virus disease patients doctors treatment care
football match season team players coach league cup final championship victory defeat goals
festival music film theatre artist gallery museum book author novel exhibition audience stage`
  .split(/\s+/u)
  .filter((w, i, all) => /^[a-z]+$/u.test(w) && all.indexOf(w) === i);

const CITIES = ["Moscow", "Tokyo", "London", "Paris", "Berlin", "Washington", "Beijing", "Cairo", "Nairobi", "Lagos", "Delhi", "Mumbai", "Sydney", "Toronto", "Brussels", "Geneva", "Istanbul", "Damascus", "Beirut", "Tehran", "Kabul", "Karachi", "Jakarta", "Manila", "Seoul", "Bangkok", "Hanoi", "Madrid", "Rome", "Athens", "Warsaw", "Kyiv", "Stockholm", "Oslo", "Dublin", "Lisbon", "Mexico City", "Bogota", "Lima", "Santiago", "Buenos Aires", "Sao Paulo", "Johannesburg", "Addis Ababa", "Dakar", "Riyadh", "Dubai", "Baghdad", "Amman", "Jerusalem"];

export const SECTIONS = ["SYRIAN CONFLICT", "EARNINGS", "POLITICS", "WORLD NEWS", "BUSINESS", "MARKETS", "TECHNOLOGY", "SCIENCE", "HEALTH", "ENVIRONMENT", "SPORT", "CULTURE"];
/** Sections differ in size, as desks do: the busiest files many times the quietest. */
const SECTION_WEIGHTS = [4, 10, 9, 12, 8, 7, 5, 3, 4, 3, 6, 2];

const SOURCES: readonly (readonly [string, number])[] = [["Reuters", 45], ["Bloomberg", 25], ["AFP", 20], ["Reuters, AFP", 10]];
export const BOILERPLATE = "Please login or register to comment.";

/** Invented words: each rank beyond COMMON spells a distinct word from consonant-vowel syllables. */
const CONSONANTS = "bcdfghklmnprstvz";
const VOWELS = "aeiou";
const ENDINGS = ["", "n", "r", "s", "l", "t", "nd", "x"];

function inventedWord(rank: number): string {
  // Fixed-width syllables make the spelling a bijection of the rank; the ending only decorates it.
  let n = rank;
  let word = "";
  do {
    const syllable = n % 80;
    word += CONSONANTS[syllable % 16]! + VOWELS[Math.floor(syllable / 16)]!;
    n = Math.floor(n / 80);
  } while (n > 0 || word.length < 4);
  return word + ENDINGS[rank % ENDINGS.length]!;
}

const wordCache = new Map<number, string>();

export function wordOfRank(rank: number): string {
  if (rank < COMMON.length) return COMMON[rank]!;
  let word = wordCache.get(rank);
  if (word === undefined) {
    word = inventedWord(rank - COMMON.length);
    wordCache.set(rank, word);
  }
  return word;
}

/**
 * Two Zipf laws: one over the real words (the head: about 60% of running text, as the commonest
 * few hundred words are in English), one over the invented words (the tail). One law for both puts
 * a third of the text on `the`, or makes the vocabulary far larger than real news has.
 */
const HEAD_SHARE = 0.6;
const HEAD_S = 1.05;
export const TAIL = { s: 1.9, from: 300, max: 1_000_000 };

/** A rank in [lo, hi) from a bounded continuous Zipf law of exponent s, by inverting its distribution. */
function zipf(rng: Rng, s: number, lo: number, hi: number): number {
  const k = 1 - s;
  const a = lo ** k;
  const b = hi ** k;
  return Math.min(hi - 1, Math.floor((a + rng() * (b - a)) ** (1 / k)));
}

/** `skipHead` leaves out the commonest words (`the`, `of`), for headlines. */
function wordRank(rng: Rng, skipHead = 0): number {
  if (rng() < HEAD_SHARE) return zipf(rng, HEAD_S, 1 + skipHead, COMMON.length + 1) - 1;
  return COMMON.length + zipf(rng, TAIL.s, TAIL.from, TAIL.max) - TAIL.from;
}

function words(rng: Rng, count: number, skipHead = 0): string[] {
  return Array.from({ length: count }, () => wordOfRank(wordRank(rng, skipHead)));
}

function sentence(rng: Rng): string {
  const w = words(rng, int(rng, 8, 20));
  if (w.length > 10 && rng() < 0.4) w[int(rng, 3, w.length - 4)] += ",";
  if (rng() < 0.15) w.splice(int(rng, 1, w.length - 1), 0, String(int(rng, 2, 990)));
  if (rng() < 0.1) w.splice(int(rng, 1, w.length - 1), 0, pick(rng, CITIES));
  return `${capitalise(w.join(" "))}.`;
}

function paragraph(rng: Rng): string {
  const target = int(rng, 20, 60);
  const out: string[] = [];
  let n = 0;
  while (n < target - 4) {
    const s = sentence(rng);
    out.push(s);
    n += s.split(" ").length;
  }
  return out.join(" ");
}

/** Content words only (no `the`, `of`): headlines are what readers search for. */
const headline = (rng: Rng): string => capitalise(words(rng, int(rng, 5, 11), 40).join(" "));
const crosshead = (rng: Rng): string => capitalise(words(rng, int(rng, 2, 4), 60).join(" "));

function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  let r = rng() * items.reduce((sum, [, w]) => sum + w, 0);
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1]![0];
}

const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2000, 0, 1) / DAY;
const LAST_DAY = Date.UTC(2024, 11, 31) / DAY;

export const isoDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

export interface GeneratedArticle {
  readonly text: string;
  readonly date: string;
  readonly section: string;
  readonly headline: string;
}

export interface ArticleOptions {
  readonly date?: string;
  readonly section?: string;
}

/** One article, shaped like the wire's: header, headline, usually a standfirst, dateline, body, source. */
export function generateArticle(rng: Rng, options: ArticleOptions = {}): GeneratedArticle {
  const date = options.date ?? isoDay(int(rng, FIRST_DAY, LAST_DAY));
  const section = options.section ?? weighted(rng, SECTIONS.map((s, i) => [s, SECTION_WEIGHTS[i]!] as const));
  const title = headline(rng);
  const lines = [`${rng() < 0.5 ? " " : ""}date ${date} ${section}`, title];
  if (rng() < 0.8) lines.push(sentence(rng).replace(/\.$/u, ""));
  const paragraphs = int(rng, 5, 20);
  for (let i = 0; i < paragraphs; i++) {
    if (i > 1 && i < paragraphs - 1 && rng() < 0.06) lines.push(crosshead(rng));
    lines.push(i === 0 ? `${pick(rng, CITIES)} — ${paragraph(rng)}` : paragraph(rng));
  }
  lines.push(weighted(rng, SOURCES));
  if (rng() < 0.4) lines.push(BOILERPLATE);
  // Some wires separate paragraphs by blank lines: the format allows both.
  const text = lines.join(rng() < 0.3 ? "\n\n" : "\n") + "\n";
  return { text, date, section, headline: title };
}
