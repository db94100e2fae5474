import { Worker, type Transferable } from "node:worker_threads";

/**
 * A worker thread running a TypeScript module: tsx's loader is registered inside the worker first
 * (a worker shares no module loader with the thread that starts it).
 */
export function startTypeScriptWorker(script: URL): Worker {
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

/**
 * Sends one job and waits for its reply, leaving no listener behind. A worker that dies without a
 * word (out of memory, killed) ends the wait too: a build must fail, never hang. `who` names the
 * worker in that error: `search indexer stopped (exit code 1)`.
 */
export function ask<Reply>(worker: Worker, job: unknown, who: string, transfer: readonly Transferable[] = []): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const settle = (): void => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    };
    const onMessage = (reply: Reply): void => {
      settle();
      resolve(reply);
    };
    const onError = (error: Error): void => {
      settle();
      reject(error);
    };
    const onExit = (code: number): void => {
      settle();
      reject(new Error(`${who} stopped (exit code ${code})`));
    };
    worker.once("message", onMessage);
    worker.once("error", onError);
    worker.once("exit", onExit);
    worker.postMessage(job, transfer);
  });
}
