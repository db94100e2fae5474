import Eleventy from "@11ty/eleventy";
import { watchFolder, type FolderWatcher } from "../io/folderWatcher.js";
import { displayPath } from "../io/listFiles.js";

interface Watching {
  watcher: { on(event: "unlink", listener: (file: string) => void): void };
}
type Rebuild = (file: string) => Promise<void>;
type Watch = (this: Watching, ...args: unknown[]) => Promise<Rebuild>;

/** Eleventy's function that queues a changed file and rebuilds, once its watcher is up. */
let rebuild: Rebuild | null = null;
/** Changed before Eleventy's watcher was up (during the first build): rebuilt for once it is. */
let waiting: string | null = null;
let articles: FolderWatcher | null = null;
/** Whether `broadsheetWatches` was called: only `broadsheet serve` does. */
let installed = false;

const changed = (paths: readonly string[]): void => {
  // As Eleventy says what changed for the files it watches ("File changed: …").
  process.stdout.write(`broadsheet: articles changed: ${displayPath(paths[0]!)}${paths.length > 1 ? ` and ${paths.length - 1} more` : ""}\n`);
  // Eleventy rebuilds everything for a file that is no template: one path says enough.
  if (rebuild === null) waiting = paths[0]!;
  else void rebuild(paths[0]!);
};

/**
 * `broadsheet serve` watches the articles folder itself (io/folderWatcher.ts says why), and
 * makes Eleventy rebuild on a deleted file. Eleventy's watcher only logs a deletion ("File
 * deleted", Eleventy.js 3.1.8), so a deleted article, or template, stayed served. Its `watch()`
 * returns the function that queues a changed file and rebuilds: it is called for both. Called
 * before Eleventy starts.
 */
export function broadsheetWatches(): void {
  const prototype = Eleventy.prototype as unknown as { watch: Watch };
  const watch = prototype.watch;
  prototype.watch = async function (this: Watching, ...args: unknown[]) {
    const run = await watch.apply(this, args);
    this.watcher.on("unlink", (file) => void run(file));
    rebuild = run;
    if (waiting !== null) void run(waiting);
    waiting = null;
    return run;
  };
  installed = true;
}

/** Whether the articles folder is Broadsheet's to watch: if not, Eleventy's watcher is told of it. */
export const watchingArticles = (): boolean => installed;

/**
 * Watches `folder` for the rebuilds of `broadsheet serve`, from its first build on; a settings
 * change that moves the articles moves the watcher. Does nothing outside `broadsheet serve`.
 */
export function followArticles(folder: string): void {
  if (!installed || articles?.root === folder) return;
  articles?.close();
  articles = watchFolder(folder, changed, { problem: (message) => void process.stderr.write(`broadsheet: ${message}\n`) });
}
