import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ParseOptions } from "../article/parse.js";
import type { ParseCache } from "./readArchive.js";
import { writeAtomically } from "./writeAtomically.js";

/**
 * The parse cache on disk, one file per set of parse options (boilerplate) and parser version:
 * a new article costs one parse, not a re-read of the whole archive.
 */
function cacheFile(dir: string, options: ParseOptions, parserVersion: string): string {
  const key = createHash("sha1").update(JSON.stringify(options)).update(parserVersion).digest("hex").slice(0, 16);
  return path.join(dir, `parsed-${key}.json`);
}

export async function loadParseCache(dir: string, options: ParseOptions, parserVersion: string): Promise<ParseCache> {
  try {
    const entries = JSON.parse(await readFile(cacheFile(dir, options, parserVersion), "utf8")) as [string, never][];
    return new Map(entries);
  } catch {
    return new Map();
  }
}

/** Keeps only the files read this time, so the cache does not grow with deleted articles. */
export async function saveParseCache(dir: string, options: ParseOptions, parserVersion: string, cache: ParseCache, files: readonly string[]): Promise<void> {
  const kept = files.flatMap((f) => {
    const entry = cache.get(f);
    return entry ? [[f, entry] as const] : [];
  });
  await writeAtomically(cacheFile(dir, options, parserVersion), JSON.stringify(kept));
}
