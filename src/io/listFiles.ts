// Listing an articles folder: what is in it, and each file's stamp. No parsing here, so that a
// thread listing a large archive (listOnThread.ts) starts without loading the parser.
import { lstatSync, statSync, type Dirent, type Stats } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { printable } from "../article/types.js";

/**
 * What a file's stat said when it was read. ctime and the inode as well as size and mtime: mtime
 * can be set back (`touch -d`, `cp -p`, an editor keeping it), ctime cannot, and every write,
 * chmod or replacement of the file moves one or the other (what git's index relies on too).
 */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

/** A stat's stamp: what the parse cache keeps and compares, from a listing or from a read. */
export function fileStamp({ size, mtimeMs, ctimeMs, ino }: Stats): FileStamp {
  return { size, mtimeMs, ctimeMs, ino };
}

/** What `paths` stand for, listed and stat'd: the listing's work, done away from the read. */
export interface Listing {
  readonly listed: readonly Listed[];
  /** Each entry's path as shown (displayPath). */
  readonly shown: readonly string[];
  /** Each entry's stamp when it was listed; null for one skipped, in error, or that could not be stat'd. */
  readonly stamps: readonly (FileStamp | null)[];
}

/** An entry of an articles folder: a file to read, or something not read, and why. */
export interface Listed {
  readonly path: string;
  /** Not read, and counted as a rejected file: a folder that cannot be listed. */
  readonly error?: string;
  /** Not read, not counted, but said: a FIFO, a link back to a folder already walked. */
  readonly skipped?: string;
}

/** What a directory entry or a stat is, in a message: "a FIFO". */
export function kindOf(info: Dirent | Stats): string {
  if (info.isFIFO()) return "a FIFO";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice()) return "a character device";
  if (info.isBlockDevice()) return "a block device";
  if (info.isDirectory()) return "a folder";
  if (info.isSymbolicLink()) return "a symbolic link";
  return "of unknown type";
}

export const errorCode = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? String(e);

/**
 * Every non-hidden regular file under `root` (file names carry no meaning, so no extension
 * filter), sorted, with what is not read and why. Symbolic links are followed: to a file, it is
 * read under the link's name; to a folder, it is walked unless it was walked already (a link to
 * an ancestor would never end). Links are followed once the real folders are walked, so that a
 * link to one of them is what is left out, and a tree without links costs no stat at all.
 */
export async function listArticleFiles(root: string): Promise<Listed[]> {
  return (await walkArticleFolder(root)).files;
}

/** The files of `listArticleFiles`, and the folders walked to find them, links to folders included. */
export async function walkArticleFolder(root: string): Promise<{ readonly files: Listed[]; readonly folders: readonly string[] }> {
  const found: Listed[] = [];
  const links: string[] = [];
  const folders: string[] = [];
  const walk = async (dir: string): Promise<boolean> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      if (dir === root) throw new Error(`${printable(root)}: unreadable folder (${errorCode(e)})`);
      found.push({ path: dir, error: `unreadable folder (${errorCode(e)})` });
      return false;
    }
    folders.push(dir);
    const subfolders: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isFile()) found.push({ path: full });
      else if (entry.isDirectory()) subfolders.push(full);
      else if (entry.isSymbolicLink()) links.push(full);
      else found.push({ path: full, skipped: `not a regular file (${kindOf(entry)}): skipped` });
    }
    for (const sub of subfolders) await walk(sub);
    return true;
  };
  await walk(root);
  if (links.length === 0) return { files: sortByPath(found), folders };

  // The folders walked, by device and inode of the real folder, with the path walked under.
  const walked = new Map<string, string>();
  const mark = async (from: number): Promise<void> => {
    for (const dir of folders.slice(from)) {
      const info = await stat(dir);
      walked.set(`${info.dev}:${info.ino}`, dir);
    }
  };
  await mark(0);
  // In rounds, each sorted, so that which of two links to one folder is followed does not hang on
  // readdir's order; links found in a linked folder make the next round.
  for (let round = links.splice(0).sort(); round.length > 0; round = links.splice(0).sort()) {
    for (const link of round) {
      let info: Stats;
      try {
        info = await stat(link);
      } catch {
        // A broken link is a file that cannot be read: reading it says so.
        found.push({ path: link });
        continue;
      }
      const seen = info.isDirectory() ? walked.get(`${info.dev}:${info.ino}`) : undefined;
      if (info.isFile()) found.push({ path: link });
      else if (!info.isDirectory()) found.push({ path: link, skipped: `not a regular file (${kindOf(info)}): skipped` });
      else if (seen === undefined) {
        const from = folders.length;
        if (await walk(link)) await mark(from);
      } else if (isInside(seen, link)) found.push({ path: link, skipped: "symlink loop: not followed" });
      else found.push({ path: link, skipped: `symlink to a folder read already (${displayPath(seen)}): not followed` });
    }
  }
  return { files: sortByPath(found), folders };
}

/** Whether `file` lies under `folder` (both relative to the same place, or both absolute). */
function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

const sortByPath = (listed: Listed[]): Listed[] => listed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

/** How a path appears in messages and in `file`: relative to the working directory, like a compiler. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : relative;
}

/** Whether `file`, which could not be opened with `code`, is a link to nothing (or to itself). */
export function brokenLink(file: string, code: string): boolean {
  if (code !== "ENOENT" && code !== "ELOOP") return false;
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * The entries `paths` (files or folders, in any mix) stand for. A path that is neither, or none,
 * fails the whole read: a FIFO given as the folder would otherwise block its reader for ever.
 */
export async function listAll(paths: readonly string[]): Promise<Listed[]> {
  const listed: Listed[] = [];
  for (const p of paths) {
    let info: Stats;
    try {
      info = await stat(p);
    } catch (e) {
      const code = errorCode(e);
      const why = brokenLink(p, code) ? `broken symbolic link (${code})` : code === "ENOENT" ? "no such file or folder (ENOENT)" : `unreadable (${code})`;
      throw new Error(`${printable(p)}: ${why}`);
    }
    if (info.isDirectory()) listed.push(...(await listArticleFiles(p)));
    else if (info.isFile()) listed.push({ path: path.resolve(p) });
    else throw new Error(`${printable(p)}: not a regular file or folder (${kindOf(info)})`);
  }
  return listed;
}

/** What `paths` stand for, each entry stat'd as the read would stat it (see Listing). */
export async function listWithStamps(paths: readonly string[]): Promise<Listing> {
  const listed = await listAll(paths);
  const stamps = listed.map((entry): FileStamp | null => {
    if (entry.skipped || entry.error) return null;
    try {
      return fileStamp(statSync(entry.path));
    } catch {
      return null;
    }
  });
  return { listed, shown: listed.map((entry) => displayPath(entry.path)), stamps };
}

/**
 * A listing as it crosses between threads: paths as one string each way, stamps as numbers, and
 * the few entries not to read on their own. Through v8's serializer, which postMessage uses, the
 * 100,000 entries of a large archive took the receiving thread 0.11 to 0.20 s to take in as
 * objects, and 0.02 to 0.04 s packed, unpacking included.
 */
export interface PackedListing {
  /** Paths, then shown paths, each list joined by NUL: no path holds one. */
  readonly paths: string;
  readonly shown: string;
  /** Size, mtime, ctime and inode of each entry in turn; NaN for an entry with no stamp. */
  readonly stamps: Float64Array<ArrayBuffer>;
  /** Entries skipped or in error, by index. */
  readonly notes: readonly { readonly index: number; readonly error?: string; readonly skipped?: string }[];
}

export type ListReply = { readonly ok: true; readonly listing: PackedListing } | { readonly ok: false; readonly error: string };

const FIELDS = 4;

export function packListing({ listed, shown, stamps }: Listing): PackedListing {
  const numbers = new Float64Array(listed.length * FIELDS).fill(Number.NaN);
  stamps.forEach((stamp, i) => {
    if (stamp === null) return;
    numbers.set([stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino], i * FIELDS);
  });
  const notes = listed.flatMap((entry, index) => (entry.error !== undefined || entry.skipped !== undefined ? [{ index, ...(entry.error !== undefined && { error: entry.error }), ...(entry.skipped !== undefined && { skipped: entry.skipped }) }] : []));
  return { paths: listed.map((entry) => entry.path).join("\0"), shown: shown.join("\0"), stamps: numbers, notes };
}

export function unpackListing({ paths, shown, stamps, notes }: PackedListing): Listing {
  const listed: Listed[] = paths === "" ? [] : paths.split("\0").map((file) => ({ path: file }));
  for (const { index, ...note } of notes) listed[index] = { path: listed[index]!.path, ...note };
  return {
    listed,
    shown: listed.length === 0 ? [] : shown.split("\0"),
    stamps: listed.map((_, i): FileStamp | null => {
      const at = i * FIELDS;
      return Number.isNaN(stamps[at]) ? null : { size: stamps[at]!, mtimeMs: stamps[at + 1]!, ctimeMs: stamps[at + 2]!, ino: stamps[at + 3]! };
    }),
  };
}
