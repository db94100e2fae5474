import { createHash } from "node:crypto";
import { appendFile, readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { ParseOptions } from "../article/parse.js";
import type { ParseCache } from "./readArchive.js";
import { writeAtomically } from "./writeAtomically.js";

/**
 * The parse cache on disk, one per set of parse options (boilerplate) and parser version: a new
 * article costs one parse, not a re-read of the whole archive. It is a snapshot of every entry
 * plus a journal of the entries changed since: rewriting 100,000 entries (150 MB of JSON) for
 * one new article cost seconds, appending it costs nothing.
 */
function cacheFiles(dir: string, options: ParseOptions, parserVersion: string): { readonly snapshot: string; readonly journal: string } {
  const key = createHash("sha1").update(JSON.stringify(options)).update(parserVersion).digest("hex").slice(0, 16);
  return { snapshot: path.join(dir, `parsed-${key}.json`), journal: path.join(dir, `parsed-${key}.journal`) };
}

type Entry = ParseCache extends Map<string, infer E> ? E : never;
/** A journal line: an entry written or, with null, a file gone. */
type JournalLine = readonly [string, Entry | null];

/** Past this share of the snapshot's size, the journal is folded into a new snapshot. */
const JOURNAL_SHARE = 0.1;

async function readOrEmpty(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch {
    return "";
  }
}

/** The cache as a build loads it, and how many journal lines it was replayed from. */
export interface LoadedParseCache {
  readonly entries: ParseCache;
  readonly journalled: number;
}

export async function loadParseCache(dir: string, options: ParseOptions, parserVersion: string): Promise<LoadedParseCache> {
  const files = cacheFiles(dir, options, parserVersion);
  const entries: ParseCache = new Map();
  let journalled = 0;
  try {
    const snapshot = await readOrEmpty(files.snapshot);
    if (snapshot) for (const [file, entry] of JSON.parse(snapshot) as [string, Entry][]) entries.set(file, entry);
    for (const line of (await readOrEmpty(files.journal)).split("\n")) {
      if (!line) continue;
      const [file, entry] = JSON.parse(line) as JournalLine;
      if (entry) entries.set(file, entry);
      else entries.delete(file);
      journalled++;
    }
    return { entries, journalled };
  } catch {
    // A damaged cache only costs a full read.
    return { entries: new Map(), journalled: 0 };
  }
}

/**
 * Records what changed since `before` (the cache as loaded): the files read this time and nothing
 * else, so the cache never grows with deleted articles.
 */
export async function saveParseCache(
  dir: string,
  options: ParseOptions,
  parserVersion: string,
  before: LoadedParseCache,
  cache: ParseCache,
  files: readonly string[],
): Promise<void> {
  const paths = cacheFiles(dir, options, parserVersion);
  const present = new Set(files);
  const loaded = before.entries;
  const lines: JournalLine[] = [
    ...files.flatMap((f): JournalLine[] => (cache.get(f) !== loaded.get(f) ? [[f, cache.get(f) ?? null]] : [])),
    ...[...loaded.keys()].filter((f) => !present.has(f)).map((f): JournalLine => [f, null]),
  ];
  if (lines.length === 0) return;
  if (loaded.size > 0 && before.journalled + lines.length <= loaded.size * JOURNAL_SHARE) {
    await appendFile(paths.journal, lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
    return;
  }
  const kept = files.flatMap((f) => {
    const entry = cache.get(f);
    return entry ? [[f, entry] as const] : [];
  });
  await writeAtomically(paths.snapshot, JSON.stringify(kept));
  await rm(paths.journal, { force: true });
}
