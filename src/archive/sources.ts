import { teaser, type Teaser } from "./articlePages.js";
import type { Article } from "./article.js";
import { paginate, type ListingPage } from "./paginate.js";
import { slug } from "../slug.js";

export interface Source {
  readonly name: string;
  readonly slug: string;
  readonly url: string;
  readonly count: number;
}

export interface SourcePage extends ListingPage<Teaser> {
  readonly source: Source;
}

export function sourceUrl(name: string): string {
  return `/source/${slug(name, "source")}/`;
}

/**
 * Source credits, largest first, each with its articles newest first. An article credited to
 * `Reuters, AFP` is listed under both. `articles` must be newest first.
 */
export function sources(articles: readonly Article[]): { source: Source; articles: Article[] }[] {
  const groups = new Map<string, { name: string; articles: Article[] }>();
  for (const article of articles) {
    for (const name of article.sources) {
      const key = slug(name, "source");
      const group = groups.get(key);
      if (group) group.articles.push(article);
      else groups.set(key, { name, articles: [article] });
    }
  }
  return [...groups.entries()]
    .map(([key, g]) => ({ source: { name: g.name, slug: key, url: sourceUrl(g.name), count: g.articles.length }, articles: g.articles }))
    .sort((a, b) => b.source.count - a.source.count || (a.source.name < b.source.name ? -1 : 1));
}

export function sourcePages(all: ReturnType<typeof sources>, pageSize: number): SourcePage[] {
  return all.flatMap(({ source, articles }) => paginate(articles.map(teaser), pageSize, source.url).map((page) => ({ ...page, source })));
}
