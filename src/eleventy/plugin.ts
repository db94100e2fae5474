import { finishBuild, startBuild, type Build } from "../build/build.js";
import { writtenByEleventy } from "../build/buildReport.js";
import type { DrawHere } from "../build/draw.js";
import type { BuildOptions } from "../build/prepare.js";
import { keepInMemory } from "../io/keptInMemory.js";
import type { Settings } from "../settings.js";
import type { EleventyConfig } from "./config.js";
import { filtersPlugin } from "./filters.js";
import { speedUpNunjucks } from "./nunjucksRuntime.js";
import { archiveEnvironment, collectGarbage, drawRun } from "./runs.js";
import { followArticles, watchingArticles } from "./watch.js";

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
}

/**
 * The Broadsheet theme as one Eleventy plugin: archive data, filters, and the build around
 * Eleventy's run (src/build/build.ts: read, publish, plan before it; the other runs of pages,
 * search indexing and the record after). Each build, and each rebuild under `--serve`, reads the
 * archive once and draws only the pages whose data or templates changed.
 */
export function broadsheetPlugin(config: EleventyConfig, options: BroadsheetOptions): void {
  const { settings } = options;
  // Eleventy's own run draws with the same Nunjucks as the archive's runs.
  speedUpNunjucks();
  let build: Build | null = null;
  const current = (): Build => {
    if (build === null) throw new Error("broadsheet: archive data requested outside a build");
    return build;
  };

  config.on("eleventy.before", async ({ directories, runMode }) => {
    // The watch server builds again: what a build saves to its caches stays in memory for the next.
    if (runMode !== "build") {
      keepInMemory();
      // From the first build on: a rebuild that fails for want of articles (their folder moved
      // away) is tried again once they are back.
      followArticles(settings.articles);
    }
    build = startBuild({ ...options, includes: directories.includes, output: directories.output });
    // Awaited here, before Eleventy copies or draws anything into the output.
    await build.claimed.catch(reported);
  });
  // Frozen: Eleventy then shares them between templates instead of copying them into each.
  config.addGlobalData("archive", async () => Object.freeze((await current().prepared.catch(reported)).archive));
  config.addGlobalData("render", async () => Object.freeze(await current().eleventyRun.catch(reported)));
  config.addTransform("broadsheet-progress", (content: string) => {
    build?.tick();
    return content;
  });
  // `broadsheet serve` watches the articles itself (watch.ts); Eleventy run by hand is told of them.
  if (!watchingArticles()) config.addWatchTarget(settings.articles);
  // Eleventy waits for a changed file to stay the same size for 150 ms before it rebuilds. An
  // article is a few kilobytes, written at once; a rebuild that catches one half-written says so
  // (its digest no longer matches, or it fails to parse) and the write's end brings another.
  config.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 10 } });
  filtersPlugin(config, settings);

  config.on("eleventy.after", async ({ results, incremental }) => {
    const b = current();
    // Made for each build, so that a template changed under --serve is read again, and only if
    // this thread draws a run.
    let env: ReturnType<typeof archiveEnvironment> | null = null;
    let runsHere = 0;
    const drawHere: DrawHere = async (render, place) => {
      // Between runs, not after the last: a rebuild's one run left a collection of the whole
      // model (0.3 s at 100,000 articles) that freed nothing the build still had to draw.
      if (runsHere++ > 0) collectGarbage();
      env ??= archiveEnvironment(place.settings, place.includes);
      return drawRun(render, place, env, () => b.tick());
    };
    const eleventyWrote = (results ?? []).map(writtenByEleventy);
    const summary = await finishBuild(b, drawHere, eleventyWrote, incremental === true).catch(reported);
    process.stdout.write(summary);
  });
}
