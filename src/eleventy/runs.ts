import { readdirSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import Eleventy from "@11ty/eleventy";
import { inRuns } from "../archive/renderPlan.js";
import type { RenderLists } from "../build/prepare.js";
import type { WrittenPage } from "../build/buildReport.js";
import type { Settings } from "../settings.js";
import type { EleventyConfig } from "./config.js";

/**
 * A large archive is drawn by several Eleventy runs: Eleventy keeps every page of a run in memory,
 * rendered HTML included, until the run ends (107,000 pages in one run: 4 GB). The build's own
 * run draws the site's single pages and the first `pagesPerRun` archive pages; further runs draw
 * the rest, one batch each, on worker threads and on the build's own thread (src/build/draw.ts).
 */

/** The templates paginated over `render`; a batch run ignores every other. */
const BATCHED_TEMPLATES = new Set(["article.njk", "section.njk", "source.njk", "date.njk", "topic.njk", "topic-index.njk", "topic-feed-atom.njk", "topic-feed-json.njk"]);

/** The archive pages one further run draws. */
export interface Batch {
  readonly render: RenderLists;
  /**
   * The settings the build checked and drew its plan from: a batch run uses them rather than read
   * the file again, which may have changed since (and would warn of its problems again).
   */
  readonly settings: Settings;
  readonly inputDir: string;
  /** Told of each page drawn, for progress. */
  readonly tick: () => void;
  readonly written: WrittenPage[];
}

/**
 * The batch whose run is under way. A run loads the config file afresh, and with it the
 * Broadsheet plugin: this is how that plugin learns it draws one batch rather than a whole build.
 */
let current: Batch | null = null;

export function batchInProgress(): Batch | null {
  return current;
}

/** A batch run's configuration: the paginated templates only, drawing the batch's pages. */
export function batchPlugin(config: EleventyConfig, batch: Batch): void {
  for (const name of readdirSync(batch.inputDir)) {
    if (name.endsWith(".njk") && !BATCHED_TEMPLATES.has(name)) config.ignores.add(path.join(batch.inputDir, name));
  }
  config.addGlobalData("render", batch.render);
  config.addTransform("broadsheet-progress", (content: string) => {
    batch.tick();
    return content;
  });
  config.on("eleventy.after", ({ results }) => {
    for (const r of (results ?? []) as unknown as WrittenPage[]) batch.written.push({ inputPath: r.inputPath, outputPath: r.outputPath });
  });
}

/**
 * A full garbage collection between runs on the build's own thread, once the heap has grown by
 * GC_SLACK past what the last one left live. V8 sizes its heap by what was live at its last full
 * collection, so a finished run's pages otherwise linger while the next run's pile up (measured
 * at 100,000 articles: up to 3.4 GB for the whole build without it, 2.2 GB collecting after every
 * run; each collection costs a second or so, hence the slack).
 */
export const collectGarbage = ((): (() => void) => {
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

/** Where a batch run reads its templates and writes its pages, and the build's settings. */
export interface RunOptions {
  readonly settings: Settings;
  readonly input: string;
  readonly output: string;
  /** The Eleventy config file that adds the Broadsheet plugin. */
  readonly configPath: string;
}

/** The archive pages the build's own run draws. */
export function firstRun(render: RenderLists, pagesPerRun: number): RenderLists {
  return inRuns(render, pagesPerRun)[0]!;
}

/** Draws one batch of archive pages by an Eleventy run on this thread; returns the pages it wrote. */
export async function drawBatch(render: RenderLists, options: RunOptions, tick: () => void): Promise<WrittenPage[]> {
  const written: WrittenPage[] = [];
  current = { render: Object.freeze(render), settings: options.settings, inputDir: options.input, tick, written };
  try {
    // As "cli": only then do these folders win over the config file's (`--output` included).
    await new Eleventy(options.input, options.output, { configPath: options.configPath, quietMode: true, source: "cli" }).write();
  } finally {
    current = null;
  }
  return written;
}
