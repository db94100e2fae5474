import type { Article } from "./article.js";
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
}

export function articlePages(sections: readonly Section[]): ArticlePage[] {
  return sections.flatMap((section) =>
    section.articles.map((article, i): ArticlePage => {
      const newer = section.articles[i - 1];
      const older = section.articles[i + 1];
      return { ...article, newer: newer ? teaser(newer) : null, older: older ? teaser(older) : null };
    }),
  );
}
