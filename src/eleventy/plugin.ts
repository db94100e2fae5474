import type { Settings } from "../settings.js";
import { loadArchive, type ArchiveBuild, type BuildMode } from "./archiveData.js";
import { buildSummary, pagesByKind, type WrittenPage } from "./buildReport.js";
import type { EleventyConfig } from "./config.js";
import { filtersPlugin } from "./filters.js";
import { startSearchIndex, type PendingSearchIndex } from "./searchIndex.js";

export interface BroadsheetOptions {
  readonly settings: Settings;
  readonly mode: BuildMode;
}

/**
 * The Broadsheet theme as one Eleventy plugin: archive data, filters, search index, build report.
 * The archive is read once per build (and again on every rebuild under `--serve`).
 */
export function broadsheetPlugin(config: EleventyConfig, { settings, mode }: BroadsheetOptions): void {
  let build: Promise<ArchiveBuild> | null = null;
  let search: Promise<PendingSearchIndex> | null = null;
  const current = (): Promise<ArchiveBuild> => {
    if (build === null) {
      build = loadArchive(settings, mode);
      search = build.then(({ archive }) => startSearchIndex(archive.articles, settings));
      search.catch(() => undefined);
    }
    return build;
  };

  let started = 0;
  config.on("eleventy.before", () => {
    build = null;
    search = null;
    started = performance.now();
  });
  config.addGlobalData("archive", async () => (await current()).archive);
  config.addWatchTarget(settings.articles);
  filtersPlugin(config, settings);

  config.on("eleventy.after", async ({ directories, results }) => {
    const { read } = await current();
    const rendered = performance.now();
    const indexed = await (await search!).write(directories.output);
    process.stdout.write(`broadsheet: render ${((rendered - started) / 1000).toFixed(1)} s, search index ${((performance.now() - rendered) / 1000).toFixed(1)} s\n`);
    const pages = pagesByKind((results ?? []) as unknown as WrittenPage[]);
    process.stdout.write(`${buildSummary(read, pages, indexed)}\n`);
  });
}
