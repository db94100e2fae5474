import type { Article } from "./article.js";
import { periodUrl } from "./dates.js";
import { relatedArticles } from "./related.js";
import { sourceUrl } from "./sources.js";
import type { Section } from "./sections.js";

/** What a list or a link shows of an article: not its body. */
export interface Teaser {
  readonly url: string;
  readonly headline: string;
  readonly standfirst: string | null;
  readonly date: Article["date"];
  readonly section: string;
  readonly sectionSlug: string;
  readonly source: string | null;
}

export function teaser(a: Article): Teaser {
  return { url: a.url, headline: a.headline, standfirst: a.standfirst, date: a.date, section: a.section, sectionSlug: a.sectionSlug, source: a.source };
}

/** An article page: the article and the links drawn around it. */
export interface ArticlePage extends Article {
  /** The next newer article in the same section. */
  readonly newer: Teaser | null;
  /** The next older article in the same section. */
  readonly older: Teaser | null;
  /** Articles sharing its rarest words, most alike first. */
  readonly related: readonly Teaser[];
  /** The day page of its date. */
  readonly dayUrl: string;
  /** Each source credit and its page. */
  readonly sourceLinks: readonly { readonly name: string; readonly url: string }[];
}

/** Article pages in section order. `articles` is the whole archive, for related articles. */
export function articlePages(sections: readonly Section[], articles: readonly Article[]): ArticlePage[] {
  const related = relatedArticles(articles);
  const indexOf = new Map(articles.map((a, i) => [a.url, i]));
  // One teaser per article, shared by every page that links to it.
  const teasers = articles.map(teaser);
  const teaserOf = (a: Article): Teaser => teasers[indexOf.get(a.url)!]!;
  return sections.flatMap((section) =>
    section.articles.map((article, i): ArticlePage => {
      const newer = section.articles[i - 1];
      const older = section.articles[i + 1];
      return {
        ...article,
        newer: newer ? teaserOf(newer) : null,
        older: older ? teaserOf(older) : null,
        related: related[indexOf.get(article.url)!]!.map((j) => teasers[j]!),
        dayUrl: periodUrl(article.date),
        sourceLinks: article.sources.map((name) => ({ name, url: sourceUrl(name) })),
      };
    }),
  );
}
