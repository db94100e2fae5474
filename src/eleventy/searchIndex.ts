import { rm } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import type { Article } from "../archive/article.js";
import type { Settings } from "../settings.js";

/** Records go to Pagefind in batches: one at a time is slow (pagefind#461), all at once holds every record in memory. */
const BATCH = 500;

/** What a reader searches: the article's words, and nothing of the page around them. */
export function searchRecord(article: Article, settings: Settings): pagefind.CustomRecord {
  const text = [article.headline, article.standfirst ?? "", article.dateline ?? "", ...article.body.map((b) => b.text)];
  return {
    url: settings.pathPrefix + article.url.slice(1),
    content: text.filter(Boolean).join("\n"),
    language: settings.language,
    meta: { title: article.headline, date: article.date, section: article.section },
    filters: {
      section: [article.section],
      source: [...article.sources],
      year: [article.date.slice(0, 4)],
    },
    sort: { date: article.date },
  };
}

export interface PendingSearchIndex {
  /** Waits for every record, then writes the index into `outputDir/pagefind/`. */
  write(outputDir: string): Promise<number>;
}

/**
 * Starts the Pagefind index from the parsed articles, not from the written HTML: pages are not
 * read back, and navigation can never leak into results. Pagefind runs in its own process, so
 * records are indexed on the second core while Eleventy renders pages on the first.
 */
export function startSearchIndex(articles: readonly Article[], settings: Settings): PendingSearchIndex {
  const indexing = (async () => {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: settings.language });
    if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
    for (let i = 0; i < articles.length; i += BATCH) {
      const batch = articles.slice(i, i + BATCH);
      const results = await Promise.all(batch.map((a) => index.addCustomRecord(searchRecord(a, settings))));
      const failed = results.flatMap((r) => r.errors);
      if (failed.length > 0) throw new Error(`pagefind: ${failed.join("; ")}`);
    }
    return index;
  })();
  // Until write() is awaited, a failure must not surface as an unhandled rejection.
  indexing.catch(() => undefined);
  return {
    async write(outputDir) {
      try {
        const index = await indexing;
        const bundle = path.resolve(outputDir, "pagefind");
        // Pagefind adds to its folder: clear it, or removed articles would stay findable.
        await rm(bundle, { recursive: true, force: true });
        const written = await index.writeFiles({ outputPath: bundle });
        if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join("; ")}`);
        return articles.length;
      } finally {
        await pagefind.close();
      }
    },
  };
}
