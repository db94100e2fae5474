import { watch, type FSWatcher } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { displayPath, walkArticleFolder } from "./listFiles.js";

/** How often a missing articles folder is looked for. */
const ROOT_RETRY_MS = 500;

export interface WatchOptions {
  /** How long changes must pause before they are reported. */
  readonly settleMs?: number;
  /** Told, once a folder, of a folder that cannot be watched and why. */
  readonly problem?: (message: string) => void;
  /** `fs.watch`, or a stand-in that fails as a system at its limit does (tests). */
  readonly watch?: typeof watch;
}

/** Whether `name` is a folder now (links followed, as a build follows them). */
const isFolder = (name: string): Promise<boolean> =>
  stat(name).then(
    (info) => info.isDirectory(),
    () => false,
  );

/** A watched articles folder. */
export interface FolderWatcher {
  readonly root: string;
  /** The folders watched now: the root and every folder a build reads under it. */
  folders(): readonly string[];
  close(): void;
}

/**
 * Watches an articles folder as a build reads it (every folder under it, links to folders
 * followed, hidden names left out: listArticleFiles), one native watcher (`fs.watch`) a folder,
 * and calls `changed` with what changed once changes have paused for `settleMs`: a copy of a
 * thousand files brings one call, not a thousand.
 *
 * Why not Eleventy's watcher (chokidar): told of a change in a folder, it lists the folder again,
 * stats every entry and matches each against Eleventy's ignores before it says which file
 * changed. With 10,000 articles in one folder that put 0.2 s between saving an article and its
 * rebuild starting (80 ms with 1,000), and it grows with the folder. It also watches every file
 * on its own: 100,000 kernel watches at 100,000 articles, all set up before the server came up
 * (in 176 s, against 89 s now). A native watcher a folder names the file that changed.
 *
 * A folder added later is watched once it appears, and one removed is let go; a root missing, or
 * removed, is looked for until it is back. `settleMs` stands in for chokidar's wait for a write
 * to finish: an article is a few kilobytes, written at once.
 */
export function watchFolder(root: string, changed: (paths: readonly string[]) => void, options: WatchOptions = {}): FolderWatcher {
  const { settleMs = 50, problem = () => undefined, watch: watchOn = watch } = options;
  const watchers = new Map<string, FSWatcher>();
  const unwatchable = new Set<string>();
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let retry: NodeJS.Timeout | null = null;
  let closed = false;

  const flush = (): void => {
    timer = null;
    if (closed || pending.size === 0) return;
    const paths = [...pending];
    pending = new Set();
    changed(paths);
  };
  const note = (file: string): void => {
    pending.add(file);
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(flush, settleMs);
  };

  const unwatch = (folder: string): void => {
    watchers.get(folder)?.close();
    watchers.delete(folder);
  };
  const watchOne = (folder: string): void => {
    if (closed || watchers.has(folder)) return;
    let watcher: FSWatcher;
    try {
      // Not persistent: the server keeps the process alive, and a watcher must not once it stops.
      watcher = watchOn(folder, { persistent: false }, (event, name) => {
        // Some platforms give no name: the folder itself stands for what changed in it.
        if (name !== null && name.startsWith(".")) return;
        const file = name === null ? folder : path.join(folder, name);
        note(file);
        // A name that comes or goes may be a folder: watched once it is there, let go once gone.
        if (event === "rename" && name !== null) void folderChanged(file);
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      // A folder gone already is its parent's watcher's to report. Any other failure would leave
      // changes in the folder unseen, silently: said once (it is tried again at each walk).
      if (code !== "ENOENT" && !unwatchable.has(folder)) {
        unwatchable.add(folder);
        const limit = code === "ENOSPC" ? "; the system's limit of watched folders is reached (fs.inotify.max_user_watches on Linux)" : "";
        problem(`${displayPath(folder)}: cannot watch this folder (${code})${limit}: changes in it show at the next rebuild`);
      }
      return;
    }
    // A folder gone from under its watcher (the root among them): the tree is walked again.
    watcher.on("error", () => {
      unwatch(folder);
      void walk();
    });
    watchers.set(folder, watcher);
  };

  // One walk at a time; a change during a walk brings one more after it.
  let walking: Promise<void> | null = null;
  let walkAgain = false;
  const walk = (): Promise<void> => {
    if (walking !== null) {
      walkAgain = true;
      return walking;
    }
    walking = (async () => {
      do {
        walkAgain = false;
        const folders = await walkArticleFolder(root).then(
          (walked) => walked.folders,
          () => [], // the root missing or unreadable: the build says why, and it is looked for below
        );
        const now = new Set(folders);
        for (const folder of [...watchers.keys()]) if (!now.has(folder)) unwatch(folder);
        for (const folder of folders) watchOne(folder);
      } while (walkAgain && !closed);
      walking = null;
      // No folder to watch (the root missing, or removed): looked for again until it is back,
      // and what it then holds is reported.
      if (watchers.size === 0 && !closed) {
        retry = setTimeout(() => void walk().then(() => watchers.size > 0 && note(root)), ROOT_RETRY_MS);
        retry.unref();
      }
    })();
    return walking;
  };
  const folderChanged = async (file: string): Promise<void> => {
    if ((await isFolder(file)) !== watchers.has(file) || !(await isFolder(root))) await walk();
  };

  void walk();
  return {
    root,
    folders: () => [...watchers.keys()].sort(),
    close: () => {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      if (retry !== null) clearTimeout(retry);
      for (const folder of [...watchers.keys()]) unwatch(folder);
    },
  };
}
