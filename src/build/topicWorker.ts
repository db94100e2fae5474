// A thread finding the archive's topics while the build's thread plans the rest (topicThread.ts).
import { parentPort } from "node:worker_threads";
import type { Article } from "../archive/article.js";
import { packTopics, topicIndex, type PackedTopics } from "../archive/topics.js";

/** Each article's inputs to the topics, field by field, in the archive's order. */
export interface TopicJob {
  readonly urls: readonly string[];
  readonly datelines: readonly (string | null)[];
  readonly sources: readonly (readonly string[])[];
  readonly mentions: readonly Article["mentions"][];
  readonly minArticles: number;
}

parentPort?.on("message", (job: TopicJob) => {
  const articles = job.urls.map((url, i) => ({ url, dateline: job.datelines[i]!, sources: job.sources[i]!, mentions: job.mentions[i]! }));
  const packed: PackedTopics = packTopics(topicIndex(articles, job.minArticles), articles);
  parentPort?.postMessage(packed, [packed.members.buffer, packed.memberStarts.buffer, packed.named.buffer, packed.namedStarts.buffer]);
});
