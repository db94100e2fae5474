/**
 * One search over the whole archive: which periods can match (the word directory), those searched
 * in parallel, their pages checked and ranked together with the archive's counts. No DOM here.
 */
import { fileNumberOf, pagesOf, parseEntry } from "../search/directory.js";
import { pageScore, type Counts, type PageScoring } from "../search/ranking.js";
import { isPhrase, matches, routeQuery, type Candidate, type DirectoryFile, type TermMatch } from "../search/routing.js";
import { daysWithin, overlaps, type DateRange, type Period } from "./periods.js";
import type { TopicMatch } from "../search/topicFilter.js";
import type { PagefindResult, PagefindWorker, PeriodIndex } from "./pagefindWorker.js";

/**
 * How many periods are opened at once for a query whose words many periods hold ("oil"): a
 * quarter of the archive's periods, at least one and at most EXACT_PERIODS_AT_ONCE. Each costs
 * its metadata (some 40 kB for 5,000 articles) and an index chunk a word: a quarter keeps a first
 * query well under what one index of the archive costs before its first result (its metadata
 * alone is 180 kB at 19,000 articles, 680 kB at 100,000). The reader is told how much of the
 * archive the count covers, and the button under the results opens as many more.
 */
export function periodsAtOnce(periods: number): number {
  return Math.min(EXACT_PERIODS_AT_ONCE, Math.max(1, Math.round(periods / 4)));
}
/**
 * Where the directory lists every page that can match (a query with a rare word), or the pages
 * whose headline holds the whole query, up to this many periods are opened at once: then the
 * first screen is the best of the whole archive.
 */
export const EXACT_PERIODS_AT_ONCE = 6;

/** Results on a screen: in date order, periods are opened one by one until there are this many. */
export const SCREEN = 10;

export type Order = "best" | "newest" | "oldest";

export interface Query {
  readonly text: string;
  readonly filters: Readonly<Record<string, string>>;
  /** The topic searched within, as the index finds its articles (src/search/topicFilter.ts). */
  readonly topic?: TopicMatch;
  readonly range: DateRange;
  readonly order: Order;
}

export interface Found {
  readonly period: Period;
  readonly result: PagefindResult;
  readonly index: PeriodIndex;
  /** The archive-wide score (best match), or the place in date order. */
  readonly score: number;
}

export interface Answer {
  /** What each word of the query that the archive holds matches. */
  readonly terms: readonly TermMatch[];
  /** Words of the query the archive does not hold at all, as typed: Pagefind leaves them out. */
  readonly absent: readonly string[];
  /** Words as typed that no word of the archive begins with: searched as the longest word each begins with. */
  readonly stoodIn: readonly string[];
  /** The query holds words, and the archive none of them. */
  readonly nothingHeld: boolean;
  /** Periods that can hold a match, and how many of them are searched so far. */
  readonly candidates: readonly Period[];
  searched: number;
  /** Pages found in the periods searched, best first (or in date order). */
  found: Found[];
  /** How many periods the first search opens. */
  readonly firstStep: number;
  /** For a query of one word: the pages of the archive holding it, and whether that is exact. */
  readonly wordTotal: { readonly pages: number; readonly exact: boolean } | null;
}

export interface Archive {
  readonly periods: readonly Period[];
  /** Pages of each period by period number (0 the oldest), and words on all pages of the archive. */
  readonly pages: readonly number[];
  readonly length: number;
  readonly directory: (file: number) => Promise<DirectoryFile>;
  readonly fileCount: number;
  readonly pagefind: PagefindWorker;
}

/**
 * How many of the candidate periods (in the order they are searched) the first screen opens: all
 * of them where the directory knows every page that can match and they are few; by best match,
 * those with a page whose headline holds every word of the query (a headline typed as remembered
 * finds its article there; the directory lists every headline's words) when they are few, up to
 * EXACT_PERIODS_AT_ONCE; otherwise periodsAtOnce. In date order, the newest (or oldest) one,
 * then one at a time while the screen is not full.
 */
function firstStep(query: Query, candidates: readonly Candidate[], periods: number): number {
  if (query.order !== "best") return 1;
  if (candidates.length <= EXACT_PERIODS_AT_ONCE && candidates.every((c) => c.exact)) return candidates.length;
  // A remembered headline: a few pages whose headline holds every word. A common word in many
  // headlines ("trade") says nothing of where the best matches are.
  const titled = candidates.filter((c) => c.titled > 0);
  const titledPages = titled.reduce((n, c) => n + c.titled, 0);
  return titledPages > 0 && titledPages <= 2 * SCREEN ? Math.min(titled.length, EXACT_PERIODS_AT_ONCE) : periodsAtOnce(periods);
}

/** The file of the directory holding the words that begin as `text` does. */
/** The directory file holding `text`'s entries. */
export const fileFor = (archive: Pick<Archive, "directory" | "fileCount">, text: string): Promise<DirectoryFile> => archive.directory(fileNumberOf(text, archive.fileCount));

/** The scoring facts of a result, from Pagefind's playground mode. */
function scoringOf(result: PagefindResult): PageScoring {
  return {
    length: result.params?.document_length ?? 0,
    words: (result.scores ?? []).map((s) => ({ word: s.search_term, weightedCount: s.params.weighted_term_frequency, lengthBonus: s.params.length_bonus })),
    fields: (result.verbose_meta_scores ?? []).map((m) => ({ weight: m.field_weight, terms: m.matched_terms })),
  };
}

export class ArchiveSearch {
  constructor(private readonly archive: Archive) {}

  /** Starts a search: which periods can match, and the first of them searched. */
  async start(query: Query): Promise<Answer> {
    const { terms, absent, stoodIn, nothingHeld, candidates: estimates } = await routeQuery(query.text, (key) => fileFor(this.archive, key), this.archive.pages);
    const allowed = this.archive.periods.filter((p) => (!query.filters.year || p.years.includes(query.filters.year)) && overlaps(p, query.range));
    const score = (c: Candidate): number => (c.titled > 0 ? 1e9 + c.titled : 0) + c.pages;
    const candidates = allowed.filter((p) => estimates.has(p.number));
    // Newest first, as the page lists periods; oldest first when asked; by best match, the
    // periods likeliest to hold the most matches first, newest first among equals.
    if (query.order === "oldest") candidates.reverse();
    // A period with a page whose headline holds every word first: Pagefind boosts headlines five
    // times, so that page nearly always ranks first; then those likeliest to hold many matches.
    else if (query.order === "best") candidates.sort((a, b) => score(estimates.get(b.number)!) - score(estimates.get(a.number)!));
    const single = terms.length === 1 && absent.length === 0 ? terms[0]! : null;
    const wordTotal = single ? { pages: pagesOf(single.periods), exact: single.words.length === 1 } : null;
    const answer: Answer = { terms, absent, stoodIn, nothingHeld, candidates, searched: 0, found: [], wordTotal, firstStep: firstStep(query, candidates.map((p) => estimates.get(p.number)!), this.archive.periods.length) };
    await this.searchMore(answer, query);
    // In date order the first periods hold the first results: one more at a time, until a screen
    // is full. By best match, a period that can hold a match may hold none (the directory only
    // counts a common word's pages): the search goes on while it has nothing to show, so that
    // "No articles found" is said only when no period holds a match.
    const wanted = query.order === "best" ? 1 : SCREEN;
    while (answer.found.length < wanted && answer.searched < candidates.length) await this.searchMore(answer, query);
    return answer;
  }

  /**
   * Searches the next periods of `answer` (periodsAtOnce of them, or one in date order), and ranks
   * what it finds with the results not yet shown. The first `shown` results stay first, in their
   * order: the reader has them on screen, and one the new periods rank higher would otherwise come
   * in above where they have read to, and push one they had seen out of the list.
   */
  async searchMore(answer: Answer, query: Query, shown = 0): Promise<void> {
    const { terms } = answer;
    const step = answer.searched === 0 ? answer.firstStep : query.order === "best" ? periodsAtOnce(this.archive.periods.length) : 1;
    const next = answer.candidates.slice(answer.searched, answer.searched + step);
    const text = query.text.trim() === "" ? null : query.text;
    const batches = await Promise.all(
      next.map(async (period) => {
        const index = this.archive.pagefind.index(period.bundle);
        const filters: Record<string, unknown> = { ...query.filters };
        const days = daysWithin(period, query.range);
        if (days !== null) filters.day = { any: days };
        if (query.topic) filters[query.topic.filter] = { any: query.topic.values };
        const sort = query.order === "best" && text !== null ? undefined : { date: query.order === "oldest" ? ("asc" as const) : ("desc" as const) };
        const response = await index.search(text, { filters, sort });
        return response.results.map((result, place) => ({ period, result, index, place }));
      }),
    );
    answer.searched += next.length;
    const phrase = isPhrase(query.text);
    const fresh = batches.flat().filter(
      ({ result }) =>
        phrase ||
        terms.length === 0 ||
        matches(
          terms,
          (result.scores ?? []).map((s) => s.search_term),
          (result.verbose_meta_scores ?? []).flatMap((m) => m.matched_terms),
        ),
    );
    const scored = query.order === "best" && text !== null && !phrase ? await this.scores(fresh.map((f) => f.result), terms) : null;
    const added: Found[] = fresh.map((f, i) => ({ period: f.period, result: f.result, index: f.index, score: scored ? scored[i]! : -f.place }));
    const rest = [...answer.found.slice(shown), ...added];
    const periodOrder = new Map(answer.candidates.map((p, i) => [p, i]));
    // By best match, the archive's score, then newer periods first; in date order, periods in
    // order (their pages are in date order already, each period wholly before or after the next).
    if (query.order === "best" && text !== null) rest.sort((a, b) => b.score - a.score || b.period.from.localeCompare(a.period.from));
    else rest.sort((a, b) => periodOrder.get(a.period)! - periodOrder.get(b.period)! || b.score - a.score);
    answer.found = [...answer.found.slice(0, shown), ...rest];
  }

  /** Each result's score with the archive's counts (ranking.ts). */
  private async scores(results: readonly PagefindResult[], terms: readonly TermMatch[]): Promise<number[]> {
    const words = new Set(results.flatMap((r) => (r.scores ?? []).map((s) => s.search_term)));
    const files = new Map<string, DirectoryFile>();
    await Promise.all([...words].map(async (w) => void files.set(w, await fileFor(this.archive, w))));
    const wordPages = (word: string): number => {
      const entry = files.get(word)?.[word];
      return entry === undefined ? 1 : parseEntry(entry).pages;
    };
    const termPages = new Map(terms.map((t) => [t.term, Math.min(this.total, pagesOf(t.periods))]));
    const counts: Counts = { pages: this.total, averageLength: this.archive.length / this.total, wordPages, termPages: (t) => termPages.get(t) ?? 1 };
    const present = terms.map((t) => t.term);
    return results.map((r) => pageScore(scoringOf(r), counts, present));
  }

  private get total(): number {
    return this.archive.pages.reduce((a, b) => a + b, 0);
  }
}
