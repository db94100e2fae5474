import { newestFirst, type Article } from "./article.js";
import { teaser, type Teaser } from "./articlePages.js";
import { groupBy } from "./groupBy.js";
import { monthPages, paginate, type ListingPage, type MonthPage } from "./paginate.js";
import type { IsoDate } from "../article/types.js";

/** What a page says about a section: name, link, size and span. */
export interface SectionSummary {
  readonly name: string;
  readonly slug: string;
  readonly url: string;
  readonly count: number;
  readonly firstDate: IsoDate;
  readonly lastDate: IsoDate;
}

export interface Section extends SectionSummary {
  /** Newest first. */
  readonly articles: readonly Article[];
  /** The few newest, for the home page. */
  readonly latest: readonly Article[];
}

const LATEST_PER_SECTION = 3;

/** What every page of a section front says of its section: its name and where it lives. */
export type SectionLink = Pick<SectionSummary, "name" | "slug" | "url">;

export interface SectionFrontPage extends ListingPage<Teaser> {
  readonly section: SectionLink;
  /**
   * The section's size and span, on its first page only. Deeper pages show their own span, so
   * that an article added to a section of 30,000 redraws the pages whose lists it shifts, not all
   * 1,500 of them for a count.
   */
  readonly about: SectionSummary | null;
  /** On its first page only: each month of the section, leading to the page that holds its newest article. */
  readonly months: readonly MonthPage[] | null;
}

/**
 * Groups articles by section slug (two spellings that slug alike are one section),
 * largest first. `articles` must be newest first.
 */
export function sections(articles: readonly Article[]): Section[] {
  return [...groupBy(articles, (a) => a.sectionSlug).values()]
    .map((group): Section => {
      const sorted = [...group].sort(newestFirst);
      const newest = sorted[0]!;
      return {
        name: newest.section,
        slug: newest.sectionSlug,
        url: `/${newest.sectionSlug}/`,
        count: sorted.length,
        firstDate: sorted[sorted.length - 1]!.date,
        lastDate: newest.date,
        articles: sorted,
        latest: sorted.slice(0, LATEST_PER_SECTION),
      };
    })
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
}

export function summary({ name, slug, url, count, firstDate, lastDate }: Section): SectionSummary {
  return { name, slug, url, count, firstDate, lastDate };
}

export function sectionFronts(all: readonly Section[], pageSize: number): SectionFrontPage[] {
  return all.flatMap((section) => {
    const about = summary(section);
    const link: SectionLink = { name: about.name, slug: about.slug, url: about.url };
    const months = monthPages(section.articles.map((a) => a.date), pageSize, section.url);
    // The page's fields last, so that every page shares one hidden class (see `publish`).
    return paginate(section.articles.map(teaser), pageSize, section.url).map((page) => ({ section: link, about: page.pageNumber === null ? about : null, months: page.pageNumber === null ? months : null, ...page }));
  });
}
