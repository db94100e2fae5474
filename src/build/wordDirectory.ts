import { MessageChannel, type MessagePort, type Worker } from "node:worker_threads";
import { startTypeScriptWorker } from "../io/typeScriptWorker.js";
import type { DirectoryJob } from "./wordDirectoryFiles.js";
import type { DirectoryMessage, DirectoryReply } from "./wordDirectoryWorker.js";

/**
 * The thread that makes the word directory, started with the first build and kept for the next
 * (the watch server keeps each period's words there). Unreferenced but while a build waits on it:
 * a build that fails first is never kept alive by it.
 */
let thread: Worker | null = null;
let jobs = 0;

function directoryThread(): Worker {
  if (thread === null) {
    const worker = startTypeScriptWorker(new URL("./wordDirectoryWorker.ts", import.meta.url));
    worker.unref();
    worker.once("exit", () => {
      if (thread === worker) thread = null;
    });
    // Reported to the build that waits on it (finish); with none waiting, there is nothing to tell.
    worker.on("error", () => undefined);
    thread = worker;
  }
  return thread;
}

/**
 * One build's word directory, made on its own thread as the build goes: started once the search
 * shards are planned, sent the words of each shard as it is indexed (port), finished once all are.
 */
export class WordDirectory {
  private readonly id = ++jobs;
  private readonly worker = directoryThread();

  constructor(job: DirectoryJob) {
    this.send({ kind: "start", id: this.id, job });
  }

  /**
   * A port for a search indexer to send the words of each shard it indexes (searchWorker.ts),
   * straight to the directory's thread.
   */
  port(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    this.worker.postMessage({ kind: "port", id: this.id, port: port1 } satisfies DirectoryMessage, [port1]);
    return port2;
  }

  /** Once every shard is indexed: writes what changed, returning how many files it wrote. */
  finish(hashes: Readonly<Record<string, string>>): Promise<number> {
    const { worker, id } = this;
    // Gone since the job started (out of memory, killed): its exit was already told.
    if (thread !== worker) return Promise.reject(new Error("search word directory not written: its thread stopped"));
    worker.ref();
    return new Promise<number>((resolve, reject) => {
      const settle = (): void => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        worker.unref();
      };
      const onMessage = (reply: DirectoryReply): void => {
        if (reply.id !== id) return;
        settle();
        if (reply.ok) resolve(reply.written);
        else reject(new Error(`search word directory not written: ${reply.error}`));
      };
      const onError = (error: Error): void => {
        settle();
        reject(error);
      };
      const onExit = (code: number): void => {
        settle();
        reject(new Error(`word directory thread stopped (exit code ${code})`));
      };
      worker.on("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onExit);
      this.send({ kind: "finish", id, hashes });
    });
  }

  private send(message: DirectoryMessage): void {
    this.worker.postMessage(message);
  }
}
