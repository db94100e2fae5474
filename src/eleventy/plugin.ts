import { startProgress, type Progress } from "../io/progress.js";
import type { Settings } from "../settings.js";
import { prepareBuild, refuseEmptyFolder, type BuildOptions, type PreparedBuild } from "../build/pipeline.js";
import { buildSummary, pagesByKind, type WrittenPage } from "../build/buildReport.js";
import type { EleventyConfig, EleventyEvent } from "./config.js";
import { filtersPlugin } from "./filters.js";
import { clearUnrecordedOutput, lockOutput, readOutputRecord, recordCompleted } from "../build/outputRecord.js";
import { batchInProgress, batchPlugin, collectGarbage, drawBatch } from "./runs.js";
import { PageDrawing } from "../build/draw.js";
import { SearchIndexer, startIndexers } from "../build/searchIndex.js";

/**
 * Rethrows a build's error so that Eleventy prints its message without its stack: the message
 * says what is wrong and where (`_site: another build…`, `articles: nothing to publish…`). A
 * programming error (TypeError and the like) keeps its stack, for the bug report.
 */
function reported(error: unknown): never {
  const bug = error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError;
  if (error instanceof Error && !bug) Object.assign(error, { skipOriginalStack: true });
  throw error;
}

export interface BroadsheetOptions extends BuildOptions {
  readonly settings: Settings;
  /** The Eleventy config file that adds this plugin: further runs load it to draw batches of pages. */
  readonly configPath: string;
}

/** Pages drawn once per build: home, sections, sources, archive, search, 404, robots.txt. */
const SINGLE_PAGES = 7;

/** Every page Eleventy draws this build: the changed paginated pages, feeds, sitemaps, singles. */
function pagesToDraw({ render, archive, feeds, sitemaps }: PreparedBuild): number {
  const paginated = render.articles.length + render.sectionFronts.length + render.sourcePages.length + render.datePages.length;
  return paginated + feeds.length * 2 + sitemaps.length + (archive.sitemaps.index ? 1 : 0) + SINGLE_PAGES;
}

interface Build {
  readonly prepared: Promise<PreparedBuild>;
  readonly drawing: Promise<PageDrawing>;
  readonly search: Promise<SearchIndexer>;
  renderProgress?: Progress;
}

/**
 * The Broadsheet theme as one Eleventy plugin: archive data, filters, search index, build report.
 * Each build (and each rebuild under `--serve`) reads the archive once, draws only the pages whose
 * data or templates changed (a large archive in several Eleventy runs: see runs.ts), and indexes
 * the articles for search while Eleventy renders.
 */
export function broadsheetPlugin(config: EleventyConfig, options: BroadsheetOptions): void {
  const { settings } = options;
  const batch = batchInProgress();
  if (batch !== null) {
    batchPlugin(config, batch);
    filtersPlugin(config, settings);
    return;
  }
  let build: Build | null = null;

  config.on("eleventy.before", async ({ directories }) => {
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
    // Awaited here, before Eleventy copies or draws anything into the output.
    const recorded = lockOutput(directories.output)
      .then(async () => {
        const record = await readOutputRecord(directories.output);
        if (record === null) {
          if (!options.allowEmpty) await refuseEmptyFolder(settings.articles);
          await clearUnrecordedOutput(directories.output, { articles: settings.articles });
        }
        return record;
      })
      .catch(reported);
    const prepared = recorded
      .then((record) =>
        prepareBuild(settings, options, directories.output, record, (shards) => {
          handedOver = true;
          started(new SearchIndexer(shards, directories.output, settings, { boilerplate: settings.boilerplate }, ready));
        }),
      )
      .catch(reported);
    // A build that fails before indexing starts must not leave the search waiting, nor, under
    // --serve, its indexers idle for good.
    prepared.catch((error: unknown) => {
      if (!handedOver) for (const worker of ready) void worker.terminate();
      failed(error);
    });
    // Worker threads start drawing the runs after the build's own as soon as they are planned.
    const drawing = prepared.then(
      (p) =>
        new PageDrawing(p.render, {
          input: directories.input,
          output: directories.output,
          configPath: options.configPath,
          settings,
          threads: settings.workers,
          pagesPerRun: settings.pagesPerRun,
          parseOptions: { boilerplate: settings.boilerplate },
          digestOf: (file) => p.read.digests.get(file),
          tick: (pages) => build?.renderProgress?.tick(pages),
        }),
    );
    // All are awaited later; until then a failure must not count as unhandled.
    search.catch(() => undefined);
    drawing.catch(() => undefined);
    build = { prepared, drawing, search };
    await recorded;
  });
  const current = (): Build => {
    if (build === null) throw new Error("broadsheet: archive data requested outside a build");
    return build;
  };
  // Frozen: Eleventy then shares them between templates instead of copying them into each.
  config.addGlobalData("archive", async () => Object.freeze((await current().prepared).archive));
  config.addGlobalData("render", async () => {
    const b = current();
    const prepared = await b.prepared;
    const drawing = await b.drawing;
    b.renderProgress = startProgress("render", pagesToDraw(prepared), "pages");
    return Object.freeze({ ...drawing.firstRun, feeds: prepared.feeds, sitemaps: prepared.sitemaps });
  });
  config.addTransform("broadsheet-progress", (content: string) => {
    build?.renderProgress?.tick();
    return content;
  });
  config.addWatchTarget(settings.articles);
  filtersPlugin(config, settings);

  const finish = async (directories: EleventyEvent["directories"], results: EleventyEvent["results"]): Promise<void> => {
    const b = current();
    const prepared = await b.prepared;
    const { read, pages: plan, manifest, seconds, archive } = prepared;
    const drawing = await b.drawing;
    const run = { input: directories.input, output: directories.output, configPath: options.configPath, settings };
    await drawing.drawRestHere(async (render) => {
      const written = await drawBatch(render, run, () => b.renderProgress?.tick());
      collectGarbage();
      return written;
    });
    const batches = await drawing.finished();
    const render = b.renderProgress?.done() ?? 0;
    const searchStarted = performance.now();
    const indexer = await b.search;
    // Rendering is over: its core is free for a second indexer.
    indexer.widen();
    const progress = startProgress("search index", indexer.total, "articles", process.stdout, indexer.indexed);
    indexer.onShard = (records) => progress.tick(records);
    // Taken while Pagefind works (a clean build fingerprints its pages only now), written once it is done.
    const next = manifest();
    // The related index depends on the articles alone: it is kept while Pagefind works, too.
    const relatedSaved = prepared.saveRelated();
    relatedSaved.catch(() => undefined); // awaited below, unless indexing fails first
    const indexed = await indexer.finished();
    progress.done();
    await prepared.writeWords(indexer.words);
    await recordCompleted(directories.output, next);
    await relatedSaved;
    const pages = pagesByKind([...((results ?? []) as unknown as WrittenPage[]), ...batches]);
    const kept = plan.count - plan.changed.size;
    const timing = `read ${seconds.read.toFixed(1)} s, plan ${seconds.plan.toFixed(1)} s, render ${render.toFixed(1)} s, search index ${((performance.now() - searchStarted) / 1000).toFixed(1)} s more`;
    const search = { shards: archive.searchShards.length, indexed, articles: archive.articles.length };
    process.stdout.write(`${buildSummary(read, pages, search, kept, plan.stale.length)}\nbroadsheet: phases: ${timing}\n`);
  };
  config.on("eleventy.after", ({ directories, results }) => finish(directories, results).catch(reported));
}
