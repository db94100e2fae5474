import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { changesByFile, DirectoryMaker, directorySummary, patchFile, periodChanges, type DirectorySummary, type PatchedFile, type PeriodChanges } from "../search/directory.js";
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
  /** The directory in the output as the build that kept these words wrote it; null while a build may be changing it. */
  readonly directory: WrittenDirectory | null;
}

/** What a completed build wrote of the directory: a later build changes only what its periods' words change. */
export interface WrittenDirectory {
  /** Its periods' search bundles, oldest first. */
  readonly bundles: readonly string[];
  readonly fileCount: number;
  /** Every file in its folder, the summary included. */
  readonly files: readonly string[];
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
    return kept?.code === (await codeVersion()) ? { ...kept, directory: kept.directory ?? null } : null;
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
  const words = await keptOnly(outputDir, bundle, hash);
  return words === null ? { words: await readBundleWords(path.join(outputDir, bundle)), write: true } : { words, write: false };
}

/** A shard's words kept under this fingerprint, in memory or in the build cache, or null. */
async function keptOnly(outputDir: string, bundle: string, hash: string | undefined): Promise<PeriodWords | null> {
  const inMemory = wordsInMemory.get(outputDir)?.get(bundle);
  if (inMemory !== undefined && inMemory.hash === hash) return inMemory.words;
  try {
    const kept = await readChecked(listFile(outputDir, bundle));
    if (kept === null) return null;
    const words = deserialize(kept) as PeriodWords;
    return words.words instanceof Map && words.titles instanceof Map && Number.isInteger(words.pages) ? words : null;
  } catch {
    return null;
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
  /** What the last completed build kept and wrote, if anything. */
  readonly previous: KeptWords | null;
}

/** What a build changes in the directory's folder, and what it keeps. */
interface DirectoryUpdate {
  readonly write: readonly (readonly [string, string])[];
  readonly remove: readonly string[];
  /** Every file the folder then holds. */
  readonly files: readonly string[];
  /** Each period's words, oldest first, where this build has them. */
  readonly words: readonly (ShardWords | null)[];
}

/**
 * The directory made whole, from the kept words of the shards not indexed this build and the
 * words of those that are.
 */
async function wholeDirectory({ outputDir, fileCount }: DirectoryJob, oldestFirst: readonly DirectoryShard[], indexed: (bundle: string) => Promise<PeriodWords>): Promise<DirectoryUpdate> {
  const folder = path.join(outputDir, WORDS_FOLDER);
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
  const files = new Map([...maker.files(fileCount)].map(([n, text]) => [wordsFileName(n), text]));
  files.set(SUMMARY_FILE, JSON.stringify(directorySummary(read.map((r) => r.words))));
  await mkdir(folder, { recursive: true });
  const unknown = (await readdir(folder)).filter((name) => !files.has(name));
  // Here reading a file back is some ten times quicker than writing it, and most stay as they were.
  const changed = await Promise.all(
    [...files].map(async ([name, text]) => ((await readFile(path.join(folder, name), "utf8").catch(() => null)) === text ? null : ([name, text] as const))),
  );
  return { write: changed.filter((c) => c !== null), remove: unknown, files: [...files.keys()], words: read };
}

/**
 * The directory the last build wrote, with only what the words of the periods indexed this build
 * change, or null where that cannot be made from it: no directory vouched for, periods added,
 * removed or moved, a file gone, words not kept. At 100,000 articles, making it whole took 2.5 s
 * of CPU a rebuild, most of it reading back and merging 38 periods' words that had not changed.
 */
async function patchedDirectory({ outputDir, fileCount, previous }: DirectoryJob, oldestFirst: readonly DirectoryShard[], indexed: (bundle: string) => Promise<PeriodWords>): Promise<DirectoryUpdate | null> {
  const before = previous?.directory;
  if (!before || before.fileCount !== fileCount || before.bundles.length !== oldestFirst.length) return null;
  const changed = oldestFirst.flatMap((s, i) => (s.kept === null ? [i] : []));
  // A kept period must be where the directory numbered it: its words are the same.
  if (changed.length === oldestFirst.length || oldestFirst.some((s, i) => s.kept !== null && s.bundle !== before.bundles[i])) return null;
  const folder = path.join(outputDir, WORDS_FOLDER);
  const present = new Set(await readdir(folder).catch(() => []));
  if (present.size !== before.files.length || before.files.some((name) => !present.has(name))) return null;
  const old = await Promise.all(changed.map((i) => keptOnly(outputDir, before.bundles[i]!, previous.hashes[before.bundles[i]!])));
  if (old.some((words) => words === null)) return null;
  const now = await Promise.all(changed.map((i) => indexed(oldestFirst[i]!.bundle)));
  const changes = new Map<number, PeriodChanges>(changed.map((i, k) => [i, periodChanges(old[k]!, now[k]!)]));
  const touched = [...changesByFile(changes, fileCount)].map(([n, keys]) => ({ name: wordsFileName(n), keys }));
  const texts = new Map<string, string>();
  const summaryText = await readFile(path.join(folder, SUMMARY_FILE), "utf8").catch(() => null);
  if (summaryText === null) return null;
  let unread = false;
  await inBatches(
    touched
      .filter(({ name }) => present.has(name))
      .map(({ name }) => async () => {
        const text = await readFile(path.join(folder, name), "utf8").catch(() => null);
        if (text === null) unread = true;
        else texts.set(name, text);
      }),
  );
  if (unread) return null;
  const write: (readonly [string, string])[] = [];
  const remove: string[] = [];
  for (const { name, keys } of touched) {
    const text = texts.get(name) ?? null;
    let patched: PatchedFile;
    try {
      patched = patchFile(text, keys);
    } catch {
      // Not what a build wrote (changed by hand, cut short): made whole instead.
      return null;
    }
    if (patched.kind === "unpatchable") return null;
    if (patched.kind === "empty") {
      if (text !== null) remove.push(name);
      present.delete(name);
    } else {
      if (patched.text !== text) write.push([name, patched.text]);
      present.add(name);
    }
  }
  const summary = summaryOf(summaryText);
  if (summary === null || summary.pages.length !== oldestFirst.length) return null;
  const pages = [...summary.pages];
  let length = summary.length;
  changed.forEach((i, k) => {
    pages[i] = now[k]!.pages;
    length += now[k]!.length - old[k]!.length;
  });
  const newSummary = JSON.stringify({ pages, length } satisfies DirectorySummary);
  if (newSummary !== summaryText) write.push([SUMMARY_FILE, newSummary]);
  const words: (ShardWords | null)[] = oldestFirst.map(() => null);
  changed.forEach((i, k) => (words[i] = { words: now[k]!, write: true }));
  return { write, remove, files: [...present], words };
}

/** The directory's summary as a file holds it, or null if it holds something else. */
function summaryOf(text: string): DirectorySummary | null {
  try {
    const summary = JSON.parse(text) as Partial<DirectorySummary> | null;
    return Array.isArray(summary?.pages) && typeof summary.length === "number" ? { pages: summary.pages, length: summary.length } : null;
  } catch {
    return null;
  }
}

/**
 * Writes the word directory of the job's shards into the output: only the files whose text
 * changes. `indexed` gives the words of the shards indexed this build; `hashes`: every shard's
 * fingerprint this build, once indexing is done: the words are recorded as kept under them.
 * Returns the number of files written.
 */
export async function writeWordDirectory(job: DirectoryJob, indexed: (bundle: string) => Promise<PeriodWords>, hashes: Promise<Readonly<Record<string, string>>>): Promise<number> {
  const { outputDir, shards, fileCount, keepInMemory, previous } = job;
  const folder = path.join(outputDir, WORDS_FOLDER);
  // Oldest first: period numbers then stay put when a new period is added at the newest end.
  const oldestFirst = [...shards].reverse();
  // Until the index is written again below, the directory in the output is vouched for by none:
  // a build stopped half-way leaves the next one to make it whole.
  if (previous?.directory) await writeChecked(indexFile(outputDir), JSON.stringify({ ...previous, directory: null } satisfies KeptWords));
  const update = (await patchedDirectory(job, oldestFirst, indexed)) ?? (await wholeDirectory(job, oldestFirst, indexed));
  await mkdir(folder, { recursive: true });
  await inBatches([
    ...update.write.map(([name, text]) => () => writeAtomically(path.join(folder, name), text)),
    ...update.remove.map((name) => () => rm(path.join(folder, name), { force: true })),
  ]);
  // The words of shards indexed this build are kept, and those of shards gone from the archive go.
  await mkdir(keptFolder(outputDir), { recursive: true });
  const current = new Set(shards.map((s) => path.basename(listFile(outputDir, s.bundle))));
  // Words of shards gone from the archive go, and any file an older version kept.
  const gone = (await readdir(keptFolder(outputDir))).filter((name) => !current.has(name) && name !== path.basename(indexFile(outputDir)));
  await inBatches([
    ...oldestFirst.flatMap((s, i) => {
      const kept = update.words[i];
      return kept?.write ? [() => writeChecked(listFile(outputDir, s.bundle), serialize(kept.words))] : [];
    }),
    ...gone.map((name) => () => rm(path.join(keptFolder(outputDir), name), { force: true })),
  ]);
  const final = await hashes;
  if (keepInMemory) {
    const memory = wordsInMemory.get(outputDir) ?? new Map<string, { readonly hash: string; readonly words: PeriodWords }>();
    for (const bundle of memory.keys()) if (!current.has(path.basename(listFile(outputDir, bundle)))) memory.delete(bundle);
    oldestFirst.forEach((s, i) => {
      const words = update.words[i];
      if (words) memory.set(s.bundle, { hash: final[s.bundle]!, words: words.words });
    });
    wordsInMemory.set(outputDir, memory);
  }
  const directory: WrittenDirectory = { bundles: oldestFirst.map((s) => s.bundle), fileCount, files: [...update.files].sort() };
  const index: KeptWords = { code: await codeVersion(), hashes: Object.fromEntries(shards.map((s) => [s.bundle, final[s.bundle]!])), directory };
  await writeChecked(indexFile(outputDir), JSON.stringify(index));
  return update.write.length;
}
