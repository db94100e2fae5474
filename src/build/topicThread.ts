import type { Worker } from "node:worker_threads";
import type { Article } from "../archive/article.js";
import { TopicWeights, unpackTopics, type PackedTopics, type TopicIndex } from "../archive/topics.js";
import { ask, startTypeScriptWorker } from "../io/typeScriptWorker.js";
import type { TopicJob } from "./topicWorker.js";

/**
 * Below this many articles the topics are found on the build's thread: they take it 0.2 to 0.4 s
 * at 10,000 articles, and a thread, which must start and be sent every article's names, made a
 * rebuild no faster there (ten newest-day rebuilds each way, alternating: a median of 3.26 s with
 * the thread from 5,000 articles against 3.16 s without).
 */
export const FEW_FOR_A_THREAD = 20_000;

/**
 * Finds the archive's topics on a thread of its own, started as soon as the listing shows an
 * archive large enough, so that it is ready once the articles are read. Weighing every article's
 * names took the build's thread 1.2 s at 100,000 articles, on the path of every rebuild, while
 * the other core waited for a single search shard; the build's thread now relates the articles
 * and plans meanwhile. The index is the one `topicIndex` makes on the build's thread, whichever
 * thread made it; a thread that fails to start leaves the work to the build's.
 */
export class TopicThread {
  private worker: Worker | null = null;
  private gone = false;
  /** Whether the last topics came from the thread. */
  answered = false;

  constructor(
    private readonly cores: number,
    private readonly few = FEW_FOR_A_THREAD,
  ) {}

  /** Whether its thread is started (the archive is large enough), and not failed: the topics are then best asked for early. */
  get started(): boolean {
    return this.worker !== null && !this.gone;
  }

  /** Told how many files the archive holds: starts the thread if it will pay. */
  expect(files: number): void {
    if (this.worker !== null || this.gone || this.cores <= 1 || files < this.few) return;
    const worker = startTypeScriptWorker(new URL("./topicWorker.ts", import.meta.url));
    // A thread failing before it is asked must not take the process with it (an 'error' with no
    // listener is thrown): it is only marked gone, and the build's thread does the work.
    worker.on("error", () => undefined);
    worker.once("exit", () => (this.gone = true));
    // Until it is asked, it must not keep a failing build's process alive.
    worker.unref();
    this.worker = worker;
  }

  /** The topics of `articles` (published, newest first); on the build's thread, from `weights` (kept by the watch server). */
  async topics(articles: readonly Article[], minArticles: number, weights = new TopicWeights()): Promise<TopicIndex> {
    const worker = this.worker;
    if (worker === null || this.gone || articles.length < this.few) {
      await this.close();
      return weights.index(articles, minArticles);
    }
    worker.ref();
    const job: TopicJob = {
      urls: articles.map((a) => a.url),
      datelines: articles.map((a) => a.dateline),
      sources: articles.map((a) => a.sources),
      mentions: articles.map((a) => a.mentions),
      minArticles,
    };
    try {
      const index = unpackTopics(await ask<PackedTopics>(worker, job, "topic finder"), articles);
      this.answered = true;
      return index;
    } finally {
      await this.close();
    }
  }

  /** Lets the thread go, asked or not, without waiting for it to finish starting. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.gone = true;
    if (worker) await worker.terminate();
  }
}
