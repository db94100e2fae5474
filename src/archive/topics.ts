/**
 * Topics: the people, places and organisations the archive names, found by weighing every
 * article's mentions (src/article/mentions.ts) together. One article's text rarely says what a
 * name is; the archive's does: "Rex Tillerson" follows a title somewhere, "Texaco" carries "Inc"
 * somewhere, Moscow is in the gazetteer. A name whose kind nothing shows is left out, and so is a
 * name fewer than `minArticles` articles give: precision before recall (README, "Topics").
 */
import { eachMention, type EncodedMentions } from "../article/mentions.js";
import { FOREIGN_CAPITALS, FULL_GIVEN_NAME, GIVEN_NAMES, INITIALS, KNOWN_ORGANISATIONS, LEGAL_SUFFIXES, NAME_PARTICLES, NOT_IN_PERSONS_NAMES, NOT_NAMES, ORGANISATION_ENDS, PLACES, TITLE_HEADS, TITLE_MODIFIERS, TRADES, isCommonWord, isNationality, nameKey, usStateKey } from "../article/lexicon.js";
import { datelinePlace } from "../article/dateline.js";
import type { IsoDate } from "../article/types.js";
import type { Article } from "./article.js";
import { teaser, type Teaser } from "./articlePages.js";
import { paginate, type ListingPage } from "./paginate.js";
import { slug } from "../slug.js";
import { filterOf, formatMatch, SURNAME_ALONE, surnameOf, type TopicMatch } from "../search/topicFilter.js";

export type TopicKind = "person" | "place" | "organisation";

/**
 * Articles that must name a topic, by default: on the 19,043 Reuters stories, names given by one
 * or two articles were mostly fragments and misreadings; see the README for the measurement.
 */
export const DEFAULT_TOPIC_MIN_ARTICLES = 3;

/** The kinds in the order pages list them. */
export const TOPIC_KINDS: readonly TopicKind[] = ["person", "organisation", "place"];

export interface TopicLink {
  readonly name: string;
  readonly kind: TopicKind;
  readonly url: string;
}

export interface Topic<A = Article> extends TopicLink {
  readonly slug: string;
  /** Other names its stories write it by, most written first: "James Wright" for Jim Wright. */
  readonly aliases: readonly string[];
  /** Articles naming it, newest first. */
  readonly articles: readonly A[];
  /** How the search index finds exactly these articles (src/search/topicFilter.ts). */
  readonly match: TopicMatch;
}

export interface TopicIndex<A = Article> {
  /** Largest first, ties by name. */
  readonly topics: readonly Topic<A>[];
  /** Each article's topics (by URL), most named first. */
  readonly ofArticle: ReadonlyMap<string, readonly ArticleTopic[]>;
}

/** What topics are found from: an article's names, its dateline and its credits. */
export type TopicInput = Pick<Article, "url" | "dateline" | "sources" | "mentions">;

/** A topic as one article names it. */
export interface ArticleTopic {
  readonly topic: TopicLink;
  /** Times the article names it. */
  readonly count: number;
  /** Named in the headline or standfirst: what the article is about, not only what it mentions. */
  readonly lead: boolean;
}

export const topicUrl = (slugText: string): string => `/topic/${slugText}/`;

/** What the archive as a whole says of one name. */
interface Weighed {
  readonly key: string;
  /** Written forms, and how many articles wrote each: "U.S.", "US", "United States". */
  readonly forms: Map<string, number>;
  articles: number;
  mentions: number;
  personCues: number;
  saidCues: number;
  organisationCues: number;
  afterThe: number;
  /** Articles that give it a person's cue (a title), and those that give it a firm's mark. */
  personArticles: number;
  organisationArticles: number;
}

/** A mention's key once known names are put in their one form: "US", "U.S." → "united states". */
interface Canonical {
  readonly key: string;
  readonly known: string | null;
  readonly kind: TopicKind | null;
}

/**
 * Canonical forms by name as written, for the life of the process: at 100,000 articles the
 * archive holds 600,000 mentions of some 200,000 names, and the key is a function of the name.
 */
const canonicalForms = new Map<string, Canonical>();

function canonical(name: string): Canonical {
  let found = canonicalForms.get(name);
  if (found === undefined) canonicalForms.set(name, (found = canonicalForm(name)));
  return found;
}

function canonicalForm(name: string): Canonical {
  const key = federalBody(nameKey(name));
  const place = PLACES.get(key);
  if (place !== undefined) return { key: nameKey(place), known: place, kind: "place" };
  const organisation = KNOWN_ORGANISATIONS.get(key);
  if (organisation !== undefined) return { key: nameKey(organisation), known: organisation, kind: "organisation" };
  // One body under both spellings: "International Coffee Organisation" and "… Organization".
  // One person under both forms of a given name: "Jim Wright" and "James Wright".
  return { key: fullGivenName(key.replace(/\borganisation\b/gu, "organization")), known: null, kind: null };
}

/** The last words of the United States' federal bodies, which the wire names with "U.S." and without. */
const FEDERAL_BODY_ENDS = new Set("department commission treasury service agency committee board administration office bureau reserve court senate".split(" "));

/**
 * One federal body with "U.S." or without: "U.S. Commerce Department" and "Commerce Department",
 * "U.S. Department of Commerce"; "U.S. Securities and Exchange Commission" and the SEC's full
 * name. Made a topic each, they split the body's stories between them.
 */
function federalBody(key: string): string {
  const us = key.startsWith("us ") ? key.slice(3) : key;
  const subject = us.startsWith("department of ") ? us.slice("department of ".length) : null;
  if (subject === null && (us === key || !FEDERAL_BODY_ENDS.has(us.slice(us.lastIndexOf(" ") + 1)))) return key;
  // "Department of Agriculture" as the wire writes it more often: "Agriculture Department".
  const body = subject !== null && subject.split(" ").every((word) => US_DEPARTMENTS.has(word)) ? `${subject} department` : us;
  // "U.S. Supreme Court", "U.S. Customs Service": without "U.S." any country's.
  return KNOWN_ORGANISATIONS.has(body) || !namesNoOne(body.split(" ")) ? body : key;
}

/** A person's key with the given name written in full ("bob dole" → "robert dole"); any other key as it is. */
function fullGivenName(key: string): string {
  const space = key.indexOf(" ");
  const full = space > 0 ? FULL_GIVEN_NAME.get(key.slice(0, space)) : undefined;
  if (full === undefined) return key;
  const rest = key.slice(space + 1).split(" ");
  if (rest.length > 2 || rest.some((w) => ORGANISATION_ENDS.has(w) || LEGAL_SUFFIXES.has(w) || TRADES.has(w))) return key;
  return `${full} ${rest.join(" ")}`;
}

/** A person's name: two to four words, each a capitalised word or a particle ("al-Assad", "bin"). */
const PERSON_NAME = /^(?:\p{Lu}[\p{L}\p{M}'’.-]*|(?:al|el|bin|ibn|abu|abd|de|da|van|von|der|del|di|du|le|la)(?:-\p{Lu}[\p{L}\p{M}'’-]*)?)(?: (?:\p{Lu}[\p{L}\p{M}'’.-]*|(?:al|el|bin|ibn|abu|abd|de|da|van|von|der|del|di|du|le|la)(?:-\p{Lu}[\p{L}\p{M}'’-]*)?)){1,3}$/u;

/**
 * The name to show: the written form most articles use, but a known name's own where some article
 * writes it or the form is only its initials ("United States" for "U.S.", "US" and "United
 * States"). An archive of 1987 says "Zaire" and "Burma": the gazetteer's "Democratic Republic of
 * the Congo" and "Myanmar" are names none of its stories gives.
 */
function shownName(forms: ReadonlyMap<string, number>): string {
  const written = displayName(forms);
  const known = canonical(written).known;
  if (known === null || /^(?:\p{Lu}\.?)+$/u.test(written)) return known ?? written;
  const key = nameKey(known);
  for (const form of forms.keys()) if (nameKey(form) === key) return known;
  return written;
}

/** Names a topic is written by besides the one shown, most written first: three at most, no headline's capitals. */
const ALIASES = 3;

function aliasesOf(name: string, forms: ReadonlyMap<string, number>): string[] {
  const shown = nameKey(name);
  const seen = new Set([shown]);
  const others: [string, number][] = [];
  for (const [form, n] of forms) {
    const key = nameKey(form);
    // A headline's capitals ("JAMES WRIGHT") are a name shouted; initials ("U.S.", "OPEC") are a name.
    if (seen.has(key) || (form.includes(" ") && form === form.toUpperCase())) continue;
    seen.add(key);
    others.push([form, n]);
  }
  return others
    .sort(([a, an], [b, bn]) => bn - an || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, ALIASES)
    .map(([form]) => form);
}

/** The written form to show: the one most articles used, mixed case before capitals. */
function displayName(forms: ReadonlyMap<string, number>): string {
  let best = "";
  let bestScore = -1;
  for (const [form, n] of forms) {
    const score = n * 2 + (form === form.toUpperCase() ? 0 : 1);
    if (score > bestScore || (score === bestScore && form < best)) {
      best = form;
      bestScore = score;
    }
  }
  return best;
}

/** Words before a trade in a firm's name: "General", "American", "Pacific", "United". */
const FIRM_ADJECTIVES = new Set("general american british national international united pacific atlantic western eastern northern southern central federal continental standard and of".split(" "));
/** A firm named by adjectives, places and trades alone, ending in a trade. */
const namedByTrade = (words: readonly string[]): boolean =>
  words.length > 1 && TRADES.has(words.at(-1)!) && words.every((word) => FIRM_ADJECTIVES.has(word) || TRADES.has(word) || PLACES.has(word) || isNationality(word));

/** Words that make a body the world's, or a continent's, one of its kind. */
const WORLDWIDE = new Set(["international", "world", "inter-american", "intergovernmental"]);
/** A body of the world named by its scope, its field and an organisation's word: "International Energy Agency". */
const worldwide = (words: readonly string[]): boolean => words.length >= 3 && WORLDWIDE.has(words[0]!) && ORGANISATION_ENDS.has(words.at(-1)!);

const DEPARTMENTS = new Set(["department", "ministry"]);
/** The subjects of the United States' executive departments, as the wire names them. */
const US_DEPARTMENTS = new Set("state treasury defense justice interior agriculture commerce labor health human services housing urban development transportation energy education veterans affairs and".split(" "));

/**
 * Bodies named by their kind alone, one in every district, city, country or US state: a name is
 * one when all its words are a kind's and its head is among them.
 */
const NAMED_BY_KIND: readonly { readonly heads: readonly string[]; readonly words: ReadonlySet<string> }[] = [
  // A court's kinds and levels: "U.S. District Court", "U.S. Court of Appeals" are the courts of
  // some hundred districts and a dozen circuits.
  { heads: ["court"], words: new Set("court courts of the us federal state district bankruptcy appeals appeal appellate circuit superior county municipal tax".split(" ")) },
  // A chamber's trades: "Chamber of Commerce" in Vienna, San Francisco and Dhaka; "American
  // Chamber of Commerce", each country's chamber of American firms, in The Hague and Hong Kong.
  { heads: ["chamber", "chambers"], words: new Set("chamber chambers of the commerce and industry trade mines american".split(" ")) },
  // A US state's regulator of its utilities: "Public Service Commission" of Michigan, New York and Georgia.
  { heads: ["commission"], words: new Set("public service utilities utility commission".split(" ")) },
];
const namedByKindAlone = (words: readonly string[]): boolean => NAMED_BY_KIND.some((kind) => kind.heads.some((head) => words.includes(head)) && words.every((word) => kind.words.has(word)));

/** What a commodity's oil is pressed or refined from, or what it is for. */
const OIL_SOURCES = new Set("soybean soya palm cottonseed sunflower sunflowerseed rapeseed coconut corn peanut groundnut olive linseed castor fish tung safflower vegetable crude fuel heating gas".split(" "));
/** A commodity's oil: "Soybean Oil" and "Heating Oil" in a table of prices are goods, where "Shell Oil" is a firm. */
const commodityOil = (words: readonly string[]): boolean => words.length === 2 && words[1] === "oil" && OIL_SOURCES.has(words[0]!);

/** Whether a name's words (keyed) are of a kind every country or firm has, and so name no one body. */
function namesNoOne(words: readonly string[]): boolean {
  // A generic name names no one organisation: "Bank", "Finance Ministry", "Stock Exchange".
  // A body of the whole world does, whatever its words: there is one "International Coffee
  // Organization", where every country has a finance ministry.
  const generic =
    !namedByTrade(words) &&
    !worldwide(words) &&
    !usDepartment(words) &&
    words.every((word) => ORGANISATION_ENDS.has(word) || LEGAL_SUFFIXES.has(word) || TITLE_MODIFIERS.has(word) || NOT_IN_PERSONS_NAMES.has(word) || NOT_NAMES.has(word));
  // Nor does a place's: "U.S. Financial", "Japanese Finance Ministry" aside (a people, not a place).
  const placeGeneric = words.length === 2 && PLACES.has(words[0]!) && (ORGANISATION_ENDS.has(words[1]!) || NOT_IN_PERSONS_NAMES.has(words[1]!));
  // Nor a ministry or department named by its subject alone ("Food Department"): every
  // government has one. The wire names the United States' so ("Commerce Department").
  const unplaced = words.length > 1 && DEPARTMENTS.has(words.at(-1)!) && !usDepartment(words) && !words.some((word) => PLACES.has(word) || isNationality(word));
  return generic || placeGeneric || unplaced || namedByKindAlone(words) || commodityOil(words);
}

/** A department named as the wire names the United States' executive departments: "Commerce Department", "Energy Department". */
const usDepartment = (words: readonly string[]): boolean => words.length > 1 && words.at(-1) === "department" && words.slice(0, -1).every((word) => US_DEPARTMENTS.has(word));

/**
 * What kind a name is, from what the archive shows, or null when it shows too little: places by
 * the gazetteer or the archive's own datelines, organisations by their suffixes and words, people
 * by titles and verbs of saying around them (or a name particle: "al-Assad").
 */
function kindOf(w: Weighed, known: TopicKind | null, datelinePlaces: ReadonlySet<string>, firmsBeginning: ReadonlyMap<string, number>, display: string): TopicKind | null {
  if (known !== null) return known;
  const words = w.key.split(" ");
  if (namesNoOne(words)) return null;
  // One word is an organisation's name only where most articles giving it mark it so ("Texaco
  // Inc"): otherwise it is as likely a fragment of another ("Donaldson, Lufkin and Jenrette").
  const marked = words.length > 1 ? w.organisationCues > 0 : w.organisationCues * 2 >= w.articles;
  // A name of several words is of the kind more articles show: one story naming "Boesky and Co"
  // again and again made a firm of Ivan Boesky. One word keeps the sum of its marks: counted by
  // article, ENI, Hilton and Acura lost theirs on the Reuters stories.
  if (marked && (words.length > 1 ? w.organisationArticles >= w.personArticles : w.organisationCues >= w.personCues)) return "organisation";
  // A town the archive's datelines name, unless the text says "the …" of it ("the Lombard rate")
  // or makes it speak ("Salem said").
  if (datelinePlaces.has(w.key) && w.personCues === 0 && w.saidCues === 0 && w.afterThe * 2 < w.mentions) return "place";
  if (looksLikeAPerson(display)) {
    const particle = words.some((word) => NAME_PARTICLES.test(word) && word.includes("-"));
    // A title once, or "… said" in two articles after a given name: firms say things too, and
    // one named after its founder is the start of a firm's name ("Dean Witter Reynolds Inc").
    // The start of a firm's name is the firm where the archive names the firm about as often and
    // few articles show a person: "Marine Midland" of Marine Midland Banks Inc ("Marine" is a
    // given name too), not Dudley Taft of Taft Broadcasting.
    const firm = firmsBeginning.get(w.key) ?? 0;
    if (w.personCues > 0 && !particle && firm * 2 >= w.articles && w.personCues * 2 < w.articles) return "organisation";
    if (w.personCues > 0 || particle) return "person";
    if (w.saidCues >= 2 && GIVEN_NAMES.has(words[0]!)) return firm > 0 ? "organisation" : "person";
  }
  return null;
}

/**
 * Two to four words that could be a person's: no place, no acronym, no common noun. A place may
 * be the surname after a given name: "Roger Douglas", New Zealand's finance minister.
 */
function looksLikeAPerson(name: string): boolean {
  if (!PERSON_NAME.test(name)) return false;
  const words = name.split(" ");
  const placeAsSurname = words.length >= 2 && GIVEN_NAMES.has(nameKey(words[0]!));
  return words.every((word, i) => {
    const key = nameKey(word);
    if (INITIALS.test(word)) return words.length > 2 || word.length <= 2; // an initial: "Martin S. Ackerman"
    return (!PLACES.has(key) || (placeAsSurname && i === words.length - 1)) && !NOT_IN_PERSONS_NAMES.has(key) && !NOT_NAMES.has(key) && !ORGANISATION_ENDS.has(key) && !LEGAL_SUFFIXES.has(key) && !TITLE_HEADS.has(key) && !TITLE_MODIFIERS.has(key) && !/^\p{Lu}{2,}$/u.test(word) && !/^\p{Lu}\.?$/u.test(word);
  }) && !words.every((word) => /^\p{Lu}\.?$/u.test(word));
}

/** A topic of this many articles or fewer is wrong if any of them is of another thing of its name. */
const SMALL_TOPIC = 5;

/** How many times as many articles must name a person in full as name all others of the surname, for the surname alone to be theirs. */
const SURNAME_OWNER = 5;

/**
 * The archive's topics: every name at least `minArticles` articles give, whose kind the archive
 * shows. A surname alone counts, in an article that gives no full name for it, for the person of
 * the archive who bears it, if only one does or the archive names one far more often than the
 * rest ("Reagan" → "Ronald Reagan").
 */
export function topicIndex<A extends TopicInput>(articles: readonly A[], minArticles: number): TopicIndex<A> {
  return new TopicWeights().index(articles, minArticles);
}

/** One article as last weighed: what its weights came from, and where its names are in the kept lists. */
interface Weighing {
  readonly dateline: string | null;
  readonly sources: readonly string[];
  readonly mentions: EncodedMentions;
  readonly from: number;
  readonly to: number;
}

/** A name's mentions that the gazetteer or the list of organisations knows, by kind. */
interface KnownKinds {
  place: number;
  organisation: number;
}

/** Every article's names, one after another in article order, those of article i from starts[i]. */
interface NameLists {
  readonly names: string[];
  readonly counts: number[];
  readonly flags: number[];
}

/** What TopicWeights keeps from one index to the next. */
interface KeptWeights {
  readonly weighed: Map<string, Weighed>;
  readonly knownKinds: Map<string, KnownKinds>;
  /** Each town of the datelines: how many give it, and how many of those add each state or country to it. */
  readonly datelinePlaces: Map<string, { articles: number; within: Map<string, number> }>;
  /** Each name the text gives a US state after ("Naples, Fla."): how many articles give each. */
  readonly textRegions: Map<string, Map<string, number>>;
  /** Articles by URL, as last weighed. */
  weighings: Map<string, Weighing>;
  lists: NameLists;
}

const noWeights = (): KeptWeights => ({ weighed: new Map(), knownKinds: new Map(), datelinePlaces: new Map(), textRegions: new Map(), weighings: new Map(), lists: { names: [], counts: [], flags: [] } });

const sameList = (a: readonly string[], b: readonly string[]): boolean => a === b || (a.length === b.length && a.every((x, i) => x === b[i]));

/**
 * The weighing of every article's names, kept from one index to the next: a process that indexes
 * the archive again (the watch server) takes out the articles gone or changed and adds the new
 * ones, where weighing every article again was some 60% of `topicIndex` (0.11 to 0.2 s of 0.2 to
 * 0.31 s at 10,000 articles). The index it makes equals a new one's over the same articles: every
 * sum it keeps is taken out as it was added.
 */
export class TopicWeights {
  private kept = noWeights();

  index<A extends TopicInput>(articles: readonly A[], minArticles: number): TopicIndex<A> {
    let starts: Int32Array;
    try {
      starts = this.update(articles);
    } catch (error) {
      // Half taken out, half added: nothing kept can be trusted.
      this.kept = noWeights();
      throw error;
    }
    return indexOf(articles, minArticles, this.kept, starts);
  }

  /** Brings the weights to `articles`; returns where each article's names start in the new lists. */
  private update(articles: readonly TopicInput[]): Int32Array {
    const lists: NameLists = { names: [], counts: [], flags: [] };
    const starts = new Int32Array(articles.length + 1);
    const before = this.kept.weighings;
    const now = new Map<string, Weighing>();
    for (let i = 0; i < articles.length; i++) {
      const article = articles[i]!;
      const from = (starts[i] = lists.names.length);
      // URLs are unique in a published archive; a list that repeats one keeps each under its own key.
      let key = article.url;
      while (now.has(key)) key += "\0";
      const last = before.get(key);
      if (last !== undefined) before.delete(key);
      if (last !== undefined && last.mentions === article.mentions && last.dateline === article.dateline && sameList(last.sources, article.sources)) {
        const { names, counts, flags } = this.kept.lists;
        for (let j = last.from; j < last.to; j++) {
          lists.names.push(names[j]!);
          lists.counts.push(counts[j]!);
          lists.flags.push(flags[j]!);
        }
      } else {
        if (last !== undefined) this.weigh(last, -1, null);
        this.weigh(article, 1, lists);
      }
      now.set(key, { dateline: article.dateline, sources: article.sources, mentions: article.mentions, from, to: lists.names.length });
    }
    starts[articles.length] = lists.names.length;
    for (const gone of before.values()) this.weigh(gone, -1, null);
    this.kept.weighings = now;
    this.kept.lists = lists;
    return starts;
  }

  /** Adds one article's weights (`sign` 1, its names to `lists`) or takes them out (-1). */
  private weigh(article: Pick<TopicInput, "dateline" | "sources" | "mentions">, sign: 1 | -1, lists: NameLists | null): void {
    const { weighed, knownKinds, datelinePlaces, textRegions } = this.kept;
    const place = article.dateline === null ? null : datelinePlace(article.dateline);
    if (place) {
      const [town, within] = place.split(",");
      const key = nameKey(town!);
      let seen = datelinePlaces.get(key);
      if (!seen) datelinePlaces.set(key, (seen = { articles: 0, within: new Map() }));
      seen.articles += sign;
      if (within) count(seen.within, usStateKey(nameKey(within)) || nameKey(within), sign);
      if (seen.articles === 0) datelinePlaces.delete(key);
    }
    const leftOut = leftOutOf(article, place);
    eachMention(article.mentions, (name, mentions, personCues, saidCues, organisationCues, afterThe, lead, opensOnly, within) => {
      const form = canonical(name);
      const { key, known, kind } = form;
      if (leftOut(name, key)) return;
      if (within !== "") {
        let regions = textRegions.get(key);
        if (!regions) textRegions.set(key, (regions = new Map()));
        count(regions, within, sign);
        if (regions.size === 0) textRegions.delete(key);
      }
      if (kind !== null) {
        let kinds = knownKinds.get(key);
        if (!kinds) knownKinds.set(key, (kinds = { place: 0, organisation: 0 }));
        kinds[kind === "place" ? "place" : "organisation"] += sign;
        if (kinds.place === 0 && kinds.organisation === 0) knownKinds.delete(key);
      }
      let w = weighed.get(key);
      if (!w) weighed.set(key, (w = { key, forms: new Map(), articles: 0, mentions: 0, personCues: 0, saidCues: 0, organisationCues: 0, afterThe: 0, personArticles: 0, organisationArticles: 0 }));
      count(w.forms, name, sign);
      w.articles += sign;
      w.mentions += sign * mentions;
      w.personCues += sign * personCues;
      w.saidCues += sign * saidCues;
      w.afterThe += sign * afterThe;
      w.organisationCues += sign * organisationCues;
      if (personCues > 0) w.personArticles += sign;
      if (organisationCues > 0) w.organisationArticles += sign;
      if (w.articles === 0) weighed.delete(key);
      if (lists === null) return;
      lists.names.push(key);
      lists.counts.push(mentions);
      lists.flags.push((lead ? LEAD : 0) | (showsAPerson(personCues, saidCues, organisationCues) ? CUED : 0) | (wordNotName(form, opensOnly) ? WORD : 0));
    });
  }
}

/** Adds `sign` to `key`'s count, forgetting it at zero. */
function count(counts: Map<string, number>, key: string, sign: number): void {
  const n = (counts.get(key) ?? 0) + sign;
  if (n === 0) counts.delete(key);
  else counts.set(key, n);
}

/** A name's kind as the gazetteer or the list of organisations knows it (never both, as they stand). */
const knownKindOf = (kinds: KnownKinds | undefined): TopicKind | null => (kinds === undefined ? null : kinds.place > 0 ? "place" : "organisation");

/** The topic index from the archive's weights: `topicIndex`, once every article's names are weighed. */
function indexOf<A extends TopicInput>(
  articles: readonly A[],
  minArticles: number,
  { weighed, knownKinds, datelinePlaces, textRegions, lists: { names, counts, flags } }: Readonly<KeptWeights>,
  starts: Int32Array,
): TopicIndex<A> {
  // The first words of every name the archive marks as an organisation's: "dean witter" of
  // "dean witter reynolds".
  const firmsBeginning = new Map<string, number>();
  for (const w of weighed.values()) {
    if (w.organisationCues === 0) continue;
    const words = w.key.split(" ");
    for (let n = 2; n < words.length; n++) {
      const start = words.slice(0, n).join(" ");
      firmsBeginning.set(start, Math.max(firmsBeginning.get(start) ?? 0, w.articles));
    }
  }
  // A town is one that two datelines give at least: a wire table's first line ("LEAD - VIRGIN
  // 34.00/34.50") reads as a dateline once, and made "Lead" at every sentence's start a place.
  // And one town: "PRINCETON, N.J." and "PRINCETON, Ind." are two, and their name is neither's.
  // The text counts too ("Dayton, Ohio" and "Dayton, Tenn."), where the wire's own datelines give
  // one state or none: the articles giving a state other than the one most given are another
  // town's, and they may be none of a topic of five articles, and fewer than a fifth of a larger
  // one ("St. Louis, Ill." once in 30 articles of St. Louis, Mo.).
  const oneRegion = (key: string, within: ReadonlyMap<string, number>): boolean => {
    if (within.size > 1) return false;
    const times = new Map(within);
    for (const [state, n] of textRegions.get(key) ?? []) times.set(state, (times.get(state) ?? 0) + n);
    const counts = [...times.values()];
    const others = counts.reduce((sum, n) => sum + n, 0) - Math.max(0, ...counts);
    const articles = weighed.get(key)?.articles ?? 0;
    return others === 0 || (articles > SMALL_TOPIC && others * 5 < articles);
  };
  const townsOfDatelines = new Set([...datelinePlaces].filter(([key, { articles, within }]) => articles >= 2 && oneRegion(key, within)).map(([key]) => key));
  const kinds = new Map<string, { kind: TopicKind; name: string; forms: ReadonlyMap<string, number> }>();
  for (const w of weighed.values()) {
    const name = shownName(w.forms);
    const kind = kindOf(w, knownKindOf(knownKinds.get(w.key)), townsOfDatelines, firmsBeginning, name);
    if (kind !== null) kinds.set(w.key, { kind, name, forms: w.forms });
  }
  // A surname is one person's when the archive names that person in full far more often than
  // everyone else of the name together: 24 articles say "Ronald Reagan", one each "Nancy
  // Reagan" and "Michael Reagan", and some 300 more say only "President Reagan" or "Reagan
  // said". Two of a name about as often ("James Baker", "Howard Baker") leave it to neither.
  const bearers = new Map<string, { key: string; articles: number }[]>();
  for (const [key, { kind }] of kinds) {
    if (kind !== "person") continue;
    const surname = surnameOf(key);
    let list = bearers.get(surname);
    if (!list) bearers.set(surname, (list = []));
    list.push({ key, articles: weighed.get(key)!.articles });
  }
  const bySurname = new Map<string, string>();
  for (const [surname, list] of bearers) {
    const first = list.reduce((a, b) => (b.articles > a.articles || (b.articles === a.articles && b.key < a.key) ? b : a));
    const others = list.reduce((n, b) => n + b.articles, 0) - first.articles;
    if (others === 0 || first.articles >= SURNAME_OWNER * others) bySurname.set(surname, first.key);
  }
  // Each name as the topic it counts for, or null. Only where the article shows a person
  // ("President Reagan", "Reagan said") does a surname alone count: a word alone may be anything
  // else ("Mo." is Missouri, not Li Mo).
  const resolved: (string | null)[] = names.map((key, j) => {
    if ((flags[j]! & WORD) !== 0) return null;
    if (kinds.has(key)) return key;
    if (key.includes(" ") || (flags[j]! & CUED) === 0) return null;
    return bySurname.get(key) ?? null;
  });
  // Articles per topic once surnames are resolved, each counted once however many of its names
  // count for it; those named often enough are kept.
  const articleCounts = new Map<string, { articles: number; last: number }>();
  for (let i = 0; i < articles.length; i++) {
    for (let j = starts[i]!; j < starts[i + 1]!; j++) {
      const key = resolved[j] ?? null;
      if (key === null) continue;
      const counted = articleCounts.get(key);
      if (counted === undefined) articleCounts.set(key, { articles: 1, last: i });
      else if (counted.last !== i) {
        counted.articles++;
        counted.last = i;
      }
    }
  }
  const chosen = [...articleCounts].filter(([, n]) => n.articles >= minArticles).map(([key, n]): [string, number] => [key, n.articles]);
  // Slugs by name; a second topic of the same slug (two kinds, one name) gets its kind added.
  chosen.sort(([a, an], [b, bn]) => bn - an || (a < b ? -1 : a > b ? 1 : 0));
  const taken = new Set<string>();
  const topics: (Topic<A> & { articles: A[] })[] = [];
  // A topic's values in the search index: its key, and its surname alone where that counts for it
  // (a surname that is a topic's own key counts for that topic instead: see `resolved`).
  const matchOf = (key: string): TopicMatch => {
    const surname = surnameOf(key);
    const values = [key, ...(bySurname.get(surname) === key && !kinds.has(surname) ? [`${SURNAME_ALONE}${surname}`] : [])];
    return { filter: filterOf(key), values };
  };
  const byKey = new Map<string, { topic: Topic<A> & { articles: A[] }; link: TopicLink; number: number }>();
  for (const [key] of chosen) {
    const { kind, name, forms } = kinds.get(key)!;
    let s = slug(name, "topic");
    if (taken.has(s)) s = `${s}-${kind}`;
    for (let n = 2; taken.has(s); n++) s = `${slug(name, "topic")}-${n}`;
    taken.add(s);
    const topic = { name, kind, slug: s, url: topicUrl(s), aliases: aliasesOf(name, forms), articles: [] as A[], match: matchOf(key) };
    topics.push(topic);
    byKey.set(key, { topic, link: { name, kind, url: topic.url }, number: topics.length - 1 });
  }

  // Each article's topics, its names of one topic counted together; each topic's articles, in
  // the archive's order (newest first).
  const ofArticle = new Map<string, ArticleTopic[]>();
  // Where each topic stands in the article's list, by topic number, while article i is read
  // (looked up, not searched: a hostile file may name thousands).
  const seenIn = new Int32Array(topics.length).fill(-1);
  const place = new Int32Array(topics.length);
  for (let i = 0; i < articles.length; i++) {
    const article = articles[i]!;
    const own: { topic: TopicLink; count: number; lead: boolean }[] = [];
    for (let j = starts[i]!; j < starts[i + 1]!; j++) {
      const found = resolved[j] === null ? undefined : byKey.get(resolved[j]!);
      if (found === undefined) continue;
      const lead = (flags[j]! & LEAD) !== 0;
      if (seenIn[found.number] === i) {
        const entry = own[place[found.number]!]!;
        entry.count += counts[j]!;
        entry.lead ||= lead;
      } else {
        seenIn[found.number] = i;
        place[found.number] = own.length;
        own.push({ topic: found.link, count: counts[j]!, lead });
        found.topic.articles.push(article);
      }
    }
    if (own.length === 0) continue;
    own.sort((a, b) => Number(b.lead) - Number(a.lead) || b.count - a.count || (a.topic.name < b.topic.name ? -1 : a.topic.name > b.topic.name ? 1 : a.topic.url < b.topic.url ? -1 : 1));
    ofArticle.set(article.url, own);
  }
  return { topics, ofArticle };
}

/**
 * Whether an article shows a one-word name to be a person's: a title, or "said" where no firm's
 * mark is given it ("Morgan et Cie said" is the firm).
 */
const showsAPerson = (personCues: number, saidCues: number, organisationCues: number): boolean => personCues > 0 || (saidCues > 0 && organisationCues === 0);

/** A name's flags, as topicIndex keeps them: named in the lead; shown to be a person's there; a word, not a name, there. */
const LEAD = 1;
const CUED = 2;
const WORD = 4;

/**
 * A common word the article writes only as a sentence's first ("News of the meeting", "Discount
 * fares") is taken for the word there: it still weighs in what the name is across the archive
 * (mostly a word, the name of a firm), but the article is no article of the name's topic. On the
 * Reuters stories, News Corp's topic had 14 stories of 28 about no firm at all.
 */
const wordNotName = ({ key, kind }: Canonical, opensOnly: boolean): boolean => opensOnly && kind === null && isCommonWord(key);

/** An outlet named in its own copy ("told Reuters", "Reuters said") is its byline, not news: on the Reuters stories it made "Reuters" the largest organisation, 877 articles. */
function creditsOf(article: Pick<Article, "sources">): ReadonlySet<string> | null {
  return article.sources.length === 0 ? null : new Set(article.sources.map((s) => canonical(s).key));
}

/** Bodies every country has by the name the United States' goes by without "U.S.". */
const NAMESAKE_BODIES = new Set(["treasury", "supreme court", "senate"]);

/**
 * Whether a name an article gives counts for no topic: its own outlet's (`told Reuters` in a
 * Reuters story), or, in a story datelined in another country's capital, a body every country has,
 * written without "U.S.": "the Treasury" in London is Britain's, in Rome Italy's. `place` is the
 * dateline's (datelinePlace), which the weighing reads anyway.
 */
function leftOutOf(article: Pick<Article, "sources">, place: string | null): (name: string, key: string) => boolean {
  const credits = creditsOf(article);
  const abroad = place !== null && !place.includes(",") && FOREIGN_CAPITALS.has(nameKey(place));
  return (name, key) => credits?.has(key) === true || (abroad && NAMESAKE_BODIES.has(key) && !/^(?:us|united states) /u.test(nameKey(name)));
}

/**
 * An article's values for the search index's topic filters, by filter: the key of every name it
 * gives, and each one-word name it shows to be a person's, marked as a surname alone. They owe
 * nothing to the rest of the archive, and a topic's `match` finds in them exactly the articles
 * topicIndex gives it: a name counts for a topic as its key, or as the surname alone it owns.
 */
export function topicFilterValues(article: Pick<Article, "sources" | "dateline" | "mentions">): Record<string, string[]> {
  const leftOut = leftOutOf(article, article.dateline === null ? null : datelinePlace(article.dateline));
  const values = new Set<string>();
  eachMention(article.mentions, (name, _count, personCues, saidCues, organisationCues, _afterThe, _lead, opensOnly) => {
    const form = canonical(name);
    const { key } = form;
    if (leftOut(name, key) || wordNotName(form, opensOnly)) return;
    values.add(key);
    if (!key.includes(" ") && showsAPerson(personCues, saidCues, organisationCues)) values.add(`${SURNAME_ALONE}${key}`);
  });
  const filters: Record<string, string[]> = {};
  for (const value of [...values].sort()) (filters[filterOf(value)] ??= []).push(value);
  return filters;
}

/**
 * A topic index as typed arrays and plain records, articles by their place in the archive's
 * list: what a thread finding topics sends back (src/build/topicThread.ts), its arrays moved
 * rather than copied.
 */
export interface PackedTopics {
  readonly topics: readonly (TopicLink & { readonly slug: string; readonly aliases: readonly string[]; readonly match: TopicMatch })[];
  /** Each topic's articles, topic after topic; those of topic k from `memberStarts[k]`. */
  readonly members: Int32Array<ArrayBuffer>;
  readonly memberStarts: Int32Array<ArrayBuffer>;
  /** Each article's topics as (topic, count, lead) triples, article after article; those of article i from `namedStarts[i]`. */
  readonly named: Int32Array<ArrayBuffer>;
  readonly namedStarts: Int32Array<ArrayBuffer>;
}

export function packTopics<A extends Pick<Article, "url">>(index: TopicIndex<A>, articles: readonly A[]): PackedTopics {
  const position = new Map(articles.map((a, i) => [a, i]));
  const number = new Map(index.topics.map((t, k) => [t.url, k]));
  const memberStarts = new Int32Array(index.topics.length + 1);
  const members = new Int32Array(index.topics.reduce((n, t) => n + t.articles.length, 0));
  let m = 0;
  index.topics.forEach((t, k) => {
    memberStarts[k] = m;
    for (const a of t.articles) members[m++] = position.get(a)!;
  });
  memberStarts[index.topics.length] = m;
  const namedStarts = new Int32Array(articles.length + 1);
  const named: number[] = [];
  articles.forEach((a, i) => {
    namedStarts[i] = named.length / 3;
    for (const t of index.ofArticle.get(a.url) ?? []) named.push(number.get(t.topic.url)!, t.count, t.lead ? 1 : 0);
  });
  namedStarts[articles.length] = named.length / 3;
  const topics = index.topics.map(({ name, kind, url, slug: s, aliases, match }) => ({ name, kind, url, slug: s, aliases, match }));
  return { topics, members, memberStarts, named: Int32Array.from(named), namedStarts };
}

/** The topic index `packTopics` packed, over the same articles in the same order. */
export function unpackTopics<A extends Pick<Article, "url">>(packed: PackedTopics, articles: readonly A[]): TopicIndex<A> {
  const { members, memberStarts, named, namedStarts } = packed;
  const links: TopicLink[] = packed.topics.map(({ name, kind, url }) => ({ name, kind, url }));
  const topics = packed.topics.map((t, k): Topic<A> => {
    const list: A[] = new Array(memberStarts[k + 1]! - memberStarts[k]!);
    for (let m = memberStarts[k]!; m < memberStarts[k + 1]!; m++) list[m - memberStarts[k]!] = articles[members[m]!]!;
    return { ...t, articles: list };
  });
  const ofArticle = new Map<string, ArticleTopic[]>();
  articles.forEach((a, i) => {
    if (namedStarts[i] === namedStarts[i + 1]) return;
    const own: ArticleTopic[] = [];
    for (let j = namedStarts[i]!; j < namedStarts[i + 1]!; j++) own.push({ topic: links[named[3 * j]!]!, count: named[3 * j + 1]!, lead: named[3 * j + 2] === 1 });
    ofArticle.set(a.url, own);
  });
  return { topics, ofArticle };
}

/**
 * The number of articles a topic needs: the setting, but at most the archive's size, for an
 * archive smaller than it would otherwise have no topic at all.
 */
export function topicMinimum(setting: number, articles: number): number {
  return Math.max(1, Math.min(setting, articles));
}

/** Topics an article page links: its main ones, those its lead names first. */
export const MAIN_TOPICS = 8;

export function mainTopics(index: TopicIndex, article: Article): readonly ArticleTopic[] {
  return index.ofArticle.get(article.url)?.slice(0, MAIN_TOPICS) ?? [];
}

/** A topic with what its front page says of it. */
export interface TopicSummary extends TopicLink {
  readonly count: number;
  readonly firstDate: IsoDate;
  readonly lastDate: IsoDate;
}

/** One month of a topic's timeline, and its bar in the chart. */
export interface TimelineBar {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly count: number;
  readonly x: number;
  readonly y: number;
  readonly height: number;
}

/** Articles per month from the topic's first month to its last, drawn as bars at build time: a bar a month with articles. */
export interface Timeline {
  readonly width: number;
  /** How wide the chart is drawn, in CSS pixels (a narrower column shrinks it to fit). */
  readonly pixels: number;
  readonly height: number;
  readonly barWidth: number;
  readonly max: number;
  readonly bars: readonly TimelineBar[];
}

/** The chart's height in its own units; months are BAR_STEP wide, bars a little less. */
const TIMELINE_HEIGHT = 40;
const BAR_STEP = 4;
const BAR_WIDTH = 3;
/**
 * The chart is drawn some 720 px wide whatever the topic's span, within 12 to 48 px a month: a
 * topic of a few months, the common case in an archive of a year, was a sliver at a fixed 12 px
 * a month (108 px for nine), and a single month stays a bar rather than a block.
 */
const CHART_PIXELS = 720;
const MONTH_PIXELS = { least: 12, most: 48 };

/** Months from one `YYYY-MM` to another, the first counting as 0. */
function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}

/**
 * A bar for each month with articles, placed along the whole span: the empty months are the gaps
 * between bars, and part of the story. (Only months with articles are kept: a bar object for
 * every month of twenty years, for 15,000 topics, was 3.6 million objects a build.)
 */
export function timeline(dates: readonly IsoDate[]): Timeline {
  const counts = new Map<string, number>();
  // Counted by runs of one month: a topic's dates come newest first, so a month is looked up
  // once, not once an article (0.1 s a build at 100,000 articles).
  let month = "";
  let run = 0;
  for (const date of dates) {
    if (run > 0 && date.startsWith(month)) {
      run++;
      continue;
    }
    if (run > 0) counts.set(month, (counts.get(month) ?? 0) + run);
    month = date.slice(0, 7);
    run = 1;
  }
  if (run > 0) counts.set(month, (counts.get(month) ?? 0) + run);
  const months = [...counts.keys()].sort();
  let max = 0;
  for (const c of counts.values()) max = Math.max(max, c);
  const first = months[0] ?? "";
  const bars = months.map((month): TimelineBar => {
    const count = counts.get(month)!;
    // At least a sliver, so that a month of one article among thousands still shows.
    const height = Math.max(1, Math.round((count / max) * TIMELINE_HEIGHT));
    return { month, count, x: monthsBetween(first, month) * BAR_STEP, y: TIMELINE_HEIGHT - height, height };
  });
  const span = months.length === 0 ? 1 : monthsBetween(first, months.at(-1)!) + 1;
  const monthPixels = Math.min(MONTH_PIXELS.most, Math.max(MONTH_PIXELS.least, CHART_PIXELS / span));
  return { width: span * BAR_STEP, pixels: Math.round(span * monthPixels), height: TIMELINE_HEIGHT, barWidth: BAR_WIDTH, max, bars };
}

export interface TopicFrontAbout extends TopicSummary {
  /** Other names its stories write it by (Topic.aliases). */
  readonly aliases: readonly string[];
  readonly timeline: Timeline;
  /** The topics most often named in the same articles, most first. */
  readonly companions: readonly (TopicLink & { readonly count: number })[];
}

export interface TopicPage extends ListingPage<Teaser> {
  readonly topic: TopicLink;
  /** Its match for the search page's link, "search within" it (src/search/topicFilter.ts). */
  readonly within: string;
  /** On the front only, as a section front's: its size, span, timeline and companions. */
  readonly about: TopicFrontAbout | null;
}

/** Companions shown on a topic's front. */
const COMPANIONS = 10;
/** Topics of each article counted as named together: its lead's and most named first. */
const COMPANION_SOURCES = 20;

/** Each topic's pages, paginated like a section front (newest on the front, numbered from the oldest). */
export function topicPages(index: TopicIndex, pageSize: number): TopicPage[] {
  const companionsOf = companions(index);
  return index.topics.flatMap((t) => {
    const link: TopicLink = { name: t.name, kind: t.kind, url: t.url };
    const about: TopicFrontAbout = {
      ...summary(t),
      aliases: t.aliases,
      timeline: timeline(t.articles.map((a) => a.date)),
      companions: companionsOf.get(t.url) ?? [],
    };
    const within = formatMatch(t.match);
    return paginate(t.articles.map(teaser), pageSize, t.url).map((page) => ({ topic: link, within, about: page.pageNumber === null ? about : null, ...page }));
  });
}

/** For each topic (by URL), the topics named with it most often, ties by name. */
function companions(index: TopicIndex): Map<string, (TopicLink & { count: number })[]> {
  // Topics by number, each article's main topics as numbers, and each topic's articles (their
  // place in `lists`): counted in an array per topic, where maps of maps by URL took 0.3 s a
  // build at 100,000 articles.
  const numbers = new Map<string, number>();
  const links: TopicLink[] = [];
  const lists: Int32Array[] = [];
  const listsOf: number[][] = [];
  for (const all of index.ofArticle.values()) {
    // An article's main topics only: pairs grow with the square of its topics, and a hostile
    // file naming thousands would take gigabytes.
    const own = all.length > COMPANION_SOURCES ? all.slice(0, COMPANION_SOURCES) : all;
    const list = new Int32Array(own.length);
    for (let i = 0; i < own.length; i++) {
      const link = own[i]!.topic;
      let n = numbers.get(link.url);
      if (n === undefined) {
        numbers.set(link.url, (n = links.length));
        links.push(link);
        listsOf.push([]);
      }
      list[i] = n;
      listsOf[n]!.push(lists.length);
    }
    lists.push(list);
  }
  const counts = new Int32Array(links.length);
  const byCount = (a: number, b: number): number => {
    const x = links[a]!;
    const y = links[b]!;
    return counts[b]! - counts[a]! || (x.name < y.name ? -1 : x.name > y.name ? 1 : x.url < y.url ? -1 : 1);
  };
  const out = new Map<string, (TopicLink & { count: number })[]>();
  for (let a = 0; a < links.length; a++) {
    const named: number[] = [];
    for (const l of listsOf[a]!) {
      for (const b of lists[l]!) if (b !== a && counts[b]!++ === 0) named.push(b);
    }
    const best = firstInOrder(named, COMPANIONS, byCount);
    out.set(links[a]!.url, best.map((b) => ({ ...links[b]!, count: counts[b]! })));
    for (const b of named) counts[b] = 0;
  }
  return out;
}

/**
 * The first `n` of `items` by `order` (a total order), in that order: what sorting them all and
 * taking the first `n` gives. The largest topics are named with thousands of others, of which a
 * page shows ten: sorting them all took most of the companions' 0.36 s at 100,000 articles.
 */
export function firstInOrder<T>(items: readonly T[], n: number, order: (a: T, b: T) => number): T[] {
  const best: T[] = [];
  if (n <= 0) return best;
  for (const item of items) {
    if (best.length === n && order(item, best[n - 1]!) >= 0) continue;
    // Into its place among the best: the last of them goes when they are n already.
    let i = best.length === n ? n - 1 : best.length;
    while (i > 0 && order(item, best[i - 1]!) < 0) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = item;
  }
  return best;
}

/** Where each kind's index lives, and what it is called. */
export const KIND_PAGES: Readonly<Record<TopicKind, { readonly slug: string; readonly title: string }>> = {
  person: { slug: "people", title: "People" },
  organisation: { slug: "organisations", title: "Organisations" },
  place: { slug: "places", title: "Places" },
};

const kindIndexUrl = (kind: TopicKind): string => `/topics/${KIND_PAGES[kind].slug}/`;

/** A letter of a kind's index: the topics whose names start with it. */
export interface TopicLetter {
  /** `A` to `Z`, or `#` for names starting otherwise. */
  readonly letter: string;
  readonly url: string;
  readonly count: number;
}

/** A page of the topic index: a kind's topics under one letter, A to Z, with their counts. */
export interface TopicIndexPage {
  readonly url: string;
  readonly kind: TopicKind;
  readonly kindTitle: string;
  readonly kindUrl: string;
  /** Null on the kind's own page, which lists its largest topics and its letters. */
  readonly letter: string | null;
  readonly letters: readonly TopicLetter[];
  readonly topics: readonly TopicSummary[];
  /** Topics of the kind in all. */
  readonly total: number;
}

/** Topics listed on a kind's own page, largest first. */
const LARGEST = 50;

/** The letter a name is filed under: its first letter without accents, or `#`. */
export function letterOf(name: string): string {
  const first = name.normalize("NFD").replace(/[^\p{L}\p{N}]/gu, "").charAt(0).toUpperCase();
  return /^[A-Z]$/u.test(first) ? first : "#";
}

/** One collator for every comparison: `localeCompare` makes one a call, 15,000 topics' worth. */
const collator = new Intl.Collator("en", { sensitivity: "base" });

/** Words after a surname that are not it: "Martin Luther King Jr", "John D. Rockefeller III". */
const AFTER_SURNAME = /^(?:jr|sr|ii|iii|iv)\.?$/iu;

/**
 * The name a topic is filed under, A to Z: a person's by the surname, as an index of names is
 * read ("Volcker Paul" for Paul Volcker, "Assad Bashar al-" for Bashar al-Assad), anything else
 * as written.
 */
export function filingName(topic: Pick<TopicSummary, "name" | "kind">): string {
  if (topic.kind !== "person") return topic.name;
  const words = topic.name.split(" ");
  let last = words.length - 1;
  while (last > 0 && AFTER_SURNAME.test(words[last]!)) last--;
  const surname = words[last]!;
  const particle = NAME_PARTICLES.exec(surname)?.[0] ?? "";
  return [surname.slice(particle.length), ...words.slice(0, last), particle, ...words.slice(last + 1)].filter((w) => w !== "").join(" ");
}

/** Topics A to Z by the names they are filed under (`filed`, worked out once rather than at every comparison). */
function alphabetical(topics: readonly TopicSummary[], filed: ReadonlyMap<TopicSummary, string>): TopicSummary[] {
  return [...topics].sort((a, b) => collator.compare(filed.get(a)!, filed.get(b)!) || (a.url < b.url ? -1 : 1));
}

/** Each kind's index: its own page (the largest topics, its letters), then a page per letter. */
export function topicIndexPages(index: TopicIndex): TopicIndexPage[] {
  return TOPIC_KINDS.flatMap((kind) => {
    const { title } = KIND_PAGES[kind];
    const kindUrl = kindIndexUrl(kind);
    const all = index.topics.filter((t) => t.kind === kind).map(summary);
    const filed = new Map(all.map((t) => [t, filingName(t)]));
    const byLetter = new Map<string, TopicSummary[]>();
    for (const t of all) {
      const letter = letterOf(filed.get(t)!);
      const list = byLetter.get(letter);
      if (list) list.push(t);
      else byLetter.set(letter, [t]);
    }
    const letterUrl = (letter: string): string => `${kindUrl}${letter === "#" ? "other" : letter.toLowerCase()}/`;
    const letters = [...byLetter.keys()].sort((a, b) => (a === "#" ? 1 : b === "#" ? -1 : a < b ? -1 : 1)).map((letter) => ({ letter, url: letterUrl(letter), count: byLetter.get(letter)!.length }));
    const page = (letter: string | null, topics: TopicSummary[]): TopicIndexPage => ({
      url: letter === null ? kindUrl : letterUrl(letter),
      kind,
      kindTitle: title,
      kindUrl,
      letter,
      letters,
      topics,
      total: all.length,
    });
    return [page(null, all.slice(0, LARGEST)), ...letters.map(({ letter }) => page(letter, alphabetical(byLetter.get(letter)!, filed)))];
  });
}

function summary(t: Topic): TopicSummary {
  return { name: t.name, kind: t.kind, url: t.url, count: t.articles.length, firstDate: t.articles.at(-1)!.date, lastDate: t.articles[0]!.date };
}

/** What the topics page says of a kind: its size, its largest topics, where its index is. */
export interface TopicKindSummary {
  readonly kind: TopicKind;
  readonly slug: string;
  readonly title: string;
  readonly url: string;
  readonly total: number;
  readonly largest: readonly TopicSummary[];
}

/** Topics of each kind on the topics page. */
const ON_TOPICS_PAGE = 12;

export function topicKinds(index: TopicIndex): TopicKindSummary[] {
  return TOPIC_KINDS.map((kind) => {
    const all = index.topics.filter((t) => t.kind === kind);
    const { slug: kindSlug, title } = KIND_PAGES[kind];
    return { kind, slug: kindSlug, title, url: kindIndexUrl(kind), total: all.length, largest: all.slice(0, ON_TOPICS_PAGE).map(summary) };
  });
}
