import { NAME_PARTICLES, nameKey } from "../article/nameKey.js";
import { fnv1a } from "./fnv1a.js";

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
 * every name of 4,553 Reuters stories in one file is some 170 kB. The names are spread over
 * TOPIC_FILTERS filters by surname (the last word), so that a topic's values, its full name and
 * its surname alone, share one filter, and a search within it fetches one file: 8.5 to 15 kB for
 * that period, where the filter of the topics' names alone was 34 kB.
 */
export const TOPIC_FILTERS = 16;

/** A name's last word, less a particle: "assad" of "bashar al-assad", as a surname alone is written. */
export const surnameOf = (key: string): string => key.slice(key.lastIndexOf(" ") + 1).replace(NAME_PARTICLES, "");

/** Marks a one-word name an article shows to be a person's ("Reagan said"): a surname alone, which may count for a person's topic. */
export const SURNAME_ALONE = "~";

/**
 * The filter a value is filed in, on the build and in the browser alike: a name by its surname, a
 * surname alone by itself, so that a topic's full name and the surname alone it owns share one.
 */
export const filterOf = (value: string): string => topicFilterName(value.startsWith(SURNAME_ALONE) ? value.slice(SURNAME_ALONE.length) : surnameOf(value));

/** The filter holding the names whose last word is `surname`: `topic-0` to `topic-15`. */
function topicFilterName(surname: string): string {
  return `topic-${fnv1a(surname) % TOPIC_FILTERS}`;
}

/** What a search within a topic asks of the index: any of `values` in `filter`. */
export interface TopicMatch {
  readonly filter: string;
  readonly values: readonly string[];
}

/**
 * The match of most topics, made from the name as shown: its key alone, filed by its surname. The
 * topics' list gives only the others (a surname alone that counts, a name shown other than as
 * keyed), so that the search page's list of 15,000 topics is not twice its size.
 */
export function plainMatch(name: string): TopicMatch {
  const key = nameKey(name);
  return { filter: filterOf(key), values: [key] };
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
