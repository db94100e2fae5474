import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { decodeArticle } from "../article/decode.js";
import { parseArticle, type ParseOptions } from "../article/parse.js";
import type { ParsedArticle, Problem } from "../article/types.js";

export interface ReadResult {
  /** Every file looked at, relative paths, sorted. */
  readonly files: readonly string[];
  readonly articles: readonly ParsedArticle[];
  /** Errors (the file is rejected) and warnings (the file is published), in file order. */
  readonly problems: readonly Problem[];
  /** Files that had at least one error. */
  readonly rejected: readonly string[];
}

/** Every non-hidden regular file under `root` (file names carry no meaning, so no extension filter). */
export async function listArticleFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
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

export async function readArticleFile(file: string, options: ParseOptions = {}): Promise<{ article: ParsedArticle | null; problems: Problem[] }> {
  const shown = displayPath(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? String(e);
    return { article: null, problems: [{ file: shown, line: 0, message: `unreadable file (${reason})`, severity: "error" }] };
  }
  const decoded = decodeArticle(bytes);
  if (!decoded.ok) return { article: null, problems: [{ file: shown, line: decoded.line, message: decoded.message, severity: "error" }] };
  const problems: Problem[] = [];
  if (decoded.encoding !== "utf-8") {
    problems.push({ file: shown, line: 0, message: "not valid UTF-8: read as Windows-1252", severity: "warning" });
  }
  const result = parseArticle(decoded.text, shown, options);
  if (!result.ok) return { article: null, problems: [...problems, ...result.problems] };
  return { article: result.article, problems: [...problems, ...result.warnings] };
}

/** Reads `paths` (files or folders, in any mix), a bounded number of files at a time. */
export async function readArchive(paths: readonly string[], options: ParseOptions = {}): Promise<ReadResult> {
  const files: string[] = [];
  for (const p of paths) {
    const info = await stat(p);
    files.push(...(info.isDirectory() ? await listArticleFiles(p) : [p]));
  }
  const results: Awaited<ReturnType<typeof readArticleFile>>[] = new Array(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      results[i] = await readArticleFile(files[i]!, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(32, files.length) }, worker));
  const articles: ParsedArticle[] = [];
  const problems: Problem[] = [];
  const rejected: string[] = [];
  for (const [i, r] of results.entries()) {
    problems.push(...r.problems);
    if (r.article) articles.push(r.article);
    else rejected.push(displayPath(files[i]!));
  }
  return { files: files.map(displayPath), articles, problems, rejected };
}
