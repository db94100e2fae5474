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
import { beginningKey, parseEntry, PREFIX_LENGTH, type Entry } from "./directory.js";

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
        const count = (h: readonly number[] | number): number => (typeof h === "number" ? h : h.length);
        periods.set(period, Math.min(count(before) + count(held), periodPages[period] ?? Infinity));
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
    if (beginning !== undefined) return { term, words: [], fallback: null, periods: parseEntry(beginning).periods };
  } else {
    const words = Object.keys(own).filter((word) => word.startsWith(term));
    if (words.length > 0) return { term, words, fallback: null, periods: merged(words.map((w) => parseEntry(own[w]!)), periodPages) };
  }
  // Nothing begins with the term: the longest word it begins with, if the archive has one.
  for (let length = term.length - 1; length >= 1; length--) {
    const prefix = term.slice(0, length);
    const file = files.get(prefix.slice(0, PREFIX_LENGTH));
    if (file === undefined) return "fallback";
    const entry = file[prefix];
    if (entry !== undefined) return { term, words: [prefix], fallback: prefix, periods: parseEntry(entry).periods };
  }
  return null;
}

/**
 * The periods that can hold a page matching every term, each with an estimate of how many of its
 * pages do: exact where a term's pages are listed (the pages holding all listed terms), else the
 * fewest pages any term is on there. With no terms, nothing narrows: every period, by its size.
 */
export function route(terms: readonly TermMatch[], periodPages: readonly number[]): Map<number, number> {
  const candidates = new Map<number, number>();
  periodPages.forEach((pages, period) => {
    let listed: ReadonlySet<number> | undefined;
    let fewest = pages;
    for (const term of terms) {
      const held = term.periods.get(period);
      if (held === undefined) return;
      if (typeof held === "number") fewest = Math.min(fewest, held);
      else {
        const before = listed;
        listed = new Set(before === undefined ? held : held.filter((p) => before.has(p)));
        if (listed.size === 0) return;
      }
    }
    candidates.set(period, listed === undefined ? fewest : Math.min(listed.size, fewest));
  });
  return candidates;
}

/**
 * Whether a page Pagefind found matches every term as the whole archive's index would, given the
 * words it matched on that page: in a period that lacks a term Pagefind drops it, or falls back to
 * a shorter word than the archive would.
 */
export function matches(terms: readonly TermMatch[], matchedWords: readonly string[]): boolean {
  return terms.every((term) => matchedWords.some((word) => (term.fallback === null ? word.startsWith(term.term) : word === term.fallback)));
}
