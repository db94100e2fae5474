import { createHash } from "node:crypto";
import { appendFileSync, readdirSync } from "node:fs";
import { appendFile, readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { ParseOptions } from "../article/parse.js";
import type { Block } from "../article/types.js";
import { lazyList } from "./lazyList.js";
import type { ParseCache } from "./readArchive.js";
import { removeStaleCaches } from "./staleCaches.js";
import { readChecked, writeChecked } from "./checkedFile.js";
import { KeptInMemory, keepingInMemory } from "./keptInMemory.js";

/**
 * The parse cache on disk, one per set of parse options (boilerplate) and parser version: a new
 * article costs one parse, not a re-read of the whole archive. It is a snapshot of every entry
 * plus a journal of the entries changed since: rewriting 100,000 entries for one new article cost
 * seconds, appending it costs nothing.
 *
 * Bodies are left out: they were two thirds of the cache (150 MB at 100,000 articles), loaded and
 * collected on every build, while a rebuild shows only the few pages and search records that
 * changed. A cached article's body is read back from its file when something first reads it.
 */
function cacheFiles(dir: string, options: ParseOptions, parserVersion: string): { readonly snapshot: string; readonly journal: string } {
  const key = createHash("sha1").update(JSON.stringify(options)).update(parserVersion).update("without bodies, stamped by ctime and inode").digest("hex").slice(0, 16);
  return { snapshot: path.join(dir, `parsed-${key}.json`), journal: path.join(dir, `parsed-${key}.journal`) };
}

type Entry = ParseCache extends Map<string, infer E> ? E : never;
/** A journal line: an entry written or, with null, a file gone. */
type JournalLine = readonly [string, Entry | null];

/** The files of every parse cache in a folder; the key is the first group. */
const CACHE_FILE = /^parsed-([0-9a-f]{16})\.(json|journal)$/u;

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

/** Reads a cached article's body back from its file, which must still have the digest it had. */
export type BodyReader = (file: string, digest: string) => readonly Block[];

/** An entry as stored: its article, if any, has no body. */
function withoutBody(entry: Entry): Entry {
  const { article } = entry.outcome;
  if (article === null) return entry;
  const { body: _body, ...rest } = article;
  return { ...entry, outcome: { ...entry.outcome, article: rest as typeof article } };
}

/**
 * Drops `file` from the parse caches in `dir` (there is one, but while a new parser version
 * replaces the old): a line `[file, null]` in each journal, so that the next build reads the file
 * afresh instead of trusting an entry its body no longer matches. Synchronous, so that it is
 * written before the error that follows ends the build, and so that a worker thread, which knows
 * the cache folder but not the key of its files, can call it too.
 */
export function forgetParsed(dir: string, file: string): void {
  const line: JournalLine = [file, null];
  try {
    const keys = new Set(readdirSync(dir).flatMap((name) => CACHE_FILE.exec(name)?.[1] ?? []));
    for (const key of keys) appendFileSync(path.join(dir, `parsed-${key}.journal`), `${JSON.stringify(line)}\n`);
  } catch {
    // No cache, nothing to forget; a folder that cannot be written fails the next save, saying so.
  }
}

/**
 * `read()`, which reads back the body of `file`; if that fails, `file` is dropped from the parse
 * caches in `dir` first, so that the error's "build again" is true.
 */
export function readBackOrForget<T>(dir: string, file: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    forgetParsed(dir, file);
    throw e;
  }
}

/** An entry as loaded: its article's body read back from the file on first use. */
function withBodyReader(file: string, entry: Entry, readBody: BodyReader): Entry {
  const { article, digest } = entry.outcome;
  if (article === null) return entry;
  return { ...entry, outcome: { ...entry.outcome, article: { ...article, body: lazyList(() => readBody(file, digest)) } } };
}

/** withBodyReader, in place: for an entry no one else holds. */
function giveBodyReader(file: string, entry: Entry, readBody: BodyReader): void {
  const { article, digest } = entry.outcome;
  if (article !== null) (article as { body: readonly Block[] }).body = lazyList(() => readBody(file, digest));
}

/** The cache's entries without their bodies, and how many journal lines are on top of the snapshot. */
interface SavedParseCache {
  readonly entries: ReadonlyMap<string, Entry>;
  readonly journalled: number;
}

/** What this process last saved, for the watch server's next build (see KeptInMemory). */
const lastSaved = new KeptInMemory<SavedParseCache>();

async function loadFromFiles(files: { readonly snapshot: string; readonly journal: string }): Promise<SavedParseCache> {
  const entries = new Map<string, Entry>();
  let journalled = 0;
  try {
    // Missing or damaged (its checksum says): the journal alone, or nothing, is replayed.
    const snapshot = (await readChecked(files.snapshot))?.toString("utf8");
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
 * The cache as the last build left it; a body that `read` fails to read back drops its entry (see
 * forgetParsed). Under the watch server, what the last build saved is taken from memory.
 */
export async function loadParseCache(dir: string, options: ParseOptions, parserVersion: string, read: BodyReader): Promise<LoadedParseCache> {
  const files = cacheFiles(dir, options, parserVersion);
  const readBody: BodyReader = (file, digest) => readBackOrForget(dir, file, () => read(file, digest));
  let fresh = false;
  const saved = await lastSaved.get(JSON.stringify([files, options]), [files.snapshot, files.journal], () => {
    fresh = true;
    return loadFromFiles(files);
  });
  if (fresh && !keepingInMemory) {
    // Read for this build alone: its articles take their body readers in place. Copying 100,000
    // entries into new ones doubled what the collector moved while the archive was loaded.
    for (const [file, entry] of saved.entries) giveBodyReader(file, entry, readBody);
    return { entries: saved.entries as ParseCache, journalled: saved.journalled };
  }
  // Kept from the last build (the watch server): new entries each build, with bodies not yet
  // read, so that a body read by the last build is not held on to.
  const entries: ParseCache = new Map();
  for (const [file, entry] of saved.entries) entries.set(file, withBodyReader(file, entry, readBody));
  return { entries, journalled: saved.journalled };
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
  await removeStaleCaches(dir, CACHE_FILE, [paths.snapshot, paths.journal]);
  const present = new Set(files);
  const loaded = before.entries;
  const lines: JournalLine[] = [
    ...files.flatMap((f): JournalLine[] => {
      const entry = cache.get(f);
      return entry !== loaded.get(f) ? [[f, entry ? withoutBody(entry) : null]] : [];
    }),
    ...[...loaded.keys()].filter((f) => !present.has(f)).map((f): JournalLine => [f, null]),
  ];
  const key = JSON.stringify([paths, options]);
  const keep = (journalled: number): Promise<void> => {
    if (!keepingInMemory) return Promise.resolve();
    const entries = new Map<string, Entry>();
    for (const f of files) {
      const entry = cache.get(f);
      if (entry) entries.set(f, withoutBody(entry));
    }
    return lastSaved.set(key, [paths.snapshot, paths.journal], { entries, journalled });
  };
  if (lines.length === 0) return keep(before.journalled);
  if (loaded.size > 0 && before.journalled + lines.length <= loaded.size * JOURNAL_SHARE) {
    await appendFile(paths.journal, lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
    return keep(before.journalled + lines.length);
  }
  const kept = files.flatMap((f) => {
    const entry = cache.get(f);
    return entry ? [[f, withoutBody(entry)] as const] : [];
  });
  await writeChecked(paths.snapshot, JSON.stringify(kept));
  await rm(paths.journal, { force: true });
  return keep(0);
}
