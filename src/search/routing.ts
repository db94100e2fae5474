/**
 * Which search periods a query must open, from the word directory (directory.ts): exactly those
 * that can hold a page matching it as one Pagefind index of the whole archive would.
 *
 * Pagefind requires every word of a query, each as a beginning ("declin" finds "declines" and
 * "declining"); a word nothing begins with falls back to the longest indexed word it begins with
 * ("brexitzzz" finds "brexit"); and a word the index lacks altogether is dropped. Per period that
 * last rule would let a period without a rare word answer with pages holding only the common
 * ones, so the archive decides: a word the archive holds is required in every period, and a
 * period that lacks it is not opened (and its pages are checked again: see `matches`).
 */
import { beginningKey, heldPages, parseEntry, PREFIX_LENGTH, titleKey, type Entry } from "./directory.js";
import { queryTerms } from "./queryTerms.js";
import { stem } from "./stem.js";

/** A directory file as fetched: word (or beginning key) to entry text. */
export type DirectoryFile = Readonly<Record<string, string>>;

/** What one word of a query matches in the archive. */
export interface TermMatch {
  /** The word as Pagefind looks it up (stemmed). */
  readonly term: string;
  /** The archive's words it matches; empty when they are too many to list (a term shorter than PREFIX_LENGTH). */
  readonly words: readonly string[];
  /** The longest archive word the term begins with, when no word begins with the term. */
  readonly fallback: string | null;
  /** By period number: the pages holding one of its words, when all are listed there, or at most how many. */
  readonly periods: ReadonlyMap<number, readonly number[] | number>;
  /** The same for pages holding one of its words in their headline; null where not told (a term shorter than PREFIX_LENGTH). */
  readonly titles: ReadonlyMap<number, readonly number[] | number> | null;
}

/**
 * The files a term needs, by the text whose file holds them: its own beginning, and when nothing
 * begins with it, its shorter beginnings too (for a fallback word of one or two letters).
 */
export function filesFor(term: string, needFallback: boolean): string[] {
  const own = term.slice(0, PREFIX_LENGTH);
  if (!needFallback) return [own];
  const shorter = [term.slice(0, 1), term.slice(0, 2)].filter((p) => p.length < own.length);
  return [own, ...new Set(shorter)];
}

/** Entries of several words merged into one, per period (pages listed only where every word is). */
function merged(entries: readonly Entry[], periodPages: readonly number[]): Map<number, readonly number[] | number> {
  const periods = new Map<number, readonly number[] | number>();
  for (const entry of entries) {
    for (const [period, held] of entry.periods) {
      const before = periods.get(period);
      if (before === undefined) periods.set(period, held);
      else if (typeof before !== "number" && typeof held !== "number") periods.set(period, [...new Set([...before, ...held])].sort((a, b) => a - b));
      else {
        periods.set(period, Math.min(heldPages(before) + heldPages(held), periodPages[period] ?? Infinity));
      }
    }
  }
  return periods;
}

/**
 * What `term` matches, from the files `filesFor(term, …)` named (by their key text), or null when
 * the archive holds nothing it matches: Pagefind then drops it from the query.
 * Returns "fallback" when no word begins with the term and the shorter files are needed to know.
 */
export function matchTerm(term: string, files: ReadonlyMap<string, DirectoryFile>, periodPages: readonly number[]): TermMatch | null | "fallback" {
  const own = files.get(term.slice(0, PREFIX_LENGTH)) ?? {};
  if (term.length < PREFIX_LENGTH) {
    const beginning = own[beginningKey(term)];
    // Headlines of words that short are not told apart.
    if (beginning !== undefined) return { term, words: [], fallback: null, periods: parseEntry(beginning).periods, titles: null };
  } else {
    const words = Object.keys(own).filter((word) => word.startsWith(term));
    if (words.length > 0) return matching(term, words, null, own, periodPages);
  }
  // Nothing begins with the term: the longest word it begins with, if the archive has one.
  for (let length = term.length - 1; length >= 1; length--) {
    const prefix = term.slice(0, length);
    const file = files.get(prefix.slice(0, PREFIX_LENGTH));
    if (file === undefined) return "fallback";
    if (file[prefix] !== undefined) return matching(term, [prefix], prefix, file, periodPages);
  }
  return null;
}

function matching(term: string, words: readonly string[], fallback: string | null, file: DirectoryFile, periodPages: readonly number[]): TermMatch {
  const titled = words.flatMap((w) => (file[titleKey(w)] === undefined ? [] : [parseEntry(file[titleKey(w)]!)]));
  return { term, words, fallback, periods: merged(words.map((w) => parseEntry(file[w]!)), periodPages), titles: merged(titled, periodPages) };
}

/**
 * How many pages of `period` can hold every term, by `of` (a term's pages, or its headline pages):
 * exact where the terms' pages are listed (the pages holding all listed terms), else at most the
 * fewest pages any term is on there; 0 when one of them is on none.
 */
function holdingAll(terms: readonly TermMatch[], period: number, pages: number, of: (term: TermMatch) => ReadonlyMap<number, readonly number[] | number>): { pages: number; exact: boolean } {
  let listed: ReadonlySet<number> | undefined;
  let fewest = pages;
  let exact = terms.length > 0;
  for (const term of terms) {
    const held = of(term).get(period);
    if (held === undefined) return { pages: 0, exact: true };
    if (typeof held === "number") {
      fewest = Math.min(fewest, held);
      exact = false;
    } else {
      const before = listed;
      listed = new Set(before === undefined ? held : held.filter((p) => before.has(p)));
      if (listed.size === 0) return { pages: 0, exact: true };
    }
  }
  return { pages: listed === undefined ? fewest : Math.min(listed.size, fewest), exact };
}

/** A period that can hold a page matching every term. */
export interface Candidate {
  /** At most how many of its pages match. */
  readonly pages: number;
  /** Whether `pages` is exact: every term's pages are listed there. */
  readonly exact: boolean;
  /** How many of those hold in their headline every term whose headline pages are told (0 if none is). */
  readonly titled: number;
}

/**
 * The periods that can hold a page matching every term, by period number. With no terms,
 * nothing narrows: every period, by its size.
 */
export function route(terms: readonly TermMatch[], periodPages: readonly number[]): Map<number, Candidate> {
  const candidates = new Map<number, Candidate>();
  periodPages.forEach((pages, period) => {
    const matching = holdingAll(terms, period, pages, (t) => t.periods);
    // Headlines are told apart by the terms whose headline pages are known, if any.
    const told = terms.filter((t) => t.titles !== null);
    if (matching.pages > 0) candidates.set(period, { ...matching, titled: told.length === 0 ? 0 : holdingAll(told, period, pages, (t) => t.titles!).pages });
  });
  return candidates;
}

/**
 * Whether a page Pagefind found matches every term as the whole archive's index would, given the
 * words it matched in the page's text and the terms its meta fields (title, section, date) hold:
 * in a period that lacks a term Pagefind drops it, or falls back to a shorter word than the
 * archive would.
 */
export function matches(terms: readonly TermMatch[], matchedWords: readonly string[], metaTerms: readonly string[] = []): boolean {
  return terms.every(
    (term) => metaTerms.includes(term.term) || matchedWords.some((word) => (term.fallback === null ? word.startsWith(term.term) : word === term.fallback)),
  );
}

/** Pagefind takes a query in double quotes as a phrase: whole words that must stand together, not beginnings. */
export const isPhrase = (text: string): boolean => /^\s*".+"\s*$/u.test(text);

/** What the directory says of a query: what each of its words matches, the words no article holds, and the periods that can match. */
export interface RoutedQuery {
  readonly terms: readonly TermMatch[];
  /** Words of the query as typed (after Pagefind's normalising) that the archive does not hold. */
  readonly absent: readonly string[];
  /** Words as typed that no word of the archive begins with: Pagefind searches the longest word each begins with instead. */
  readonly stoodIn: readonly string[];
  /** The query held words, and the archive none of them. */
  readonly nothingHeld: boolean;
  readonly candidates: ReadonlyMap<number, Candidate>;
}

/**
 * The keys whose directory files routeQuery reads first for `text`: the page fetches them as soon
 * as it has the query, rather than once the archive's summary has come (one round trip fewer).
 */
export const firstKeys = (text: string): string[] => [...new Set(queryTerms(text))].flatMap((word) => filesFor(stem(word), false));

/**
 * Routes a query typed by a reader: its words as Pagefind makes them (queryTerms, stem), each
 * looked up in the directory files `load` fetches (by the text whose file it is), then `route`.
 * A query in double quotes is a phrase to Pagefind: its words must be whole words.
 */
export async function routeQuery(text: string, load: (key: string) => Promise<DirectoryFile>, periodPages: readonly number[]): Promise<RoutedQuery> {
  const typed = [...new Set(queryTerms(text))];
  const phrase = isPhrase(text);
  // In the query's order, whichever file comes first.
  const matched = await Promise.all(
    typed.map(async (word): Promise<TermMatch | null> => {
      const term = stem(word);
      const files = new Map<string, DirectoryFile>();
      const loadFor = async (needFallback: boolean): Promise<void> => {
        for (const key of filesFor(term, needFallback)) if (!files.has(key)) files.set(key, await load(key));
      };
      await loadFor(false);
      if (phrase) {
        // A phrase's words are looked up whole, and a page must hold all of them.
        const own = files.get(term.slice(0, PREFIX_LENGTH)) ?? {};
        return own[term] === undefined ? null : matching(term, [term], null, own, periodPages);
      }
      let match = matchTerm(term, files, periodPages);
      if (match === "fallback") {
        await loadFor(true);
        match = matchTerm(term, files, periodPages);
      }
      return match === "fallback" ? null : match;
    }),
  );
  const terms = matched.filter((m): m is TermMatch => m !== null);
  const absent = typed.filter((_, i) => matched[i] === null);
  const stoodIn = typed.filter((_, i) => (matched[i]?.fallback ?? null) !== null);
  const nothingHeld = typed.length > 0 && terms.length === 0;
  // Pagefind leaves out a word the index lacks, but not from a phrase: then nothing matches.
  const none = nothingHeld || (phrase && absent.length > 0);
  return { terms, absent, stoodIn, nothingHeld, candidates: none ? new Map() : route(terms, periodPages) };
}
