import type { Article } from "./article.js";
import type { Section } from "./sections.js";

/** Entries per feed: readers poll feeds for what is new, not for the archive. */
export const FEED_ENTRIES = 20;

export interface Feed {
  /** `null` for the whole site. */
  readonly section: string | null;
  readonly title: string;
  /** The page the feed follows. */
  readonly pageUrl: string;
  readonly atomUrl: string;
  readonly jsonUrl: string;
  /** Newest first. */
  readonly articles: readonly Article[];
  /** Date of the newest entry. */
  readonly updated: string;
}

export function feeds(siteTitle: string, newestFirst: readonly Article[], sections: readonly Section[]): Feed[] {
  const feed = (section: string | null, title: string, pageUrl: string, articles: readonly Article[]): Feed => ({
    section,
    title,
    pageUrl,
    atomUrl: `${pageUrl}feed.xml`,
    jsonUrl: `${pageUrl}feed.json`,
    articles: articles.slice(0, FEED_ENTRIES),
    updated: articles[0]?.date ?? "1970-01-01",
  });
  return [feed(null, siteTitle, "/", newestFirst), ...sections.map((s) => feed(s.name, `${s.name} · ${siteTitle}`, s.url, s.articles))];
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

export function sitemaps(entries: readonly SitemapEntry[], limit = SITEMAP_LIMIT): Sitemaps {
  if (entries.length <= limit) return { files: [{ url: "/sitemap.xml", entries }], index: false };
  const files = [];
  for (let i = 0; i * limit < entries.length; i++) files.push({ url: `/sitemap-${i + 1}.xml`, entries: entries.slice(i * limit, (i + 1) * limit) });
  return { files, index: true };
}
