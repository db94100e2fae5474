import { watch } from "node:fs";
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { watchFolder, type FolderWatcher } from "../../src/io/folderWatcher.js";

/*
 * `broadsheet serve` learns of saved, moved and deleted articles from this watcher: a change it
 * misses is an article that never shows, or one that stays served after its file is gone.
 */

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, ms = 5000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(20)) if (check()) return true;
  return check();
}

describe("watchFolder", () => {
  let watcher: FolderWatcher | null = null;
  let root = "";
  const calls: (readonly string[])[] = [];
  const seen = (file: string): boolean => calls.some((paths) => paths.includes(file));

  async function start(settleMs = 50): Promise<void> {
    root = await mkdtemp(path.join(os.tmpdir(), "broadsheet-watch-"));
    await mkdir(path.join(root, "2017"));
    watcher = watchFolder(root, (paths) => calls.push(paths), { settleMs });
    await until(() => watcher!.folders().length === 2);
  }

  afterEach(async () => {
    watcher?.close();
    watcher = null;
    calls.length = 0;
    await rm(root, { recursive: true, force: true });
  });

  it("reports an article saved, edited, renamed and deleted, in the folder and below it", async () => {
    await start();
    const top = path.join(root, "a.txt");
    const deep = path.join(root, "2017", "b.txt");
    await writeFile(top, "one");
    await writeFile(deep, "two");
    expect(await until(() => seen(top) && seen(deep)), JSON.stringify(calls)).toBe(true);
    calls.length = 0;
    await writeFile(deep, "two, edited");
    expect(await until(() => seen(deep))).toBe(true);
    calls.length = 0;
    const moved = path.join(root, "2017", "c.txt");
    await rename(deep, moved);
    expect(await until(() => seen(deep) && seen(moved))).toBe(true);
    calls.length = 0;
    await rm(top);
    expect(await until(() => seen(top))).toBe(true);
  });

  it("watches a folder made after it started, and lets go of one removed", async () => {
    await start();
    const folder = path.join(root, "2018", "04");
    await mkdir(folder, { recursive: true });
    expect(await until(() => watcher!.folders().includes(folder)), watcher!.folders().join(", ")).toBe(true);
    const file = path.join(folder, "d.txt");
    await writeFile(file, "three");
    expect(await until(() => seen(file))).toBe(true);
    await rm(path.join(root, "2018"), { recursive: true });
    expect(await until(() => !watcher!.folders().some((f) => f.startsWith(path.join(root, "2018"))))).toBe(true);
    expect(await until(() => seen(path.join(root, "2018")))).toBe(true);
  });

  it("follows a link to a folder outside, as a build reads it", async () => {
    await start();
    const outside = await mkdtemp(path.join(os.tmpdir(), "broadsheet-watch-outside-"));
    try {
      const link = path.join(root, "wire");
      await symlink(outside, link);
      expect(await until(() => watcher!.folders().includes(link)), watcher!.folders().join(", ")).toBe(true);
      await writeFile(path.join(outside, "e.txt"), "four");
      expect(await until(() => seen(path.join(link, "e.txt")))).toBe(true);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("reports a burst of saves once it pauses, and leaves hidden files out", async () => {
    await start(200);
    const files = Array.from({ length: 50 }, (_, i) => path.join(root, `${String(i).padStart(2, "0")}.txt`));
    for (const file of files) await writeFile(file, "x");
    await writeFile(path.join(root, ".a.txt.swp"), "editor's");
    expect(await until(() => files.every(seen))).toBe(true);
    await sleep(300);
    expect(calls.length).toBeLessThanOrEqual(2);
    expect(calls.flat().some((file) => path.basename(file).startsWith("."))).toBe(false);
  });

  it("waits for a folder that is not there yet, or was removed, and reports what it holds once back", async () => {
    const base = await mkdtemp(path.join(os.tmpdir(), "broadsheet-watch-"));
    const articles = path.join(base, "articles");
    root = base; // removed after the test
    watcher = watchFolder(articles, (paths) => calls.push(paths));
    await sleep(200);
    // Either names a rebuild: it reads the whole folder.
    const reported = (file: string): boolean => seen(file) || seen(articles);
    for (const file of ["a.txt", "b.txt"].map((name) => path.join(articles, name))) {
      await mkdir(articles);
      await writeFile(file, "text");
      expect(await until(() => reported(file)), JSON.stringify(calls)).toBe(true);
      expect(await until(() => watcher!.folders().includes(articles))).toBe(true);
      await rm(articles, { recursive: true });
      expect(await until(() => watcher!.folders().length === 0), watcher!.folders().join(", ")).toBe(true);
      calls.length = 0;
    }
  });

  it("says, once, which folder it cannot watch and why, and watches the rest", async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "broadsheet-watch-"));
    await mkdir(path.join(root, "full"));
    await mkdir(path.join(root, "fine"));
    const problems: string[] = [];
    // As fs.watch fails once the system's limit of watches is reached.
    const atLimit = ((folder: string, ...rest: unknown[]) => {
      if (path.basename(folder) === "full") throw Object.assign(new Error("ENOSPC: System limit for number of file watchers reached"), { code: "ENOSPC" });
      return (watch as (...args: unknown[]) => ReturnType<typeof watch>)(folder, ...rest);
    }) as typeof watch;
    watcher = watchFolder(root, (paths) => calls.push(paths), { watch: atLimit, problem: (message) => problems.push(message) });
    expect(await until(() => watcher!.folders().length === 2), watcher!.folders().join(", ")).toBe(true);
    // A folder made later walks the tree again: the one it cannot watch is tried again, not reported again.
    await mkdir(path.join(root, "later"));
    expect(await until(() => watcher!.folders().includes(path.join(root, "later")))).toBe(true);
    const file = path.join(root, "fine", "a.txt");
    await writeFile(file, "one");
    expect(await until(() => seen(file))).toBe(true);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/full: cannot watch this folder \(ENOSPC\); the system's limit of watched folders is reached/u);
  });

  it("reports nothing once closed", async () => {
    await start();
    watcher!.close();
    await writeFile(path.join(root, "f.txt"), "five");
    await sleep(300);
    expect(calls).toEqual([]);
  });
});
