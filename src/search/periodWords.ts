/**
 * One search period's words as Pagefind indexed them (pagefindFiles.ts): for a word held by few
 * pages, which pages; for any other word, how many. Kept in the build cache per period, so that a
 * rebuild that re-indexes one period makes the directory (directory.ts) without reading the others.
 */
import type { BundleMeta } from "./pagefindFiles.js";

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
}

/** A period's words from its bundle's metadata and the words of its index chunks. */
export function periodWords(meta: BundleMeta, chunks: Iterable<readonly [string, readonly number[]]>): PeriodWords {
  const words = new Map<string, readonly number[] | number>();
  for (const [word, pages] of chunks) if (pages.length > 0) words.set(word, pages.length <= LISTED_MAX ? pages : pages.length);
  return { pages: meta.pages.length, length: meta.pages.reduce((sum, p) => sum + p.wordCount, 0), words };
}

/** How many pages of the period hold `word` (0 if none). */
export function pagesHolding(period: PeriodWords, word: string): number {
  const held = period.words.get(word);
  return held === undefined ? 0 : typeof held === "number" ? held : held.length;
}

/** As text for the build cache: a first line `pages length`, then `word<TAB>count` or `word<TAB>:n,n,n`. */
export function periodWordsText(period: PeriodWords): string {
  const lines = [`${period.pages} ${period.length}`];
  for (const [word, held] of period.words) lines.push(`${word}\t${typeof held === "number" ? held : `:${held.join(",")}`}`);
  return lines.join("\n");
}

export function parsePeriodWords(text: string): PeriodWords {
  const lines = text.split("\n");
  const [pages, length] = lines[0]!.split(" ").map(Number);
  if (!Number.isInteger(pages) || !Number.isInteger(length)) throw new Error("period words: damaged first line");
  const words = new Map<string, readonly number[] | number>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const tab = line.lastIndexOf("\t");
    if (tab < 0) throw new Error(`period words: damaged line ${i + 1}`);
    const held = line.slice(tab + 1);
    words.set(line.slice(0, tab), held.startsWith(":") ? held.slice(1).split(",").map(Number) : Number(held));
  }
  return { pages: pages!, length: length!, words };
}
