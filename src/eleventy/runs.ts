import { readdirSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import Eleventy from "@11ty/eleventy";
import { inRuns } from "../archive/renderPlan.js";
import type { PreparedBuild, RenderLists } from "./archiveData.js";
import type { WrittenPage } from "./buildReport.js";
import type { EleventyConfig } from "./config.js";

/**
 * A large archive is drawn by several Eleventy runs in one process: Eleventy keeps every page of
 * a run in memory, rendered HTML included, until the run ends (107,000 pages in one run: 4 GB).
 * The build's own run draws the site's single pages and the first `pagesPerRun` archive pages;
 * once it has drawn them, further runs draw the rest, one batch each.
 */

/** The templates paginated over `render`; a batch run ignores every other. */
const BATCHED_TEMPLATES = new Set(["article.njk", "section.njk", "source.njk", "date.njk"]);

/** The archive pages one further run draws. */
export interface Batch {
  readonly archive: PreparedBuild["archive"];
  readonly render: RenderLists;
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

/** A batch run's configuration: the paginated templates only, drawing the batch from the build's archive. */
export function batchPlugin(config: EleventyConfig, batch: Batch): void {
  for (const name of readdirSync(batch.inputDir)) {
    if (name.endsWith(".njk") && !BATCHED_TEMPLATES.has(name)) config.ignores.add(path.join(batch.inputDir, name));
  }
  config.addGlobalData("archive", batch.archive);
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
 * A full garbage collection between runs, once the heap has grown by GC_SLACK past what the last
 * one left live. V8 sizes its heap by what was live at its last full collection, so a finished
 * run's pages otherwise linger while the next run's pile up (measured at 100,000 articles: up to
 * 3.4 GB for the whole build without it, 2.2 GB collecting after every run; each collection
 * costs a second or so, hence the slack).
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

export interface RunOptions {
  readonly input: string;
  readonly output: string;
  /** The Eleventy config file that adds the Broadsheet plugin. */
  readonly configPath: string;
  readonly pagesPerRun: number;
}

/** The archive pages the build's own run draws. */
export function firstRun(render: RenderLists, pagesPerRun: number): RenderLists {
  return inRuns(render, pagesPerRun)[0]!;
}

/** Draws the batches after the first run's, one Eleventy run each; returns the pages they wrote. */
export async function drawRemainingRuns(prepared: PreparedBuild, options: RunOptions, tick: () => void): Promise<WrittenPage[]> {
  const written: WrittenPage[] = [];
  for (const render of inRuns(prepared.render, options.pagesPerRun).slice(1)) {
    current = { archive: prepared.archive, render: Object.freeze(render), inputDir: options.input, tick, written };
    try {
      // As "cli": only then do these folders win over the config file's (`--output` included).
      await new Eleventy(options.input, options.output, { configPath: options.configPath, quietMode: true, source: "cli" }).write();
    } finally {
      current = null;
    }
    collectGarbage();
  }
  return written;
}
