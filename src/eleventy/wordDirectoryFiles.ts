import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { directoryFiles, fileNumberOf, updatedFile, wordChanges, type WordChange } from "../archive/wordDirectory.js";
import { writeAtomically } from "../io/writeAtomically.js";
import { fingerprintFiles, outputCacheFile } from "./incremental.js";

/** The directory's folder in the output, beside the search bundles. */
export const WORDS_FOLDER = "search-words";

export const wordsFileName = (file: number): string => `${file}.json`;

/** What splits a text into the directory's words: words made by other code are not reused. */
const WORDS_SOURCE = "src/archive/wordDirectory.ts";

/**
 * What the build cache keeps of the directory last written into an output folder: its periods in
 * the page's order, its number of files, and each shard's fingerprint when its words (kept in a file of their own,
 * `<bundle>.txt`) were made. A shard Pagefind does not index again keeps its words, so its text
 * is not read again for them.
 */
export interface KeptWords {
  readonly code: string;
  readonly order: readonly string[];
  readonly files: number;
  readonly hashes: Readonly<Record<string, string>>;
}

const keptFolder = (outputDir: string): string => outputCacheFile(outputDir, "search-words", "d");
const listFile = (outputDir: string, bundle: string): string => path.join(keptFolder(outputDir), `${bundle}.txt`);
const indexFile = (outputDir: string): string => path.join(keptFolder(outputDir), "index.json");

const codeVersion = (): Promise<string> => fingerprintFiles([WORDS_SOURCE]);

export async function loadKeptWords(outputDir: string): Promise<KeptWords | null> {
  try {
    const kept = JSON.parse(await readFile(indexFile(outputDir), "utf8")) as KeptWords;
    return kept.code === (await codeVersion()) ? kept : null;
  } catch {
    // Missing or damaged: every shard is indexed again, which makes its words again.
    return null;
  }
}

/** Whether a shard's words are kept from when it had this fingerprint. */
export function wordsKeptFor(outputDir: string, kept: KeptWords | null, bundle: string, hash: string | undefined): boolean {
  return kept !== null && hash !== undefined && kept.hashes[bundle] === hash && existsSync(listFile(outputDir, bundle));
}

async function readList(outputDir: string, bundle: string): Promise<string[]> {
  const text = await readFile(listFile(outputDir, bundle), "utf8");
  return text === "" ? [] : text.split("\n");
}

/** Files written or removed at once: thousands one after another would wait on each in turn. */
const AT_ONCE = 64;

async function inBatches(jobs: readonly (() => Promise<unknown>)[]): Promise<void> {
  for (let i = 0; i < jobs.length; i += AT_ONCE) await Promise.all(jobs.slice(i, i + AT_ONCE).map((job) => job()));
}

export interface ShardHash {
  readonly bundle: string;
  /** The shard's fingerprint this build. */
  readonly hash: string;
}

/**
 * Writes the word directory of `shards` (in the search page's order) into the output, in
 * `fileCount` files (Archive.wordFiles, as the search page is told). A rebuild over the same
 * periods changes only the files of the words that the shards indexed this build (`indexed`)
 * gained or lost; otherwise every file is written from every shard's words. With a `fileCount`
 * of 0 (an archive in one shard) there is no directory: any left from a larger archive is
 * removed. Returns the number of files written.
 */
export async function writeWordDirectory(
  outputDir: string,
  shards: readonly ShardHash[],
  fileCount: number,
  indexed: ReadonlyMap<string, readonly string[]>,
  kept: KeptWords | null,
): Promise<number> {
  const folder = path.join(outputDir, WORDS_FOLDER);
  if (fileCount === 0) {
    await rm(folder, { recursive: true, force: true });
    await rm(keptFolder(outputDir), { recursive: true, force: true });
    return 0;
  }
  const order = shards.map((s) => s.bundle);
  // Bits count periods from the oldest (see directoryFiles).
  const bitOf = (bundle: string): number => order.length - 1 - order.indexOf(bundle);
  const fileOf = (file: number): string => path.join(folder, wordsFileName(file));
  let written: number;
  const same = kept !== null && kept.order.join(" ") === order.join(" ") && kept.files === fileCount && existsSync(folder);
  const changes = same ? await changesSince(outputDir, bitOf, indexed) : null;
  if (changes !== null) {
    const byFile = new Map<number, WordChange[]>();
    for (const change of changes) {
      const file = fileNumberOf(change.word, fileCount);
      const list = byFile.get(file);
      if (list) list.push(change);
      else byFile.set(file, [change]);
    }
    await inBatches(
      [...byFile].map(([number, list]) => async () => {
        const file = fileOf(number);
        const text = updatedFile(existsSync(file) ? await readFile(file, "utf8") : null, list, order.length);
        await (text === null ? rm(file, { force: true }) : writeFile(file, text));
      }),
    );
    written = byFile.size;
    await keepLists(outputDir, indexed);
  } else {
    const lists = await Promise.all(shards.map(async (s) => indexed.get(s.bundle) ?? (await readList(outputDir, s.bundle))));
    const files = directoryFiles([...lists].reverse(), fileCount);
    // Written only where the text differs from what is there: here reading a file back is some
    // ten times quicker than writing it, and a new period leaves most files as they were.
    await mkdir(folder, { recursive: true });
    const names = new Set([...files.keys()].map(wordsFileName));
    const unknown = (await readdir(folder)).filter((name) => !names.has(name));
    const changed = await Promise.all(
      [...files].map(async ([number, text]) => ((await readFile(fileOf(number), "utf8").catch(() => null)) === text ? null : ([number, text] as const))),
    );
    const toWrite = changed.filter((c) => c !== null);
    await inBatches([...toWrite.map(([number, text]) => () => writeFile(fileOf(number), text)), ...unknown.map((name) => () => rm(path.join(folder, name), { force: true }))]);
    written = toWrite.length;
    // Started again, so that the words of shards gone from the archive go too.
    await rm(keptFolder(outputDir), { recursive: true, force: true });
    await keepLists(outputDir, new Map(shards.map((s, i) => [s.bundle, lists[i]!])));
  }
  const index: KeptWords = { code: await codeVersion(), order, files: fileCount, hashes: Object.fromEntries(shards.map((s) => [s.bundle, s.hash])) };
  await writeAtomically(indexFile(outputDir), JSON.stringify(index));
  return written;
}

async function keepLists(outputDir: string, lists: ReadonlyMap<string, readonly string[]>): Promise<void> {
  await mkdir(keptFolder(outputDir), { recursive: true });
  await Promise.all([...lists].map(([bundle, words]) => writeAtomically(listFile(outputDir, bundle), words.join("\n"))));
}

/** What the shards indexed this build gained and lost, or null if a shard's earlier words are not kept. */
async function changesSince(outputDir: string, bitOf: (bundle: string) => number, indexed: ReadonlyMap<string, readonly string[]>): Promise<WordChange[] | null> {
  const changes: WordChange[] = [];
  for (const [bundle, words] of indexed) {
    if (!existsSync(listFile(outputDir, bundle))) return null;
    changes.push(...wordChanges(bitOf(bundle), await readList(outputDir, bundle), words));
  }
  return changes;
}
