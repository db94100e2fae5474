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
import { speedUpNunjucks } from "./nunjucksRuntime.js";

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

/** A kind of archive page: its template, the name the template knows its page by, its URL. */
interface ArchivePages<P> {
  /** The build summary counts pages by it. */
  readonly kind: string;
  /** Under the includes folder. */
  readonly template: string;
  readonly as: string;
  readonly url: (page: P) => string;
}

const at = (page: { readonly url: string }): string => page.url;

/**
 * The kinds each list of the plan is drawn as, in the order a run draws them. A list added to
 * RenderLists fails to compile until it is drawn here: planned but never written, its pages would
 * be recorded as if they were.
 */
const ARCHIVE_PAGES: { readonly [K in keyof RenderLists]: readonly ArchivePages<RenderLists[K][number]>[] } = {
  articles: [{ kind: "article", template: "pages/article.njk", as: "article", url: at }],
  sectionFronts: [{ kind: "section", template: "pages/section.njk", as: "front", url: at }],
  sourcePages: [{ kind: "source", template: "pages/source.njk", as: "listing", url: at }],
  datePages: [{ kind: "date", template: "pages/date.njk", as: "period", url: at }],
  topicPages: [{ kind: "topic", template: "pages/topic.njk", as: "front", url: at }],
  topicIndexPages: [{ kind: "topic-index", template: "pages/topic-index.njk", as: "listing", url: at }],
  topicFeeds: [
    { kind: "topic-feed-atom", template: "feeds/atom.njk", as: "feed", url: (feed: Feed) => feed.atomUrl },
    { kind: "topic-feed-json", template: "feeds/json.njk", as: "feed", url: (feed: Feed) => feed.jsonUrl },
  ],
};

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
  // On whatever thread draws: a worker's Nunjucks is its own.
  speedUpNunjucks();
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(includes), { dev: true });
  for (const [name, filter] of Object.entries(broadsheetFilters(settings))) env.addFilter(name, filter);
  return env;
}

/**
 * What went wrong drawing the page at `url`: the innermost error (Nunjucks wraps what a template
 * or filter threw, such as a body read back from a file that changed since), and where in which
 * template, which Nunjucks gives as the first line of its own message.
 */
function drawingError(url: string, error: unknown): Error {
  let cause = error;
  while ((cause as { cause?: unknown } | null)?.cause instanceof Error) cause = (cause as { cause: Error }).cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const where = error instanceof Error && error !== cause && error.message.startsWith("(") ? ` ${error.message.split("\n")[0]}` : "";
  return new Error(`${url}: ${message}${where}`, { cause });
}

/** Pages drawn between two turns of the event loop: the build's thread also hands out search shards. */
const PAGES_A_TURN = 100;

/**
 * Draws one run of archive pages into the output; returns the pages written. A page that fails
 * fails the run, saying which page and why ("changed while the site was being built", from a
 * body read back from its file).
 */
export async function drawRun(run: RenderLists, place: RunPlace, env: nunjucks.Environment, tick: () => void): Promise<WrittenPage[]> {
  const written: WrittenPage[] = [];
  const folders = new Set<string>();
  let drawn = 0;
  const draw = async <P extends object>(pages: readonly P[], kind: ArchivePages<P>): Promise<void> => {
    if (pages.length === 0) return;
    const template = env.getTemplate(kind.template, true);
    for (const page of pages) {
      const url = kind.url(page);
      let html: string;
      try {
        html = template.render({ site: place.settings, page: { url }, [kind.as]: page });
      } catch (error) {
        throw drawingError(url, error);
      }
      const file = outputFile(place.output, url);
      const folder = path.dirname(file);
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      writeFileSync(file, html);
      written.push({ kind: kind.kind, outputPath: file });
      tick();
      if (++drawn % PAGES_A_TURN === 0) await new Promise(setImmediate);
    }
  };
  for (const list of Object.keys(ARCHIVE_PAGES) as (keyof RenderLists)[]) {
    // `as`: TypeScript does not pair a list with its own kinds when the key is a union.
    for (const kind of ARCHIVE_PAGES[list] as readonly ArchivePages<object>[]) await draw(run[list] as readonly object[], kind);
  }
  return written;
}

/**
 * A full garbage collection between runs on the build's own thread, once the heap has grown by
 * GC_SLACK past what the last one left live. V8 sizes its heap by what was live at its last full
 * collection, so the garbage of finished runs otherwise piles up. Measured at 100,000 articles,
 * on tmpfs, two pairs: peak memory of the build process 1.77 and 1.78 GB with it, 2.21 and 2.21 GB
 * without, for 2.0 and 2.5 s of wall time. (When Eleventy drew the runs and kept their pages to
 * the end of each, 3.4 GB without it.) Each collection costs a second or so, hence the slack.
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
