import { existsSync, rmSync } from "node:fs";
import { appendFile, link, mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PENDING, type Manifest } from "../archive/renderPlan.js";
import { readChecked, writeChecked } from "../io/checkedFile.js";
import { displayPath } from "../io/listFiles.js";
import { removeLeftoverTemporaries, running } from "../io/staleCaches.js";
import { CACHE_DIR, outputCacheFile } from "./incremental.js";
import { KeptInMemory } from "../io/keptInMemory.js";
import { SUMMARY_FILE, WORDS_FOLDER } from "./wordDirectoryFiles.js";

/**
 * What a build may know of its output folder: only what a completed build recorded.
 *
 * - The manifest (`manifest-<key>.json`) is written when a build has finished, and says what every
 *   page and search bundle was drawn from.
 * - Before a build changes anything in the output, it appends to a journal (`pending-<key>.log`)
 *   the pages and bundles it may change or remove. A build killed half-way leaves that journal;
 *   the next one redraws every page it names, removes those it no longer has (an undone article's
 *   page, a section left empty), and carries the marks on until a build completes.
 * - With no manifest at all (never built, deleted, damaged), nothing in the folder can be trusted:
 *   it is emptied first, if a Broadsheet build wrote it, so that the build writes what a clean
 *   build would, and no page of a removed article survives.
 * - One build at a time writes a folder (`lock-<key>.pid`).
 */

const manifestFile = (outputDir: string): string => outputCacheFile(outputDir, "manifest", "json");
const journalFile = (outputDir: string): string => outputCacheFile(outputDir, "pending", "log");
const lockFile = (outputDir: string): string => outputCacheFile(outputDir, "lock", "pid");

/** Pages (site paths) and search bundles a build may change: marked before it touches them. */
export interface PendingMarks {
  readonly pages?: readonly string[];
  readonly search?: readonly string[];
}

/**
 * The last completed build's manifest, with everything an unfinished build marked since then set
 * to PENDING (a fingerprint no data has); null when no completed build is recorded.
 */
export function readOutputRecord(outputDir: string): Promise<Manifest | null> {
  // The watch server's last completed build left the journal empty, and its manifest in memory.
  const files = [manifestFile(outputDir), journalFile(outputDir)];
  return lastRecorded.get(files[0]!, files, () => readRecordFiles(outputDir));
}

/** What this process's last completed build recorded, for the watch server's next build. */
const lastRecorded = new KeptInMemory<Manifest | null>();

const isRecord = (value: unknown): boolean => typeof value === "object" && value !== null && !Array.isArray(value);

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === "string");

/** The manifest as a file holds it: the pages as a list of paths and a list of fingerprints. */
type ManifestFile = Omit<Manifest, "pages"> & { readonly pages: readonly [readonly string[], readonly string[]] };

async function readRecordFiles(outputDir: string): Promise<Manifest | null> {
  const text = await readChecked(manifestFile(outputDir));
  let file: ManifestFile;
  try {
    file = JSON.parse(text?.toString("utf8") ?? "null") as ManifestFile;
  } catch {
    return null;
  }
  const [paths, prints] = (Array.isArray(file?.pages) ? file.pages : []) as unknown[];
  if (file?.version !== 5 || !isStrings(paths) || !isStrings(prints) || paths.length !== prints.length || !isRecord(file.search) || !isStrings(file.singles)) return null;
  const pages = new Map<string, string>();
  for (let i = 0; i < paths.length; i++) pages.set(paths[i]!, prints[i]!);
  // Fresh from the file, so marked in place.
  const search = file.search as Record<string, string>;
  const journal = await readFile(journalFile(outputDir), "utf8").catch(() => "");
  // A line cut short by a kill was being written before anything it names was touched: skipped.
  for (const line of journal.split("\n")) {
    let marks: PendingMarks;
    try {
      marks = JSON.parse(line) as PendingMarks;
    } catch {
      continue;
    }
    for (const key of marks.pages ?? []) pages.set(key, PENDING);
    for (const key of marks.search ?? []) search[key] = PENDING;
  }
  return { ...file, pages, search };
}

/** Records, before the build touches them, what it may change; resolves once it is on disk. */
export async function markPending(outputDir: string, marks: PendingMarks): Promise<void> {
  await mkdir(CACHE_DIR, { recursive: true });
  await appendFile(journalFile(outputDir), `${JSON.stringify(marks)}\n`);
}

/** The build finished: its manifest replaces the last, and the marks of unfinished builds go. */
export async function recordCompleted(outputDir: string, manifest: Manifest): Promise<void> {
  const file: ManifestFile = { ...manifest, pages: [[...manifest.pages.keys()], [...manifest.pages.values()]] };
  await writeChecked(manifestFile(outputDir), JSON.stringify(file));
  await rm(journalFile(outputDir), { force: true });
  await lastRecorded.set(manifestFile(outputDir), [manifestFile(outputDir), journalFile(outputDir)], manifest);
}

/** Whether `inner` is `outer` or inside it. */
function within(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * Makes an output folder with no completed build recorded safe to build into: emptied, if a
 * Broadsheet build wrote it (a journal or manifest of its own, or its word directory). A folder
 * holding anything else is refused rather than emptied, as is one holding the project, the
 * articles or the cache.
 */
export async function clearUnrecordedOutput(outputDir: string, keep: { readonly articles: string }): Promise<void> {
  const root = path.resolve(outputDir);
  let names: string[] = [];
  try {
    names = await readdir(root);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new Error(`${displayPath(root)}: cannot read the output folder (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  }
  const shown = displayPath(root) || ".";
  for (const [what, folder] of [
    ["the project", process.cwd()],
    ["the articles", keep.articles],
    ["the build cache", CACHE_DIR],
  ] as const) {
    if (within(path.resolve(folder), root)) throw new Error(`${shown}: the output folder holds ${what}; build into a folder of its own (--output=_site)`);
  }
  const ours = existsSync(journalFile(outputDir)) || existsSync(manifestFile(outputDir)) || existsSync(path.join(root, WORDS_FOLDER, SUMMARY_FILE));
  if (names.length > 0 && !ours) {
    const sample = names.slice(0, 3).join(", ");
    throw new Error(`${shown}: holds files no Broadsheet build wrote (${sample}${names.length > 3 ? ", …" : ""}); empty it, or build into another folder with --output`);
  }
  // Marked first, before Eleventy copies a file in: whatever happens to this build, even a
  // refusal further on, the next one knows the folder is its own.
  await markPending(outputDir, {});
  await Promise.all(names.map((name) => rm(path.join(root, name), { recursive: true, force: true })));
}

const held = new Set<string>();

/**
 * Takes the output folder for this process, until it exits: two builds writing one folder, or
 * one build and the watch server, would each record pages the other overwrote. A lock left by a
 * killed build is taken over, and its temporary files in the cache removed.
 */
export async function lockOutput(outputDir: string): Promise<void> {
  const file = lockFile(outputDir);
  if (held.has(file)) return;
  await mkdir(path.dirname(file), { recursive: true });
  const mine = `${file}.${process.pid}.tmp`;
  await writeFile(mine, String(process.pid));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        // link, unlike open with O_EXCL, puts the whole file in place at once: no one reads it empty.
        await link(mine, file);
        held.add(file);
        process.once("exit", () => rmSync(file, { force: true }));
        await removeLeftoverTemporaries(CACHE_DIR);
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
      const owner = Number(await readFile(file, "utf8").catch(() => "0"));
      if (owner > 0 && running(owner)) {
        throw new Error(
          `${displayPath(path.resolve(outputDir)) || "."}: another build (process ${owner}) is writing this folder; wait for it to end or stop it (if none is running, delete ${displayPath(file)})`,
        );
      }
      // Left by a killed build. Moved aside rather than deleted: of two builds taking it over at
      // once, only one can move it, and a lock another build took meanwhile is put back.
      const aside = `${file}.${process.pid}.stale`;
      try {
        await rename(file, aside);
      } catch {
        continue;
      }
      if (Number(await readFile(aside, "utf8").catch(() => "0")) !== owner) await link(aside, file).catch(() => undefined);
      await rm(aside, { force: true });
    }
    throw new Error(`${displayPath(file)}: could not take the build lock`);
  } finally {
    await rm(mine, { force: true });
  }
}
