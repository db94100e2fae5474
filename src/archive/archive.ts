import type { ParsedArticle } from "../article/types.js";
import { newestFirst, type Article } from "./article.js";
import { articlePages, type ArticlePage } from "./articlePages.js";
import { searchShards, type SearchShard } from "./searchShards.js";
import { sectionFronts, sections, type Section, type SectionFrontPage } from "./sections.js";
import { publish, type PublishOptions } from "./urls.js";

/** Everything the site is made of, computed once per build from the parsed articles. */
export interface Archive {
  /** Newest first. */
  readonly articles: readonly Article[];
  /** The newest articles, for the home page. */
  readonly latest: readonly Article[];
  /** Largest first. */
  readonly sections: readonly Section[];
  readonly sectionFronts: readonly SectionFrontPage[];
  /** One per article, in section order. */
  readonly articlePages: readonly ArticlePage[];
  /** Newest first; the first is the search page's primary index. */
  readonly searchShards: readonly SearchShard[];
}

const LATEST_ON_HOME = 20;

export interface ArchiveOptions extends PublishOptions {
  readonly pageSize: number;
}

export function buildArchive(parsed: readonly ParsedArticle[], options: ArchiveOptions): Archive {
  const articles = publish(parsed, options).sort(newestFirst);
  const all = sections(articles);
  return {
    articles,
    latest: articles.slice(0, LATEST_ON_HOME),
    sections: all,
    sectionFronts: sectionFronts(all, options.pageSize),
    articlePages: articlePages(all),
    searchShards: searchShards(articles),
  };
}
