import path from "node:path";
import type { MessagePort, Worker } from "node:worker_threads";
import type * as pagefind from "pagefind";
import type { Article } from "../archive/article.js";
import { topicFilterValues } from "../archive/topics.js";
import type { ParseOptions } from "../article/parse.js";
import type { Block } from "../article/types.js";
import { ifMade } from "../io/lazyList.js";
import { ask, closeWorker as close, startTypeScriptWorker } from "../io/typeScriptWorker.js";
import type { Settings } from "../settings.js";
import type { ShardJob, WorkerReply } from "./searchWorker.js";

/** What a search record says of the site: where pages live, and in which language. */
export type RecordSettings = Pick<Settings, "pathPrefix" | "language">;

/**
 * What a reader searches: the article's words, and nothing of the page around them. Made from the
 * article alone, so that a change elsewhere in the archive never indexes it again.
 */
export function searchRecord(article: Article, settings: RecordSettings): pagefind.CustomRecord {
  const lead = [article.headline, article.standfirst ?? "", article.dateline ?? ""].filter(Boolean);
  return {
    url: settings.pathPrefix + article.url.slice(1),
    content: [...lead, ...article.body.map((b) => b.text)].join("\n"),
    language: settings.language,
    // Pagefind matches and boosts the words of every meta field: only what a reader may search.
    meta: { title: article.headline, date: article.date, section: article.section },
    filters: {
      section: [article.section],
      source: [...article.sources],
      year: [article.date.slice(0, 4)],
      // For a date range that cuts through a period: its days (src/searchPage/periods.ts).
      day: [article.date],
      // The names it gives, for "search within" a topic (src/search/topicFilter.ts).
      ...topicFilterValues(article),
      // How many words open the text before the body, so that an excerpt can start past them
      // (src/search/excerpt.ts), counted as Pagefind counts words. A filter, not meta: Pagefind
      // indexes every meta field's words, and "12" would find every article with a lead of 12.
      lead: [String(lead.join(" ").split(/[^\S\uFEFF]+/u).filter(Boolean).length)],
    },
    sort: { date: article.date },
  };
}

const startWorker = (): Worker => startTypeScriptWorker(new URL("./searchWorker.ts", import.meta.url));

/**
 * Indexers started while the archive is read, before anyone knows whether a shard changed: a
 * worker takes some 0.4 s to load tsx and Pagefind, and in a rebuild the one shard to index is
 * what the build waits for last. Unreferenced until given work, so a build that fails first, or
 * has nothing to index, is not kept alive by them.
 */
export function startIndexers(count: number): Worker[] {
  return Array.from({ length: count }, () => {
    const worker = startWorker();
    worker.unref();
    return worker;
  });
}

/**
 * An article on its way to an indexer. A body still in its file (see parseCache.ts) is read there,
 * on the indexer's thread: reading back a 5,000-article shard would otherwise hold up the pages.
 */
export interface RecordSource {
  readonly article: Omit<Article, "body">;
  readonly body: readonly Block[] | null;
  /** The file's digest, which the body read back must match. */
  readonly digest: string;
}

export function recordSource(article: Article, digest: string): RecordSource {
  const { body, ...rest } = article;
  return { article: rest, body: ifMade(body), digest };
}

export interface ShardToIndex {
  readonly bundle: string;
  readonly size: number;
  /** Made when the shard's turn comes: a queue of 100,000 articles' text is 100 MB held for nothing. */
  readonly records: () => readonly RecordSource[];
}

/**
 * Indexes search shards with Pagefind, from the parsed articles rather than the written HTML:
 * pages are not read back, and navigation can never leak into results. Each indexer is a worker
 * thread with its own Pagefind process. Pagefind spends half its time waiting on its pipe and its
 * writes (a 5,000-article shard: 3.3 s of wall time for 1.9 s of CPU), so two indexers share the
 * core drawing leaves free; once drawing is over, `widen()` adds one for each thread that drew
 * (build.ts, up to six in all).
 */
export class SearchIndexer {
  private readonly queue: ShardToIndex[];
  private readonly workers: Promise<void>[] = [];
  /** Records to index this build, and how many are done. */
  readonly total: number;
  indexed = 0;
  /** Told the size of each shard as it is written, for progress. */
  onShard: (records: number) => void = () => undefined;

  /** `ready`: indexers already started (see startIndexers); each is put to work or closed. */
  constructor(
    shards: readonly ShardToIndex[],
    private readonly outputDir: string,
    private readonly settings: RecordSettings,
    private readonly parseOptions: ParseOptions,
    ready: readonly Worker[] = [],
    /** A port to the word directory's thread, for each indexer: it sends there each shard's words. */
    private readonly wordsPort: () => MessagePort | null = () => null,
  ) {
    this.total = shards.reduce((n, s) => n + s.size, 0);
    // Largest first: a big shard left for last would keep one core busy alone.
    this.queue = [...shards].sort((a, b) => b.size - a.size);
    const idle = [...ready];
    this.widen(idle.shift());
    this.widen(idle.shift());
    for (const worker of idle) this.workers.push(close(worker));
  }

  /** Starts one more indexer on the shards still waiting (on `worker`, if one is started already). */
  widen(worker?: Worker): void {
    if (this.queue.length === 0) {
      if (worker) this.workers.push(close(worker));
      return;
    }
    const run = this.runWorker(worker ?? startWorker());
    run.catch(() => undefined);
    this.workers.push(run);
  }

  /** Resolves with the number of records indexed, once every shard is written. */
  async finished(): Promise<number> {
    await Promise.all(this.workers);
    return this.indexed;
  }

  private async runWorker(worker: Worker): Promise<void> {
    worker.ref();
    try {
      let wordsTo = this.wordsPort();
      for (let shard = this.queue.shift(); shard; shard = this.queue.shift()) {
        const job: ShardJob = { bundle: shard.bundle, outputPath: path.resolve(this.outputDir, shard.bundle), settings: this.settings, parseOptions: this.parseOptions, sources: shard.records(), ...(wordsTo ? { wordsTo } : {}) };
        const reply = await ask<WorkerReply>(worker, job, "search indexer", wordsTo ? [wordsTo] : []);
        wordsTo = null;
        if (!reply.ok) throw new Error(`${job.outputPath}: search index not written: ${reply.error}`);
        this.indexed += reply.records;
        this.onShard(reply.records);
      }
    } catch (error) {
      // The build fails with this error: the other indexers stop after the shard in hand.
      this.queue.length = 0;
      throw error;
    } finally {
      await close(worker);
    }
  }
}
