import { teaser, type Teaser } from "./articlePages.js";
import type { Article } from "./article.js";
import { groupBy } from "./groupBy.js";
import { monthPages, paginate, type ListingPage, type MonthPage } from "./paginate.js";
import { slug } from "../slug.js";
import type { IsoDate } from "../article/types.js";

export interface Source {
  readonly name: string;
  readonly slug: string;
  readonly url: string;
  readonly count: number;
  /** The dates of its oldest and newest articles: a source's page gives its span, as a section's does. */
  readonly firstDate: IsoDate;
  readonly lastDate: IsoDate;
}

export interface SourcePage extends ListingPage<Teaser> {
  readonly source: Pick<Source, "name" | "slug" | "url">;
  /** The credit's size, on its first page only (see SectionFrontPage.about). */
  readonly about: Source | null;
  /** On its first page only: each month of the credit, leading to the page that holds its newest article. */
  readonly months: readonly MonthPage[] | null;
}

/**
 * Slugs of source names, for the life of the process. A wire archive credits a handful of names
 * a hundred thousand times, and every article page links its credits: slugging each time cost
 * half a second a build. A slug depends on the name alone, so it never goes stale.
 */
const sourceSlugs = new Map<string, string>();

function sourceSlug(name: string): string {
  let found = sourceSlugs.get(name);
  if (found === undefined) {
    found = slug(name, "source");
    sourceSlugs.set(name, found);
  }
  return found;
}

export function sourceUrl(name: string): string {
  return `/source/${sourceSlug(name)}/`;
}

/**
 * Source credits, largest first, each with its articles newest first. An article credited to
 * `Reuters, AFP` is listed under both. `articles` must be newest first.
 */
export function sources(articles: readonly Article[]): { source: Source; articles: Article[] }[] {
  const credits = articles.flatMap((article) => article.sources.map((name) => ({ name, article })));
  return [...groupBy(credits, (c) => sourceSlug(c.name)).entries()]
    .map(([key, group]) => {
      const name = group[0]!.name;
      const source = { name, slug: key, url: sourceUrl(name), count: group.length, firstDate: group.at(-1)!.article.date, lastDate: group[0]!.article.date };
      return { source, articles: group.map((c) => c.article) };
    })
    .sort((a, b) => b.source.count - a.source.count || (a.source.name < b.source.name ? -1 : 1));
}

export function sourcePages(all: ReturnType<typeof sources>, pageSize: number): SourcePage[] {
  // The page's fields last, so that every page shares one hidden class (see `publish`).
  return all.flatMap(({ source, articles }) => {
    const link = { name: source.name, slug: source.slug, url: source.url };
    const months = monthPages(articles.map((a) => a.date), pageSize, source.url);
    return paginate(articles.map(teaser), pageSize, source.url).map((page) => ({ source: link, about: page.pageNumber === null ? source : null, months: page.pageNumber === null ? months : null, ...page }));
  });
}
