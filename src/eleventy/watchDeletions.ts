import Eleventy from "@11ty/eleventy";

interface Watching {
  watcher: { on(event: "unlink", listener: (file: string) => void): void };
}
type Watch = (this: Watching, ...args: unknown[]) => Promise<(file: string) => Promise<void>>;

/**
 * Eleventy's watcher only logs a deleted file ("File deleted", Eleventy.js 3.1.8), so under
 * `broadsheet serve` a deleted article stayed served and listed. Its `watch()` returns the
 * function that queues a changed file and rebuilds; it is called for deletions too, after
 * Eleventy's own handler has dropped the file from its list.
 */
export function rebuildOnDelete(): void {
  const prototype = Eleventy.prototype as unknown as { watch: Watch };
  const watch = prototype.watch;
  prototype.watch = async function (this: Watching, ...args: unknown[]) {
    const rebuild = await watch.apply(this, args);
    this.watcher.on("unlink", (file) => void rebuild(file));
    return rebuild;
  };
}
