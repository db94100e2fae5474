// One Pagefind service per worker thread: the `pagefind` module keeps a single service process
// per module instance, and each worker has its own, so two shards can be indexed at once.
import { rm } from "node:fs/promises";
import { parentPort } from "node:worker_threads";
import * as pagefind from "pagefind";

export interface ShardJob {
  readonly outputPath: string;
  readonly language: string;
  readonly records: readonly pagefind.CustomRecord[];
}

export type WorkerReply = { readonly ok: true; readonly records: number } | { readonly ok: false; readonly error: string };

/** Records go to Pagefind in batches: one at a time is slow (pagefind#461), all at once holds every message in memory. */
const BATCH = 500;

async function indexShard(job: ShardJob): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: job.language });
  if (!index) throw new Error(errors.join("; "));
  for (let i = 0; i < job.records.length; i += BATCH) {
    const results = await Promise.all(job.records.slice(i, i + BATCH).map((r) => index.addCustomRecord(r)));
    const failed = results.flatMap((r) => r.errors);
    if (failed.length > 0) throw new Error(failed.join("; "));
  }
  // Pagefind adds to its folder: clear it, or removed articles would stay findable.
  await rm(job.outputPath, { recursive: true, force: true });
  const written = await index.writeFiles({ outputPath: job.outputPath });
  if (written.errors.length > 0) throw new Error(written.errors.join("; "));
  // Frees the index's memory in the service before the next shard.
  await index.deleteIndex();
  return job.records.length;
}

parentPort?.on("message", (job: ShardJob | "close") => {
  if (job === "close") {
    void pagefind.close().then(() => process.exit(0));
    return;
  }
  indexShard(job).then(
    (records) => parentPort?.postMessage({ ok: true, records } satisfies WorkerReply),
    (e: unknown) => parentPort?.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) } satisfies WorkerReply),
  );
});
