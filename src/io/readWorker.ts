// A thread reading and parsing articles for a build (see readers.ts).
import { parentPort } from "node:worker_threads";
import type { ParseOptions } from "../article/parse.js";
import { readFresh, type FreshRead, type ToRead } from "./readArchive.js";

export interface ReadJob {
  /** Which chunk of the files to read this is, given back with the reply. */
  readonly chunk: number;
  readonly toRead: readonly ToRead[];
  readonly options: ParseOptions;
  readonly started: number;
}

export interface ReadReply {
  readonly chunk: number;
  readonly reads: readonly FreshRead[];
}

parentPort?.on("message", (job: ReadJob | "close") => {
  if (job === "close") process.exit(0);
  // readFresh catches what a file can do wrong; anything else ends the worker, and the build with it.
  const reads = job.toRead.map((entry) => readFresh(entry, job.options, job.started));
  parentPort?.postMessage({ chunk: job.chunk, reads } satisfies ReadReply);
});
