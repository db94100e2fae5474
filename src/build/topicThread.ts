import type { Worker } from "node:worker_threads";
import type { Article } from "../archive/article.js";
import { topicIndex, unpackTopics, type PackedTopics, type TopicIndex } from "../archive/topics.js";
import { ask, closeWorker, startTypeScriptWorker } from "../io/typeScriptWorker.js";
import type { TopicJob } from "./topicWorker.js";

/**
 * Below this many articles the topics are found on the build's thread: they take it 0.1 s at
 * 10,000 articles, less than a thread takes to start (tsx and the name lists).
 */
export const FEW_FOR_A_THREAD = 20_000;

/**
 * Finds the archive's topics on a thread of its own, started before the articles are read so
 * that it is ready when they are. Weighing every article's names took the build's thread 1.2 s
 * at 100,000 articles, on the path of every rebuild, while the other core waited for a single
 * search shard; the build's thread now relates the articles and plans meanwhile. The index is
 * the one `topicIndex` makes on the build's thread, whichever thread made it.
 */
export class TopicThread {
  private worker: Worker | null;

  constructor(cores: number) {
    this.worker = cores > 1 ? startTypeScriptWorker(new URL("./topicWorker.ts", import.meta.url)) : null;
    // Until it is asked, it must not keep a failing build's process alive.
    this.worker?.unref();
  }

  /** The topics of `articles` (published, newest first), on the thread if it pays. */
  async topics(articles: readonly Article[], minArticles: number, few = FEW_FOR_A_THREAD): Promise<TopicIndex> {
    const worker = this.worker;
    if (worker === null || articles.length < few) {
      await this.close();
      return topicIndex(articles, minArticles);
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
      return unpackTopics(await ask<PackedTopics>(worker, job, "topic finder"), articles);
    } finally {
      await this.close();
    }
  }

  /** Lets the thread go, asked or not. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await closeWorker(worker);
  }
}
