// A thread drawing runs of archive pages with an Eleventy of its own (see draw.ts).
import { parentPort } from "node:worker_threads";
import type { ParseOptions } from "../article/parse.js";
import { drawBatch } from "../eleventy/runs.js";
import { lazyList } from "../io/lazyList.js";
import { readBackOrForget } from "../io/parseCache.js";
import { readBody } from "../io/readArchive.js";
import type { WrittenPage } from "./buildReport.js";
import type { SentRun } from "./draw.js";
import { CACHE_DIR } from "./incremental.js";
import type { RenderLists } from "./prepare.js";
import type { Settings } from "../settings.js";

export interface DrawJob {
  readonly run: SentRun;
  readonly input: string;
  readonly output: string;
  readonly configPath: string;
  readonly settings: Settings;
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

/**
 * What went wrong, in the build's words: Eleventy wraps an error thrown while a page is drawn
 * ("Having trouble rendering…") around ours (`…: changed while the site was being built`).
 */
function innermost(error: unknown): string {
  let e = error;
  for (;;) {
    const inner = (e as { originalError?: unknown; cause?: unknown } | null)?.originalError ?? (e as { cause?: unknown } | null)?.cause;
    if (!(inner instanceof Error)) break;
    e = inner;
  }
  return e instanceof Error ? e.message : String(e);
}

parentPort?.on("message", (job: DrawJob | "close") => {
  if (job === "close") {
    process.exit(0);
  }
  drawBatch(received(job), job, () => Atomics.add(job.counter, 0, 1)).then(
    (written) => parentPort?.postMessage({ ok: true, written } satisfies DrawReply),
    (e: unknown) => parentPort?.postMessage({ ok: false, error: innermost(e) } satisfies DrawReply),
  );
});
