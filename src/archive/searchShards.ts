import type { Article } from "./article.js";
import { groupBy } from "./groupBy.js";

/**
 * The search index is cut into shards by period, so that no Pagefind index grows past the size
 * where its memory and first-query download balloon (one index of 100,000 pages: 7 GB to build,
 * 676 kB before the first result), and so that a new article re-indexes only its own period.
 */
export interface SearchShard {
  /** Output folder of the shard's Pagefind bundle: `pagefind` for the newest, `pagefind-1988` ... */
  readonly bundle: string;
  /** The period it covers, for the reader: `1988`, `1991-01 to 1991-06`, or `all`. */
  readonly label: string;
  /** Newest first. */
  readonly articles: readonly Article[];
  /** The years it holds, newest first: a search for one year needs only the shards that have it. */
  readonly years: readonly string[];
}

/**
 * Archives up to this size get one index: most do, and one index is fastest to query. The size
 * balances what the benchmark measured: smaller shards re-index faster after a new article, but
 * every later query then fetches one index chunk (~25 kB) per shard.
 */
export const MAX_SHARD_ARTICLES = 5_000;

/**
 * One shard for a small archive; otherwise one per year, newest first, a year too big for one
 * shard cut into runs of whole months. Boundaries depend only on dates, so a new article never
 * moves another article to a different shard, except when it makes its year need a new cut.
 */
export function searchShards(newestFirst: readonly Article[], max = MAX_SHARD_ARTICLES): SearchShard[] {
  const years = (articles: readonly Article[]): string[] => [...groupBy(articles, (a) => a.date.slice(0, 4)).keys()];
  if (newestFirst.length <= max) return [{ bundle: "pagefind", label: "all", articles: newestFirst, years: years(newestFirst) }];
  const byYear = groupBy(newestFirst, (a) => a.date.slice(0, 4));
  const shards: { label: string; articles: readonly Article[] }[] = [];
  for (const [year, articles] of byYear) {
    if (articles.length <= max) {
      shards.push({ label: year, articles });
      continue;
    }
    const parts = Math.ceil(articles.length / max);
    const target = articles.length / parts;
    let run: Article[] = [];
    let runMonths: string[] = [];
    for (const [month, inMonth] of groupBy(articles, (a) => a.date.slice(0, 7))) {
      if (run.length > 0 && run.length + inMonth.length > target * 1.25) {
        shards.push({ label: monthRange(runMonths), articles: run });
        run = [];
        runMonths = [];
      }
      run.push(...inMonth);
      runMonths.push(month);
    }
    shards.push({ label: monthRange(runMonths), articles: run });
  }
  return shards.map((s, i) => ({
    ...s,
    bundle: i === 0 ? "pagefind" : `pagefind-${s.label.replace(/ to /u, "_")}`,
    years: years(s.articles),
  }));
}

/** Months arrive newest first. */
function monthRange(months: readonly string[]): string {
  const newest = months[0]!;
  const oldest = months[months.length - 1]!;
  return newest === oldest ? newest : `${oldest} to ${newest}`;
}
