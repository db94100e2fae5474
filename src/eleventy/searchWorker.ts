// One Pagefind service per worker thread: the `pagefind` module keeps a single service process
// per module instance, and each worker has its own, so two shards can be indexed at once.
import { rm } from "node:fs/promises";
import { parentPort } from "node:worker_threads";
import * as pagefind from "pagefind";
import type { ParseOptions } from "../article/parse.js";
import { readBundleWords } from "../io/bundleWords.js";
import { readBody } from "../io/readArchive.js";
import { periodWordsText } from "../search/periodWords.js";
import { searchRecord, type RecordSettings, type RecordSource } from "./searchIndex.js";
import { readBackOrForget } from "../io/parseCache.js";
import { CACHE_DIR } from "./incremental.js";

export interface ShardJob {
  readonly outputPath: string;
  readonly settings: RecordSettings;
  /** To read back bodies left in their files. */
  readonly parseOptions: ParseOptions;
  readonly sources: readonly RecordSource[];
}

/** `words`: the shard's words as Pagefind wrote them, for the word directory (periodWords.ts, as text). */
export type WorkerReply = { readonly ok: true; readonly records: number; readonly words: string } | { readonly ok: false; readonly error: string };

/**
 * Word positions per index chunk, Pagefind's unstable setting (read by its service when it
 * starts, so set before the first index is made). A query fetches one chunk a word; Pagefind's
 * default of about 20,000 positions made a 5,000-article period's median chunk 31.8 kB, 5,000 made
 * it 8.9 kB, for a metadata file 7 kB larger (FACTS.md). Measured with bench:quality: see the README.
 */
const CHUNK_POSITIONS = "5000";
process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE ??= CHUNK_POSITIONS;

/** Records go to Pagefind in batches: one at a time is slow (pagefind#461), all at once holds every message in memory. */
const BATCH = 500;

async function indexShard(job: ShardJob): Promise<{ records: number; words: string }> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: job.settings.language });
  if (!index) throw new Error(errors.join("; "));
  for (let i = 0; i < job.sources.length; i += BATCH) {
    const records = job.sources
      .slice(i, i + BATCH)
      .map(({ article, body, digest }) => searchRecord({ ...article, body: body ?? readBackOrForget(CACHE_DIR, article.file, () => readBody(article.file, digest, job.parseOptions)) }, job.settings));
    const results = await Promise.all(records.map((r) => index.addCustomRecord(r)));
    const failed = results.flatMap((r) => r.errors);
    if (failed.length > 0) throw new Error(failed.join("; "));
  }
  // Pagefind adds to its folder: clear it, or removed articles would stay findable.
  await rm(job.outputPath, { recursive: true, force: true });
  const written = await index.writeFiles({ outputPath: job.outputPath });
  if (written.errors.length > 0) throw new Error(written.errors.join("; "));
  // Frees the index's memory in the service before the next shard.
  await index.deleteIndex();
  // Read back from what Pagefind wrote: its own words, split and stemmed as the page's queries are.
  return { records: job.sources.length, words: periodWordsText(await readBundleWords(job.outputPath)) };
}

parentPort?.on("message", (job: ShardJob | "close") => {
  if (job === "close") {
    void pagefind.close().then(() => process.exit(0));
    return;
  }
  indexShard(job).then(
    ({ records, words }) => parentPort?.postMessage({ ok: true, records, words } satisfies WorkerReply),
    (e: unknown) => parentPort?.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) } satisfies WorkerReply),
  );
});
