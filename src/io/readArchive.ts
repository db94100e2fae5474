import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";
import { decodeArticle } from "../article/decode.js";
import { articleBody, parseArticle, type ParseOptions } from "../article/parse.js";
import { printable, type Block, type ParsedArticle, type Problem } from "../article/types.js";
import { brokenLink, displayPath, errorCode, fileStamp, kindOf, listAll, type FileStamp, type Listing } from "./listFiles.js";

export interface ReadResult {
  /** Every file looked at, as displayed (relative to the working directory), sorted. */
  readonly files: readonly string[];
  readonly articles: readonly ParsedArticle[];
  /** Errors (the file is rejected) and warnings (the file is published, or skipped), in file order. */
  readonly problems: readonly Problem[];
  /** Files that had at least one error. */
  readonly rejected: readonly string[];
  /** SHA-1 of each published article's file, by displayed path: stands for its parsed content. */
  readonly digests: ReadonlyMap<string, string>;
}

/** What reading one file gave, as cached between builds. */
export interface FileOutcome {
  readonly article: ParsedArticle | null;
  readonly problems: readonly Problem[];
  /** SHA-1 of the file's bytes: finds the same content under two names. */
  readonly digest: string;
}

/** A file's outcome as cached, with its stamp when it was read. */
export interface CachedOutcome extends FileStamp {
  /**
   * Set when the file had changed too shortly before it was read for its stamp to show a later
   * change (git's "racy" entries): the next build reads it again and compares digests.
   */
  readonly racy?: true;
  readonly outcome: FileOutcome;
}

/** Outcomes of earlier reads, by displayed path (the path inside them); an entry is reused while its stamp matches. */
export type ParseCache = Map<string, CachedOutcome>;

export interface ReadOptions extends ParseOptions {
  readonly cache?: ParseCache;
  /** Called once per file, read or cached, for progress. */
  readonly onFile?: () => void;
  /** Called with the number of files, once they are listed. */
  readonly onListed?: (count: number) => void;
  /** How files to read afresh are read: on this thread unless given. */
  readonly readMany?: ReadMany;
  /**
   * The files, listed and stat'd ahead (listOnThread.ts), while this thread did other work; null
   * or not given: listed here.
   */
  readonly listing?: Promise<Listing | null>;
}

/**
 * Timestamps are coarse (a kernel tick; 2 s on FAT), so a file written again within the same
 * tick as the write before keeps its stamp. A file that changed less than this before the build
 * that read it started is read again next build: 2 s of FAT, 1 s more for a file server's clock.
 * Cheap: reading again and hashing 19,043 such files took 0.25 s, against 0.1 s for their stats.
 */
const RACY_MS = 3_000;

const sha1 = (bytes: Uint8Array): string => createHash("sha1").update(bytes).digest("hex");

function parseBytes(bytes: Uint8Array, digest: string, shown: string, options: ParseOptions): FileOutcome {
  const decoded = decodeArticle(bytes);
  if (!decoded.ok) return { article: null, problems: [{ file: shown, line: decoded.line, message: decoded.message, severity: "error" }], digest };
  const problems: Problem[] = [];
  if (decoded.encoding !== "utf-8") {
    problems.push({ file: shown, line: 0, message: "not valid UTF-8: read as Windows-1252", severity: "warning" });
  }
  const result = parseArticle(decoded.text, shown, options);
  if (!result.ok) return { article: null, problems: [...problems, ...result.problems], digest };
  return { article: result.article, problems: [...problems, ...result.warnings], digest };
}

export function readBytes(bytes: Uint8Array, shown: string, options: ParseOptions = {}): FileOutcome {
  return parseBytes(bytes, sha1(bytes), shown, options);
}

/** Thrown by `readWhole` for what is open but no file: a FIFO swapped in after the listing. */
class NotARegularFile extends Error {}

/**
 * A whole file from one open descriptor: its stamp comes from the same fstat. Opened without
 * blocking and checked once open, so that a FIFO put in its place cannot hang the build.
 */
function readWhole(file: string): { readonly bytes: Uint8Array; readonly stamp: FileStamp } {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new NotARegularFile(`not a regular file (${kindOf(info)})`);
    const bytes = Buffer.allocUnsafe(info.size);
    let filled = 0;
    while (filled < info.size) {
      const n = readSync(fd, bytes, filled, info.size - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return { bytes: bytes.subarray(0, filled), stamp: fileStamp(info) };
  } finally {
    closeSync(fd);
  }
}

/** Why `file` could not be read, as a message: `unreadable file (EACCES)`. */
function unreadable(file: string, e: unknown): string {
  if (e instanceof NotARegularFile) return e.message;
  const code = errorCode(e);
  return brokenLink(file, code) ? `broken symbolic link (${code})` : `unreadable file (${code})`;
}

/**
 * The body of an article whose parse came from the cache, read back from its file. A file changed
 * since it was listed would give another article's body under this one's headline: that is an error.
 */
export function readBody(file: string, digest: string, options: ParseOptions = {}): readonly Block[] {
  let bytes: Uint8Array;
  try {
    bytes = readWhole(file).bytes;
  } catch (e) {
    const gone = errorCode(e) === "ENOENT";
    throw new Error(`${printable(file)}: ${gone ? "removed while the site was being built; build again" : unreadable(file, e)}`);
  }
  // The same bytes as the parse that was cached (its digest), so the same body, names aside.
  const decoded = sha1(bytes) === digest ? decodeArticle(bytes) : null;
  const body = decoded?.ok ? articleBody(decoded.text, printable(file), options) : null;
  if (body === null) throw new Error(`${printable(file)}: changed while the site was being built; build again`);
  return body;
}

const sameStamp = (a: FileStamp, b: FileStamp): boolean => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;

/** A file to read afresh: new, changed since its cached stamp, or racy. */
export interface ToRead {
  readonly file: string;
  readonly shown: string;
  /** The cached outcome's digest: the same bytes are the same parse, not parsed again. */
  readonly cachedDigest?: string;
}

/** What reading a file afresh gave: its stamp and outcome (null: the cached one holds), or why it could not be read. */
export type FreshRead =
  | { readonly ok: true; readonly stamp: FileStamp; readonly racy: boolean; readonly outcome: FileOutcome | null }
  | { readonly ok: false; readonly message: string };

/**
 * Reads and parses one file; touches no cache, so that a worker thread can do it (readWorker.ts).
 * `started`: when the whole read began, for the racy rule (RACY_MS). Synchronous on purpose:
 * articles are small and usually in the page cache, where a promise per open, stat, read and
 * close cost twenty times the reading (measured: 15 s against 0.7 s for 100,000 files).
 */
export function readFresh({ file, shown, cachedDigest }: ToRead, options: ParseOptions, started: number): FreshRead {
  try {
    const { bytes, stamp } = readWhole(file);
    const digest = sha1(bytes);
    const outcome = cachedDigest === digest ? null : parseBytes(bytes, digest, shown, options);
    return { ok: true, stamp, racy: Math.max(stamp.mtimeMs, stamp.ctimeMs) > started - RACY_MS, outcome };
  } catch (e) {
    return { ok: false, message: unreadable(file, e) };
  }
}

/** A fresh read's outcome, kept in the cache unless nothing changed. */
function settle(shown: string, fresh: FreshRead, cache: ParseCache | undefined): FileOutcome {
  const cached = cache?.get(shown);
  if (!fresh.ok) {
    // Read afresh once it can be: nothing of it is kept.
    cache?.delete(shown);
    return { article: null, problems: [{ file: shown, line: 0, message: fresh.message, severity: "error" }], digest: "" };
  }
  const { stamp, racy } = fresh;
  const outcome = fresh.outcome ?? cached?.outcome;
  // The same file listed twice (two paths given), its first read failing and its second not:
  // it changed while it was read.
  if (outcome === undefined) return { article: null, problems: [{ file: shown, line: 0, message: "changed while it was read; build again", severity: "error" }], digest: "" };
  // Left as it was if nothing changed, so that it is not written again.
  if (!(cached?.outcome === outcome && sameStamp(cached, stamp) && Boolean(cached.racy) === racy)) {
    cache?.set(shown, racy ? { ...stamp, racy, outcome } : { ...stamp, outcome });
  }
  return outcome;
}

/**
 * The cached outcome of a file whose stamp is unchanged, or what to read afresh. `listedStamp`:
 * the stamp taken when it was listed (null if it could not be); not given, it is taken now.
 */
function cachedOrToRead(file: string, shown: string, cache: ParseCache | undefined, listedStamp?: FileStamp | null): FileOutcome | ToRead {
  const cached = cache?.get(shown);
  try {
    // A cached file costs one stat; a new, changed or racy one a single open for its stat and its read.
    const stamp = cached && !cached.racy ? (listedStamp === undefined ? statSync(file) : listedStamp) : null;
    if (cached && stamp && sameStamp(cached, stamp)) return cached.outcome;
  } catch {
    // Gone or unreadable: reading it says why.
  }
  return cached ? { file, shown, cachedDigest: cached.outcome.digest } : { file, shown };
}

/**
 * Files to read afresh, read and parsed in order: on this thread, or, when there are enough of
 * them (a clean build), on `threads` threads at once, this one included (readers.ts).
 */
export interface ReadMany {
  (toRead: readonly ToRead[], options: ParseOptions, started: number, onFile: () => void): Promise<FreshRead[]>;
  /** Told, once the files are listed, how many of them the cache has never seen: about that many are read afresh. */
  expect?(count: number): void;
}

/** Reads files afresh one after another, on this thread. */
export function readInTurn(toRead: readonly ToRead[], options: ParseOptions, started: number, onFile: () => void): FreshRead[] {
  return toRead.map((entry) => {
    const fresh = readFresh(entry, options, started);
    onFile();
    return fresh;
  });
}

const readHere: ReadMany = async (...args) => readInTurn(...args);

/** Reads `paths` (files or folders, in any mix). */
export async function readArchive(paths: readonly string[], options: ReadOptions = {}): Promise<ReadResult> {
  const started = Date.now();
  const given = (await options.listing) ?? null;
  const listed = given?.listed ?? (await listAll(paths));
  options.onListed?.(listed.filter((entry) => !entry.skipped).length);
  const shownPaths = given?.shown ?? listed.map((entry) => displayPath(entry.path));
  options.readMany?.expect?.(listed.filter((entry, i) => !entry.skipped && !options.cache?.has(shownPaths[i]!)).length);
  const files: string[] = [];
  const articles: ParsedArticle[] = [];
  const problems: Problem[] = [];
  const rejected: string[] = [];
  const digests = new Map<string, string>();
  // Unchanged files come from the cache; the others are read afresh, all at once, then everything
  // is taken in the listing's order, so that no thread's timing shows in the result.
  const readMany = options.readMany ?? readHere;
  const parseOptions: ParseOptions = { boilerplate: options.boilerplate, ...(options.names === false && { names: false }) };
  let found: (FileOutcome | ToRead | null)[];
  try {
    found = listed.map((entry, i): FileOutcome | ToRead | null => {
      if (entry.skipped) return null;
      const shown = shownPaths[i]!;
      if (entry.error) return { article: null, problems: [{ file: shown, line: 0, message: entry.error, severity: "error" }], digest: "" };
      return cachedOrToRead(entry.path, shown, options.cache, given ? given.stamps[i] : undefined);
    });
    for (const f of found) if (f !== null && !("file" in f)) options.onFile?.();
  } catch (e) {
    // Reader threads `expect` started are let go (reading nothing) before the error goes on.
    await readMany([], parseOptions, started, () => undefined);
    throw e;
  }
  const toRead = found.filter((f): f is ToRead => f !== null && "file" in f);
  const fresh = await readMany(toRead, parseOptions, started, () => options.onFile?.());
  let next = 0;
  // Identical files are both published (nothing is dropped on a guess), but said once.
  const firstWithDigest = new Map<string, string>();
  listed.forEach((entry, i) => {
    const shown = shownPaths[i]!;
    const got = found[i];
    if (got === null || got === undefined) {
      problems.push({ file: shown, line: 0, message: entry.skipped!, severity: "warning" });
      return;
    }
    const outcome = "file" in got ? settle(shown, fresh[next++]!, options.cache) : got;
    files.push(shown);
    problems.push(...outcome.problems);
    // An unreadable file has no digest: nothing to compare.
    const twin = outcome.digest ? firstWithDigest.get(outcome.digest) : undefined;
    if (twin) problems.push({ file: shown, line: 0, message: `same content as ${twin}: published twice`, severity: "warning" });
    else if (outcome.digest) firstWithDigest.set(outcome.digest, shown);
    if (outcome.article) {
      articles.push(outcome.article);
      digests.set(shown, outcome.digest);
    } else rejected.push(shown);
  });
  return { files, articles, problems, rejected, digests };
}
