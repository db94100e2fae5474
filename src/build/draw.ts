import type { Worker } from "node:worker_threads";
import { inRuns } from "../archive/renderPlan.js";
import type { ArticlePage } from "../archive/articlePages.js";
import type { ParseOptions } from "../article/parse.js";
import type { Block } from "../article/types.js";
import { ifMade } from "../io/lazyList.js";
import { ask, closeWorker, startTypeScriptWorker } from "../io/typeScriptWorker.js";
import type { WrittenPage } from "./buildReport.js";
import type { DrawJob, DrawReply } from "./drawWorker.js";
import type { RenderLists } from "./prepare.js";
import type { RunPlace } from "../eleventy/runs.js";

/**
 * The archive's pages are drawn in runs (src/eleventy/runs.ts), taken from one queue by worker
 * threads as soon as the plan is made, and by the build's thread once Eleventy's own run has drawn
 * the site's single pages, feeds and sitemaps. Every page is drawn from its data alone, so which
 * thread draws it, and when, changes no byte of it.
 */

/** An article page as it crosses to a worker: a body still in its file is read there. */
export type SentArticlePage = Omit<ArticlePage, "body"> & { readonly body: readonly Block[] | null; readonly digest: string };

/** A run of pages as it crosses to a worker. */
export type SentRun = Omit<RenderLists, "articles"> & { readonly articles: readonly SentArticlePage[] };

/**
 * A run made sendable: a lazy body (parseCache.ts) cannot cross to a worker, and reading it
 * here would hold up the build's thread; the worker reads it back from its file, checked by digest.
 */
function sendable(run: RenderLists, digestOf: (file: string) => string | undefined): SentRun {
  return { ...run, articles: run.articles.map((page) => ({ ...page, body: ifMade(page.body), digest: digestOf(page.file) ?? "" })) };
}

export interface DrawOptions {
  /** Where the runs read their templates and write their pages, and the settings they draw with. */
  readonly place: RunPlace;
  /** Threads drawing pages at once, the build's own included. */
  readonly threads: number;
  readonly pagesPerRun: number;
  readonly parseOptions: ParseOptions;
  readonly digestOf: (file: string) => string | undefined;
  /** Told of pages drawn on worker threads, for progress. */
  readonly tick: (pages: number) => void;
}

/** Draws one run on the build's own thread, at `place` as the worker threads do; returns the pages written. */
export type DrawHere = (run: RenderLists, place: RunPlace) => Promise<WrittenPage[]>;

/**
 * The runs after the build's own, drawn by worker threads as soon as the plan is made. Workers
 * count their pages into one shared counter, read here for progress: a message a page would keep
 * the build's thread busy while it draws.
 */
export class PageDrawing {
  private readonly queue: RenderLists[];
  private readonly drawers: Promise<void>[] = [];
  private readonly written: WrittenPage[] = [];
  private readonly counter = new Int32Array(new SharedArrayBuffer(4));
  private counted = 0;
  private readonly poll: NodeJS.Timeout;
  private failed = false;

  constructor(render: RenderLists, private readonly options: DrawOptions) {
    // Runs of no page are left out: a rebuild with nothing to draw starts no thread.
    this.queue = inRuns(render, options.pagesPerRun).filter((run) => Object.values(run).some((list: readonly unknown[]) => list.length > 0));
    // No more workers than runs to give them, the build's thread taking one: one more article
    // starts no thread.
    const workers = Math.min(options.threads - 1, this.queue.length - 1);
    for (let i = 0; i < workers; i++) this.drawers.push(this.drawOn(startTypeScriptWorker(new URL("./drawWorker.ts", import.meta.url))));
    this.poll = setInterval(() => this.report(), 200);
    this.poll.unref();
  }

  /** Runs still waiting, drawn on this thread by `drawHere` until none is left. */
  async drawRestHere(drawHere: DrawHere): Promise<void> {
    const here = (async () => {
      try {
        for (let run = this.next(); run; run = this.next()) this.written.push(...(await drawHere(run, this.options.place)));
      } catch (error) {
        // As on a worker: the build fails with this error, the other threads stop after the run in hand.
        this.failed = true;
        throw error;
      }
    })();
    this.drawers.push(here);
    await here.catch(() => undefined); // reported by finished()
  }

  /** Every page the runs wrote, once all are drawn; the first failure, if any. */
  async finished(): Promise<WrittenPage[]> {
    try {
      await Promise.all(this.drawers);
      return this.written;
    } finally {
      clearInterval(this.poll);
      this.report();
    }
  }

  private next(): RenderLists | undefined {
    return this.failed ? undefined : this.queue.shift();
  }

  private report(): void {
    const drawn = Atomics.load(this.counter, 0);
    if (drawn > this.counted) this.options.tick(drawn - this.counted);
    this.counted = drawn;
  }

  private async drawOn(worker: Worker): Promise<void> {
    const { place, parseOptions, digestOf } = this.options;
    try {
      for (let run = this.next(); run; run = this.next()) {
        const job: DrawJob = { run: sendable(run, digestOf), place, parseOptions, counter: this.counter };
        const reply = await ask<DrawReply>(worker, job, "page drawing thread");
        if (!reply.ok) throw new Error(reply.error);
        this.written.push(...reply.written);
      }
    } catch (error) {
      // The build fails with this error: the other threads stop after the run in hand.
      this.failed = true;
      throw error;
    } finally {
      await closeWorker(worker);
    }
  }
}
