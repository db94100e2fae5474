import { readdirSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import Eleventy from "@11ty/eleventy";
import { startProgress, type Progress } from "../io/progress.js";
import { inRuns } from "../archive/renderPlan.js";
import type { Settings } from "../settings.js";
import { prepareBuild, type BuildMode, type PreparedBuild, type RenderLists } from "./archiveData.js";
import { buildSummary, pagesByKind, type WrittenPage } from "./buildReport.js";
import type { EleventyConfig } from "./config.js";
import { filtersPlugin } from "./filters.js";
import { writeManifest } from "./incremental.js";
import { SearchIndexer } from "./searchIndex.js";

export interface BroadsheetOptions {
  readonly settings: Settings;
  readonly mode: BuildMode;
  /** The Eleventy config file that adds this plugin: further runs load it to draw batches of pages. */
  readonly configPath: string;
}

/** The templates paginated over `render`; a batch run ignores every other. */
const BATCHED_TEMPLATES = new Set(["article.njk", "section.njk", "source.njk", "date.njk"]);

/** Pages drawn once per build: home, sections, sources, archive, search, 404, robots.txt. */
const SINGLE_PAGES = 7;

/** Every page Eleventy draws this build: the changed paginated pages, feeds, sitemaps, singles. */
function pagesToDraw({ render, archive }: PreparedBuild): number {
  const paginated = render.articles.length + render.sectionFronts.length + render.sourcePages.length + render.datePages.length;
  const sitemaps = archive.sitemaps.files.length + (archive.sitemaps.index ? 1 : 0);
  return paginated + archive.feeds.length * 2 + sitemaps + SINGLE_PAGES;
}

interface Build {
  readonly prepared: Promise<PreparedBuild>;
  readonly search: Promise<SearchIndexer>;
  renderProgress?: Progress;
}

/** Archive pages drawn by an Eleventy run of their own, started from the build's first run. */
interface Batch {
  readonly build: Build;
  readonly archive: PreparedBuild["archive"];
  readonly render: RenderLists;
  readonly inputDir: string;
  readonly written: WrittenPage[];
}

/**
 * The batch whose run is under way. A run loads the config file afresh, and with it this plugin:
 * this is how that instance learns it draws one batch rather than a whole build.
 */
let batchInProgress: Batch | null = null;

/** A batch run: the paginated templates only, drawing the batch's pages from the build's archive. */
function batchPlugin(config: EleventyConfig, batch: Batch, settings: Settings): void {
  for (const name of readdirSync(batch.inputDir)) {
    if (name.endsWith(".njk") && !BATCHED_TEMPLATES.has(name)) config.ignores.add(path.join(batch.inputDir, name));
  }
  config.addGlobalData("archive", batch.archive);
  config.addGlobalData("render", batch.render);
  config.addTransform("broadsheet-progress", (content: string) => {
    batch.build.renderProgress?.tick();
    return content;
  });
  filtersPlugin(config, settings);
  config.on("eleventy.after", ({ results }) => {
    for (const r of (results ?? []) as unknown as WrittenPage[]) batch.written.push({ inputPath: r.inputPath, outputPath: r.outputPath });
  });
}

/**
 * A full garbage collection between Eleventy runs, once the heap has grown by GC_SLACK past what
 * the last one left live. V8 sizes its heap by what was live at its last full collection, so a
 * finished run's pages otherwise linger while the next run's pile up (measured at 100,000
 * articles: up to 3.4 GB for the whole build without it, 2.2 GB collecting after every run; every
 * run costs seconds of collecting, hence the slack).
 */
const collectGarbage = ((): (() => void) => {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  const GC_SLACK = 512 * 2 ** 20;
  let liveAfterLast = 0;
  return () => {
    if (v8.getHeapStatistics().used_heap_size - liveAfterLast < GC_SLACK) return;
    gc();
    liveAfterLast = v8.getHeapStatistics().used_heap_size;
  };
})();

/** Draws the batches after the first run's, one Eleventy run each. */
async function drawRemainingBatches(
  build: Build,
  prepared: PreparedBuild,
  { configPath, settings }: BroadsheetOptions,
  directories: { readonly input: string; readonly output: string },
): Promise<WrittenPage[]> {
  const written: WrittenPage[] = [];
  for (const render of inRuns(prepared.render, settings.pagesPerRun).slice(1)) {
    batchInProgress = { build, archive: prepared.archive, render: Object.freeze(render), inputDir: directories.input, written };
    try {
      // As "cli": only then do these folders win over the config file's (`--output` included).
      await new Eleventy(directories.input, directories.output, { configPath, quietMode: true, source: "cli" }).write();
    } finally {
      batchInProgress = null;
    }
    collectGarbage();
  }
  return written;
}

/**
 * The Broadsheet theme as one Eleventy plugin: archive data, filters, search index, build report.
 * Each build (and each rebuild under `--serve`) reads the archive once, draws only the pages whose
 * data or templates changed, and indexes the articles for search while Eleventy renders.
 */
export function broadsheetPlugin(config: EleventyConfig, options: BroadsheetOptions): void {
  const { settings, mode } = options;
  if (batchInProgress !== null) {
    batchPlugin(config, batchInProgress, settings);
    return;
  }
  let build: Build | null = null;

  config.on("eleventy.before", ({ directories }) => {
    let started: (indexer: SearchIndexer) => void = () => undefined;
    let failed: (error: unknown) => void = () => undefined;
    const search = new Promise<SearchIndexer>((resolve, reject) => {
      started = resolve;
      failed = reject;
    });
    const prepared = prepareBuild(settings, mode, directories.output, (shards) => {
      started(new SearchIndexer(shards, directories.output, settings.language));
    });
    // A build that fails before indexing starts must not leave the search waiting.
    prepared.catch(failed);
    // Both are awaited later; until then a failure must not count as unhandled.
    search.catch(() => undefined);
    build = { prepared, search };
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
    b.renderProgress = startProgress("render", pagesToDraw(prepared), "pages");
    return Object.freeze(inRuns(prepared.render, settings.pagesPerRun)[0]!);
  });
  config.addTransform("broadsheet-progress", (content: string) => {
    build?.renderProgress?.tick();
    return content;
  });
  config.addWatchTarget(settings.articles);
  filtersPlugin(config, settings);

  config.on("eleventy.after", async ({ directories, results }) => {
    const b = current();
    const prepared = await b.prepared;
    const { read, pages: plan, manifest, seconds, archive } = prepared;
    const batches = await drawRemainingBatches(b, prepared, options, directories);
    const render = b.renderProgress?.done() ?? 0;
    const searchStarted = performance.now();
    const indexer = await b.search;
    // Rendering is over: its core is free for a second indexer.
    indexer.widen();
    const progress = startProgress("search index", indexer.total, "articles");
    progress.tick(indexer.indexed);
    indexer.onShard = (records) => progress.tick(records);
    // Taken while Pagefind works (a clean build fingerprints its pages only now), written once it is done.
    const next = manifest();
    const indexed = await indexer.finished();
    progress.done();
    await writeManifest(directories.output, next);
    const pages = pagesByKind([...((results ?? []) as unknown as WrittenPage[]), ...batches]);
    const kept = plan.count - plan.changed.size;
    const timing = `read ${seconds.read.toFixed(1)} s, plan ${seconds.plan.toFixed(1)} s, render ${render.toFixed(1)} s, search index ${((performance.now() - searchStarted) / 1000).toFixed(1)} s more`;
    const search = { shards: archive.searchShards.length, indexed, articles: archive.articles.length };
    process.stdout.write(`${buildSummary(read, pages, search, kept, plan.stale.length)}\nbroadsheet: phases: ${timing}\n`);
  });
}
