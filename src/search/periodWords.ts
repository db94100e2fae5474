/**
 * One search period's words as Pagefind indexed them (pagefindFiles.ts): for a word held by few
 * pages, which pages; for any other word, how many. Kept in the build cache per period (V8's
 * serialisation: src/build/wordDirectoryFiles.ts), so that a rebuild that re-indexes one period
 * makes the directory (directory.ts) without reading the others.
 */
import type { BundleMeta, ChunkWord } from "./pagefindFiles.js";

/**
 * Words held by at most this many pages of the archive have their pages listed in the directory:
 * a reader's query nearly always holds a few (names, tickers, rarer words), and the pages holding
 * all of a query's listed words narrow its periods to those that can match. A headline's words
 * are mostly common: with 64, a headline with one rare word still went to 4 of 6 periods.
 * Measured on a 3,557-article period of Reuters stories: 99% of its 23,142 words, 53% of its postings.
 */
export const LISTED_MAX = 256;

export interface PeriodWords {
  /** Pages in the period's bundle. */
  readonly pages: number;
  /** Words on all its pages together, as Pagefind counts them (its pages' word counts). */
  readonly length: number;
  /** Each word: the page numbers holding it (at most LISTED_MAX, ascending), or how many pages hold it. */
  readonly words: ReadonlyMap<string, readonly number[] | number>;
  /**
   * The pages holding the word in their headline, all listed (a headline has some eight words, so
   * these are few). A page whose headline holds every word of a query nearly always ranks first
   * (Pagefind boosts the title five times): they tell which periods to open first.
   */
  readonly titles: ReadonlyMap<string, readonly number[]>;
}

const listedOrCount = (pages: readonly number[]): readonly number[] | number => (pages.length <= LISTED_MAX ? pages : pages.length);

/** A period's words from its bundle's metadata and the words of its index chunks. */
export function periodWords(meta: BundleMeta, chunks: Iterable<ChunkWord>): PeriodWords {
  const words = new Map<string, readonly number[] | number>();
  const titles = new Map<string, readonly number[]>();
  for (const { word, pages, inField } of chunks) {
    if (pages.length > 0) words.set(word, listedOrCount(pages));
    if (inField.length > 0) titles.set(word, inField);
  }
  return { pages: meta.pages.length, length: meta.pages.reduce((sum, p) => sum + p.wordCount, 0), words, titles };
}
