import type { Article } from "./article.js";
import { groupBy } from "./groupBy.js";
import type { Section } from "./sections.js";
import type { Topic } from "./topics.js";
import { teaser } from "./articlePages.js";

/** Entries per feed: readers poll feeds for what is new, not for the archive. */
export const FEED_ENTRIES = 20;

/**
 * What a feed gives of an article. A headline-only feed (a topic's) holds these fields alone, so
 * that it crosses to a drawing thread as plain data; a full-text feed holds the articles.
 */
export type FeedEntry = Pick<Article, "url" | "headline" | "standfirst" | "date" | "section" | "sources">;

export interface Feed {
  /** `null` for the whole site. */
  readonly section: string | null;
  /** Whether entries carry the article's text (a topic's feed does not: topicFeeds). */
  readonly fullText: boolean;
  readonly title: string;
  /** The page the feed follows. */
  readonly pageUrl: string;
  readonly atomUrl: string;
  readonly jsonUrl: string;
  /** Newest first. */
  readonly articles: readonly FeedEntry[];
  /** Date of the newest entry. */
  readonly updated: string;
}

function feed(section: string | null, title: string, pageUrl: string, articles: readonly FeedEntry[], fullText = true): Feed {
  return {
    section,
    fullText,
    title,
    pageUrl,
    atomUrl: `${pageUrl}feed.xml`,
    jsonUrl: `${pageUrl}feed.json`,
    articles: articles.slice(0, FEED_ENTRIES),
    updated: articles[0]?.date ?? "1970-01-01",
  };
}

/** The site's feed and each section's, in full text. */
export function feeds(siteTitle: string, newestFirst: readonly Article[], sections: readonly Section[]): Feed[] {
  return [feed(null, siteTitle, "/", newestFirst), ...sections.map((s) => feed(s.name, `${s.name} · ${siteTitle}`, s.url, s.articles))];
}

/**
 * Each topic's feed, headlines only: a reader follows a story by its headlines, and thousands of
 * topics' feeds in full would be most of the site's bytes. Drawn in runs, as archive pages are.
 */
export function topicFeeds(siteTitle: string, topics: readonly Topic[]): Feed[] {
  // Teasers: plain data, shared with the listing pages, and named in fingerprints (renderPlan.ts).
  return topics.map((t) => feed(null, `${t.name} · ${siteTitle}`, t.url, t.articles.slice(0, FEED_ENTRIES).map(teaser), false));
}

/** The sitemap protocol's limit of URLs per file. */
export const SITEMAP_LIMIT = 50_000;

export interface SitemapEntry {
  readonly url: string;
  /** `YYYY-MM-DD`, when the page has one date. */
  readonly lastmod: string | null;
}

export interface Sitemaps {
  /** One file when the site fits, else several and an index at `/sitemap.xml`. */
  readonly files: readonly { readonly url: string; readonly entries: readonly SitemapEntry[] }[];
  readonly index: boolean;
}

/**
 * One file when the site fits; past the limit, one file for the pages without a date of their own
 * and one per year of articles (a year past the limit in parts), under an index. By year, so that
 * an article added to a large archive changes the file of its year, not every file after it.
 */
export function sitemaps(entries: readonly SitemapEntry[], limit = SITEMAP_LIMIT): Sitemaps {
  if (entries.length <= limit) return { files: [{ url: "/sitemap.xml", entries }], index: false };
  const groups = groupBy(entries, (e) => (e.lastmod === null ? "pages" : e.lastmod.slice(0, 4)));
  const keys = [...groups.keys()].sort((a, b) => (a === "pages" ? -1 : b === "pages" ? 1 : a < b ? -1 : 1));
  const files = keys.flatMap((key) => {
    const group = groups.get(key)!;
    return Array.from({ length: Math.ceil(group.length / limit) }, (_, i) => ({
      url: `/sitemap-${key}${i === 0 ? "" : `-${i + 1}`}.xml`,
      entries: group.slice(i * limit, (i + 1) * limit),
    }));
  });
  return { files, index: true };
}
