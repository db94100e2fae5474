import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { decodeArticle } from "../article/decode.js";
import { parseArticle, type ParseOptions } from "../article/parse.js";
import type { Block, ParsedArticle, Problem } from "../article/types.js";

export interface ReadResult {
  /** Every file looked at, as displayed (relative to the working directory), sorted. */
  readonly files: readonly string[];
  readonly articles: readonly ParsedArticle[];
  /** Errors (the file is rejected) and warnings (the file is published), in file order. */
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

/**
 * Outcomes of earlier reads, by displayed path (the path inside them); an entry is reused while
 * the file's size and mtime match.
 */
export type ParseCache = Map<string, { readonly size: number; readonly mtimeMs: number; readonly outcome: FileOutcome }>;

export interface ReadOptions extends ParseOptions {
  readonly cache?: ParseCache;
  /** Called once per file, read or cached, for progress. */
  readonly onFile?: () => void;
  /** Called with the number of files, once they are listed. */
  readonly onListed?: (count: number) => void;
}

/** Every non-hidden regular file under `root` (file names carry no meaning, so no extension filter). */
export async function listArticleFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(root, full);
    if (relative.split(path.sep).some((part) => part.startsWith("."))) continue;
    files.push(full);
  }
  return files.sort();
}

/** How a path appears in messages and in `file`: relative to the working directory, like a compiler. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : relative;
}

export function readBytes(bytes: Uint8Array, shown: string, options: ParseOptions = {}): FileOutcome {
  const digest = createHash("sha1").update(bytes).digest("hex");
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

/**
 * The body of an article whose parse came from the cache, read back from its file. A file changed
 * since it was listed would give another article's body under this one's headline: that is an error.
 */
export function readBody(file: string, digest: string, options: ParseOptions = {}): readonly Block[] {
  const changed = new Error(`${file}: changed or removed while the site was being built; build again`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    throw changed;
  }
  const outcome = readBytes(bytes, file, options);
  if (outcome.digest !== digest || outcome.article === null) throw changed;
  return outcome.article.body;
}

/** A whole file from one open descriptor: its size and mtime come from the same fstat. */
function readWhole(file: string): { readonly bytes: Uint8Array; readonly size: number; readonly mtimeMs: number } {
  const fd = openSync(file, "r");
  try {
    const info = fstatSync(fd);
    const bytes = Buffer.allocUnsafe(info.size);
    let filled = 0;
    while (filled < info.size) {
      const n = readSync(fd, bytes, filled, info.size - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return { bytes: bytes.subarray(0, filled), size: info.size, mtimeMs: info.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

/**
 * Synchronous on purpose: articles are small and usually in the page cache, where a promise per
 * open, stat, read and close cost twenty times the reading (measured: 15 s against 0.7 s for
 * 100,000 files).
 */
function readOne(file: string, shown: string, options: ReadOptions): FileOutcome {
  try {
    // A cached file costs one stat; a new one a single open for both its stat and its read.
    const cached = options.cache?.get(shown);
    if (cached) {
      const info = statSync(file);
      if (cached.size === info.size && cached.mtimeMs === info.mtimeMs) return cached.outcome;
    }
    const { bytes, size, mtimeMs } = readWhole(file);
    const outcome = readBytes(bytes, shown, options);
    options.cache?.set(shown, { size, mtimeMs, outcome });
    return outcome;
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? String(e);
    return { article: null, problems: [{ file: shown, line: 0, message: `unreadable file (${reason})`, severity: "error" }], digest: "" };
  }
}

/** Reads `paths` (files or folders, in any mix). */
export async function readArchive(paths: readonly string[], options: ReadOptions = {}): Promise<ReadResult> {
  const files: string[] = [];
  for (const p of paths) {
    const info = await stat(p);
    files.push(...(info.isDirectory() ? await listArticleFiles(p) : [path.resolve(p)]));
  }
  options.onListed?.(files.length);
  const shownPaths = files.map(displayPath);
  const outcomes = files.map((file, i) => {
    const outcome = readOne(file, shownPaths[i]!, options);
    options.onFile?.();
    return outcome;
  });
  const articles: ParsedArticle[] = [];
  const problems: Problem[] = [];
  const rejected: string[] = [];
  const digests = new Map<string, string>();
  // Identical files are both published (nothing is dropped on a guess), but said once.
  const firstWithDigest = new Map<string, string>();
  for (const [i, outcome] of outcomes.entries()) {
    problems.push(...outcome.problems);
    const shown = shownPaths[i]!;
    // An unreadable file has no digest: nothing to compare.
    const twin = outcome.digest ? firstWithDigest.get(outcome.digest) : undefined;
    if (twin) problems.push({ file: shown, line: 0, message: `same content as ${twin}: published twice`, severity: "warning" });
    else if (outcome.digest) firstWithDigest.set(outcome.digest, shown);
    if (outcome.article) {
      articles.push(outcome.article);
      digests.set(shown, outcome.digest);
    } else rejected.push(shown);
  }
  return { files: shownPaths, articles, problems, rejected, digests };
}
