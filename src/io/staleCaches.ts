import type { Dirent } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";

/**
 * Deletes the cache files `pattern` matches in `dir`, but those in `keep`: a cache written under
 * a new key (new code, new settings) leaves the old one unreadable, and at 100,000 articles each
 * is tens of megabytes. The pattern must not match another build's temporary files.
 */
export async function removeStaleCaches(dir: string, pattern: RegExp, keep: readonly string[]): Promise<void> {
  const kept = new Set(keep.map((file) => path.basename(file)));
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(names.filter((name) => pattern.test(name) && !kept.has(name)).map((name) => rm(path.join(dir, name), { force: true })));
}

/** Whether a process of this id is running. */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Deletes the temporary files (`<name>.<pid>.tmp`, see writeAtomically) that killed builds left in
 * `dir` and the folders inside it: a related index's is 1 MB at 3,000 articles. Those of a running
 * process are its own, half-written: left alone.
 */
export async function removeLeftoverTemporaries(dir: string): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return;
  }
  await Promise.all(
    entries.flatMap((entry) => {
      const pid = /\.(\d+)\.(tmp|stale)$/u.exec(entry.name)?.[1];
      return entry.isFile() && pid !== undefined && !running(Number(pid)) ? [rm(path.join(entry.parentPath, entry.name), { force: true })] : [];
    }),
  );
}
