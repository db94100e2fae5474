import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { DirectoryMaker, directorySummary } from "../search/directory.js";
import type { PeriodWords } from "../search/periodWords.js";
import { readBundleWords } from "../io/bundleWords.js";
import { readChecked, writeChecked } from "../io/checkedFile.js";
import { writeAtomically } from "../io/writeAtomically.js";
import { fingerprintFiles, outputCacheFile } from "./incremental.js";

/** The directory's folder in the output, beside the search bundles. */
export const WORDS_FOLDER = "search-words";
/** The archive's page counts and length (directory.ts, DirectorySummary), beside the word files. */
export const SUMMARY_FILE = "periods.json";

export const wordsFileName = (file: number): string => `${file}.json`;

/** What makes the directory from a period's words: kept words made by other code are not reused. */
const WORDS_SOURCES = ["src/search/directory.ts", "src/search/periodWords.ts", "src/search/pagefindFiles.ts"];

/**
 * What the build cache keeps of the directory last written into an output folder: each shard's
 * fingerprint when its words (kept in a file of their own, `<bundle>.v8`) were read from what
 * Pagefind wrote. A shard Pagefind does not index again keeps its words.
 */
export interface KeptWords {
  readonly code: string;
  readonly hashes: Readonly<Record<string, string>>;
}

const keptFolder = (outputDir: string): string => outputCacheFile(outputDir, "search-words", "p");
/**
 * V8's serialisation, not text: at 100,000 articles, parsing 38 periods' words as text took 0.7 s
 * of every rebuild; V8 reads its own format back natively.
 */
const listFile = (outputDir: string, bundle: string): string => path.join(keptFolder(outputDir), `${bundle}.v8`);
const indexFile = (outputDir: string): string => path.join(keptFolder(outputDir), "index.json");

const codeVersion = (): Promise<string> => fingerprintFiles(WORDS_SOURCES);

export async function loadKeptWords(outputDir: string): Promise<KeptWords | null> {
  try {
    const kept = JSON.parse((await readChecked(indexFile(outputDir)))?.toString("utf8") ?? "null") as KeptWords | null;
    return kept?.code === (await codeVersion()) ? kept : null;
  } catch {
    // Missing or damaged: every shard is indexed again, which reads its words again.
    return null;
  }
}

/** Whether a shard's words are kept from when it had this fingerprint. */
export function wordsKeptFor(outputDir: string, kept: KeptWords | null, bundle: string, hash: string | undefined): boolean {
  return kept !== null && hash !== undefined && kept.hashes[bundle] === hash && existsSync(listFile(outputDir, bundle));
}

/**
 * A shard's words as kept in the build cache, or, where they are missing or damaged, read again
 * from what Pagefind wrote into its bundle: the cache only spares that reading.
 */
async function keptWords(outputDir: string, bundle: string, hash: string): Promise<ShardWords> {
  const inMemory = wordsInMemory.get(outputDir)?.get(bundle);
  if (inMemory?.hash === hash) return { words: inMemory.words, write: false };
  try {
    const kept = await readChecked(listFile(outputDir, bundle));
    if (kept === null) throw new Error("missing or damaged");
    const words = deserialize(kept) as PeriodWords;
    if (!(words.words instanceof Map) || !(words.titles instanceof Map) || !Number.isInteger(words.pages)) throw new Error("not a period's words");
    return { words, write: false };
  } catch {
    return { words: await readBundleWords(path.join(outputDir, bundle)), write: true };
  }
}

/** A shard's words; `write`: not kept in the build cache yet. */
interface ShardWords {
  readonly words: PeriodWords;
  readonly write: boolean;
}

/**
 * The watch server's parsed words of every shard, by output folder and bundle, with the shard's
 * fingerprint: a shard's words are a function of it, so they serve again while it keeps it. (At
 * 100,000 articles, parsing 38 shards' words took 0.7 s of each rebuild.)
 */
const wordsInMemory = new Map<string, Map<string, { readonly hash: string; readonly words: PeriodWords }>>();

/** Files written or removed at once: thousands one after another would wait on each in turn. */
const AT_ONCE = 64;

async function inBatches(jobs: readonly (() => Promise<unknown>)[]): Promise<void> {
  for (let i = 0; i < jobs.length; i += AT_ONCE) await Promise.all(jobs.slice(i, i + AT_ONCE).map((job) => job()));
}

/**
 * A shard as the build plans it: its words kept from the fingerprint it still has (`kept`), or
 * (`kept` null) to come from this build's indexing of it.
 */
export interface DirectoryShard {
  readonly bundle: string;
  readonly kept: string | null;
}

/** What the directory is made of, known once the build has planned its search shards. */
export interface DirectoryJob {
  readonly outputDir: string;
  /** Newest first, as the search page lists them. */
  readonly shards: readonly DirectoryShard[];
  /** How many files (Archive.wordFiles, as the search page is told). */
  readonly fileCount: number;
  /** Whether to keep the words in memory for the next build (the watch server). */
  readonly keepInMemory: boolean;
}

/**
 * Writes the word directory of the job's shards into the output, from the kept words of the
 * shards not indexed this build and the words of those that are, as `indexed` gives them. Only
 * files whose text changed are written: a new article changes the page numbers of one period, and
 * the entries of that period's words. `hashes`: every shard's fingerprint this build, once
 * indexing is done; the words are recorded as kept under them. Returns the number of files written.
 */
export async function writeWordDirectory(
  { outputDir, shards, fileCount, keepInMemory }: DirectoryJob,
  indexed: (bundle: string) => Promise<PeriodWords>,
  hashes: Promise<Readonly<Record<string, string>>>,
): Promise<number> {
  const folder = path.join(outputDir, WORDS_FOLDER);
  // Oldest first: period numbers then stay put when a new period is added at the newest end.
  const oldestFirst = [...shards].reverse();
  // Kept words are all read at once, and each period is merged as soon as it and those before it
  // are in: when the period indexed this build is the newest, only it is left once it comes.
  const coming = oldestFirst.map((s): Promise<ShardWords> => (s.kept === null ? indexed(s.bundle).then((words) => ({ words, write: true })) : keptWords(outputDir, s.bundle, s.kept)));
  for (const c of coming) c.catch(() => undefined); // awaited in turn below
  const maker = new DirectoryMaker();
  const read: ShardWords[] = [];
  for (const c of coming) {
    const r = await c;
    maker.add(r.words);
    read.push(r);
  }
  const periods = read.map((r) => r.words);
  const files = new Map([...maker.files(fileCount)].map(([n, text]) => [wordsFileName(n), text]));
  files.set(SUMMARY_FILE, JSON.stringify(directorySummary(periods)));
  await mkdir(folder, { recursive: true });
  const unknown = (await readdir(folder)).filter((name) => !files.has(name));
  // Here reading a file back is some ten times quicker than writing it, and most stay as they were.
  const changed = await Promise.all(
    [...files].map(async ([name, text]) => ((await readFile(path.join(folder, name), "utf8").catch(() => null)) === text ? null : ([name, text] as const))),
  );
  const toWrite = changed.filter((c) => c !== null);
  await inBatches([
    ...toWrite.map(([name, text]) => () => writeAtomically(path.join(folder, name), text)),
    ...unknown.map((name) => () => rm(path.join(folder, name), { force: true })),
  ]);
  // The words of shards indexed this build are kept, and those of shards gone from the archive go.
  await mkdir(keptFolder(outputDir), { recursive: true });
  const current = new Set(shards.map((s) => path.basename(listFile(outputDir, s.bundle))));
  // Words of shards gone from the archive go, and any file an older version kept.
  const gone = (await readdir(keptFolder(outputDir))).filter((name) => !current.has(name) && name !== path.basename(indexFile(outputDir)));
  await inBatches([
    ...oldestFirst.flatMap((s, i) => (read[i]!.write ? [() => writeChecked(listFile(outputDir, s.bundle), serialize(read[i]!.words))] : [])),
    ...gone.map((name) => () => rm(path.join(keptFolder(outputDir), name), { force: true })),
  ]);
  const final = await hashes;
  if (keepInMemory) wordsInMemory.set(outputDir, new Map(oldestFirst.map((s, i) => [s.bundle, { hash: final[s.bundle]!, words: read[i]!.words }])));
  const index: KeptWords = { code: await codeVersion(), hashes: Object.fromEntries(shards.map((s) => [s.bundle, final[s.bundle]!])) };
  await writeChecked(indexFile(outputDir), JSON.stringify(index));
  return toWrite.length;
}
