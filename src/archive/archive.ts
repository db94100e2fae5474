import type { ParsedArticle } from "../article/types.js";
import { newestFirst, type Article } from "./article.js";
import { articlePages, type ArticlePage } from "./articlePages.js";
import { archiveYears, datePages, type ArchiveYear, type DatePage } from "./dates.js";
import { feeds, sitemaps, topicFeeds, type Feed, type Sitemaps } from "./feeds.js";
import { homeFront, type HomeFront } from "./front.js";
import { searchShards, type SearchShard } from "./searchShards.js";
import { sourcePages, sources, type Source, type SourcePage } from "./sources.js";
import { sectionFronts, sections, type Section, type SectionFrontPage } from "./sections.js";
import { directoryFileCount } from "../search/directory.js";
import { publish, type PublishOptions } from "./urls.js";
import { formatMatch, plainMatch } from "../search/topicFilter.js";
import { DEFAULT_TOPIC_MIN_ARTICLES, mainTopics, topicIndex, topicMinimum, type TopicIndex, topicIndexPages, topicKinds, topicPages, type TopicIndexPage, type TopicKindSummary, type TopicPage, type TopicSummary } from "./topics.js";

/** Everything the site is made of, computed once per build from the parsed articles. */
export interface Archive {
  /** Newest first. */
  readonly articles: readonly Article[];
  /** The home page: its lead, the latest headlines, the busiest sections. */
  readonly home: HomeFront;
  /** Largest first. */
  readonly sections: readonly Section[];
  readonly sectionFronts: readonly SectionFrontPage[];
  /** One per article, in section order. */
  readonly articlePages: readonly ArticlePage[];
  /** Largest first. */
  readonly sources: readonly Source[];
  readonly sourcePages: readonly SourcePage[];
  /** Year, month and day pages for every period with articles. */
  readonly datePages: readonly DatePage[];
  /** Years with articles, newest first, with their counts and their months that have articles, in order. */
  readonly years: readonly ArchiveYear[];
  /** The whole site's feed first, then one per section. */
  readonly feeds: readonly Feed[];
  /** One per topic, headlines only. */
  readonly topicFeeds: readonly Feed[];
  /** People, places and organisations the articles name (topics.ts), largest first, each with its match for the search page where it is not the plain one. */
  readonly topics: readonly (TopicSummary & { readonly within: string | null })[];
  readonly topicPages: readonly TopicPage[];
  /** Each kind's index page, then its pages by letter. */
  readonly topicIndexPages: readonly TopicIndexPage[];
  /** The topics page: each kind's size and largest topics. */
  readonly topicKinds: readonly TopicKindSummary[];
  /** The articles a name needed to be a topic: the setting, or fewer in a smaller archive. */
  readonly topicMinimum: number;
  readonly sitemaps: Sitemaps;
  /** Newest first; the first is the search page's primary index. */
  readonly searchShards: readonly SearchShard[];
  /** How many files the word directory of the search shards is cut into (src/search/directory.ts). */
  readonly wordFiles: number;
}


export interface ArchiveOptions extends PublishOptions {
  readonly pageSize: number;
  /** Articles that must name a topic (topics.ts); at most every article of a smaller archive. */
  readonly topicMinArticles?: number;
  /** False for a site without topics: no topic pages then, not even their empty index. */
  readonly topics?: boolean;
  /** For feed titles. */
  readonly siteTitle: string;
}

/** Publishes parsed articles (URLs, section names), newest first. */
export function publishArchive(parsed: readonly ParsedArticle[], options: PublishOptions): Article[] {
  return publish(parsed, options).sort(newestFirst);
}

export function buildArchive(parsed: readonly ParsedArticle[], options: ArchiveOptions): Archive {
  return indexArchive(publishArchive(parsed, options), options);
}

/** The archive's listings that owe nothing to topics or related articles: sections, sources, dates. */
export interface Listings {
  readonly sections: readonly Section[];
  readonly sectionFronts: readonly SectionFrontPage[];
  readonly bySource: ReturnType<typeof sources>;
  readonly sourcePages: readonly SourcePage[];
  readonly datePages: readonly DatePage[];
}

/** Sections, sources and dates with their pages, from published articles (newest first). */
export function archiveListings(articles: readonly Article[], pageSize: number): Listings {
  const all = sections(articles);
  const bySource = sources(articles);
  return { sections: all, sectionFronts: sectionFronts(all, pageSize), bySource, sourcePages: sourcePages(bySource, pageSize), datePages: datePages(articles, all, pageSize) };
}

/** Parts of the archive a caller may have worked out already, to hand over. */
export interface Precomputed {
  /** Made while the topics were weighed on their thread. */
  readonly listings?: Listings;
  /** Cut early, to start indexing while the pages are planned. */
  readonly shards?: readonly SearchShard[];
  /** Each article's relatives by index, from the related index of an earlier build. */
  readonly related?: readonly (readonly number[])[];
  /** Found early, for the search records' topic filter. */
  readonly topics?: TopicIndex;
}

/** The archive's indexes and pages, from published articles (newest first). */
export function indexArchive(articles: readonly Article[], options: ArchiveOptions, precomputed: Precomputed = {}): Archive {
  const { sections: all, sectionFronts: fronts, bySource, sourcePages: pagesBySource, datePages: dates } = precomputed.listings ?? archiveListings(articles, options.pageSize);
  const shards = precomputed.shards ?? searchShards(articles);
  // An archive smaller than the minimum would have no topics at all: there, every article counts.
  const minimum = topicMinimum(options.topicMinArticles ?? DEFAULT_TOPIC_MIN_ARTICLES, articles.length);
  const found = precomputed.topics ?? topicIndex(articles, minimum);
  const topicFronts = topicPages(found, options.pageSize);
  const withTopics = options.topics !== false;
  const kindPages = withTopics ? topicIndexPages(found) : [];
  const listed = [
    { url: "/", lastmod: articles[0]?.date ?? null },
    { url: "/sections/", lastmod: null },
    { url: "/source/", lastmod: null },
    { url: "/archive/", lastmod: null },
    ...fronts.map((p) => ({ url: p.url, lastmod: null })),
    ...pagesBySource.map((p) => ({ url: p.url, lastmod: null })),
    ...topicFronts.map((p) => ({ url: p.url, lastmod: null })),
    ...(withTopics ? [{ url: "/topics/", lastmod: null }] : []),
    ...kindPages.map((p) => ({ url: p.url, lastmod: null })),
    ...dates.map((p) => ({ url: p.url, lastmod: null })),
    ...articles.map((a) => ({ url: a.url, lastmod: a.date })),
  ];
  return {
    articles,
    home: homeFront(articles, all),
    sections: all,
    sectionFronts: fronts,
    articlePages: articlePages(all, articles, precomputed.related, (a) => mainTopics(found, a)),
    sources: bySource.map((s) => s.source),
    sourcePages: pagesBySource,
    datePages: dates,
    years: archiveYears(dates),
    feeds: feeds(options.siteTitle, articles, all),
    topicFeeds: topicFeeds(options.siteTitle, found.topics),
    topics: topicFronts.flatMap((p) => (p.about ? [{ ...p.about, within: p.within === formatMatch(plainMatch(p.topic.name)) ? null : p.within }] : [])),
    topicPages: topicFronts,
    topicIndexPages: kindPages,
    topicKinds: topicKinds(found),
    topicMinimum: minimum,
    sitemaps: sitemaps(listed),
    searchShards: shards,
    wordFiles: directoryFileCount(articles.length),
  };
}
