import type { Worker } from "node:worker_threads";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { ParseOptions } from "../article/parse.js";
import { readInTurn, type FreshRead, type ReadMany, type ToRead } from "./readArchive.js";
import type { ReadJob, ReadReply } from "./readWorker.js";
import { closeWorker, listen, startTypeScriptWorker } from "./typeScriptWorker.js";

/**
 * Below this many files to read afresh, they are read on the build's thread alone: a reader
 * thread takes 0.2 to 1 s to start (tsx, the parser, the name lists of topic extraction), which
 * is what reading and parsing 2,000 articles costs.
 */
const FEW = 2_000;
/** Files per message: large enough that a message costs little beside the parsing. */
const CHUNK = 250;
/**
 * Chunks a reader thread holds at once. The build's thread hands out chunks only between two of
 * its own (about 40 ms each): with one in hand and one waiting, a reader never idles meanwhile.
 */
const AHEAD = 2;

/**
 * Reads files on `threads` threads at once, this one included: a clean build parses every
 * article and finds its names (src/article/mentions.ts), 8 s at 100,000 articles on one core,
 * while nothing else of the build has started. Each thread takes chunks from one queue; the
 * outcomes are put back in the order asked, so the result is the same whichever thread read what.
 *
 * `expect` starts the threads as soon as the listing shows files the cache has not seen, before
 * the others are checked (a second at 100,000 files). `onStart` is told how many started.
 */
export function readOnThreads(threads: number, onStart: (workers: number) => void = () => undefined): ReadMany {
  let workers: Worker[] = [];
  const start = (count: number): void => {
    if (workers.length > 0 || threads <= 1 || count < FEW) return;
    // Each holds AHEAD chunks, this thread one: no more readers than chunks to give them.
    const wanted = Math.min(threads - 1, Math.floor(Math.ceil(count / CHUNK) / (AHEAD + 1)));
    workers = Array.from({ length: wanted }, () => startTypeScriptWorker(new URL("./readWorker.ts", import.meta.url)));
    onStart(workers.length);
  };
  const read = async (toRead: readonly ToRead[], options: ParseOptions, started: number, onFile: () => void): Promise<FreshRead[]> => {
    try {
      start(toRead.length);
      if (workers.length === 0) return readInTurn(toRead, options, started, onFile);
      const chunks: ToRead[][] = [];
      for (let i = 0; i < toRead.length; i += CHUNK) chunks.push(toRead.slice(i, i + CHUNK));
      const results: (readonly FreshRead[])[] = new Array(chunks.length);
      let next = 0;
      let failed = false;
      const take = (): number | undefined => (!failed && next < chunks.length ? next++ : undefined);
      const job = (chunk: number): ReadJob => ({ chunk, toRead: chunks[chunk]!, options, started });
      const readers = workers.map((worker) =>
        readOn(worker, take, job, results, onFile).catch((error: unknown) => {
          // The others stop at the chunk in hand; the read fails with this error.
          failed = true;
          throw error;
        }),
      );
      // Awaited below; until then a reader's failure must not count as unhandled.
      for (const reader of readers) reader.catch(() => undefined);
      // This thread too, yielding between chunks so that the readers' replies are taken in.
      for (let i = take(); i !== undefined; i = take()) {
        results[i] = readInTurn(chunks[i]!, options, started, onFile);
        await nextTurn();
      }
      await Promise.all(readers);
      return results.flat();
    } finally {
      // Whatever happened, no reader is left to keep the process alive.
      await Promise.all(workers.map((worker) => closeWorker(worker)));
      workers = [];
    }
  };
  return Object.assign(read, { expect: start });
}

/**
 * Chunks read by `worker`, `AHEAD` at a time, until none is left. Replies carry their chunk's
 * number; a worker that fails or dies fails the read (and the build) with its error.
 */
function readOn(worker: Worker, take: () => number | undefined, job: (i: number) => ReadJob, results: (readonly FreshRead[])[], onFile: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let held = 0;
    const fail = (error: Error): void => {
      stop();
      reject(error);
    };
    const send = (): void => {
      for (let i = held < AHEAD ? take() : undefined; i !== undefined; i = held < AHEAD ? take() : undefined) {
        held++;
        worker.postMessage(job(i));
      }
      if (held === 0) {
        stop();
        resolve();
      }
    };
    const stop = listen<ReadReply>(
      worker,
      "article reader",
      ({ chunk, reads }) => {
        held--;
        results[chunk] = reads;
        try {
          for (const _ of reads) onFile();
          send();
        } catch (error) {
          fail(error as Error);
        }
      },
      (error, how) => reject(how === "error" ? new Error(`article reader failed: ${error.message}`, { cause: error }) : error),
    );
    send();
  });
}
