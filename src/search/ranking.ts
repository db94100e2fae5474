/**
 * Pagefind's score of a page, worked out again with the whole archive's counts. Pagefind ranks by
 * BM25 with the page count, the pages holding each word and the average page length of its own
 * bundle, so the scores of two periods do not compare; with the archive's counts instead, pages
 * of every period rank as they would in one index of the archive. The inputs per page are what
 * Pagefind reports in its playground mode; the formula is Pagefind 1.6's (pagefind_core_search,
 * search/mod.rs), in 32-bit floats as its WebAssembly computes it.
 */

/** Pagefind's default ranking weights (RankingWeights::default). */
const K1 = 1.4; // term_saturation
const B = 0.75; // page_length
/**
 * Measured, not documented: in Pagefind 1.6 a page's score less its meta-field boosts is 1.8 times
 * the sum of its word scores, on every page we compared (a browser test checks it).
 */
export const CONTENT_WEIGHT = 1.8;

/** What Pagefind's playground mode tells of one page it found. */
export interface PageScoring {
  /** The page's length in words. */
  readonly length: number;
  /** Each indexed word the page matched, with its weighted count on the page and its closeness to the query word. */
  readonly words: readonly { readonly word: string; readonly weightedCount: number; readonly lengthBonus: number }[];
  /** Meta fields (title, section) holding query terms: the field's weight and the terms it holds. */
  readonly fields: readonly { readonly weight: number; readonly terms: readonly string[] }[];
}

export interface Counts {
  /** Pages in the index. */
  readonly pages: number;
  readonly averageLength: number;
  /** Pages holding an indexed word. */
  readonly wordPages: (word: string) => number;
  /** Pages holding a query term (any word it matches). */
  readonly termPages: (term: string) => number;
}

const f = Math.fround;

export function idf(pages: number, holding: number): number {
  return f(Math.log(f(f(f(pages - holding) + 0.5) / f(holding + 0.5)) + 1));
}

/** The page's score as one index with these counts would give it; `terms`: the query's terms the index holds. */
export function pageScore(page: PageScoring, counts: Counts, terms: readonly string[]): number {
  let words = 0;
  for (const { word, weightedCount, lengthBonus } of page.words) {
    const x = f(weightedCount * lengthBonus);
    const norm = f(K1 * f(1 - B + f(B * f(page.length / counts.averageLength))));
    const tf = f(f((K1 + 1) * x) / f(norm + x));
    words = f(words + f(idf(counts.pages, counts.wordPages(word)) * tf));
  }
  const termIdf = new Map(terms.map((t) => [t, idf(counts.pages, counts.termPages(t))]));
  const total = terms.reduce((sum, t) => f(sum + termIdf.get(t)!), 0);
  let boost = 0;
  for (const field of page.fields) {
    const matched = field.terms.reduce((sum, t) => f(sum + (termIdf.get(t) ?? 0)), 0);
    const coverage = total > 0 ? f(matched / total) : 0;
    boost = f(boost + f(f(field.weight * matched) * f(coverage * coverage)));
  }
  return f(f(CONTENT_WEIGHT * words) + boost);
}
