import { teaser, type Teaser } from "./articlePages.js";
import type { Article } from "./article.js";
import { groupBy } from "./groupBy.js";
import type { Section } from "./sections.js";
import { numberedLinks, numberedPageUrl, pageHolding, pageUrl, type PageLink } from "./paginate.js";

/** Articles of one section within a period: how date pages list them. */
export interface SectionGroup {
  readonly name: string;
  /** Its id on a day page, the same on every page of the day: `section-world`. */
  readonly anchor: string;
  /**
   * The section front's page that holds the period's newest article of the section: from a month
   * of 2,380 Earnings stories, "Earnings" leads to them, not to the section's latest news.
   */
  readonly url: string;
  readonly count: number;
  /** Empty on year pages, which list counts only: a year can hold tens of thousands. */
  readonly articles: readonly Teaser[];
}

/** One cell of a calendar: a day of the month, linked when the archive has articles that day. */
export interface CalendarDay {
  readonly day: number;
  readonly url: string | null;
  readonly count: number;
}

/** A month drawn as weeks (Monday first); `null` pads the first and last week. */
export interface CalendarMonth {
  /** `2017-04`: shown in the site's language by the templates' periodLabel filter. */
  readonly period: string;
  readonly url: string | null;
  readonly weeks: readonly (readonly (CalendarDay | null)[])[];
}

export interface PeriodLink {
  /** `2017`, `2017-04` or `2017-04-12`. */
  readonly period: string;
  readonly url: string;
}

/** Where a day page of a long day sits among its pages: page 1 is the day's own URL. */
export interface DayPagination {
  readonly pageNumber: number;
  readonly pageCount: number;
  readonly links: readonly PageLink[];
  readonly previousUrl: string | null;
  readonly nextUrl: string | null;
  /** Every section of the day, with its count, leading to where its list begins: on which page, and where on it. */
  readonly contents: readonly { readonly name: string; readonly count: number; readonly url: string }[];
}

export interface DatePage {
  readonly kind: "year" | "month" | "day";
  /** `2017`, `2017-04`, `2017-04-12`. */
  readonly period: string;
  readonly url: string;
  readonly count: number;
  /**
   * By section, largest first. Articles are listed on day pages, a page of at most
   * DATE_LIST_MAX at a time, and on month pages that hold no more than that; a longer month and
   * every year give counts, and their calendars lead to the days.
   */
  readonly sections: readonly SectionGroup[];
  /** Whether the period holds more articles than a page lists: a month with counts only. */
  readonly summarised: boolean;
  /** A day of more than DATE_LIST_MAX articles, on several pages; null otherwise. */
  readonly pages: DayPagination | null;
  readonly calendars: readonly CalendarMonth[];
  /** The nearest earlier and later periods of the same kind that have articles. */
  readonly previous: PeriodLink | null;
  readonly next: PeriodLink | null;
  /** Day pages: the same calendar day in other years of the archive. */
  readonly onThisDay: readonly PeriodLink[];
}

/**
 * Articles a date page lists at most. Wire archives put thousands in a month (10,536 in March
 * 1987 of the Reuters stories: a 3 MB page of 53,000 elements) and hundreds in a day.
 */
export const DATE_LIST_MAX = 100;

const MONTHS = Array.from({ length: 12 }, (_, m) => String(m + 1).padStart(2, "0"));

export function periodUrl(period: string): string {
  return `/archive/${period.replaceAll("-", "/")}/`;
}


/**
 * A long day cut into pages of DATE_LIST_MAX articles, in the order the day lists them (sections
 * largest first); a section cut across two pages is headed on both, with its count for the day.
 */
function dayPages(day: DatePage): DatePage[] {
  const items = day.sections.flatMap((group) => group.articles.map((article) => ({ group, article })));
  const pageCount = Math.ceil(items.length / DATE_LIST_MAX);
  const urlOf = (n: number): string => numberedPageUrl(day.url, n);
  // A day of 565 Reuters stories runs its sections on over six pages, Crude Oil from the fifth:
  // each page says where every section begins.
  let before = 0;
  const contents = day.sections.map((group) => {
    const page = Math.floor(before / DATE_LIST_MAX) + 1;
    before += group.articles.length;
    return { name: group.name, count: group.count, url: `${urlOf(page)}#${group.anchor}` };
  });
  return Array.from({ length: pageCount }, (_, i): DatePage => {
    const n = i + 1;
    const slice = items.slice(i * DATE_LIST_MAX, n * DATE_LIST_MAX);
    const sections = [...groupBy(slice, (item) => item.group.url).values()].map((list) => ({ ...list[0]!.group, articles: list.map((item) => item.article) }));
    return {
      ...day,
      url: urlOf(n),
      sections,
      pages: { pageNumber: n, pageCount, links: numberedLinks(day.url, n, pageCount), previousUrl: n > 1 ? urlOf(n - 1) : null, nextUrl: n < pageCount ? urlOf(n + 1) : null, contents },
    };
  });
}

/** Where an article is listed on its section's front: the URL of the page that holds it. */
type SectionPageOf = (article: Article) => string;

/** Read off the sections as their fronts list them, `pageSize` articles a page (sections.ts). */
function sectionPages(sections: readonly Section[], pageSize: number): SectionPageOf {
  const bySlug = new Map(sections.map((s) => [s.slug, s]));
  const index = new Map<Article, number>();
  for (const s of sections) s.articles.forEach((a, i) => index.set(a, i));
  return (a) => {
    const section = bySlug.get(a.sectionSlug)!;
    return pageUrl(section.url, pageHolding(section.count, pageSize, index.get(a)!));
  };
}

function groupBySection(articles: readonly Article[], withArticles: boolean, pageOf: SectionPageOf): SectionGroup[] {
  return [...groupBy(articles, (a) => a.sectionSlug).values()]
    .map((g) => ({ name: g[0]!.section, anchor: `section-${g[0]!.sectionSlug}`, url: pageOf(g[0]!), count: g.length, articles: withArticles ? g.map(teaser) : [] }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
}

function calendar(month: string, dayCounts: ReadonlyMap<string, number>, linkMonth: boolean): CalendarMonth {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  // getUTCDay: Sunday 0; Monday-first weeks put Sunday last.
  const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
  const cells: (CalendarDay | null)[] = Array.from({ length: lead }, () => null);
  let monthCount = 0;
  for (let d = 1; d <= days; d++) {
    const period = `${month}-${String(d).padStart(2, "0")}`;
    const count = dayCounts.get(period) ?? 0;
    monthCount += count;
    cells.push({ day: d, url: count > 0 ? periodUrl(period) : null, count });
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
  return { period: month, url: linkMonth && monthCount > 0 ? periodUrl(month) : null, weeks };
}

/**
 * Year, month and day pages for every period that has articles. `articles` must be newest first;
 * pages come oldest first within each kind. Their section groups link into the fronts of
 * `sections`, `pageSize` articles a page.
 */
export function datePages(articles: readonly Article[], sections: readonly Section[], pageSize: number): DatePage[] {
  const pageOf = sectionPages(sections, pageSize);
  const byPeriod = new Map([
    ...groupBy(articles, (a) => a.date.slice(0, 4)),
    ...groupBy(articles, (a) => a.date.slice(0, 7)),
    ...groupBy(articles, (a) => a.date),
  ]);
  const dayCounts = new Map<string, number>();
  for (const [period, list] of byPeriod) if (period.length === 10) dayCounts.set(period, list.length);
  const periods = [...byPeriod.keys()].sort();
  const ofKind = (length: number) => periods.filter((p) => p.length === length);
  const daysByMonthDay = groupBy(ofKind(10), (day) => day.slice(5));
  const link = (period: string | undefined): PeriodLink | null => (period ? { period, url: periodUrl(period) } : null);

  return (
    [
      ["year", 4],
      ["month", 7],
      ["day", 10],
    ] as const
  ).flatMap(([kind, length]) => {
    const list = ofKind(length);
    return list.flatMap((period, i): DatePage[] => {
      const inPeriod = byPeriod.get(period)!;
      const months = kind === "year" ? MONTHS.map((m) => `${period}-${m}`) : kind === "month" ? [period] : [];
      const summarised = kind === "year" || (kind === "month" && inPeriod.length > DATE_LIST_MAX);
      const page = {
        kind,
        period,
        url: periodUrl(period),
        count: inPeriod.length,
        sections: groupBySection(inPeriod, !summarised, pageOf),
        summarised: kind === "month" && summarised,
        pages: null,
        calendars: months.map((month) => calendar(month, dayCounts, kind === "year")),
        previous: link(list[i - 1]),
        next: link(list[i + 1]),
        onThisDay: kind === "day" ? daysByMonthDay.get(period.slice(5))!.filter((d) => d !== period).map((d) => link(d)!) : [],
      };
      return kind === "day" && inPeriod.length > DATE_LIST_MAX ? dayPages(page) : [page];
    });
  });
}

/** A year on the archive index: its count, and the months of it that have articles. */
export interface ArchiveYear {
  readonly year: string;
  readonly url: string;
  readonly count: number;
  /** Oldest first, as a calendar reads; a month with no article is not there. */
  readonly months: readonly { readonly period: string; readonly url: string; readonly count: number }[];
}

/**
 * The archive index's years, newest first, each with its months: an archive of a year or two is
 * mostly read by month, and its index would otherwise be one or two links to follow first.
 */
export function archiveYears(pages: readonly DatePage[]): ArchiveYear[] {
  const monthsOf = groupBy(
    pages.filter((p) => p.kind === "month"),
    (p) => p.period.slice(0, 4),
  );
  return pages
    .filter((p) => p.kind === "year")
    .sort((a, b) => (a.period < b.period ? 1 : -1))
    .map((y) => ({
      year: y.period,
      url: y.url,
      count: y.count,
      months: (monthsOf.get(y.period) ?? []).map((m) => ({ period: m.period, url: m.url, count: m.count })).sort((a, b) => (a.period < b.period ? -1 : 1)),
    }));
}
