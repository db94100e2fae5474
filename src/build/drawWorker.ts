// A thread drawing runs of archive pages (see draw.ts), with a template environment of its own.
import { parentPort } from "node:worker_threads";
import type { ParseOptions } from "../article/parse.js";
import { archiveEnvironment, drawRun, type RunPlace } from "../eleventy/runs.js";
import { lazyList } from "../io/lazyList.js";
import { readBackOrForget } from "../io/parseCache.js";
import { readBody } from "../io/readArchive.js";
import type { WrittenPage } from "./buildReport.js";
import type { SentRun } from "./draw.js";
import { CACHE_DIR } from "./incremental.js";
import type { RenderLists } from "./prepare.js";

export interface DrawJob {
  readonly run: SentRun;
  readonly place: RunPlace;
  /** To read back bodies left in their files. */
  readonly parseOptions: ParseOptions;
  /** Pages drawn by every thread, counted for the build's progress. */
  readonly counter: Int32Array;
}

export type DrawReply = { readonly ok: true; readonly written: readonly WrittenPage[] } | { readonly ok: false; readonly error: string };

/** A run as received: a body left in its file is read back when its page is drawn, as on the build's thread. */
function received({ run, parseOptions }: DrawJob): RenderLists {
  const articles = run.articles.map(({ digest, body, ...page }) => ({
    ...page,
    body: body ?? lazyList(() => readBackOrForget(CACHE_DIR, page.file, () => readBody(page.file, digest, parseOptions))),
  }));
  return { ...run, articles };
}

/** The environment of this thread's build: a worker draws for one build only. */
let env: ReturnType<typeof archiveEnvironment> | null = null;

parentPort?.on("message", (job: DrawJob | "close") => {
  if (job === "close") {
    process.exit(0);
  }
  env ??= archiveEnvironment(job.place.settings, job.place.includes);
  drawRun(received(job), job.place, env, () => Atomics.add(job.counter, 0, 1)).then(
    (written) => parentPort?.postMessage({ ok: true, written } satisfies DrawReply),
    (e: unknown) => parentPort?.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) } satisfies DrawReply),
  );
});
