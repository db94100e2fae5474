import type { Article } from "./article.js";
import { periodUrl } from "./dates.js";
import { relatedArticles } from "./related.js";
import { sourceUrl } from "./sources.js";
import type { Section } from "./sections.js";
import type { ArticleTopic } from "./topics.js";

/** What a list or a link shows of an article: not its body. */
export interface Teaser {
  readonly url: string;
  readonly headline: string;
  readonly standfirst: string | null;
  readonly date: Article["date"];
  readonly section: string;
  readonly sectionSlug: string;
  readonly source: string | null;
  /** Each credit, for a feed's authors. */
  readonly sources: readonly string[];
}

/**
 * Teasers made so far, by article. An article is listed on up to five pages (its section front,
 * source pages, month and day pages, its neighbours' pages): one teaser serves them all, instead
 * of five copies of each of 100,000. Weak, so a build's teasers go with its articles.
 */
const teasers = new WeakMap<Article, Teaser>();

/** The article's teaser: the same object for every page that lists it. */
export function teaser(a: Article): Teaser {
  let found = teasers.get(a);
  if (found === undefined) {
    found = { url: a.url, headline: a.headline, standfirst: a.standfirst, date: a.date, section: a.section, sectionSlug: a.sectionSlug, source: a.source, sources: a.sources };
    teasers.set(a, found);
  }
  return found;
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
  /** Its main topics: people, places and organisations of the archive it names, its lead's first (topics.ts). */
  readonly topics: readonly ArticleTopic[];
}

/**
 * Article pages in section order. `articles` is the whole archive, newest first; `related` lists
 * each one's relatives by index in it (a build with an earlier index works them out itself).
 */
export function articlePages(
  sections: readonly Section[],
  articles: readonly Article[],
  related: readonly (readonly number[])[] = relatedArticles(articles, (a) => a.file).lists,
  topicsOf: (article: Article) => readonly ArticleTopic[] = () => [],
): ArticlePage[] {
  const indexOf = new Map(articles.map((a, i) => [a.url, i]));
  return sections.flatMap((section) =>
    section.articles.map((article, i): ArticlePage => {
      const newer = section.articles[i - 1];
      const older = section.articles[i + 1];
      // The article's fields last, so that every page shares one hidden class (see `publish`).
      return {
        newer: newer ? teaser(newer) : null,
        older: older ? teaser(older) : null,
        related: related[indexOf.get(article.url)!]!.map((j) => teaser(articles[j]!)),
        dayUrl: periodUrl(article.date),
        sourceLinks: article.sources.map((name) => ({ name, url: sourceUrl(name) })),
        topics: topicsOf(article),
        ...article,
      };
    }),
  );
}
