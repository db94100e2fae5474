import { Worker, type Transferable } from "node:worker_threads";
import { workerBundle } from "./workerBundle.js";

/**
 * A worker thread running a TypeScript module: bundled as JavaScript (workerBundle.ts) or, if it
 * cannot be, through tsx, whose loader is then registered inside the worker first (a worker
 * shares no module loader with the thread that starts it).
 */
export function startTypeScriptWorker(script: URL): Worker {
  const bundle = workerBundle(script);
  if (bundle !== null) return new Worker(bundle);
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(script.href)}); });`;
  return new Worker(boot, { eval: true });
}

/** Lets a worker go once it has finished what it holds: it exits on "close". */
export function closeWorker(worker: Worker): Promise<void> {
  // Gone already (it failed): nothing to wait for.
  if (worker.threadId === -1) return Promise.resolve();
  // Referenced again: the build waits for it to go, and an unreferenced worker would let it end first.
  worker.ref();
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  worker.postMessage("close");
  return exited;
}

/** How a worker failed: an error thrown in it, or an exit without a word (out of memory, killed). */
export type WorkerFailure = "error" | "exit";

/**
 * Hands a worker's messages to `onReply` until the returned `stop` is called. A worker that fails
 * or dies without a word ends the listening too, once, with `onFailure`: a build must fail, never
 * hang. `who` names the worker when it exits: `search indexer stopped (exit code 1)`.
 */
export function listen<Reply>(worker: Worker, who: string, onReply: (reply: Reply) => void, onFailure: (error: Error, how: WorkerFailure) => void): () => void {
  const stop = (): void => {
    worker.off("message", onReply);
    worker.off("error", onError);
    worker.off("exit", onExit);
  };
  const onError = (error: Error): void => {
    stop();
    onFailure(error, "error");
  };
  const onExit = (code: number): void => {
    stop();
    onFailure(new Error(`${who} stopped (exit code ${code})`), "exit");
  };
  worker.on("message", onReply);
  worker.once("error", onError);
  worker.once("exit", onExit);
  return stop;
}

/** Sends one job and waits for its reply, leaving no listener behind (see `listen`). */
export function ask<Reply>(worker: Worker, job: unknown, who: string, transfer: readonly Transferable[] = []): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const stop = listen<Reply>(
      worker,
      who,
      (reply) => {
        stop();
        resolve(reply);
      },
      reject,
    );
    worker.postMessage(job, transfer);
  });
}
