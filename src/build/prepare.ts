import { availableParallelism } from "node:os";
import { archiveListings, indexArchive, publishArchive, type Archive } from "../archive/archive.js";
import { searchShards } from "../archive/searchShards.js";
import { directoryFileCount } from "../search/directory.js";
import { teaser, type ArticlePage } from "../archive/articlePages.js";
import { articlePageFingerprint, articleStandIns, fingerprint, listingFingerprint, outputs, planUpdates, type Manifest, type UpdatePlan } from "../archive/renderPlan.js";
import type { DatePage } from "../archive/dates.js";
import type { Feed, Sitemaps } from "../archive/feeds.js";
import type { SectionFrontPage } from "../archive/sections.js";
import type { SourcePage } from "../archive/sources.js";
import { topicIndex, topicMinimum, TopicWeights, type TopicIndex, type TopicIndexPage, type TopicPage } from "../archive/topics.js";
import type { ParseOptions } from "../article/parse.js";
import { formatProblem } from "../article/types.js";
import { relatedArticles, type Related } from "../archive/related.js";
import { loadParseCache, saveParseCache } from "../io/parseCache.js";
import { loadRelatedIndex, saveRelatedIndex } from "../io/relatedCache.js";
import { startProgress } from "../io/progress.js";
import { readArchive, readBody, type ReadResult } from "../io/readArchive.js";
import { listArticleFiles, type Listing } from "../io/listFiles.js";
import { listOnThread } from "../io/listOnThread.js";
import { readOnThreads } from "../io/readers.js";
import type { Settings } from "../settings.js";
import { CACHE_DIR, fingerprintFiles, isWritten, removeStale, removeStaleBundles, stillWritten, templatesFingerprint } from "./incremental.js";
import { markPending } from "./outputRecord.js";
import { recordSource, type ShardToIndex } from "./searchIndex.js";
import { loadKeptWords, wordsKeptFor } from "./wordDirectoryFiles.js";
import { WordDirectory } from "./wordDirectory.js";
import type { MessagePort } from "node:worker_threads";
import { keepingInMemory } from "../io/keptInMemory.js";
import { TopicThread } from "./topicThread.js";

export type BuildMode = "strict" | "lenient";

export interface BuildOptions {
  readonly mode: BuildMode;
  /** Whether an archive with no article may be published (over a site that has some). */
  readonly allowEmpty: boolean;
}

/** The archive's pages drawn this build (src/eleventy/runs.ts): those whose data or templates changed. */
export interface RenderLists {
  readonly articles: readonly ArticlePage[];
  readonly sectionFronts: readonly SectionFrontPage[];
  readonly sourcePages: readonly SourcePage[];
  readonly datePages: readonly DatePage[];
  readonly topicPages: readonly TopicPage[];
  readonly topicIndexPages: readonly TopicIndexPage[];
  /** Each is two files, Atom and JSON. */
  readonly topicFeeds: readonly Feed[];
}

export interface PreparedBuild {
  readonly read: ReadResult;
  readonly archive: Archive;
  readonly pages: UpdatePlan;
  readonly render: RenderLists;
  /** The feeds whose entries changed: drawn by Eleventy's own run, both formats. */
  readonly feeds: readonly Feed[];
  /** The sitemap files whose entries changed, likewise. */
  readonly sitemaps: Sitemaps["files"];
  /**
   * For the next build, once this one succeeds; on a clean build its fingerprints are taken then.
   * The single pages are added once Eleventy's own run has written them (build.ts).
   */
  readonly manifest: () => Omit<Manifest, "singles">;
  /** Keeps the related-articles index for the next build. */
  readonly saveRelated: () => Promise<void>;
  /** Once every shard is indexed: writes what changed of the search page's word directory; the number of files written. */
  readonly writeWords: () => Promise<number>;
  readonly seconds: { readonly read: number; readonly plan: number };
}

/**
 * Thrown when there is no article to publish: an empty folder is far more often a failed mount or
 * a wrong path than an archive emptied on purpose, and building it would wipe the published site.
 */
export class EmptyArchiveError extends Error {
  constructor(folder: string, files: number) {
    const why = files === 0 ? "the folder holds no article files" : `none of its ${files} files is a valid article`;
    super(`${folder}: nothing to publish (${why}); check the articles folder (setting "articles" or BROADSHEET_ARTICLES), or build with --allow-empty to publish an empty archive`);
    this.name = "EmptyArchiveError";
  }
}

/**
 * Refuses an articles folder with no file in it before an output with no record is emptied: with
 * the cache gone and the mount failed, emptying first would wipe the site all the same. (Files
 * that are all rejected are only found once read, as the build goes on.)
 */
export async function refuseEmptyFolder(folder: string): Promise<void> {
  const files = (await listArticleFiles(folder).catch(() => null))?.filter((entry) => !entry.skipped && !entry.error) ?? null;
  // A folder that cannot be listed is reported by the read, with its reason.
  if (files !== null && files.length === 0) throw new EmptyArchiveError(folder, 0);
}

/** Thrown when strict mode meets a rejected file; the problems were already printed. */
export class RejectedArticlesError extends Error {
  constructor(count: number) {
    super(`${count} article file${count === 1 ? "" : "s"} rejected (listed above); fix them, or build with --lenient to publish the rest`);
    this.name = "RejectedArticlesError";
  }
}

/** The parser's own code: a change to it invalidates every cached parse. */
const PARSER_SOURCES = [
  "src/article",
  "src/slug.ts",
  // The gazetteer and the given names of topic extraction (src/article/lexicon.ts) come from these.
  "node_modules/countries-list/package.json",
  "node_modules/human-names/package.json",
];
/** What makes a search record of an article: the record, and its names for the topic filters. */
const SEARCH_RECORD_SOURCES = ["src/build/searchIndex.ts", "src/archive/topics.ts", "src/search/topicFilter.ts"];
/** What relates articles: its index is only reused by the same code. */
const RELATED_SOURCE = "src/archive/related.ts";

/**
 * Pages a build must have recorded for the next to list its articles on a thread (listOnThread.ts):
 * some 30,000 articles. The thread lists while this one loads the parse cache from disk (0.7 s at
 * 100,000 files). With fewer files, or under the watch server, which keeps the cache in memory,
 * the read would only wait for the thread to start.
 */
const LISTED_ON_A_THREAD = 50_000;

/**
 * The topics' weights, kept from build to build by the watch server, which weighs again only the
 * articles added, changed or removed (TopicWeights). A thread weighs a large archive anew.
 */
const keptTopicWeights = new TopicWeights();

function listsOnAThread(recorded: Manifest | null): boolean {
  return recorded !== null && recorded.pages.size >= LISTED_ON_A_THREAD && !keepingInMemory && availableParallelism() > 1;
}

/** How articles are parsed for a site: the names they give are found only for its topics. */
export function parseOptionsOf(settings: Pick<Settings, "boilerplate" | "topics">): ParseOptions {
  return { boilerplate: settings.boilerplate, ...(!settings.topics && { names: false }) };
}

/** The articles as read, and a way to keep this reading for the next build (the parse cache). */
interface Reading {
  readonly read: ReadResult;
  readonly saveCache: () => Promise<void>;
}

async function readWithProgress(settings: Settings, parser: string, listing: Promise<Listing | null> | undefined, onListed: (files: number) => void): Promise<Reading> {
  const options = parseOptionsOf(settings);
  const loaded = await loadParseCache(CACHE_DIR, options, parser, (file, digest) => readBody(file, digest, options));
  // Read in place: what was loaded is kept apart, to find what changed.
  const cache = new Map(loaded.entries);
  let progress = startProgress("read", 0, "files");
  const read = await readArchive([settings.articles], {
    ...options,
    cache,
    // Nothing else of the build runs yet: every core reads.
    readMany: readOnThreads(availableParallelism()),
    ...(listing && { listing }),
    onListed: (n) => {
      onListed(n);
      progress = startProgress("read", n, "files");
    },
    onFile: () => progress.tick(),
  });
  progress.done();
  return { read, saveCache: () => saveParseCache(CACHE_DIR, options, parser, loaded, cache, read.files) };
}

/**
 * Reads and indexes the archive, then decides which pages to draw. Problems go to stderr as
 * `path:line: message`, all of them, before a strict build stops. The search shards that changed
 * are handed to `startIndexing` as soon as the articles have their URLs, so that Pagefind works
 * on the other core while the pages are planned and drawn.
 *
 * `recorded` is what the output holds by the record of the last completed build, with what
 * unfinished builds marked since (outputRecord.ts); null if none, the output being empty then.
 * Nothing in the output is changed before the pages and bundles to change are marked pending.
 */
export async function prepareBuild(
  settings: Settings,
  options: BuildOptions,
  outputDir: string,
  recorded: Manifest | null,
  startIndexing: (shards: readonly ShardToIndex[], wordsPort: () => MessagePort) => void,
): Promise<PreparedBuild> {
  // Started once the listing shows a large archive, to be ready once the articles are read.
  const topicThread = new TopicThread(availableParallelism());
  // Writes still going on (the parse cache's) when the plan fails: finished before the failure is
  // told, so that the next build (at once, under `npm start`) never reads a cache half-written.
  const writing: Promise<unknown>[] = [];
  try {
    return await prepare(settings, options, outputDir, recorded, startIndexing, topicThread, writing);
  } finally {
    await Promise.allSettled(writing);
    await topicThread.close();
  }
}

async function prepare(
  settings: Settings,
  options: BuildOptions,
  outputDir: string,
  recorded: Manifest | null,
  startIndexing: (shards: readonly ShardToIndex[], wordsPort: () => MessagePort) => void,
  topicThread: TopicThread,
  writing: Promise<unknown>[],
): Promise<PreparedBuild> {
  const t0 = performance.now();
  const listing = listsOnAThread(recorded) ? listOnThread([settings.articles]) : undefined;
  // Awaited by the read; a build failing first must not leave it unhandled.
  listing?.catch(() => undefined);
  const parser = await fingerprintFiles(PARSER_SOURCES);
  const { read, saveCache } = await readWithProgress(settings, parser, listing, (files) => {
    if (settings.topics) topicThread.expect(files);
  });
  for (const p of read.problems) process.stderr.write(`${formatProblem(p)}\n`);
  // A build refused for its articles still keeps what it read: the next reads only what changed.
  if (read.rejected.length > 0 && options.mode === "strict") {
    await saveCache();
    throw new RejectedArticlesError(read.rejected.length);
  }
  if (read.articles.length === 0 && !options.allowEmpty) {
    await saveCache();
    throw new EmptyArchiveError(settings.articles, read.files.length);
  }
  const t1 = performance.now();
  const articles = publishArchive(read.articles, { sectionNames: settings.sectionNames });
  // Most pages show some topics; no search record waits for them (src/search/topicFilter.ts). On
  // their own thread (a large archive) they are weighed from here on, while the build's thread
  // plans the search shards, relates the articles and makes the listings; on the build's thread,
  // once the search indexers are started.
  const weighTopics = (): Promise<TopicIndex> => (settings.topics ? topicThread.topics(articles, topicMinimum(settings.topicMinArticles, articles.length), keepingInMemory ? keptTopicWeights : undefined) : Promise.resolve(topicIndex([], 1)));
  const topicsOnThread = topicThread.started ? weighTopics() : null;
  topicsOnThread?.catch(() => undefined); // awaited below; a build failing first must not leave it unhandled
  // Written while the topics are weighed on their thread, or the rest is planned. Done before the
  // search indexers read bodies back (a body that fails to read is struck from the cache, which a
  // write going on could undo) and before the output is touched, so that a cache that cannot be
  // written fails the build with the output as it was.
  const cacheSaved = saveCache();
  cacheSaved.catch(() => undefined); // awaited below, or by prepareBuild if the build fails first
  writing.push(cacheSaved);
  const written = isWritten(outputDir);
  const templates = await templatesFingerprint(settings);
  // After a change to templates or code every page is drawn, whatever the output holds.
  const reuse = recorded?.templates === templates;
  // Checked while the pages are planned, and only when there are fingerprints to compare.
  const pagesWritten = stillWritten(outputDir, reuse ? [...recorded.pages.keys()] : []);
  pagesWritten.catch(() => undefined); // awaited below; a build failing first must not leave it unhandled

  const digestOf = (file: string): string | undefined => read.digests.get(file);
  const shards = searchShards(articles, settings.searchShardSize);
  // An article is itself while its file's bytes are: then its words, key words and list carry over.
  const relatedCode = `${parser}${await fingerprintFiles([RELATED_SOURCE])}`;
  const relatedBefore = await loadRelatedIndex(CACHE_DIR, settings.articles, relatedCode);
  const relate = (): Related => relatedArticles(articles, (a) => `${a.file}\n${digestOf(a.file) ?? ""}`, relatedBefore);
  await cacheSaved;
  // A search record is made from its article, the parser, searchRecord and these settings.
  const recordInputs = {
    code: [parser, await fingerprintFiles(SEARCH_RECORD_SOURCES)],
    // Topics off, articles are read without their names, and records have no topic filters.
    settings: [settings.pathPrefix, settings.language, settings.sectionNames, settings.boilerplate, settings.topics],
  };
  // Built once: search shards are fingerprinted by these names, pages by these and their teasers'.
  const names = articleStandIns(articles, digestOf, teaser);
  // A shard is indexed again if its bundle is gone from the output, or its words for the word
  // directory are not kept from when it was last indexed: they are read from what Pagefind wrote.
  const words = await loadKeptWords(outputDir);
  const wordsKept = (bundle: string): boolean => wordsKeptFor(outputDir, words, bundle, recorded?.search[bundle]);
  const search = planUpdates(
    // The articles alone: a record owes nothing to the rest of the archive, its topics included.
    outputs(shards, (shard) => shard.bundle, (shard) => fingerprint({ ...recordInputs, articles: shard.articles }, names.standIn)),
    recorded ? new Map(Object.entries(recorded.search)) : null,
    (bundle) => written(`/${bundle}/pagefind-entry.json`) && wordsKept(bundle),
  );
  // With no record the output was emptied, and the journal already says this build writes there.
  if (recorded) await markPending(outputDir, { search: [...search.changed, ...search.stale] });
  await removeStaleBundles(outputDir, search.stale);
  // Made on a thread of its own from here on, while the pages are planned and drawn.
  const directory = new WordDirectory({
    outputDir,
    shards: shards.map(({ bundle }) => ({ bundle, kept: search.changed.has(bundle) ? null : recorded!.search[bundle]! })),
    fileCount: directoryFileCount(articles.length),
    keepInMemory: keepingInMemory,
    previous: words,
  });
  startIndexing(
    shards
      .filter((shard) => search.changed.has(shard.bundle))
      .map((shard) => ({ bundle: shard.bundle, size: shard.articles.length, records: () => shard.articles.map((a) => recordSource(a, digestOf(a.file) ?? "")) })),
    () => directory.port(),
  );

  // From the last build's index relating takes some 0.65 s of CPU at 100,000 articles; from none, 3.5 s.
  // With the listings, which owe nothing to the topics either, it fills the wait for the topics
  // on their thread.
  const relation = relate();
  const listed = archiveListings(articles, settings.pageSize);
  const url = (page: { readonly url: string }): string => page.url;
  const sectionAndSourcePages = outputs([...listed.sectionFronts, ...listed.sourcePages], url, (page) => listingFingerprint(page, names.standIn));
  const datePages = outputs<DatePage>(listed.datePages, url, (page) => fingerprint(page, names.standIn));
  // These pages owe nothing to the topics: a rebuild fingerprints them while the topics are still
  // weighed on their thread, which the build's thread otherwise waited for (0.6 to 1.3 s at
  // 100,000 articles, of which these 7,900 pages now fill 0.3 s). A clean build takes its
  // fingerprints only once its pages are drawn (planUpdates).
  if (reuse && topicsOnThread) for (const output of [...sectionAndSourcePages, ...datePages]) output.fingerprint();
  const topics = await (topicsOnThread ?? weighTopics());
  const archive = indexArchive(articles, { sectionNames: settings.sectionNames, pageSize: settings.pageSize, topicMinArticles: settings.topicMinArticles, topics: settings.topics, siteTitle: settings.title }, { shards, related: relation.lists, topics, listings: listed });

  // A feed is two files from the same data: both are drawn if either must be.
  const feedPrints = new Map<Feed, string>();
  const feedPrint = (feed: Feed): string => {
    let print = feedPrints.get(feed);
    if (print === undefined) feedPrints.set(feed, (print = fingerprint(feed, names.standIn)));
    return print;
  };
  const allFeeds = [...archive.feeds, ...archive.topicFeeds];
  const pages = planUpdates(
    [
      ...outputs(archive.articlePages, url, (page) => articlePageFingerprint(page, names)),
      ...sectionAndSourcePages,
      ...outputs(archive.topicPages, url, (page) => listingFingerprint(page, names.standIn)),
      // Teasers in groups, and topics: names where there are articles, the rest as it is.
      ...datePages,
      ...outputs<TopicIndexPage>(archive.topicIndexPages, url, (page) => fingerprint(page, names.standIn)),
      ...outputs(allFeeds, (feed) => feed.atomUrl, feedPrint),
      ...outputs(allFeeds, (feed) => feed.jsonUrl, feedPrint),
      // Plain data: no names to stand in, so the fast path of JSON.stringify.
      ...outputs(archive.sitemaps.files, url, (file) => fingerprint(file)),
    ],
    recorded?.pages ?? null,
    await pagesWritten,
    reuse,
  );
  if (recorded) await markPending(outputDir, { pages: [...pages.changed, ...pages.stale] });
  await removeStale(outputDir, pages.stale);
  const changed = <T extends { readonly url: string }>(list: readonly T[]): T[] => list.filter((p) => pages.changed.has(p.url));
  const feedChanged = (feed: Feed): boolean => pages.changed.has(feed.atomUrl) || pages.changed.has(feed.jsonUrl);
  const render: RenderLists = {
    articles: changed(archive.articlePages),
    sectionFronts: changed(archive.sectionFronts),
    sourcePages: changed(archive.sourcePages),
    datePages: changed(archive.datePages),
    topicPages: changed(archive.topicPages),
    topicIndexPages: changed(archive.topicIndexPages),
    topicFeeds: archive.topicFeeds.filter(feedChanged),
  };
  const feeds = archive.feeds.filter(feedChanged);
  const sitemaps = changed(archive.sitemaps.files);

  const manifest = (): Omit<Manifest, "singles"> => ({ version: 5, templates, pages: pages.hashes(), search: Object.fromEntries(search.hashes()) });
  const saveRelated = (): Promise<void> => saveRelatedIndex(CACHE_DIR, settings.articles, relatedCode, relation.index);
  const writeWords = (): Promise<number> => directory.finish(Object.fromEntries(search.hashes()));
  return { read, archive, pages, render, feeds, sitemaps, manifest, saveRelated, writeWords, seconds: { read: (t1 - t0) / 1000, plan: (performance.now() - t1) / 1000 } };
}
