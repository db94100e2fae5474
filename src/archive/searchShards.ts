import type { Article } from "./article.js";
import { groupBy } from "./groupBy.js";

/** The search bundles' folder: the whole archive's, and the start of each period's (`pagefind-1988`). */
const BUNDLE = "pagefind";

/** Whether a top-level folder of the site is, or may one day be, a search bundle's. */
export function isBundleFolder(name: string): boolean {
  return name === BUNDLE || name.startsWith(`${BUNDLE}-`);
}

/**
 * The search index is cut into shards by period, so that no Pagefind index grows past the size
 * where its memory and first-query download balloon (one index of 100,000 pages: 7 GB to build,
 * 676 kB before the first result), and so that a new article re-indexes only its own period.
 */
export interface SearchShard {
  /** Output folder of the shard's Pagefind bundle: `pagefind` for a single index, else by period: `pagefind-1988`, `pagefind-1991-01_1991-06`… */
  readonly bundle: string;
  /** The period it covers, for the reader: `1988`, `1991-01 to 1991-06`, or `all`. */
  readonly label: string;
  /** Newest first. */
  readonly articles: readonly Article[];
  /** The years it holds, newest first: a search for one year needs only the shards that have it. */
  readonly years: readonly string[];
  /** Its oldest and newest articles' dates, `YYYY-MM-DD`: the reader is told how far back a search has looked. */
  readonly from: string;
  readonly to: string;
}

/**
 * Archives up to this size get one index, and larger ones shards of about this size. Measured at
 * 100,000 articles: Pagefind needs some 0.08 GB per 1,000 articles while it indexes, so a shard of
 * 5,000 keeps each of its processes under 0.5 GB, and re-indexing one after a new article takes
 * seconds. The price is in bytes: every later query fetches an index chunk (~25 kB) per shard.
 */
export const MAX_SHARD_ARTICLES = 5_000;

/**
 * The most articles a new article of the day should re-index: about a second's worth (Pagefind
 * indexes some 900 articles a second here). News is added at the newest end, and a new article
 * re-indexes its shard: at 10,000 articles the newest year held 5,744, and Pagefind took 6 s.
 */
export const NEWEST_SHARD_ARTICLES = 1_000;

/**
 * One shard for a small archive; otherwise one per year, newest first, a year too big for one
 * shard cut into runs of whole months, and a month too big into runs of whole days, both counted
 * from the oldest (fromOldest). A newest year over `newestMax` articles has its newest month kept
 * apart (see newestShards), and the rest of that year labelled by its months. Boundaries depend
 * only on dates, so a new article never moves another article to a different shard, except when
 * it makes its year (or month) need a new cut, or begins a new month: then the month before joins
 * its year, and only the year's newest run changes.
 */
export function searchShards(newestFirst: readonly Article[], max = MAX_SHARD_ARTICLES, newestMax = Math.min(NEWEST_SHARD_ARTICLES, max)): SearchShard[] {
  const years = (articles: readonly Article[]): string[] => [...groupBy(articles, (a) => a.date.slice(0, 4)).keys()];
  const span = (articles: readonly Article[]) => ({ from: articles[articles.length - 1]?.date ?? "", to: articles[0]?.date ?? "" });
  if (newestFirst.length <= max) return [{ bundle: BUNDLE, label: "all", articles: newestFirst, years: years(newestFirst), ...span(newestFirst) }];
  const newestYear = newestFirst[0]!.date.slice(0, 4);
  const inYear = (articles: readonly Article[], prefix: string): readonly Article[] => {
    const end = articles.findIndex((a) => !a.date.startsWith(prefix));
    return end === -1 ? articles : articles.slice(0, end);
  };
  const split = inYear(newestFirst, newestYear).length > newestMax;
  const newestMonth = newestFirst[0]!.date.slice(0, MONTH);
  const apart = split ? inYear(newestFirst, newestMonth) : [];
  const shards: Run[] = split ? newestShards(newestMonth, apart, max, newestMax) : [];
  for (const [year, articles] of groupBy(newestFirst.slice(apart.length), (a) => a.date.slice(0, 4))) {
    if (articles.length <= max && !(split && year === newestYear)) {
      shards.push({ label: year, articles, periods: 1 });
      continue;
    }
    for (const months of fromOldest(articles, MONTH, max)) {
      shards.push(...(months.periods === 1 && months.articles.length > max ? fromOldest(months.articles, DAY, max) : [months]));
    }
  }
  return shards.map((s) => ({
    label: s.label,
    articles: s.articles,
    // Named by period, the newest too: a new newest shard then leaves the one before in its folder.
    bundle: `${BUNDLE}-${s.label.replace(/ to /u, "_")}`,
    years: years(s.articles),
    ...span(s.articles),
  }));
}

/**
 * The newest month's shards: one, if it holds at most `small`; else runs of days from the month's
 * first, of at most `max` articles, the newest of which, still filling, is cut again into runs of
 * at most `small`. News added at the newest end then changes the newest small run alone; once the
 * filling run is full, its small runs become one (one re-index of `max` articles, every `max`
 * articles), so that a busy month is not left in dozens of small shards, each a fetch a query.
 */
function newestShards(month: string, articles: readonly Article[], max: number, small: number): Run[] {
  if (articles.length <= small) return [{ label: month, articles, periods: 1 }];
  const [filling, ...full] = fromOldest(articles, DAY, max);
  return [...fromOldest(filling!.articles, DAY, small), ...full];
}

/** Lengths of the date prefixes that name a month (`2016-05`) and a day (`2016-05-14`). */
const MONTH = 7;
const DAY = 10;

interface Run {
  readonly label: string;
  readonly articles: readonly Article[];
  /** How many months (or days) it covers. */
  readonly periods: number;
}

/**
 * Newest-first articles cut into runs of whole periods (months or days: `unit` is the length of
 * their date prefix), counted from the oldest, a run closed when the next period would take it
 * past `max` (a period over it alone); the runs, and each run's articles, come newest first.
 * Periods added at the newest end then change the newest run alone: the month a new month puts
 * back with its year, and the days of the newest month. Runs of equal size, cut from the newest,
 * all moved: a new month re-indexed its whole year (9,790 of 10,000 articles in the bench).
 */
function fromOldest(articles: readonly Article[], unit: number, max: number): Run[] {
  const periods = [...groupBy(articles, (a) => a.date.slice(0, unit))];
  const groups: (readonly [string, readonly Article[]])[][] = [];
  let group: (readonly [string, readonly Article[]])[] = [];
  let size = 0;
  for (const period of periods.reverse()) {
    if (group.length > 0 && size + period[1].length > max) {
      groups.push(group);
      group = [];
      size = 0;
    }
    group.push(period);
    size += period[1].length;
  }
  groups.push(group);
  return groups.reverse().map((g) => g.reverse()).map((g) => ({ label: range(g.map(([period]) => period)), articles: g.flatMap(([, inPeriod]) => inPeriod), periods: g.length }));
}

/** Periods arrive newest first. */
function range(periods: readonly string[]): string {
  const newest = periods[0]!;
  const oldest = periods[periods.length - 1]!;
  return newest === oldest ? newest : `${oldest} to ${newest}`;
}
