import { teaser, type Teaser } from "./articlePages.js";
import type { Article } from "./article.js";
import { groupBy } from "./groupBy.js";

/** Articles of one section within a period: how date pages list them. */
export interface SectionGroup {
  readonly name: string;
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

export interface DatePage {
  readonly kind: "year" | "month" | "day";
  /** `2017`, `2017-04`, `2017-04-12`. */
  readonly period: string;
  readonly url: string;
  readonly count: number;
  readonly sections: readonly SectionGroup[];
  readonly calendars: readonly CalendarMonth[];
  /** The nearest earlier and later periods of the same kind that have articles. */
  readonly previous: PeriodLink | null;
  readonly next: PeriodLink | null;
  /** Day pages: the same calendar day in other years of the archive. */
  readonly onThisDay: readonly PeriodLink[];
}

const MONTHS = Array.from({ length: 12 }, (_, m) => String(m + 1).padStart(2, "0"));

export function periodUrl(period: string): string {
  return `/archive/${period.replaceAll("-", "/")}/`;
}


function groupBySection(articles: readonly Article[], withArticles: boolean): SectionGroup[] {
  return [...groupBy(articles, (a) => a.sectionSlug).values()]
    .map((g) => ({ name: g[0]!.section, url: `/${g[0]!.sectionSlug}/`, count: g.length, articles: withArticles ? g.map(teaser) : [] }))
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
 * pages come oldest first within each kind.
 */
export function datePages(articles: readonly Article[]): DatePage[] {
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
    return list.map((period, i): DatePage => {
      const inPeriod = byPeriod.get(period)!;
      const months = kind === "year" ? MONTHS.map((m) => `${period}-${m}`) : kind === "month" ? [period] : [];
      return {
        kind,
        period,
        url: periodUrl(period),
        count: inPeriod.length,
        sections: groupBySection(inPeriod, kind !== "year"),
        calendars: months.map((month) => calendar(month, dayCounts, kind === "year")),
        previous: link(list[i - 1]),
        next: link(list[i + 1]),
        onThisDay: kind === "day" ? daysByMonthDay.get(period.slice(5))!.filter((d) => d !== period).map((d) => link(d)!) : [],
      };
    });
  });
}
