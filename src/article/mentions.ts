/**
 * The names one article mentions: people, places and organisations, as candidates that the
 * archive (src/archive/topics.ts) then weighs across every article. Rule-based, on the text's
 * capitals: measured on the 19,043 Reuters stories it takes some 0.05 ms an article, where a
 * tagger (compromise 14) took 38 ms and labelled "State Rex" a place (see the README).
 *
 * A name is a run of capitalised words, with small connectors inside ("Bank of Japan", "Bashar
 * al-Assad"). From each run, titles are cut out and say a person follows ("Secretary of State
 * Rex Tillerson"); nationalities in front go ("Russian"); a possessive's "'s" goes ("Reagan's");
 * words that only open a sentence go ("In Moscow"). Lines written in capitals (a wire headline)
 * name nothing by themselves: they only add to the names the text spells out. A surname used
 * alone counts for the full name the article gave it ("Tillerson" → "Rex Tillerson").
 */
import {
  CONNECTORS,
  FOREIGN_CAPITALS,
  GIVEN_NAMES,
  INITIALS,
  KNOWN_ORGANISATIONS,
  LEGAL_SUFFIXES,
  MONTHS,
  NAME_PARTICLES,
  NOT_NAMES,
  ORGANISATION_ENDS,
  ORGANISATION_CUES_AFTER,
  ORGANISATION_HEADS_OF,
  PERSON_CUES_AFTER,
  PERSON_CUES_BEFORE,
  PLACES,
  TITLE_HEADS,
  TITLE_MODIFIERS,
  WEEKDAYS,
  isCommonWord,
  isNationality,
  nameKey,
  usStateKey,
} from "./lexicon.js";

/** One name as an article gives it, with what the text says of its kind. */
export interface Mention {
  /** The name as written, without title, possessive or legal suffix: "Rex Tillerson", "Texaco". */
  readonly name: string;
  /** How many times the article names it (full or short). */
  readonly count: number;
  /** Times a title or a role stood before it: "President …", "chairman …", "said …". */
  readonly personCues: number;
  /** Times a verb of saying followed it: "… said". Companies say things too: weaker than a title. */
  readonly saidCues: number;
  /** Times it carried a company's suffix, a ticker (`<XON>`), or an organisation's word. */
  readonly organisationCues: number;
  /** Times "the" stood before it: "the Lombard rate" is no town of Illinois. */
  readonly afterThe: number;
  /** Whether the headline or standfirst names it. */
  readonly lead: boolean;
  /**
   * Whether it is one word the article writes only as a sentence's first, with no cue and not in
   * the lead: "News of the meeting", where "News Corp" would be a firm.
   */
  readonly opensOnly: boolean;
  /** The US state the article gives after it ("Naples, Fla." → "florida"), keyed, or "". */
  readonly within: string;
}

/** What the extractor reads of an article. */
export interface MentionSource {
  readonly headline: string;
  readonly standfirst: string | null;
  readonly body: readonly { readonly type: string; readonly text: string }[];
}

interface Token {
  readonly text: string;
  /** Capitalised word (or an abbreviation in capitals: "U.S."). */
  readonly capital: boolean;
  /** First word of a sentence, where anything is capitalised. */
  readonly opensSentence: boolean;
  /** The possessive ending ("'s", "’s", "'") removed from `text`, or "". */
  readonly possessive: string;
}

/** Words, tickers and punctuation. A word may hold inner full stops ("U.S.") and hyphens. */
const TOKEN = /<[A-Z0-9.]{1,12}(?: [A-Z0-9.]{1,4})?>|(?:\p{L}\.){2,}|\d+-?[\p{L}][\p{L}\p{M}\d'’-]*\.?|[\p{L}\p{M}][\p{L}\p{M}\d'’-]*\.?|\d[\d.,:/]*|[^\s\p{L}\p{M}\d]/gu;
/** Prefixes of time before a name or title: "then-President Reagan", "ex-Guinness chief" (t, e, f, n: see tokens). */
const TIME_PREFIXES = new Set(["then", "ex", "former", "now"]);
// With the given names firms keep in their old spelling: "Chas. P. Young Co", "Wm. Wrigley Jr Co".
const ABBREVIATIONS = new Set(["mr.", "mrs.", "ms.", "dr.", "st.", "jr.", "sr.", "co.", "corp.", "inc.", "ltd.", "gen.", "sen.", "gov.", "rep.", "col.", "lt.", "capt.", "no.", "vs.", "bros.", "messrs.", "chas.", "wm.", "thos.", "jas.", "geo.", "robt.", "benj.", "saml.", "alex."]);
const LETTER = /^[\p{L}\p{M}]/u;
const UPPER_FIRST = /^\p{Lu}/u;
/** "al-Assad", "d'Electricite" are part of a name though they start in lower case. */
const PARTICLE_NAME = /^(?:(?:al|el|bin|ibn|abu|abd|ad|as|ash|az)-|[dl]['’])\p{Lu}/u;
const TRAILING_MARKS = "'’-";
/** A name made an adjective by what follows its hyphen. Not any lower-case end: "Roh Tae-woo", "Kim Mahn-je". */
const ADJECTIVE_OF_A_NAME = /-(?:language|speaking|based|owned|led|controlled|born|made|backed|run|held|funded|sponsored|dominated|style|listed|registered|oriented)$/u;
/** An acronym's plural: "MCAs", "CTs". */
const PLURAL_ACRONYM = /^\p{Lu}{2,}s$/u;
const SENTENCE_END = new Set([".", "!", "?", ":", ";", "\"", "“", "”", "(", ")", "—", "–"]);

/** PARTICLE_NAME, tested only where its dash or apostrophe can be: most words are lower case and have none. */
function maybeParticleName(word: string): boolean {
  const dash = word.indexOf("-");
  return (dash >= 2 && dash <= 3) || word[1] === "'" || word[1] === "’" ? PARTICLE_NAME.test(word) : false;
}

/** Words as the extractor reads them, sentence by sentence. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  let opensSentence = true;
  // exec, not matchAll: matchAll copies the regex for every line.
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    let word = match[0];
    if (word.startsWith("<") && word.length > 2) {
      out.push({ text: word, capital: false, opensSentence: false, possessive: "" });
      continue;
    }
    // "then-National Security Council aide", "ex-Guinness chief": a prefix of time is no part of
    // the name after it, where the whole word read as a lower-case one and the name lost its first
    // word ("Security Council"). Looked for only in words that begin as one of them can.
    const initial = word.charCodeAt(0);
    if (initial === 116 || initial === 101 || initial === 102 || initial === 110) {
      const dash = word.indexOf("-");
      if (dash >= 2 && dash <= 6 && TIME_PREFIXES.has(word.slice(0, dash)) && UPPER_FIRST.test(word.slice(dash + 1, dash + 2))) {
        out.push({ text: word.slice(0, dash), capital: false, opensSentence, possessive: "" });
        opensSentence = false;
        word = word.slice(dash + 1);
      }
    }
    // A name may begin with a digit: "3Com", "7-Eleven". Its letters decide what it is.
    const first = word.charCodeAt(0);
    const letters = first >= 48 && first <= 57 ? word.replace(/^\d+-?/u, "") : word;
    const code = letters.charCodeAt(0);
    const isWord = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code > 127 && LETTER.test(letters));
    if (!isWord) {
      if (SENTENCE_END.has(word)) opensSentence = true;
      // Numbers and other marks break a name but not a sentence.
      out.push({ text: word, capital: false, opensSentence: false, possessive: "" });
      continue;
    }
    let endsSentence = false;
    if (word.endsWith(".") && !INITIALS.test(word) && !ABBREVIATIONS.has(word.toLowerCase())) {
      word = word.slice(0, -1);
      endsSentence = true;
    }
    // Most words are lower case and no part of a name: only their text is needed.
    if (code >= 97 && code <= 122 && !maybeParticleName(word)) {
      out.push({ text: word, capital: false, opensSentence, possessive: "" });
      opensSentence = endsSentence;
      continue;
    }
    let possessive = "";
    // Most capitalised words have no apostrophe: the tests below only where one is.
    if (word.includes("'") || word.includes("’")) {
      // "We're", "Tillerson'll": the word before the apostrophe.
      word = word.replace(/['’](?:re|ll|ve|d|m|t)$/iu, "");
      if (/['’]s$/u.test(word)) {
        possessive = word.slice(-2);
        word = word.slice(0, -2);
      } else if (/s['’]$/u.test(word)) {
        possessive = word.slice(-1);
        word = word.slice(0, -1);
      }
    }
    // Trailing marks trimmed by hand: `/['’-]+$/` backtracks from every mark of a long run.
    let end = word.length;
    while (end > 0 && TRAILING_MARKS.includes(word[end - 1]!)) end--;
    word = word.slice(0, end);
    if (word === "") continue;
    // Only the word's end was trimmed since: its first letter is still `letters`'. An adjective
    // made of a name is none: "the English-language daily", "Moscow-based Aeroflot".
    // Nor is the plural of an acronym a name: "MCAs" (the EC's compensatory amounts), "CTs" (Italy's
    // Treasury certificates) are things, not MCA Inc or CTS Corp.
    const capital = (UPPER_FIRST.test(letters) && !(word.includes("-") && ADJECTIVE_OF_A_NAME.test(word)) && !PLURAL_ACRONYM.test(word)) || PARTICLE_NAME.test(word);
    out.push({ text: word, capital, opensSentence, possessive });
    opensSentence = endsSentence;
  }
  return out;
}

/**
 * Whether the capitalised words from `j` on end an organisation's name, so that the possessive
 * before them belongs inside it: "Moody's Investors Service", not Moody and "Investors Service".
 */
function possessiveInsideName(list: readonly Token[], j: number): boolean {
  // A country's possessive is the country's: "Sweden's AB Volvo"; and a known body's is its own:
  // "the EC's Executive Commission" is the European Commission, no body named "EC's …".
  const owner = j > 0 ? nameKey(list[j - 1]!.text) : "";
  if (PLACES.has(owner) || KNOWN_ORGANISATIONS.has(owner)) return false;
  for (let k = j; k < list.length && k < j + 4 && list[k]!.capital && !list[k]!.opensSentence; k++) {
    const word = list[k]!.text;
    if (endsAsOrganisation([word]) || (word.endsWith("s") && endsAsOrganisation([word.slice(0, -1)]))) return true;
  }
  return false;
}

/** Whether a plural names people by what they do: "Employers", "Growers", "Stockbrokers"; "Brothers" is a firm's. */
const isPeopleOfATrade = (word: string): boolean => {
  const low = word.toLowerCase();
  return low.endsWith("ers") && low !== "brothers" && isCommonWord(low);
};

/** Words since the run's last small word: "Phil Pace of Kidder" → 1 ("Kidder"). */
function wordsOfLastName(words: readonly string[]): number {
  let n = 0;
  for (let i = words.length - 1; i >= 0 && !CONNECTORS.has(words[i]!) && !AND.has(words[i]!.toLowerCase()); i--) n++;
  return n;
}

/**
 * Whether the words from `k` on are the rest of a firm's name, up to its legal suffix: partners'
 * names between commas ("Peat, Marwick, Mitchell and Co", "Merrill Lynch, Pierce, Fenner and
 * Smith Inc"), not a list of places or people, which ends in no suffix.
 */
function commaInsideName(list: readonly Token[], k: number): boolean {
  for (let n = 0; k < list.length && n < 8; k++, n++) {
    const t = list[k]!;
    if (t.opensSentence) return false;
    if (t.capital && isLegalSuffix(t.text)) return n > 0;
    if (t.text === "," && list[k + 1]?.capital === true) continue;
    if (!t.capital && t.text !== "&" && t.text.toLowerCase() !== "and") return false;
  }
  return false;
}

/**
 * Where the firm's name whose inner legal suffix ends before `k` ends: at its closing bracket, or
 * through the next legal suffix when capitalised words lead to one ("Swiss Bank Corp International
 * Asia Inc"); otherwise at `k`, its suffix being its end. Not past a full stop, which may end a
 * sentence ("Texaco Inc. Pennzoil Co said").
 */
function restOfFirm(list: readonly Token[], k: number, bracketed: boolean, suffix: string): number {
  if (!bracketed && suffix.endsWith(".")) return k;
  // Where the firm is, after its suffix: "Deutsche Bank Finance NV Curacao" is no news of
  // Curacao; but "Fujitsu Ltd U.S. subsidiary" is of a unit there.
  const next = list[k];
  const after = list[k + 1];
  if (!bracketed && next?.capital && !next.opensSentence && !next.possessive && PLACES.has(nameKey(next.text)) && !after?.capital && !UNITS.has(after?.text.toLowerCase() ?? "")) return k + 1;
  for (let n = 0, i = k; i < list.length && n < (bracketed ? 12 : 4); i++, n++) {
    const t = list[i]!;
    if (bracketed && t.text === ">") return i;
    if (bracketed) continue;
    if (!t.capital || t.opensSentence || t.possessive) return k;
    if (isLegalSuffix(t.text)) return n > 0 ? i + 1 : k;
  }
  return k;
}

/** What a firm has in a place: "its U.S. subsidiary". */
const UNITS = new Set(["unit", "units", "subsidiary", "subsidiaries", "affiliate", "affiliates", "arm", "division", "operations", "branch", "branches", "office", "offices", "plant", "plants"]);

/** A run of capitalised words, as found, before titles are cut out. */
interface Run {
  readonly words: readonly string[];
  readonly opensSentence: boolean;
  /** The lower-case word before and after the run, if any. */
  readonly before: string;
  readonly after: string;
  /** The lower-case word after that one, as written, if any: "trade" and "round" of "the Uruguay trade round". */
  readonly afterNext: string;
  /** A ticker (`<XON>`) follows. */
  readonly ticker: boolean;
  /** The US state given after a comma: usStateKey's, or "". */
  readonly within: string;
}

/** Words in a run past which it holds no name: names are six words at most, titles a few more. */
const MAX_RUN_WORDS = 16;

function runs(text: string): Run[] {
  const list = tokens(text);
  const found: Run[] = [];
  for (let i = 0; i < list.length; ) {
    const start = list[i]!;
    if (!start.capital) {
      i++;
      continue;
    }
    const startInside = start.possessive !== "" && possessiveInsideName(list, i + 1);
    const words = [startInside ? start.text + start.possessive : start.text];
    // The wire writes a firm's name in angle brackets when it has no ticker: "<Bond Corp
    // International Ltd>". Inside them, a legal suffix ends nothing; the bracket does.
    const bracketed = list[i - 1]?.text === "<";
    let j = i + 1;
    let partners = false;
    if (!start.possessive || startInside) {
      while (j < list.length) {
        const t = list[j]!;
        if (t.opensSentence) break;
        // A legal suffix ends a name ("Texaco Inc. Pennzoil ..."), but for another one ("Co Ltd"),
        // or for the rest of a firm's name ending in one ("Swiss Bank Corp International Asia Inc").
        if (isLegalSuffix(words.at(-1)!) && !(t.capital && isLegalSuffix(t.text)) && !wordFirmOf(words, list, j)) {
          // What follows it in the same firm's name names nothing by itself: "International" of
          // "<Bond Corp International Ltd>", "International Asia" of "Swiss Bank Corp International
          // Asia Inc". A suffix that opens the name ("AB Volvo") is no end of one.
          if (words.length > 1) j = restOfFirm(list, j, bracketed, words.at(-1)!);
          break;
        }
        if (t.capital) {
          j++;
          // Only a name's first word keeps a possessive inside it ("Moody's Investors Service"):
          // later, it joins two names ("UAL Inc's United Airlines", "General Motors' Hughes
          // Aircraft", "Salomon Brothers' Capital Markets"), but for the people of a trade before
          // a body's last word ("Japan Federation of Employers' Associations").
          const inside = t.possessive.length === 1 && isPeopleOfATrade(t.text) && possessiveInsideName(list, j);
          words.push(inside ? t.text + t.possessive : t.text);
          if (t.possessive && !inside) break;
          continue;
        }
        // A comma inside a firm's name: "Goldman, Sachs and Co", "Donaldson, Lufkin and Jenrette Inc";
        // once one is, so are the later ones up to its suffix ("Merrill Lynch, Pierce, Fenner and Smith").
        if (t.text === "," && (partners || (wordsOfLastName(words) <= 2 && !PLACES.has(nameKey(words.join(" "))))) && commaInsideName(list, j + 1)) {
          partners = true;
          j++;
          continue;
        }
        // A connector stays only between two capitalised words: "Bank of Japan", not "Japan of".
        const lower = t.text.toLowerCase();
        if ((CONNECTORS.has(lower) || AND.has(lower)) && list[j + 1]?.capital) {
          words.push(t.text === "&" ? "&" : lower);
          j++;
          continue;
        }
        // Two in a row: "Chancellor of the Exchequer", "Fruit of the Loom".
        const next = list[j + 1];
        if (CONNECTORS.has(lower) && next && CONNECTORS.has(next.text) && list[j + 2]?.capital) {
          words.push(lower, next.text);
          j += 2;
          continue;
        }
        break;
      }
    }
    const before = list[i - 1];
    const after = list[j];
    // No name, or none of its own:
    // - a run this long is a line in title case, not names; and what reads a run is quadratic in it;
    // - a capital's name given with a US state is a town of that state, not the capital ("Athens,
    //   Ohio", "Cairo, Ill."): no topic's, where the capital's would count it.
    // The US state written after a short run's comma, if any, as it is written: read once, for both.
    const state = words.length <= 3 ? stateWrittenAt(list, j) : "";
    if (words.length > MAX_RUN_WORDS || (state !== "" && townOfAState(words, state)) || bracketedInAFirm(list, i, j)) {
      i = j;
      continue;
    }
    found.push({
      words,
      opensSentence: start.opensSentence,
      before: before && !before.capital ? before.text.toLowerCase() : "",
      after: after && !after.capital ? after.text.toLowerCase() : "",
      // Not lower-cased again, as `after` is: once a run, it is only ever compared with "round".
      afterNext: after && !after.capital && list[j + 1] && !list[j + 1]!.capital ? list[j + 1]!.text : "",
      // A ticker (`<XON>`), not the bracket that opens another firm's name ("Packer's <Consolidated
      // Press Holdings Ltd>" gives Kerry Packer no company's cue).
      ticker: bracketed || (after !== undefined && after.text.length > 2 && after.text.startsWith("<")),
      within: state === "" ? "" : stateOfTown(list, j, state),
    });
    i = j;
  }
  return found;
}

/**
 * Whether the run from `i` to `j` is bracketed before a legal suffix: part of a firm's name, where
 * the firm is or what it does ("Morgan Stanley (Jersey) Ltd", "Jardine Fleming (Securities)
 * Ltd"), and no name of its own. Not any bracketed name: "(OPEC)" after its full name is one.
 */
function bracketedInAFirm(list: readonly Token[], i: number, j: number): boolean {
  const suffix = list[j + 1];
  return list[i - 1]?.text === "(" && list[j]?.text === ")" && suffix !== undefined && suffix.capital && isLegalSuffix(suffix.text);
}

/**
 * Whether a firm named by a common word goes on with "of" and where it is: "Aluminum Co of
 * America", "Hospital Corp of America", where "Aluminum" and "Hospital" alone name no firm.
 * Any other firm's name ends at its suffix: "Dyneer Corp of Westport, Conn." is Dyneer.
 */
function wordFirmOf(words: readonly string[], list: readonly Token[], j: number): boolean {
  return words.length === 2 && list[j]!.text === "of" && list[j + 1]?.capital === true && !list[j + 1]!.opensSentence && isCommonWord(lower(words[0]!));
}

/**
 * The US state written after a comma at `j` (", Ohio", ", N.J.", ", New Mexico"), keyed as written
 * ("nj", "new mexico"), or "". Asked of every short run: the comma is looked at first.
 */
function stateWrittenAt(list: readonly Token[], j: number): string {
  if (list[j]?.text !== "," || list[j + 1]?.capital !== true || list[j + 1]!.opensSentence) return "";
  const one = nameKey(list[j + 1]!.text);
  const next = list[j + 2];
  const two = next !== undefined && next.capital && !next.opensSentence ? `${one} ${nameKey(next.text)}` : "";
  return usStateKey(two) !== "" ? two : usStateKey(one) !== "" ? one : "";
}

/**
 * The state a town is given with, keyed by usStateKey, where `written` follows it at `j`
 * ("Naples, Fla.", "Cambridge, Ohio"); or "" in a list of towns ("Baltimore, New York, Atlanta"),
 * where a state's name is a town's.
 */
function stateOfTown(list: readonly Token[], j: number, written: string): string {
  const end = j + (written.includes(" ") ? 3 : 2);
  const listGoesOn = list[end]?.text === "," && list[end + 1]?.capital === true;
  // Written in full, these two are the cities as often.
  return listGoesOn || written === "new york" || written === "washington" ? "" : usStateKey(written);
}

/**
 * Whether a foreign capital's name, `words`, is a town of the US state written after it
 * (", Ohio", ", N.J.", ", New Mexico"), not the capital of a country of that name ("Tbilisi,
 * Georgia").
 */
function townOfAState(words: readonly string[], written: string): boolean {
  const country = FOREIGN_CAPITALS.get(nameKey(words.join(" ")));
  return country !== undefined && written !== country;
}

/** A name cut from a run, with the evidence around it. */
interface Candidate {
  words: string[];
  personCue: boolean;
  /** The offices its title held ("President Reagan": "president"), not forms of address ("Mrs Reagan"). */
  offices: readonly string[];
  saidCue: boolean;
  organisationCue: boolean;
  afterThe: boolean;
  /** The sentence's first word(s): capitalised whatever they are. */
  opensSentence: boolean;
  /** A firm's first word cut as the sentence's opener ("First" of "First Boston has"), or "". */
  opener?: string;
  /** Run.within, for the run's last name. */
  within?: string;
}

/** A word in lower case without its full stop. Called several times for each word of every name: no regex. */
function lower(word: string): string {
  const low = word.toLowerCase();
  return low.endsWith(".") ? low.slice(0, -1) : low;
}
const isLegalSuffix = (word: string): boolean => LEGAL_SUFFIXES.has(lower(word));
const endsAsOrganisation = (words: readonly string[]): boolean => {
  const last = lower(words.at(-1)!);
  return isLegalSuffix(last) || ORGANISATION_ENDS.has(last);
};

/** The length of a title starting at `i` ("Foreign Minister", "Secretary of State"), or 0. */
function titleAt(words: readonly string[], i: number): number {
  let j = i;
  let head = false;
  while (j < words.length) {
    const w = lower(words[j]!);
    if (TITLE_HEADS.has(w)) head = true;
    else if (!TITLE_MODIFIERS.has(w) && !(head && (w === "of" || w === "the") && titleGoesOn(words, j + 1))) break;
    j++;
  }
  // Modifiers alone ("State Department", "Chief") are no title.
  if (!head) return 0;
  // A title ends on its head or on a modifier after "of" ("Secretary of State", "Chancellor of the
  // Exchequer"): back off modifiers that open the name.
  while (j > i && !TITLE_HEADS.has(lower(words[j - 1]!)) && !afterOf(words, i, j - 1)) j--;
  return j - i;
}

/** Whether the word at `k` follows "of" or "of the" within a title that starts at `i`. */
function afterOf(words: readonly string[], i: number, k: number): boolean {
  return (k - 1 >= i && lower(words[k - 1]!) === "of") || (k - 2 >= i && lower(words[k - 2]!) === "of" && lower(words[k - 1]!) === "the");
}

/**
 * Whether a person's name and "of" follow at `k`: "(Chairman) Paul Volcker of the Federal Reserve
 * Board". In an organisation's name, only then is a title one ("Economist Intelligence Unit").
 */
function personOfFollows(words: readonly string[], k: number): boolean {
  const of = words.indexOf("of", k);
  return of - k >= 1 && of - k <= 3 && GIVEN_NAMES.has(lower(words[k]!));
}

/** Whether a title's "of" or "the" at `k - 1` leads on to more of it: "of State", "of the Exchequer". */
function titleGoesOn(words: readonly string[], k: number): boolean {
  const next = words[k] === undefined ? "" : lower(words[k]!);
  return TITLE_MODIFIERS.has(next) || (next === "the" && words[k + 1] !== undefined && TITLE_MODIFIERS.has(lower(words[k + 1]!)));
}

/** What "Treasury" written before it in lower case names: a treasury's securities, not the body. */
const TREASURY_PAPER = new Set(["bill", "bills", "bond", "bonds", "note", "notes", "securities", "issue", "issues", "paper", "yield", "yields", "auction", "auctions", "refunding", "debt", "coupon", "coupons", "market", "futures", "prices", "rates", "strips"]);

/** What a name written before it in lower case is the name of: a waterway, not the place. */
const WATERWAYS = new Set(["river", "rivers", "lock", "locks", "dam", "canal", "basin", "estuary"]);

/**
 * Whether the lower-case word after a name (`Run.after`) makes it the name of another thing, no
 * news of what it names: a round of trade talks of the place it opened in ("the Uruguay round",
 * "the Uruguay trade round");
 * a waterway of the towns ("the Cenepa and Santiago rivers", "the Peoria lock"); a treasury's
 * paper of the treasury ("Treasury bills", "U.S. Treasury bonds", "the Treasury market").
 */
function namesAnotherThing(words: readonly string[], after: string, afterNext: string): boolean {
  if (after === "") return false;
  if (WATERWAYS.has(after)) return true;
  if (after === "round" || (after === "trade" && afterNext === "round")) return PLACES.has(nameKey(words.join(" ")));
  return TREASURY_PAPER.has(after) && lower(words.at(-1)!) === "treasury";
}

/** Words the wire may write in lower case at the head of a place's name: "south Africa", "sub-Saharan Africa". */
const LOWER_CASE_PLACE_HEADS = new Set(["north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "sub-saharan"]);

/**
 * The known place that the lower-case word before a run opens, and how many of the run's words
 * it takes: "social programs in south Africa" is South Africa, "sub-Saharan Africa and North
 * Africa" opens with a region, not Africa. "southern California" names no place of its own, and
 * stays California.
 */
function placeOpenedInLowerCase(before: string, words: readonly string[]): { readonly name: string; readonly words: number } | null {
  if (!LOWER_CASE_PLACE_HEADS.has(before)) return null;
  for (let n = Math.min(words.length, 3); n > 0; n--) {
    const name = PLACES.get(nameKey(`${before} ${words.slice(0, n).join(" ")}`));
    if (name !== undefined) return { name, words: n };
  }
  return null;
}

/** Openers that also begin firms' names: "First Boston Corp", "Old Kent Financial Corp", "One Valley Bancorp". */
const FIRM_FIRST_WORDS = new Set(["first", "second", "third", "new", "old", "one"]);

/** Whether a sentence's first word begins the firm the words name: "First Boston Corp said", where "First" alone would go; not "One of Ford Motor Co's". */
const opensFirm = (words: readonly string[]): boolean => words.length > 2 && FIRM_FIRST_WORDS.has(lower(words[0]!)) && UPPER_FIRST.test(words[1]!) && endsAsOrganisation(words);

/**
 * Where a body's name before a title ends ("House Ways and Means Committee Chairman Dan
 * Rostenkowski"), or 0: not where a person opens the words ("Paul Volcker and Federal Reserve
 * Board Chairman …").
 */
function bodyBeforeTitle(words: readonly string[]): number {
  // Asked of every run: most have no "and" to keep.
  if (words.length < 5 || !words.includes("and")) return 0;
  const title = words.findIndex((word) => TITLE_HEADS.has(lower(word)));
  return title > 1 && ORGANISATION_ENDS.has(lower(words[title - 1]!)) && !GIVEN_NAMES.has(lower(words[0]!)) ? title : 0;
}

/** What a name of a document opens with: "Treaty of Rome", "Act of Union". */
const DOCUMENTS = new Set(["treaty", "treaties", "act", "charter", "convention", "declaration", "protocol", "accord", "agreement", "pact"]);

/** Whether the first `n` words are a known place or organisation. */
function opensKnownName(words: readonly string[], n: number): boolean {
  const key = nameKey(words.slice(0, n).join(" "));
  return PLACES.has(key) || KNOWN_ORGANISATIONS.has(key);
}

/**
 * Adds the name in hand, if any, to a run's names. Not a closure inside `candidates`: tsx keeps
 * function names, which costs a call of its own each time a closure is made (once a run).
 */
function flush(out: Candidate[], current: string[], cued: boolean, offices: readonly string[], run: Run): void {
  if (current.length === 0) return;
  // A monarch's one name is no surname: "King Baudouin" is not Denis Baudouin, "King Hussein" not
  // Saddam Hussein. Uncued, it is given to no one the archive names in full.
  const personCue = cued && !(current.length === 1 && offices.some((office) => MONARCHS.has(office)));
  out.push({ words: current, personCue, offices, saidCue: false, organisationCue: false, afterThe: out.length === 0 && run.before === "the", opensSentence: out.length === 0 && run.opensSentence && current[0] === run.words[0] });
}

/** Titles of a monarch, who goes by one name. */
const MONARCHS = new Set(["king", "queen", "emperor", "empress"]);

/** A title whose holder has a portfolio rather than a body: "Primary Industries Minister". */
const MINISTERS = new Set(["minister", "ministers"]);

/** Verbs of saying, before a name: the speaker follows them, or the subject of what was said. */
const SAYING = new Set(["said", "says", "told"]);
/**
 * Words after a name that leave it the speaker ("said Rex Tillerson of …"), where a verb makes it
 * what was said ("analysts said Jardine Matheson will pay"), unless a given name opens it: "said
 * Dennis Levine pleaded guilty" is still a man; a surname alone is left to the full name it is of.
 */
const SPEAKER_GOES_ON = new Set(["of", "at", "in", "from", "who", "whose", "and"]);
const speaks = (after: string): boolean => after === "" || !/^\p{Ll}/u.test(after) || SPEAKER_GOES_ON.has(after);

/** Cuts a run into names: at titles, and at "and" between two names. */
function candidates(run: Run): Candidate[] {
  const words = [...run.words];
  // A sentence's first word is capitalised whatever it is: one that is no name's first word goes
  // ("In Moscow"), unless it begins a known name ("New York").
  let opener = "";
  if (run.opensSentence && words.length > 0 && NOT_NAMES.has(lower(words[0]!)) && !opensKnownName(words, 1) && !opensKnownName(words, 2) && !opensKnownName(words, 3) && !opensFirm(words)) {
    if (FIRM_FIRST_WORDS.has(lower(words[0]!))) opener = words[0]!;
    words.shift();
  }
  while (words.length > 0 && (OPENER_ANYWHERE.has(lower(words[0]!)) || MONTHS.has(lower(words[0]!)) || WEEKDAYS.has(lower(words[0]!)))) words.shift();
  if (words.length === 0) return [];
  if (namesAnotherThing(words, run.after, run.afterNext)) return [];
  const opened = placeOpenedInLowerCase(run.before, words);
  if (opened !== null) words.splice(0, opened.words, ...opened.name.split(" "));
  // A treaty or an act names no one ("the Treaty of Rome"), nor the place in its name.
  if (words.length > 2 && words[1] === "of" && DOCUMENTS.has(lower(words[0]!))) return [];
  // "Unit" before a number names one of a series: "Palo Verde Unit 1" is a reactor.
  if (words.length > 1 && words.at(-1) === "Unit" && /^\d{1,2}$/u.test(run.after)) words.pop();
  const out: Candidate[] = [];
  // An organisation by its last word, its ticker, or "Bank of …", "Commission for …" inside it.
  const organisation =
    endsAsOrganisation(words) ||
    run.ticker ||
    (words.length > 3 && isLegalSuffix(words[1]!) && words[2] === "of") ||
    words.some((w, i) => i + 2 < words.length && (words[i + 1] === "of" || words[i + 1] === "for" || words[i + 1] === "on") && (ORGANISATION_HEADS_OF.has(lower(w)) || ORGANISATION_ENDS.has(lower(w))));
  // A title inside an organisation's name is none ("Economist Intelligence Unit"), unless a
  // person of it follows (see the loop).
  const namedAsOrganisation = endsAsOrganisation(words) || run.ticker;
  // Up to a title, a body's name keeps its "and": "House Ways and Means Committee Chairman …".
  const bodyEnds = bodyBeforeTitle(words);
  let current: string[] = [];
  // "said Donaldson Lufkin Jenrette analyst Richard Henderson": a role after the run makes it the
  // employer, whatever came before.
  let cued = !run.opensSentence && PERSON_CUES_BEFORE.has(run.before) && !TITLE_HEADS.has(run.after) && (!SAYING.has(run.before) || speaks(run.after) || words.length === 1 || GIVEN_NAMES.has(lower(words[0]!)));
  let offices: readonly string[] = [];
  for (let i = 0; i < words.length; ) {
    // An organisation's name keeps its words: "General Electric Co", "Securities and Exchange
    // Commission", "Economist Intelligence Unit"; but a title opens "Chairman Paul Volcker of the
    // Federal Reserve Board", and one that only holds "Bank of" may still precede a title ("Bank
    // of Japan Governor Satoshi Sumita").
    let title = titleAt(words, i);
    // An office of the body named after it: "President of the Brazilian Coffee Institute", "the
    // Governor of the Bank of England". The body is the name; no person of it is.
    if (title > 0 && lower(words[i + title] ?? "") === "of" && i + title + 2 < words.length) {
      flush(out, current, cued, offices, run);
      current = [];
      cued = false;
      offices = [];
      i += title + 1;
      if (lower(words[i]!) === "the") i++;
      continue;
    }
    if (namedAsOrganisation && !personOfFollows(words, i + title)) title = 0;
    if (title > 0 && i + title < words.length) {
      // A name before a title is its holder's employer or country, not the person the cue before
      // the run points at: "said Shearson Lehman analyst John Smith".
      if (out.length === 0 && current.length > 0) cued = false;
      // A people's word and more before a bare "Minister" are a country's portfolio: "Malaysian
      // Primary Industries Minister Lim Keng Yaik" names no body "Malaysian Primary Industries".
      // (A body's minister keeps it: "Economic Planning Board Minister Kim Mahn-je".)
      if (current.length > 1 && isNationality(current[0]!) && MINISTERS.has(lower(words[i]!))) current = [];
      flush(out, current, cued, offices, run);
      current = [];
      cued = true;
      offices = words
        .slice(i, i + title)
        .map(lower)
        .filter((w) => TITLE_HEADS.has(w) && !FORMS_OF_ADDRESS.has(w));
      i += title;
      continue;
    }
    if (title > 0) {
      // A title with no name after it ("the Prime Minister") names nobody.
      flush(out, current, cued, offices, run);
      current = [];
      break;
    }
    if (splitsHere(words, i, organisation || i < bodyEnds, i - current.length)) {
      flush(out, current, cued, offices, run);
      current = [];
      cued = false;
      offices = [];
      i++;
      continue;
    }
    current.push(words[i]!);
    i++;
  }
  flush(out, current, cued, offices, run);
  // A ticker marks the last name; the organisation's words mark the name that holds them (clean).
  if (opener !== "" && out[0]?.words[0] === words[0]) out[0]!.opener = opener;
  const last = out.at(-1);
  if (last) {
    if (run.within !== "") last.within = run.within;
    if (run.ticker || (organisation && out.length === 1)) last.organisationCue = true;
    if (PERSON_CUES_AFTER.has(run.after)) last.saidCue = true;
    if (ORGANISATION_CUES_AFTER.has(run.after)) {
      last.organisationCue = true;
      last.personCue = false;
    }
  }
  return out;
}

/**
 * Small words that join two names unless the whole is an organisation's ("Securities and
 * Exchange Commission", "Bank of Japan"): "Tillerson and Lavrov", "Moscow on Wednesday".
 */
const SPLITS_A_NAME = new Set(["and", "&", "of", "for", "the", "on", "und", "et", "fuer", "für"]);

/** Whether words open with a place and go on to an organisation's last word, before any legal suffix: "New Zealand Banking Group Ltd". */
function firmAfterAPlace(words: readonly string[]): boolean {
  let end = words.length;
  while (end > 1 && isLegalSuffix(words[end - 1]!)) end--;
  for (let n = 1; n <= 3 && n < end; n++) if (PLACES.has(nameKey(words.slice(0, n).join(" ")))) return ORGANISATION_ENDS.has(lower(words[end - 1]!));
  return false;
}

/**
 * Whether the run's word `i` joins two names rather than standing inside one. In an
 * organisation's name "and" stays unless it joins names known apart ("IMF and World Bank") or
 * three ("Wagner and Brown and AFG Industries"); "of" stays after an organisation's word ("Bank of
 * Japan", "Chicago Board of Trade"), not after a person's name ("David Jones of Aubrey G. Lanston").
 */
function splitsHere(all: readonly string[], i: number, organisation: boolean, start: number): boolean {
  // The name so far: from the run's start, or from the title cut off before it.
  const words = all.slice(start);
  i -= start;
  const word = words[i]!.toLowerCase();
  if (!SPLITS_A_NAME.has(word)) return false;
  if (PLACES.has(nameKey(words.join(" ")))) return false;
  // In English copy a German or French "and" is inside a firm's name: "Bilfinger und Berger".
  if (word === "und" || word === "et") return false;
  if (!organisation) return true;
  // A day after a body's name: "the Commerce Department on Tuesday".
  if (word === "on" && (WEEKDAYS.has(lower(words[i + 1] ?? "")) || MONTHS.has(lower(words[i + 1] ?? "")))) return true;
  if (word === "and" || word === "&") {
    const before = nameKey(words.slice(0, i).join(" "));
    const after = nameKey(words.slice(i + 1).join(" "));
    return (
      // A place and a body ("Japan and the World Bank"), but not two places that open one firm's
      // name: "Australia and New Zealand Banking Group".
      (PLACES.has(before) && !firmAfterAPlace(words.slice(i + 1))) ||
      KNOWN_ORGANISATIONS.has(before) ||
      KNOWN_ORGANISATIONS.has(after) ||
      // A body and a country: "the Group of Five and Canada".
      PLACES.has(after) ||
      isLegalSuffix(words[i - 1] ?? "") ||
      // Two organisations: "Bank of Japan and Bank of England" (but one "Florida Power and Light Co"),
      // "Interim Committee and Development Committee" (but one "Savings and Loan Association").
      (i >= 2 && isOrganisationName(words.slice(0, i)) && isOrganisationName(words.slice(i + 1))) ||
      (i >= 2 && words.length - i > 2 && ORGANISATION_ENDS.has(lower(words[i - 1]!)) && lower(words[i - 1]!) === lower(words.at(-1)!)) ||
      // A bank named by uncommon words and another: "Citibank and Chase Manhattan Bank", "J.P.
      // Morgan and Bankers Trust" (but one "Farmers and Merchants Bank"; and a firm's partners,
      // "MacAndrews and Forbes Group").
      (i <= 2 && words.length - i > 2 && BANKS.has(lower(words.at(-1)!)) && words.slice(0, i).every((w) => !isCommonWord(lower(w)) && !ORGANISATION_ENDS.has(lower(w)))) ||
      words.filter((w) => AND.has(w.toLowerCase())).length > 1 ||
      // A person and an organisation: "Paul Volcker and International Monetary Fund", not a firm
      // named after its founders ("James Capel and Co", "Alex Brown and Sons").
      (i >= 2 && i <= 3 && GIVEN_NAMES.has(lower(words[0]!)) && !ORGANISATION_ENDS.has(lower(words[i - 1]!)) && words.length - i > 2 && ORGANISATION_ENDS.has(lower(words.at(-1)!)))
    );
  }
  if (word === "for" || word === "on") {
    // Inside an organisation's name after its own word ("Organisation for Economic Cooperation",
    // "Commission for Asia", "Presidential Commission on Good Government"); otherwise it joins
    // two ("Lawyers for Texaco Inc").
    const previous = lower(words[i - 1] ?? "");
    return !ORGANISATION_HEADS_OF.has(previous) && !ORGANISATION_ENDS.has(previous);
  }
  if (word === "of" || word === "fuer" || word === "für") {
    // After a person's name, "of" gives the firm: "David Jones of Aubrey G. Lanston"; otherwise it
    // is inside one ("Bank of Japan", "Fruit of the Loom").
    const before = words.slice(0, i);
    return before.length >= 2 && before.length <= 3 && GIVEN_NAMES.has(lower(before[0]!)) && !ORGANISATION_ENDS.has(lower(before.at(-1)!));
  }
  return false;
}

const AND = new Set(["and", "&", "und", "et"]);
const BANKS = new Set(["bank", "trust"]);

/** Whether words name an organisation on their own: "Bank of Japan", "Chemical Bank". */
function isOrganisationName(words: readonly string[]): boolean {
  return words.length >= 3 && ORGANISATION_HEADS_OF.has(lower(words[0]!)) && words[1] === "of";
}

/** Words that are never a name's first word, even mid-sentence: "the", "and". */
const OPENER_ANYWHERE = new Set(["the", "a", "an", "and", "of", "for", "on", "in", "at", "by", "to", "from", "with"]);

/** A candidate's name made clean: no nationality in front, no legal suffix or connector at the ends. */
function clean(candidate: Candidate): Candidate | null {
  const words = [...candidate.words];
  let organisationCue = candidate.organisationCue;
  const whole = nameKey(words.join(" "));
  // Not from an organisation's name: "British Airways", "Saudi Press Agency".
  const keepsNationality = PLACES.has(whole) || KNOWN_ORGANISATIONS.has(whole) || organisationCue || endsAsOrganisation(words);
  while (!keepsNationality && words.length > 1 && isNationality(words[0]!)) words.shift();
  // "West German" and "South Korean" are adjectives too.
  if (!keepsNationality && words.length > 2 && /^(?:west|east|north|south)$/iu.test(words[0]!) && isNationality(words[1]!)) words.splice(0, 2);
  // "Cie" ends a name after "et" or "und" ("Lazard Freres et Cie"), and opens one ("Cie Generale d'Electricite").
  while (words.length > 1 && (isLegalSuffix(words.at(-1)!) || words.at(-1) === "&" || words.at(-1) === "and" || (words.at(-1) === "Cie" && AND.has(words.at(-2)!)))) {
    // A firm named by one common word keeps its suffix: "News Corp", "Time Inc", "Sun Co"; alone,
    // "News" or "Time" is the word as often as the firm.
    if (words.length === 2 && isLegalSuffix(words[1]!) && isCommonWord(lower(words[0]!)) && !ORGANISATION_ENDS.has(lower(words[0]!))) {
      words[1] = words[1]!.replace(/\.$/u, "");
      break;
    }
    words.pop();
    organisationCue = true;
  }
  while (words.length > 0 && joins(words[0]!)) words.shift();
  while (words.length > 0 && joins(words.at(-1)!)) words.pop();
  // An adjective after "of" ends no name: "the Paris Club of Western creditor governments".
  if (words.length > 2 && DIRECTIONS.has(lower(words.at(-1)!)) && CONNECTORS.has(words.at(-2)!)) words.splice(-2, 2);
  if (words.length === 0 || words.length > 6) return null;
  // A people's adjective names nothing, whatever follows it: "its West German subsidiary".
  if (words.every((w) => isNationality(w) || /^(?:west|east|north|south)$/iu.test(w))) return null;
  const name = words.join(" ");
  const key = nameKey(name);
  if (words.length === 1 && !KNOWN_ORGANISATIONS.has(key) && (NOT_NAMES.has(key) || isNationality(name) || TITLE_HEADS.has(key) || TITLE_MODIFIERS.has(key))) return null;
  // A single letter, or initials alone, name nobody: "A", "J.P."
  if (/^\p{L}$/u.test(name) || (INITIALS.test(name) && !PLACES.has(key) && !KNOWN_ORGANISATIONS.has(key))) return null;
  if (words.length > 1 && words.every((w) => NOT_NAMES.has(lower(w)) || CONNECTORS.has(w))) return null;
  if (words.length === 1 && isLegalSuffix(name)) return null;
  // A class of shares or notes: "Series B", "Class A".
  if (words.length === 2 && SHARE_CLASSES.has(lower(words[0]!)) && /^[\p{Lu}\d]{1,2}$/u.test(words[1]!)) return null;
  return { ...candidate, words, organisationCue: organisationCue || isOrganisationName(words) || endsAsOrganisation(words) };
}

/** Words that, with a letter or number after them, name a class of shares or notes, no body. */
const SHARE_CLASSES = new Set(["series", "class", "tranche"]);

/** Adjectives of a compass point: "Western" after "of" is of the words that follow, not a name's end. */
const DIRECTIONS = new Set(["western", "eastern", "northern", "southern"]);

/** A word that joins two parts of a name and ends none. Capitalised, a particle begins a name: "Du Pont", "De Beers". */
function joins(word: string): boolean {
  return CONNECTORS.has(word) || word === "&" || word.toLowerCase() === "and";
}

/** More than half of the letters are capitals: a wire headline or a table, not prose. */
function inCapitals(line: string): boolean {
  let upper = 0;
  let lowerCase = 0;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code >= 65 && code <= 90) upper++;
    else if (code >= 97 && code <= 122) lowerCase++;
  }
  return upper > lowerCase;
}

interface Tally {
  name: string;
  count: number;
  personCues: number;
  /** The offices titles before it held (Candidate.offices), if any did. */
  offices: Set<string> | null;
  saidCues: number;
  afterThe: number;
  organisationCues: number;
  lead: boolean;
  words: number;
  /** Times it was a sentence's first word. */
  openings: number;
  /** The first US state given after it, or "". */
  within: string;
}

/** The names an article mentions, most mentioned first (ties by name, so the order is stable). */
export function mentionsOf(article: MentionSource): Mention[] {
  const lead = [article.headline, article.standfirst ?? ""].filter((l) => l !== "");
  const prose = article.body.filter((b) => b.type === "paragraph").map((b) => b.text);
  const byKey = new Map<string, Tally>();
  const capitalLines: string[] = [];
  // "First Boston has …": the firm the article names, once it is read whole, not Boston.
  const cutOpeners: { candidate: Candidate; inLead: boolean }[] = [];
  const add = (candidate: Candidate, inLead: boolean, name = candidate.words.join(" ")): void => {
    const key = nameKey(name);
    let tally = byKey.get(key);
    if (!tally) byKey.set(key, (tally = { name, count: 0, personCues: 0, offices: null, saidCues: 0, organisationCues: 0, afterThe: 0, lead: false, words: candidate.words.length, openings: 0, within: "" }));
    tally.count++;
    if (candidate.personCue) tally.personCues++;
    for (const office of candidate.offices) (tally.offices ??= new Set()).add(office);
    if (candidate.saidCue) tally.saidCues++;
    if (candidate.afterThe) tally.afterThe++;
    if (candidate.organisationCue) tally.organisationCues++;
    if (candidate.opensSentence) tally.openings++;
    if (candidate.within && tally.within === "") tally.within = candidate.within;
    if (inLead) tally.lead = true;
  };
  const read = (line: string, inLead: boolean): void => {
    if (inCapitals(line)) {
      // A wire headline in capitals adds to the names the text gives; a table in capitals in the
      // body adds nothing (and a file of 10,000 such lines would cost lines × names).
      if (inLead) capitalLines.push(line);
      return;
    }
    for (const run of runs(line)) {
      for (const found of candidates(run)) {
        const candidate = clean(found);
        if (candidate === null) continue;
        if (candidate.opener) cutOpeners.push({ candidate, inLead });
        else add(candidate, inLead);
      }
    }
  };
  lead.forEach((line) => read(line, true));
  prose.forEach((line) => read(line, false));
  for (const { candidate, inLead } of cutOpeners) {
    const whole = `${candidate.opener!} ${candidate.words.join(" ")}`;
    const firm = byKey.get(nameKey(whole));
    add(candidate, inLead, firm !== undefined && firm.organisationCues > 0 ? firm.name : undefined);
  }
  // A line in capitals counts for the names the prose spells out, matched word for word.
  for (const line of capitalLines) {
    const spans = wordSpans(nameKey(line.replace(/<[^>]*>/gu, " ").replace(/['’]s\b/gu, "").replace(/[^\p{L}\p{M}\d.'’&-]+/gu, " ")));
    for (const [key, tally] of byKey) {
      // A headline names a person by the surname: "REAGAN SEES …" for Ronald Reagan.
      let surname = tally.words > 1 && tally.organisationCues === 0 && !key.includes(" of ") ? key.slice(key.lastIndexOf(" ") + 1) : null;
      // Not when the surname alone holds an office the full name does not: "REAGAN SEES …" over
      // a story of President Reagan that names Nancy Reagan is his headline (mergeShortForms).
      const alone = surname === null ? undefined : byKey.get(surname);
      if (alone !== undefined && holdsAnotherOffice(alone, tally)) surname = null;
      if (spans.has(key) || (surname !== null && spans.has(surname))) {
        tally.count++;
        tally.lead = true;
      }
    }
  }
  mergeShortForms(byKey);
  return [...byKey.values()]
    .map((t) => ({ name: t.name, count: t.count, personCues: t.personCues, saidCues: t.saidCues, organisationCues: t.organisationCues, afterThe: t.afterThe, lead: t.lead, opensOnly: opensOnly(t), within: t.within }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * A word the article writes only as a sentence's first, with nothing else to show it a name there:
 * capitalised as any first word is ("News of the meeting", "Discount fares", "Time is running
 * out"). Whether it is a name is left to the archive (src/archive/topics.ts); a name's short form
 * merged into the name it shortens is that name's.
 */
const opensOnly = (t: Tally): boolean =>
  t.words === 1 && t.openings === t.count && !t.lead && t.personCues + t.saidCues + t.organisationCues + t.afterThe === 0;

/**
 * Every run of one to six words of a line, to look names up in: the line's length times six,
 * where searching the line for each name cost its length times the article's names.
 */
function wordSpans(text: string): Set<string> {
  const words = text.split(" ").filter(Boolean);
  const spans = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    let span = "";
    for (let n = 0; n < 6 && i + n < words.length; n++) {
      span = n === 0 ? words[i]! : `${span} ${words[i + n]!}`;
      spans.add(span);
    }
  }
  return spans;
}

/** A full name the article shows to be a person's: a title or a role, and no firm's mark. */
const isPersonHere = (full: Tally): boolean => full.personCues > 0 && full.organisationCues === 0;

/** Whether a short form held an office the full name was never given. */
const holdsAnotherOffice = (short: Tally, full: Tally): boolean => short.offices !== null && [...short.offices].some((office) => !full.offices?.has(office));

/** Titles that address a person rather than name an office: "Mrs Reagan" is Nancy Reagan's. */
const FORMS_OF_ADDRESS = new Set(["mr", "mrs", "ms", "dr", "sir", "lord", "lady", "dame"]);

/**
 * A name used alone after the article gave it in full counts for the full name: a surname for a
 * person ("Tillerson", "Assad" for "Bashar al-Assad"), a first word for an organisation
 * ("Geodyne" for "Geodyne Resources"). Only when one full name fits, and never a known place.
 * Nor when the surname holds an office the full name is never given there: in a story of
 * "President Reagan" that names "First Lady Nancy Reagan", the President is not she. Left alone,
 * the surname (all its mentions in the article) goes to whom the archive gives it (topics.ts).
 */
function mergeShortForms(byKey: Map<string, Tally>): void {
  // Full names by the words a short form may be: a surname (with or without "al-"), or an
  // organisation's first word. Looked up, not searched: a hostile file may hold 100,000 names.
  const byShortForm = new Map<string, Set<Tally>>();
  // The words some full name ends in: a firm's first word alone is no one's surname.
  const surnames = new Set<string>();
  // The first words of the article's people, null where two share one: a surname written first,
  // as Korea, China and Japan write it ("Deputy Prime Minister Kim Mahn-je", then "Kim said").
  // Left alone, "Kim" went to the one person of the archive with Kim last, an analyst.
  const firstWords = new Map<string, Tally | null>();
  // Firms' units named for their country, by the word after it: "Honda" after "American Honda
  // Motor Corp" is the firm, not a man of the archive surnamed Honda; but "Gelco Corp", named with
  // its own suffix, is the parent of "Canadian Gelco Express Ltd", not a short form of it.
  const byUnitWord = new Map<string, Set<Tally>>();
  const index = (word: string, full: Tally, by = byShortForm): void => {
    let fits = by.get(word);
    if (!fits) by.set(word, (fits = new Set()));
    fits.add(full);
  };
  for (const [fullKey, full] of byKey) {
    if (full.words < 2) continue;
    const parts = fullKey.split(" ");
    const last = parts.at(-1)!;
    for (const surname of [last, last.replace(NAME_PARTICLES, "")]) {
      index(surname, full);
      surnames.add(surname);
    }
    if (full.organisationCues > 0) {
      index(parts[0]!, full);
      if (parts.length > 2 && (isNationality(parts[0]!) || PLACES.has(parts[0]!))) index(parts[1]!, full, byUnitWord);
    } else if (isPersonHere(full)) firstWords.set(parts[0]!, firstWords.has(parts[0]!) ? null : full);
  }
  for (const [key, tally] of [...byKey]) {
    if (tally.words !== 1 || KNOWN_ORGANISATIONS.has(key)) continue;
    const first = tally.personCues + tally.saidCues > 0 ? firstWords.get(key) : undefined;
    const fits = byShortForm.get(key) ?? (tally.organisationCues === 0 ? byUnitWord.get(key) : undefined) ?? (first ? new Set([first]) : undefined);
    if (fits === undefined) continue;
    // A place's name is a surname too ("Finance Minister Roger Douglas", then "Douglas said"): only
    // where the article makes it speak or hold an office most times it gives it alone.
    if (PLACES.has(key) && (fits.size > 1 || (tally.personCues + tally.saidCues) * 2 < tally.count || !isPersonHere(fits.values().next().value!))) continue;
    if (fits.size > 1) {
      // The first word of several firms the article names, and no one's surname here ("Baker"
      // beside "Baker International Corp" and "Baker Oil Tools Inc"): a firm, one of those or
      // another of the name. It keeps no cue of a person, so that the archive does not take it
      // for whom it gives the surname to ("Baker said" made the story James Baker's).
      // So is a word that every name it fits here is a firm's, though it ends one of them
      // ("Morgan" beside "J.P. Morgan and Co" and "Morgan Guaranty Trust Co").
      if (!surnames.has(key) || [...fits].every((full) => full.organisationCues > 0)) tally.personCues = tally.saidCues = 0;
      continue;
    }
    const full = fits.values().next().value!;
    if (holdsAnotherOffice(tally, full)) continue;
    // A surname that only ever names a firm here is the firm named after the person: "<Bond Corp
    // International Ltd>" beside Alan Bond. Merged, its cues made him an organisation.
    // So is one the article gives a firm's mark beside a person's full name ("Robert Salomon,
    // managing director of Salomon Inc, said"), whatever else it says of it: the firm's mark
    // merged made him an organisation.
    if (tally.organisationCues > 0 && full.organisationCues === 0 && (tally.personCues + tally.saidCues === 0 || GIVEN_NAMES.has(lower(full.name.slice(0, full.name.indexOf(" ")))))) continue;
    full.count += tally.count;
    for (const office of tally.offices ?? []) (full.offices ??= new Set()).add(office);
    full.personCues += tally.personCues;
    full.saidCues += tally.saidCues;
    full.afterThe += tally.afterThe;
    full.organisationCues += tally.organisationCues;
    full.lead ||= tally.lead;
    byKey.delete(key);
  }
}

/**
 * Mentions as the parse cache keeps them, one line each (`name`, then the counts, tab-separated):
 * at 100,000 articles, 600,000 small objects in JSON would have doubled the cache.
 */
export type EncodedMentions = string & { readonly __brand: "EncodedMentions" };

/** The last field's bits: `lead` and `opensOnly`. */
const LEAD_BIT = 1;
const OPENS_ONLY_BIT = 2;

export function encodeMentions(mentions: readonly Mention[]): EncodedMentions {
  return mentions.map((m) => `${m.name}\t${m.count}\t${m.personCues}\t${m.saidCues}\t${m.organisationCues}\t${m.afterThe}\t${(m.lead ? LEAD_BIT : 0) | (m.opensOnly ? OPENS_ONLY_BIT : 0)}${m.within === "" ? "" : `\t${m.within}`}`).join("\n") as EncodedMentions;
}

export function decodeMentions(text: EncodedMentions): Mention[] {
  const mentions: Mention[] = [];
  eachMention(text, (name, count, personCues, saidCues, organisationCues, afterThe, lead, opens, within) => mentions.push({ name, count, personCues, saidCues, organisationCues, afterThe, lead, opensOnly: opens, within }));
  return mentions;
}

/**
 * Calls `visit` with each mention's fields, making no object of it: the topics weigh some two
 * million mentions at 100,000 articles, and an object each was most of what they kept the
 * garbage collector busy with.
 */
export function eachMention(
  text: EncodedMentions,
  visit: (name: string, count: number, personCues: number, saidCues: number, organisationCues: number, afterThe: number, lead: boolean, opensOnly: boolean, within: string) => void,
): void {
  // Read in place, field by field: splitting made two arrays and eight strings a mention.
  let at = 0;
  const number = (): number => {
    let n = 0;
    for (let c = text.charCodeAt(at); c >= 48 && c <= 57; c = text.charCodeAt(++at)) n = n * 10 + c - 48;
    at++; // the tab or line feed after it
    return n;
  };
  while (at < text.length) {
    const tab = text.indexOf("\t", at);
    // Only encodeMentions writes this text, but a line cut short must end the reading, not restart it.
    if (tab < 0) return;
    const name = text.slice(at, tab);
    at = tab + 1;
    const count = number();
    const personCues = number();
    const saidCues = number();
    const organisationCues = number();
    const afterThe = number();
    const bits = number();
    // A region, if any, after one more tab, up to the line's end.
    let within = "";
    if (text.charCodeAt(at - 1) === 9) {
      const end = text.indexOf("\n", at);
      within = text.slice(at, end < 0 ? text.length : end);
      at = end < 0 ? text.length : end + 1;
    }
    visit(name, count, personCues, saidCues, organisationCues, afterThe, (bits & LEAD_BIT) !== 0, (bits & OPENS_ONLY_BIT) !== 0, within);
  }
}
