import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import nunjucks from "nunjucks";
import type { Feed } from "../archive/feeds.js";
import type { WrittenPage } from "../build/buildReport.js";
import { outputFile } from "../build/incremental.js";
import type { RenderLists } from "../build/prepare.js";
import type { Settings } from "../settings.js";
import { broadsheetFilters } from "./filters.js";

/**
 * The archive's own pages (articles, fronts, dates, topics, topic feeds: all but a few hundred of
 * its files) are drawn in runs, straight from their templates through one Nunjucks environment
 * per thread, set up as Eleventy sets up its own: the same filters, the same includes. Eleventy
 * draws the site's single pages, feeds and sitemaps.
 *
 * Why not Eleventy's pagination: it draws a page in some 0.45 ms, of which Nunjucks takes a
 * quarter; the rest is a page object, data cascade, permalink and results entry per page, and
 * the garbage of them. Drawn here, the 30,247 pages of the 19,043 Reuters stories took 5.9 s
 * instead of 14.3 s, the same files but for the newline Eleventy's wrapper templates added after
 * each (README, "Building large archives"). Eleventy also kept every page of a run in memory
 * until the run ended; here a page is let go once written.
 *
 * An archive page's template sees `site` (the settings), `page.url`, and its page under its name
 * below: nothing else of Eleventy's data.
 */

/** A kind of archive page: which list of the plan it draws, with which template, to which URL. */
interface ArchivePages<K extends keyof RenderLists> {
  /** The build summary counts pages by it. */
  readonly kind: string;
  readonly list: K;
  /** Under the includes folder. */
  readonly template: string;
  /** The name the template knows its page by. */
  readonly as: string;
  readonly url: (page: RenderLists[K][number]) => string;
}

type AnyArchivePages = { [K in keyof RenderLists]: ArchivePages<K> }[keyof RenderLists];

const at = (page: { readonly url: string }): string => page.url;

/** Every kind, in the order a run draws them. */
const ARCHIVE_PAGES: readonly AnyArchivePages[] = [
  { kind: "article", list: "articles", template: "pages/article.njk", as: "article", url: at },
  { kind: "section", list: "sectionFronts", template: "pages/section.njk", as: "front", url: at },
  { kind: "source", list: "sourcePages", template: "pages/source.njk", as: "listing", url: at },
  { kind: "date", list: "datePages", template: "pages/date.njk", as: "period", url: at },
  { kind: "topic", list: "topicPages", template: "pages/topic.njk", as: "front", url: at },
  { kind: "topic-index", list: "topicIndexPages", template: "pages/topic-index.njk", as: "listing", url: at },
  { kind: "topic-feed-atom", list: "topicFeeds", template: "feeds/atom.njk", as: "feed", url: (feed: Feed) => feed.atomUrl },
  { kind: "topic-feed-json", list: "topicFeeds", template: "feeds/json.njk", as: "feed", url: (feed: Feed) => feed.jsonUrl },
];

/** Where a thread draws runs: the templates' environment, the settings, the output. */
export interface RunPlace {
  readonly settings: Settings;
  /** Eleventy's includes folder, where the templates are. */
  readonly includes: string;
  readonly output: string;
}

/**
 * A Nunjucks environment as Eleventy makes its own (`new Environment(new FileSystemLoader(…),
 * { dev: true })`, autoescaping on), with Broadsheet's filters. Made for each build: its compiled
 * templates are then those the build's templates fingerprint stands for, even under `--serve`.
 */
export function archiveEnvironment(settings: Settings, includes: string): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(includes), { dev: true });
  for (const [name, filter] of Object.entries(broadsheetFilters(settings))) env.addFilter(name, filter);
  return env;
}

/** The innermost cause of an error: Nunjucks wraps what a template or filter threw. */
function innermost(error: unknown): unknown {
  let e = error;
  for (;;) {
    const inner = (e as { cause?: unknown } | null)?.cause;
    if (!(inner instanceof Error)) return e;
    e = inner;
  }
}

/**
 * Draws one run of archive pages into the output; returns the pages written. A page that fails
 * fails the run with what went wrong and the page it was ("changed while the site was being
 * built", from a body read back from its file).
 */
export function drawRun(run: RenderLists, place: RunPlace, env: nunjucks.Environment, tick: () => void): WrittenPage[] {
  const written: WrittenPage[] = [];
  const folders = new Set<string>();
  for (const pages of ARCHIVE_PAGES) {
    const list = run[pages.list] as readonly object[];
    if (list.length === 0) continue;
    const template = env.getTemplate(pages.template, true);
    const url = pages.url as (page: object) => string;
    for (const page of list) {
      const at = url(page);
      let html: string;
      try {
        html = template.render({ site: place.settings, page: { url: at }, [pages.as]: page });
      } catch (error) {
        const cause = innermost(error);
        throw new Error(`${at}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
      }
      const file = outputFile(place.output, at);
      const folder = path.dirname(file);
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      writeFileSync(file, html);
      written.push({ kind: pages.kind, outputPath: file });
      tick();
    }
  }
  return written;
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
