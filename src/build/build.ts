import path from "node:path";
import { planSingles, type Manifest } from "../archive/renderPlan.js";
import { startProgress, type Progress } from "../io/progress.js";
import type { Settings } from "../settings.js";
import { buildSummary, pagesByKind, type WrittenPage } from "./buildReport.js";
import { PageDrawing, type DrawHere } from "./draw.js";
import { removeStale } from "./incremental.js";
import { clearUnrecordedOutput, lockOutput, readOutputRecord, recordCompleted } from "./outputRecord.js";
import { parseOptionsOf, prepareBuild, refuseEmptyFolder, type BuildOptions, type PreparedBuild } from "./prepare.js";
import { SearchIndexer, startIndexers } from "./searchIndex.js";
import { writeSearchScripts } from "./searchScripts.js";

/**
 * One build, in the order it runs. Eleventy calls in twice: before it draws anything
 * (`startBuild`) and once its own run has drawn its pages (`finishBuild`).
 *
 * 1. **claim** the output: lock it, read what the last completed build recorded (an output with
 *    no record is emptied first, if a Broadsheet build wrote it: outputRecord.ts);
 * 2. **read** the articles, through the parse cache, those it cannot vouch for on every core
 *    (prepare.ts holds steps 2 to 4);
 * 3. **publish**: URLs, sections, the archive model every page is drawn from, the topics weighed
 *    on a thread of their own meanwhile in a large archive (topicThread.ts), while the build's
 *    thread writes the parse cache;
 * 4. **plan**: what changed since the record, pages and search shards, marked pending before
 *    anything is touched; stale pages and bundles removed;
 * 5. **draw** the changed pages: Eleventy's own run draws the single pages, feeds and sitemaps;
 *    the archive's pages are drawn in runs, by worker threads and the build's thread (draw.ts);
 * 6. **index** the changed search shards with Pagefind, from step 4 on, on whatever core is free
 *    (searchIndex.ts), and merge their words into the search page's word directory, on a thread
 *    of its own (wordDirectory.ts); the search page's scripts are written from step 1 on
 *    (searchScripts.ts);
 * 7. **record**: the word directory's changed files, the caches, and last the manifest that the
 *    next build trusts.
 */

export interface BuildSetup extends BuildOptions {
  readonly settings: Settings;
  /** Eleventy's includes folder: the archive's pages are drawn from its templates. */
  readonly includes: string;
  readonly output: string;
}

export interface Build {
  /** Resolves once the output is claimed (step 1): Eleventy may copy into it then. */
  readonly claimed: Promise<Manifest | null>;
  readonly prepared: Promise<PreparedBuild>;
  /** What Eleventy's own run draws besides the single pages: the changed feeds and sitemaps. */
  readonly eleventyRun: Promise<Pick<PreparedBuild, "feeds" | "sitemaps">>;
  /** Told of each page Eleventy's own run draws, for progress. */
  tick(): void;
  readonly drawing: Promise<PageDrawing>;
  readonly search: Promise<SearchIndexer>;
  /** The search page's script and worker, written into the output once it is claimed. */
  readonly scripts: Promise<void>;
  readonly setup: BuildSetup;
  renderProgress?: Progress;
}

/**
 * Pagefind indexers at once, at most: each holds its shard's index, up to 0.5 GB, so six stay
 * within 3 GB whatever the cores. (Measured on 2 cores only, where there are three.)
 */
const MAX_INDEXERS = 6;

/** Pages drawn once per build: home, sections, sources, topics and their names, archive, search, 404, robots.txt. */
const SINGLE_PAGES = 9;

/**
 * Templates of pages only a site with topics has: the topics page, and the names the search page
 * offers (.eleventy.ts leaves them out otherwise). A build that no longer draws them removes their
 * files, as it does any single page the last build wrote and this one does not (finishBuild).
 */
export const TOPICS_ONLY_PAGES: readonly string[] = ["pages/topics.njk", "pages/topic-names.njk"];

/** Every page drawn this build: the changed paginated pages, feeds, sitemaps, singles (but the topics' on a site without). */
function pagesToDraw({ render, archive, feeds, sitemaps }: PreparedBuild, settings: Settings): number {
  const singles = SINGLE_PAGES - (settings.topics ? 0 : TOPICS_ONLY_PAGES.length);
  // A topic's feed is two files.
  const paginated = Object.values(render).reduce((n: number, list: readonly unknown[]) => n + list.length, 0) + render.topicFeeds.length;
  return paginated + feeds.length * 2 + sitemaps.length + (archive.sitemaps.index ? 1 : 0) + singles;
}

/** Steps 1 to 4, with drawing and indexing started as soon as their part of the plan is made. */
export function startBuild(setup: BuildSetup): Build {
  const { settings, output } = setup;
  let started: (indexer: SearchIndexer) => void = () => undefined;
  let failed: (error: unknown) => void = () => undefined;
  const search = new Promise<SearchIndexer>((resolve, reject) => {
    started = resolve;
    failed = reject;
  });
  // One, not two: a rebuild has one shard to index, and a second worker loading alongside the
  // main thread's start cost a rebuild of 100,000 articles 0.3 s (median of eight, side by
  // side). A build with more shards starts the second when indexing begins.
  const ready = startIndexers(1);
  let handedOver = false;
  const claimed = lockOutput(output).then(async () => {
    const record = await readOutputRecord(output);
    if (record === null) {
      if (!setup.allowEmpty) await refuseEmptyFolder(settings.articles);
      await clearUnrecordedOutput(output, { articles: settings.articles });
    }
    return record;
  });
  const prepared = claimed.then((record) =>
    prepareBuild(settings, setup, output, record, (shards, wordsPort) => {
      handedOver = true;
      started(new SearchIndexer(shards, output, settings, parseOptionsOf(settings), ready, wordsPort));
    }),
  );
  // A build that fails before indexing starts must not leave the search waiting, nor, under
  // --serve, its indexers idle for good.
  prepared.catch((error: unknown) => {
    if (!handedOver) for (const worker of ready) void worker.terminate();
    failed(error);
  });
  const build: Build = {
    claimed,
    prepared,
    setup,
    search,
    scripts: claimed.then(() => writeSearchScripts(output)),
    // Worker threads start on the archive's runs as soon as the plan is made.
    drawing: prepared.then(
      (p) =>
        new PageDrawing(p.render, {
          place: { settings, includes: setup.includes, output },
          threads: settings.workers,
          pagesPerRun: settings.pagesPerRun,
          parseOptions: parseOptionsOf(settings),
          digestOf: (file) => p.read.digests.get(file),
          tick: (pages) => build.renderProgress?.tick(pages),
        }),
    ),
    eleventyRun: prepared.then(async (p) => {
      // Once the worker threads are started.
      await build.drawing;
      build.renderProgress = startProgress("render", pagesToDraw(p, settings), "pages");
      return { feeds: p.feeds, sitemaps: p.sitemaps };
    }),
    tick: () => build.renderProgress?.tick(),
  };
  // All are awaited later; until then a failure must not count as unhandled.
  for (const step of [claimed, prepared, search, build.scripts, build.drawing, build.eleventyRun]) step.catch(() => undefined);
  return build;
}

/** Files written into the output, as site paths: `_site/search/index.html` → `/search/index.html`. */
function sitePaths(output: string, written: readonly WrittenPage[]): string[] {
  const root = path.resolve(output);
  return written.flatMap(({ outputPath }) => {
    if (outputPath === false) return [];
    const relative = path.relative(root, path.resolve(outputPath));
    // Eleventy writes where a permalink says, even outside the output: not the build's to remove.
    return relative.startsWith("..") || path.isAbsolute(relative) ? [] : [`/${relative.split(path.sep).join("/")}`];
  });
}

/**
 * Steps 5 to 7, once Eleventy's own run is done: the build's thread draws runs still waiting,
 * with `drawHere`; then indexing ends and everything is recorded. Returns the build's summary.
 * `written`: the pages Eleventy's own run wrote; `incremental`: whether it drew only what a change
 * touched (Eleventy's `--incremental`), so that a page it did not write may still be wanted.
 */
export async function finishBuild(build: Build, drawHere: DrawHere, written: readonly WrittenPage[], incremental = false): Promise<string> {
  const recorded = await build.claimed;
  const prepared = await build.prepared;
  const { read, pages: plan, manifest, seconds, archive } = prepared;
  const drawing = await build.drawing;
  await drawing.drawRestHere(drawHere);
  const drawn = await drawing.finished();
  const render = build.renderProgress?.done() ?? 0;
  const searchStarted = performance.now();
  const indexer = await build.search;
  // Drawing is over: the cores its threads had go to indexing, an indexer each (on 2 cores a
  // third, beside the two that ran alongside drawing), up to MAX_INDEXERS in all.
  for (let i = 0; i < Math.min(build.setup.settings.workers, MAX_INDEXERS - 2); i++) indexer.widen();
  const progress = startProgress("search index", indexer.total, "articles", process.stdout, indexer.indexed);
  indexer.onShard = (records) => progress.tick(records);
  // Taken while Pagefind works (a clean build fingerprints its pages only now), written once it is done.
  const taken = manifest();
  // A single page the last build wrote and this one did not: its template is gone (or left out,
  // as the topics page of a site without topics), and a clean build would not have it.
  const singles = planSingles(recorded?.singles ?? [], sitePaths(build.setup.output, written), taken.pages, incremental);
  await removeStale(build.setup.output, singles.stale);
  // The related index depends on the articles alone: it is kept while Pagefind works, too.
  const relatedSaved = prepared.saveRelated();
  relatedSaved.catch(() => undefined); // awaited below, unless indexing fails first
  const indexed = await indexer.finished();
  progress.done();
  await build.scripts;
  await prepared.writeWords();
  await recordCompleted(build.setup.output, { ...taken, singles: singles.singles });
  await relatedSaved;
  const pages = pagesByKind([...written, ...drawn]);
  const kept = plan.count - plan.changed.size;
  const timing = `read ${seconds.read.toFixed(1)} s, plan ${seconds.plan.toFixed(1)} s, render ${render.toFixed(1)} s, search index ${((performance.now() - searchStarted) / 1000).toFixed(1)} s more`;
  const search = { shards: archive.searchShards.length, indexed, articles: archive.articles.length };
  return `${buildSummary(read, pages, search, kept, plan.stale.length + singles.stale.length)}\nbroadsheet: phases: ${timing}\n`;
}
