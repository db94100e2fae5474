import type { Archive } from "../archive/archive.js";
import { buildArchive } from "../archive/archive.js";
import { formatProblem } from "../article/types.js";
import { readArchive, type ReadResult } from "../io/readArchive.js";
import type { Settings } from "../settings.js";

export type BuildMode = "strict" | "lenient";

export interface ArchiveBuild {
  readonly archive: Archive;
  readonly read: ReadResult;
}

/** Thrown when strict mode meets a rejected file; the problems were already printed. */
export class RejectedArticlesError extends Error {
  constructor(count: number) {
    super(`${count} article file${count === 1 ? "" : "s"} rejected (listed above); fix them, or build with --lenient to publish the rest`);
    this.name = "RejectedArticlesError";
  }
}

/**
 * Reads and indexes the archive once per build. Problems go to stderr as `path:line: message`,
 * all of them, before a strict build stops.
 */
export async function loadArchive(settings: Settings, mode: BuildMode): Promise<ArchiveBuild> {
  const read = await readArchive([settings.articles], { boilerplate: settings.boilerplate });
  for (const p of read.problems) process.stderr.write(`${formatProblem(p)}\n`);
  if (read.rejected.length > 0 && mode === "strict") throw new RejectedArticlesError(read.rejected.length);
  const archive = buildArchive(read.articles, { sectionNames: settings.sectionNames, pageSize: settings.pageSize });
  return { archive, read };
}
