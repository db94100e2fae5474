import type { Article } from "./article.js";

/** How many related articles an article page lists. */
export const RELATED_COUNT = 5;
/** Words of body text looked at after the headline and standfirst: the lead says what a story is about. */
const LEAD_WORDS = 80;
/** Terms per article used to find its relatives: the rarest it has. */
const KEY_TERMS = 12;
/**
 * Key words a relative must share with the article. One alone is most often chance: on the
 * Reuters stories, 21% of the links one shared word allowed shared no section, topic or headline
 * word with their story ("TORONTO SUN RAISES DIVIDEND" → "MUELLER BRASS LOWERS PRODUCT PRICES"),
 * against 12% with two. Asking for two took away 25% of the links and left 12% of the stories
 * with no list (2% before); three would leave nearly half with none.
 */
const SHARED_KEYS = 2;

const STOPWORDS = new Set(
  "the and for that with from this have has had was were are been will would said says say its their they them than then there what when which who whom whose into over under after before about also more most some such only other could should may might can not but his her him she our out new one two three year years week last first per pct mln dlrs cts vs inc corp ltd company".split(" "),
);

/** What relating articles reads of one. */
export type RelatedInput = Pick<Article, "headline" | "standfirst" | "body" | "date" | "file">;

const WORD = /\S+/gu;
const TERM = /\p{L}[\p{L}\p{M}'’-]{2,}/gu;

/**
 * The first LEAD_WORDS words of the body, scanning no further than they go. Each paragraph's share
 * is cut from its text rather than gathered word by word: what lies between two words is kept as
 * written, which no term can span.
 */
function lead(a: RelatedInput): string {
  const parts: string[] = [];
  let taken = 0;
  for (const { text } of a.body) {
    if (taken >= LEAD_WORDS) break;
    WORD.lastIndex = 0;
    let start = -1;
    let end = 0;
    for (let m = WORD.exec(text); m !== null; m = taken < LEAD_WORDS ? WORD.exec(text) : null) {
      if (start < 0) start = m.index;
      end = WORD.lastIndex;
      taken++;
    }
    if (start >= 0) parts.push(text.slice(start, end));
  }
  return parts.join(" ");
}

/** The words that may say what an article is about: its own, but for the commonest. */
function terms(a: RelatedInput): string[] {
  const text = `${a.headline} ${a.standfirst ?? ""} ${lead(a)}`.toLowerCase();
  return (text.match(TERM) ?? []).filter((word) => !STOPWORDS.has(word));
}

/**
 * The most articles a key term may be found in. A word in 0.5% of the archive still says what a
 * story is about, but past 100 articles it costs more than it tells: scoring reads every article of
 * every key word. Constant past 20,000 articles, so that a large archive's keys only change where
 * its words' counts do (see relatedArticles).
 */
export function keyTermCap(articles: number): number {
  return Math.max(20, Math.min(100, Math.round(articles * 0.005)));
}

/**
 * What one build leaves the next, so that relating a large archive again costs only what its
 * changes touch. Typed arrays and strings only: it is stored with `v8.serialize`.
 */
export interface RelatedIndex {
  readonly version: 1;
  readonly cap: number;
  /** Each article's identity (it must change whenever the article's text does), in index order. */
  readonly ids: readonly string[];
  /** Every word seen, by number. */
  readonly words: readonly string[];
  /** Article i's words: `wordIds[wordStarts[i]]` up to `wordIds[wordStarts[i + 1]]`. */
  readonly wordStarts: Int32Array;
  readonly wordIds: Int32Array;
  /** Article i's key words, the same way. */
  readonly keyStarts: Int32Array;
  readonly keyIds: Int32Array;
  /** RELATED_COUNT per article, indices into `ids`, -1 where there are fewer. */
  readonly related: Int32Array;
}

export interface Related {
  /** For each article (by index), the indices of up to RELATED_COUNT others, most alike first. */
  readonly lists: readonly (readonly number[])[];
  /** For the next build. */
  readonly index: RelatedIndex;
  /** How many articles had their list worked out rather than carried over. */
  readonly recomputed: number;
}

/** A list of lists of numbers, flat: item i is `values[starts[i]]` up to `values[starts[i + 1]]`. */
class Lists {
  readonly starts: Int32Array;
  private values: Int32Array;
  private length = 0;

  constructor(count: number, capacity: number) {
    this.starts = new Int32Array(count + 1);
    this.values = new Int32Array(Math.max(16, capacity));
  }

  /** Appends the next item's values (items are added in order). */
  push(item: number, values: ArrayLike<number>): void {
    this.room(values.length);
    this.values.set(values, this.length);
    this.length += values.length;
    this.starts[item + 1] = this.length;
  }

  /**
   * Appends the next item's values, copied from `from` up to `to` of `source`: an item carried
   * over from the last build's index, with no view made of it (100,000 views a rebuild).
   */
  pushRange(item: number, source: Int32Array, from: number, to: number): void {
    this.room(to - from);
    for (let k = from; k < to; k++) this.values[this.length++] = source[k]!;
    this.starts[item + 1] = this.length;
  }

  private room(more: number): void {
    if (this.length + more <= this.values.length) return;
    const grown = new Int32Array(Math.max(this.values.length * 2, this.length + more));
    grown.set(this.values.subarray(0, this.length));
    this.values = grown;
  }

  flat(): Int32Array {
    return this.values.slice(0, this.length);
  }
}

function slice(starts: Int32Array, values: Int32Array, i: number): Int32Array {
  return values.subarray(starts[i]!, starts[i + 1]!);
}

/** Whether item i of a flat list of lists has any value flagged. */
function anyFlagged(starts: Int32Array, values: Int32Array, i: number, flagged: Uint8Array): boolean {
  for (let k = starts[i]!, end = starts[i + 1]!; k < end; k++) if (flagged[values[k]!] === 1) return true;
  return false;
}

function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * Articles not found near their place in the last index that are looked for one by one, before a
 * map of every id is made: a scan of 100,000 ids costs a fraction of making the map, which one
 * new article would otherwise need.
 */
const SEARCHED_ONE_BY_ONE = 16;

/** Each article's place in the archive, newest first, then by file. */
function newerFirstRank(articles: readonly RelatedInput[]): Int32Array {
  const rank = new Int32Array(articles.length);
  Array.from({ length: articles.length }, (_, i) => i)
    .sort((a, b) => {
      const x = articles[a]!;
      const y = articles[b]!;
      return x.date !== y.date ? (x.date > y.date ? -1 : 1) : x.file < y.file ? -1 : x.file > y.file ? 1 : 0;
    })
    .forEach((article, position) => (rank[article] = position));
  return rank;
}

/**
 * For each article, up to RELATED_COUNT others sharing at least SHARED_KEYS of its rarest words,
 * scored by the sum of the shared words' weights: ranking from the archive itself, with no service.
 *
 * A word's weight is `log(200 × cap / df)`, its inverse document frequency in an archive of the
 * size the cap is tuned for rather than in this one: then adding an article changes the weights of
 * its own words only, not of every word. With `previous` (the index of an earlier build), only the
 * articles whose list can have changed are scored again: those whose key words changed, and those
 * with a key word whose weight changed or that another article gained, lost, added or removed.
 * Every other list is carried over, and the result is the same as relating from scratch.
 */
export function relatedArticles(
  articles: readonly RelatedInput[],
  identity: (article: RelatedInput, index: number) => string,
  previous: RelatedIndex | null = null,
  cap = keyTermCap(articles.length),
): Related {
  const n = articles.length;
  const ids = articles.map(identity);
  const before = previous?.version === 1 ? previous : null;

  // Each article's words: carried over by identity, extracted only for articles new to the index.
  const oldOf = new Int32Array(n).fill(-1);
  if (before) {
    // Each article looked for where the one before it was found says, then one place either side:
    // between two builds most keep their order, shifted by one for each added or removed ahead
    // of them. Those not found so (new ones, mostly) are looked for through the whole index: one
    // by one while they are few, then by a map of every id.
    const old = before.ids;
    let position: Map<string, number> | null = null;
    let searched = 0;
    const find = (id: string): number => {
      if (position === null && searched++ < SEARCHED_ONE_BY_ONE) return old.indexOf(id);
      position ??= new Map(old.map((known, j) => [known, j]));
      return position.get(id) ?? -1;
    };
    let shift = 0;
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      const guess = i + shift;
      const j = old[guess] === id ? guess : old[guess + 1] === id ? guess + 1 : old[guess - 1] === id ? guess - 1 : find(id);
      oldOf[i] = j;
      if (j >= 0) shift = j - i;
    }
  }
  const words = before ? [...before.words] : [];
  let wordNumber: Map<string, number> | null = null;
  const numberOf = (word: string): number => {
    wordNumber ??= new Map(words.map((w, k) => [w, k]));
    let k = wordNumber.get(word);
    if (k === undefined) {
      k = words.push(word) - 1;
      wordNumber.set(word, k);
    }
    return k;
  };
  // An article's words by number, each once, in the order first written: told apart by number
  // (the article that last had each), not through a set of strings made for every article.
  let lastHad = new Int32Array(1024).fill(-1);
  const numbered = (i: number): number[] => {
    const ids: number[] = [];
    for (const word of terms(articles[i]!)) {
      const k = numberOf(word);
      if (k >= lastHad.length) {
        const grown = new Int32Array(Math.max(lastHad.length * 2, k + 1)).fill(-1);
        grown.set(lastHad);
        lastHad = grown;
      }
      if (lastHad[k] === i) continue;
      lastHad[k] = i;
      ids.push(k);
    }
    return ids;
  };
  const docWords = new Lists(n, before ? before.wordIds.length : n * 48);
  for (let i = 0; i < n; i++) {
    const j = oldOf[i]!;
    if (j >= 0) docWords.pushRange(i, before!.wordIds, before!.wordStarts[j]!, before!.wordStarts[j + 1]!);
    else docWords.push(i, numbered(i));
  }
  const wordStarts = docWords.starts;
  const wordIds = docWords.flat();
  const wordsOf = (i: number): Int32Array => slice(wordStarts, wordIds, i);

  const df = new Int32Array(words.length);
  for (const w of wordIds) df[w]!++;

  // The words whose counts changed, of those that could be a key before or after (keysFor): those
  // of added and removed articles, where they differ. A word in more articles than the cap is no
  // one's key either side, and changes neither keys nor scores: most of a new article's words
  // are such, and counted changed they had every article's keys worked out again.
  const canBeKey = (articlesWithWord: number): boolean => articlesWithWord >= 2 && articlesWithWord <= cap;
  const fresh = before === null || before.cap !== cap;
  const changedWord = new Uint8Array(words.length);
  const removed: number[] = [];
  if (!fresh) {
    const dfBefore = df.slice();
    const stillHere = new Uint8Array(before.ids.length);
    for (let i = 0; i < n; i++) {
      if (oldOf[i]! >= 0) stillHere[oldOf[i]!] = 1;
      else for (const w of wordsOf(i)) dfBefore[w]!--;
    }
    for (let j = 0; j < before.ids.length; j++) {
      if (stillHere[j] === 1) continue;
      removed.push(j);
      for (const w of slice(before.wordStarts, before.wordIds, j)) dfBefore[w]!++;
    }
    for (let w = 0; w < words.length; w++) if (dfBefore[w] !== df[w] && (canBeKey(dfBefore[w]!) || canBeKey(df[w]!))) changedWord[w] = 1;
  }

  // Key words: the rarest useful ones. Ties go to the word itself, not its number, which differs
  // between an index grown build by build and one made from scratch.
  const keysFor = (i: number): number[] =>
    [...wordsOf(i)]
      .filter((w) => canBeKey(df[w]!))
      .sort((a, b) => df[a]! - df[b]! || (words[a]! < words[b]! ? -1 : words[a]! > words[b]! ? 1 : 0))
      .slice(0, KEY_TERMS);
  // Words whose articles must be scored again: weight changed, or gained or lost as some article's key.
  const touchedWord = changedWord.slice();
  const keyChanged = new Uint8Array(n);
  const docKeys = new Lists(n, n * KEY_TERMS);
  for (let i = 0; i < n; i++) {
    const j = oldOf[i]!;
    const carriedOver = !fresh && j >= 0;
    if (carriedOver && !anyFlagged(wordStarts, wordIds, i, changedWord)) {
      docKeys.pushRange(i, before!.keyIds, before!.keyStarts[j]!, before!.keyStarts[j + 1]!);
      continue;
    }
    const oldKeys = carriedOver ? slice(before!.keyStarts, before!.keyIds, j) : null;
    const keys = keysFor(i);
    docKeys.push(i, keys);
    if (oldKeys !== null && sameValues(oldKeys, keys)) continue;
    keyChanged[i] = 1;
    for (const w of keys) if (!oldKeys?.includes(w)) touchedWord[w] = 1;
    for (const w of oldKeys ?? []) if (!keys.includes(w)) touchedWord[w] = 1;
  }
  for (const j of removed) for (const w of slice(before!.keyStarts, before!.keyIds, j)) touchedWord[w] = 1;
  const keyStarts = docKeys.starts;
  const keyIds = docKeys.flat();

  // Postings of key words as one flat array: 100,000 small arrays cost more than the scan.
  const starts = new Int32Array(words.length + 1);
  for (const w of keyIds) starts[w + 1]!++;
  for (let w = 0; w < words.length; w++) starts[w + 1]! += starts[w]!;
  const postings = new Int32Array(keyIds.length);
  const fill = starts.slice(0, words.length);
  for (let i = 0; i < n; i++) for (let p = keyStarts[i]!; p < keyStarts[i + 1]!; p++) postings[fill[keyIds[p]!]!++] = i;

  const weight = Float64Array.from(df, (d) => Math.log((200 * cap) / Math.max(d, 1)));
  const scores = new Float64Array(n);
  const touched = new Int32Array(n);
  const isTouched = new Uint8Array(n);
  // Ties are broken by a rank, newer first and then by file, so that they break the same way in
  // every build. Taken once, when the first list is scored: scores tie often (many candidates
  // share one key word and nothing else), and comparing the two articles' dates and files for
  // each tie was half of scoring.
  let rank: Int32Array | null = null;
  /** Higher score first; then by rank. */
  const better = (a: number, b: number): boolean => (scores[a] !== scores[b] ? scores[a]! > scores[b]! : (rank ??= newerFirstRank(articles))[a]! < rank[b]!);
  // One headline is shown once in a list: a reader cannot tell two copies apart, whether the wire
  // sent a story twice (457 same-day pairs in the Reuters stories) or again the next day, or
  // runs a daily report under one headline. A copy sent within a day of the page's own story is
  // that story, and not listed at all. Headlines are compared in lower case, letters and figures
  // only ("TIME CHANGES." is "Time changes"), and numbered once an article is first a candidate.
  const headlines = new Int32Array(n).fill(-1);
  const headlineNumbers = new Map<string, number>();
  const headlineOf = (i: number): number => {
    let number = headlines[i]!;
    if (number < 0) {
      const key = articles[i]!.headline.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
      number = headlineNumbers.get(key) ?? headlineNumbers.size;
      headlineNumbers.set(key, number);
      headlines[i] = number;
    }
    return number;
  };
  const dayOf = (i: number): number => Date.parse(articles[i]!.date) / 86_400_000;
  const sameStory = (a: number, b: number): boolean => headlineOf(a) === headlineOf(b) && Math.abs(dayOf(a) - dayOf(b)) <= 1;
  const sharedKeys = new Int32Array(n);
  const score = (doc: number): number[] => {
    let count = 0;
    for (let p = keyStarts[doc]!; p < keyStarts[doc + 1]!; p++) {
      const w = keyIds[p]!;
      for (let q = starts[w]!, end = starts[w + 1]!; q < end; q++) {
        const other = postings[q]!;
        if (other === doc) continue;
        if (isTouched[other] === 0) {
          isTouched[other] = 1;
          touched[count++] = other;
        }
        scores[other]! += weight[w]!;
        sharedKeys[other]!++;
      }
    }
    // Top few by insertion, not a sort of every candidate: a common word can bring thousands.
    // Each headline is kept by its best article, so the list is the best few headlines.
    const best: number[] = [];
    for (let k = 0; k < count; k++) {
      const o = touched[k]!;
      if (sharedKeys[o]! < SHARED_KEYS) continue;
      if (best.length === RELATED_COUNT && !better(o, best[RELATED_COUNT - 1]!)) continue;
      if (sameStory(o, doc)) continue;
      const headline = headlineOf(o);
      const copy = best.findIndex((b) => headlineOf(b) === headline);
      if (copy >= 0) {
        if (!better(o, best[copy]!)) continue;
        best.splice(copy, 1);
      }
      let i = best.length;
      while (i > 0 && better(o, best[i - 1]!)) i--;
      best.splice(i, 0, o);
      if (best.length > RELATED_COUNT) best.pop();
    }
    for (let k = 0; k < count; k++) {
      scores[touched[k]!] = 0;
      sharedKeys[touched[k]!] = 0;
      isTouched[touched[k]!] = 0;
    }
    return best;
  };

  const newOf = new Int32Array(before?.ids.length ?? 0).fill(-1);
  for (let i = 0; i < n; i++) if (oldOf[i]! >= 0) newOf[oldOf[i]!] = i;
  const carried = (j: number): number[] => {
    const list: number[] = [];
    for (let k = 0; k < RELATED_COUNT; k++) {
      const old = before!.related[j * RELATED_COUNT + k]!;
      if (old >= 0) list.push(newOf[old]!);
    }
    return list;
  };
  let recomputed = 0;
  const lists = Array.from({ length: n }, (_, i): number[] => {
    const j = oldOf[i]!;
    if (!fresh && j >= 0 && keyChanged[i] === 0 && !anyFlagged(keyStarts, keyIds, i, touchedWord)) return carried(j);
    recomputed++;
    return score(i);
  });

  const related = new Int32Array(n * RELATED_COUNT).fill(-1);
  lists.forEach((list, i) => related.set(list, i * RELATED_COUNT));
  return { lists, recomputed, index: { version: 1, cap, ids, words, wordStarts, wordIds, keyStarts, keyIds, related } };
}
