/**
 * The search index's topic filter. A search record must depend on its article alone: if it
 * carried the names of the archive's topics, a new article that brings a name to a topic's
 * minimum would change the records of the older articles naming it, and their search shards,
 * thousands of articles each, would be indexed again (the bench's real stories of the day: three
 * of five did so at 10,000 articles). So a record carries every name its article gives, as the
 * archive's topics key them, and a topic is searched as the names that count for it
 * (src/archive/topics.ts: `topicFilterValues`, `Topic.match`).
 *
 * Pagefind keeps one file a filter in each bundle, fetched whole when a search uses the filter:
 * every name of 5,000 articles in one file would be some 120 kB. The names are spread over
 * TOPIC_FILTERS filters by surname (the last word), so that a topic's values, its full name and
 * its surname alone, share one filter, and a search within it fetches one file of a few kB.
 */
export const TOPIC_FILTERS = 16;

/** The filter holding the names whose last word is `surname`: `topic-0` to `topic-15`. */
export function topicFilterName(surname: string): string {
  // FNV-1a over the UTF-16 units: a few lines, and the same on the build and in the browser.
  let hash = 0x811c9dc5;
  for (let i = 0; i < surname.length; i++) hash = Math.imul(hash ^ surname.charCodeAt(i), 0x01000193);
  return `topic-${(hash >>> 0) % TOPIC_FILTERS}`;
}

/** What a search within a topic asks of the index: any of `values` in `filter`. */
export interface TopicMatch {
  readonly filter: string;
  readonly values: readonly string[];
}

/** As a topic page's link and the topics' list give it: `topic-7:ronald reagan|~reagan`. */
export function formatMatch(match: TopicMatch): string {
  return `${match.filter}:${match.values.join("|")}`;
}

/** The match `formatMatch` wrote, or null for text it could not have written. */
export function parseMatch(text: string): TopicMatch | null {
  const colon = text.indexOf(":");
  const filter = text.slice(0, colon);
  const values = text.slice(colon + 1).split("|");
  if (colon < 0 || !/^topic-\d+$/u.test(filter) || values.some((v) => v === "")) return null;
  return { filter, values };
}
