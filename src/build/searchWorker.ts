// One Pagefind service per worker thread, so that two shards can be indexed at once.
import { rm } from "node:fs/promises";
import { parentPort, type MessagePort } from "node:worker_threads";
import type { ParseOptions } from "../article/parse.js";
import { readBundleWords } from "../io/bundleWords.js";
import { PagefindService } from "../io/pagefindService.js";
import { readBody } from "../io/readArchive.js";
import type { PeriodWords } from "../search/periodWords.js";
import { searchRecord, type RecordSettings, type RecordSource } from "./searchIndex.js";
import { readBackOrForget } from "../io/parseCache.js";
import { CACHE_DIR } from "./incremental.js";

export interface ShardJob {
  readonly bundle: string;
  readonly outputPath: string;
  readonly settings: RecordSettings;
  /** To read back bodies left in their files. */
  readonly parseOptions: ParseOptions;
  readonly sources: readonly RecordSource[];
  /**
   * Where the shard's words go, for the word directory (periodWords.ts): given with the first
   * job, straight to the directory's thread, which the build's thread, busy planning, would
   * otherwise hold up for seconds.
   */
  readonly wordsTo?: MessagePort;
}

/** What goes to the word directory's thread once a shard is written. */
export interface IndexedWords {
  readonly bundle: string;
  readonly words: PeriodWords;
}

export type WorkerReply = { readonly ok: true; readonly records: number } | { readonly ok: false; readonly error: string };

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

/** Started with the first job: a worker closed unused never starts one. */
let service: PagefindService | null = null;
let wordsTo: MessagePort | null = null;

async function indexShard(job: ShardJob): Promise<{ records: number; words: PeriodWords }> {
  service ??= new PagefindService();
  const index = await service.newIndex(job.settings.language);
  // Pagefind takes in one batch while this thread makes the next (reading bodies back, making
  // records): done one after the other, its process and this thread took turns on the cores.
  let taking: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < job.sources.length; i += BATCH) {
    const records = job.sources
      .slice(i, i + BATCH)
      .map(({ article, body, digest }) =>
        searchRecord({ ...article, body: body ?? readBackOrForget(CACHE_DIR, article.file, () => readBody(article.file, digest, job.parseOptions)) }, job.settings),
      );
    await taking;
    taking = Promise.all(records.map((r) => service!.addRecord(index, r)));
    // Awaited above or below; a record failing to be made first must not leave it unhandled.
    taking.catch(() => undefined);
  }
  await taking;
  // Pagefind adds to its folder: clear it, or removed articles would stay findable.
  await rm(job.outputPath, { recursive: true, force: true }).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`cannot remove the old index (${e.code ?? e.message}${e.path && e.path !== job.outputPath ? `: ${e.path}` : ""})`);
  });
  await service.writeFiles(index, job.outputPath);
  // Frees the index's memory in the service before the next shard.
  await service.deleteIndex(index);
  // Read back from what Pagefind wrote: its own words, split and stemmed as the page's queries are.
  return { records: job.sources.length, words: await readBundleWords(job.outputPath) };
}

parentPort?.on("message", (job: ShardJob | "close") => {
  if (job === "close") {
    void (service?.close() ?? Promise.resolve()).then(() => process.exit(0));
    return;
  }
  wordsTo = job.wordsTo ?? wordsTo;
  indexShard(job).then(
    ({ records, words }) => {
      wordsTo?.postMessage({ bundle: job.bundle, words } satisfies IndexedWords);
      parentPort?.postMessage({ ok: true, records } satisfies WorkerReply);
    },
    (e: unknown) => parentPort?.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) } satisfies WorkerReply),
  );
});
