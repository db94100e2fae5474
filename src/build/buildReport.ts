import path from "node:path";
import type { ReadResult } from "../io/readArchive.js";

/** A page written, or a template that wrote none (`outputPath` false). */
export interface WrittenPage {
  /** What page it is: `article`, `section`, … (Eleventy's pages: their template's name). */
  readonly kind: string;
  readonly outputPath: string | false;
}

/** A page Eleventy wrote, by the name of its template (`pages/index.njk` → `index`). */
export function writtenByEleventy(result: { readonly inputPath: string; readonly outputPath: string | false }): WrittenPage {
  return { kind: path.basename(result.inputPath).replace(/\.[^.]+$/u, ""), outputPath: result.outputPath };
}

/** Pages written, counted by kind. */
export function pagesByKind(results: readonly WrittenPage[]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const r of results) if (r.outputPath !== false) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
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
