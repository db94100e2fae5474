// The word directory is made on a thread of its own: at 100,000 articles, reading 38 periods' kept
// words and merging them takes some 1.4 s of CPU that a rebuild's main thread would otherwise wait
// on after planning. Here it runs while the pages are still planned and drawn.
import { parentPort, type MessagePort } from "node:worker_threads";
import type { PeriodWords } from "../search/periodWords.js";
import type { IndexedWords } from "./searchWorker.js";
import { writeWordDirectory, type DirectoryJob } from "./wordDirectoryFiles.js";

/**
 * From the build's thread: a job, a port for each search indexer to send the words of the shards
 * it indexes (IndexedWords), then every shard's fingerprint.
 */
export type DirectoryMessage =
  | { readonly kind: "start"; readonly id: number; readonly job: DirectoryJob }
  | { readonly kind: "port"; readonly id: number; readonly port: MessagePort }
  | { readonly kind: "finish"; readonly id: number; readonly hashes: Readonly<Record<string, string>> };

/** Sent once a job is finished: the number of directory files written, or why none could be. */
export type DirectoryReply = { readonly id: number; readonly ok: true; readonly written: number } | { readonly id: number; readonly ok: false; readonly error: string };

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

interface Running {
  readonly words: Map<string, Deferred<PeriodWords>>;
  readonly ports: MessagePort[];
  readonly hashes: Deferred<Readonly<Record<string, string>>>;
  readonly written: Promise<DirectoryReply>;
  /** Told every shard's fingerprint: its build is finishing, and waits on it. */
  finishing: boolean;
}

/**
 * Jobs under way, by id. A build that failed leaves its job waiting for words that never come:
 * the next build's job supersedes every job not yet finishing (the watch server runs one build at
 * a time), and a build that does finish such a job later is told so, rather than left waiting.
 */
const jobs = new Map<number, Running>();
const superseded = new Set<number>();

const reply = (r: DirectoryReply): void => parentPort?.postMessage(r);

parentPort?.on("message", (message: DirectoryMessage) => {
  const { id } = message;
  if (message.kind === "start") {
    for (const [old, job] of jobs) {
      if (job.finishing) continue;
      for (const port of job.ports) port.close();
      jobs.delete(old);
      superseded.add(old);
    }
    const words = new Map(message.job.shards.filter((s) => s.kept === null).map((s) => [s.bundle, deferred<PeriodWords>()]));
    const hashes = deferred<Readonly<Record<string, string>>>();
    const written = writeWordDirectory(message.job, (bundle) => words.get(bundle)!.promise, hashes.promise).then(
      (n): DirectoryReply => ({ id, ok: true, written: n }),
      (e: unknown): DirectoryReply => ({ id, ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
    jobs.set(id, { words, ports: [], hashes, written, finishing: false });
    return;
  }
  const job = jobs.get(id);
  if (message.kind === "port") {
    if (!job) {
      message.port.close();
      return;
    }
    message.port.on("message", (indexed: IndexedWords) => job.words.get(indexed.bundle)?.resolve(indexed.words));
    job.ports.push(message.port);
    return;
  }
  if (!job) {
    reply({ id, ok: false, error: superseded.has(id) ? "superseded by a later build in the same process; build again" : "no such job" });
    return;
  }
  job.finishing = true;
  job.hashes.resolve(message.hashes);
  void job.written.then((r) => {
    for (const port of job.ports) port.close();
    jobs.delete(id);
    reply(r);
  });
});
