import path from "node:path";
import type { ReadResult } from "../io/readArchive.js";

export interface WrittenPage {
  readonly inputPath: string;
  readonly outputPath: string | false;
}

/** Pages written, counted by the template that wrote them (`article`, `section`, ...). */
export function pagesByKind(results: readonly WrittenPage[]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const r of results) {
    if (r.outputPath === false) continue;
    const kind = path.basename(r.inputPath).replace(/\.[^.]+$/u, "");
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

/** The build's closing lines: what went in, what came out. */
export interface SearchSummary {
  readonly shards: number;
  /** Articles indexed this build; the others sit in unchanged shards. */
  readonly indexed: number;
  readonly articles: number;
}

export function buildSummary(read: ReadResult, pages: Record<string, number>, search: SearchSummary, unchanged: number, removed: number): string {
  const total = Object.values(pages).reduce((a, b) => a + b, 0);
  const byKind = Object.entries(pages)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([kind, n]) => `${kind} ${n}`)
    .join(", ");
  const warnings = read.problems.filter((p) => p.severity === "warning").length;
  return [
    `broadsheet: read ${read.files.length} files: ${read.articles.length} articles published, ${read.rejected.length} rejected, ${warnings} warnings`,
    `broadsheet: wrote ${total} pages (${byKind}); ${unchanged} unchanged pages kept, ${removed} removed`,
    `broadsheet: search index of ${search.articles} articles in ${search.shards} shard${search.shards === 1 ? "" : "s"}, ${search.indexed} indexed this build`,
  ].join("\n");
}
