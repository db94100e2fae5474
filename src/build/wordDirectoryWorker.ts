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
  readonly id: number;
  readonly words: Map<string, Deferred<PeriodWords>>;
  readonly ports: MessagePort[];
  readonly hashes: Deferred<Readonly<Record<string, string>>>;
  readonly written: Promise<DirectoryReply>;
}

/**
 * The job in hand. A build that failed leaves its job waiting for words that never come: the
 * next build's job takes its place, and the old one is forgotten unanswered.
 */
let running: Running | null = null;

parentPort?.on("message", (message: DirectoryMessage) => {
  if (message.kind === "start") {
    const words = new Map(message.job.shards.filter((s) => s.kept === null).map((s) => [s.bundle, deferred<PeriodWords>()]));
    const hashes = deferred<Readonly<Record<string, string>>>();
    const { id } = message;
    for (const port of running?.ports ?? []) port.close();
    const written = writeWordDirectory(message.job, (bundle) => words.get(bundle)!.promise, hashes.promise).then(
      (n): DirectoryReply => ({ id, ok: true, written: n }),
      (e: unknown): DirectoryReply => ({ id, ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
    running = { id, words, ports: [], hashes, written };
    return;
  }
  if (running?.id !== message.id) return;
  if (message.kind === "port") {
    const { words } = running;
    message.port.on("message", (indexed: IndexedWords) => words.get(indexed.bundle)?.resolve(indexed.words));
    running.ports.push(message.port);
  } else {
    running.hashes.resolve(message.hashes);
    void running.written.then((reply) => parentPort?.postMessage(reply));
  }
});
