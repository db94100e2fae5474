import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { directoryFiles } from "../archive/wordDirectory.js";
import { writeAtomically } from "../io/writeAtomically.js";
import { fingerprintFiles, outputCacheFile } from "./incremental.js";

/** The directory's folder in the output, beside the search bundles. */
export const WORDS_FOLDER = "search-words";

/** What splits a text into the directory's words: cached words made by other code are not reused. */
const WORDS_SOURCE = "src/archive/wordDirectory.ts";

/**
 * The words of every search shard as last indexed into this output folder, with the shard's
 * fingerprint then, and a hash of each directory file written. A shard Pagefind does not index
 * again keeps its words from here (its text is not read again for them), and a directory file
 * whose text is unchanged is not written again.
 */
export interface WordsCache {
  readonly code: string;
  readonly shards: Readonly<Record<string, { readonly hash: string; readonly words: readonly string[] }>>;
  readonly files: Readonly<Record<string, string>>;
}

async function codeVersion(): Promise<string> {
  // v8.serialize's format belongs to the Node version.
  return `${await fingerprintFiles([WORDS_SOURCE])}:${process.version}`;
}

export async function loadWordsCache(outputDir: string): Promise<WordsCache | null> {
  try {
    const cache = deserialize(await readFile(outputCacheFile(outputDir, "search-words", "v8"))) as WordsCache;
    return cache.code === (await codeVersion()) ? cache : null;
  } catch {
    // Missing or damaged: every shard is indexed again, which makes its words again.
    return null;
  }
}

export interface ShardWords {
  readonly bundle: string;
  /** The shard's fingerprint this build. */
  readonly hash: string;
  readonly words: readonly string[];
}

/** A file per prefix, `_con.json`: the underscore keeps "con", "aux", "nul" and "prn" from Windows' reserved names. */
export const wordsFileName = (prefix: string): string => `_${prefix}.json`;

const hashOf = (text: string): string => createHash("sha1").update(text).digest("base64url").slice(0, 16);

/** Files written at once: thousands one after another would wait on each in turn. */
const WRITES_AT_ONCE = 64;

/**
 * Writes the directory of `shards` (in the search page's order) into the output, only the files
 * that changed, and removes those no word needs any more; then keeps the words for the next build.
 * An archive in one shard needs no directory: any left from a larger one is removed.
 */
export async function writeWordDirectory(outputDir: string, shards: readonly ShardWords[], previous: WordsCache | null): Promise<number> {
  const folder = path.join(outputDir, WORDS_FOLDER);
  const cacheFile = outputCacheFile(outputDir, "search-words", "v8");
  if (shards.length <= 1) {
    await rm(folder, { recursive: true, force: true });
    await rm(cacheFile, { force: true });
    return 0;
  }
  // Without a record of what is there, nothing there can be trusted: start the folder again.
  if (previous === null) await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const files = directoryFiles(shards.map((s) => s.words));
  const hashes: Record<string, string> = {};
  const toWrite: [string, string][] = [];
  for (const [prefix, text] of files) {
    const hash = hashOf(text);
    hashes[prefix] = hash;
    const file = path.join(folder, wordsFileName(prefix));
    if (previous?.files[prefix] !== hash || !existsSync(file)) toWrite.push([file, text]);
  }
  const gone = Object.keys(previous?.files ?? {}).filter((prefix) => !files.has(prefix));
  const jobs = [...toWrite.map(([file, text]) => () => writeFile(file, text)), ...gone.map((prefix) => () => rm(path.join(folder, wordsFileName(prefix)), { force: true }))];
  for (let i = 0; i < jobs.length; i += WRITES_AT_ONCE) await Promise.all(jobs.slice(i, i + WRITES_AT_ONCE).map((job) => job()));
  const cache: WordsCache = {
    code: await codeVersion(),
    shards: Object.fromEntries(shards.map((s) => [s.bundle, { hash: s.hash, words: s.words }])),
    files: hashes,
  };
  await writeAtomically(cacheFile, serialize(cache));
  return toWrite.length;
}
