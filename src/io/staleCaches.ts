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
