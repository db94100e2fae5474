import type { ParsedArticle } from "../article/types.js";

/** A published article: what the parser read, plus where it lives in the archive. */
export interface Article extends ParsedArticle {
  /** Site-relative path, `/{section}/{yyyy}/{mm}/{dd}/{headline}/`, before any path prefix. */
  readonly url: string;
  /** Display name, e.g. `Syrian Conflict`. */
  readonly section: string;
  readonly sectionSlug: string;
  /**
   * 1, or 2, 3… for the later articles of the same section, day and headline (the wire repeats
   * itself): their URLs end in `-2`, `-3`, and their titles say which copy they are.
   */
  readonly copy: number;
}

/**
 * Newest first; within a day, the file last in path order first. A wire numbers its files as it
 * sends them (`21238_e5a0….txt`), so a day's latest story leads whatever its section: broken by
 * URL, ties put a day's Aluminium stories before its General News, and the home page's 20 latest
 * were all from sections in A to C. Every build lists articles in the same order either way.
 */
export function newestFirst(a: Pick<Article, "date" | "file" | "url">, b: Pick<Article, "date" | "file" | "url">): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  if (a.file !== b.file) return a.file < b.file ? 1 : -1;
  return a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
}
