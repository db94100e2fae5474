import { MAX_SHARD_ARTICLES } from "./archive/searchShards.js";
import { DEFAULT_BOILERPLATE } from "./article/parse.js";

/** A site's settings, from `_data/site.json`; every field has a default. */
export interface Settings {
  readonly title: string;
  readonly description: string;
  /** Absolute base URL of the deployed site, without the path prefix: `https://example.org`. */
  readonly url: string;
  /** Where the site lives under `url`: `/` or `/archive/`. */
  readonly pathPrefix: string;
  readonly language: string;
  /** IANA zone the archive's dates belong to, for feeds and structured data. */
  readonly timeZone: string;
  /** Section names as written in headers, mapped to how the site shows them. */
  readonly sectionNames: Readonly<Record<string, string>>;
  /** Trailing lines dropped from every article. */
  readonly boilerplate: readonly string[];
  /** Folder of article files; the `BROADSHEET_ARTICLES` environment variable wins. */
  readonly articles: string;
  /** Articles per page on section fronts and source pages. */
  readonly pageSize: number;
  /** Past this many articles the search index is cut into yearly shards (see searchShards). */
  readonly searchShardSize: number;
  /**
   * Archive pages (articles, section fronts, source and date pages) drawn by one Eleventy run.
   * Eleventy keeps every page of a run in memory until the run ends; past this many, the rest are
   * drawn by further runs, one batch at a time.
   */
  readonly pagesPerRun: number;
}

export const DEFAULT_SETTINGS: Settings = {
  title: "Broadsheet",
  description: "A searchable archive of news articles.",
  url: "http://localhost:8080",
  pathPrefix: "/",
  language: "en",
  timeZone: "UTC",
  sectionNames: {},
  boilerplate: DEFAULT_BOILERPLATE,
  articles: "articles",
  pageSize: 30,
  searchShardSize: MAX_SHARD_ARTICLES,
  pagesPerRun: 5_000,
};

function normalisePrefix(prefix: string): string {
  const inner = prefix.replace(/^\/+|\/+$/gu, "");
  return inner === "" ? "/" : `/${inner}/`;
}

/**
 * Fills defaults in and normalises what users write differently (`archive` vs `/archive/`).
 * `BROADSHEET_ARTICLES`, `BROADSHEET_URL` and `BROADSHEET_PATH_PREFIX` override the file, for
 * one-off builds and CI; `BROADSHEET_SEARCH_SHARD_SIZE` and `BROADSHEET_PAGES_PER_RUN` too, to
 * see a large archive's sharded search and batched rendering on a small one.
 */
export function resolveSettings(input: Partial<Settings>, env: Readonly<Record<string, string | undefined>> = {}): Settings {
  const merged = { ...DEFAULT_SETTINGS, ...input };
  return {
    ...merged,
    url: (env.BROADSHEET_URL || merged.url).replace(/\/+$/u, ""),
    pathPrefix: normalisePrefix(env.BROADSHEET_PATH_PREFIX ?? merged.pathPrefix),
    articles: env.BROADSHEET_ARTICLES || merged.articles,
    searchShardSize: Number(env.BROADSHEET_SEARCH_SHARD_SIZE) || merged.searchShardSize,
    pagesPerRun: Number(env.BROADSHEET_PAGES_PER_RUN) || merged.pagesPerRun,
  };
}
